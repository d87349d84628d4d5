"""nnexplain: see what a neural network does to data, layer by layer.

The maths lives in small numpy-only modules (:mod:`~nnexplain.activations`,
:mod:`~nnexplain.initializers`, :mod:`~nnexplain.network`, :mod:`~nnexplain.losses`,
:mod:`~nnexplain.optimizers`, :mod:`~nnexplain.training`, :mod:`~nnexplain.datasets`); drawing
lives in :mod:`nnexplain.plot` and :mod:`nnexplain.animate`, imported on their own so that the
maths never imports matplotlib.
"""

from .activations import get_activation
from .initializers import get_initializer
from .losses import get_loss
from .network import MLP, Dense, Stage, Trace
from .optimizers import get_optimizer
from .training import History, fit, train_mlp

__version__ = "0.1.0.dev0"

__all__ = [
    "MLP",
    "Dense",
    "History",
    "Stage",
    "Trace",
    "fit",
    "get_activation",
    "get_initializer",
    "get_loss",
    "get_optimizer",
    "train_mlp",
]
