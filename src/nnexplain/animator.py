"""The animator under every nnexplain animation: artists created once, data updated per frame.

:class:`Animation` is what every function of :mod:`nnexplain.animate` (and
:func:`nnexplain.animate.animate_explorable`) returns; ``_Animator`` draws precomputed frames
of grid lines and class-coloured points on one Axes; the helpers below check the arguments the
public functions share (frame schedules, camera angles, titles, grid styles). The frames
themselves are computed elsewhere, with numpy only (:mod:`nnexplain.frames`,
:mod:`nnexplain.journey`, :mod:`nnexplain.replay`, :mod:`nnexplain.warps`).
"""

from __future__ import annotations

import numbers

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection
from mpl_toolkits.mplot3d.art3d import Line3DCollection

from . import palette
from ._style import GRID_STYLE, INPUT_GRID_STYLE, POINT_STYLE, class_palette
from ._validation import check_array, check_int, check_positive
from .frames import frames_for, stage_spans
from .plot import plot_stage_3d

__all__ = ["Animation"]


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
    explorable : Explorable or None
        :func:`~nnexplain.animate.animate_explorable`: the figure it plays, so that the scraper
        puts this animation under the figure's player.
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
        explorable=None,
    ):
        super().__init__(fig, func, frames=n_frames, interval=interval, blit=blit)
        self.explorable = explorable
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
    frame : ndarray of shape (dims, 2) or None
        One frame for every frame (:func:`nnexplain.frames.fixed_frame`), drawn with its
        reference (:func:`_draw_reference`); wins over ``limits_from``.
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
        frame=None,
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
        if frame is not None:
            self._set_view(np.asarray(frame, dtype=float)[: self.dims])
            if self.dims == 2:
                ax.set_aspect("equal")
        elif limits is None:
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


def _draw_reference(ax, frame, grid=None):
    """What stays put in a fixed frame: the axes through the origin (ink) and the input's grid
    (light grey), under the moving data, so that a slide, a stretch or a squash is seen.

    Parameters
    ----------
    ax : Axes or Axes3D
    frame : ndarray of shape (dims, 2)
        From :func:`nnexplain.frames.fixed_frame` (it holds the origin).
    grid : ndarray of shape (n_lines, n_points_per_line, dims) or None
        The first stage's grid lines.

    Returns
    -------
    list of Artist
    """
    frame = np.asarray(frame, dtype=float)
    dims = len(frame)
    style = {"color": palette.NEUTRAL["axis"], "linewidth": 0.8, "alpha": 0.8, "zorder": 0.5}
    style["gid"] = "origin axis"
    artists = []
    if grid is not None and len(grid):
        grid = _ends_if_straight(np.asarray(grid, dtype=float)[..., :dims])
        if dims == 3:
            artists.append(Line3DCollection(list(grid), gid="input grid", **INPUT_GRID_STYLE))
            ax.add_collection3d(artists[-1], autolim=False)
        else:
            artists.append(LineCollection(list(grid), gid="input grid", **INPUT_GRID_STYLE))
            ax.add_collection(artists[-1], autolim=False)
    for k in range(dims):
        ends = np.zeros((2, dims))
        ends[:, k] = frame[k]
        artists.extend(ax.plot(*ends.T, **style))
    return artists


def _ends_if_straight(lines):
    """Polylines that are straight (an input grid) as their two ends: the same picture, drawn
    and projected (3D) for a fraction of the cost."""
    ends = lines[:, [0, -1]]
    t = np.linspace(0.0, 1.0, lines.shape[1])[None, :, None]
    straight = ends[:, :1] + t * (ends[:, 1:] - ends[:, :1])
    scale = max(float(np.abs(lines).max()), 1e-12)
    return ends if np.allclose(lines, straight, atol=1e-9 * scale) else lines


def _speck_titles(titles, stages, frame, stage_index, threshold=0.2):
    """Titles that say when a stage is a speck in the fixed frame (spans less than
    ``threshold`` of it), so that a small stage is never mistaken for an empty one."""
    spans = stage_spans(list(stages), frame)
    return [
        t + (f"  (spans {spans[i]:.0%} of the frame)" if spans[i] < threshold else "")
        for t, i in zip(titles, stage_index, strict=True)
    ]


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
