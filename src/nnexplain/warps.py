r"""Maps of the plane and their in-between frames: what the animations of :mod:`nnexplain.animate`
show, computed with numpy alone.

Points are **rows**, as everywhere in nnexplain: a linear map is ``points @ W`` and an affine map
``points @ W + b``, with ``W`` of shape ``(d_in, d_out)``. The matrices below are therefore the
transposes of the textbook (column-vector) ones; :func:`rotation` for example is

.. math::

    R(\theta) = \begin{pmatrix} \cos\theta & \sin\theta \\ -\sin\theta & \cos\theta \end{pmatrix},
    \qquad (x, y) R(\theta) = (x\cos\theta - y\sin\theta,\; x\sin\theta + y\cos\theta),

a counter-clockwise rotation by :math:`\theta`.

Every ``apply_*`` function takes either a point cloud, ``ndarray of shape (n_points, d)``, or a
set of polylines (the lines of a grid), ``ndarray of shape (n_lines, n_points_per_line, d)``, and
acts on the last axis, so a grid from :func:`nnexplain.datasets.make_grid_lines` goes through a
network exactly as the data does.

Animations are built in two steps: a list of *stages* (:func:`stages` for a network,
:func:`map_stages` for one layer taken apart) and the frames between them (:func:`interpolate`,
straight lines from one stage to the next, as in Chris Olah's "Neural Networks, Manifolds, and
Topology"), or the frames of a map whose parameter varies (:func:`warp_frames`, e.g. a rotation
by a growing angle).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._validation import check_array, check_choice, check_int
from .activations import Activation, get_activation

__all__ = [
    "EASINGS",
    "Frames",
    "apply_activation",
    "apply_affine",
    "apply_layer",
    "apply_network",
    "blend",
    "ease",
    "interpolate",
    "map_path",
    "map_stages",
    "rotation",
    "scaling",
    "shear",
    "stages",
    "warp_frames",
]


# --------------------------------------------------------------------------------------------
# 2x2 matrices (row-vector convention)
# --------------------------------------------------------------------------------------------


def _real(value, name) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return value


def rotation(theta) -> np.ndarray:
    r"""The matrix that rotates row vectors counter-clockwise by ``theta`` radians.

    .. math::

        R(\theta) = \begin{pmatrix} \cos\theta & \sin\theta \\
                                    -\sin\theta & \cos\theta \end{pmatrix}

    (the transpose of the column-vector rotation matrix of seed 000, because points are rows).

    Parameters
    ----------
    theta : float
        Angle in radians.

    Returns
    -------
    ndarray of shape (2, 2)

    Examples
    --------
    >>> import numpy as np
    >>> np.round(np.array([[1.0, 0.0]]) @ rotation(np.pi / 2), 12)
    array([[0., 1.]])
    """
    theta = _real(theta, "theta")
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, s], [-s, c]])


def scaling(sx, sy) -> np.ndarray:
    r"""Stretch the x axis by ``sx`` and the y axis by ``sy``:
    :math:`(x, y) \mapsto (s_x x, s_y y)`.

    Returns
    -------
    ndarray of shape (2, 2)
    """
    return np.diag([_real(sx, "sx"), _real(sy, "sy")])


def shear(k, axis="x") -> np.ndarray:
    r"""A shear: ``axis="x"`` maps :math:`(x, y) \mapsto (x + k y, y)`, ``axis="y"`` maps
    :math:`(x, y) \mapsto (x, y + k x)`.

    Parameters
    ----------
    k : float
        Shear factor.
    axis : {"x", "y"}, default="x"
        The coordinate that moves.

    Returns
    -------
    ndarray of shape (2, 2)
        For row vectors: ``points @ shear(k)``.
    """
    k = _real(k, "k")
    axis = check_choice(axis, "axis", ("x", "y"))
    return np.array([[1.0, 0.0], [k, 1.0]]) if axis == "x" else np.array([[1.0, k], [0.0, 1.0]])


# --------------------------------------------------------------------------------------------
# applying maps to points or polylines
# --------------------------------------------------------------------------------------------


def _check_points(points, name="points") -> np.ndarray:
    """Points ``(n, d)`` or polylines ``(n_lines, n_pts, d)`` as a float array."""
    arr = check_array(points, name, ndim=None, dtype=None)
    if arr.ndim not in (2, 3):
        raise ValueError(
            f"{name} must be points of shape (n_points, d) or polylines of shape "
            f"(n_lines, n_points_per_line, d); got shape {arr.shape}"
        )
    return arr


def apply_affine(points, W, b=None) -> np.ndarray:
    r"""The affine map :math:`x \mapsto xW + b` on the last axis.

    Parameters
    ----------
    points : array-like of shape (n_points, d_in) or (n_lines, n_points_per_line, d_in)
    W : array-like of shape (d_in, d_out)
    b : array-like of shape (d_out,) or None
        ``None`` for a linear map.

    Returns
    -------
    ndarray of shape (..., d_out)
        Same leading shape as ``points``.
    """
    points = _check_points(points)
    W = check_array(W, "W", ndim=2, dtype=None)
    if points.shape[-1] != W.shape[0]:
        raise ValueError(
            f"points of shape {points.shape} have {points.shape[-1]} coordinates but W of shape "
            f"{W.shape} expects {W.shape[0]} (W must be (d_in, d_out) with d_in = points.shape[-1])"
        )
    out = points @ W
    if b is not None:
        b = check_array(b, "b", ndim=(1, 2), dtype=None)
        if b.size != W.shape[1]:
            raise ValueError(
                f"b of shape {b.shape} does not match W of shape {W.shape}: b needs "
                f"{W.shape[1]} entries"
            )
        out = out + b.reshape(-1)
    return out


def apply_activation(points, activation) -> np.ndarray:
    """Apply an activation to every coordinate of every point.

    Parameters
    ----------
    points : array-like of shape (n_points, d) or (n_lines, n_points_per_line, d)
    activation : str, Activation, callable or None
        A name for :func:`nnexplain.activations.get_activation` (``"tanh"``, ``"relu"``, ...), an
        activation object or any callable on arrays; ``None`` is the identity. Softmax acts on
        the last axis, as in a network.

    Returns
    -------
    ndarray, same shape as ``points``
    """
    points = _check_points(points)
    f = _activation(activation)
    out = np.asarray(f(points))
    if out.shape != points.shape:
        raise ValueError(
            f"activation {activation!r} changed the shape from {points.shape} to {out.shape}; "
            f"it must act elementwise"
        )
    return out


def _activation(activation):
    if callable(activation) and not isinstance(activation, (str, Activation)):
        return activation
    return get_activation(activation)


def apply_layer(points, layer) -> np.ndarray:
    r"""A whole :class:`~nnexplain.network.Dense` layer, :math:`f(xW + b)`, on points or
    polylines."""
    _check_layer(layer)
    return apply_activation(apply_affine(points, layer.W, layer.b), layer.activation)


def _check_layer(layer):
    if not all(hasattr(layer, a) for a in ("W", "b", "activation")):
        raise TypeError(
            f"layer must be a Dense layer (with W, b and activation); got {type(layer).__name__}"
        )


def _flatten(points):
    """``(n, d)`` or ``(n_lines, n_pts, d)`` -> ``(n_total, d)`` and the leading shape."""
    points = _check_points(points)
    return points.reshape(-1, points.shape[-1]), points.shape[:-1]


def _check_net(net, points):
    if not hasattr(net, "trace") or not hasattr(net, "sizes"):
        raise TypeError(f"net must be an MLP; got {type(net).__name__}")
    if points.shape[-1] != net.sizes[0]:
        raise ValueError(
            f"points of shape {points.shape} have {points.shape[-1]} coordinates but the network "
            f"{net!r} takes {net.sizes[0]} inputs"
        )


def apply_network(points, net) -> np.ndarray:
    """The output of a whole :class:`~nnexplain.network.MLP` on points or polylines.

    Returns
    -------
    ndarray of shape (..., n_out)
    """
    flat, lead = _flatten(points)
    _check_net(net, flat)
    out = net.forward(flat)
    return out.reshape(*lead, out.shape[-1])


# --------------------------------------------------------------------------------------------
# stages
# --------------------------------------------------------------------------------------------


def stages(net, points, *, include_affine=True, include_output=True):
    """Every stage of a network's forward pass on points or polylines.

    Parameters
    ----------
    net : MLP
    points : array-like of shape (n_points, n_in) or (n_lines, n_points_per_line, n_in)
    include_affine : bool, default=True
        Keep the affine outputs :math:`z = hW + b`; ``False`` keeps the input and the activation
        outputs only (one stage per layer).
    include_output : bool, default=True
        Keep the output layer's stages; ``False`` stops at the last hidden layer, where the
        classes should already be linearly separable.

    Returns
    -------
    arrays : list of ndarray of shape (..., width)
        Input, affine 1, activation 1, affine 2, ...; the leading shape is that of ``points``.
    labels : list of str
        ``"input"``, ``"layer 1: affine"``, ``"layer 1: tanh"``, ..., ``"output: sigmoid"``.

    See Also
    --------
    nnexplain.network.MLP.trace : the same on a point cloud, as :class:`~nnexplain.network.Stage`
        objects.
    """
    flat, lead = _flatten(points)
    _check_net(net, flat)
    trace = net.trace(flat)
    kept = [
        s
        for s in trace
        if (include_affine or s.kind != "affine") and (include_output or not s.is_output)
    ]
    arrays = [s.values.reshape(*lead, s.values.shape[-1]) for s in kept]
    return arrays, [s.label for s in kept]


def map_stages(points, W=None, b=None, activation=None):
    r"""One layer :math:`f(xW + b)` taken apart: input, linear part, bias, activation.

    Parameters
    ----------
    points : array-like of shape (n_points, d) or (n_lines, n_points_per_line, d)
    W : array-like of shape (d, d_out) or None
        Linear part; ``None`` skips that stage.
    b : array-like of shape (d_out,) or None
        Translation; ``None`` skips that stage.
    activation : str, Activation, callable or None
        Nonlinearity; ``None`` skips that stage.

    Returns
    -------
    arrays : list of ndarray
        ``points``, ``points @ W``, ``points @ W + b``, ``f(points @ W + b)``, without the
        skipped ones.
    labels : list of str
        ``"input"``, ``"linear: xW"``, ``"bias: xW + b"``, ``"activation: tanh"`` (without the
        ``W`` when it is skipped: ``"bias: x + b"``, ``"activation: tanh"``).

    Examples
    --------
    >>> arrays, labels = map_stages([[1.0, -1.0]], W=rotation(0.0), b=[1.0, 1.0], activation="relu")
    >>> labels
    ['input', 'linear: xW', 'bias: xW + b', 'activation: relu']
    >>> arrays[-1].tolist()
    [[2.0, 0.0]]
    """
    h = _check_points(points)
    arrays, labels = [h], ["input"]
    x = "x"
    if W is not None:
        h = apply_affine(h, W)
        arrays.append(h)
        labels.append("linear: xW")
        x = "xW"
    if b is not None:
        b = check_array(b, "b", ndim=(1, 2), dtype=None).reshape(-1)
        if b.size != h.shape[-1]:
            raise ValueError(
                f"b of shape {b.shape} does not match the {h.shape[-1]} coordinates of "
                f"{'points @ W' if W is not None else 'points'} (shape {h.shape})"
            )
        h = h + b
        arrays.append(h)
        labels.append(f"bias: {x} + b")
    if activation is not None:
        f = _activation(activation)
        h = apply_activation(h, f)
        arrays.append(h)
        labels.append(f"activation: {getattr(f, 'name', getattr(f, '__name__', 'f'))}")
    return arrays, labels


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
    stages, *, labels=None, frames_per_transition=20, pause_frames=5, easing="ease_in_out"
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
    check_choice(easing, "easing", EASINGS)

    s = np.arange(1, n_move + 1) / (n_move + 1)
    e = ease(s, easing) if n_move else s
    n_frames = n_stages * hold + (n_stages - 1) * n_move
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
        positions[k : k + hold] = padded[i]
        stage_index[k : k + hold] = i
        t[k : k + hold] = i
        k += hold
    return Frames(positions, stage_index, labels, t)


# --------------------------------------------------------------------------------------------
# frames of a parametrised map
# --------------------------------------------------------------------------------------------


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


def _is_rotation(W) -> bool:
    return W.shape == (2, 2) and np.allclose(W @ W.T, np.eye(2)) and np.linalg.det(W) > 0


def map_path(transform):
    r"""Turn a transform into a path ``path(points, t)`` from the identity (``t = 0``) to it
    (``t = 1``), for :func:`warp_frames` and :func:`nnexplain.animate.animate_warp`.

    Parameters
    ----------
    transform : ndarray, tuple, str, Activation, Dense or callable
        - a square matrix ``W`` (row convention, ``points @ W``): a rotation turns by the angle
          :math:`t\theta` (so a quarter turn stays a rotation all the way, as in seed 000);
          any other matrix follows :math:`W(t) = (1-t)I + tW`;
        - a pair ``(W, b)``: :math:`x \mapsto x\,W(t) + t b` (``W`` may be ``None``: a pure
          translation);
        - an activation name or object: :math:`(1-t)x + t f(x)` (:func:`blend`);
        - a :class:`~nnexplain.network.Dense` layer with as many inputs as outputs: the affine
          part in the first half of ``t``, the activation in the second;
        - a callable ``f(points, t)`` returning the points at time ``t``: used as it is.

    Returns
    -------
    callable
        ``path(points, t)``.
    """
    if isinstance(transform, (str, Activation)):
        return blend(get_activation(transform))
    if hasattr(transform, "W") and hasattr(transform, "activation"):
        layer = transform
        _check_square(layer.W, "layer.W")
        affine = map_path((layer.W, layer.b))
        act = blend(layer.activation)

        def layer_path(points, t):
            if t <= 0.5:
                return affine(points, 2 * t)
            return act(apply_affine(points, layer.W, layer.b), 2 * t - 1)

        return layer_path
    if isinstance(transform, tuple) and len(transform) == 2:
        W, b = transform
        linear = _linear_path(W) if W is not None else None
        b = None if b is None else check_array(b, "b", ndim=(1, 2)).reshape(-1)

        def affine_path(points, t):
            out = np.asarray(points, dtype=float) if linear is None else linear(points, t)
            if b is not None:
                if b.size != out.shape[-1]:
                    raise ValueError(
                        f"b of shape {b.shape} does not match points of shape {out.shape}"
                    )
                out = out + t * b
            return out

        return affine_path
    if callable(transform):
        return transform
    if isinstance(transform, (np.ndarray, list)):
        return _linear_path(transform)
    raise TypeError(
        "transform must be a square matrix, a (W, b) pair, an activation name, a Dense layer "
        f"or a callable f(points, t); got {type(transform).__name__}"
    )


def _check_square(W, name):
    W = check_array(W, name, ndim=2)
    if W.shape[0] != W.shape[1]:
        raise ValueError(
            f"{name} has shape {W.shape}; a warp of the plane onto itself needs a square matrix "
            f"(use stages()/interpolate() for maps that change the width)"
        )
    return W


def _linear_path(W):
    W = _check_square(W, "W")
    if _is_rotation(W):
        theta = np.arctan2(W[0, 1], W[0, 0])
        return lambda points, t: apply_affine(points, W if t == 1 else rotation(t * theta))
    eye = np.eye(W.shape[0])
    return lambda points, t: apply_affine(points, W if t == 1 else (1 - t) * eye + t * W)


def warp_frames(map_fn, points, n_frames=60, *, easing="linear") -> np.ndarray:
    """Frames of a map whose parameter goes from 0 to 1.

    Parameters
    ----------
    map_fn : callable or transform
        ``map_fn(points, t)`` gives the points at time ``t`` in [0, 1], e.g.
        ``lambda p, t: p @ rotation(t * np.pi / 2)`` (a rotation by a growing angle) or
        ``blend(np.tanh)``; anything :func:`map_path` accepts (a matrix, ``(W, b)``, an
        activation name, a Dense layer) is turned into such a path first.
    points : array-like of shape (n_points, d) or (n_lines, n_points_per_line, d)
    n_frames : int, default=60
        At least 2; frame 0 is ``t = 0`` and the last frame ``t = 1``.
    easing : {"linear", "ease_in_out", "cosine"}, default="linear"
        How ``t`` advances from frame to frame.

    Returns
    -------
    ndarray of shape (n_frames, ..., d_out)
    """
    path = map_path(map_fn)
    points = _check_points(points)
    n_frames = check_int(n_frames, "n_frames", minimum=2)
    ts = ease(np.linspace(0.0, 1.0, n_frames), easing)
    frames = [np.asarray(path(points, float(t)), dtype=float) for t in ts]
    shape = frames[0].shape
    for k, f in enumerate(frames):
        if f.shape != shape or f.shape[:-1] != points.shape[:-1]:
            raise ValueError(
                f"map_fn returned shape {f.shape} at frame {k} for points of shape "
                f"{points.shape}; it must keep the points (only the last axis may change)"
            )
    return np.stack(frames)
