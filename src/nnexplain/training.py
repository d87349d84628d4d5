"""Training: minibatch gradient descent with a per-epoch history and parameter snapshots.

:func:`fit` and :meth:`nnexplain.network.MLP.fit` run the same loop (it lives in the private
``nnexplain._backprop``, next to the gradient kernel, so that ``network`` and ``training`` never
import each other). Each epoch shuffles the training set
with a seeded generator, walks it in minibatches, and then records the loss and accuracy on the
whole training (and validation) set. Snapshots of the parameters, taken every ``k`` steps or
epochs, are what the training animations of :mod:`nnexplain.animate` replay.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._backprop import LOSS_GROWTH_LIMIT, PARAMETER_LIMIT, DivergenceError, History, Snapshot
from ._backprop import fit as _fit
from ._validation import check_int
from .network import MLP, check_mlp

__all__ = [
    "LOSS_GROWTH_LIMIT",
    "PARAMETER_LIMIT",
    "DivergenceError",
    "History",
    "SeedRuns",
    "Snapshot",
    "fit",
    "train_mlp",
    "train_seeds",
]


def fit(
    model,
    X,
    y,
    *,
    epochs=20,
    batch_size=32,
    optimizer="adam",
    lr=None,
    loss=None,
    shuffle=True,
    validation_split=0.0,
    validation_data=None,
    snapshot_every=None,
    snapshot_unit="epoch",
    target_accuracy=None,
    evaluate=True,
    seed=None,
) -> History:
    """Train ``model`` in place with minibatch gradient descent.

    Parameters
    ----------
    model : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
        Class labels (0/1 for a sigmoid output, 0..k-1 for softmax) or regression targets.
        Soft targets such as 0.5 for a sigmoid output are refused (see
        :class:`~nnexplain.losses.BinaryCrossEntropy`); pass ``loss="mse"`` to fit them.
    epochs : int, default=20
    batch_size : int, default=32
        Capped at the number of training samples (so ``batch_size=len(X)`` is full batch).
    optimizer : str or Optimizer, default="adam"
    lr : float or None
        Learning rate; ``None`` keeps the optimiser's default (0.001 for Adam, 0.01 for SGD).
    loss : str, Loss or None
        ``None`` pairs the loss with the output activation (BCE, cross-entropy, MSE).
    shuffle : bool, default=True
        Reshuffle the training set every epoch (seeded).
    validation_split : float, default=0.0
        Fraction of samples held out for validation, chosen at random (seeded), in [0, 1).
    validation_data : (X_val, y_val) or None
        Explicit validation set (takes precedence over ``validation_split``).
    snapshot_every : int or None
        Keep a copy of the parameters every this many ``snapshot_unit``, plus one before
        training and one at the end.
    snapshot_unit : {"epoch", "step"}
    target_accuracy : float or None
        Stop at the end of the first epoch whose training accuracy reaches this value.
    evaluate : bool, default=True
        Compute loss and accuracy on the whole training (and validation) set after each epoch.
        ``False`` skips that cost (the history then only counts steps and snapshots).
    seed : None, int or numpy.random.Generator
        Randomness for the split and the shuffling.

    Returns
    -------
    History

    Raises
    ------
    DivergenceError
        When training explodes; the message names the step and suggests a smaller learning
        rate. Explosion is a gradient, loss or parameter that is NaN or infinite, a loss at the
        end of an epoch above :data:`LOSS_GROWTH_LIMIT` (100) times the loss before training
        (or 100 when that is below 1), or a parameter larger than :data:`PARAMETER_LIMIT`
        (``1e6``, or 1000 times the largest initial parameter). The loss test needs
        ``evaluate=True`` (the default).
    """
    check_mlp(model, "model")
    return _fit(
        model,
        X,
        y,
        epochs=epochs,
        batch_size=batch_size,
        optimizer=optimizer,
        lr=lr,
        loss=loss,
        shuffle=shuffle,
        validation_split=validation_split,
        validation_data=validation_data,
        snapshot_every=snapshot_every,
        snapshot_unit=snapshot_unit,
        target_accuracy=target_accuracy,
        evaluate=evaluate,
        seed=seed,
    )


def train_mlp(sizes, X, y, *, activation="tanh", seed=None, fit_seed=None, **options):
    """Build an :class:`~nnexplain.network.MLP` and train it: a trained network in one call.

    The same as ``net = MLP(sizes, activation, seed=seed)`` followed by
    ``net.fit(X, y, seed=seed, ...)``, which is how most gallery pages make the networks they
    compare.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output.
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
    activation : str, Activation or sequence of them, default="tanh"
        Hidden-layer activation(s).
    seed : None, int or numpy.random.Generator
        Randomness of the initial weights, and of the shuffling unless ``fit_seed`` is given.
    fit_seed : None, int or numpy.random.Generator
        Randomness of the shuffling (and validation split), when it should differ from ``seed``.
    **options
        ``output``, ``bias``, ``init`` and ``dtype`` go to :class:`MLP`; everything else
        (``epochs``, ``batch_size``, ``lr``, ``evaluate``, ...) goes to :func:`fit`.

    Returns
    -------
    MLP
        The trained network.

    Examples
    --------
    >>> from nnexplain.datasets import make_xor
    >>> X, y = make_xor(200, seed=0)
    >>> net = train_mlp([2, 4, 1], X, y, epochs=5, seed=0, evaluate=False)
    >>> net
    MLP(2-4-1, tanh -> sigmoid)
    """
    build = {k: options.pop(k) for k in ("output", "bias", "init", "dtype") if k in options}
    net = MLP(sizes, activation, seed=seed, **build)
    net.fit(X, y, seed=seed if fit_seed is None else fit_seed, **options)
    return net


# --------------------------------------------------------------------------------------------
# the same network trained from many seeds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedRuns:
    """One architecture trained once per seed: what :func:`train_seeds` returns.

    Attributes
    ----------
    seeds : tuple of int
    nets : list of MLP
        The trained networks, in the order of ``seeds``.
    accuracies : ndarray of shape (n_seeds,)
        Accuracy of each network on the evaluation set.
    """

    seeds: tuple
    nets: list
    accuracies: np.ndarray

    def count_at_least(self, threshold) -> int:
        """How many seeds reach ``accuracy >= threshold``."""
        return int(np.sum(self.accuracies >= threshold))

    def fraction_at_least(self, threshold) -> float:
        """The fraction of seeds that reach ``accuracy >= threshold``."""
        return self.count_at_least(threshold) / len(self.seeds)

    def net_of(self, seed):
        """The network trained from ``seed``."""
        if seed not in self.seeds:
            raise ValueError(f"seed {seed!r} was not trained; the seeds are {list(self.seeds)}")
        return self.nets[self.seeds.index(seed)]

    def __repr__(self) -> str:
        acc = self.accuracies
        return (
            f"SeedRuns({self.nets[0]!r}, {len(self.seeds)} seeds, accuracy "
            f"{acc.min():.1%} to {acc.max():.1%}, {self.count_at_least(1.0)} at 100 %)"
        )


def train_seeds(sizes, X, y, seeds, *, eval_data=None, **options) -> SeedRuns:
    """Train the same architecture once per seed and measure each network's accuracy.

    How often a network reaches a given accuracy is a property of the seeds as much as of the
    architecture; pages that say "in 9 of 20 seeds" compute it with this.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output.
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,)
    seeds : int or sequence of int
        An int ``n`` means ``range(n)``. Each seed is passed to :func:`train_mlp` as ``seed``
        (initial weights and shuffling).
    eval_data : (X_eval, y_eval) or None
        Where the accuracy is measured; ``None`` measures it on the training set.
    **options
        Passed to :func:`train_mlp` (``activation``, ``epochs``, ``batch_size``, ``lr``, ...).

    Returns
    -------
    SeedRuns

    Examples
    --------
    >>> from nnexplain.datasets import make_xor
    >>> X, y = make_xor(100, seed=0)
    >>> runs = train_seeds([2, 4, 1], X, y, seeds=3, epochs=2, evaluate=False)
    >>> runs.seeds, runs.accuracies.shape
    ((0, 1, 2), (3,))
    """
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seeds = range(check_int(seeds, "seeds"))
    try:
        seeds = tuple(seeds)
    except TypeError:
        raise TypeError(f"seeds must be an int or a sequence of ints; got {seeds!r}") from None
    if not seeds:
        raise ValueError("seeds is empty; give at least one seed")
    for s in seeds:
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            raise TypeError(f"seeds must hold ints; got {s!r} ({type(s).__name__})")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds must be distinct; got {list(seeds)}")
    seeds = tuple(int(s) for s in seeds)
    if eval_data is None:
        eval_data = (X, y)
    elif not isinstance(eval_data, (tuple, list)) or len(eval_data) != 2:
        raise TypeError("eval_data must be None or a pair (X_eval, y_eval)")
    nets = [train_mlp(sizes, X, y, seed=s, **options) for s in seeds]
    accuracies = np.array([net.accuracy(*eval_data) for net in nets])
    return SeedRuns(seeds, nets, accuracies)
