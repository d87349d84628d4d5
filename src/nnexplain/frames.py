r"""Frames of animations, computed with numpy alone: easing curves, holds, straight-line
interpolation between stages, the frames of a path of maps, and the replay of a training run.

:mod:`nnexplain.animate` only draws what this module computes, so every frame of every
animation can be checked (and reused, e.g. by a browser explorable) without matplotlib.

- :func:`ease` and :data:`EASINGS`: how far along a move the points are at time ``t``;
- :func:`hold_order`: frame indices with the first and last frames held (pauses);
- :func:`interpolate` -> :class:`Frames`: straight lines from each stage to the next, as in
  Chris Olah's "Neural Networks, Manifolds, and Topology";
- :func:`blend` and :func:`path_frames`: the frames of a path ``path(points, t)`` from the
  identity (``t = 0``) to a map (``t = 1``); :func:`nnexplain.warps.map_path` makes such a path
  from a matrix, a layer, an activation or a function;
- :func:`replay`: one value per parameter snapshot of a training run;
- the schedule a reader can follow: :func:`frames_for` (frames that last some seconds),
  :func:`stage_seconds` (how long each stage is on screen), :func:`fixed_frame` (one frame
  for every stage, so that a slide, a stretch or a squash is seen; videos and the browser
  player both draw in it) with :func:`stage_spans` (how small each stage is in it), and
  :func:`frame_limits` (each stage framed on its own: the zoom the reader asks for), and
  :data:`PLAYER_TIMING` with :func:`player_position` (where the browser player is, some
  milliseconds after it started: the clock its manifest carries).

These names lived in :mod:`nnexplain.warps` before; ``warps.ease``, ``warps.EASINGS``,
``warps.Frames``, ``warps.interpolate`` and ``warps.blend`` stay importable from there for one
release (deprecated: import them from here).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_array, check_choice, check_int

__all__ = [
    "EASINGS",
    "Frames",
    "blend",
    "ease",
    "fixed_frame",
    "frame_limits",
    "frames_for",
    "hold_order",
    "interpolate",
    "path_frames",
    "PLAYER_TIMING",
    "player_position",
    "replay",
    "stage_seconds",
    "stage_spans",
]


# --------------------------------------------------------------------------------------------
# frames between stages
# --------------------------------------------------------------------------------------------


def _linear(t):
    return t


def _smoothstep(t):
    return t * t * (3.0 - 2.0 * t)


def _cosine(t):
    return 0.5 - 0.5 * np.cos(np.pi * t)


EASINGS = {"linear": _linear, "ease_in_out": _smoothstep, "cosine": _cosine}
"""Easing functions by name: ``"linear"``, ``"ease_in_out"`` (smoothstep
:math:`3t^2 - 2t^3`) and ``"cosine"`` (:math:`(1 - \\cos \\pi t) / 2`)."""


def ease(t, kind="ease_in_out"):
    r"""An easing curve: how far along a transition the points are at time ``t``.

    All curves map 0 to 0 and 1 to 1 exactly and increase in between; ``"ease_in_out"``
    (smoothstep, :math:`3t^2 - 2t^3`) and ``"cosine"`` (:math:`(1 - \cos\pi t)/2`) start and
    stop with zero speed, so the points glide out of and into each stage.

    Parameters
    ----------
    t : float or array-like
        Times in [0, 1] (values outside are clipped).
    kind : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"

    Returns
    -------
    float or ndarray
        Same shape as ``t``.
    """
    f = check_choice(kind, "easing", EASINGS)
    t = np.clip(np.asarray(t, dtype=float), 0.0, 1.0)
    out = f(t)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, repr=False)
class Frames:
    """The frames of an animation between stages.

    Attributes
    ----------
    positions : ndarray of shape (n_frames, ..., width)
        Point (or polyline) coordinates in every frame; stages narrower than the widest one are
        padded with zeros.
    stage_index : ndarray of shape (n_frames,)
        The stage each frame shows or moves towards: during the move from stage ``i`` to
        ``i + 1`` it is ``i + 1``.
    labels : list of str
        One label per stage (not per frame): ``labels[stage_index[k]]`` names frame ``k``.
    t : ndarray of shape (n_frames,)
        Position along the sequence of stages: ``i`` while stage ``i`` is held, ``i + s`` with
        ``0 < s < 1`` (before easing) on the way to stage ``i + 1``.
    """

    positions: np.ndarray
    stage_index: np.ndarray
    labels: list
    t: np.ndarray

    @property
    def n_frames(self) -> int:
        return self.positions.shape[0]

    def __len__(self) -> int:
        return self.n_frames

    @property
    def frame_labels(self) -> list[str]:
        """The label of every frame."""
        return [self.labels[i] for i in self.stage_index]

    def __repr__(self) -> str:
        return (
            f"Frames({self.n_frames} frames of shape {self.positions.shape[1:]}, "
            f"{len(self.labels)} stages)"
        )


def _pad_stages(arrays, name="stages"):
    """Check that the stages share their leading shape and pad them to the widest."""
    if isinstance(arrays, np.ndarray) or not isinstance(arrays, (list, tuple)):
        raise TypeError(f"{name} must be a list of arrays; got {type(arrays).__name__}")
    if len(arrays) == 0:
        raise ValueError(f"{name} is empty; at least one stage is needed")
    arrays = [check_array(a, f"{name}[{i}]", ndim=None, dtype=None) for i, a in enumerate(arrays)]
    for i, a in enumerate(arrays):
        if a.ndim < 2:
            raise ValueError(
                f"{name}[{i}] has shape {a.shape}; a stage must be (n_points, width) or "
                f"(n_lines, n_points_per_line, width); reshape a 1D stage with a[:, None]"
            )
    lead = arrays[0].shape[:-1]
    for i, a in enumerate(arrays):
        if a.shape[:-1] != lead:
            raise ValueError(
                f"{name}[{i}] has shape {a.shape} but {name}[0] has shape {arrays[0].shape}; "
                f"all stages need the same points (only the last axis may differ)"
            )
    width = max(a.shape[-1] for a in arrays)
    dtype = np.result_type(*arrays)
    padded = np.zeros((len(arrays), *lead, width), dtype=dtype)
    for i, a in enumerate(arrays):
        padded[i, ..., : a.shape[-1]] = a
    return padded


def interpolate(
    stages,
    *,
    labels=None,
    frames_per_transition=20,
    pause_frames=5,
    easing="ease_in_out",
    first_pause=None,
    last_pause=None,
) -> Frames:
    r"""Frames that move points in straight lines from each stage to the next.

    Frame by frame, stage ``i`` is held for ``1 + pause_frames`` frames, then
    ``frames_per_transition`` frames move every point along the segment to its place in stage
    ``i + 1``:

    .. math:: x(s) = (1 - e(s))\, x_i + e(s)\, x_{i+1}, \qquad
              s = \frac{k}{\text{frames\_per\_transition} + 1},\;
              k = 1, \dots, \text{frames\_per\_transition},

    with :math:`e` the easing curve (:func:`ease`). There are
    ``n_stages * (1 + pause_frames) + (n_stages - 1) * frames_per_transition`` frames; the first
    equals the first stage and the last equals the last stage exactly.

    Stages of different widths (a 2-3-1 network goes from 2 to 3 to 1 coordinates) are padded
    with zeros to the widest, so that a point of the plane becomes a point of the
    :math:`z = 0` plane of 3D space and its motion is defined.

    Parameters
    ----------
    stages : list of ndarray of shape (n_points, width_i) or (n_lines, n_points_per_line, width_i)
        The stages, e.g. the first output of :func:`stages` or :func:`map_stages`.
    labels : list of str or None
        One per stage; default ``"stage 0"``, ``"stage 1"``, ...
    frames_per_transition : int, default=20
        Frames strictly between two stages (>= 0).
    pause_frames : int, default=5
        Extra frames each stage is held (>= 0).
    easing : {"linear", "ease_in_out", "cosine"}, default="ease_in_out"
    first_pause, last_pause : int or None
        Extra frames the first and the last stage are held instead of ``pause_frames`` (the
        first stage has no move before it, and the last frame should stay long enough to be
        read); ``None`` uses ``pause_frames``.

    Returns
    -------
    Frames
        ``positions`` of shape ``(n_frames, ..., max_width)``, per-frame ``stage_index`` and
        ``t``, and the stage ``labels``.

    Examples
    --------
    >>> fr = interpolate([[[0.0, 0.0]], [[2.0, 0.0]]], frames_per_transition=1, pause_frames=0,
    ...                  easing="linear")
    >>> fr.positions[:, 0].tolist()
    [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]
    >>> fr.stage_index.tolist()
    [0, 1, 1]
    """
    padded = _pad_stages(stages)
    n_stages = padded.shape[0]
    if labels is None:
        labels = [f"stage {i}" for i in range(n_stages)]
    labels = [str(s) for s in labels]
    if len(labels) != n_stages:
        raise ValueError(f"labels has {len(labels)} entries but there are {n_stages} stages")
    n_move = check_int(frames_per_transition, "frames_per_transition", minimum=0)
    hold = check_int(pause_frames, "pause_frames", minimum=0) + 1
    holds = np.full(n_stages, hold)
    for i, value, name in ((0, first_pause, "first_pause"), (-1, last_pause, "last_pause")):
        if value is not None:
            holds[i] = check_int(value, name, minimum=0) + 1
    check_choice(easing, "easing", EASINGS)

    s = np.arange(1, n_move + 1) / (n_move + 1)
    e = ease(s, easing) if n_move else s
    n_frames = int(holds.sum()) + (n_stages - 1) * n_move
    positions = np.empty((n_frames, *padded.shape[1:]), dtype=padded.dtype)
    stage_index = np.empty(n_frames, dtype=np.int64)
    t = np.empty(n_frames)
    k = 0
    for i in range(n_stages):
        if i > 0:
            a, b = padded[i - 1], padded[i]
            for sj, ej in zip(s, e, strict=True):
                positions[k] = (1.0 - ej) * a + ej * b
                stage_index[k] = i
                t[k] = i - 1 + sj
                k += 1
        hold = holds[i]
        positions[k : k + hold] = padded[i]
        stage_index[k : k + hold] = i
        t[k : k + hold] = i
        k += hold
    return Frames(positions, stage_index, labels, t)


def blend(f):
    r"""The straight-line path from the identity to a map: :math:`(x, t) \mapsto (1-t)x + t f(x)`.

    Parameters
    ----------
    f : callable
        A map of points (same input and output width), e.g. ``np.tanh``.

    Returns
    -------
    callable
        ``path(points, t)``, the identity at ``t = 0`` and ``f`` at ``t = 1``; use it with
        :func:`warp_frames`.
    """
    if not callable(f):
        raise TypeError(f"f must be callable; got {type(f).__name__}")

    def path(points, t):
        if t == 0:
            return np.array(points, dtype=float)
        fx = np.asarray(f(points), dtype=float)
        if t == 1:
            return fx
        return (1.0 - t) * np.asarray(points, dtype=float) + t * fx

    return path


def hold_order(n_frames, pause_frames) -> np.ndarray:
    """Frame indices with the first and the last frame held ``pause_frames`` extra times.

    Parameters
    ----------
    n_frames : int
        Computed frames (>= 1).
    pause_frames : int
        Extra showings of the first and of the last frame (>= 0).

    Returns
    -------
    ndarray of shape (n_frames + 2 * pause_frames,) of int
        Animation frame ``k`` shows computed frame ``order[k]``.

    Examples
    --------
    >>> hold_order(3, 2).tolist()
    [0, 0, 0, 1, 2, 2, 2]
    """
    n_frames = check_int(n_frames, "n_frames", minimum=1)
    pause_frames = check_int(pause_frames, "pause_frames", minimum=0)
    return np.concatenate(
        [np.zeros(pause_frames, np.int64), np.arange(n_frames), np.full(pause_frames, n_frames - 1)]
    )


def _check_path_points(points) -> np.ndarray:
    arr = check_array(points, "points", ndim=None, dtype=None)
    if arr.ndim not in (2, 3):
        raise ValueError(
            f"points must be points of shape (n_points, d) or polylines of shape "
            f"(n_lines, n_points_per_line, d); got shape {arr.shape}"
        )
    return arr


def path_frames(path, points, n_frames=60, *, easing="linear") -> np.ndarray:
    """Frames of a path of maps, ``path(points, t)`` for ``t`` from 0 to 1.

    Parameters
    ----------
    path : callable
        ``path(points, t)`` gives the points at time ``t`` in [0, 1], e.g.
        ``lambda p, t: p @ rotation(t * np.pi / 2)`` (a rotation by a growing angle) or
        ``blend(np.tanh)``. :func:`nnexplain.warps.map_path` makes one from a matrix, a layer,
        an activation or a function of the points.
    points : array-like of shape (n_points, d) or (n_lines, n_points_per_line, d)
    n_frames : int, default=60
        At least 2; frame 0 is ``t = 0`` and the last frame ``t = 1``.
    easing : {"linear", "ease_in_out", "cosine"}, default="linear"
        How ``t`` advances from frame to frame.

    Returns
    -------
    ndarray of shape (n_frames, ..., d_out)
    """
    if not callable(path):
        raise TypeError(f"path must be a callable path(points, t); got {type(path).__name__}")
    points = _check_path_points(points)
    n_frames = check_int(n_frames, "n_frames", minimum=2)
    ts = ease(np.linspace(0.0, 1.0, n_frames), easing)
    frames = [np.asarray(path(points, float(t)), dtype=float) for t in ts]
    shape = frames[0].shape
    for k, f in enumerate(frames):
        if f.shape != shape or f.shape[:-1] != points.shape[:-1]:
            raise ValueError(
                f"the map returned shape {f.shape} at frame {k} for points of shape "
                f"{points.shape}; it must keep the points (only the last axis may change)"
            )
    return np.stack(frames)


def replay(net, snapshots, fn) -> list:
    """``fn(net_at_snapshot)`` for every parameter snapshot of a training run.

    The network itself is left untouched: a copy takes each snapshot's weights in turn.

    Parameters
    ----------
    net : MLP
        The trained network (any object with ``copy()`` and ``set_weights()``).
    snapshots : sequence of Snapshot
        ``history.snapshots`` from ``fit(..., snapshot_every=k)`` (each has ``.weights``).
    fn : callable
        Called with the network at each snapshot; what it returns is collected.

    Returns
    -------
    list
        One value per snapshot, in order.
    """
    snapshots = list(snapshots)
    if not snapshots:
        raise ValueError(
            "history has no parameter snapshots; train with fit(..., snapshot_every=k) to "
            "record them"
        )
    work = net.copy()
    out = []
    for snap in snapshots:
        work.set_weights(snap.weights)
        out.append(fn(work))
    return out


# --------------------------------------------------------------------------------------------
# a schedule a reader can follow
# --------------------------------------------------------------------------------------------


def frames_for(seconds, interval) -> int:
    """The fewest frames that stay on screen at least ``seconds`` at ``interval`` ms a frame.

    Parameters
    ----------
    seconds : float
        Time on screen (>= 0).
    interval : float
        Milliseconds between frames (> 0).

    Returns
    -------
    int

    Examples
    --------
    >>> frames_for(1.5, 40)
    38
    """
    seconds, interval = float(seconds), float(interval)
    if not (np.isfinite(seconds) and seconds >= 0):
        raise ValueError(f"seconds must be a finite number >= 0; got {seconds}")
    if not (np.isfinite(interval) and interval > 0):
        raise ValueError(f"interval must be a finite number of milliseconds > 0; got {interval}")
    return int(np.ceil(1000.0 * seconds / interval - 1e-9))


def stage_seconds(frames, interval) -> np.ndarray:
    """Seconds each stage is on screen (its move in plus its hold) at ``interval`` ms a frame.

    Parameters
    ----------
    frames : Frames
        From :func:`interpolate`.
    interval : float
        Milliseconds between frames.

    Returns
    -------
    ndarray of shape (n_stages,)
        ``stage_seconds(fr, 40)[i]`` counts the frames whose ``stage_index`` is ``i``.
    """
    if not isinstance(frames, Frames):
        raise TypeError(f"frames must be Frames (from interpolate); got {type(frames).__name__}")
    counts = np.bincount(frames.stage_index, minlength=len(frames.labels))
    return counts * float(interval) / 1000.0


def _stage_rows(arrays, name) -> list:
    """Each stage (points or polylines) as rows of coordinates (possibly none)."""
    if not isinstance(arrays, (list, tuple, np.ndarray)) or len(arrays) == 0:
        raise TypeError(f"{name} must be a non-empty list of arrays; got {type(arrays).__name__}")
    rows = []
    for i, a in enumerate(arrays):
        a = check_array(a, f"{name}[{i}]", ndim=None, dtype=None, allow_empty=True)
        if a.ndim < 2:
            raise ValueError(f"{name}[{i}] has shape {a.shape}; a stage has coordinates last")
        rows.append(a.reshape(-1, a.shape[-1]).astype(float))
    return rows


def _flat_points(arrays, name):
    """Every coordinate row of a list of stages, padded with zeros to the widest."""
    rows = _stage_rows(arrays, name)
    width = max(r.shape[-1] for r in rows)
    return np.concatenate([np.pad(r, [(0, 0), (0, width - r.shape[-1])]) for r in rows])


def fixed_frame(stages, lines=None, *, margin=0.05) -> np.ndarray:
    r"""One frame for every stage: the box that holds the origin, every stage's points and the
    original grid.

    Drawn in one frame, a stage that slides the data shows them move against the origin, a
    stretch shows them grow and tanh's squash into :math:`(-1, 1)^2` shows them shrink;
    framed on their own, the three would look alike. Every video of a journey
    (:func:`nnexplain.animate.animate_journey`) and every points figure of the browser player
    (whose manifest carries this frame) draws in it.

    The box covers the origin, the points of all stages and the grid of the first stage (the
    input's grid, drawn in grey behind every stage); the grid of later stages may leave it (a
    ReLU layer stretches the grid far past the data). Without points, it covers every stage of
    the grid. Each side is widened by ``margin`` of the widest span.

    Parameters
    ----------
    stages : list of ndarray of shape (n_points, width)
        The points at each stage; widths 2 and 3 may mix (padded with zeros).
    lines : list of ndarray of shape (n_lines, n_points_per_line, width) or None
        The grid at each stage.
    margin : float, default=0.05
        Padding on each side, as a fraction of the widest span.

    Returns
    -------
    ndarray of shape (dims, 2)
        ``(low, high)`` of each coordinate; ``dims`` is the widest stage's width.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[1.0, 1.0], [2.0, 2.0]])
    >>> fixed_frame([x, x + 3], margin=0.0)
    array([[0., 5.],
           [0., 5.]])
    """
    margin = _check_margin(margin)
    rows = [_flat_points(stages, "stages")]
    if lines is not None:
        rows.append(_flat_points(list(lines) if not rows[0].size else list(lines)[:1], "lines"))
    dims = max(r.shape[-1] for r in rows)
    rows = [np.pad(r, [(0, 0), (0, dims - r.shape[-1])]) for r in rows if r.size]
    every = np.concatenate([np.zeros((1, dims)), *rows])
    low, high = every.min(axis=0), every.max(axis=0)
    pad = margin * max(float(np.max(high - low)), 1e-9)
    return np.stack([low - pad, high + pad], axis=1)


def stage_spans(stages, frame) -> np.ndarray:
    r"""How much of ``frame`` each stage's points span: their widest side over the frame's.

    A stage spanning a few percent of the fixed frame is a speck there: the player offers to
    zoom in on it (saying so), and a video says so in its title.

    Parameters
    ----------
    stages : list of ndarray of shape (n_points, width)
    frame : ndarray of shape (dims, 2)
        From :func:`fixed_frame`.

    Returns
    -------
    ndarray of shape (n_stages,)
        In (0, 1]; 1 for a stage that spans the frame (or has no points).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[-1.0, -1.0], [1.0, 1.0]])
    >>> frame = fixed_frame([x, 0.1 * x], margin=0.0)
    >>> stage_spans([x, 0.1 * x], frame).round(3)
    array([1. , 0.1])
    """
    rows = _stage_rows(stages, "stages")
    frame = check_array(frame, "frame", ndim=2)
    side = float(np.max(frame[:, 1] - frame[:, 0]))
    if side <= 0 or not rows[0].size:
        return np.ones(len(rows))
    span = np.array([np.ptp(r[:, : len(frame)], axis=0).max() for r in rows])
    return np.clip(span / side, 1e-9, 1.0)


def _check_margin(margin) -> float:
    if isinstance(margin, bool) or not isinstance(margin, (int, float, np.floating, np.integer)):
        raise TypeError(f"margin must be a real number; got {type(margin).__name__}")
    margin = float(margin)
    if not (np.isfinite(margin) and 0 <= margin <= 1):
        raise ValueError(f"margin must be a fraction in [0, 1]; got {margin}")
    return margin


def frame_limits(frames, *, dims=2, margin=0.05) -> np.ndarray:
    r"""Axis limits of every frame: each frame framed on its own points.

    The limits of frame ``k`` are the bounding box of its points widened by ``margin`` of the
    span on each side. A held stage is framed exactly; between stages the points move
    smoothly, and so does the frame (the browser player of :mod:`nnexplain.explorable` eases
    its frame between stages the same way), so the data fill the view in every frame, even
    when they pass through a smaller box on the way from one stage to the next.

    Parameters
    ----------
    frames : Frames
        From :func:`interpolate`, of points ``(n_frames, n_points, width)``.
    dims : int, default=2
        Coordinates framed (the first ``dims``).
    margin : float, default=0.05
        Padding on each side, as a fraction of the frame's span.

    Returns
    -------
    ndarray of shape (n_frames, dims, 2)
        ``(low, high)`` of each coordinate in every frame.
    """
    if not isinstance(frames, Frames):
        raise TypeError(f"frames must be Frames (from interpolate); got {type(frames).__name__}")
    dims = check_int(dims, "dims", minimum=1)
    flat = frames.positions.reshape(frames.n_frames, -1, frames.positions.shape[-1])
    flat = flat[..., :dims]
    low, high = flat.min(axis=1), flat.max(axis=1)
    span = high - low
    # a frame on a line (or a point) keeps a width
    span = np.maximum(span, 1e-9 + 1e-3 * span.max(axis=1, keepdims=True))
    return np.stack([low - margin * span, high + margin * span], axis=2)


PLAYER_TIMING = {"hold_ms": 500.0, "move_ms": 1100.0, "easing": "ease_in_out"}
"""The browser player's clock, written into every explorable manifest: each stage is held
``hold_ms``, then the points move to the next one for ``move_ms``, along ``easing``
(:data:`EASINGS`)."""


def player_position(elapsed_ms, n_stages, *, start=0, timing=None) -> np.ndarray:
    r"""Where the browser player is, ``elapsed_ms`` after it started playing at stage ``start``.

    With hold :math:`h` and move :math:`m` (ms), the position is

    .. math:: p(e) = \min\left(n - 1,\ \lfloor s \rfloor + k
              + \max\left(0, \frac{e - k(h + m) - h}{m}\right)\right),
              \quad k = \lfloor e / (h + m) \rfloor,

    stage :math:`\lfloor p \rfloor` plus the fraction of the move to the next stage (the
    points are drawn at that fraction eased with ``timing["easing"]``). The player's
    ``stageAt`` (``docs/javascripts/explorable-format.js``) computes the same; a node test
    compares the two.

    Parameters
    ----------
    elapsed_ms : float or array_like of float
        Milliseconds since play started (>= 0).
    n_stages : int
        Stages of the figure (>= 1).
    start : float, default=0
        The stage position play started from.
    timing : dict or None
        ``hold_ms``, ``move_ms``; default :data:`PLAYER_TIMING`.

    Returns
    -------
    ndarray of float, the shape of ``elapsed_ms``
    """
    timing = PLAYER_TIMING if timing is None else timing
    hold, move = float(timing["hold_ms"]), float(timing["move_ms"])
    if not (hold >= 0 and move > 0):
        raise ValueError(f"timing needs hold_ms >= 0 and move_ms > 0; got {hold}, {move}")
    n_stages = check_int(n_stages, "n_stages", minimum=1)
    e = check_array(elapsed_ms, "elapsed_ms", ndim=None, dtype=float)
    if np.any(e < 0):
        raise ValueError("elapsed_ms must be >= 0")
    seg = np.floor(e / (hold + move))
    t = np.floor(float(start)) + seg + np.maximum(0.0, (e - seg * (hold + move) - hold) / move)
    return np.minimum(t, n_stages - 1)
