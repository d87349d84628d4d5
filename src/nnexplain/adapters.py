"""Networks trained elsewhere, as nnexplain networks: PyTorch, Keras and scikit-learn.

Every figure and animation of nnexplain is drawn from an :class:`~nnexplain.network.MLP`. A
network trained with another library is a sequence of stages ``h' = f(h W + b)`` too, so its
weights can be copied into an MLP and explained in the same way:

- :func:`from_torch`: a ``torch.nn.Sequential`` of ``Linear`` layers and activation modules;
- :func:`from_keras`: a Keras ``Sequential`` of ``Dense`` layers;
- :func:`from_sklearn`: a fitted ``MLPClassifier`` or ``MLPRegressor``;
- :func:`from_any`: any of these, an :class:`~nnexplain.network.MLP`, or plain
  ``(W, b, activation)`` triples.

The weights are copied as float64, so the forward passes agree to rounding (about 1e-15). None
of these libraries is a dependency: each function imports its library only when it is called
(and scikit-learn and Keras are read through their public attributes alone).

Two consecutive affine layers without an activation between them get the identity activation,
so every stage of the original network is a stage of the copy. Layers that are not an affine
map or an elementwise activation nnexplain knows (convolutions, normalisation, ``SiLU``...)
raise an error naming the layer, its position and what is supported.

Examples
--------
>>> import numpy as np
>>> net = from_any([(np.eye(2), np.zeros(2), "tanh"), (np.ones((2, 1)), np.zeros(1), "sigmoid")])
>>> net
MLP(2-2-1, tanh -> sigmoid)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._validation import describe
from .activations import ELU, Activation, LeakyReLU, get_activation
from .network import MLP, Dense

__all__ = ["from_any", "from_keras", "from_sklearn", "from_torch"]

_TORCH_SUPPORTED = (
    "Linear, Tanh, ReLU, Sigmoid, LeakyReLU(negative_slope), ELU(alpha), Softplus(beta=1), "
    "GELU(approximate='none'), Identity, Dropout (skipped: the copy is the network in eval "
    "mode) and Softmax(dim=-1) as the last layer; nested nn.Sequential are read in order"
)
_KERAS_ACTIVATIONS = (
    "linear",
    "relu",
    "tanh",
    "sigmoid",
    "softmax",
    "elu",
    "softplus",
    "gelu",
    "leaky_relu",
)
_KERAS_SUPPORTED = (
    f"Dense with activation one of {list(_KERAS_ACTIVATIONS)}, Activation, ReLU (no max_value "
    "or threshold), LeakyReLU, ELU, Softmax(axis=-1) as the last layer, and InputLayer and "
    "Dropout (skipped)"
)
_SKLEARN_HIDDEN = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}
_SKLEARN_OUTPUT = {"identity": "identity", "logistic": "sigmoid", "softmax": "softmax"}


class _Builder:
    """Collects ``(W, b)`` layers and their activations from a flat list of layers.

    ``where`` strings (``"layer 3 (ReLU)"``) name the original layers in error messages.
    """

    def __init__(self, supported: str):
        self.supported = supported
        self.weights: list[tuple[np.ndarray, np.ndarray | None]] = []
        self.activations: list[Activation] = []
        self.open = False  # the last affine layer still waits for its activation
        self.softmax_at: str | None = None

    def affine(self, W, b, where: str) -> None:
        self._check_after_softmax(where)
        if self.open:
            self.activations.append(get_activation("identity"))
        self.weights.append((W, b))
        self.open = True

    def activation(self, activation: Activation, where: str) -> None:
        self._check_after_softmax(where)
        if not self.weights:
            raise ValueError(
                f"{where} is an activation before any affine layer; nnexplain networks start "
                f"with an affine map, h' = f(h W + b)"
            )
        if not self.open:
            raise ValueError(
                f"{where} follows another activation; nnexplain layers have one activation "
                f"each, h' = f(h W + b). Supported: {self.supported}"
            )
        if activation.name == "softmax":
            self.softmax_at = where
        self.activations.append(activation)
        self.open = False

    def _check_after_softmax(self, where: str) -> None:
        if self.softmax_at is not None:
            raise ValueError(
                f"{self.softmax_at} is a softmax but {where} follows it; softmax is supported "
                f"as the output activation only"
            )

    def build(self, what: str) -> MLP:
        if not self.weights:
            raise ValueError(f"{what} has no affine layer; supported: {self.supported}")
        if self.open:
            self.activations.append(get_activation("identity"))
            self.open = False
        return MLP.from_weights(self.weights, self.activations)


_OUTPUTS = ("sigmoid", "softmax")


def _with_output(net: MLP, output, what: str) -> MLP:
    r"""``net`` with its identity (logits) output replaced by ``output``; ``None`` keeps it.

    A classifier trained on logits (PyTorch's ``BCEWithLogitsLoss`` or ``CrossEntropyLoss``,
    Keras's ``from_logits=True``) ends in a plain affine map: its output is a score, not a
    probability. The loss applied the sigmoid or softmax; ``output`` puts it into the copy,
    which then has the same predictions as the original and becomes a classifier for
    :meth:`~nnexplain.network.MLP.accuracy`, :meth:`~nnexplain.network.MLP.predict_proba`
    and the decision-boundary figures.
    """
    if output is None:
        return net
    if not isinstance(output, str) or output not in _OUTPUTS:
        raise ValueError(
            f"output must be None (keep the model's own output), 'sigmoid' (one logit per "
            f"class, BCEWithLogitsLoss) or 'softmax' (one logit per class, CrossEntropyLoss); "
            f"got {output!r}"
        )
    last = net.activations[-1].name
    if last != "identity":
        raise ValueError(
            f"output={output!r} applies to a model whose last layer gives logits (no "
            f"activation), but {what} already ends in {last}; leave output=None"
        )
    if output == "softmax" and net.sizes[-1] < 2:
        raise ValueError(
            f"output='softmax' needs at least 2 output units (one logit per class); {what} "
            f"has {net.sizes[-1]}: a single logit takes output='sigmoid'"
        )
    acts = [*net.activations[:-1], output]
    return MLP.from_layers(
        Dense.from_arrays(layer.W, layer.b, act, dtype=net.dtype)
        for layer, act in zip(net.layers, acts, strict=True)
    )


def _unsupported(where: str, supported: str, detail: str = "") -> TypeError:
    detail = f" ({detail})" if detail else ""
    return TypeError(f"{where} is not supported{detail}; supported: {supported}")


def _make(cls_or_name, where: str, **params) -> Activation:
    """An activation object, with a bad parameter reported against the layer."""
    try:
        if isinstance(cls_or_name, str):
            return get_activation(cls_or_name, **params)
        return cls_or_name(**params)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{where}: {exc}") from None


# --------------------------------------------------------------------------------------------
# PyTorch
# --------------------------------------------------------------------------------------------


def _torch_leaves(module, prefix: str = ""):
    """``(name, module)`` for every layer of a (possibly nested) ``nn.Sequential``."""
    from torch import nn

    for name, child in module.named_children():
        path = f"{prefix}{name}"
        if isinstance(child, nn.Sequential):
            yield from _torch_leaves(child, path + ".")
        else:
            yield path, child


def _to_numpy(tensor) -> np.ndarray:
    return tensor.detach().to("cpu").double().numpy().copy()


def from_torch(module, *, output=None) -> MLP:
    r"""Copy a PyTorch ``nn.Sequential`` of ``Linear`` layers and activations into an MLP.

    Parameters
    ----------
    module : torch.nn.Sequential or torch.nn.Linear
        Layers, in order: ``Linear`` and the activation modules ``Tanh``, ``ReLU``,
        ``Sigmoid``, ``LeakyReLU(negative_slope)``, ``ELU(alpha)``, ``Softplus`` (``beta=1``),
        ``GELU`` (``approximate="none"``), ``Identity`` and ``Softmax(dim=-1)`` (last layer
        only). ``Dropout`` is skipped (the copy computes the network in eval mode) and nested
        ``Sequential`` containers are read in order.
    output : {None, "sigmoid", "softmax"}, default None
        ``None`` keeps the model's own output layer. A model trained on logits (no
        activation after its last layer, trained with ``BCEWithLogitsLoss`` or
        ``CrossEntropyLoss``) gives scores, not probabilities: ``"sigmoid"`` (one logit per
        class, or a single logit for two classes) or
        ``"softmax"`` (one logit per class, at least two) appends the activation its loss
        applied, so that the copy is a classifier with the same predictions.

    Returns
    -------
    MLP
        A float64 copy; PyTorch's weight of shape ``(out_features, in_features)`` becomes
        ``W`` of shape ``(n_in, n_out)``. A ``Linear`` followed directly by another ``Linear``
        gets the identity activation.

    Raises
    ------
    TypeError
        For a module that is not a ``Sequential`` or for an unsupported layer (its index and
        class are named, and the supported layers listed).
    ValueError
        For unsupported parameters (``GELU(approximate="tanh")``, ``Softplus(beta=2)``, a
        softmax that is not the output, ...), or an ``output`` that does not fit the model
        (not ``None``/``"sigmoid"``/``"softmax"``, a model that already ends in an activation,
        softmax over a single unit).

    Notes
    -----
    PyTorch's ``Softplus`` returns ``x`` itself above ``threshold`` (20 by default), where
    :math:`\log(1 + e^x) - x < 2.1 \times 10^{-9}`: only there do the two differ.

    Examples
    --------
    >>> import torch  # doctest: +SKIP
    >>> model = torch.nn.Sequential(
    ...     torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1), torch.nn.Sigmoid()
    ... )  # doctest: +SKIP
    >>> from_torch(model)  # doctest: +SKIP
    MLP(2-3-1, tanh -> sigmoid)

    A model trained on logits with ``torch.nn.CrossEntropyLoss``:

    >>> logits = torch.nn.Sequential(
    ...     torch.nn.Linear(2, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3)
    ... )  # doctest: +SKIP
    >>> from_torch(logits, output="softmax")  # doctest: +SKIP
    MLP(2-8-3, relu -> softmax)
    """
    try:
        from torch import nn
    except ImportError as exc:  # pragma: no cover - only without torch
        raise ImportError("from_torch needs PyTorch: pip install torch") from exc

    if isinstance(module, nn.Linear):
        leaves = [("0", module)]
    elif isinstance(module, nn.Sequential):
        leaves = list(_torch_leaves(module))
    else:
        raise TypeError(
            f"from_torch reads a torch.nn.Sequential (or a single nn.Linear); got "
            f"{type(module).__name__}. A module with its own forward() cannot be read layer by "
            f"layer: rebuild it as nn.Sequential, or pass its weights to MLP.from_weights"
        )
    build = _Builder(_TORCH_SUPPORTED)
    for i, (name, layer) in enumerate(leaves):
        kind = type(layer).__name__
        where = f"layer {name} ({kind})"
        if isinstance(layer, nn.Linear):
            b = None if layer.bias is None else _to_numpy(layer.bias)
            build.affine(_to_numpy(layer.weight).T, b, where)
        elif isinstance(layer, (nn.Identity, nn.Dropout)):
            continue
        elif isinstance(layer, nn.Tanh):
            build.activation(_make("tanh", where), where)
        elif isinstance(layer, nn.ReLU):
            build.activation(_make("relu", where), where)
        elif isinstance(layer, nn.Sigmoid):
            build.activation(_make("sigmoid", where), where)
        elif isinstance(layer, nn.LeakyReLU):
            build.activation(_make(LeakyReLU, where, alpha=float(layer.negative_slope)), where)
        elif isinstance(layer, nn.ELU):
            build.activation(_make(ELU, where, alpha=float(layer.alpha)), where)
        elif isinstance(layer, nn.Softplus):
            if layer.beta != 1:
                raise ValueError(
                    f"{where}: beta={layer.beta} is not supported; only Softplus(beta=1)"
                )
            build.activation(_make("softplus", where), where)
        elif isinstance(layer, nn.GELU):
            if layer.approximate != "none":
                raise ValueError(
                    f"{where}: approximate={layer.approximate!r} is not supported; only the "
                    f"exact GELU(approximate='none')"
                )
            build.activation(_make("gelu", where), where)
        elif isinstance(layer, nn.Softmax):
            if layer.dim not in (-1, 1):
                raise ValueError(
                    f"{where}: dim={layer.dim} is not supported; softmax must run over the "
                    f"features, Softmax(dim=-1)"
                )
            if any(not isinstance(rest, (nn.Identity, nn.Dropout)) for _, rest in leaves[i + 1 :]):
                raise ValueError(
                    f"{where} is not the last layer; softmax is supported as the output "
                    f"activation only"
                )
            build.activation(_make("softmax", where), where)
        else:
            raise _unsupported(where, _TORCH_SUPPORTED)
    what = f"the torch module {type(module).__name__}"
    return _with_output(build.build(what), output, what)


# --------------------------------------------------------------------------------------------
# Keras
# --------------------------------------------------------------------------------------------


def _keras_activation_name(value, where: str) -> str:
    """The registry name of a Keras activation as stored in a layer config."""
    if isinstance(value, dict):  # a serialised function: {"class_name": ..., "config": name}
        config = value.get("config")
        value = config if isinstance(config, str) else value.get("class_name")
    if value is None:
        return "linear"
    if not isinstance(value, str):
        value = getattr(value, "__name__", repr(value))
    name = value.lower()
    if name not in _KERAS_ACTIVATIONS:
        raise ValueError(
            f"{where}: activation {value!r} is not supported; supported activations are "
            f"{list(_KERAS_ACTIVATIONS)}"
        )
    return name


def _keras_activation(name: str, where: str) -> Activation:
    if name == "leaky_relu":  # keras.activations.leaky_relu's default negative_slope
        return _make(LeakyReLU, where, alpha=0.2)
    return _make(name, where)


def from_keras(model, *, output=None) -> MLP:
    """Copy a Keras ``Sequential`` model of ``Dense`` layers into an MLP.

    Parameters
    ----------
    model : keras.Sequential
        ``Dense`` layers, each with the activation named in its config (``"linear"``,
        ``"relu"``, ``"tanh"``, ``"sigmoid"``, ``"elu"``, ``"softplus"``, ``"gelu"``,
        ``"leaky_relu"``, and ``"softmax"`` for the last layer). Separate ``Activation``,
        ``ReLU``, ``LeakyReLU``, ``ELU`` and ``Softmax`` layers after a linear ``Dense`` are
        merged into it; ``InputLayer`` and ``Dropout`` are skipped. The model must be built
        (called once, or created with an ``Input``) so that its weights exist.
    output : {None, "sigmoid", "softmax"}, default None
        ``None`` keeps the model's own output layer. A model trained on logits (no
        activation after its last layer, trained with a loss built with ``from_logits=True``)
        gives scores, not probabilities: ``"sigmoid"`` (one logit per class, or a single logit
        for two classes) or
        ``"softmax"`` (one logit per class, at least two) appends the activation its loss
        applied, so that the copy is a classifier with the same predictions.

    Returns
    -------
    MLP
        A float64 copy. Keras kernels already have shape ``(n_in, n_out)``.

    Raises
    ------
    TypeError
        For an unsupported layer (its index and class are named, and the supported layers
        listed).
    ValueError
        For an unsupported activation or parameter, a model that is not built, or an
        ``output`` that does not fit the model (see :func:`from_torch`).
    """
    layers = getattr(model, "layers", None)
    if layers is None or isinstance(model, (str, bytes)):
        raise TypeError(f"from_keras reads a keras.Sequential model; got {describe(model)}")
    layers = list(layers)
    build = _Builder(_KERAS_SUPPORTED)
    for i, layer in enumerate(layers):
        kind = type(layer).__name__
        name = getattr(layer, "name", None)
        where = f"layer {i} ({kind}{f' {name!r}' if name else ''})"
        config = layer.get_config() if hasattr(layer, "get_config") else {}
        if kind in ("InputLayer", "Dropout"):
            continue
        if kind == "Dense":
            arrays = [np.asarray(a, dtype=np.float64) for a in layer.get_weights()]
            use_bias = config.get("use_bias", True)
            if len(arrays) != 1 + bool(use_bias):
                raise ValueError(
                    f"{where} has {len(arrays)} weight arrays; build the model first (call it "
                    f"on a batch, or start it with keras.Input) so that its weights exist"
                )
            W, b = arrays[0], (arrays[1] if use_bias else None)
            build.affine(W, b, where)
            act = _keras_activation_name(config.get("activation"), where)
            if act != "linear":
                build.activation(_keras_activation(act, where), where)
        elif kind == "Activation":
            act = _keras_activation_name(config.get("activation"), where)
            if act != "linear":
                build.activation(_keras_activation(act, where), where)
        elif kind == "ReLU":
            if config.get("max_value") is not None or config.get("threshold", 0) not in (0, None):
                raise ValueError(
                    f"{where}: max_value and threshold are not supported; only a plain or "
                    f"leaky ReLU"
                )
            slope = float(config.get("negative_slope") or 0.0)
            act = _make(LeakyReLU, where, alpha=slope) if slope else _make("relu", where)
            build.activation(act, where)
        elif kind == "LeakyReLU":
            slope = config.get("negative_slope", config.get("alpha", 0.3))
            build.activation(_make(LeakyReLU, where, alpha=float(slope)), where)
        elif kind == "ELU":
            build.activation(_make(ELU, where, alpha=float(config.get("alpha", 1.0))), where)
        elif kind == "Softmax":
            if config.get("axis", -1) not in (-1, 1, [-1], [1]):
                raise ValueError(f"{where}: softmax must run over the last axis (axis=-1)")
            build.activation(_make("softmax", where), where)
        else:
            raise _unsupported(where, _KERAS_SUPPORTED)
    what = f"the keras model {type(model).__name__}"
    return _with_output(build.build(what), output, what)


# --------------------------------------------------------------------------------------------
# scikit-learn
# --------------------------------------------------------------------------------------------


def from_sklearn(clf) -> MLP:
    """Copy a fitted scikit-learn ``MLPClassifier`` or ``MLPRegressor`` into an MLP.

    Parameters
    ----------
    clf : sklearn.neural_network.MLPClassifier or MLPRegressor
        Fitted; its ``coefs_`` (shapes ``(n_in, n_out)``) and ``intercepts_`` are copied, with
        the hidden ``activation`` (``"identity"``, ``"logistic"``, ``"tanh"``, ``"relu"``) and
        ``out_activation_`` (``"logistic"``, ``"softmax"``, ``"identity"``).

    Returns
    -------
    MLP
        Its output is ``clf.predict_proba(X)[:, 1]`` for a binary classifier (one sigmoid
        unit), ``clf.predict_proba(X)`` for more classes and ``clf.predict(X)`` for a
        regressor.

    Raises
    ------
    TypeError
        For an object that is not an MLPClassifier or MLPRegressor.
    ValueError
        For an estimator that is not fitted.
    """
    kind = type(clf).__name__
    if not all(hasattr(clf, a) for a in ("activation", "hidden_layer_sizes")):
        raise TypeError(
            f"from_sklearn reads a fitted sklearn MLPClassifier or MLPRegressor; got "
            f"{describe(clf)}"
        )
    if not hasattr(clf, "coefs_"):
        raise ValueError(f"this {kind} is not fitted; call its fit(X, y) first")
    hidden = clf.activation
    if hidden not in _SKLEARN_HIDDEN:
        raise ValueError(
            f"{kind}.activation={hidden!r} is not supported; supported: {list(_SKLEARN_HIDDEN)}"
        )
    out = clf.out_activation_
    if out not in _SKLEARN_OUTPUT:
        raise ValueError(
            f"{kind}.out_activation_={out!r} is not supported; supported: {list(_SKLEARN_OUTPUT)}"
        )
    weights = [
        (np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64))
        for W, b in zip(clf.coefs_, clf.intercepts_, strict=True)
    ]
    acts = [_SKLEARN_HIDDEN[hidden]] * (len(weights) - 1) + [_SKLEARN_OUTPUT[out]]
    return MLP.from_weights(weights, acts)


# --------------------------------------------------------------------------------------------
# dispatch
# --------------------------------------------------------------------------------------------


def _library(model) -> str | None:
    for cls in type(model).__mro__:
        root = cls.__module__.split(".")[0]
        if root == "torch":
            return "torch"
        if root in ("keras", "tf_keras", "tensorflow"):
            return "keras"
        if root == "sklearn":
            return "sklearn"
    return None


def _from_triples(stages) -> MLP:
    weights, activations = [], []
    for i, stage in enumerate(stages):
        if not isinstance(stage, (tuple, list)) or len(stage) != 3:
            raise TypeError(f"stage {i} must be a (W, b, activation) triple; got {describe(stage)}")
        W, b, act = stage
        weights.append((W, b))
        activations.append(act)
    try:
        return MLP.from_weights(weights, activations)
    except ValueError as exc:
        if "consecutive widths" not in str(exc):
            raise
        raise ValueError(
            f"{exc}. W must have shape (n_in, n_out); PyTorch stores (out, in): transpose it"
        ) from None


def from_any(model, *, output=None) -> MLP:
    """Turn a network from any supported source into an MLP.

    Parameters
    ----------
    model : MLP, torch.nn.Sequential, keras.Sequential, sklearn MLP or sequence of triples
        An :class:`~nnexplain.network.MLP` is returned as it is; PyTorch, Keras and
        scikit-learn models go to :func:`from_torch`, :func:`from_keras` and
        :func:`from_sklearn`; a sequence of ``(W, b, activation)`` triples (``W`` of shape
        ``(n_in, n_out)``, ``b`` of shape ``(n_out,)`` or ``None``, an activation name or
        object) goes to :meth:`MLP.from_weights <nnexplain.network.MLP.from_weights>`.
    output : {None, "sigmoid", "softmax"}, default None
        ``None`` keeps the model's own output. For a model whose last layer gives logits,
        the activation its loss applied (see :func:`from_torch`); an MLP is then copied.

    Returns
    -------
    MLP

    Raises
    ------
    TypeError
        For anything else (the supported kinds are listed).
    ValueError
        For an ``output`` that does not fit the model.
    """
    if isinstance(model, MLP):
        return _with_output(model, output, repr(model))
    library = _library(model)
    if library == "torch":
        return from_torch(model, output=output)
    if library == "keras":
        return from_keras(model, output=output)
    if library == "sklearn":
        return _with_output(from_sklearn(model), output, f"the {type(model).__name__}")
    if isinstance(model, Sequence) and not isinstance(model, (str, bytes)):
        return _with_output(_from_triples(model), output, "the (W, b, activation) stages")
    raise TypeError(
        f"cannot read a network from {describe(model)}; supported: an nnexplain MLP, a "
        f"torch.nn.Sequential, a keras.Sequential, a fitted sklearn MLPClassifier or "
        f"MLPRegressor, or a list of (W, b, activation) triples"
    )
