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

Every transform -- a matrix, a pair ``(W, b)``, an activation, a layer, a network, a function
``f(points)`` or a :class:`MapPath` ``f(points, t)`` -- is turned into a function here and only
here, by :func:`as_map`; :func:`map_path` gives its path from the identity and :func:`chain` plays
several in turn. :func:`stages` and :func:`map_stages` list the stages of a network or of one
layer taken apart; the frames between them are computed by :mod:`nnexplain.frames`.

``EASINGS``, ``Frames``, ``blend``, ``ease`` and ``interpolate`` moved to :mod:`nnexplain.frames`;
they stay importable from here for one release (deprecated).
"""

from __future__ import annotations

import inspect
import numbers
from dataclasses import dataclass

import numpy as np

from ._validation import check_array, check_choice, check_instance
from .activations import Activation, get_activation
from .frames import EASINGS, Frames, blend, ease, interpolate, path_frames  # noqa: F401
from .network import MLP, Dense, check_mlp

__all__ = [
    "Map",
    "MapPath",
    "apply_activation",
    "apply_affine",
    "apply_layer",
    "apply_network",
    "as_map",
    "chain",
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
    check_instance(layer, Dense, "layer", what="a Dense layer")
    return apply_activation(apply_affine(points, layer.W, layer.b), layer.activation)


def _flatten(points):
    """``(n, d)`` or ``(n_lines, n_pts, d)`` -> ``(n_total, d)`` and the leading shape."""
    points = _check_points(points)
    return points.reshape(-1, points.shape[-1]), points.shape[:-1]


def _check_net(net, points):
    check_mlp(net)
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
# one dispatcher: a transform (matrix, (W, b), activation, layer, network, function) -> a map
# --------------------------------------------------------------------------------------------


class MapPath:
    r"""A path of maps of the plane, ``fn(points, t)`` for ``t`` from 0 (the identity) to 1.

    A plain function given as a transform always means a map of the points, ``f(points)``
    (see :func:`as_map`); wrap a function of the points *and the time* in ``MapPath`` to say how
    the plane moves on the way, e.g. a rotation by a growing angle::

        MapPath(lambda p, t: p @ rotation(t * np.pi), name="a half turn")

    Parameters
    ----------
    fn : callable
        ``fn(points, t)`` with ``points`` of shape ``(..., d)`` and ``t`` in [0, 1].
    name : str, default="a path"
        How titles and alt text name it.
    """

    def __init__(self, fn, name="a path"):
        if not callable(fn):
            raise TypeError(f"fn must be callable fn(points, t); got {type(fn).__name__}")
        self.fn = fn
        self.name = str(name)

    def __call__(self, points, t):
        return self.fn(points, t)

    def __repr__(self) -> str:
        return f"MapPath({self.name!r})"


@dataclass(frozen=True, repr=False)
class Map:
    """A transform of points, as :func:`as_map` understands it.

    Attributes
    ----------
    apply : callable
        ``apply(points)``: the map on points ``(n, d)`` or polylines ``(n_lines, n_pts, d)``.
    name : str
        Short label (``"tanh"``, ``"linear hW"``, ``"MLP(2-3-2, ...)"``), for panel titles.
    description : str
        A phrase (``"a rotation by 90 degrees"``), for animation titles and alt text.
    """

    apply: object
    name: str
    description: str
    make_path: object

    @property
    def path(self):
        """``path(points, t)`` from the identity (``t = 0``) to the map (``t = 1``)."""
        return self.make_path()

    def __call__(self, points):
        return self.apply(points)

    def __repr__(self) -> str:
        return f"Map({self.name!r})"


def _required_positional(fn) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature: a plain map such as np.tanh
        return 1
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(p.kind in kinds and p.default is inspect.Parameter.empty for p in params)


def _function_map(fn):
    if _required_positional(fn) >= 2:
        raise TypeError(
            f"transform {getattr(fn, '__name__', fn)!r} takes two arguments; a function given "
            "as a transform is a map of the points, f(points). Wrap a path of maps "
            "f(points, t) in nnexplain.warps.MapPath(f)"
        )

    def apply(points):
        p = _check_points(points)
        flat = p.reshape(-1, p.shape[-1])
        out = np.asarray(fn(flat), dtype=float)
        if out.ndim != 2 or out.shape[0] != flat.shape[0]:
            raise ValueError(
                f"transform returned shape {out.shape} for {flat.shape[0]} points; it must "
                "return one row per point"
            )
        return out.reshape(*p.shape[:-1], out.shape[-1])

    name = getattr(fn, "__name__", "transform")
    return Map(apply, name, "a map", lambda: blend(apply))


def _matrix_description(W) -> str:
    if W.shape == (2, 2) and _is_rotation(W):
        return f"a rotation by {np.degrees(np.arctan2(W[0, 1], W[0, 0])):.0f} degrees"
    return "a linear map"


def as_map(transform) -> Map:
    r"""Turn anything that names a map of points into one :class:`Map`.

    This is the one place where nnexplain interprets a transform:
    :func:`nnexplain.plot.plot_warp` applies ``Map.apply``, :func:`nnexplain.animate.animate_warp`
    and :func:`warp_frames` follow ``Map.path``, and both name it with ``Map.name`` or
    ``Map.description``.

    Parameters
    ----------
    transform : ndarray, tuple, str, Activation, Dense, MLP, MapPath or callable
        - a matrix ``W`` (row convention, ``points @ W``); on the path a rotation turns by a
          growing angle :math:`t\theta` (a quarter turn stays a rotation all the way, as in
          seed 000), any other square matrix follows :math:`W(t) = (1-t)I + tW`;
        - a pair ``(W, b)``: :math:`x \mapsto xW + b`, on the path :math:`x\,W(t) + t b`
          (``W`` may be ``None``: a pure translation);
        - an activation name or object: :math:`f(x)`, on the path :math:`(1-t)x + t f(x)`;
        - a :class:`~nnexplain.network.Dense` layer: :math:`f(xW + b)`; on the path (square
          layers only) the affine part in the first half of ``t``, the activation in the second;
        - an :class:`~nnexplain.network.MLP`: the whole network, blended from the identity;
        - a function ``f(points)`` of an ``ndarray of shape (n, d)`` returning ``(n, d_out)``:
          the map, blended from the identity on the path;
        - a :class:`MapPath` ``f(points, t)``: the path itself; the map is its end, ``t = 1``.

        **One callable convention**: a plain function is always the map ``f(points)`` -- the
        same function works in a static before/after figure, in :func:`apply_network`-like use
        and in an animation -- and motion in time is a different thing, named by :class:`MapPath`.

    Returns
    -------
    Map
    """
    if isinstance(transform, MapPath):
        return Map(
            lambda p: transform(_check_points(p), 1.0),
            transform.name,
            transform.name,
            lambda: transform,
        )
    if isinstance(transform, (str, Activation)):
        act = get_activation(transform)
        label = transform if isinstance(transform, str) else act.name
        return Map(lambda p: apply_activation(p, act), act.name, label, lambda: blend(act))
    if isinstance(transform, MLP):
        apply = lambda p: apply_network(p, transform)  # noqa: E731
        return Map(apply, repr(transform), repr(transform), lambda: blend(apply))
    if isinstance(transform, Dense):
        return Map(
            lambda p: apply_layer(p, transform),
            repr(transform),
            f"a layer with {transform.activation.name}",
            lambda: _layer_path(transform),
        )
    if isinstance(transform, tuple) and len(transform) == 2:
        W, b = transform
        what = "an affine map" if W is not None else "a translation"
        name = "affine hW + b" if W is not None else "translation h + b"
        return Map(lambda p: _apply_pair(p, W, b), name, what, lambda: _affine_path(W, b))
    if isinstance(transform, (np.ndarray, list)):
        W = check_array(transform, "transform", ndim=2)
        return Map(
            lambda p: apply_affine(p, W),
            "linear hW",
            _matrix_description(W),
            lambda: _linear_path(W),
        )
    if callable(transform):
        return _function_map(transform)
    raise TypeError(
        "transform must be a matrix W, a pair (W, b), an activation name or object, a Dense, "
        f"an MLP, a function f(points) or a MapPath f(points, t); got {type(transform).__name__}"
    )


def _apply_pair(points, W, b):
    points = _check_points(points)
    if W is None:
        return points + check_array(b, "b", ndim=(1, 2)).reshape(-1)
    return apply_affine(points, W, b)


def map_path(transform):
    r"""The path ``path(points, t)`` from the identity (``t = 0``) to a transform (``t = 1``).

    Shorthand for ``as_map(transform).path``; see :func:`as_map` for what each kind of
    transform does on the way.

    Returns
    -------
    callable
        ``path(points, t)``, for :func:`warp_frames` and :func:`nnexplain.animate.animate_warp`.
    """
    return as_map(transform).path


def chain(*transforms, name=None) -> MapPath:
    r"""A path that plays several transforms one after the other, each for an equal share of
    the time, each acting on the result of the previous ones.

    With ``n`` transforms, during :math:`t \in [k/n, (k+1)/n]` the ``k``-th transform moves along
    its own path (:func:`map_path`) from where the first ``k`` left the points. For example the
    three moves of a layer, :math:`W`, then :math:`+b`, then the activation::

        chain(W, (None, b), "tanh")

    Parameters
    ----------
    *transforms
        Anything :func:`as_map` accepts (at least one).
    name : str or None
        Name of the path; ``None`` joins the parts' descriptions with ``", then "``.

    Returns
    -------
    MapPath

    Examples
    --------
    >>> p = chain(rotation(np.pi / 2), (None, [1.0, 0.0]))
    >>> np.round(p(np.array([[1.0, 0.0]]), 1.0), 12).tolist()
    [[1.0, 1.0]]
    """
    if not transforms:
        raise ValueError("chain needs at least one transform")
    maps = [as_map(t) for t in transforms]
    paths = [m.path for m in maps]
    n = len(maps)

    def run(points, t):
        h = _check_points(points)
        s = np.clip(n * t - np.arange(n), 0.0, 1.0)  # progress of each part
        for k, path in enumerate(paths):
            if s[k] <= 0:
                break
            h = maps[k].apply(h) if s[k] >= 1 else path(h, float(s[k]))
        return np.asarray(h, dtype=float)

    return MapPath(run, ", then ".join(m.description for m in maps) if name is None else name)


def _layer_path(layer):
    _check_square(layer.W, "layer.W")
    affine = _affine_path(layer.W, layer.b)
    act = blend(layer.activation)

    def layer_path(points, t):
        if t <= 0.5:
            return affine(points, 2 * t)
        return act(apply_affine(points, layer.W, layer.b), 2 * t - 1)

    return layer_path


def _affine_path(W, b):
    linear = _linear_path(W) if W is not None else None
    b = None if b is None else check_array(b, "b", ndim=(1, 2)).reshape(-1)

    def affine_path(points, t):
        out = np.asarray(points, dtype=float) if linear is None else linear(points, t)
        if b is not None:
            if b.size != out.shape[-1]:
                raise ValueError(f"b of shape {b.shape} does not match points of shape {out.shape}")
            out = out + t * b
        return out

    return affine_path


def _is_rotation(W) -> bool:
    return W.shape == (2, 2) and np.allclose(W @ W.T, np.eye(2)) and np.linalg.det(W) > 0


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


def warp_frames(transform, points, n_frames=60, *, easing="linear") -> np.ndarray:
    """Frames of a transform, from the identity (frame 0) to the transform (the last frame).

    Shorthand for ``nnexplain.frames.path_frames(map_path(transform), points, n_frames,
    easing=easing)``: ``transform`` is anything :func:`as_map` accepts (e.g. ``rotation(np.pi /
    2)``, a rotation by a growing angle, ``"tanh"`` or ``MapPath(lambda p, t: ...)``); the other
    parameters and the result are those of :func:`~nnexplain.frames.path_frames`.
    """
    return path_frames(map_path(transform), points, n_frames, easing=easing)
