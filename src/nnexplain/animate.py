"""Animations of what layers do to the plane and to data, as matplotlib ``FuncAnimation`` objects.

Each function has two halves (the pattern of matplotlib's ``bayes_update`` example): the frames
are computed first, with numpy only, by :mod:`nnexplain.warps` and :mod:`nnexplain.projections`;
then a small animator creates its artists **once** -- one ``LineCollection`` for all grid lines,
one marker-only ``Line2D`` per class for the points (about ten times cheaper to draw than a
``scatter`` of the same points) -- and only updates their data frame by frame. 2D animations
blit; the axis limits are computed from all frames, so the view never jumps.

- :func:`animate_warp`: a grid (and points) going from the identity to one map of the plane, as in
  seed 000 (rotation by a growing angle, stretch, shear, translation by a bias, tanh, ReLU, ...).
- :func:`animate_layers`: data and grid travelling through a trained network, stage by stage
  (affine, activation, affine, ...), seen directly, projected, or in 3D with a turning camera.
- :func:`animate_training`: the decision boundary and the last hidden layer across the parameter
  snapshots recorded by ``fit(..., snapshot_every=k)``.

Every function returns the animation; keep a reference to it (``anim = animate_warp(...)``) or
matplotlib deletes it before it is drawn. Write it to a file with :func:`save` (MP4, GIF, WebP).
Figures created here carry ``fig.nnexplain_alt``, a one-sentence description used as alt text by
:mod:`nnexplain.scraper`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection

from . import warps
from ._validation import check_array, check_choice, check_int, check_labels, check_positive
from .activations import Activation
from .datasets import make_grid_lines
from .plot import CLASS_COLORS
from .projections import METHODS, first_two, project_stages
from .video import save

__all__ = ["animate_layers", "animate_training", "animate_warp", "save"]

_GRID_STYLE = {"colors": "0.55", "linewidths": 0.7, "zorder": 1}
_POINT_STYLE = {"linestyle": "none", "marker": "o", "markersize": 3, "markeredgewidth": 0}


# --------------------------------------------------------------------------------------------
# the animator: artists created once, data updated per frame
# --------------------------------------------------------------------------------------------


def _class_colors(classes, colors):
    if colors is None:  # the same colour per class label as every static figure
        return {c: CLASS_COLORS[int(c) % len(CLASS_COLORS)] for c in classes}
    if isinstance(colors, dict):
        return {c: colors[c] for c in classes}
    colors = list(colors)
    if len(colors) < len(classes):
        raise ValueError(f"colors has {len(colors)} entries but there are {len(classes)} classes")
    return dict(zip(classes, colors, strict=False))


def _limits(arrays, dims, margin=0.05):
    """(low, high) per coordinate over every frame of every array, with a margin."""
    lows, highs = [], []
    for a in arrays:
        if a is not None and a.size:
            flat = a.reshape(-1, a.shape[-1])[:, :dims]
            lows.append(flat.min(axis=0))
            highs.append(flat.max(axis=0))
    low, high = np.min(lows, axis=0), np.max(highs, axis=0)
    span = np.maximum(high - low, 1e-9 + 1e-3 * np.max(high - low))
    return np.stack([low - margin * span, high + margin * span], axis=1)


class _Animator:
    """Draws precomputed frames of grid lines and class-coloured points on one Axes.

    Parameters
    ----------
    ax : Axes or Axes3D
    line_frames : ndarray of shape (n_frames, n_lines, n_pts, dims) or None
    point_frames : ndarray of shape (n_frames, n_points, dims) or None
    y : ndarray of shape (n_points,) or None
    frame_order : ndarray of int
        Animation frame ``k`` shows ``frames[frame_order[k]]`` (holds repeat a frame index).
    titles : list of str or None
        One per animation frame; ``None`` leaves the title alone.
    limits_from : {"all", "points"}
        Axis limits from every frame of lines and points, or of the points only (the grid may
        then leave the view, which keeps the data large when a ReLU layer stretches the grid).
    """

    def __init__(
        self,
        ax,
        *,
        line_frames=None,
        point_frames=None,
        y=None,
        frame_order=None,
        titles=None,
        colors=None,
        line_kw=None,
        point_kw=None,
        azim=None,
        elev=None,
        limits_from="all",
    ):
        self.ax = ax
        self.limits_from = limits_from
        self.line_frames = line_frames
        self.point_frames = point_frames
        frames = line_frames if line_frames is not None else point_frames
        self.dims = frames.shape[-1]
        self.frame_order = np.arange(len(frames)) if frame_order is None else frame_order
        self.titles = titles
        self.azim, self.elev = azim, elev
        self.artists = []
        first = self.frame_order[0]

        self.collection = None
        if line_frames is not None:
            style = {**_GRID_STYLE, **(line_kw or {})}
            if self.dims == 3:
                from mpl_toolkits.mplot3d.art3d import Line3DCollection

                self.collection = Line3DCollection(
                    list(line_frames[first]), axlim_clip=True, **style
                )
                ax.add_collection3d(self.collection, autolim=False, axlim_clip=True)
            else:
                self.collection = LineCollection(list(line_frames[first]), **style)
                ax.add_collection(self.collection, autolim=False)
            self.artists.append(self.collection)

        self.point_lines = []
        if point_frames is not None:
            y = np.zeros(point_frames.shape[1], np.int64) if y is None else y
            classes = np.unique(y)
            palette = _class_colors(classes.tolist(), colors)
            style = dict(_POINT_STYLE)
            if point_frames.shape[1] > 1000:
                style["markersize"] = 2
            style.update(point_kw or {})
            self.masks = [y == c for c in classes]
            for c, mask in zip(classes, self.masks, strict=True):
                kw = {"color": palette[c.item()], "label": f"class {c}", **style}
                xyz = point_frames[first][mask].T
                (line,) = ax.plot(*xyz[: self.dims], zorder=2, **kw)
                self.point_lines.append(line)
            self.artists.extend(self.point_lines)

        self.title = ax.title
        if titles is not None:
            self.title.set_text(titles[0])
            self.artists.append(self.title)
        self._set_limits()

    def _set_limits(self):
        if self.limits_from == "points" and self.point_frames is not None:
            lim = _limits([self.point_frames], self.dims)
        else:
            lim = _limits([self.line_frames, self.point_frames], self.dims)
        ax = self.ax
        if self.dims == 3:
            centre = lim.mean(axis=1)
            half = 0.5 * np.max(lim[:, 1] - lim[:, 0])
            ax.set_xlim(centre[0] - half, centre[0] + half)
            ax.set_ylim(centre[1] - half, centre[1] + half)
            ax.set_zlim(centre[2] - half, centre[2] + half)
            ax.set_box_aspect((1, 1, 1), zoom=0.85)
        else:
            ax.set_xlim(*lim[0])
            ax.set_ylim(*lim[1])
            ax.set_aspect("equal")

    @property
    def n_frames(self) -> int:
        return len(self.frame_order)

    def __call__(self, k):
        i = self.frame_order[k]
        if self.collection is not None:
            self.collection.set_segments(list(self.line_frames[i]))
        if self.point_frames is not None:
            pts = self.point_frames[i]
            for line, mask in zip(self.point_lines, self.masks, strict=True):
                sel = pts[mask]
                if self.dims == 3:
                    line.set_data_3d(sel[:, 0], sel[:, 1], sel[:, 2])
                else:
                    line.set_data(sel[:, 0], sel[:, 1])
        if self.titles is not None:
            self.title.set_text(self.titles[k])
        if self.azim is not None:
            self.ax.view_init(elev=self.elev, azim=self.azim[k])
        return self.artists


# --------------------------------------------------------------------------------------------
# helpers shared by the public functions
# --------------------------------------------------------------------------------------------


def _new_axes(ax, three_d=False):
    if ax is not None:
        if three_d and getattr(ax, "name", "") != "3d":
            raise ValueError(
                "projection='3d' needs a 3D Axes: create it with "
                "fig.add_subplot(projection='3d') or pass ax=None"
            )
        if not three_d and getattr(ax, "name", "") == "3d":
            raise ValueError("a 3D Axes was given; use projection='3d' to draw in it")
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5.5, 5.5) if three_d else (5, 5), layout="constrained")
    return fig.add_subplot(projection="3d") if three_d else fig.add_subplot()


def _describe_figure(fig, alt, poster_frame=None):
    if not hasattr(fig, "nnexplain_alt"):
        fig.nnexplain_alt = alt
    if poster_frame is not None and not hasattr(fig, "nnexplain_poster_frame"):
        fig.nnexplain_poster_frame = int(poster_frame)


def _axis_style(lines, line_kw):
    """Grid style with the lines that start on the x axis (red) and y axis (green) highlighted,
    so that a turn or a flip can be told from the identity; ``line_kw`` wins."""
    line_kw = dict(line_kw or {})
    if "colors" in line_kw or "color" in line_kw:
        return line_kw
    scale = max(float(np.max(np.abs(lines))), 1e-12)
    on_x = np.all(np.abs(lines[:, :, 1]) <= 1e-9 * scale, axis=1) & (np.ptp(lines[:, :, 0], 1) > 0)
    on_y = np.all(np.abs(lines[:, :, 0]) <= 1e-9 * scale, axis=1) & (np.ptp(lines[:, :, 1], 1) > 0)
    colors = np.full(len(lines), _GRID_STYLE["colors"], dtype=object)
    widths = np.full(len(lines), _GRID_STYLE["linewidths"])
    colors[on_x], colors[on_y] = "C3", "C2"
    widths[on_x | on_y] = 1.6
    return {"colors": list(colors), "linewidths": widths, **line_kw}


def _check_lines(lines, name="lines"):
    lines = check_array(lines, name, ndim=3, dtype=None)
    return lines


def _check_points_labels(points, labels, width=None):
    points = check_array(points, "points", ndim=2, n_features=width)
    if labels is None:
        return points, None
    return points, check_labels(labels, "labels", n_samples=points.shape[0])


def _hold_order(n_frames, pause_frames):
    """Frame indices with the first and last frames held ``pause_frames`` extra times."""
    return np.concatenate(
        [np.zeros(pause_frames, np.int64), np.arange(n_frames), np.full(pause_frames, n_frames - 1)]
    )


def _transform_name(transform) -> str:
    if isinstance(transform, str):
        return transform
    if isinstance(transform, Activation):
        return transform.name
    if hasattr(transform, "W") and hasattr(transform, "activation"):
        return f"a layer with {transform.activation.name}"
    if isinstance(transform, tuple):
        return "an affine map" if transform[0] is not None else "a translation"
    if callable(transform):
        return "a map"
    W = np.asarray(transform, dtype=float)
    if W.shape == (2, 2) and warps._is_rotation(W):
        return f"a rotation by {np.degrees(np.arctan2(W[0, 1], W[0, 0])):.0f} degrees"
    return "a linear map"


# --------------------------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------------------------


def animate_warp(
    transform,
    *,
    lines=None,
    points=None,
    labels=None,
    n_frames=60,
    pause_frames=10,
    easing="ease_in_out",
    ax=None,
    title=None,
    show_original=True,
    interval=40,
    colors=None,
    line_kw=None,
    **kwargs,
) -> FuncAnimation:
    r"""Animate a grid (and points) going from the identity to one map of the plane.

    Parameters
    ----------
    transform : ndarray, tuple, str, Activation, Dense or callable
        The map, anything :func:`nnexplain.warps.map_path` accepts:

        - a 2x2 matrix ``W`` (row convention, ``points @ W``); a rotation turns by a growing
          angle, any other matrix blends from the identity, :math:`(1-t)I + tW`;
        - ``(W, b)``: an affine map; ``(None, b)`` a translation by the bias ``b``;
        - an activation name or object (``"tanh"``, ``"relu"``, ``"sigmoid"``):
          :math:`(1-t)x + t f(x)`;
        - a :class:`~nnexplain.network.Dense` layer 2 -> 2: its affine part, then its activation;
        - a callable ``f(points, t)`` returning the points at time ``t`` in [0, 1], e.g.
          ``lambda p, t: p @ nnexplain.warps.rotation(t * np.pi)``.
    lines : ndarray of shape (n_lines, n_points_per_line, 2), None or False
        Grid polylines; ``None`` draws :func:`~nnexplain.datasets.make_grid_lines` on [-2, 2]
        (17 lines each way), ``False`` none.
    points : array-like of shape (n_points, 2) or None
        Data points moved by the same map.
    labels : array-like of shape (n_points,) or None
        Class of each point (colours ``C0``, ``C1``, ...).
    n_frames : int, default=60
        Frames from the identity to the map (>= 2).
    pause_frames : int, default=10
        Extra frames holding the first and the last picture.
    easing : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"
    ax : Axes or None
        Where to draw; ``None`` creates a figure.
    title : str or None
        Axes title; ``None`` names the map.
    show_original : bool, default=True
        Draw the grid before the map in light grey behind the moving one.
    interval : int, default=40
        Milliseconds between frames (25 frames per second).
    colors : list or dict or None
        Class colours.
    line_kw : dict or None
        Style of the grid lines (``LineCollection`` keywords). By default the lines that start
        on the x axis and on the y axis are drawn thicker, in red and green, so that a turn is
        visible even when the grid lands on itself (a quarter turn of a square grid).
    **kwargs
        Style of the points (``Line2D`` keywords: ``markersize``, ``alpha``, ...).

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its first frame is the input, its last the fully mapped grid; ``anim.nnexplain_frames``
        holds the computed frames, ``ndarray of shape (n_frames, n_lines, n_points_per_line, 2)``
        (of the points when there are no lines).

    Examples
    --------
    A quarter turn, as in seed 000 (``lines=None`` draws the default grid)::

        anim = animate_warp(lambda p, t: p @ nnexplain.warps.rotation(t * np.pi / 2))
        nnexplain.animate.save(anim, "rotation.mp4")
    """
    path = warps.map_path(transform)
    if lines is None:
        lines = make_grid_lines((-2.0, 2.0), n_lines=17, n_points_per_line=81)
    elif lines is False:
        lines = None
    else:
        lines = _check_lines(lines)
    if points is not None:
        points, labels = _check_points_labels(points, labels)
    if lines is None and points is None:
        raise ValueError("nothing to draw: give lines, points or both (lines=False and no points)")
    n_frames = check_int(n_frames, "n_frames", minimum=2)
    pause_frames = check_int(pause_frames, "pause_frames", minimum=0)
    line_frames = None if lines is None else warps.warp_frames(path, lines, n_frames, easing=easing)
    point_frames = (
        None if points is None else warps.warp_frames(path, points, n_frames, easing=easing)
    )
    frames = line_frames if line_frames is not None else point_frames
    if frames.shape[-1] != 2:
        raise ValueError(
            f"animate_warp draws maps of the plane; this transform gives {frames.shape[-1]} "
            f"coordinates. Use animate_layers for maps that change the width"
        )
    ax = _new_axes(ax)
    name = _transform_name(transform)
    ax.set_title(f"the plane under {name}" if title is None else title)
    if lines is not None:
        line_kw = _axis_style(lines, line_kw)
        if show_original:
            ax.add_collection(
                LineCollection(list(lines), colors="0.88", linewidths=0.6, zorder=0),
                autolim=False,
            )
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=point_frames,
        y=labels,
        frame_order=_hold_order(n_frames, pause_frames),
        colors=colors,
        line_kw=line_kw,
        point_kw=kwargs,
    )
    fig = ax.figure
    what = "a square grid" + (" and data points" if points is not None else "")
    _describe_figure(
        fig, f"Animation of {what} moving from the identity to {name}.", animator.n_frames - 1
    )
    anim = FuncAnimation(fig, animator, frames=animator.n_frames, interval=interval, blit=True)
    anim.nnexplain_frames = frames
    anim.nnexplain_animator = animator
    return anim


def _data_grid(X, n_lines=15, n_points_per_line=61, margin=0.1):
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
    return make_grid_lines(extent, n_lines=n_lines, n_points_per_line=n_points_per_line)


def _project(data_stages, line_stages, projection):
    """Project data stages with one projection (fitted on the data) and the lines the same way."""
    n_components = 3 if projection == "3d" else 2
    data, pca = project_stages(data_stages, projection, n_components)
    if line_stages is None:
        return data, None
    if pca is None:
        lines = [first_two(s, n_components) for s in line_stages]
    else:
        lines = [pca.transform(s) for s in line_stages]
    return data, lines


def animate_layers(
    net,
    X,
    y=None,
    *,
    lines=None,
    projection="first_two",
    include_affine=True,
    include_output=False,
    frames_per_transition=20,
    pause_frames=8,
    easing="ease_in_out",
    ax=None,
    title_fmt="{label}",
    interval=40,
    colors=None,
    line_kw=None,
    azim_per_frame=0.4,
    elev=20.0,
    azim=-60.0,
    **kwargs,
) -> FuncAnimation:
    """Animate data (and a grid) travelling through a network, one stage after another.

    The points move in straight lines from each stage of the forward pass to the next (input,
    layer 1 affine, layer 1 activation, ...), held for a moment at each stage, as in Chris
    Olah's "Neural Networks, Manifolds, and Topology" and seed 000's 2-3-3-3-1 network. Stages
    wider than the screen are projected (one projection for all stages, so the camera stays
    still) or drawn in 3D with a slowly turning camera.

    Parameters
    ----------
    net : MLP
        A network with 2 inputs (the plane).
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,) or None
        Class labels, for the colours.
    lines : ndarray of shape (n_lines, n_points_per_line, 2), None or False
        Grid polylines carried along; ``None`` draws a 15x15 grid over the data's bounding box,
        ``False`` none. The axis limits follow the data (over all frames), so parts of the grid
        may leave the view.
    projection : {"first_two", "pca", "3d"}, default="first_two"
        How stages are drawn: their first two coordinates; a 2-component PCA fitted once on all
        data stages; or a 3D axes (first three coordinates, or a 3-component PCA for wider
        stages). Narrower stages are padded with zeros (an output of width 1 lies on the x axis).
        See :func:`nnexplain.projections.project_stages`.
    include_affine : bool, default=True
        Show the affine outputs as stages of their own (``False``: one stage per layer).
    include_output : bool, default=False
        Also show the output layer. By default the journey ends in the last hidden layer, where
        a trained classifier has made the classes linearly separable; the output's logit is a
        single coordinate whose range would set the axis limits of every stage.
    frames_per_transition : int, default=20
    pause_frames : int, default=8
        Extra frames each stage is held.
    easing : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"
    ax : Axes, Axes3D or None
        ``None`` creates a figure (with a 3D Axes for ``projection="3d"``).
    title_fmt : str, default="{label}"
        Axes title of every frame; fields ``{label}`` (``"layer 2: tanh"``), ``{index}`` and
        ``{n_stages}``.
    interval : int, default=40
        Milliseconds between frames.
    colors : list or dict or None
        Class colours (default ``C0``, ``C1``, ...).
    line_kw : dict or None
        Style of the grid lines.
    azim_per_frame, elev, azim : float
        3D camera: the azimuth advances by ``azim_per_frame`` degrees per frame from ``azim``.
    **kwargs
        Style of the points (``Line2D`` keywords).

    Returns
    -------
    matplotlib.animation.FuncAnimation
        ``anim.nnexplain_frames`` holds the projected :class:`~nnexplain.warps.Frames` of the
        data.
    """
    projection = check_choice(projection, "projection", METHODS)
    X = check_array(X, "X", ndim=2)
    if not hasattr(net, "trace"):
        raise TypeError(f"net must be an MLP; got {type(net).__name__}")
    if X.shape[1] != net.sizes[0]:
        raise ValueError(f"X has shape {X.shape} but the network {net!r} takes {net.sizes[0]}")
    y = None if y is None else check_labels(y, "y", n_samples=X.shape[0])
    if lines is None:
        lines = _data_grid(X) if X.shape[1] == 2 else None
    elif lines is False:
        lines = None
    else:
        lines = _check_lines(lines)
    which = {"include_affine": include_affine, "include_output": include_output}
    data_stages, labels = warps.stages(net, X, **which)
    line_stages = None if lines is None else warps.stages(net, lines, **which)[0]
    data_proj, line_proj = _project(data_stages, line_stages, projection)
    opts = {
        "labels": labels,
        "frames_per_transition": frames_per_transition,
        "pause_frames": pause_frames,
        "easing": easing,
    }
    frames = warps.interpolate(data_proj, **opts)
    line_frames = None if line_proj is None else warps.interpolate(line_proj, **opts).positions
    n_stages = len(labels)
    titles = [
        title_fmt.format(label=labels[i], index=int(i), n_stages=n_stages)
        for i in frames.stage_index
    ]
    three_d = projection == "3d"
    ax = _new_axes(ax, three_d)
    n = frames.n_frames
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=frames.positions,
        y=y,
        titles=titles,
        colors=colors,
        line_kw=line_kw,
        point_kw=kwargs,
        azim=azim + azim_per_frame * np.arange(n) if three_d else None,
        elev=elev,
        limits_from="points",
    )
    if three_d:
        ax.view_init(elev=elev, azim=azim)
    view = {"first_two": "its first two coordinates", "pca": "a PCA fitted on all stages"}.get(
        projection, "3D with a turning camera"
    )
    _describe_figure(
        ax.figure,
        f"Animation of {X.shape[0]} data points"
        + (" and a grid" if lines is not None else "")
        + f" moving through the {n_stages} stages of the network {net!r}, each stage drawn as "
        + f"{view}.",
        n - 1,
    )
    anim = FuncAnimation(ax.figure, animator, frames=n, interval=interval, blit=not three_d)
    anim.nnexplain_frames = frames
    anim.nnexplain_animator = animator
    return anim


def _boundary_grid(X, resolution, margin=0.15):
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    gx = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    gy = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    xx, yy = np.meshgrid(gx, gy)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def animate_training(
    net,
    history,
    X,
    y,
    *,
    axes=None,
    resolution=80,
    projection="pca",
    interval=150,
    colors=None,
    cmap="RdBu_r",
    title_fmt="epoch {epoch:.2f}, accuracy {accuracy:.1%}",
    **kwargs,
) -> FuncAnimation:
    """Animate training: the decision boundary and the last hidden layer, snapshot by snapshot.

    Left: the network's output over the input plane (``contourf``, recomputed for every frame)
    with the data on top. Right: the data in the last hidden layer, projected with one
    projection fitted on every snapshot together (so the points move, not the camera). One
    frame per parameter snapshot recorded by ``fit(..., snapshot_every=k)``.

    Parameters
    ----------
    net : MLP
        The network (its current weights are left untouched: a copy takes each snapshot's).
    history : History
        With ``history.snapshots``, a list of :class:`~nnexplain.training.Snapshot`.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
    axes : sequence of two Axes or None
        ``None`` creates a figure with two panels.
    resolution : int, default=80
        Grid points per axis for the decision boundary.
    projection : {"first_two", "pca"}, default="pca"
        View of the last hidden layer when it is wider than 2.
    interval : int, default=150
        Milliseconds between frames.
    colors : list or dict or None
        Class colours.
    cmap : str, default="RdBu_r"
        Colormap of the output (probability of class 1 for a sigmoid output; the predicted
        class for softmax).
    title_fmt : str
        Left title per frame; fields ``{epoch}``, ``{step}``, ``{accuracy}``.
    **kwargs
        Style of the points.

    Returns
    -------
    matplotlib.animation.FuncAnimation
    """
    snapshots = list(getattr(history, "snapshots", None) or [])
    if not snapshots:
        raise ValueError(
            "history has no parameter snapshots; train with fit(..., snapshot_every=k) to "
            "record them"
        )
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != 2 or net.sizes[0] != 2:
        raise ValueError(
            f"animate_training draws the input plane: X must have 2 columns and the network 2 "
            f"inputs; got X of shape {X.shape} and {net!r}"
        )
    y = check_labels(y, "y", n_samples=X.shape[0])
    projection = check_choice(projection, "projection", ("first_two", "pca"))
    resolution = check_int(resolution, "resolution", minimum=2)
    check_positive(interval, "interval")
    if len(net.layers) < 2:
        raise ValueError(f"the network {net!r} has no hidden layer to show")

    work = net.copy()
    xx, yy, grid = _boundary_grid(X, resolution)
    kind = net.activations[-1].name
    fields, hidden, accuracy = [], [], []
    for snap in snapshots:
        work.set_weights(snap.weights)
        out = work.forward(grid)
        if kind == "softmax" or out.shape[1] > 1:
            fields.append(np.argmax(out, axis=1).reshape(xx.shape).astype(float))
        else:
            fields.append(out[:, 0].reshape(xx.shape))
        trace = work.trace(X)
        hidden.append(trace.post_activations[-2])
        accuracy.append(work.accuracy(X, y) if kind in ("sigmoid", "softmax") else np.nan)
    hidden_proj, _ = project_stages(hidden, projection, 2)
    hidden_proj = np.stack(hidden_proj)
    last_hidden = net.activations[-2].name
    width = hidden[0].shape[1]

    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(10, 5), layout="constrained")
    axes = list(np.ravel(axes))
    if len(axes) != 2:
        raise ValueError(f"axes must be two Axes; got {len(axes)}")
    ax_b, ax_h = axes
    fig = ax_b.figure
    if kind == "softmax" or net.sizes[-1] > 1:
        levels = np.arange(net.sizes[-1] + 1) - 0.5
    else:
        levels = np.linspace(0.0, 1.0, 11)
    state = {"cs": None}

    def draw_field(k):
        if state["cs"] is not None:
            state["cs"].remove()
        state["cs"] = ax_b.contourf(
            xx, yy, fields[k], levels=levels, cmap=cmap, alpha=0.4, zorder=0, antialiased=True
        )
        return state["cs"]

    draw_field(0)
    ax_b.set_xlim(xx.min(), xx.max())
    ax_b.set_ylim(yy.min(), yy.max())
    ax_b.set_aspect("equal")
    classes = np.unique(y)
    palette = _class_colors(classes.tolist(), colors)
    style = {**_POINT_STYLE, "markeredgecolor": "white", "markeredgewidth": 0.4, **kwargs}
    for c in classes:
        ax_b.plot(*X[y == c].T, color=palette[c.item()], zorder=2, **style)

    titles = [
        title_fmt.format(epoch=s.epoch, step=s.step, accuracy=a)
        for s, a in zip(snapshots, accuracy, strict=True)
    ]
    ax_h.set_title(
        f"last hidden layer ({last_hidden}, width {width}"
        + (", PCA)" if projection == "pca" and width > 2 else ")")
    )
    animator = _Animator(
        ax_h, point_frames=hidden_proj, y=y, colors=colors, point_kw=kwargs, titles=None
    )
    ax_b.title.set_text(titles[0])

    def update(k):
        artists = animator(k)
        ax_b.title.set_text(titles[k])
        return [draw_field(k), ax_b.title, *artists]

    _describe_figure(
        fig,
        f"Animation over {len(snapshots)} training snapshots of {net!r}: the decision boundary "
        f"on the input plane and the data in the last hidden layer.",
        len(snapshots) - 1,
    )
    anim = FuncAnimation(fig, update, frames=len(snapshots), interval=interval, blit=True)
    anim.nnexplain_frames = hidden_proj
    anim.nnexplain_fields = fields
    return anim
