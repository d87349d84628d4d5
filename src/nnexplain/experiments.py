r"""The seed articles' experiments, as reusable recipes.

:func:`weight_scale_experiment` is seed article 002's experiment (from "Deep Learning from
Scratch", chapter 6): push 1000 standard normal samples through 5 bias-free layers of 100 sigmoid
units whose weights have a chosen scale, and keep each layer's activations.
:func:`weight_scale_inits` are the four weight scales the pages compare.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_array, check_int, check_random_state
from .initializers import HeNormal, Normal, XavierNormal
from .network import MLP

__all__ = [
    "weight_scale_experiment",
    "weight_scale_inits",
]


def weight_scale_inits() -> dict:
    r"""The four weight initialisations of seed 002, by the name the pages use.

    ``"std 1"`` and ``"std 0.01"`` (normal weights of a fixed std), ``"Xavier"``
    (:math:`\sigma = \sqrt{1/n}`, fan-in mode) and ``"He"`` (:math:`\sigma = \sqrt{2/n}`).
    A fresh dict of fresh initialiser objects each call.

    Returns
    -------
    dict of str to Initializer

    Examples
    --------
    >>> list(weight_scale_inits())
    ['std 1', 'std 0.01', 'Xavier', 'He']
    """
    return {
        "std 1": Normal(std=1.0),
        "std 0.01": Normal(std=0.01),
        "Xavier": XavierNormal(mode="fan_in"),  # sqrt(1 / n)
        "He": HeNormal(),  # sqrt(2 / n)
    }


def weight_scale_experiment(
    X=None,
    *,
    n_layers=5,
    width=100,
    activation="sigmoid",
    init=1.0,
    bias=False,
    n_samples=1000,
    seed=None,
) -> list[np.ndarray]:
    r"""Seed 002's experiment: the activations of a deep stack of layers at initialisation.

    ``X`` goes through ``n_layers`` fully connected layers of ``width`` units with activation
    ``activation`` (the last one too: there is no separate output layer), whose weights are drawn
    by ``init``. Nothing is trained. With sigmoid and 100 units per layer:

    - ``init=1.0`` (std 1): pre-activations have std about 10, so the activations pile up at 0
      and 1, where :math:`\sigma' \approx 0`: gradients vanish;
    - ``init=0.01``: pre-activations are about 0, every activation is close to 0.5, every unit
      says the same thing;
    - ``"xavier"`` (Glorot normal, std :math:`\sqrt{2/(n_{in} + n_{out})}`; with the default
      input every layer is ``width`` x ``width`` and this is the article's :math:`\sqrt{1/n}`):
      the activations stay spread over (0, 1);
    - ``"he"`` (std :math:`\sqrt{2/n_{in}}`) does for ReLU what Xavier does for sigmoid and tanh.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features) or None
        Input; ``None`` draws ``n_samples`` x ``width`` standard normal values from ``seed``
        (1000 x 100 as in the article).
    n_layers : int, default=5
    width : int, default=100
    activation : str or Activation, default="sigmoid"
    init : float, str or Initializer, default=1.0
        A float is the standard deviation of zero-mean normal weights (the article's ``* 1`` and
        ``* 0.01``); a name or an initialiser as for :class:`~nnexplain.network.MLP`
        (``"xavier"``, ``"he"``).
    bias : bool, default=False
        The article's layers have no bias; with ``True`` biases start at 0, which changes
        nothing here.
    n_samples : int, default=1000
        Only used when ``X`` is None.
    seed : None, int or numpy.random.Generator
        Draws the input (when ``X`` is None) and then the weights.

    Returns
    -------
    list of ndarray of shape (n_samples, width)
        One array of activations per layer, first layer first.

    See Also
    --------
    nnexplain.distributions.activation_histograms, nnexplain.plot.plot_activation_histograms

    Examples
    --------
    >>> acts = weight_scale_experiment(init=0.01, seed=0)
    >>> len(acts), acts[-1].shape
    (5, (1000, 100))
    >>> bool(abs(acts[-1].mean() - 0.5) < 0.01)
    True
    """
    n_layers = check_int(n_layers, "n_layers")
    width = check_int(width, "width")
    rng = check_random_state(seed)
    if X is None:
        n_samples = check_int(n_samples, "n_samples")
        X = rng.standard_normal((n_samples, width))
    X = check_array(X, "X", ndim=2)
    if isinstance(init, numbers.Real) and not isinstance(init, (bool, np.bool_)):
        if not (np.isfinite(init) and init > 0):
            raise ValueError(f"init as a float is a weight std and must be > 0; got {init}")
        init = Normal(std=float(init))
    net = MLP(
        [X.shape[1]] + [width] * n_layers,
        activation=activation,
        output=activation,
        bias=bias,
        init=init,
        seed=rng,
    )
    return net.trace(X).post_activations
