"""The matplotlib fallback of the browser player: an explorable figure as an animation.

:func:`animate_explorable` plays one variant of an :class:`~nnexplain.explorable.Explorable`
for a plain ``python script.py`` run and for the video shown without JavaScript; one drawer per
kind of variant (points, histograms, images), as the player has one script per kind. The
explorable's data (:mod:`nnexplain.explorable`) import nothing from here.
"""

from __future__ import annotations

import numpy as np

from . import palette
from ._style import PROBA_CMAP, SIGNED_CMAP, get_ax, get_axes, panel_grid
from ._validation import check_instance
from .animator import (
    Animation,
    _Animator,
    _check_angle,
    _check_interval,
    _draw_reference,
    _schedule,
    _speck_titles,
)
from .explorable import Explorable
from .frames import interpolate

__all__ = ["animate_explorable"]


def _explorable_points(explorable, v, ax, opts, camera, kwargs):
    """Points (and grid, and the field of the nearest 2D stage) moving from stage to stage, in
    the variant's one frame (:attr:`PointStages.frame`, which the player draws in too)."""
    frames = interpolate(list(v.stages), labels=v.labels, **opts)
    line_frames = None if v.lines is None else interpolate(list(v.lines), **opts).positions
    three_d = v.dims == 3
    ax = get_ax(ax, three_d=three_d, figsize=(5.5, 5.5) if three_d else (5, 5))
    prefix = explorable.title + ": " if explorable.title else ""
    moving = np.concatenate([[0.0], np.diff(frames.t) != 0])  # the camera turns during moves
    frame = v.frame
    _draw_reference(ax, frame, None if v.lines is None else v.lines[0])
    titles = [prefix + label for label in frames.frame_labels]
    animator = _Animator(
        ax,
        line_frames=line_frames,
        point_frames=frames.positions if explorable.n_points else None,
        y=explorable.y,
        titles=_speck_titles(titles, v.stages, frame, frames.stage_index),
        point_kw={"markersize": 2, **kwargs},
        azim=camera[0] + camera[1] * np.cumsum(moving) if three_d else None,
        elev=camera[2],
        frame=frame,
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
    extra["points"] = animator.point_lines
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
      camera) in one frame for every stage, as in the player (equal scales, the axes through
      the origin and the input's grid in grey; a stage spanning under a fifth of the frame
      says so in its title), over the decision field of the nearest 2D stage (class 0's
      colour, white at 0.5, class 1's colour); unit maps are left to the player;
    - **histograms**: one panel per histogram, the bars morphing from stage to stage on axes
      fixed over all stages;
    - **images**: a row of images with their captions, one stage after another.

    Parameters
    ----------
    explorable : Explorable
        The figure; the animation keeps it as ``anim.explorable``, so that
        :mod:`nnexplain.scraper` uses this animation (its options) for the poster and the
        video under the player.
    key : dict of str to str or None
        The dial values of the variant; ``None``: the explorable's ``default``, where the
        player opens.
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
    check_instance(explorable, Explorable, "explorable", what="an Explorable")
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
        explorable=explorable,
        **extra,
    )
