r"""How the values of a stage are distributed: histograms, saturation, dead units and what a map
flattens.

Everything here is numpy only; :mod:`nnexplain.plot` draws the results. The functions take plain
arrays or the :class:`~nnexplain.network.Stage` objects of a :meth:`~nnexplain.network.MLP.trace`,
so that ``activation_histograms(layer_activations(net, X))`` is one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._validation import (
    check_array,
    check_int,
    check_interval,
    check_positive,
    check_range,
    describe,
)
from .activations import get_activation
from .network import Stage, check_mlp

__all__ = [
    "DeadFraction",
    "activation_histograms",
    "collapsed_fraction",
    "dead_fraction",
    "dead_units",
    "distinct_kept",
    "histograms",
    "layer_activations",
    "saturation_fraction",
    "shared_edges",
    "stage_value_list",
    "stage_values",
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
    edges = shared_edges(arrays, bins=bins, value_range=range, name="range")
    counts = np.stack([np.histogram(a.ravel(), bins=edges)[0] for a in arrays])
    return counts, edges


def shared_edges(arrays, *, bins=30, value_range=None, name="value_range") -> np.ndarray:
    r"""Equal-width bin edges shared by several arrays, so that their histograms compare.

    Every histogram of the site is binned here: :func:`activation_histograms`,
    :func:`histograms` (one set of edges per panel) and
    :func:`nnexplain.plot.plot_activation_histograms`.

    Parameters
    ----------
    arrays : sequence of ndarray
        Finite values, any shape.
    bins : int, default=30
    value_range : (float, float) or None
        The range binned; ``None``: the smallest to the largest value over *all* arrays (a
        single value ``v`` gives ``(v - 0.5, v + 0.5)``).
    name : str
        The argument named in an error about ``value_range``.

    Returns
    -------
    ndarray of shape (bins + 1,)

    Examples
    --------
    >>> shared_edges([np.array([0.0, 1.0]), np.array([3.0])], bins=3).tolist()
    [0.0, 1.0, 2.0, 3.0]
    """
    bins = check_int(bins, "bins", minimum=1)
    range_ = check_range(value_range, name, allow_none=True)
    if range_ is None:
        low = min(float(np.min(a)) for a in arrays)
        high = max(float(np.max(a)) for a in arrays)
        range_ = (low, high) if high > low else (low - 0.5, high + 0.5)
    return np.linspace(range_[0], range_[1], bins + 1)


def histograms(values, *, bins=40, value_range=None, log10=False) -> tuple[np.ndarray, np.ndarray]:
    r"""Bin raw values stage by stage and panel by panel, with the same edges on every stage of
    a panel (so the stages compare), for
    :meth:`nnexplain.explorable.Explorable.add_histograms`.

    Parameters
    ----------
    values : list (one per stage) of array-like or of lists of array-like (one per panel)
        E.g. ``[[acts_layer1], [acts_layer2]]``: one panel, two stages; any shape, flattened.
    bins : int, default=40
    value_range : (float, float) or None
        The range binned; ``None``: each panel's smallest to largest value over all stages
        (:func:`shared_edges`).
    log10 : bool, default=False
        Bin :math:`\log_{10} |v|` of the nonzero values instead, for values that span decades
        (a weight scale, a gradient); ``value_range`` is then in decades, and values beyond it
        are counted in the end bins (a log axis has no natural end).

    Returns
    -------
    counts : ndarray of shape (n_stages, n_panels, bins)
    edges : ndarray of shape (n_panels, bins + 1)

    Examples
    --------
    >>> counts, edges = histograms([[[0.0, 0.4]], [[1.0]]], bins=2)
    >>> counts.tolist(), edges.tolist()
    ([[[2.0, 0.0]], [[0.0, 1.0]]], [[0.0, 0.5, 1.0]])
    """
    if isinstance(values, np.ndarray) or not isinstance(values, (list, tuple)) or not values:
        raise TypeError(f"values must be a non-empty list (one entry per stage); got {values!r}")
    stages = [
        [v] if isinstance(v, np.ndarray) or not isinstance(v, (list, tuple)) else list(v)
        for v in values
    ]
    if len({len(s) for s in stages}) != 1:
        raise ValueError(f"every stage needs the same panels; got {[len(s) for s in stages]}")
    stages = [
        [check_array(np.ravel(a), f"values[{i}][{p}]", ndim=1) for p, a in enumerate(s)]
        for i, s in enumerate(stages)
    ]
    if log10:
        stages = [[np.log10(np.abs(a[a != 0])) for a in s] for s in stages]
    edges = [
        shared_edges([s[p] for s in stages], bins=bins, value_range=value_range)
        for p in range(len(stages[0]))
    ]
    if log10:
        stages = [[np.clip(a, e[0], e[-1]) for a, e in zip(s, edges, strict=True)] for s in stages]
    counts = [[np.histogram(a, e)[0] for a, e in zip(s, edges, strict=True)] for s in stages]
    return np.asarray(counts, dtype=float), np.stack(edges)


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
