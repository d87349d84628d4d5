r"""Dense layers and the multilayer perceptron, with a forward pass that records every stage.

A layer maps a batch of row vectors :math:`h` (``ndarray of shape (n_samples, n_in)``) to

.. math:: z = h W + b, \qquad h' = f(z),

with ``W`` of shape ``(n_in, n_out)`` (one *column* per neuron, as in Keras and "Deep Learning from
Scratch") and ``b`` of shape ``(n_out,)``. :meth:`MLP.trace` returns every intermediate: the input,
each affine output :math:`z`, each activation output :math:`h'`; the figures and animations of
:mod:`nnexplain.plot` and :mod:`nnexplain.animate` are drawn from it.

All weights and biases of an :class:`MLP` live in one flat array (``MLP.parameters``); each
layer's ``W`` and ``b`` are views into it, stacked as ``[W; b]`` so that one matrix product per
layer gives both the affine map and, in the backward pass, both gradients. This is what makes
training fast: an optimiser step is a dozen numpy calls, whatever the depth.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import _backprop
from ._validation import (
    check_array,
    check_dtype,
    check_instance,
    check_int,
    check_random_state,
    describe,
)
from .activations import Activation, get_activation
from .initializers import get_initializer
from .losses import Loss, get_loss
from .memory import check_memory

__all__ = ["MLP", "Dense", "Stage", "Trace", "check_mlp"]


class Dense:
    r"""A fully connected layer :math:`h' = f(hW + b)`.

    Parameters
    ----------
    n_in, n_out : int
        Input and output widths.
    activation : str, Activation or None, default="identity"
        The nonlinearity :math:`f` (see :func:`nnexplain.activations.get_activation`).
    bias : bool, default=True
        Whether the layer has a bias :math:`b` (seed 002's experiment has none).
    init : str or Initializer, default="glorot_uniform"
        Weight initialiser (Keras' default); biases start at zero.
    seed : None, int or numpy.random.Generator
        Randomness for the initialiser.
    dtype : {float64, float32}, default=float64

    Attributes
    ----------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,) or None
    activation : Activation
    """

    def __init__(
        self,
        n_in,
        n_out,
        activation="identity",
        *,
        bias=True,
        init="glorot_uniform",
        seed=None,
        dtype=np.float64,
    ):
        self.n_in = check_int(n_in, "n_in")
        self.n_out = check_int(n_out, "n_out")
        self.activation = get_activation(activation)
        self.bias = bool(bias)
        dtype = check_dtype(dtype)
        rng = check_random_state(seed)
        # the block, and the initialiser's float64 draw it is copied from
        itemsize = np.dtype(dtype).itemsize
        n_bytes = self.n_in * self.n_out * 8 + (self.n_in + self.bias) * self.n_out * itemsize
        check_memory(n_bytes, f"Dense(n_in={self.n_in}, n_out={self.n_out}): the weights")
        self._Wb = np.zeros((self.n_in + self.bias, self.n_out), dtype=dtype)
        self._Wb[: self.n_in] = get_initializer(init)((self.n_in, self.n_out), seed=rng)

    @classmethod
    def from_arrays(cls, W, b=None, activation="identity", *, dtype=np.float64) -> Dense:
        """Build a layer from given weights (e.g. trained elsewhere).

        Parameters
        ----------
        W : array-like of shape (n_in, n_out)
        b : array-like of shape (n_out,) or None
            ``None`` makes a layer without bias.
        activation : str, Activation or None
        """
        W = check_array(W, "W", ndim=2, dtype=dtype)
        layer = cls(
            W.shape[0], W.shape[1], activation, bias=b is not None, init="zeros", dtype=dtype
        )
        layer.W = W
        if b is not None:
            layer.b = b
        return layer

    @property
    def W(self) -> np.ndarray:
        """Weights, ``ndarray of shape (n_in, n_out)``; a view (writes change the layer)."""
        return self._Wb[: self.n_in]

    @W.setter
    def W(self, value):
        value = check_array(value, "W", ndim=2, dtype=self._Wb.dtype)
        if value.shape != (self.n_in, self.n_out):
            raise ValueError(
                f"W has shape {value.shape} but this layer needs {(self.n_in, self.n_out)}"
            )
        self._Wb[: self.n_in] = value

    @property
    def b(self) -> np.ndarray | None:
        """Bias, ``ndarray of shape (n_out,)``, or ``None`` for a layer without bias."""
        return self._Wb[self.n_in] if self.bias else None

    @b.setter
    def b(self, value):
        if not self.bias:
            raise ValueError("this layer has no bias (bias=False); b cannot be set")
        value = check_array(value, "b", ndim=(1, 2), dtype=self._Wb.dtype).reshape(-1)
        if value.shape != (self.n_out,):
            raise ValueError(f"b has shape {value.shape} but this layer needs {(self.n_out,)}")
        self._Wb[self.n_in] = value

    @property
    def Wb(self) -> np.ndarray:
        """``W`` stacked over ``b``, ``ndarray of shape (n_in + bias, n_out)``: the block the
        backpropagation kernel multiplies by (a read-only attribute; writes to it change the
        layer)."""
        return self._Wb

    @property
    def n_params(self) -> int:
        return self._Wb.size

    def affine(self, h) -> np.ndarray:
        """The affine part, :math:`z = hW + b`."""
        z = h @ self.W
        if self.bias:
            z += self.b
        return z

    def __call__(self, h) -> np.ndarray:
        """The whole layer, :math:`f(hW + b)`."""
        h = check_array(h, "h", ndim=2, dtype=self._Wb.dtype, n_features=self.n_in)
        return self.activation(self.affine(h))

    def __repr__(self) -> str:
        extra = "" if self.bias else ", bias=False"
        return f"Dense({self.n_in} -> {self.n_out}, {self.activation.name}{extra})"


@dataclass(frozen=True, repr=False)
class Stage:
    """One stage of a forward pass.

    Attributes
    ----------
    values : ndarray of shape (n_samples, width)
    kind : {"input", "affine", "activation"}
    layer : int
        0 for the input, ``i`` for the i-th layer (1-based).
    activation : str or None
        The activation's name for ``kind == "activation"``.
    is_output : bool
        Whether the stage belongs to the last layer.
    """

    values: np.ndarray
    kind: str
    layer: int
    activation: str | None = None
    is_output: bool = False

    @property
    def label(self) -> str:
        """Human-readable name, e.g. ``"layer 2: tanh"`` or ``"output: affine"``."""
        if self.kind == "input":
            return "input"
        where = "output" if self.is_output else f"layer {self.layer}"
        return f"{where}: {'affine' if self.kind == 'affine' else self.activation}"

    @property
    def width(self) -> int:
        return self.values.shape[1]

    def __repr__(self) -> str:
        return f"Stage({self.label!r}, shape={self.values.shape})"


class Trace(Sequence):
    """Every stage of a forward pass, in order: input, affine 1, activation 1, affine 2, ...

    Behaves as a sequence of :class:`Stage`; ``trace.arrays`` gives the plain arrays.
    """

    def __init__(self, stages: list[Stage]):
        self.stages = list(stages)

    def __getitem__(self, index):
        return self.stages[index]

    def __len__(self) -> int:
        return len(self.stages)

    @property
    def arrays(self) -> list[np.ndarray]:
        """The values of every stage, ``list of ndarray of shape (n_samples, width)``."""
        return [s.values for s in self.stages]

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.stages]

    @property
    def input(self) -> np.ndarray:
        return self.stages[0].values

    @property
    def output(self) -> np.ndarray:
        """The network's output (the last activation stage)."""
        return self.stages[-1].values

    @property
    def pre_activations(self) -> list[np.ndarray]:
        """Affine outputs :math:`z = hW + b`, one per layer."""
        return [s.values for s in self.stages if s.kind == "affine"]

    @property
    def post_activations(self) -> list[np.ndarray]:
        """Activation outputs :math:`f(z)`, one per layer (the last is the output)."""
        return [s.values for s in self.stages if s.kind == "activation"]

    def __repr__(self) -> str:
        n = self.stages[0].values.shape[0]
        return f"Trace({len(self)} stages, {n} samples: {', '.join(self.labels)})"


def _weight_pair(entry, i: int) -> tuple:
    """``weights[i]`` of :meth:`MLP.from_weights` as a ``(W, b)`` pair: a tuple (or a list
    ``[W, b]``) is a pair; a bare 2D matrix (an array or nested lists of numbers) gets a zero
    bias."""
    if isinstance(entry, tuple) or (
        isinstance(entry, list) and len(entry) == 2 and (entry[1] is None or np.ndim(entry[0]) == 2)
    ):
        if len(entry) != 2:
            raise TypeError(f"weights[{i}] must be a (W, b) pair; got a tuple of {len(entry)}")
        return tuple(entry)
    try:
        matrix = np.asarray(entry, dtype=np.float64)
    except (TypeError, ValueError):
        matrix = None
    if matrix is not None and matrix.ndim == 2:
        return matrix, np.zeros(matrix.shape[1])
    raise TypeError(f"weights[{i}] must be a (W, b) pair or a 2D matrix W; got {describe(entry)}")


class MLP:
    r"""A multilayer perceptron whose forward pass can record every stage.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output, e.g. ``(2, 3, 3, 3, 1)`` for seed 000's network.
    activation : str, Activation or sequence of them, default="tanh"
        Hidden-layer activation, or one per hidden layer (``["tanh", "relu", "tanh"]``).
    output : str, Activation or None
        Output activation. ``None`` picks ``"sigmoid"`` for one output and ``"softmax"`` for
        more; use ``"identity"`` for regression.
    bias : bool, default=True
        Whether every layer has a bias.
    init : str, Initializer or sequence of them, default="glorot_uniform"
        Weight initialiser for all layers or one per layer; biases start at zero.
    seed : None, int or numpy.random.Generator
    dtype : {float64, float32}, default=float64

    Examples
    --------
    >>> net = MLP([2, 3, 3, 3, 1], activation=["tanh", "relu", "tanh"], seed=0)
    >>> net
    MLP(2-3-3-3-1, tanh/relu/tanh -> sigmoid)
    >>> trace = net.trace([[0.5, -0.5]])
    >>> trace.labels[:3]
    ['input', 'layer 1: affine', 'layer 1: tanh']
    """

    def __init__(
        self,
        sizes,
        activation="tanh",
        output=None,
        *,
        bias=True,
        init="glorot_uniform",
        seed=None,
        dtype=np.float64,
    ):
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence | np.ndarray):
            raise TypeError(f"sizes must be a sequence of ints like (2, 3, 1); got {sizes!r}")
        sizes = [check_int(s, f"sizes[{i}]") for i, s in enumerate(sizes)]
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output width; got {sizes}")
        n_hidden = len(sizes) - 2
        hidden = _per_layer(activation, n_hidden, "activation")
        if output is None:
            output = "sigmoid" if sizes[-1] == 1 else "softmax"
        acts = [*hidden, output]
        inits = _per_layer(init, len(sizes) - 1, "init")
        rng = check_random_state(seed)
        # the layers' blocks, then the one flat array they are moved into (see _bind)
        n_params = sum((a + bool(bias)) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
        n_bytes = 2 * n_params * np.dtype(check_dtype(dtype)).itemsize
        check_memory(n_bytes, f"MLP(sizes={sizes}): the parameters")
        layers = [
            Dense(n_in, n_out, act, bias=bias, init=ini, seed=rng, dtype=dtype)
            for n_in, n_out, act, ini in zip(sizes[:-1], sizes[1:], acts, inits, strict=True)
        ]
        self._bind(layers)

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def from_layers(cls, layers) -> MLP:
        """Build a network from :class:`Dense` layers (their weights are copied)."""
        layers = list(layers)
        if not layers or not all(isinstance(layer, Dense) for layer in layers):
            raise TypeError("layers must be a non-empty sequence of Dense layers")
        for i, (a, b) in enumerate(zip(layers[:-1], layers[1:], strict=True)):
            if a.n_out != b.n_in:
                raise ValueError(
                    f"layer {i + 1} gives {a.n_out} outputs but layer {i + 2} takes {b.n_in} "
                    "inputs; consecutive widths must match"
                )
        dtypes = {layer._Wb.dtype for layer in layers}
        if len(dtypes) > 1:
            raise ValueError(f"layers mix dtypes {sorted(map(str, dtypes))}; use one")
        net = cls.__new__(cls)
        copies = [Dense.from_arrays(la.W, la.b, la.activation, dtype=la._Wb.dtype) for la in layers]
        net._bind(copies)
        return net

    @classmethod
    def from_weights(cls, weights, activations) -> MLP:
        """Build a network from plain arrays.

        Parameters
        ----------
        weights : sequence of (W, b) pairs or bare matrices
            ``W`` of shape ``(n_in, n_out)``, ``b`` of shape ``(n_out,)`` or ``None`` (a layer
            without bias). A bare matrix ``W`` (an entry that is one 2D array, not a pair) is
            read as ``(W, zeros(n_out))``: a layer with a bias that starts at zero, which
            :meth:`fit` then trains.
        activations : sequence of str or Activation
            One per layer, the last being the output activation.
        """
        weights, activations = list(weights), list(activations)
        if len(weights) != len(activations):
            raise ValueError(
                f"got {len(weights)} weight entries but {len(activations)} activations; "
                "give one activation per layer"
            )
        layers = []
        for i, (entry, act) in enumerate(zip(weights, activations, strict=True)):
            pair = _weight_pair(entry, i)
            try:
                act = get_activation(act)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"activations[{i}]: {exc}") from None
            try:
                layer = Dense.from_arrays(*pair, act)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"weights[{i}] (W, b): {exc}") from None
            if layers and layer.n_in != layers[-1].n_out:
                raise ValueError(
                    f"weights[{i}]: W has shape {layer.W.shape} but weights[{i - 1}] gives "
                    f"{layers[-1].n_out} outputs; expected shape ({layers[-1].n_out}, n_out): "
                    "consecutive widths must match"
                )
            layers.append(layer)
        return cls.from_layers(layers)

    def _bind(self, layers: list[Dense]) -> None:
        """Move every layer's ``[W; b]`` into one flat array and make them views into it."""
        self.layers = layers
        self.dtype = layers[0]._Wb.dtype
        self.parameters = np.empty(sum(la.n_params for la in layers), dtype=self.dtype)
        offset = 0
        for layer in layers:
            n = layer.n_params
            view = self.parameters[offset : offset + n].reshape(layer._Wb.shape)
            view[...] = layer._Wb
            layer._Wb = view
            offset += n

    # -- description ------------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].n_in] + [la.n_out for la in self.layers]

    @property
    def activations(self) -> list[Activation]:
        return [la.activation for la in self.layers]

    @property
    def bias(self) -> bool:
        return self.layers[0].bias

    @property
    def n_params(self) -> int:
        return self.parameters.size

    def __repr__(self) -> str:
        names = [a.name for a in self.activations]
        hidden = names[:-1]
        if not hidden:
            act = names[-1]
        else:
            act = hidden[0] if len(set(hidden)) == 1 else "/".join(hidden)
            act = f"{act} -> {names[-1]}"
        extra = "" if all(la.bias for la in self.layers) else ", bias=False"
        return f"MLP({'-'.join(map(str, self.sizes))}, {act}{extra})"

    # -- weights ----------------------------------------------------------------------------
    def get_weights(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """Copies of every layer's ``(W, b)`` (``b`` is ``None`` without bias)."""
        return [(la.W.copy(), None if la.b is None else la.b.copy()) for la in self.layers]

    def set_weights(self, weights) -> None:
        """Set every layer's weights from a sequence of ``(W, b)`` pairs (shapes must match)."""
        weights = list(weights)
        if len(weights) != len(self.layers):
            raise ValueError(
                f"weights has {len(weights)} (W, b) pairs but the network has "
                f"{len(self.layers)} layers"
            )
        before = self.parameters.copy()  # all or nothing: a bad pair restores every layer
        try:
            for i, (layer, pair) in enumerate(zip(self.layers, weights, strict=True), 1):
                if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                    raise TypeError(
                        f"weights[{i - 1}] must be a (W, b) pair; got {type(pair).__name__}"
                    )
                W, b = pair
                try:
                    layer.W = W
                    if layer.bias:
                        if b is None:
                            raise ValueError("b is None but the layer has a bias")
                        layer.b = b
                    elif b is not None:
                        raise ValueError("a b was given but the layer has no bias")
                except (TypeError, ValueError) as exc:
                    raise type(exc)(f"layer {i}: {exc} (weights[{i - 1}])") from None
        except BaseException:
            self.parameters[...] = before
            raise

    def copy(self) -> MLP:
        """An independent copy of the network."""
        return MLP.from_layers(self.layers)

    # -- forward ----------------------------------------------------------------------------
    def check_input(self, X, name: str = "X") -> np.ndarray:
        """``X`` checked and converted for this network: ``ndarray of shape (n_samples, n_in)``
        in the network's dtype, finite; a clear ``ValueError``/``TypeError`` otherwise."""
        return check_array(X, name, ndim=2, dtype=self.dtype, n_features=self.sizes[0])

    def forward(self, X, *, trace: bool = False):
        """Run the network on ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_in)
        trace : bool, default=False
            Return a :class:`Trace` of every stage instead of the output alone.

        Returns
        -------
        ndarray of shape (n_samples, n_out) or Trace
        """
        X = self.check_input(X)
        self._check_rows(X.shape[0], "trace" if trace else "forward", stored=2 if trace else 0)
        stages = [Stage(X, "input", 0)] if trace else None
        h = X
        last = len(self.layers)
        for i, layer in enumerate(self.layers, 1):
            z = layer.affine(h)
            h = layer.activation(z)
            if trace:
                stages.append(Stage(z, "affine", i, is_output=i == last))
                stages.append(Stage(h, "activation", i, layer.activation.name, is_output=i == last))
        return Trace(stages) if trace else h

    def trace(self, X) -> Trace:
        """Every stage of the forward pass on ``X``: ``forward(X, trace=True)``."""
        return self.forward(X, trace=True)

    def decision_function(self, X) -> np.ndarray:
        """The logits: the last affine output, ``ndarray of shape (n_samples, n_out)``."""
        X = self.check_input(X)
        h = X
        for layer in self.layers[:-1]:
            h = layer.activation(layer.affine(h))
        return self.layers[-1].affine(h)

    def predict_proba(self, X) -> np.ndarray:
        """Output of the network: class probabilities for sigmoid/softmax outputs.

        Returns
        -------
        ndarray of shape (n_samples,) for a single sigmoid output, else (n_samples, n_out)
        """
        out = self.forward(X)
        return out[:, 0] if out.shape[1] == 1 and self.activations[-1].name == "sigmoid" else out

    def predict(self, X) -> np.ndarray:
        """Class labels (threshold 0.5 for a sigmoid output, argmax for softmax), or the raw
        output for other output activations."""
        return self._labels(self.forward(X))

    def _labels(self, out):
        kind = self.activations[-1].name
        if kind == "sigmoid":
            labels = (out >= 0.5).astype(np.int64)
            return labels[:, 0] if labels.shape[1] == 1 else labels
        if kind == "softmax":
            return np.argmax(out, axis=1)
        return out

    def accuracy(self, X, y) -> float:
        """Fraction of correctly classified samples."""
        return self._accuracy(self.forward(X), y)

    def evaluate(self, X, y, loss=None) -> tuple[float, float]:
        """Mean loss and accuracy on ``(X, y)`` from one forward pass.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_in)
        y : array-like of shape (n_samples,) or (n_samples, n_out)
        loss : str, Loss or None
            ``None`` uses :meth:`default_loss`.

        Returns
        -------
        loss : float
        accuracy : float
            ``nan`` unless the loss is a classification loss computed from logits (BCE,
            cross-entropy).
        """
        loss = self.resolve_loss(loss)
        z = self.decision_function(X)
        out = self.layers[-1].activation(z)
        if loss.output is None:
            return loss(out, y), math.nan
        return loss(z, y), self._accuracy(out, y)

    def _accuracy(self, out, y) -> float:
        """Accuracy from already computed outputs (one forward pass serves loss and accuracy)."""
        kind = self.activations[-1].name
        if kind not in ("sigmoid", "softmax"):
            raise ValueError(
                f"accuracy needs a classifier (sigmoid or softmax output); this network's output "
                f"is {kind}"
            )
        pred = self._labels(out)
        t = self.default_loss().check_targets(y, pred.shape[0], self.sizes[-1])
        if kind == "sigmoid":
            return float(np.mean(pred.reshape(t.shape) == t))
        return float(np.mean(pred == t))

    # -- losses and gradients ---------------------------------------------------------------
    def default_loss(self) -> Loss:
        """The loss paired with the output activation: BCE for sigmoid, cross-entropy for
        softmax, MSE otherwise."""
        return get_loss(
            {"sigmoid": "bce", "softmax": "cross_entropy"}.get(self.activations[-1].name, "mse")
        )

    def resolve_loss(self, loss=None) -> Loss:
        """The :class:`~nnexplain.losses.Loss` that ``loss`` names, checked against the output
        activation; ``None`` gives :meth:`default_loss`."""
        loss = self.default_loss() if loss is None else get_loss(loss)
        out = self.activations[-1].name
        if loss.output is not None and loss.output != out:
            raise ValueError(
                f"loss {loss.name!r} is computed from logits and needs a {loss.output} output "
                f"layer; this network's output is {out}. Use output={loss.output!r} or loss='mse'"
            )
        return loss

    def loss(self, X, y, loss=None) -> float:
        """Mean loss on ``(X, y)``; ``loss=None`` uses :meth:`default_loss`."""
        loss = self.resolve_loss(loss)
        z = self.decision_function(X)
        return loss(z if loss.output else self.layers[-1].activation(z), y)

    def gradients(self, X, y, loss=None):
        """Loss and its gradient with respect to every parameter (backpropagation).

        Returns
        -------
        loss : float
        grads : list of (dW, db) pairs
            Same shapes as :meth:`get_weights`; ``db`` is ``None`` without bias.
        """
        loss = self.resolve_loss(loss)
        X = self.check_input(X)
        t = loss.check_targets(y, X.shape[0], self.sizes[-1])
        target = loss.prepare(t, self.sizes[-1], self.dtype)
        grad = np.empty_like(self.parameters)
        ws = _backprop.Workspace(self.layers, X.shape[0])
        _backprop.gradient_into(ws, ws.augment(X), target, loss, grad)
        value = loss(ws.z[-1] if loss.output else ws.a[-1], t)
        pairs, offset = [], 0
        for layer in self.layers:
            g = grad[offset : offset + layer.n_params].reshape(layer._Wb.shape)
            pairs.append((g[: layer.n_in].copy(), g[layer.n_in].copy() if layer.bias else None))
            offset += layer.n_params
        return value, pairs

    # -- training ---------------------------------------------------------------------------
    def fit(self, X, y, **options):
        """Train the network; see :func:`nnexplain.training.fit` for the arguments.

        Returns
        -------
        History
        """
        return _backprop.fit(self, X, y, **options)

    # -- memory -----------------------------------------------------------------------------
    def _check_rows(self, n_rows: int, call: str, *, stored: int, extra: int = 0) -> None:
        """:func:`~nnexplain.memory.check_memory` for a call that holds ``n_rows`` rows of every
        layer ``stored`` times (2 for a trace: affine and activation; 4 for training's
        workspace), or, with ``stored=0``, two consecutive layers (a plain forward pass)."""
        widths = self.sizes
        if stored:
            per_row = stored * sum(widths[1:])
        else:
            per_row = max(a + b for a, b in zip(widths[:-1], widths[1:], strict=True))
        n_bytes = (n_rows * per_row + extra) * self.dtype.itemsize
        check_memory(
            n_bytes,
            f"MLP(sizes={widths}).{call} on {n_rows} rows",
            advice="use smaller widths or fewer rows",
        )

    def check_fit_memory(self, batch_size, n_samples: int = 0) -> None:
        r"""Check, before any allocation, that training fits in memory: the gradient and
        Adam's two moments (three copies of the parameters) and the workspace of one batch
        (four arrays of ``(batch, width)`` per layer); a ``ValueError`` naming the widths and
        the bytes otherwise (see :mod:`nnexplain.memory`). A batch size that is not a positive
        int is left to :meth:`fit` to refuse."""
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            return
        rows = min(batch_size, n_samples) if n_samples > 0 else batch_size
        self._check_rows(rows, f"fit(batch_size={batch_size})", stored=4, extra=3 * self.n_params)


def _per_layer(value, n, name):
    if isinstance(value, (str, Activation)) or value is None or not isinstance(value, Sequence):
        return [value] * n
    value = list(value)
    if len(value) != n:
        raise ValueError(f"{name} has {len(value)} entries but the network has {n} such layers")
    return value


def check_mlp(net, name: str = "net", *, n_inputs: int | None = None) -> MLP:
    """Check that ``net`` is an :class:`MLP` (``isinstance``) and return it.

    The one "is it a network" check of the library (it cannot live in the private
    ``_validation`` module, which :mod:`nnexplain.network` itself imports). Models of other
    libraries are turned into an :class:`MLP` first, by :func:`nnexplain.adapters.from_any`.

    Parameters
    ----------
    net : object
    name : str, default="net"
        Argument name for the error message.
    n_inputs : int or None
        Required input width (2 for a network drawn over the plane); a ``ValueError`` otherwise.

    Returns
    -------
    MLP
    """
    check_instance(net, MLP, name, what="an nnexplain MLP (see nnexplain.adapters.from_any)")
    if n_inputs is not None and net.sizes[0] != n_inputs:
        raise ValueError(
            f"{name} must be a network with {n_inputs} inputs; got {net!r} with {net.sizes[0]}"
        )
    return net
