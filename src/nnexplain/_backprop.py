r"""Backpropagation into preallocated buffers, and the training loop built on it.

Private: :mod:`nnexplain.network` (for :meth:`~nnexplain.network.MLP.gradients` and
:meth:`~nnexplain.network.MLP.fit`) and :mod:`nnexplain.training` (for
:func:`~nnexplain.training.fit`) both use it, and it imports neither, so neither imports the other.
It reads a network only through its public surface: ``layers`` (each with ``Wb``, ``n_in``,
``n_params``, ``bias``, ``activation``), ``parameters``, ``dtype``, ``sizes``, ``check_input``,
``resolve_loss``, ``evaluate`` and ``get_weights``.

The pieces of a training run, each one function or class: argument checks (:func:`_check_options`),
the validation split (:func:`_split`), minibatches (:class:`Batches`), one epoch of optimiser
steps (:func:`_run_epoch`), snapshots (:class:`_Snapshots`), the per-epoch history
(:func:`_record_epoch`) and the early stop (in :func:`fit`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_int, check_interval, check_positive, check_random_state
from .optimizers import get_optimizer

__all__ = ["Batches", "DivergenceError", "History", "Snapshot", "Workspace", "fit", "gradient_into"]

#: Training sets with more numbers than this are gathered batch by batch (see :class:`Batches`).
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


# -- the gradient kernel -------------------------------------------------------------------------
class Workspace:
    """Preallocated buffers for forward and backward passes on batches of one size.

    Every buffer is allocated transposed, ``(width, batch)`` in C order, and used through its
    ``.T`` view of shape ``(batch, width)``. The activations ``a = a_aug[:, :n]`` are then one
    contiguous block (in C order they would be strided by the column of ones), so the
    elementwise calls of a step take numpy's fast path, while ``np.dot`` still writes into the
    C-ordered ``.T`` of each buffer. On small layers this halves the cost of a step.

    Parameters
    ----------
    layers : sequence of Dense
        The network's layers; their ``Wb`` blocks are read in place, never copied.
    batch : int
        Rows of every buffer.
    """

    def __init__(self, layers, batch: int):
        layers = list(layers)
        dtype = layers[0].Wb.dtype
        self.layers, self.batch = layers, batch
        self.z, self.a, self.a_aug, self.delta, self.dh = [], [], [], [], []
        last = len(layers) - 1
        for i, layer in enumerate(layers):
            n = layer.n_out
            self.z.append(np.empty((n, batch), dtype).T)
            # A column of ones when the next layer has a bias (from_weights may mix layers).
            aug = np.ones((n + (i < last and layers[i + 1].bias), batch), dtype).T
            self.a_aug.append(aug)
            self.a.append(aug[:, :n])
            self.delta.append(np.empty((n, batch), dtype).T)
            self.dh.append(np.empty((n, batch), dtype).T)
        self._bias = layers[0].bias
        self._grad = None
        self._inputs = self._targets = None
        self.output_activation = layers[-1].activation
        # Everything the training step touches, resolved once so that a step is numpy calls only.
        self.forward_plan = [
            (la.Wb.T, la.activation, z.T, z, a, aug.T)
            for la, z, a, aug in zip(layers, self.z, self.a, self.a_aug, strict=True)
        ]
        self._backward = [
            (
                self.a_aug[i - 1].T,
                layers[i].Wb[: layers[i].n_in],
                layers[i - 1].activation,
                self.dh[i - 1].T,
                self.dh[i - 1],
                self.z[i - 1],
                self.a[i - 1],
                self.delta[i - 1],
            )
            for i in range(len(layers) - 1, 0, -1)
        ]
        self.backward_plan = []

    def augment(self, X):
        """``X`` with a column of ones appended when the first layer has a bias."""
        return np.hstack([X, np.ones((X.shape[0], 1), X.dtype)]) if self._bias else X

    def gather(self, X, targets, index):
        """Rows ``index`` of ``X`` (augmented) and ``targets``, copied into reused buffers."""
        if self._inputs is None:
            n_in = X.shape[1]
            self._inputs = np.ones((self.batch, n_in + self._bias), X.dtype)
            self._targets = np.empty((self.batch, targets.shape[1]), targets.dtype)
        np.take(X, index, axis=0, out=self._inputs[:, : X.shape[1]], mode="clip")
        np.take(targets, index, axis=0, out=self._targets, mode="clip")
        return self._inputs, self._targets

    def grad_views(self, grad):
        """Per-layer ``[dW; db]`` views into the flat gradient ``grad`` (cached per array)."""
        if self._grad is not grad:
            views, offset = [], 0
            for layer in self.layers:
                n = layer.n_params
                views.append(grad[offset : offset + n].reshape(layer.Wb.shape))
                offset += n
            self._views, self._grad = views, grad
            n = len(views)
            self.backward_plan = [
                (views[n - 1 - k], *rest) for k, rest in enumerate(self._backward)
            ]
        return self._views


def gradient_into(ws: Workspace, Xaug, target, loss, grad) -> None:
    """Forward and backward on one batch, writing the flat gradient into ``grad``.

    ``Xaug`` is the batch with a column of ones appended when the layers have a bias; every
    intermediate goes into the preallocated :class:`Workspace` ``ws``, the output stays in
    ``ws.z[-1]`` (logits) and ``ws.a[-1]``.
    """
    h_T = Xaug.T
    for Wb_T, f, z_T, z, a, next_h_T in ws.forward_plan:
        np.dot(Wb_T, h_T, out=z_T)  # z = h [W; b], computed as z.T = [W; b].T h.T
        f._forward_into(z, a)
        h_T = next_h_T
    delta = loss.delta(ws.z[-1], ws.a[-1], target, ws.output_activation, ws.delta[-1])
    views = ws.grad_views(grad)
    for g, h_T, W, f, dh_T, dh, z, a, d in ws.backward_plan:
        np.dot(h_T, delta, out=g)  # [dW; db] in one product: h has a column of ones
        np.dot(W, delta.T, out=dh_T)  # dh = delta W.T, computed as dh.T = W delta.T
        delta = f._backward_into(dh, z, a, d)
    np.dot(Xaug.T, delta, out=views[0])


# -- batching ------------------------------------------------------------------------------------
class Batches:
    """The minibatches of one training set, each paired with the workspace of its size.

    A small training set is shuffled as a whole every epoch and sliced into batches. A large one
    is instead gathered batch by batch into reused buffers, which spares two copies of the whole
    set (one with the column of ones, one shuffled) and their memory traffic.
    """

    def __init__(self, layers, X, targets, batch_size: int, *, shuffle: bool, rng):
        self.layers = list(layers)
        self.n = X.shape[0]
        self.size = min(batch_size, self.n)
        self.shuffle, self.rng = shuffle, rng
        self.gather = self.n * X.shape[1] > _GATHER_ABOVE
        self.X = X if self.gather else Workspace(self.layers, 0).augment(X)
        self.targets = targets
        self._workspaces: dict[int, Workspace] = {}

    def __len__(self) -> int:
        return math.ceil(self.n / self.size)

    def workspace(self, size: int) -> Workspace:
        ws = self._workspaces.get(size)
        if ws is None:
            ws = self._workspaces[size] = Workspace(self.layers, size)
        return ws

    def epoch(self):
        """Yield ``(workspace, X_batch, target_batch)`` for every batch of one epoch."""
        order = self.rng.permutation(self.n) if self.shuffle else None
        if self.gather:
            order = np.arange(self.n) if order is None else order
        elif order is not None:
            Xs, ts = self.X[order], self.targets[order]
        else:
            Xs, ts = self.X, self.targets
        for start in range(0, self.n, self.size):
            stop = min(start + self.size, self.n)
            ws = self.workspace(stop - start)
            if self.gather:
                yield ws, *ws.gather(self.X, self.targets, order[start:stop])
            else:
                yield ws, Xs[start:stop], ts[start:stop]


# -- the training loop ---------------------------------------------------------------------------
def _check_options(options: dict) -> dict:
    """Check the scalar options of :func:`fit` and return them converted."""
    if options["snapshot_unit"] not in ("epoch", "step"):
        raise ValueError(
            f"snapshot_unit must be 'epoch' or 'step'; got {options['snapshot_unit']!r}"
        )
    checked = dict(options)
    checked["epochs"] = check_int(options["epochs"], "epochs")
    checked["batch_size"] = check_int(options["batch_size"], "batch_size")
    if options["snapshot_every"] is not None:
        checked["snapshot_every"] = check_int(options["snapshot_every"], "snapshot_every")
    if options["target_accuracy"] is not None:
        checked["target_accuracy"] = check_interval(
            options["target_accuracy"], "target_accuracy", 0, 1, closed="right"
        )
    checked["validation_split"] = check_interval(
        options["validation_split"], "validation_split", 0, 1, closed="left"
    )
    return checked


def _split(model, loss_fn, X, y, validation_data, validation_split, rng):
    """Checked ``(X, t, X_val, t_val)``: the validation set given, split off at random, or none."""
    X = model.check_input(X)
    n_out = model.sizes[-1]
    t = loss_fn.check_targets(y, X.shape[0], n_out)
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise TypeError("validation_data must be a pair (X_val, y_val)")
        X_val = model.check_input(validation_data[0], "validation_data[0]")
        return X, t, X_val, loss_fn.check_targets(validation_data[1], X_val.shape[0], n_out)
    if validation_split == 0:
        return X, t, None, None
    n_val = int(round(validation_split * X.shape[0]))
    if n_val < 1 or n_val >= X.shape[0]:
        raise ValueError(
            f"validation_split={validation_split} of {X.shape[0]} samples leaves "
            f"{n_val} for validation; both sets need at least one sample"
        )
    order = rng.permutation(X.shape[0])
    val, train = order[:n_val], order[n_val:]
    return X[train], t[train], X[val], t[val]


class _Snapshots:
    """Copies of the parameters every ``every`` epochs or steps, first and last included."""

    def __init__(self, history: History, model, every, unit: str, steps_per_epoch: int):
        self.history, self.model, self.every = history, model, every
        #: Snapshot every this many steps inside an epoch (0: never).
        self.step_every = every if every and unit == "step" else 0
        self.epoch_every = every if every and unit == "epoch" else 0
        self.steps_per_epoch = steps_per_epoch

    def take(self, step: int, epoch: float) -> None:
        self.history.snapshots.append(Snapshot(step, epoch, self.model.get_weights()))

    def start(self) -> None:
        if self.every is not None:
            self.take(0, 0.0)

    def after_step(self, step: int, epoch: int, batch: int) -> None:
        self.take(step, epoch - 1 + (batch + 1) / self.steps_per_epoch)

    def after_epoch(self, step: int, epoch: int) -> None:
        if self.epoch_every and epoch % self.epoch_every == 0:
            self.take(step, float(epoch))

    def finish(self, step: int, epoch: int) -> None:
        if self.every is not None and self.history.snapshots[-1].step != step:
            self.take(step, float(epoch))


#: Training is stopped as diverged when the loss at the end of an epoch exceeds this many times
#: the loss before training (or 1, whichever is larger; a good fit only ever lowers the loss)...
LOSS_GROWTH_LIMIT = 100.0
#: ... or when a weight or bias exceeds this in absolute value (or 1000 times the largest
#: initial one). Networks trained on inputs of order 1 keep their weights within a few tens.
PARAMETER_LIMIT = 1e6


class _DivergenceGuard:
    """Detects training that explodes without reaching NaN (see :data:`LOSS_GROWTH_LIMIT`)."""

    def __init__(self, params: np.ndarray, lr: float, initial_loss: float | None):
        self.lr = lr
        self.param_limit = max(PARAMETER_LIMIT, 1e3 * float(np.max(np.abs(params), initial=0)))
        self.loss_limit = None
        if initial_loss is not None and math.isfinite(initial_loss):
            self.loss_limit = LOSS_GROWTH_LIMIT * max(initial_loss, 1.0)

    def _fail(self, step: int, epoch: int, what: str):
        raise DivergenceError(
            f"training diverged at step {step} (epoch {epoch}): {what}. Try a smaller learning "
            f"rate (lr={self.lr:g} now) or inputs scaled to about -1..1"
        )

    def check(self, step: int, epoch: int, params: np.ndarray, loss: float | None = None):
        """At the end of an epoch: the parameters, and the loss when it was computed."""
        largest = float(np.max(np.abs(params), initial=0))
        if not math.isfinite(largest):
            self._fail(step, epoch, "the parameters became NaN or infinite")
        if largest > self.param_limit:
            self._fail(
                step,
                epoch,
                f"a parameter reached {largest:.3g}, above the limit {self.param_limit:.3g}",
            )
        if loss is None:
            return
        if not math.isfinite(loss):
            self._fail(step, epoch, f"the loss is {loss}")
        if self.loss_limit is not None and loss > self.loss_limit:
            self._fail(
                step,
                epoch,
                f"the loss grew to {loss:.4g}, more than {LOSS_GROWTH_LIMIT:g} times where it "
                f"started",
            )


def _diverged(what: str, step: int, epoch: int, opt, hint: str = "") -> DivergenceError:
    return DivergenceError(
        f"training diverged at step {step} (epoch {epoch}): the {what} became NaN or infinite. "
        f"Try a smaller learning rate (lr={opt.lr:g} now){hint}"
    )


def _run_epoch(batches: Batches, loss_fn, opt, params, grad, epoch, step, snapshots) -> int:
    """One epoch of optimiser steps; returns the number of steps taken so far."""
    every = snapshots.step_every
    # Overflow is expected when training diverges: it is reported just below as a
    # DivergenceError naming the step, not as a RuntimeWarning from deep inside numpy.
    with np.errstate(over="ignore", invalid="ignore"):
        for batch, (ws, Xb, tb) in enumerate(batches.epoch()):
            gradient_into(ws, Xb, tb, loss_fn, grad)
            step += 1
            if not math.isfinite(np.dot(grad, grad)):
                raise _diverged("gradient", step, epoch, opt, " or inputs scaled to about -1..1")
            opt.step(params, grad)
            if every and step % every == 0:
                snapshots.after_step(step, epoch, batch)
    if not np.all(np.isfinite(params)):
        raise _diverged("parameters", step, epoch, opt)
    return step


def _record_epoch(history: History, model, loss_fn, epoch, sets, opt) -> float:
    """Append the epoch's loss and accuracy on the training (and validation) set; return the
    training accuracy."""
    (X, t), (X_val, t_val) = sets
    with np.errstate(over="ignore", invalid="ignore"):  # an infinite loss raises below
        value, acc = model.evaluate(X, t, loss_fn)
    if not math.isfinite(value):
        raise DivergenceError(
            f"training diverged by the end of epoch {epoch} (step {history.steps}): the loss is "
            f"{value}. Try a smaller learning rate (lr={opt.lr:g} now)"
        )
    history.epoch.append(epoch)
    history.loss.append(value)
    history.accuracy.append(acc)
    if X_val is not None:
        with np.errstate(over="ignore", invalid="ignore"):
            v_loss, v_acc = model.evaluate(X_val, t_val, loss_fn)
        history.val_loss.append(v_loss)
        history.val_accuracy.append(v_acc)
    return acc


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
    """Train ``model`` in place; the arguments are those of :func:`nnexplain.training.fit`."""
    o = _check_options(locals())
    # Before any array is allocated (the data too): a batch that does not fit fails at once.
    model.check_fit_memory(o["batch_size"], len(X) if hasattr(X, "__len__") else 0)
    target_accuracy = o["target_accuracy"]
    rng = check_random_state(seed)
    loss_fn = model.resolve_loss(loss)
    opt = get_optimizer(optimizer, **({} if lr is None else {"lr": check_positive(lr, "lr")}))
    X, t, X_val, t_val = _split(model, loss_fn, X, y, validation_data, o["validation_split"], rng)
    targets = loss_fn.prepare(t, model.sizes[-1], model.dtype)
    batches = Batches(model.layers, X, targets, o["batch_size"], shuffle=shuffle, rng=rng)
    history = History()
    snapshots = _Snapshots(history, model, o["snapshot_every"], snapshot_unit, len(batches))
    params, grad = model.parameters, np.empty_like(model.parameters)
    is_classifier = loss_fn.output is not None
    snapshots.start()
    if evaluate:
        with np.errstate(over="ignore", invalid="ignore"):
            initial_loss = model.evaluate(X, t, loss_fn)[0]
    guard = _DivergenceGuard(params, opt.lr, initial_loss if evaluate else None)
    step = 0
    for epoch in range(1, o["epochs"] + 1):
        step = history.steps = _run_epoch(
            batches, loss_fn, opt, params, grad, epoch, step, snapshots
        )
        guard.check(step, epoch, params)
        snapshots.after_epoch(step, epoch)
        if not evaluate and target_accuracy is None:
            continue
        acc = _record_epoch(history, model, loss_fn, epoch, ((X, t), (X_val, t_val)), opt)
        guard.check(step, epoch, params, history.loss[-1])
        if target_accuracy is not None and is_classifier and acc >= target_accuracy:
            history.stopped_early = epoch < o["epochs"]
            break
    snapshots.finish(step, epoch)
    return history
