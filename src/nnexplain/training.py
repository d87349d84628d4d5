"""Training: minibatch gradient descent with a per-epoch history and parameter snapshots.

:func:`fit` is what :meth:`nnexplain.network.MLP.fit` calls. Each epoch shuffles the training set
with a seeded generator, walks it in minibatches, and then records the loss and accuracy on the
whole training (and validation) set. Snapshots of the parameters, taken every ``k`` steps or
epochs, are what the training animations of :mod:`nnexplain.animate` replay.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_int, check_positive, check_random_state
from .optimizers import get_optimizer

__all__ = ["DivergenceError", "History", "SeedRuns", "Snapshot", "fit", "train_mlp", "train_seeds"]

#: Training sets with more numbers than this are gathered batch by batch (see :func:`fit`).
_GATHER_ABOVE = 2**20


class DivergenceError(FloatingPointError):
    """Training produced a non-finite gradient: the learning rate is too large for the data."""


@dataclass(frozen=True)
class Snapshot:
    """Parameters at one moment of training.

    Attributes
    ----------
    step : int
        Optimiser steps taken so far (0 = before training).
    epoch : float
        Epochs completed so far (fractional between epoch ends).
    weights : list of (W, b)
        Copies, as :meth:`MLP.get_weights` returns them.
    """

    step: int
    epoch: float
    weights: list


@dataclass
class History:
    """What happened during :func:`fit`, one entry per epoch.

    Attributes
    ----------
    epoch : list of int
    loss, accuracy : list of float
        On the whole training set at the end of each epoch (accuracy is ``nan`` for
        non-classifiers).
    val_loss, val_accuracy : list of float
        On the validation set (empty without one).
    steps : int
        Optimiser steps taken.
    snapshots : list of Snapshot
    stopped_early : bool
        Whether ``target_accuracy`` was reached before the last epoch.
    """

    epoch: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    steps: int = 0
    snapshots: list = field(default_factory=list)
    stopped_early: bool = False

    def as_arrays(self) -> dict:
        """The per-epoch lists as float ndarrays, keyed by name."""
        return {
            k: np.asarray(getattr(self, k), dtype=float)
            for k in ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
        }

    def __repr__(self) -> str:
        if not self.epoch:
            return "History(no epochs)"
        text = (
            f"History({len(self.epoch)} epochs, {self.steps} steps, "
            f"loss {self.loss[-1]:.4g}, accuracy {self.accuracy[-1]:.4f}"
        )
        if self.val_loss:
            text += f", val_accuracy {self.val_accuracy[-1]:.4f}"
        return text + (", stopped early)" if self.stopped_early else ")")


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
        When a gradient becomes NaN or infinite; the message names the step.
    """
    from .network import MLP, _Workspace

    if not isinstance(model, MLP):
        raise TypeError(f"model must be an MLP; got {type(model).__name__}")
    epochs = check_int(epochs, "epochs")
    batch_size = check_int(batch_size, "batch_size")
    rng = check_random_state(seed)
    loss_fn = model._resolve_loss(loss)
    opt = get_optimizer(optimizer, **({} if lr is None else {"lr": check_positive(lr, "lr")}))
    if snapshot_unit not in ("epoch", "step"):
        raise ValueError(f"snapshot_unit must be 'epoch' or 'step'; got {snapshot_unit!r}")
    if snapshot_every is not None:
        snapshot_every = check_int(snapshot_every, "snapshot_every")
    if target_accuracy is not None:
        target_accuracy = check_positive(target_accuracy, "target_accuracy")
        if target_accuracy > 1:
            raise ValueError(f"target_accuracy must be in (0, 1]; got {target_accuracy}")
    validation_split = check_positive(validation_split, "validation_split", allow_zero=True)
    if validation_split >= 1:
        raise ValueError(f"validation_split must be in [0, 1); got {validation_split}")

    X = model._check_X(X)
    n_out = model.sizes[-1]
    t = loss_fn.check_targets(y, X.shape[0], n_out)
    is_classifier = loss_fn.output is not None
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise TypeError("validation_data must be a pair (X_val, y_val)")
        X_val = model._check_X(validation_data[0], "validation_data[0]")
        t_val = loss_fn.check_targets(validation_data[1], X_val.shape[0], n_out)
    elif validation_split > 0:
        n_val = int(round(validation_split * X.shape[0]))
        if n_val < 1 or n_val >= X.shape[0]:
            raise ValueError(
                f"validation_split={validation_split} of {X.shape[0]} samples leaves "
                f"{n_val} for validation; both sets need at least one sample"
            )
        order = rng.permutation(X.shape[0])
        X_val, t_val = X[order[:n_val]], t[order[:n_val]]
        X, t = X[order[n_val:]], t[order[n_val:]]
    else:
        X_val = t_val = None

    n = X.shape[0]
    batch_size = min(batch_size, n)
    # A small training set is shuffled as a whole every epoch and sliced into batches. A large
    # one is instead gathered batch by batch into reused buffers, which spares two copies of the
    # whole set (one with the column of ones, one shuffled) and their memory traffic.
    gather = n * X.shape[1] > _GATHER_ABOVE
    Xaug_all = None if gather else _Workspace(model, 0).augment(X)
    n_in, bias = X.shape[1], model.layers[0].bias
    target_all = loss_fn.prepare(t, n_out, model.dtype)
    grad = np.empty_like(model.parameters)
    params = model.parameters
    workspaces = {}
    history = History()
    step = 0

    def evaluate_on(Xe, te):
        with np.errstate(over="ignore", invalid="ignore"):  # an infinite loss raises below
            z = model.decision_function(Xe)
            out = model.layers[-1].activation(z)
            value = loss_fn(z if is_classifier else out, te)
        if not is_classifier:
            return value, math.nan
        return value, model._accuracy(out, te)

    def snapshot(epoch_float):
        history.snapshots.append(Snapshot(step, epoch_float, model.get_weights()))

    if snapshot_every is not None:
        snapshot(0.0)
    steps_per_epoch = math.ceil(n / batch_size)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n) if shuffle else None
        if gather:
            order = np.arange(n) if order is None else order
        elif shuffle:
            Xs, ts = Xaug_all[order], target_all[order]
        else:
            Xs, ts = Xaug_all, target_all
        # Overflow is expected when training diverges: it is reported just below as a
        # DivergenceError naming the step, not as a RuntimeWarning from deep inside numpy.
        with np.errstate(over="ignore", invalid="ignore"):
            for start in range(0, n, batch_size):
                stop = min(start + batch_size, n)
                size = stop - start
                ws = workspaces.get(size)
                if ws is None:
                    ws = workspaces[size] = _Workspace(model, size)
                    ws.Xbatch = np.ones((size, n_in + bias), model.dtype)
                    ws.tbatch = np.empty((size, target_all.shape[1]), target_all.dtype)
                if gather:
                    idx = order[start:stop]
                    np.take(X, idx, axis=0, out=ws.Xbatch[:, :n_in], mode="clip")
                    np.take(target_all, idx, axis=0, out=ws.tbatch, mode="clip")
                    Xb, tb = ws.Xbatch, ws.tbatch
                else:
                    Xb, tb = Xs[start:stop], ts[start:stop]
                model._gradient_into(ws, Xb, tb, loss_fn, grad)
                step += 1
                if not math.isfinite(np.dot(grad, grad)):
                    raise DivergenceError(
                        f"training diverged at step {step} (epoch {epoch}): the gradient became "
                        f"NaN or infinite. Try a smaller learning rate (lr={opt.lr:g} now) or "
                        "inputs scaled to about -1..1"
                    )
                opt.step(params, grad)
                if snapshot_every and snapshot_unit == "step" and step % snapshot_every == 0:
                    snapshot(epoch - 1 + (start // batch_size + 1) / steps_per_epoch)
        history.steps = step
        if not np.all(np.isfinite(params)):
            raise DivergenceError(
                f"training diverged at step {step} (epoch {epoch}): the parameters became NaN or "
                f"infinite. Try a smaller learning rate (lr={opt.lr:g} now)"
            )
        if snapshot_every and snapshot_unit == "epoch" and epoch % snapshot_every == 0:
            snapshot(float(epoch))
        if not evaluate and target_accuracy is None:
            continue
        value, acc = evaluate_on(X, t)
        if not math.isfinite(value):
            raise DivergenceError(
                f"training diverged by the end of epoch {epoch} (step {step}): the loss is "
                f"{value}. Try a smaller learning rate (lr={opt.lr:g} now)"
            )
        history.epoch.append(epoch)
        history.loss.append(value)
        history.accuracy.append(acc)
        if X_val is not None:
            v_loss, v_acc = evaluate_on(X_val, t_val)
            history.val_loss.append(v_loss)
            history.val_accuracy.append(v_acc)
        if target_accuracy is not None and is_classifier and acc >= target_accuracy:
            history.stopped_early = epoch < epochs
            break
    if snapshot_every is not None and history.snapshots[-1].step != step:
        snapshot(float(epoch))
    return history


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
    from .network import MLP

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
