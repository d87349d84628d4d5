"""Animations of what layers do to the plane and to data, as matplotlib animations.

Each function has two halves (the pattern of matplotlib's ``bayes_update`` example): the frames
are computed first, with numpy only, by :mod:`nnexplain.frames`, :mod:`nnexplain.warps`,
:mod:`nnexplain.fields` and :mod:`nnexplain.projections`; then the artists are created **once**
-- one ``LineCollection`` for all grid lines, one marker-only ``Line2D`` per class for the points
(about ten times cheaper to draw than a ``scatter`` of the same points), one image for a decision
field -- and only their data change frame by frame. 2D animations blit; the axis limits are
computed from all frames, so the view never jumps.

- :func:`animate_warp`: a grid (and points) going from the identity to one map of the plane, as in
  seed 000 (rotation by a growing angle, stretch, shear, translation by a bias, tanh, ReLU, ...).
- :func:`animate_layers`: data and grid travelling through a trained network, stage by stage
  (affine, activation, affine, ...), seen directly, projected, or in 3D with a turning camera.
- :func:`animate_training`: the decision boundary and the last hidden layer across the parameter
  snapshots recorded by ``fit(..., snapshot_every=k)``.

Every function returns an :class:`Animation` (a ``FuncAnimation`` that also exposes its frames,
its alt text and its poster frame); keep a reference to it (``anim = animate_warp(...)``) or
matplotlib deletes it before it is drawn. Write it to a file with :func:`nnexplain.video.save`
(MP4, GIF, WebP).
"""

from __future__ import annotations

import numbers

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection
from mpl_toolkits.mplot3d.art3d import Line3DCollection

from . import palette
from ._style import (
    GRID_STYLE,
    INPUT_GRID_STYLE,
    POINT_STYLE,
    PROBA_CMAP,
    SIGNED_CMAP,
    class_palette,
    get_ax,
    get_axes,
    panel_grid,
)
from ._validation import check_array, check_int, check_labels, check_positive, describe
from .datasets import make_grid_lines
from .fields import data_extent
from .frames import frame_limits, frames_for, hold_order, interpolate, path_frames
from .journey import Journey, journey
from .network import check_mlp
from .plot import _draw_plane, field_style, plot_stage_3d
from .replay import TrainingReplay, training_replay
from .warps import as_map

__all__ = [
    "Animation",
    "animate_explorable",
    "animate_layers",
    "animate_training",
    "animate_warp",
]


class Animation(FuncAnimation):
    """A :class:`~matplotlib.animation.FuncAnimation` that says what it shows.

    Every function of :mod:`nnexplain.animate` returns one. It plays, saves
    (:func:`nnexplain.video.save`) and embeds like any ``FuncAnimation``; the attributes below
    are what a reader, a test or a page builder needs without reaching into matplotlib.

    Attributes
    ----------
    frames : ndarray or Frames
        The computed frames (see each function's Returns).
    alt : str
        One sentence describing the animation, used as alt text by :mod:`nnexplain.scraper`.
    poster_frame : int
        The frame shown before the video plays (and as the gallery thumbnail).
    n_frames : int
        Frames played, holds included.
    ax : Axes
        The Axes the frames are drawn on (for :func:`animate_training`, the decision panel).
    grid : LineCollection or None
        The moving grid lines.
    points : list of Line2D
        The moving points, one marker-only line per class.
    fields : list of DecisionField or None
        :func:`animate_training`: the decision field of every snapshot.
    image : AxesImage or None
        :func:`animate_training`: the image showing the field, updated frame by frame.
    frame_keys : ndarray of shape (n_frames,)
        Two consecutive frames with the same key show the same picture (a hold), so
        :func:`nnexplain.video.save` draws it once and repeats it: holds cost almost nothing.
    limits : ndarray of shape (n_frames, 2, 2) or None
        The axis limits of every frame when each stage is framed on its own (2D
        :func:`animate_layers`), else ``None`` (the limits are fixed).
    plane : Poly3DCollection or None
        3D :func:`animate_layers`: the output unit's separating plane, shown with the last
        hidden stage.
    """

    def __init__(
        self,
        fig,
        func,
        *,
        n_frames,
        interval,
        blit,
        frames,
        alt,
        poster_frame,
        ax,
        grid=None,
        points=(),
        fields=None,
        image=None,
        frame_keys=None,
        limits=None,
        plane=None,
    ):
        super().__init__(fig, func, frames=n_frames, interval=interval, blit=blit)
        self.frames = frames
        self.alt = str(alt)
        self.poster_frame = int(poster_frame)
        self.n_frames = int(n_frames)
        self.ax = ax
        self.grid = grid
        self.points = list(points)
        self.fields = fields
        self.image = image
        self.frame_keys = np.arange(n_frames) if frame_keys is None else np.asarray(frame_keys)
        self.limits = limits
        self.plane = plane

    @property
    def figure(self):
        """The figure the animation draws on."""
        return self._fig

    def _blit_draw(self, artists):
        # With limits framed per stage the cached background (the axes without ticks) does not
        # depend on the view: keep it, instead of re-caching a canvas that holds the last frame.
        if self.limits is not None:
            for ax, (_, background) in list(self._blit_cache.items()):
                self._blit_cache[ax] = (ax._get_view(), background)
        super()._blit_draw(artists)


# --------------------------------------------------------------------------------------------
# the animator: artists created once, data updated per frame
# --------------------------------------------------------------------------------------------


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
    cube : bool
        3D only: draw the cube (-1, 1)^3 too.
    limits : ndarray of shape (n_computed_frames, 2, 2) or None
        2D only: the axis limits of every computed frame (each stage framed on its own, see
        :func:`nnexplain.frames.frame_limits`); the ticks are hidden, as their values change.
    keys : ndarray of shape (n_frames,) or None
        Equal consecutive keys mean the same picture (default: the computed frame shown).
    plane : (Poly3DCollection, ndarray of bool) or None
        3D only: an artist shown in the animation frames where the mask is true.
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
        cube=False,
        limits=None,
        keys=None,
        plane=None,
    ):
        self.ax = ax
        self.line_frames = line_frames
        self.point_frames = point_frames
        frames = line_frames if line_frames is not None else point_frames
        self.dims = frames.shape[-1]
        self.frame_order = np.arange(len(frames)) if frame_order is None else frame_order
        self.titles = titles
        self.azim, self.elev = azim, elev
        first = self.frame_order[0]
        self.collection = None
        if line_frames is not None:
            self.collection = self._add_grid(line_frames[first], line_kw)
        self.point_lines = []
        if point_frames is not None:
            y = np.zeros(point_frames.shape[1], np.int64) if y is None else y
            self.point_lines = self._add_points(point_frames[first], y, colors, point_kw, cube)
        self.artists = [a for a in [self.collection, *self.point_lines] if a is not None]
        self.title = ax.title
        if titles is not None:
            self.title.set_text(titles[0])
            self.artists.append(self.title)
        self.limits = limits
        self.keys = self.frame_order if keys is None else np.asarray(keys)
        self.plane = plane
        if limits is None:
            self._set_limits(limits_from)
        elif self.dims == 3:
            self._set_view(limits[first])
        else:
            self._set_view(limits[first])
            ax.set_aspect("auto")
            ax.set_xticks([])
            ax.set_yticks([])

    def _add_grid(self, lines, line_kw):
        style = {**GRID_STYLE, **(line_kw or {})}
        if self.dims == 3:
            collection = Line3DCollection(list(lines), axlim_clip=True, **style)
            self.ax.add_collection3d(collection, autolim=False, axlim_clip=True)
        else:
            collection = LineCollection(list(lines), **style)
            self.ax.add_collection(collection, autolim=False)
        return collection

    def _add_points(self, points, y, colors, point_kw, cube):
        classes = np.unique(y)
        self.masks = [y == c for c in classes]
        if self.dims == 3:
            return plot_stage_3d(
                points, y, ax=self.ax, cube=cube, colors=colors, **(point_kw or {})
            ).points
        palette = class_palette(classes.tolist(), colors)
        style = {**POINT_STYLE, **({"markersize": 2} if len(points) > 1000 else {})}
        style.update(point_kw or {})
        lines = []
        for c, mask in zip(classes, self.masks, strict=True):
            kw = {"color": palette[c.item()], "label": f"class {c}", **style}
            lines.extend(self.ax.plot(*points[mask].T[:2], zorder=2, **kw))
        return lines

    def _set_limits(self, limits_from):
        if limits_from == "points" and self.point_frames is not None:
            lim = _limits([self.point_frames], self.dims)
        else:
            lim = _limits([self.line_frames, self.point_frames], self.dims)
        self._set_view(lim)
        if self.dims == 2:
            self.ax.set_aspect("equal")

    def _set_view(self, lim):
        """Axis limits ``lim`` of shape (dims, 2); in 3D, the cube around them (equal scales)."""
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
        if self.limits is not None:
            self._set_view(self.limits[i])
        if self.plane is not None:
            self.plane[0].set_visible(bool(self.plane[1][k]))
        return self.artists

    def animation(self, *, interval, blit, frames, alt, poster_frame=None, **extra) -> Animation:
        """The :class:`Animation` that plays this animator (last frame as poster by default)."""
        return Animation(
            self.ax.figure,
            self,
            n_frames=self.n_frames,
            interval=interval,
            blit=blit,
            frames=frames,
            alt=alt,
            poster_frame=self.n_frames - 1 if poster_frame is None else poster_frame,
            ax=self.ax,
            grid=self.collection,
            points=self.point_lines,
            frame_keys=self.keys,
            limits=None if self.limits is None else self.limits[self.frame_order],
            plane=None if self.plane is None else self.plane[0],
            **extra,
        )


# --------------------------------------------------------------------------------------------
# helpers shared by the public functions
# --------------------------------------------------------------------------------------------


def _axis_style(lines, line_kw):
    """Grid style with the lines that start on the x axis (solid) and y axis (dashed) drawn thick
    in ink, so that a turn or a flip can be told from the identity; ``line_kw`` wins."""
    line_kw = dict(line_kw or {})
    if "colors" in line_kw or "color" in line_kw:
        return line_kw
    scale = max(float(np.max(np.abs(lines))), 1e-12)
    on_x = np.all(np.abs(lines[:, :, 1]) <= 1e-9 * scale, axis=1) & (np.ptp(lines[:, :, 0], 1) > 0)
    on_y = np.all(np.abs(lines[:, :, 0]) <= 1e-9 * scale, axis=1) & (np.ptp(lines[:, :, 1], 1) > 0)
    colors = np.full(len(lines), GRID_STYLE["colors"], dtype=object)
    widths = np.full(len(lines), GRID_STYLE["linewidths"])
    styles = np.full(len(lines), "solid", dtype=object)
    colors[on_x | on_y] = palette.NEUTRAL["ink"]
    styles[on_y] = "dashed"
    widths[on_x | on_y] = 1.6
    return {"colors": list(colors), "linewidths": widths, "linestyles": list(styles), **line_kw}


def _check_lines(lines, default):
    """Grid polylines: ``None`` gives ``default()``, ``False`` none, else a 3D array."""
    if lines is None:
        return default()
    if lines is False:
        return None
    return check_array(lines, "lines", ndim=3, dtype=None)


def _check_interval(interval) -> float:
    """Milliseconds between frames: a finite number > 0, checked where it is given."""
    return check_positive(interval, "interval")


def _schedule(frames_per_transition, pause_frames, interval, min_stage_s, end_hold_s) -> dict:
    """Frame counts of :func:`~nnexplain.frames.interpolate` such that every stage is on screen
    at least ``min_stage_s`` (move plus hold) and the last frame holds ``end_hold_s``, at
    ``interval`` ms a frame: the holds are lengthened where the counts given are too short."""
    move = check_int(frames_per_transition, "frames_per_transition", minimum=0)
    pause = check_int(pause_frames, "pause_frames", minimum=0)
    stage = frames_for(check_positive(min_stage_s, "min_stage_s", allow_zero=True), interval)
    end = frames_for(check_positive(end_hold_s, "end_hold_s", allow_zero=True), interval)
    pause = max(pause, stage - move - 1)
    return {
        "frames_per_transition": move,
        "pause_frames": pause,
        "first_pause": max(pause, stage - 1),
        "last_pause": max(pause, end - 1),
    }


def _check_angle(value, name) -> float:
    """A camera angle in degrees: any finite real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number of degrees; got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return float(value)


def _titles(title_fmt, name, fields, values):
    """``title_fmt`` formatted once per frame; an unknown field or a bad format names the
    argument and the fields it may use."""
    if not isinstance(title_fmt, str):
        raise TypeError(f"{name} must be a str; got {type(title_fmt).__name__}")
    try:
        return [title_fmt.format(**v) for v in values]
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ValueError(
            f"{name} {title_fmt!r} cannot be formatted ({type(exc).__name__}: {exc}); its fields "
            f"are {fields}"
        ) from None


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
    end_hold_s=1.5,
    **kwargs,
) -> Animation:
    r"""Animate a grid (and points) going from the identity to one map of the plane.

    Parameters
    ----------
    transform : ndarray, tuple, str, Activation, Dense, MLP, MapPath or callable
        The map, anything :func:`nnexplain.warps.as_map` accepts:

        - a 2x2 matrix ``W`` (row convention, ``points @ W``); a rotation turns by a growing
          angle, any other matrix blends from the identity, :math:`(1-t)I + tW`;
        - ``(W, b)``: an affine map; ``(None, b)`` a translation by the bias ``b``;
        - an activation name or object (``"tanh"``, ``"relu"``, ``"sigmoid"``):
          :math:`(1-t)x + t f(x)`;
        - a :class:`~nnexplain.network.Dense` layer 2 -> 2: its affine part, then its activation;
        - a function ``f(points)``: :math:`(1-t)x + t f(x)`;
        - a :class:`~nnexplain.warps.MapPath` ``f(points, t)`` returning the points at time ``t``
          in [0, 1], e.g. ``MapPath(lambda p, t: p @ nnexplain.warps.rotation(t * np.pi))``;
          :func:`nnexplain.warps.chain` plays several maps in turn.
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
    interval : float, default=40
        Milliseconds between frames (25 frames per second); a finite number > 0.
    colors : list or dict or None
        Class colours.
    line_kw : dict or None
        Style of the grid lines (``LineCollection`` keywords). By default the lines that start
        on the x axis and on the y axis are drawn thicker, in red and green, so that a turn is
        visible even when the grid lands on itself (a quarter turn of a square grid).
    end_hold_s : float, default=1.5
        Seconds the first and the last frame are at least held (``pause_frames`` is lengthened
        to reach it at ``interval``); holds cost almost nothing to save.
    **kwargs
        Style of the points (``Line2D`` keywords: ``markersize``, ``alpha``, ...).

    Returns
    -------
    Animation
        Its first frame is the input, its last the fully mapped grid; ``anim.frames`` holds the
        computed frames, ``ndarray of shape (n_frames, n_lines, n_points_per_line, 2)`` (of the
        points when there are no lines); the poster frame is the last one.

    Examples
    --------
    A quarter turn, as in seed 000 (``lines=None`` draws the default grid)::

        anim = animate_warp(nnexplain.warps.rotation(np.pi / 2))
        nnexplain.video.save(anim, "rotation.mp4")
    """
    the_map = as_map(transform)
    lines = _check_lines(
        lines, lambda: make_grid_lines((-2.0, 2.0), n_lines=17, n_points_per_line=81)
    )
    if points is not None:
        points = check_array(points, "points", ndim=2)
        labels = None if labels is None else check_labels(labels, "labels", n_samples=len(points))
    if lines is None and points is None:
        raise ValueError("nothing to draw: give lines, points or both (lines=False and no points)")
    n_frames = check_int(n_frames, "n_frames", minimum=2)
    interval = _check_interval(interval)
    pause_frames = _schedule(0, pause_frames, interval, 0, end_hold_s)["last_pause"]
    path = the_map.path
    line_frames, point_frames = (
        None if a is None else path_frames(path, a, n_frames, easing=easing)
        for a in (lines, points)
    )
    frames = line_frames if line_frames is not None else point_frames
    if frames.shape[-1] != 2:
        raise ValueError(
            f"animate_warp draws maps of the plane; this transform gives {frames.shape[-1]} "
            f"coordinates. Use animate_layers for maps that change the width"
        )
    ax = get_ax(ax, three_d=False, figsize=(5, 5))
    name = the_map.description
    ax.set_title(f"the plane under {name}" if title is None else title)
    if lines is not None:
        line_kw = _axis_style(lines, line_kw)
        if show_original:
            ax.add_collection(
                LineCollection(list(lines), **INPUT_GRID_STYLE),
                autolim=False,
            )
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=point_frames,
        y=labels,
        frame_order=hold_order(n_frames, pause_frames),
        colors=colors,
        line_kw=line_kw,
        point_kw=kwargs,
    )
    what = "a square grid" + (" and data points" if points is not None else "")
    alt = f"Animation of {what} moving from the identity to {name}."
    return animator.animation(interval=interval, blit=True, frames=frames, alt=alt)


def _journey_frames(j, opts, title_fmt):
    """Interpolated frames of a journey's data (Frames), of its grid lines (array or None) and
    the title of every frame."""
    frames = interpolate(list(j.stages), labels=j.labels, **opts)
    line_frames = None if j.lines is None else interpolate(list(j.lines), **opts).positions
    values = [
        {"label": j.labels[i], "index": int(i), "n_stages": j.n_stages} for i in frames.stage_index
    ]
    titles = _titles(title_fmt, "title_fmt", "{label}, {index} and {n_stages}", values)
    return frames, line_frames, titles


def _journey_alt(j) -> str:
    view = {"first_two": "its first two coordinates", "pca": "a PCA fitted on all stages"}.get(
        j.projection, "3D with a turning camera"
    )
    return (
        f"Animation of {j.n_samples} data points"
        + (" and a grid" if j.lines is not None else "")
        + f" moving through the {j.n_stages} stages of the network {j.network}, each stage "
        + f"drawn as {view}."
    )


def animate_layers(
    net,
    X,
    y=None,
    *,
    lines=None,
    projection="first_two",
    include_affine=True,
    include_output=False,
    frames_per_transition=25,
    pause_frames=15,
    easing="ease_in_out",
    ax=None,
    title_fmt="{label}",
    interval=40,
    colors=None,
    line_kw=None,
    azim_per_frame=0.8,
    elev=20.0,
    azim=-60.0,
    cube=False,
    min_stage_s=1.5,
    end_hold_s=1.5,
    frame_stages=True,
    plane=True,
    **kwargs,
) -> Animation:
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
    frames_per_transition : int, default=25
        Frames of each move (1 s at the default interval).
    pause_frames : int, default=15
        Extra frames each stage is held (0.6 s at the default interval); lengthened when a stage
        would be on screen less than ``min_stage_s``.
    easing : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"
    ax : Axes, Axes3D or None
        ``None`` creates a figure (with a 3D Axes for ``projection="3d"``).
    title_fmt : str, default="{label}"
        Axes title of every frame; fields ``{label}`` (``"layer 2: tanh"``), ``{index}`` and
        ``{n_stages}``.
    interval : float, default=40
        Milliseconds between frames; a finite number > 0.
    colors : list or dict or None
        Class colours (default ``C0``, ``C1``, ...).
    line_kw : dict or None
        Style of the grid lines.
    azim_per_frame, elev, azim : float
        3D camera: the azimuth advances by ``azim_per_frame`` degrees per frame of a move, from
        ``azim``; it stands still while a stage is held, so the reader can study it.
    cube : bool, default=False
        With ``projection="3d"``, also draw the cube :math:`(-1, 1)^3` that tanh cannot leave
        (see :func:`nnexplain.plot.plot_stage_3d`).
    min_stage_s : float, default=1.5
        Seconds each stage is at least on screen, its move in plus its hold, at ``interval``;
        the holds are lengthened to reach it (``0``: the frame counts as given).
    end_hold_s : float, default=1.5
        Seconds the last frame is held before the video loops.
    frame_stages : bool, default=True
        Frame each frame on its own points (see :func:`nnexplain.frames.frame_limits`): each
        held stage fills the view and the view follows the points smoothly between stages, as
        in the browser player. In 2D each axis fits the data
        (the ticks are hidden, their values would change); in 3D the view is the cube around
        the stage. ``False``: fixed limits over all frames (2D: equal scales, with ticks).
    plane : bool, default=True
        3D: draw the output unit's separating plane :math:`hw + c = 0` while the last hidden
        stage is held, when that stage has width 3 (not projected) and feeds a single output
        unit (see :func:`nnexplain.plot.plot_stage_3d`).
    **kwargs
        Style of the points (``Line2D`` keywords).

    Returns
    -------
    Animation
        ``anim.frames`` holds the projected :class:`~nnexplain.frames.Frames` of the data (see
        :func:`nnexplain.frames.stage_seconds` for the time each stage is on screen),
        ``anim.limits`` the limits of every frame, ``anim.plane`` the 3D plane; the poster
        frame is the last one.
    """
    check_mlp(net, "net")
    X = check_array(X, "X", ndim=2)
    lines = _check_lines(
        lines, lambda: make_grid_lines(data_extent(X), 15, 61) if X.shape[1] == 2 else None
    )
    j = journey(
        net,
        X,
        lines=False if lines is None else lines,
        projection=projection,
        include_affine=include_affine,
        include_output=include_output,
    )
    return animate_journey(
        j,
        y,
        frames_per_transition=frames_per_transition,
        pause_frames=pause_frames,
        easing=easing,
        ax=ax,
        title_fmt=title_fmt,
        interval=interval,
        colors=colors,
        line_kw=line_kw,
        azim_per_frame=azim_per_frame,
        elev=elev,
        azim=azim,
        cube=cube,
        min_stage_s=min_stage_s,
        end_hold_s=end_hold_s,
        frame_stages=frame_stages,
        plane=plane,
        **kwargs,
    )


def animate_journey(
    j,
    y=None,
    *,
    frames_per_transition=25,
    pause_frames=15,
    easing="ease_in_out",
    ax=None,
    title_fmt="{label}",
    interval=40,
    colors=None,
    line_kw=None,
    azim_per_frame=0.8,
    elev=20.0,
    azim=-60.0,
    cube=False,
    min_stage_s=1.5,
    end_hold_s=1.5,
    frame_stages=True,
    plane=True,
    **kwargs,
) -> Animation:
    """Animate a :class:`~nnexplain.journey.Journey`: the drawing half of :func:`animate_layers`.

    The journey is computed once (:func:`nnexplain.journey.journey`) and read here, by
    :meth:`nnexplain.explorable.Explorable.from_journeys` and by a page's checks. The keywords
    are those of :func:`animate_layers`; the projection is the journey's.

    Returns
    -------
    Animation
        As :func:`animate_layers`.
    """
    if not isinstance(j, Journey):
        raise TypeError(f"j must be a Journey (nnexplain.journey.journey); got {describe(j)}")
    y = None if y is None else check_labels(y, "y", n_samples=j.n_samples)
    interval = _check_interval(interval)
    camera = [_check_angle(v, n) for v, n in ((azim, "azim"), (azim_per_frame, "azim_per_frame"))]
    elev = _check_angle(elev, "elev")
    opts = _schedule(frames_per_transition, pause_frames, interval, min_stage_s, end_hold_s)
    opts["easing"] = easing
    frames, line_frames, titles = _journey_frames(j, opts, title_fmt)
    three_d = j.dims == 3
    ax = get_ax(ax, three_d=three_d, figsize=(5.5, 5.5) if three_d else (5, 5))
    moving = np.concatenate([[0.0], np.diff(frames.t) != 0])
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=frames.positions,
        y=y,
        titles=titles,
        colors=colors,
        line_kw=line_kw,
        point_kw=kwargs,
        azim=camera[0] + camera[1] * np.cumsum(moving) if three_d else None,
        elev=elev,
        limits_from="points",
        cube=cube and three_d,
        limits=frame_limits(frames, dims=j.dims) if frame_stages else None,
        keys=frames.t,
    )
    if three_d:
        ax.view_init(elev=elev, azim=camera[0])
        animator.plane = _held_plane(ax, j, frames) if plane else None
    return animator.animation(
        interval=interval, blit=not three_d, frames=frames, alt=_journey_alt(j)
    )


def _held_plane(ax, j, frames):
    """The output unit's plane over the 3D view, shown while the last stage is held (when the
    journey has one: see :attr:`nnexplain.journey.Journey.plane`)."""
    if j.plane is None:
        return None
    w, c = j.plane
    last = frames.positions[-1]
    pad = 0.1 * np.ptp(last, axis=0).max()
    surface = _draw_plane(ax, w, c, last.min(axis=0) - pad, last.max(axis=0) + pad)
    shown = frames.t == len(frames.labels) - 1
    surface.set_visible(bool(shown[0]))
    return surface, shown


def _field_panel(ax, field, X, y, cmap, colors, kwargs):
    """The decision panel: the field as one image (updated per frame) and the data on top."""
    style = field_style(field)
    xmin, xmax, ymin, ymax = field.grid.extent
    image = ax.imshow(
        field.values,
        extent=field.grid.extent,
        origin="lower",
        zorder=0,
        aspect="equal",
        cmap=style["cmap"] if cmap is None else cmap,
        vmin=style["vmin"],
        vmax=style["vmax"],
        alpha=style["alpha"],
        interpolation="bilinear" if field.kind == "sigmoid" else "nearest",
    )
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    classes = np.unique(y)
    palette = class_palette(classes.tolist(), colors)
    style = {**POINT_STYLE, "markeredgecolor": "white", "markeredgewidth": 0.4, **kwargs}
    for c in classes:
        ax.plot(*X[y == c].T, color=palette[c.item()], zorder=2, **style)
    return image


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
    cmap=None,
    title_fmt="epoch {epoch:.2f}, accuracy {accuracy:.1%}",
    end_hold_s=1.5,
    **kwargs,
) -> Animation:
    """Animate training: the decision boundary and the last hidden layer, snapshot by snapshot.

    Left: the network's output over the input plane (:func:`nnexplain.fields.decision_field`,
    computed once per snapshot and drawn as one image whose data change from frame to frame)
    with the data on top, in the class colours of every static figure: the probability of
    class 1 from blue through white to red for a sigmoid output, each region in its predicted
    class's colour for a softmax. Right: the data in the last hidden layer, projected with one
    projection fitted on every snapshot together (so the points move, not the camera). One
    frame per parameter snapshot recorded by ``fit(..., snapshot_every=k)``.

    Parameters
    ----------
    net : MLP
        A classifier (one sigmoid output or a softmax) with 2 inputs and a hidden layer; its
        current weights are left untouched (a copy takes each snapshot's).
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
    interval : float, default=150
        Milliseconds between frames; a finite number > 0.
    colors : list or dict or None
        Class colours.
    cmap : str, Colormap or None, default=None
        Colormap of the output; ``None`` keeps the class colours (see above).
    title_fmt : str
        Left title per frame; fields ``{epoch}``, ``{step}``, ``{accuracy}``.
    end_hold_s : float, default=1.5
        Seconds the last snapshot is held before the video loops.
    **kwargs
        Style of the points.

    Returns
    -------
    Animation
        ``anim.frames``: the projected last hidden layer, ``ndarray of shape (n_snapshots,
        n_samples, 2)``; ``anim.fields``: one :class:`~nnexplain.fields.DecisionField` per
        snapshot; ``anim.image``: the image that shows them.
    """
    check_mlp(net, "net")
    r = training_replay(net, history, X, y, resolution=resolution, projection=projection)
    return animate_replay(
        r,
        y,
        axes=axes,
        interval=interval,
        colors=colors,
        cmap=cmap,
        title_fmt=title_fmt,
        end_hold_s=end_hold_s,
        **kwargs,
    )


def animate_replay(
    r,
    y,
    *,
    axes=None,
    interval=150,
    colors=None,
    cmap=None,
    title_fmt="epoch {epoch:.2f}, accuracy {accuracy:.1%}",
    end_hold_s=1.5,
    **kwargs,
) -> Animation:
    """Animate a :class:`~nnexplain.replay.TrainingReplay`: the drawing half of
    :func:`animate_training`, with its keywords.

    The replay is computed once (:func:`nnexplain.replay.training_replay`) and read here, by
    :meth:`nnexplain.explorable.Explorable.from_replay` and by a page's checks.

    Returns
    -------
    Animation
        As :func:`animate_training`.
    """
    if not isinstance(r, TrainingReplay):
        raise TypeError(
            f"r must be a TrainingReplay (nnexplain.replay.training_replay); got {describe(r)}"
        )
    y = check_labels(y, "y", n_samples=len(r.X))
    interval = _check_interval(interval)
    hold = _schedule(0, 0, interval, 0, end_hold_s)["last_pause"]
    n = r.n_snapshots
    ax_b, ax_h = get_axes(axes, (2,), figsize=(10, 5), layout="constrained")
    image = _field_panel(ax_b, r.fields[0], r.X, y, cmap, colors, kwargs)
    values = [
        {"epoch": e, "step": s, "accuracy": a}
        for e, s, a in zip(r.epochs, r.steps, r.accuracy, strict=True)
    ]
    titles = _titles(title_fmt, "title_fmt", "{epoch}, {step} and {accuracy}", values)
    ax_h.set_title(r.hidden_label)
    animator = _Animator(ax_h, point_frames=r.hidden_2d, y=y, colors=colors, point_kw=kwargs)
    ax_b.title.set_text(titles[0])
    order = np.concatenate([np.arange(n), np.full(hold, n - 1)])

    def update(k):
        j = order[k]
        image.set_data(r.fields[j].values)
        ax_b.title.set_text(titles[j])
        return [image, ax_b.title, *animator(j)]

    alt = (
        f"Animation over {n} training snapshots of {r.network}: the decision boundary "
        f"on the input plane and the data in the last hidden layer."
    )
    return Animation(
        ax_b.figure,
        update,
        n_frames=len(order),
        interval=interval,
        blit=True,
        frames=r.hidden_2d,
        alt=alt,
        poster_frame=len(order) - 1,
        frame_keys=order,
        ax=ax_b,
        points=animator.point_lines,
        fields=r.fields,
        image=image,
    )


# --------------------------------------------------------------------------------------------
# explorable figures: the matplotlib fallback of the browser player
# --------------------------------------------------------------------------------------------


def _explorable_points(explorable, v, ax, opts, camera, kwargs):
    """Points (and grid, and the field of the nearest 2D stage) moving from stage to stage."""
    frames = interpolate(list(v.stages), labels=v.labels, **opts)
    line_frames = None if v.lines is None else interpolate(list(v.lines), **opts).positions
    three_d = v.dims == 3
    ax = get_ax(ax, three_d=three_d, figsize=(5.5, 5.5) if three_d else (5, 5))
    prefix = explorable.title + ": " if explorable.title else ""
    moving = np.concatenate([[0.0], np.diff(frames.t) != 0])  # the camera turns during moves
    framed = explorable.n_points > 0  # each stage framed on its points, as in the player
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=frames.positions if explorable.n_points else None,
        y=explorable.y,
        titles=[prefix + label for label in frames.frame_labels],
        point_kw={"markersize": 2, **kwargs},
        azim=camera[0] + camera[1] * np.cumsum(moving) if three_d else None,
        elev=camera[2],
        limits_from="points" if framed else "all",
        limits=frame_limits(frames, dims=v.dims) if framed else None,
        keys=frames.t,
    )
    if three_d:
        ax.view_init(elev=camera[2], azim=camera[0])
    update, image = animator, None
    if v.fields is not None and not three_d:  # the field of the nearest stage, underneath
        image = ax.imshow(
            v.fields[0], origin="lower", extent=v.field_extent, vmin=0, vmax=1, alpha=0.55,
            cmap=PROBA_CMAP, zorder=0, interpolation="bilinear",
        )  # fmt: skip
        stage = np.rint(frames.t).astype(int)

        def update(k):
            image.set_data(v.fields[stage[k]])
            return [image, *animator(k)]

    extra = {"grid": animator.collection, "image": image, "frame_keys": animator.keys}
    return ax, update, frames, not three_d, extra


def _explorable_histograms(explorable, v, ax, opts, camera, kwargs):
    """One panel per histogram; the bars morph from stage to stage on fixed axes."""
    counts = interpolate(list(v.counts), labels=v.labels, **opts)
    edges = interpolate(list(v.edges), **opts).positions
    n_panels = len(v.panels)
    axes = panel_grid(n_panels, size=3.2)[1] if ax is None else get_axes(ax, (n_panels,), "ax")
    bars = []
    for p, a in enumerate(axes):
        style = {"fill": True, "color": palette.NEUTRAL["bars"], "alpha": 0.8, **kwargs}
        bars.append(a.stairs(v.counts[0, p], v.edges[0, p], **style))
        a.set_xlim(v.edges[:, p].min(), v.edges[:, p].max())
        a.set_ylim(0, 1.05 * max(float(v.counts[:, p].max()), 1e-12))
        a.set_title(v.panels[p])
    fig = axes[0].figure
    title = fig.suptitle("")
    prefix = explorable.title + ": " if explorable.title else ""

    def update(k):
        for p, patch in enumerate(bars):
            patch.set_data(counts.positions[k, p], edges[k, p])
        title.set_text(prefix + counts.frame_labels[k])
        return [*bars, title]

    return axes[0], update, counts, False, {"frame_keys": counts.t}


def _explorable_images(explorable, v, ax, opts, camera, kwargs):
    """A row of images with captions; each stage shown in turn (held, no blending)."""
    hold = opts["pause_frames"] + opts["frames_per_transition"]  # nothing moves: all held
    opts = {**opts, "frames_per_transition": 0, "pause_frames": hold}
    frames = interpolate([np.zeros((1, 1))] * len(v.labels), labels=v.labels, **opts)
    n_images = len(v.cmaps)
    axes = panel_grid(n_images, size=2.2)[1] if ax is None else get_axes(ax, (n_images,), "ax")
    cmaps = {"gray": "gray", "gray_r": "gray_r", "signed": SIGNED_CMAP}
    shown = []
    for j, a in enumerate(axes):
        shown.append(a.imshow(v.images[0, j], cmap=cmaps[v.cmaps[j]], **kwargs))
        a.set_axis_off()
    fig = axes[0].figure
    title = fig.suptitle("")
    prefix = explorable.title + ": " if explorable.title else ""

    def update(k):
        i = frames.stage_index[k]
        for j, (a, im) in enumerate(zip(axes, shown, strict=True)):
            data = v.images[i, j]
            lo, hi = float(data.min()), float(data.max())
            if v.cmaps[j] == "signed":
                hi = max(abs(lo), abs(hi), 1e-12)
                lo = -hi
            im.set_data(data)
            im.set_clim(lo, hi if hi > lo else lo + 1)
            a.set_title(v.captions[i][j], fontsize=9)
        title.set_text(prefix + v.labels[i] if v.labels[i] else explorable.title)
        return [*shown, title]

    update(0)
    return axes[0], update, frames, False, {"frame_keys": frames.t}


_EXPLORABLE_DRAWERS = {
    "points": _explorable_points,
    "histograms": _explorable_histograms,
    "images": _explorable_images,
}


def animate_explorable(
    explorable,
    key=None,
    *,
    ax=None,
    frames_per_transition=12,
    pause_frames=6,
    easing="ease_in_out",
    interval=40,
    azim=-60.0,
    azim_per_frame=0.4,
    elev=20.0,
    min_stage_s=None,
    end_hold_s=1.5,
    **kwargs,
) -> Animation:
    r"""One variant of an :class:`~nnexplain.explorable.Explorable` as a matplotlib animation.

    The fallback of the browser player, for a plain ``python script.py`` run and the video
    without JavaScript: the stages are played in order, each on screen at least
    ``min_stage_s``. By kind of variant:

    - **points**: the points (and grid) move from stage to stage (3D stages with a turning
      camera), each frame framed on its points as in the player, over the decision field of
      the nearest 2D stage (class 0's colour, white at 0.5, class 1's colour); unit maps are
      left to the player;
    - **histograms**: one panel per histogram, the bars morphing from stage to stage on axes
      fixed over all stages;
    - **images**: a row of images with their captions, one stage after another.

    Parameters
    ----------
    explorable : Explorable
        Anything with ``variant(key)``, ``y``, ``n_points``, ``title`` and
        ``describe()`` (this module does not import :mod:`nnexplain.explorable`).
    key : dict of str to str or None
        The dial values of the variant; ``None``: the first.
    ax : Axes, Axes3D, sequence of Axes or None
        Points: one Axes (3D for 3D stages); histograms and images: one Axes per panel or
        image. ``None`` creates a figure.
    frames_per_transition : int, default=12
        Frames between two stages (points and histograms).
    pause_frames : int, default=6
        Extra frames each stage is held; lengthened when a stage would be on screen less than
        ``min_stage_s``.
    easing : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"
    interval : float, default=40
        Milliseconds between frames; a finite number > 0.
    azim, azim_per_frame, elev : float
        3D camera: the azimuth advances by ``azim_per_frame`` degrees per frame of a move, from
        ``azim``; it stands still while a stage is held.
    min_stage_s : float or None
        Seconds each stage is at least on screen (its move in plus its hold), as in
        :func:`animate_layers` (``0``: the frame counts as given). ``None``: 1.5 s, except for
        points that stay put while their field changes (training snapshots), whose stages are
        the frames of a film, as in :func:`animate_training`.
    end_hold_s : float, default=1.5
        Seconds the last frame is held.
    **kwargs
        Style of the points (``Line2D``), bars (``StepPatch``) or images (``imshow``).

    Returns
    -------
    Animation
        ``anim.frames``: the :class:`~nnexplain.frames.Frames` played (positions of the points,
        or bar heights of the histograms); the poster frame is the last one.
    """
    if not hasattr(explorable, "variant") or not hasattr(explorable, "describe"):
        raise TypeError(f"explorable must be an Explorable; got {type(explorable).__name__}")
    v = explorable.variant(key)
    interval = _check_interval(interval)
    if min_stage_s is None:
        still = v.kind == "points" and v.stages.size and not np.ptp(v.stages, axis=0).any()
        min_stage_s = 0.0 if still else 1.5
    opts = _schedule(frames_per_transition, pause_frames, interval, min_stage_s, end_hold_s)
    opts["easing"] = easing
    camera = [_check_angle(a, n) for a, n in ((azim, "azim"), (azim_per_frame, "azim_per_frame"))]
    camera.append(_check_angle(elev, "elev"))
    ax, update, frames, blit, extra = _EXPLORABLE_DRAWERS[v.kind](
        explorable, v, ax, opts, camera, kwargs
    )
    if v.kind != "points" and ax.figure.get_layout_engine() is not None:
        # fixed axes: lay the figure out once, not on every frame (most of a frame's cost)
        update(0)  # with its titles, so that the layout leaves room for them
        ax.figure.canvas.draw()
        ax.figure.set_layout_engine("none")
    n = frames.n_frames
    return Animation(
        ax.figure,
        update,
        n_frames=n,
        interval=interval,
        blit=blit,
        frames=frames,
        alt=explorable.describe(),
        poster_frame=n - 1,
        ax=ax,
        **extra,
    )
