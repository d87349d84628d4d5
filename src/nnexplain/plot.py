"""Static figures: activation functions, warped grids, decision boundaries, activation histograms,
training curves and stages.

Weights shown as images are drawn by :mod:`nnexplain.weight_images`.

Every helper has the shape ``plot_thing(data, *, ax=None, **kwargs)``: with ``ax=None`` it draws
on a new figure's Axes, ``**kwargs`` go to the main matplotlib call, and the artists (or the Axes,
for multi-panel helpers, which take ``axes=None``) are returned, so the figures can be composed
into a reader's own layout. Nothing here calls ``plt.show()`` or saves a file.

Colours come from :mod:`nnexplain.palette`, one meaning per hue: class 0 blue and class 1 red
as in the source articles, :data:`PROBA_CMAP` for the probability of class 1, :data:`SIGNED_CMAP`
for signed values such as weights, neutral greys for grids, bars and reference lines.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.collections import LineCollection

from . import distributions, palette
from ._style import (
    GRID_COLOR,
    GRID_STYLE,
    POINT_STYLE,
    PROBA_CMAP,
    SIGNED_CMAP,
    class_cmap,
    class_color,
    class_palette,
    get_ax,
    get_axes,
)
from ._validation import (
    check_array,
    check_extent,
    check_int,
    check_labels,
    check_positive,
    check_range,
    describe,
)
from .activations import get_activation
from .datasets import make_grid_lines
from .fields import decision_field
from .network import Dense, Stage, check_mlp
from .projections import PCAProjection
from .training import History
from .warps import as_map

__all__ = [
    "PROBA_CMAP",
    "SIGNED_CMAP",
    "ActivationArtists",
    "BoundaryArtists",
    "Stage3DArtists",
    "plot_activation",
    "plot_activation_histograms",
    "plot_decision_boundary",
    "plot_grid",
    "plot_points",
    "plot_seed_accuracies",
    "plot_stage",
    "plot_stage_3d",
    "plot_training_curves",
    "plot_warp",
]

# The colours (one meaning per hue) live in nnexplain.palette; the colormaps built from them in
# nnexplain._style are re-exported here.


# --------------------------------------------------------------------------------------------
# activation functions
# --------------------------------------------------------------------------------------------


class ActivationArtists(NamedTuple):
    """What :func:`plot_activation` drew.

    Attributes
    ----------
    function : Line2D
        :math:`f(x)`.
    derivative : Line2D or None
        :math:`f'(x)`, if drawn.
    saturation : list of Artist
        One shaded span per saturated interval (empty if not shaded).
    """

    function: object
    derivative: object
    saturation: list


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start and stop (inclusive) indices of the runs of True in a 1D boolean mask."""
    padded = np.concatenate([[False], mask, [False]])
    changes = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(int(a), int(b) - 1) for a, b in zip(changes[::2], changes[1::2], strict=True)]


def plot_activation(
    activation,
    *,
    x_range=(-6.0, 6.0),
    n_points=1001,
    derivative=True,
    shade_saturation=True,
    saturation_tol=0.01,
    ax=None,
    **kwargs,
):
    r"""Draw an activation function, its derivative, and where it is saturated.

    The saturated zone is where the derivative is tiny, :math:`|f'(x)| < \text{tol} \cdot
    \max |f'|` (the maximum over the plotted range; 1 % by default): there the function is flat,
    different inputs give the same output, and almost no gradient flows back. For tanh that is
    :math:`|x| > 2.99`, for sigmoid :math:`|x| > 5.99`, for ReLU every :math:`x < 0`.

    Parameters
    ----------
    activation : str or Activation
        An elementwise activation (``"tanh"``, ``"sigmoid"``, ``"relu"``, ...).
    x_range : (float, float), default=(-6, 6)
        Interval of :math:`x`; seed 001 also shows ``(-255, 255)``.
    n_points : int, default=1001
        Evaluation points, evenly spaced.
    derivative : bool, default=True
        Also draw :math:`f'(x)` (dashed, same colour).
    shade_saturation : bool, default=True
        Shade the saturated intervals in grey.
    saturation_tol : float, default=0.01
        Relative threshold on :math:`|f'|` that defines the saturated zone.
    ax : Axes or None
    **kwargs
        Passed to :meth:`Axes.plot` for :math:`f` (e.g. ``color``, ``lw``).

    Returns
    -------
    ActivationArtists
        ``(function, derivative, saturation)``.
    """
    act = get_activation(activation)
    if act.name == "softmax":
        raise ValueError("activation must be elementwise; softmax mixes its inputs")
    low, high = check_range(x_range, "x_range")
    n_points = check_int(n_points, "n_points", minimum=2)
    if not 0 < check_positive(saturation_tol, "saturation_tol") < 1:
        raise ValueError(f"saturation_tol must be in (0, 1); got {saturation_tol}")
    ax = get_ax(ax)
    x = np.linspace(low, high, n_points)
    kwargs.setdefault("label", f"{act.name}(x)")
    (line,) = ax.plot(x, act(x), **kwargs)
    dline = None
    slope = np.abs(np.asarray(act.grad(x), dtype=float))
    if derivative:
        (dline,) = ax.plot(
            x,
            act.grad(x),
            ls="--",
            color=line.get_color(),
            lw=line.get_linewidth() * 0.8,
            label=f"{act.name}'(x)",
        )
    spans = []
    if shade_saturation and slope.max() > 0:
        for a, b in _runs(slope < saturation_tol * slope.max()):
            spans.append(ax.axvspan(x[a], x[b], color="0.85", zorder=0, lw=0))
        if spans:
            spans[0].set_label(f"saturated: |f'| < {saturation_tol:.0%} of max")
    ax.axhline(0, color="0.3", lw=0.6, zorder=1)
    ax.axvline(0, color="0.3", lw=0.6, zorder=1)
    ax.set_xlim(low, high)
    ax.set_xlabel("x")
    ax.legend(loc="best", fontsize="small")
    return ActivationArtists(line, dline, spans)


# --------------------------------------------------------------------------------------------
# points, grids, warps
# --------------------------------------------------------------------------------------------


def plot_points(X, y=None, *, ax=None, **kwargs) -> list:
    """Draw 2D points, one colour per class (:func:`nnexplain.palette.class_style`).

    One :class:`~matplotlib.lines.Line2D` with markers per class (faster than a scatter), in
    increasing class order, labelled ``"class k"``. Classes 0 and 1 are blue and red dots;
    classes 2 and up are ink, each with its own marker.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,) or None
        Integer class labels; ``None`` draws every point in class 0's colour.
    ax : Axes or None
    **kwargs
        Passed to every :meth:`Axes.plot` call (``color`` overrides the class colours).

    Returns
    -------
    list of Line2D
        One per class present in ``y``.
    """
    X = check_array(X, "X", ndim=2, n_features=2)
    ax = get_ax(ax)
    style = {**POINT_STYLE, "alpha": 0.8, **kwargs}
    if y is None:
        style.setdefault("color", class_color(0))
        return ax.plot(X[:, 0], X[:, 1], **style)
    y = check_labels(y, "y", n_samples=X.shape[0])
    lines = []
    for k in np.unique(y):
        kw = {**style, "label": f"class {k}", "color": class_color(k)}
        if k >= len(palette.CLASSES):
            kw["marker"] = palette.class_style(k)["marker"]
        kw.update(kwargs)
        lines.extend(ax.plot(X[y == k, 0], X[y == k, 1], **kw))
    return lines


def plot_grid(lines, *, ax=None, **kwargs) -> LineCollection:
    """Draw polylines (e.g. a warped grid from :func:`nnexplain.datasets.make_grid_lines`).

    Parameters
    ----------
    lines : array-like of shape (n_lines, n_points, 2)
    ax : Axes or None
    **kwargs
        Passed to :class:`~matplotlib.collections.LineCollection` (``colors``, ``linewidths``).

    Returns
    -------
    LineCollection
        One segment per line.
    """
    lines = check_array(lines, "lines", ndim=3, n_features=2)
    ax = get_ax(ax)
    kw = dict(GRID_STYLE)
    if "color" in kwargs:
        kw.pop("colors")
    kw.update(kwargs)
    coll = LineCollection(list(lines), **kw)
    ax.add_collection(coll)
    ax.autoscale_view()
    return coll


def plot_warp(transform, lines=None, points=None, y=None, *, axes=None, extent=None):
    r"""Draw a grid (and data) before and after a map of the plane, side by side.

    Parameters
    ----------
    transform : ndarray, (W, b), str, Activation, Dense, MLP or callable
        The map. A matrix ``W`` of shape ``(2, 2)`` acts on row vectors, :math:`h \mapsto hW`
        (so a rotation :math:`R` written for column vectors is passed as ``R.T``); ``(W, b)``
        adds a bias; an activation applies elementwise; a :class:`~nnexplain.network.Dense` or
        :class:`~nnexplain.network.MLP` applies the whole layer or network; a callable gets an
        ``ndarray of shape (n, 2)`` and returns ``(n, 2)``. The result must be 2D.
    lines : array-like of shape (n_lines, n_points, 2), False or None
        Grid lines to warp; ``None`` makes a 17 x 17 grid over ``extent``; ``False`` draws none.
    points : array-like of shape (n_samples, 2) or None
        Data points to warp.
    y : array-like of shape (n_samples,) or None
        Class labels of ``points``.
    axes : pair of Axes or None
    extent : (float, float) or None
        Range of the default grid in both directions; ``None`` covers the points (padded by
        10 %) or ``(-2, 2)`` without points.

    Returns
    -------
    ndarray of shape (2,) of Axes
        "before" and "after".
    """
    the_map = as_map(transform)
    fn, name = the_map.apply, the_map.name
    axes = get_axes(axes, (2,), figsize=(9, 4.3), layout="constrained")
    if points is not None:
        points = check_array(points, "points", ndim=2, n_features=2)
    if lines is None:
        if extent is None:
            if points is None:
                extent = (-2.0, 2.0)
            else:
                low, high = float(points.min()), float(points.max())
                pad = 0.1 * (high - low) or 0.5
                extent = (low - pad, high + pad)
        lines = make_grid_lines(check_range(extent, "extent"), 17, 101)
    elif lines is False:
        lines = None
    else:
        lines = check_array(lines, "lines", ndim=3, n_features=2)
    for ax, title, f in ((axes[0], "before", None), (axes[1], f"after: {name}", fn)):
        if lines is not None:
            warped = lines if f is None else f(lines)
            _check_2d_output(warped, name)
            plot_grid(warped, ax=ax)
        if points is not None:
            moved = points if f is None else f(points)
            _check_2d_output(moved, name)
            plot_points(moved, y, ax=ax)
        ax.set_title(title)
        ax.set_aspect("equal", adjustable="datalim")
    return axes


def _check_2d_output(arr, name):
    if np.shape(arr)[-1] != 2:
        raise ValueError(
            f"the map {name} gives {np.shape(arr)[-1]}-dimensional points; plot_warp draws maps "
            "of the plane only (use plot_stage for other widths)"
        )


# --------------------------------------------------------------------------------------------
# decision boundaries
# --------------------------------------------------------------------------------------------


class BoundaryArtists(NamedTuple):
    """What :func:`plot_decision_boundary` drew.

    Attributes
    ----------
    filled : QuadContourSet
        Filled contours of the class-1 probability (binary) or of the predicted class.
    boundary : QuadContourSet
        The decision boundary line(s).
    points : list of Line2D
        The data, one line per class (empty without ``X``).
    """

    filled: object
    boundary: object
    points: list


def field_style(field) -> dict:
    """Keywords that colour a :class:`~nnexplain.fields.DecisionField` by the class convention.

    A sigmoid field runs from class 0's blue through white to class 1's red (``levels``: 11
    steps of 0.1); a softmax field paints each region in its predicted class's colour.
    ``cmap``, ``vmin`` and ``vmax`` suit ``imshow`` too (leave out ``levels``).
    """
    if field.kind == "sigmoid":
        return {
            "levels": np.linspace(0, 1, 11),
            "cmap": PROBA_CMAP,
            "vmin": 0.0,
            "vmax": 1.0,
            "alpha": 0.55,
        }
    n = field.n_classes
    return {
        "levels": np.arange(n + 1) - 0.5,
        "cmap": class_cmap(n),
        "vmin": -0.5,
        "vmax": n - 0.5,
        "alpha": 0.3,
    }


def _draw_field(ax, field, **kwargs):
    """Filled contours of a decision field and its boundary line(s) (None for a constant one)."""
    grid, values, levels = field.grid, field.values, field.boundary_levels
    kw = {k: v for k, v in field_style(field).items() if k not in ("vmin", "vmax")}
    kw.update(kwargs)
    filled = ax.contourf(grid.xx, grid.yy, values, **kw)
    # a constant field has no boundary: contour would warn, so skip the line then
    if values.min() < levels.max() and values.max() > levels.min():
        boundary = ax.contour(grid.xx, grid.yy, values, levels=levels, colors="k", linewidths=1.2)
    else:
        boundary = None
    return filled, boundary


def plot_decision_boundary(
    net,
    X=None,
    y=None,
    *,
    stage=None,
    ax=None,
    resolution=200,
    extent=None,
    **kwargs,
):
    r"""Shade a classifier's output over a plane and draw its decision boundary.

    In input space (``stage=None``) the plane is the input plane: the colour at a point is what
    ``net`` predicts there. For a hidden ``stage`` of width 2 the plane is that stage's space:
    each of its points :math:`h` is sent through *the rest of the network* (from that stage to
    the output), which draws the boundary the last layers see; the data are drawn where the
    first layers put them. The rest of the network is defined on the whole plane, including
    regions that no input ever reaches (e.g. outside :math:`(-1, 1)^2` after tanh).

    Binary networks (one sigmoid output) shade the probability of class 1 from blue (0) through
    white to red (1), with the boundary :math:`p = 0.5` in black. Softmax networks colour each
    region by its predicted class.

    Parameters
    ----------
    net : MLP
        A classifier with a 2D input (for ``stage=None``).
    X : array-like of shape (n_samples, n_in) or None
        Data to draw (mapped to ``stage``); also sets the extent.
    y : array-like of shape (n_samples,) or None
        Class labels of ``X``.
    stage : int, str or None
        ``None`` or ``0``: input space. Otherwise an index into ``net.trace(X)`` (1 is layer 1's
        affine output, 2 its activation, ...) or a label such as ``"layer 2: tanh"``; that stage
        must have width 2 and must not be the network's output.
    ax : Axes or None
    resolution : int, default=200
        Grid points per side.
    extent : (xmin, xmax, ymin, ymax) or None
        Plane region; ``None`` covers the (mapped) data with a 10 % margin, or
        :math:`[-1.5, 1.5]^2` without data.
    **kwargs
        Passed to :meth:`Axes.contourf` (e.g. ``cmap``, ``alpha``, ``levels``).

    Returns
    -------
    BoundaryArtists
        ``(filled, boundary, points)``.
    """
    check_mlp(net)
    if y is not None and X is None:
        raise ValueError("y was given without X; pass the data X too")
    if extent is not None:
        extent = check_extent(extent)
    try:
        field = decision_field(net, X, stage=stage, extent=extent, resolution=resolution)
    except ValueError as exc:
        raise ValueError(str(exc).replace("a decision field", "plot_decision_boundary")) from None
    ax = get_ax(ax)
    filled, boundary = _draw_field(ax, field, **kwargs)
    points = (
        []
        if field.data is None
        else plot_points(
            field.data, y, ax=ax, markersize=4, markeredgecolor="w", markeredgewidth=0.4
        )
    )
    xmin, xmax, ymin, ymax = field.grid.extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    if field.stage == "input":
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
    else:
        ax.set_title(field.stage)
        ax.set_xlabel("unit 1")
        ax.set_ylabel("unit 2")
    return BoundaryArtists(filled, boundary, points)


# --------------------------------------------------------------------------------------------
# activation histograms
# --------------------------------------------------------------------------------------------


def plot_activation_histograms(
    arrays_per_row,
    *,
    row_labels,
    col_labels=None,
    bins=30,
    range=(0.0, 1.0),
    axes=None,
    **kwargs,
):
    """A grid of activation histograms: one row per experiment, one column per layer.

    Seed 002's figure: rows are weight initialisations (std 1, std 0.01, Xavier, He), columns
    the 5 layers. Every panel uses the same bin edges; the y axis is shared within a row (the
    same experiment, layer by layer), not across rows, whose peaks differ by orders of magnitude.

    Parameters
    ----------
    arrays_per_row : sequence of sequences of array-like
        ``arrays_per_row[i][j]``: activations of layer ``j`` in experiment ``i`` (any shape;
        flattened), e.g. the lists from :func:`nnexplain.experiments.weight_scale_experiment`.
    row_labels : sequence of str
        One per row, written on the left.
    col_labels : sequence of str or None
        One per column; ``None`` gives ``"layer 1"``, ``"layer 2"``, ...
    bins : int, default=30
    range : (float, float) or None, default=(0, 1)
        As in :func:`nnexplain.distributions.activation_histograms`; ``None`` spans all the data.
    axes : array of Axes of shape (n_rows, n_cols) or None
    **kwargs
        Passed to :meth:`Axes.stairs` (e.g. ``color``).

    Returns
    -------
    ndarray of shape (n_rows, n_cols) of Axes
        Each holds one filled :class:`~matplotlib.patches.StepPatch` (``ax.patches[0]``), whose
        ``get_data()`` gives the counts and the bin edges.
    """
    if isinstance(arrays_per_row, (str, bytes)) or not isinstance(arrays_per_row, Sequence):
        raise TypeError(
            f"arrays_per_row must be a list of rows, each a list of arrays; got "
            f"{describe(arrays_per_row)}"
        )
    rows = [
        distributions.stage_value_list(r, f"arrays_per_row[{i}]")
        for i, r in enumerate(arrays_per_row)
    ]
    if not rows:
        raise ValueError("arrays_per_row is empty")
    n_cols = len(rows[0])
    if any(len(r) != n_cols for r in rows):
        raise ValueError(
            f"every row must have the same number of layers; got {[len(r) for r in rows]}"
        )
    row_labels = list(row_labels)
    if len(row_labels) != len(rows):
        raise ValueError(f"row_labels has {len(row_labels)} labels for {len(rows)} rows")
    col_labels = [f"layer {j + 1}" for j in np.arange(n_cols)] if col_labels is None else col_labels
    col_labels = list(col_labels)
    if len(col_labels) != n_cols:
        raise ValueError(f"col_labels has {len(col_labels)} labels for {n_cols} columns")

    edges = distributions.shared_edges([a for r in rows for a in r], bins=bins, value_range=range)
    shape = (len(rows), n_cols)
    created = axes is None
    axes = get_axes(
        axes,
        shape,
        figsize=(2.0 * n_cols + 0.6, 1.7 * len(rows) + 0.5),
        sharex=True,
        sharey="row",
        layout="constrained",
    )
    kw = {"color": palette.NEUTRAL["bars"], "linewidth": 0}
    kw.update(kwargs)
    for i, row in enumerate(rows):
        counts, _ = distributions.activation_histograms(row, bins=bins, range=(edges[0], edges[-1]))
        for j in np.arange(n_cols):
            ax = axes[i, j]
            # One filled step patch per panel (not one Rectangle per bin): the same picture,
            # drawn and saved about twice as fast on a page of 20 panels.
            ax.stairs(counts[j], edges, fill=True, **kw)
            ax.set_xlim(edges[0], edges[-1])
            if i == 0:
                ax.set_title(col_labels[j])
            if j == 0:
                ax.set_ylabel(row_labels[i])
            elif created:
                ax.tick_params(labelleft=False)
    return axes


# --------------------------------------------------------------------------------------------
# training curves and stages
# --------------------------------------------------------------------------------------------


def plot_training_curves(history, *, axes=None, label=None, color=None, **kwargs):
    """Loss and accuracy per epoch, training (solid) and validation (dashed).

    Parameters
    ----------
    history : History
        From :meth:`MLP.fit`.
    axes : pair of Axes or None
        Loss panel, accuracy panel. Pass the same axes again to overlay several runs.
    label : str or None
        Name of the run, put before "training"/"validation" in the legend (for overlays).
    color : color or None
        Colour of this run's lines (training solid, validation dashed); ``None`` draws them in
        neutral ink.
    **kwargs
        Passed to every :meth:`Axes.plot` call.

    Returns
    -------
    ndarray of shape (2,) of Axes
    """
    if not isinstance(history, History):
        raise TypeError(f"history must be a History from MLP.fit; got {describe(history)}")
    if not history.epoch:
        raise ValueError("history has no epochs (was fit run with evaluate=False?)")
    axes = get_axes(axes, (2,), figsize=(9, 3.3), layout="constrained")
    epochs = history.epoch
    for ax, key, title in ((axes[0], "loss", "loss"), (axes[1], "accuracy", "accuracy")):
        train, val = getattr(history, key), getattr(history, f"val_{key}")
        prefix = "" if label is None else f"{label}, "
        line_color = color or palette.NEUTRAL["ink"]
        ax.plot(epochs, train, label=f"{prefix}training", color=line_color, **kwargs)
        if val:
            ax.plot(epochs, val, label=f"{prefix}validation", color=line_color, ls="--", **kwargs)
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.legend(fontsize="small")
    return axes


def plot_stage(stage_values, y=None, *, ax=None, projection="first_two", **kwargs) -> list:
    """Draw the samples at one stage of a forward pass as points of a plane.

    Parameters
    ----------
    stage_values : Stage or array-like of shape (n_samples, width)
    y : array-like of shape (n_samples,) or None
        Class labels.
    ax : Axes or None
    projection : {"first_two", "pca"}, default="first_two"
        ``"first_two"`` plots units 1 and 2 (a width-1 stage is drawn on the x axis);
        ``"pca"`` the first two principal components of the stage's values
        (:class:`nnexplain.projections.PCAProjection`, fitted on this stage alone).
    **kwargs
        Passed to :func:`plot_points`.

    Returns
    -------
    list of Line2D
        One per class.
    """
    label = stage_values.label if isinstance(stage_values, Stage) else None
    values = distributions.stage_values(stage_values, "stage_values")
    if projection not in ("first_two", "pca"):
        raise ValueError(f"projection must be 'first_two' or 'pca'; got {projection!r}")
    if projection == "pca":
        coords, names = PCAProjection(2).fit(values).transform(values), ("PC 1", "PC 2")
    elif values.shape[1] == 1:
        coords, names = np.column_stack([values[:, 0], np.zeros(len(values))]), ("unit 1", "")
    else:
        coords, names = values[:, :2], ("unit 1", "unit 2")
    ax = get_ax(ax)
    lines = plot_points(coords, y, ax=ax, **kwargs)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    if label is not None:
        ax.set_title(label)
    return lines


class Stage3DArtists(NamedTuple):
    """What :func:`plot_stage_3d` drew.

    Attributes
    ----------
    points : list of Line2D
        One marker-only 3D line per class.
    plane : Poly3DCollection or None
        The output unit's separating plane :math:`hw + c = 0`, if drawn.
    cube : list of Line2D
        The 12 edges of the cube :math:`(-1, 1)^3` (empty if not drawn).
    """

    points: list
    plane: object
    cube: list


def _plane_of(plane):
    """``(w, c)`` of the separating plane ``h @ w + c = 0`` from a Dense output unit or a pair."""
    if isinstance(plane, Dense):
        if plane.W.shape != (3, 1):
            raise ValueError(f"plane must be an output layer 3 -> 1; got {plane!r}")
        return plane.W[:, 0], float(plane.b[0])
    if not isinstance(plane, tuple) or len(plane) != 2:
        raise TypeError(
            f"plane must be a Dense output unit or a pair (w, c); got {describe(plane)}"
        )
    w = check_array(plane[0], "plane[0]", ndim=1)
    if w.shape != (3,) or not np.any(w):
        raise ValueError(f"plane[0] must be a non-zero vector of 3 weights; got {w}")
    c = plane[1]
    if isinstance(c, (bool, np.bool_)) or not isinstance(c, numbers.Real) or not np.isfinite(c):
        raise TypeError(f"plane[1] must be a finite real bias; got {describe(c)}")
    return w, float(c)


def _draw_plane(ax, w, c, low, high, n=25):
    """The plane ``h @ w + c = 0`` over the box [low, high], solved for its steepest coordinate."""
    j = int(np.argmax(np.abs(w)))
    others = [m for m in range(3) if m != j]
    grid = np.meshgrid(*[np.linspace(low[m], high[m], n) for m in others])
    coords = [None, None, None]
    coords[others[0]], coords[others[1]] = grid
    coords[j] = -(c + w[others[0]] * grid[0] + w[others[1]] * grid[1]) / w[j]
    return ax.plot_surface(*coords, color="0.4", alpha=0.25, linewidth=0, axlim_clip=True)


def _draw_cube(ax):
    """The 12 edges of the cube (-1, 1)^3, the range of tanh."""
    edges = []
    for a, b in [(0, 1), (0, 2), (1, 2)]:
        for u in (-1, 1):
            for v in (-1, 1):
                edge = np.zeros((2, 3))
                edge[:, a], edge[:, b] = u, v
                edge[:, 3 - a - b] = (-1, 1)
                edges.extend(ax.plot(*edge.T, color="0.6", lw=0.6))
    return edges


def plot_stage_3d(
    values, y=None, *, ax=None, plane=None, cube=False, pad=0.1, colors=None, **kwargs
) -> Stage3DArtists:
    r"""Draw the samples at one stage of width up to 3 as points of 3D space, as they are.

    A stage narrower than 3 lies in the :math:`z = 0` plane (the input plane is the floor). With
    ``plane`` the output unit's separating plane :math:`hw + c = 0` is drawn in grey: a sigmoid
    output says class 1 on one side of it and class 0 on the other, so after training it shows
    whether the last hidden layer has made the classes linearly separable. Used by
    :func:`nnexplain.animate.animate_layers` for its 3D view.

    Parameters
    ----------
    values : Stage or array-like of shape (n_samples, width), width <= 3
    y : array-like of shape (n_samples,) or None
        Class labels (class colours).
    ax : Axes3D or None
        ``None`` creates a figure with a 3D Axes.
    plane : Dense, (w, c) or None
        The output layer (3 -> 1) of the network, or its weights ``w`` of shape (3,) and bias
        ``c``. The axis limits are then set to the data's box padded by ``pad``, over which the
        plane is drawn.
    cube : bool, default=False
        Draw the edges of the cube :math:`(-1, 1)^3` that tanh cannot leave.
    pad : float, default=0.1
        Padding of the box around the data (in data units), with ``plane``.
    colors : list or dict or None
        Class colours; ``None`` uses :func:`nnexplain.palette.class_color`.
    **kwargs
        Passed to every point line (``markersize``, ``alpha``, ...).

    Returns
    -------
    Stage3DArtists
        ``(points, plane, cube)``.
    """
    h = distributions.stage_values(values, "values")
    if h.shape[1] > 3:
        raise ValueError(
            f"values has width {h.shape[1]}; plot_stage_3d draws stages of width <= 3 (project "
            "wider ones with nnexplain.projections.project_stages(..., n_components=3))"
        )
    h = np.column_stack([h, np.zeros((len(h), 3 - h.shape[1]))])
    y = np.zeros(len(h), np.int64) if y is None else check_labels(y, "y", n_samples=len(h))
    ax = get_ax(ax, three_d=True)
    edges = _draw_cube(ax) if cube else []
    classes = np.unique(y)
    palette = class_palette(classes.tolist(), colors)
    style = {**POINT_STYLE, **({"markersize": 2} if len(h) > 1000 else {}), **kwargs}
    points = []
    for c in classes:
        kw = {"color": palette[c.item()], "label": f"class {c}", **style}
        points.extend(ax.plot(*h[y == c].T, zorder=2, **kw))
    surface = None
    if plane is not None:
        w, c = _plane_of(plane)
        pad = check_positive(pad, "pad", allow_zero=True)
        low, high = h.min(axis=0) - pad, h.max(axis=0) + pad
        ax.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]), zlim=(low[2], high[2]))
        surface = _draw_plane(ax, w, c, low, high)
    return Stage3DArtists(points, surface, edges)


def plot_seed_accuracies(runs, *, ax=None, threshold=None, jitter=0.15, **kwargs) -> list:
    """One row per network and one dot per training run: how the accuracy depends on the seed.

    Parameters
    ----------
    runs : dict
        Row label -> :class:`~nnexplain.training.SeedRuns` (or an array-like of accuracies in
        [0, 1]). Rows are drawn top to bottom in the dict's order.
    ax : Axes or None
    threshold : float or None
        Draw a dashed vertical line at this accuracy (e.g. what counts as "separated").
    jitter : float, default=0.15
        Half-height of the vertical spread of the dots in a row (seeded, so reproducible),
        which keeps equal accuracies from hiding each other.
    **kwargs
        Passed to :meth:`Axes.plot` (e.g. ``color``, ``markersize``).

    Returns
    -------
    list of Line2D
        One per row; ``get_xdata()`` are the accuracies.
    """
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"runs must be a non-empty dict label -> SeedRuns; got {describe(runs)}")
    rows = []
    for label, r in runs.items():
        acc = check_array(getattr(r, "accuracies", r), f"runs[{label!r}]", ndim=1)
        if np.any((acc < 0) | (acc > 1)):
            raise ValueError(f"runs[{label!r}] must hold accuracies in [0, 1]; got {acc}")
        rows.append((str(label), acc))
    ax = get_ax(ax)
    style = {"color": "0.3", "markersize": 4, "alpha": 0.7, **kwargs}
    lines = []
    for i, (_, acc) in enumerate(rows):
        offset = np.random.default_rng(i).uniform(-jitter, jitter, acc.size)
        lines.extend(ax.plot(acc, i + offset, "o", linestyle="none", **style))
    if threshold is not None:
        ax.axvline(threshold, color=GRID_COLOR, ls="--", lw=1)
    ax.set_yticks(range(len(rows)), [label for label, _ in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.set_xlabel("accuracy")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    return lines
