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

import numpy as np
from matplotlib.collections import LineCollection

from ._style import INPUT_GRID_STYLE, POINT_STYLE, class_palette, get_ax, get_axes
from ._validation import check_array, check_int, check_labels, describe
from .animator import (
    Animation,
    _Animator,
    _axis_style,
    _check_angle,
    _check_interval,
    _check_lines,
    _draw_reference,
    _schedule,
    _speck_titles,
    _titles,
)
from .datasets import make_grid_lines
from .fallback import animate_explorable
from .fields import data_extent
from .frames import fixed_frame, frame_limits, hold_order, interpolate, path_frames
from .journey import Journey, journey
from .network import check_mlp
from .plot import _draw_plane, field_style
from .replay import TrainingReplay, training_replay
from .warps import as_map

__all__ = [
    "Animation",
    "animate_explorable",
    "animate_journey",
    "animate_layers",
    "animate_replay",
    "animate_training",
    "animate_warp",
]


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
    frame_stages=False,
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
        ``False`` none. The frame holds the data of every stage and the input's grid, so parts
        of a later stage's grid may leave the view.
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
    frame_stages : bool, default=False
        ``False``: every stage in one frame (:func:`nnexplain.frames.fixed_frame`), 2D with
        equal scales, ticks, the axes through the origin and the input's grid in grey, so that
        a slide, a stretch or a squash is seen; a stage spanning under a fifth of the frame
        says so in its title. ``True``: zoom, each frame framed on its own points (see
        :func:`nnexplain.frames.frame_limits`; in 2D the ticks are hidden, as their values
        would change, and each title says the stage is framed on its own).
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
    frame_stages=False,
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
    frame = fixed_frame(j.stages, j.lines)
    if frame_stages:
        titles = [t + "  (framed on its own)" for t in titles]
    else:
        titles = _speck_titles(titles, j.stages, frame, frames.stage_index)
    three_d = j.dims == 3
    ax = get_ax(ax, three_d=three_d, figsize=(5.5, 5.5) if three_d else (5, 5))
    if not frame_stages:
        _draw_reference(ax, frame, None if j.lines is None else j.lines[0])
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
        cube=cube and three_d,
        limits=frame_limits(frames, dims=j.dims) if frame_stages else None,
        frame=None if frame_stages else frame,
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
