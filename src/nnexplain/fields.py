r"""Fields over the plane, computed once: what a 2D-input network says at every point of a grid.

- :func:`plane_grid`: a regular grid of points over a rectangle (:class:`PlaneGrid`);
- :func:`decision_field`: the classifier's output over the input plane, or over the plane of a
  hidden stage of width 2 sent through the rest of the network (:class:`DecisionField`): the
  probability of class 1 for one sigmoid output, the per-class probabilities and the predicted
  class for a softmax;
- :func:`unit_responses`: every hidden unit's output over the input plane
  (:class:`UnitResponses`), the heat-maps of TensorFlow Playground.

Only numpy is used and plain arrays come back, each with the grid it was computed on, so the
same fields feed the static figures (:func:`nnexplain.plot.plot_decision_boundary`), the
animations (:func:`nnexplain.animate.animate_training`) and anything else that draws them.

One colour convention goes with them (:mod:`nnexplain.plot` applies it): class ``k`` keeps its
class colour everywhere; a sigmoid field runs from class 0's blue through white to class 1's red,
a softmax field colours each region by its predicted class.

Arrays over the grid have shape ``(n_rows, n_cols)`` = ``(resolution_y, resolution_x)``: row
``i`` is ``y = grid.y[i]`` and column ``j`` is ``x = grid.x[j]`` (``imshow(..., origin="lower")``
and ``contourf(grid.xx, grid.yy, ...)`` both draw them the right way up).
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from ._validation import (
    check_array,
    check_extent,
    check_int,
    describe,
)
from .network import check_mlp

__all__ = [
    "DecisionField",
    "PlaneGrid",
    "UnitResponses",
    "data_extent",
    "decision_field",
    "plane_grid",
    "unit_responses",
]


class PlaneGrid(NamedTuple):
    """A regular grid over a rectangle of the plane.

    Attributes
    ----------
    xx, yy : ndarray of shape (n_rows, n_cols)
        Coordinates of every grid point (``numpy.meshgrid`` of :attr:`x` and :attr:`y`).
    extent : (float, float, float, float)
        ``(xmin, xmax, ymin, ymax)``.
    """

    xx: np.ndarray
    yy: np.ndarray
    extent: tuple

    @property
    def x(self) -> np.ndarray:
        """The x coordinate of every column, ``ndarray of shape (n_cols,)``."""
        return self.xx[0]

    @property
    def y(self) -> np.ndarray:
        """The y coordinate of every row, ``ndarray of shape (n_rows,)``."""
        return self.yy[:, 0]

    @property
    def shape(self) -> tuple[int, int]:
        return self.xx.shape

    @property
    def points(self) -> np.ndarray:
        """Every grid point as a row, ``ndarray of shape (n_rows * n_cols, 2)``, row-major."""
        return np.column_stack([self.xx.ravel(), self.yy.ravel()])


def plane_grid(extent, resolution=200) -> PlaneGrid:
    """A ``resolution`` x ``resolution`` grid over ``extent``.

    Parameters
    ----------
    extent : (xmin, xmax, ymin, ymax)
    resolution : int, default=200
        Grid points per side (>= 2).

    Returns
    -------
    PlaneGrid

    Examples
    --------
    >>> g = plane_grid((0, 1, 0, 2), resolution=3)
    >>> g.x.tolist(), g.y.tolist(), g.points.shape
    ([0.0, 0.5, 1.0], [0.0, 1.0, 2.0], (9, 2))
    """
    xmin, xmax, ymin, ymax = check_extent(extent)
    resolution = check_int(resolution, "resolution", minimum=2)
    xx, yy = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    return PlaneGrid(xx, yy, (xmin, xmax, ymin, ymax))


def data_extent(X, margin=0.1, *, minimum=1e-9) -> tuple[float, float, float, float]:
    """``(xmin, xmax, ymin, ymax)`` of 2D points, each side padded by ``margin`` of its span.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    margin : float, default=0.1
    minimum : float, default=1e-9
        Smallest span used for the padding (so a single point still gets a rectangle).
    """
    X = check_array(X, "X", ndim=2, n_features=2)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, minimum)
    return (
        float(lo[0] - pad[0]),
        float(hi[0] + pad[0]),
        float(lo[1] - pad[1]),
        float(hi[1] + pad[1]),
    )


# --------------------------------------------------------------------------------------------
# decision field
# --------------------------------------------------------------------------------------------


class DecisionField(NamedTuple):
    """A classifier's output over a grid of the plane.

    Attributes
    ----------
    grid : PlaneGrid
    proba : ndarray of shape (n_rows, n_cols, n_classes)
        Probability of every class at every grid point (for one sigmoid output,
        ``[1 - p, p]``).
    kind : {"sigmoid", "softmax"}
        The output layer.
    stage : str
        Label of the plane's stage: ``"input"``, or a hidden stage such as ``"layer 2: tanh"``.
    data : ndarray of shape (n_samples, 2) or None
        The data mapped to that stage, when data were given.
    """

    grid: PlaneGrid
    proba: np.ndarray
    kind: str
    stage: str
    data: np.ndarray | None

    @property
    def n_classes(self) -> int:
        return self.proba.shape[-1]

    @property
    def predicted(self) -> np.ndarray:
        """The predicted class at every grid point, ``ndarray of shape (n_rows, n_cols)``."""
        return np.argmax(self.proba, axis=-1)

    @property
    def values(self) -> np.ndarray:
        """What is drawn: the probability of class 1 (sigmoid) or the predicted class (softmax).

        ``ndarray of shape (n_rows, n_cols)``, float.
        """
        if self.kind == "sigmoid":
            return self.proba[..., 1]
        return self.predicted.astype(float)

    @property
    def boundary_levels(self) -> np.ndarray:
        """Levels of :attr:`values` where the decision changes: 0.5, or ``k + 0.5``."""
        if self.kind == "sigmoid":
            return np.array([0.5])
        return np.arange(self.n_classes - 1) + 0.5


def _classifier_kind(net) -> str:
    check_mlp(net)
    kind, n_out = net.activations[-1].name, net.sizes[-1]
    if not ((kind == "sigmoid" and n_out == 1) or kind == "softmax"):
        raise ValueError(
            f"a decision field needs a classifier: one sigmoid output or a softmax; this "
            f"network's output is {n_out} x {kind}"
        )
    return kind


def resolve_stage(stage, labels) -> int:
    """Index of ``stage`` (``None``, an int or a stage label) among a trace's ``labels``."""
    if stage is None:
        return 0
    if isinstance(stage, str):
        if stage not in labels:
            raise ValueError(f"unknown stage {stage!r}; this network's stages are {labels}")
        return labels.index(stage)
    if isinstance(stage, numbers.Integral) and not isinstance(stage, (bool, np.bool_)):
        if not -len(labels) <= stage < len(labels):
            raise ValueError(
                f"stage index {stage} is out of range; this network has {len(labels)} stages "
                f"{labels}"
            )
        return int(stage) % len(labels)
    raise TypeError(f"stage must be None, an int or a stage label; got {describe(stage)}")


def rest_of_network(net, trace, index):
    """A function mapping values at stage ``index`` of ``trace`` to the network's output."""
    st = trace[index]
    layers = net.layers
    first = layers[st.layer - 1].activation if st.kind == "affine" else None
    start = st.layer  # 0 for the input: every layer remains

    def rest(h):
        if first is not None:
            h = first(h)
        for layer in layers[start:]:
            h = layer(h)
        return h

    return rest


def decision_field(
    net, X=None, *, stage=None, extent=None, resolution=200, margin=0.1
) -> DecisionField:
    r"""A classifier's output over a grid of a plane: the input plane or a hidden stage's.

    In input space (``stage=None``) the value at a grid point is what ``net`` predicts there.
    For a hidden ``stage`` of width 2 each grid point :math:`h` is sent through *the rest of the
    network* (from that stage to the output), which gives the boundary the last layers see. The
    rest of the network is defined on the whole plane, including regions no input reaches.

    Parameters
    ----------
    net : MLP
        A classifier (one sigmoid output, or a softmax).
    X : array-like of shape (n_samples, n_in) or None
        Data; mapped to ``stage`` (:attr:`DecisionField.data`) and, without ``extent``, setting
        the extent.
    stage : int, str or None
        ``None`` or ``0``: the input plane. Otherwise an index into ``net.trace(X)`` or a label
        such as ``"layer 2: tanh"``, of width 2 and not the output.
    extent : (xmin, xmax, ymin, ymax) or None
        ``None`` covers the (mapped) data with a ``margin`` on each side, or
        :math:`[-1.5, 1.5]^2` without data.
    resolution : int, default=200
        Grid points per side.
    margin : float, default=0.1
        Padding of the data's extent, as a fraction of its span.

    Returns
    -------
    DecisionField

    Examples
    --------
    A single sigmoid layer's field is the sigmoid of its affine map:

    >>> from nnexplain import MLP
    >>> net = MLP([2, 1], seed=0)
    >>> f = decision_field(net, extent=(-1, 1, -1, 1), resolution=5)
    >>> z = f.grid.points @ net.layers[0].W + net.layers[0].b
    >>> bool(np.allclose(f.values.ravel(), 1 / (1 + np.exp(-z[:, 0]))))
    True
    """
    kind = _classifier_kind(net)
    resolution = check_int(resolution, "resolution", minimum=2)
    X_in = None
    if X is not None:
        X_in = check_array(X, "X", ndim=2, dtype=net.dtype, n_features=net.sizes[0])
    trace = net.trace(X_in if X_in is not None else np.zeros((1, net.sizes[0]), net.dtype))
    index = resolve_stage(stage, trace.labels)
    st = trace[index]
    if index == len(trace) - 1:
        raise ValueError(
            f"stage {st.label!r} is the network's output; nothing remains to draw a boundary "
            "with. Pick an earlier stage"
        )
    if st.width != 2:
        raise ValueError(
            f"stage {st.label!r} has width {st.width}; a decision boundary is drawn in a plane, "
            "so the stage must have width 2 (see plot_stage for wider stages)"
        )
    data = None if X_in is None else st.values
    if extent is None:
        extent = (-1.5, 1.5, -1.5, 1.5) if data is None else data_extent(data, margin, minimum=1e-3)
    grid = plane_grid(extent, resolution)
    out = rest_of_network(net, trace, index)(grid.points)
    proba = np.column_stack([1.0 - out[:, 0], out[:, 0]]) if kind == "sigmoid" else out
    return DecisionField(grid, proba.reshape(*grid.shape, -1), kind, st.label, data)


# --------------------------------------------------------------------------------------------
# per-unit response maps
# --------------------------------------------------------------------------------------------


class UnitResponses(NamedTuple):
    """Every hidden unit's output over a grid of the input plane.

    Attributes
    ----------
    grid : PlaneGrid
    maps : list of ndarray of shape (n_rows, n_cols, width)
        One array per hidden layer (``maps[l][..., j]``: unit ``j`` of layer ``l + 1``), after
        the activation (or before it, with ``pre_activation=True``).
    labels : list of str
        The stage label of every layer, e.g. ``"layer 1: tanh"``.
    """

    grid: PlaneGrid
    maps: list
    labels: list

    @property
    def n_units(self) -> int:
        return sum(m.shape[-1] for m in self.maps)


def unit_responses(net, extent=(-1.5, 1.5, -1.5, 1.5), *, resolution=100, pre_activation=False):
    r"""The response map of every hidden unit of a 2D-input network.

    Unit :math:`j` of layer :math:`l` computes :math:`h_j^{(l)}(x)` for an input point
    :math:`x`; its response map is that value at every point of a grid over the input plane
    (the small heat-maps of TensorFlow Playground's neurons).

    Parameters
    ----------
    net : MLP
        A network with 2 inputs and at least one hidden layer.
    extent : (xmin, xmax, ymin, ymax), default=(-1.5, 1.5, -1.5, 1.5)
    resolution : int, default=100
        Grid points per side.
    pre_activation : bool, default=False
        Return the affine outputs :math:`z = hW + b` instead of the activations.

    Returns
    -------
    UnitResponses

    Examples
    --------
    >>> from nnexplain import MLP
    >>> net = MLP([2, 3, 1], activation="relu", seed=0)
    >>> r = unit_responses(net, resolution=4)
    >>> r.maps[0].shape, r.labels
    ((4, 4, 3), ['layer 1: relu'])
    """
    check_mlp(net, n_inputs=2)
    if len(net.sizes) < 3:
        raise ValueError(f"the network {net!r} has no hidden layer")
    grid = plane_grid(extent, resolution)
    kind = "affine" if pre_activation else "activation"
    hidden = [s for s in net.trace(grid.points) if s.kind == kind and not s.is_output]
    maps = [s.values.reshape(*grid.shape, s.width) for s in hidden]
    return UnitResponses(grid, maps, [s.label for s in hidden])
