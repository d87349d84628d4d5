r"""Numbers that summarise what a network does inside: activation histograms, saturation, dead
units, gradient norms, and how close weights stay to a template.

Everything here is numpy only; :mod:`nnexplain.plot` draws the results. The functions take plain
arrays or the :class:`~nnexplain.network.Stage` objects of a :meth:`~nnexplain.network.MLP.trace`,
so that ``activation_histograms(layer_activations(net, X))`` is one line.

:func:`weight_scale_experiment` is seed article 002's experiment (from "Deep Learning from
Scratch", chapter 6): push 1000 standard normal samples through 5 bias-free layers of 100 sigmoid
units whose weights have a chosen scale, and keep each layer's activations.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._validation import (
    check_array,
    check_int,
    check_interval,
    check_labels,
    check_positive,
    check_random_state,
    describe,
)
from .activations import get_activation
from .initializers import Normal
from .network import MLP, Stage, check_mlp

__all__ = [
    "BackwardGains",
    "DeadFraction",
    "backward_gains",
    "activation_histograms",
    "class_means",
    "dead_fraction",
    "dead_units",
    "gradient_norms",
    "layer_activations",
    "saturation_fraction",
    "stage_value_list",
    "stage_values",
    "template_similarity",
    "weight_scale_experiment",
    "weight_scale_inits",
    "winner_neuron",
]

# The two activations with horizontal asymptotes, and their asymptotes.
_ASYMPTOTES = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


def stage_values(data, name: str = "values") -> np.ndarray:
    """The values of a :class:`~nnexplain.network.Stage`, or ``data`` itself, as a 2D array.

    Parameters
    ----------
    data : Stage or array-like of shape (n_samples, width) or (n_samples,)
        A 1D array becomes one column.
    name : str, default="values"
        Argument name for the error message.

    Returns
    -------
    ndarray of shape (n_samples, width)
    """
    if isinstance(data, Stage):
        data = data.values
    arr = check_array(data, name, ndim=(1, 2), dtype=None)
    return arr[:, None] if arr.ndim == 1 else arr


def stage_value_list(stages_or_arrays, name: str = "stages_or_arrays") -> list[np.ndarray]:
    """A list of 2D arrays from a Trace, a sequence of Stages or arrays, or a single array.

    Returns
    -------
    list of ndarray of shape (n_samples, width)
        One per layer (see :func:`stage_values`).
    """
    if isinstance(stages_or_arrays, (np.ndarray, Stage)):
        return [stage_values(stages_or_arrays, name)]
    if isinstance(stages_or_arrays, (str, bytes)) or not isinstance(stages_or_arrays, Sequence):
        raise TypeError(
            f"{name} must be a Trace, a sequence of Stage objects or arrays, or one array; "
            f"got {describe(stages_or_arrays)}"
        )
    if len(stages_or_arrays) == 0:
        raise ValueError(f"{name} is empty; give at least one layer's values")
    return [stage_values(a, f"{name}[{i}]") for i, a in enumerate(stages_or_arrays)]


def _check_range(range_, name: str = "range") -> tuple[float, float] | None:
    if range_ is None:
        return None
    if not isinstance(range_, (tuple, list)) or len(range_) != 2:
        raise TypeError(f"{name} must be None or a pair (low, high); got {describe(range_)}")
    if any(isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real) for v in range_):
        raise TypeError(f"{name} must hold two real numbers; got {describe(range_)}")
    low, high = (float(v) for v in range_)
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be a pair of finite numbers low < high; got {range_}")
    return low, high


def activation_histograms(stages_or_arrays, bins=30, range=(0.0, 1.0)):
    """Histogram of the activations of each layer, all with the same bin edges.

    Parameters
    ----------
    stages_or_arrays : Trace, sequence of Stage or of array-like, or one array-like
        One entry per layer; each is flattened (every unit of every sample counts once).
    bins : int, default=30
        Number of equal-width bins (seed 002 uses 30).
    range : (float, float) or None, default=(0, 1)
        Lower and upper edge, as in :func:`numpy.histogram`; values outside are not counted.
        ``(0, 1)`` suits sigmoid, ``(-1, 1)`` tanh. ``None`` spans the smallest to the largest
        value over *all* layers, so that the layers stay comparable.

    Returns
    -------
    counts : ndarray of shape (n_layers, bins)
        Integer counts per layer and bin.
    edges : ndarray of shape (bins + 1,)
        The shared bin edges.

    See Also
    --------
    layer_activations, nnexplain.plot.plot_activation_histograms

    Examples
    --------
    >>> counts, edges = activation_histograms([[0.1, 0.2, 0.9]], bins=2)
    >>> counts.tolist(), edges.tolist()
    ([[2, 1]], [0.0, 0.5, 1.0])
    """
    arrays = stage_value_list(stages_or_arrays, "stages_or_arrays")
    bins = check_int(bins, "bins")
    range_ = _check_range(range)
    if range_ is None:
        low = min(float(a.min()) for a in arrays)
        high = max(float(a.max()) for a in arrays)
        range_ = (low, high) if high > low else (low - 0.5, high + 0.5)
    edges = np.linspace(range_[0], range_[1], bins + 1)
    counts = np.stack([np.histogram(a.ravel(), bins=edges)[0] for a in arrays])
    return counts, edges


def saturation_fraction(values, activation, *, tol=0.01) -> float:
    r"""Fraction of activation values within ``tol`` of one of the function's asymptotes.

    A unit in that zone has a derivative close to 0 and passes almost no gradient back.

    - tanh: saturated when :math:`|h| > 1 - \text{tol}` (0.99 by default), where
      :math:`\tanh'(x) = 1 - h^2 < 2\,\text{tol}`;
    - sigmoid: saturated when :math:`h < \text{tol}` or :math:`h > 1 - \text{tol}` (outside
      (0.01, 0.99) by default), where :math:`\sigma'(x) = h(1 - h) < \text{tol}`.

    Parameters
    ----------
    values : array-like or Stage
        Activation *outputs* (not pre-activations), any shape up to 2D.
    activation : {"tanh", "sigmoid"} or Activation
        The function that produced ``values``.
    tol : float, default=0.01
        Distance to the asymptote below which a value counts as saturated, in (0, 0.5).

    Returns
    -------
    float
        Saturated values divided by all values.

    Examples
    --------
    >>> import numpy as np
    >>> saturation_fraction(np.tanh([0.0, 1.0, 3.0, -5.0]), "tanh")
    0.5
    """
    arr = stage_values(values, "values")
    name = get_activation(activation).name
    if name not in _ASYMPTOTES:
        raise ValueError(
            f"saturation is defined for activations with asymptotes, {sorted(_ASYMPTOTES)}; "
            f"got activation {name!r} (for relu see dead_fraction)"
        )
    tol = check_interval(tol, "tol", 0, 0.5)
    low, high = _ASYMPTOTES[name]
    saturated = (arr < low + tol) | (arr > high - tol)
    return float(np.mean(saturated))


def dead_units(values, *, atol=0.0) -> np.ndarray:
    """Which units are zero for every sample (dead ReLU units).

    Parameters
    ----------
    values : array-like of shape (n_samples, n_units) or Stage
        Activation outputs of one layer.
    atol : float, default=0.0
        Values with ``|h| <= atol`` count as zero.

    Returns
    -------
    ndarray of shape (n_units,) of bool
    """
    arr = stage_values(values, "values")
    atol = _check_atol(atol)
    return np.all(np.abs(arr) <= atol, axis=0)


class DeadFraction(NamedTuple):
    """Result of :func:`dead_fraction`.

    Attributes
    ----------
    units : float
        Fraction of units (columns) that are zero for *every* sample: dead units, which get no
        gradient and never recover.
    entries : float
        Fraction of all entries (sample, unit) that are zero: ReLU's sparsity, about 0.5 for a
        healthy layer.
    """

    units: float
    entries: float


def dead_fraction(values, *, atol=0.0) -> DeadFraction:
    """Fraction of dead units and of zero entries in a ReLU layer's output.

    Parameters
    ----------
    values : array-like of shape (n_samples, n_units) or Stage
        Activation outputs of one layer (rows are samples, columns units).
    atol : float, default=0.0
        Values with ``|h| <= atol`` count as zero.

    Returns
    -------
    DeadFraction
        ``(units, entries)``: the fraction of units that are zero for every sample, and the
        fraction of entries that are zero.

    See Also
    --------
    dead_units : the boolean mask of dead units.

    Examples
    --------
    >>> dead_fraction([[0.0, 1.0], [0.0, 0.0]])
    DeadFraction(units=0.5, entries=0.75)
    """
    arr = stage_values(values, "values")
    atol = _check_atol(atol)
    zero = np.abs(arr) <= atol
    return DeadFraction(float(np.mean(np.all(zero, axis=0))), float(np.mean(zero)))


def _check_atol(atol) -> float:
    return check_positive(atol, "atol", allow_zero=True)


def gradient_norms(net, X, y, loss=None) -> np.ndarray:
    r"""Frobenius norm :math:`\|\partial L / \partial W_\ell\|_F` of each layer's weight gradient.

    Shrinking norms from the output towards the input are the vanishing-gradient signature of
    saturated sigmoid or tanh layers.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
        Targets, as for :meth:`MLP.fit`.
    loss : str, Loss or None
        ``None`` uses the network's default loss.

    Returns
    -------
    ndarray of shape (n_layers,)
        First layer first; biases are left out.
    """
    check_mlp(net)
    _, grads = net.gradients(X, y, loss=loss)
    return np.array([np.linalg.norm(dW) for dW, _ in grads])


class BackwardGains(NamedTuple):
    r"""Result of :func:`backward_gains`: how the backward pass scales the error signal.

    Attributes
    ----------
    delta : ndarray of shape (n_layers,)
        :math:`\|\delta_\ell\|_F`, the norm of the loss's gradient with respect to the
        pre-activations :math:`z_\ell` of layer :math:`\ell`, first layer first (the last entry
        is the output layer).
    weights : ndarray of shape (n_layers - 1,)
        Gain of the product with the weights,
        :math:`\|\delta_{\ell+1} W_{\ell+1}^\top\|_F / \|\delta_{\ell+1}\|_F`, for each
        hidden layer :math:`\ell`.
    slope : ndarray of shape (n_layers - 1,)
        Gain of the product with the activation's slope,
        :math:`\|\delta_\ell\|_F / \|\delta_{\ell+1} W_{\ell+1}^\top\|_F` where
        :math:`\delta_\ell = (\delta_{\ell+1} W_{\ell+1}^\top) \odot f'(z_\ell)`.
        ``weights * slope`` is ``delta[:-1] / delta[1:]``.
    """

    delta: np.ndarray
    weights: np.ndarray
    slope: np.ndarray


def backward_gains(net, X, y, loss=None) -> BackwardGains:
    r"""Split each backward step of ``net`` into the factor of the weights and of the slope.

    Backpropagation carries the error signal
    :math:`\delta_\ell = \partial L / \partial z_\ell` from the output towards the input
    with :math:`\delta_\ell = (\delta_{\ell+1} W_{\ell+1}^\top) \odot f'(z_\ell)`: one
    product with a weight matrix and one with the activation's slope per layer. This measures
    both gains on ``X``. For random weights of std :math:`\sigma` and :math:`n` units in the
    layer above, the weights' gain is about :math:`\sqrt{n}\,\sigma`; the slope's gain is
    about the root mean square of :math:`f'(z_\ell)`, at most 1/4 for the sigmoid.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
        Targets, as for :meth:`MLP.fit`.
    loss : str, Loss or None
        ``None`` uses the network's default loss.

    Returns
    -------
    BackwardGains
        ``(delta, weights, slope)``; a gain is ``nan`` where the signal it divides by is 0.

    See Also
    --------
    gradient_norms : the norms of the weight gradients
        :math:`\partial L / \partial W_\ell = h_{\ell-1}^\top \delta_\ell`.
    """
    from . import _backprop

    check_mlp(net)
    loss = net.resolve_loss(loss)
    X = net.check_input(X)
    t = loss.check_targets(y, X.shape[0], net.sizes[-1])
    target = loss.prepare(t, net.sizes[-1], net.dtype)
    ws = _backprop.Workspace(net.layers, X.shape[0])
    _backprop.gradient_into(ws, ws.augment(X), target, loss, np.empty_like(net.parameters))
    # The kernel keeps z, f(z) and delta W^T of every layer; the deltas themselves are
    # recomputed, since an activation may hand its input on instead of writing its buffer.
    out = loss.delta(ws.z[-1], ws.a[-1], target, ws.output_activation, ws.delta[-1].copy())
    hidden = zip(net.layers[:-1], ws.dh[:-1], ws.z[:-1], ws.a[:-1], strict=True)
    deltas = [la.activation.backward(dh, z, a) for la, dh, z, a in hidden] + [out]
    delta = np.array([np.linalg.norm(d) for d in deltas], dtype=float)
    through_w = np.array([np.linalg.norm(dh) for dh in ws.dh[:-1]], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(delta[1:] > 0, through_w / delta[1:], np.nan)
        slope = np.where(through_w > 0, delta[:-1] / through_w, np.nan)
    return BackwardGains(delta, weights, slope)


def layer_activations(net, X, *, include_output=True) -> list:
    """The activation stages of ``net.trace(X)``: each layer's output :math:`f(hW + b)`.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    include_output : bool, default=True
        Keep the last layer's output too.

    Returns
    -------
    list of Stage
        ``stage.values`` is an ``ndarray of shape (n_samples, width)`` and ``stage.label`` reads
        like ``"layer 2: tanh"``.
    """
    check_mlp(net)
    stages = [s for s in net.trace(X) if s.kind == "activation"]
    return stages if include_output else [s for s in stages if not s.is_output]


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
    from .initializers import HeNormal, Normal, XavierNormal

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
    activation_histograms, nnexplain.plot.plot_activation_histograms

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


def template_similarity(W, templates, *, pairwise=False) -> np.ndarray:
    r"""Cosine similarity between each neuron's weight column and a template.

    .. math:: s_j = \frac{\langle w_j, t_j \rangle}{\|w_j\|\,\|t_j\|} \in [-1, 1]

    1 means the weights point exactly along the template (any positive scale), 0 that they are
    orthogonal to it. In seed 003 the templates are the training images the hidden layer started
    from (``W0 = X[:n_units].T``); :math:`s_j` close to 1 after training says neuron :math:`j`
    still looks like its starting image.

    Parameters
    ----------
    W : array-like of shape (n_in, n_units)
        Weights, one column per neuron (as ``Dense.W``).
    templates : array-like of shape (n_in, n_units) or (n_in, n_templates)
        Templates as *columns*, like ``W`` (transpose images stored as rows: ``X[:k].T``).
    pairwise : bool, default=False
        ``False`` compares column :math:`j` of ``W`` with column :math:`j` of ``templates``
        (same shape needed); ``True`` compares every neuron with every template.

    Returns
    -------
    ndarray of shape (n_units,), or (n_units, n_templates) when ``pairwise``

    Raises
    ------
    ValueError
        If a weight column or a template is all zeros (its direction is undefined).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[1.0, 0.0], [1.0, 2.0]])
    >>> template_similarity(W, np.array([[2.0, 1.0], [2.0, 0.0]])).round(3).tolist()
    [1.0, 0.0]
    """
    W = check_array(W, "W", ndim=2)
    T = check_array(templates, "templates", ndim=2)
    if T.shape[0] != W.shape[0]:
        raise ValueError(
            f"templates have {T.shape[0]} rows but W has {W.shape[0]} (n_in); templates must be "
            "columns like W's (transpose images stored as rows)"
        )
    if not pairwise and T.shape != W.shape:
        raise ValueError(
            f"templates has shape {T.shape} but W has shape {W.shape}; they must match "
            "(one template per neuron), or use pairwise=True"
        )
    w_norm = np.linalg.norm(W, axis=0)
    t_norm = np.linalg.norm(T, axis=0)
    for norms, name in ((w_norm, "W"), (t_norm, "templates")):
        if np.any(norms == 0):
            bad = np.flatnonzero(norms == 0)[:10].tolist()
            raise ValueError(
                f"{name} has all-zero columns {bad}; cosine similarity is undefined for them"
            )
    Wn, Tn = W / w_norm, T / t_norm
    if pairwise:
        return Wn.T @ Tn
    return np.clip(np.einsum("ij,ij->j", Wn, Tn), -1.0, 1.0)


def winner_neuron(W, x) -> int | np.ndarray:
    r"""The neuron whose weight column has the largest inner product with the input.

    A dense layer computes :math:`z_j = \langle x, w_j \rangle (+ b_j)`: a similarity score
    between the input and each neuron's weights (seed 003). The winner is
    :math:`\arg\max_j \langle x, w_j \rangle`; the bias is left out on purpose, since the
    question is which weights look most like the input.

    Parameters
    ----------
    W : array-like of shape (n_in, n_units)
    x : array-like of shape (n_in,) or (n_samples, n_in)

    Returns
    -------
    int, or ndarray of shape (n_samples,) for a 2D ``x``

    Examples
    --------
    >>> winner_neuron([[1.0, 0.0], [0.0, 1.0]], [0.2, 0.9])
    1
    """
    W = check_array(W, "W", ndim=2)
    x = check_array(x, "x", ndim=(1, 2), n_features=W.shape[0])
    scores = x @ W
    return int(np.argmax(scores)) if x.ndim == 1 else np.argmax(scores, axis=1)


def class_means(X, y, *, centred=False) -> np.ndarray:
    r"""The mean sample of each class, one *column* per class (like a weight matrix).

    With ``centred=True`` the mean of all samples is subtracted: :math:`\bar x_k - \bar x`.
    For a single softmax layer started from zero weights on balanced classes, the first gradient
    step moves neuron :math:`k`'s weights along exactly this direction, which is why trained
    single-layer weights look like the digits.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Integer labels ``0 .. n_classes - 1``; every class must occur.
    centred : bool, default=False

    Returns
    -------
    ndarray of shape (n_features, n_classes)
    """
    X = check_array(X, "X", ndim=2)
    y = check_labels(y, "y", n_samples=X.shape[0])
    n_classes = int(y.max()) + 1
    counts = np.bincount(y, minlength=n_classes)
    if np.any(counts == 0):
        missing = np.flatnonzero(counts == 0).tolist()
        raise ValueError(f"y has no sample of the classes {missing}; every class must occur")
    sums = np.zeros((X.shape[1], n_classes))
    np.add.at(sums.T, y, X)
    means = sums / counts
    if centred:
        means -= X.mean(axis=0)[:, None]
    return means


# --------------------------------------------------------------------------------------------
# comparing hidden representations, and what a hidden unit responds to (seed 003)
# --------------------------------------------------------------------------------------------

__all__ += [  # extended here so that this block merges on its own
    "activation_weighted_mean",
    "gradient_by_class",
    "linear_cka",
    "linear_map_r2",
]


def _paired_rows(A, B, names):
    A = check_array(A, names[0], ndim=2)
    B = check_array(B, names[1], ndim=2)
    if A.shape[0] != B.shape[0]:
        raise ValueError(
            f"{names[0]} has {A.shape[0]} rows but {names[1]} has {B.shape[0]}; both must hold "
            "the representations of the same samples, one sample per row"
        )
    if A.shape[0] < 2:
        raise ValueError(f"{names[0]} and {names[1]} need at least 2 samples (rows)")
    return A, B


def linear_cka(A, B) -> float:
    r"""Linear centred kernel alignment between two representations of the same samples.

    With :math:`\tilde A, \tilde B` the column-centred matrices (one sample per row),

    .. math::

        \mathrm{CKA}(A, B) = \frac{\|\tilde B^\top \tilde A\|_F^2}
        {\|\tilde A^\top \tilde A\|_F \, \|\tilde B^\top \tilde B\|_F} \in [0, 1]

    (Kornblith et al., 2019). It compares the *geometry* of two representations, which samples
    are close to which, and so does not care how the units are numbered or mixed: it is 1 for
    ``B = A Q c + t`` with any orthogonal :math:`Q`, scale :math:`c \ne 0` and shift
    :math:`t`, and the number of units may differ. For one unit each it is the squared
    correlation. Two hidden layers trained from different random starts can have different
    units and still a CKA near 1.

    Parameters
    ----------
    A : array-like of shape (n_samples, n_units_a)
    B : array-like of shape (n_samples, n_units_b)
        The same samples, in the same order.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a representation is constant over the samples (its geometry is a single point).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.random.default_rng(0).normal(size=(50, 3))
    >>> round(linear_cka(A, 2 * A[:, ::-1] + 1), 6)
    1.0
    """
    A, B = _paired_rows(A, B, ("A", "B"))
    A = A - A.mean(axis=0)
    B = B - B.mean(axis=0)
    norm_a = np.linalg.norm(A.T @ A)
    norm_b = np.linalg.norm(B.T @ B)
    for norm, name in ((norm_a, "A"), (norm_b, "B")):
        if norm == 0:
            raise ValueError(f"{name} is constant over the samples; CKA is undefined for it")
    return float(np.linalg.norm(B.T @ A) ** 2 / (norm_a * norm_b))


def linear_map_r2(source, target, *, test=None) -> float:
    r"""How much of one representation a linear map from another explains: :math:`R^2`.

    Fits :math:`\hat B = A M + c` by least squares on ``(source, target)`` and returns

    .. math::

        R^2 = 1 - \frac{\sum_{n,k} (B_{nk} - \hat B_{nk})^2}{\sum_{n,k} (B_{nk} - \bar B_k)^2},

    pooled over all target units, on the ``test`` pair if given (recommended: with many units
    a map fitted and scored on the same samples also fits noise), else on the fitting samples.
    1 means the target is a linear function of the source; 0 that the map predicts no better
    than the mean. Unlike :func:`linear_cka` it is not symmetric.

    Parameters
    ----------
    source : array-like of shape (n_samples, n_units_a)
    target : array-like of shape (n_samples, n_units_b)
        The same samples, in the same order.
    test : (source_test, target_test) or None
        Held-out samples on which to score the fitted map.

    Returns
    -------
    float
        Can be negative on ``test`` samples (a map worse than the mean).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.random.default_rng(0).normal(size=(40, 3))
    >>> round(linear_map_r2(A, A @ [[1.0], [2.0], [0.0]] - 5), 6)
    1.0
    """
    A, B = _paired_rows(source, target, ("source", "target"))
    if test is None:
        A_test, B_test = A, B
    else:
        if not isinstance(test, (tuple, list)) or len(test) != 2:
            raise TypeError(f"test must be a pair (source_test, target_test); got {describe(test)}")
        A_test, B_test = _paired_rows(test[0], test[1], ("test[0]", "test[1]"))
        if A_test.shape[1] != A.shape[1] or B_test.shape[1] != B.shape[1]:
            raise ValueError(
                f"test has {A_test.shape[1]} source and {B_test.shape[1]} target units but the "
                f"fitting data have {A.shape[1]} and {B.shape[1]}; they must match"
            )
    a_mean, b_mean = A.mean(axis=0), B.mean(axis=0)
    M = np.linalg.lstsq(A - a_mean, B - b_mean, rcond=None)[0]
    residual = (B_test - b_mean) - (A_test - a_mean) @ M
    total = np.sum((B_test - B_test.mean(axis=0)) ** 2)
    if total == 0:
        raise ValueError("target is constant over the scored samples; R^2 is undefined")
    return float(1.0 - np.sum(residual**2) / total)


def activation_weighted_mean(X, H) -> np.ndarray:
    r"""For each unit, the mean input weighted by how strongly the unit responds to it.

    .. math:: r_j = \frac{\sum_n h_{nj}\, x_n}{\sum_n h_{nj}}

    A hidden unit's weights can be hard to read (on MNIST most of a trained unit's weight
    vector is still its random start); :math:`r_j` shows instead *what the unit responds to*:
    the average of the inputs, each counted as often as it excites the unit. A unit that only
    fires for zeros gives a zero; a unit that fires for several digits gives a blend of them.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs, one per row.
    H : array-like of shape (n_samples, n_units)
        The units' responses to them, non-negative (ReLU or sigmoid outputs).

    Returns
    -------
    ndarray of shape (n_features, n_units)
        One column per unit, like a weight matrix. A unit that responds to no input at all (a
        dead ReLU) gets a column of zeros.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> activation_weighted_mean(X, [[3.0, 0.0], [1.0, 0.0]]).tolist()
    [[0.75, 0.0], [0.25, 0.0]]
    """
    X, H = _paired_rows(X, H, ("X", "H"))
    if np.any(H < 0):
        raise ValueError(
            f"H must be non-negative (ReLU or sigmoid responses); its minimum is {H.min():g}"
        )
    total = H.sum(axis=0)
    weighted = X.T @ H
    out = np.zeros_like(weighted)
    np.divide(weighted, total, out=out, where=total > 0)
    return out


def gradient_by_class(net, X, y, *, layer=0) -> np.ndarray:
    r"""One layer's weight gradient split into the contributions of each class's samples.

    The gradient of the mean loss with respect to a layer's weights is a sum over samples,

    .. math::

        \frac{\partial L}{\partial W} = \frac{1}{N} \sum_n h_n^\top \delta_n
        = \sum_c \underbrace{\frac{1}{N} \sum_{n:\, y_n = c} h_n^\top \delta_n}_{G_c},

    where :math:`h_n` is the layer's input for sample :math:`n` (the image itself for the first
    layer) and :math:`\delta_n` the error back-propagated to the layer's pre-activations. So a
    first-layer unit :math:`j` is pushed by a weighted sum of *images*, and :math:`G_c[:, j]` is
    the part made of class :math:`c`. Gradient descent moves the weights along
    :math:`-\sum_c G_c`; the contributions sum exactly to :meth:`MLP.gradients`.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,)
        Integer class labels ``0 .. n_classes - 1``.
    layer : int, default=0
        Index of the layer (0 is the first hidden layer).

    Returns
    -------
    ndarray of shape (n_classes, n_in_of_layer, n_units_of_layer)
        ``G[c]``: the class-``c`` part of the gradient of the layer's ``W`` (bias left out).
    """
    net = check_mlp(net, "net")
    X = check_array(X, "X", ndim=2, n_features=net.sizes[0])
    y = check_labels(y, "y", n_samples=X.shape[0])
    if isinstance(layer, bool) or not isinstance(layer, numbers.Integral):
        raise TypeError(f"layer must be an int; got {describe(layer)}")
    if not 0 <= layer < len(net.layers):
        raise ValueError(f"layer must be in 0..{len(net.layers) - 1}; got {layer}")
    n_classes = int(y.max()) + 1
    W = net.layers[layer].W
    out = np.zeros((n_classes, *W.shape))
    for c in range(n_classes):
        rows = y == c
        if rows.any():
            _, grads = net.gradients(X[rows], y[rows])
            out[c] = grads[layer][0] * (rows.sum() / len(y))
    return out


# --------------------------------------------------------------------------------------------
# how far a stage is from linearly separable, and how much of it ReLU collapsed (seed 000)
# --------------------------------------------------------------------------------------------

__all__ += ["collapsed_fraction", "linear_separability"]  # extended here: merges on its own


def linear_separability(values, y, *, l2=1e-4, n_iter=50) -> float:
    r"""Training accuracy of a logistic regression on one stage: how linearly separable it is.

    A network's output unit is a logistic regression on its last hidden layer, so this asks of
    any stage (the input, a hidden layer) how well a single flat cut could separate the two
    classes there. The columns are standardised (constant columns, such as a dead ReLU unit,
    are left at 0) and the regularised log-loss

    .. math::

        \frac{1}{N} \sum_n \log\bigl(1 + e^{-s_n (x_n w + c)}\bigr) + \frac{\lambda}{2} \|w\|^2,
        \qquad s_n = 2 y_n - 1,

    is minimised by Newton's method with a backtracking step. The result is a lower bound on
    the best accuracy of any line or plane: 1.0 means the stage is linearly separable. Classes
    that touch (a margin far below the spread of the data) can score just under 1.0.

    Parameters
    ----------
    values : Stage or array-like of shape (n_samples, width)
    y : array-like of shape (n_samples,)
        Binary labels, 0 or 1.
    l2 : float, default=1e-4
        :math:`\lambda`; keeps :math:`w` finite when the classes are separable.
    n_iter : int, default=50
        Newton steps.

    Returns
    -------
    float
        The fraction of samples on the right side of the fitted cut.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    >>> linear_separability(X, [0, 0, 1, 1])  # XOR: no cut beats chance by much; the fit stays at 0
    0.5
    >>> linear_separability(X, [0, 1, 1, 0])
    1.0
    """
    X = stage_values(values, "values")
    y = check_labels(y, "y", n_samples=X.shape[0], n_classes=2)
    l2 = check_positive(l2, "l2")
    n_iter = check_int(n_iter, "n_iter", minimum=1)
    std = X.std(axis=0)
    Z = np.zeros_like(X)
    np.divide(X - X.mean(axis=0), std, out=Z, where=std > 1e-12)
    A = np.column_stack([Z, np.ones(len(Z))])
    s = 2.0 * y - 1.0
    penalty = np.r_[np.full(Z.shape[1], l2), 0.0]  # the intercept is not penalised

    def loss(w):
        return np.logaddexp(0.0, -s * (A @ w)).mean() + 0.5 * np.sum(penalty * w * w)

    w = np.zeros(A.shape[1])
    for _ in range(n_iter):
        p = 0.5 * (1.0 + np.tanh(0.5 * (A @ w)))  # sigmoid, without overflow
        grad = A.T @ (p - y) / len(y) + penalty * w
        hess = (A * (p * (1 - p))[:, None]).T @ A / len(y) + np.diag(penalty + 1e-12)
        step, before = np.linalg.solve(hess, grad), loss(w)
        t = 1.0
        while loss(w - t * step) > before and t > 1e-6:  # backtrack: never go uphill
            t *= 0.5
        w = w - t * step
    return float(np.mean((A @ w > 0) == (y == 1)))


def collapsed_fraction(values, *, zeros=1, atol=0.0) -> float:
    r"""Fraction of samples with at least ``zeros`` coordinates equal to 0: what ReLU flattened.

    After a ReLU, a sample with one zero coordinate lies on a face of the positive corner (on an
    axis, in 2D), one with every coordinate zero sits at the origin. Two samples flattened onto
    the same point can never be told apart again.

    Parameters
    ----------
    values : Stage or array-like of shape (n_samples, width)
    zeros : int, default=1
        How many coordinates must be 0 (``width``: the sample is at the origin).
    atol : float, default=0.0
        A coordinate with ``|v| <= atol`` counts as 0.

    Returns
    -------
    float

    Examples
    --------
    >>> h = [[0.0, 2.0], [0.0, 0.0], [1.0, 3.0], [4.0, 0.0]]
    >>> collapsed_fraction(h), collapsed_fraction(h, zeros=2)
    (0.75, 0.25)
    """
    H = stage_values(values, "values")
    zeros = check_int(zeros, "zeros", minimum=1)
    if zeros > H.shape[1]:
        raise ValueError(f"zeros must be at most the width {H.shape[1]} of values; got {zeros}")
    counts = (np.abs(H) <= _check_atol(atol)).sum(axis=1)
    return float(np.mean(counts >= zeros))


# -- the backward signal and its bound (activations/03) -----------------------------------------

__all__ += ["backward_signal_bound", "distinct_kept", "max_slope"]


def max_slope(activation, *, x_max=50.0, n_points=20_001) -> float:
    r"""The largest slope :math:`\sup_x |f'(x)|` of an activation, read off a dense grid.

    Exact for the activations whose slope peaks inside the grid or tends to its supremum at
    its ends (all of :mod:`nnexplain.activations`): sigmoid 0.25, tanh and ReLU 1, GELU about
    1.129.

    Parameters
    ----------
    activation : str or Activation
    x_max : float, default=50.0
        The grid covers ``[-x_max, x_max]``.
    n_points : int, default=20_001
        Odd, so that 0 is on the grid.

    Returns
    -------
    float
    """
    f = get_activation(activation)
    x_max = check_positive(x_max, "x_max")
    n_points = check_int(n_points, "n_points", minimum=3)
    return float(np.max(np.abs(f.grad(np.linspace(-x_max, x_max, n_points)))))


def backward_signal_bound(net) -> np.ndarray:
    r"""Upper bound of :math:`\|\delta_\ell\| / \|\delta_{\text{out}}\|` for every layer.

    Each step of the backward pass multiplies by :math:`W_\ell^{\top}` and then by the slopes
    :math:`\operatorname{diag} f'(a_{\ell-1})`, so for every sample (and hence for the Frobenius
    norm of a batch)

    .. math::

        \|\delta_{\ell-1}\| \le \max|f'_{\ell-1}| \; \|W_\ell\|_2 \; \|\delta_\ell\|,
        \qquad
        \frac{\|\delta_\ell\|}{\|\delta_{\text{out}}\|}
        \le \prod_{m=\ell+1}^{\text{out}} \max|f'_{m-1}| \, \|W_m\|_2 ,

    with :math:`\|W\|_2` the largest singular value. For sigmoid layers :math:`\max|f'| = 1/4`:
    the gradient shrinks by :math:`0.25^L` over :math:`L` layers only when every
    :math:`\|W_m\|_2 \le 1`; with large weights the bound grows instead.

    Parameters
    ----------
    net : MLP

    Returns
    -------
    ndarray of shape (n_layers,)
        First layer first; the last entry (the output layer) is 1.

    See Also
    --------
    backward_gains : the measured norms (``.delta``) the bound holds for.
    max_slope : the :math:`\max|f'|` used for each activation.
    """
    net = check_mlp(net, "net")
    layers = net.layers
    slopes = {}  # one grid per distinct activation, not one per layer
    for layer in layers[:-1]:
        key = repr(layer.activation)
        if key not in slopes:
            slopes[key] = max_slope(layer.activation)
    factors = [
        slopes[repr(layers[m - 1].activation)] * np.linalg.norm(layers[m].W, ord=2)
        for m in range(1, len(layers))
    ]
    return np.append(np.cumprod(factors[::-1])[::-1], 1.0)


# -- how many distinct values survive a map (activations/02, seed 001) --------------------------
def distinct_kept(before, after) -> float:
    r"""Share of the distinct values of each column that are still distinct after a map.

    :math:`\sum_j |\{a_{ij}\}_i| \,/\, \sum_j |\{b_{ij}\}_i|`, with :math:`b` the values before
    and :math:`a` after an elementwise map such as an activation: 1 when the map keeps every
    value of every feature apart (tanh on scaled data), less when it merges some (ReLU sends
    all negative values to 0; a saturated tanh rounds large ones to exactly :math:`\pm 1`).

    Parameters
    ----------
    before : array-like of shape (n_samples,) or (n_samples, n_features)
    after : array-like of the same shape
        The values after the map, row for row.

    Returns
    -------
    float
        In ``(0, 1]`` for a map of ``before`` (a map cannot create distinct values).

    Examples
    --------
    >>> distinct_kept([-1.0, 0.0, 1.0, 2.0], [0.0, 0.0, 1.0, 2.0])
    0.75
    """
    before = check_array(before, "before", ndim=(1, 2))
    after = check_array(after, "after", ndim=(1, 2))
    if before.shape != after.shape:
        raise ValueError(
            f"before and after must have the same shape; got {before.shape} and {after.shape}"
        )
    before, after = before.reshape(len(before), -1), after.reshape(len(after), -1)
    count = sum(len(np.unique(col)) for col in before.T)
    return sum(len(np.unique(col)) for col in after.T) / count
