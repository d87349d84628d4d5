r"""Explorable figures: computed once at build time, driven by the reader in the browser.

An :class:`Explorable` holds everything a figure the reader can play with needs, as plain arrays:

- **stages**: the same points seen at successive stages (the layers of a network, the steps of
  a warp, the epochs of a training run), each an ``ndarray of shape (n_points, 2)`` or
  ``(n_points, 3)``; optional grid lines carried along, and optional **fields** (a heat-map over
  a 2D stage, such as the decision probability);
- one **label** per stage and one class label per point (the class colours);
- **variants** keyed by named **dials**: ``dials={"activation": ["tanh", "ReLU"]}`` asks for one
  variant per value (several dials: one per combination);
- optional **unit maps** for networks with 2 inputs: each hidden unit's activation over a grid
  of the input plane, as in TensorFlow Playground.

It is written to a compact data set (:meth:`Explorable.write`): a small JSON manifest plus one
binary file per variant (quantised to int16 for coordinates, uint8 for heat-maps, with an offset
and a scale per array; the error bounds are :data:`INT16_ERROR` and :data:`UINT8_ERROR` of each
array's range). The site's player (``docs/javascripts/explorable.js``) fetches the manifest, then
a variant's file when its dial is chosen, and draws with Canvas 2D. In a plain
``python script.py`` run the same object is a matplotlib animation (:meth:`Explorable.animate`,
drawn by :mod:`nnexplain.animate`'s animator) and :meth:`Explorable.save` writes a video, so
downloaded scripts keep working. :mod:`nnexplain.scraper` finds explorables among a gallery
example's variables and puts the player on the page, with a poster image and the MP4 as the
fallback without JavaScript.

Examples
--------
>>> from nnexplain import train_mlp
>>> from nnexplain.datasets import make_circle_in_donut
>>> from nnexplain.explorable import Explorable
>>> X, y = make_circle_in_donut(200, seed=0)
>>> nets = {a: train_mlp([2, 3, 1], X, y, activation=a, seed=0, epochs=2) for a in ("tanh", "relu")}
>>> explorable = Explorable.from_networks(nets, X, y, dial="activation")
>>> explorable.dials, explorable.n_stages
({'activation': ['tanh', 'relu']}, 3)
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import warps
from ._validation import check_array, check_choice, check_int, check_labels, check_path
from .datasets import make_grid_lines
from .plot import CLASS_COLORS
from .projections import METHODS, project_stages

__all__ = ["INT16_ERROR", "UINT8_ERROR", "Explorable", "load"]

FORMAT = "nnexplain-explorable"
VERSION = 1
INT16_ERROR = 0.5 / 65534
"""Largest error of an int16-quantised array, as a fraction of its range (max - min)."""
UINT8_ERROR = 0.5 / 255
"""Largest error of a uint8-quantised array (fields, unit maps), as a fraction of its range."""


# --------------------------------------------------------------------------------------------
# quantisation
# --------------------------------------------------------------------------------------------


def _quantise(arr: np.ndarray, dtype: str):
    """``(codes, offset, scale)`` with ``arr ~= offset + codes * scale``."""
    lo, hi = (float(arr.min()), float(arr.max())) if arr.size else (0.0, 0.0)
    if dtype == "int16":  # codes -32767 .. 32767 around the middle of the range
        offset, scale = 0.5 * (lo + hi), (hi - lo) / 65534
        codes = np.zeros(arr.shape) if scale == 0 else np.rint((arr - offset) / scale)
        return np.clip(codes, -32767, 32767).astype("<i2"), offset, scale
    offset, scale = lo, (hi - lo) / 255
    codes = np.zeros(arr.shape) if scale == 0 else np.rint((arr - lo) / scale)
    return np.clip(codes, 0, 255).astype(np.uint8), offset, scale


def _dequantise(blob: bytes, meta: dict) -> np.ndarray:
    dtype = {"int16": "<i2", "uint8": np.uint8}[meta["dtype"]]
    count = int(np.prod(meta["shape"]))
    codes = np.frombuffer(blob, dtype=dtype, count=count, offset=meta["offset"])
    return (meta["offset_value"] + codes * meta["scale"]).reshape(meta["shape"])


class _Blob:
    """Arrays packed one after another, each starting on an even byte (for Int16Array)."""

    def __init__(self):
        self.parts, self.size = [], 0

    def add(self, arr, dtype):
        codes, offset, scale = _quantise(np.asarray(arr, dtype=float), dtype)
        meta = {
            "offset": self.size,
            "dtype": dtype,
            "shape": list(codes.shape),
            "offset_value": offset,
            "scale": scale,
        }
        data = codes.tobytes()
        if len(data) % 2:
            data += b"\0"
        self.parts.append(data)
        self.size += len(data)
        return meta

    def bytes(self) -> bytes:
        return b"".join(self.parts)


# --------------------------------------------------------------------------------------------
# the object
# --------------------------------------------------------------------------------------------


@dataclass
class _Variant:
    stages: np.ndarray  # (n_stages, n_points, dims)
    labels: list
    lines: np.ndarray | None = None  # (n_stages, n_lines, n_pts, dims)
    fields: np.ndarray | None = None  # (n_stages, h, w), over field_extent
    field_extent: tuple | None = None
    units: np.ndarray | None = None  # (n_units, h, w), over unit_extent
    unit_labels: list = field(default_factory=list)
    unit_extent: tuple | None = None

    @property
    def dims(self) -> int:
        return self.stages.shape[-1]


def _extent(value, name):
    arr = check_array(value, name, ndim=1)
    if arr.shape != (4,) or not (arr[0] < arr[1] and arr[2] < arr[3]):
        raise ValueError(f"{name} must be (xmin, xmax, ymin, ymax) with min < max; got {value}")
    return tuple(float(v) for v in arr)


def _stack(arrays, name, lead=None):
    """Check a list of stages (same leading shape, width 2 or 3) and stack them padded to 3D
    when any stage is 3D."""
    if isinstance(arrays, np.ndarray) or not isinstance(arrays, (list, tuple)) or not arrays:
        raise TypeError(f"{name} must be a non-empty list of arrays; got {type(arrays).__name__}")
    arrays = [
        check_array(a, f"{name}[{i}]", ndim=None, allow_empty=True) for i, a in enumerate(arrays)
    ]
    for i, a in enumerate(arrays):
        if a.ndim < 2 or a.shape[-1] not in (2, 3):
            raise ValueError(
                f"{name}[{i}] has shape {a.shape}; each stage must have 2 or 3 coordinates on "
                "its last axis (project wider stages first, e.g. with project_stages)"
            )
        if lead is not None and a.shape[:-1] != lead:
            raise ValueError(f"{name}[{i}] has shape {a.shape}; expected {(*lead, 'dims')}")
        lead = a.shape[:-1]
    dims = max(a.shape[-1] for a in arrays)
    out = np.zeros((len(arrays), *lead, dims))
    for i, a in enumerate(arrays):
        out[i, ..., : a.shape[-1]] = a
    return out


class Explorable:
    r"""A figure the reader explores: stages, dials and their variants, and per-unit maps.

    Parameters
    ----------
    y : array-like of shape (n_points,) or None
        Class label of every point (its colour); ``None``: one class.
    dials : dict of str to list of str, or None
        Named dials and their values, e.g. ``{"activation": ["tanh", "ReLU"]}``; a variant is
        needed for every combination of values. ``None``: a single variant.
    title : str, default=""
        Shown above the player and as the animation's title prefix.
    alt : str or None
        One sentence for screen readers; default: built from the title and stages.
    colors : sequence of str or None
        Colour of each class; default :data:`nnexplain.plot.CLASS_COLORS`.

    Attributes
    ----------
    dials : dict of str to list of str
    n_points, n_stages : int
    """

    def __init__(self, y=None, *, dials=None, title="", alt=None, colors=None):
        self.dials = {}
        for name, values in (dials or {}).items():
            if not isinstance(name, str) or isinstance(values, str):
                raise TypeError(
                    f"dials must map a name to a list of values; got {name!r}: {values!r}"
                )
            values = [str(v) for v in values]
            if not values or len(set(values)) != len(values):
                raise ValueError(f"dial {name!r} needs distinct values; got {values}")
            self.dials[name] = values
        if y is not None and np.size(y) == 0:  # a figure of grid lines only
            self.y = np.zeros(0, np.int64)
        else:
            self.y = None if y is None else check_labels(y, "y")
        self.title, self.alt = str(title), alt
        n_classes = 1 if self.y is None or not self.y.size else int(self.y.max()) + 1
        self.colors = list(colors) if colors is not None else list(CLASS_COLORS)
        if len(self.colors) < n_classes:
            raise ValueError(f"colors has {len(self.colors)} entries for {n_classes} classes")
        self.variants: dict[tuple, _Variant] = {}
        self.animation = None

    # ---------------------------------------------------------------------------- building

    def _key(self, key) -> tuple:
        key = dict(key or {})
        if set(key) != set(self.dials):
            raise ValueError(
                f"key must give a value for each dial {sorted(self.dials)}; got {sorted(key)}"
            )
        for name, values in self.dials.items():
            if str(key[name]) not in values:
                raise ValueError(f"dial {name!r} has no value {key[name]!r}; valid: {values}")
        return tuple(str(key[name]) for name in self.dials)

    @property
    def keys(self) -> list[dict]:
        """Every combination of dial values, in order (the first is shown first)."""
        combos = itertools.product(*self.dials.values())
        return [dict(zip(self.dials, c, strict=True)) for c in combos]

    def add_variant(
        self,
        key,
        stages,
        *,
        labels=None,
        lines=None,
        fields=None,
        field_extent=None,
        units=None,
        unit_labels=None,
        unit_extent=None,
    ) -> Explorable:
        r"""Add the variant shown when the dials read ``key``.

        Parameters
        ----------
        key : dict of str to str or None
            A value for every dial, e.g. ``{"activation": "tanh"}``; ``None`` without dials.
        stages : list of ndarray of shape (n_points, 2) or (n_points, 3)
            The points at each stage; 2D stages next to 3D ones are padded with z = 0.
        labels : list of str or None
            One per stage; default ``"stage 1"``, ``"stage 2"``, ...
        lines : list of ndarray of shape (n_lines, n_points_per_line, 2 or 3), or None
            Grid polylines at each stage.
        fields : list of ndarray of shape (h, w), or None
            One heat-map per stage over ``field_extent`` (rows from ymin up), values in [0, 1]:
            the probability of class 1, drawn from the colour of class 0 to that of class 1.
        units : ndarray of shape (n_units, h, w) or None
            Each unit's response over ``unit_extent`` of the input plane (rows from ymin up).
        unit_labels : list of str or None
        field_extent, unit_extent : tuple (xmin, xmax, ymin, ymax)

        Returns
        -------
        Explorable
            ``self``, so calls chain.
        """
        key = self._key(key)
        n = None if self.y is None else (self.y.shape[0],)
        points = _stack(stages, "stages", n)
        if self.y is None:
            self.y = np.zeros(points.shape[1], np.int64)
        n_stages = points.shape[0]
        labels = [f"stage {i + 1}" for i in range(n_stages)] if labels is None else labels
        labels = [str(s) for s in labels]
        if len(labels) != n_stages:
            raise ValueError(f"labels has {len(labels)} entries for {n_stages} stages")
        variant = _Variant(points, labels)
        if lines is not None:
            variant.lines = _stack(lines, "lines")
            if len(variant.lines) != n_stages or variant.lines.ndim != 4:
                raise ValueError(
                    f"lines must be {n_stages} arrays of shape (n_lines, n_points_per_line, "
                    f"dims); got {variant.lines.shape}"
                )
            if variant.lines.shape[-1] != points.shape[-1]:  # one 3D, the other 2D: pad both
                dims = max(variant.lines.shape[-1], points.shape[-1])
                variant.stages = np.pad(points, [(0, 0)] * 2 + [(0, dims - points.shape[-1])])
                pad = dims - variant.lines.shape[-1]
                variant.lines = np.pad(variant.lines, [(0, 0)] * 3 + [(0, pad)])
        if fields is not None:
            variant.fields = check_array(fields, "fields", ndim=3)
            if len(variant.fields) != n_stages:
                raise ValueError(f"fields has {len(variant.fields)} maps for {n_stages} stages")
            if field_extent is None:
                raise ValueError("fields need field_extent=(xmin, xmax, ymin, ymax)")
            variant.field_extent = _extent(field_extent, "field_extent")
        if units is not None:
            variant.units = check_array(units, "units", ndim=3)
            m = len(variant.units)
            variant.unit_labels = (
                [f"unit {i + 1}" for i in range(m)] if unit_labels is None else list(unit_labels)
            )
            if len(variant.unit_labels) != m:
                raise ValueError(f"unit_labels has {len(variant.unit_labels)} entries for {m}")
            if unit_extent is None:
                raise ValueError("units need unit_extent=(xmin, xmax, ymin, ymax)")
            variant.unit_extent = _extent(unit_extent, "unit_extent")
        self.variants[key] = variant
        return self

    @property
    def n_points(self) -> int:
        return 0 if self.y is None else int(self.y.shape[0])

    @property
    def n_stages(self) -> int:
        return len(self._first().labels)

    def _first(self) -> _Variant:
        if not self.variants:
            raise ValueError("the explorable has no variant yet; call add_variant first")
        return self.variants[self._key(self.keys[0])]

    def variant(self, key=None) -> _Variant:
        """The variant for ``key`` (default: the first combination of dial values)."""
        self._check_complete()
        return self.variants[self._key(key if key is not None else self.keys[0])]

    def _check_complete(self):
        if not self.variants:
            raise ValueError("the explorable has no variant yet; call add_variant first")
        missing = [k for k in self.keys if self._key(k) not in self.variants]
        if missing:
            raise ValueError(f"variants missing for {missing[:3]}; add one per dial combination")

    def __repr__(self) -> str:
        dials = ", ".join(f"{k}={v}" for k, v in self.dials.items()) or "no dials"
        return (
            f"Explorable({self.title!r}, {len(self.variants)} variants ({dials}), "
            f"{self.n_points} points)"
        )

    # ----------------------------------------------------------------------- constructors

    @classmethod
    def from_networks(
        cls,
        nets,
        X,
        y=None,
        *,
        dial="network",
        lines=None,
        projection="3d",
        include_affine=True,
        units=True,
        resolution=41,
        title="",
    ) -> Explorable:
        r"""The journey of data (and a grid) through one or several trained networks.

        Parameters
        ----------
        nets : MLP or dict of str to MLP
            One network, or one per value of the dial (e.g. ``{"tanh": net1, "ReLU": net2}``).
        X : array-like of shape (n_samples, n_inputs)
        y : array-like of shape (n_samples,) or None
        dial : str, default="network"
            Name of the dial when ``nets`` is a dict.
        lines : ndarray of shape (n_lines, n_points_per_line, n_inputs), None or False
            Grid carried along; ``None``: an 11x11 grid over the data (2-input networks).
        projection : {"3d", "pca", "first_two"}, default="3d"
            How the stages (input to last hidden layer) are drawn, as in
            :func:`nnexplain.projections.project_stages`: one projection per network, fitted
            on all its stages, so the camera does not move between stages.
        include_affine : bool, default=True
            The affine outputs as stages of their own.
        units : bool, default=True
            For 2-input networks, each hidden unit's response (and the output's probability)
            over a ``resolution`` x ``resolution`` grid of the input plane.
        resolution : int, default=41
        title : str

        Returns
        -------
        Explorable
        """
        projection = check_choice(projection, "projection", METHODS)
        nets = nets if isinstance(nets, dict) else {"": nets}
        if not nets:
            raise ValueError("nets is empty; give an MLP or a dict of them")
        X = check_array(X, "X")
        dials = {dial: list(nets)} if len(nets) > 1 or "" not in nets else None
        explorable = cls(y if y is not None else np.zeros(len(X), int), dials=dials, title=title)
        n_components = 3 if projection == "3d" else 2
        box = _box(X) if X.shape[1] == 2 else None
        if lines is None and box is not None:
            lines = make_grid_lines(box, n_lines=11, n_points_per_line=41)
        resolution = check_int(resolution, "resolution", minimum=2)
        for name, net in nets.items():
            if not hasattr(net, "trace"):
                raise TypeError(f"nets[{name!r}] must be an MLP; got {type(net).__name__}")
            which = {"include_affine": include_affine, "include_output": False}
            stages, labels = warps.stages(net, X, **which)
            points, pca = project_stages(stages, projection, n_components)
            grid = None
            if lines is not None and lines is not False:
                line_stages = warps.stages(net, check_array(lines, "lines", ndim=3), **which)[0]
                grid = [
                    pca.transform(s)
                    if pca is not None
                    else project_stages([s], "first_two", n_components)[0][0]
                    for s in line_stages
                ]
            extra = {}
            if units and box is not None:
                extra = _unit_maps(net, box, resolution)
            key = {dial: name} if dials else None
            explorable.add_variant(key, points, labels=labels, lines=grid, **extra)
        return explorable

    @classmethod
    def from_warp(
        cls, transforms, *, lines=None, points=None, y=None, n_stages=5, dial="map", title=""
    ) -> Explorable:
        r"""A grid (and points) going from the identity to a map of the plane, in steps.

        Parameters
        ----------
        transforms : transform or dict of str to transform
            Anything :func:`nnexplain.warps.map_path` accepts (a matrix, ``(W, b)``, an
            activation name, a square Dense layer, ``f(points, t)``), or one per dial value.
        lines : ndarray of shape (n_lines, n_points_per_line, 2) or None
            Default: an 11x11 grid over [-1, 1]^2.
        points : array-like of shape (n_points, 2) or None
        y : array-like of shape (n_points,) or None
        n_stages : int, default=5
            Stages at ``t = 0, 1/(n-1), ..., 1``.
        dial : str, default="map"
        title : str

        Returns
        -------
        Explorable
        """
        transforms = transforms if isinstance(transforms, dict) else {"": transforms}
        n_stages = check_int(n_stages, "n_stages", minimum=2)
        lines = (
            make_grid_lines((-1, 1), 11, 41)
            if lines is None
            else check_array(lines, "lines", ndim=3)
        )
        points = np.zeros((0, 2)) if points is None else check_array(points, "points", n_features=2)
        if y is None:
            y = np.zeros(len(points), int)
        dials = {dial: list(transforms)} if "" not in transforms else None
        explorable = cls(y, dials=dials, title=title)
        labels = [f"t = {t:.2g}" for t in np.linspace(0, 1, n_stages)]
        for name, transform in transforms.items():
            grid = warps.warp_frames(transform, lines, n_stages)
            pts = warps.warp_frames(transform, points, n_stages) if len(points) else None
            pts = [np.zeros((0, 2))] * n_stages if pts is None else list(pts)
            key = {dial: name} if dials else None
            explorable.add_variant(key, pts, labels=labels, lines=list(grid))
        return explorable

    @classmethod
    def from_snapshots(cls, net, history, X, y, *, resolution=41, title="") -> Explorable:
        r"""Training over time: the data in the input plane under the decision field of each
        parameter snapshot, and the units of the last snapshot.

        Parameters
        ----------
        net : MLP
            A binary classifier with 2 inputs and 1 output (its weights are left untouched).
        history : History
            From ``fit(..., snapshot_every=k)``; one stage per snapshot.
        X : array-like of shape (n_samples, 2)
        y : array-like of shape (n_samples,)
        resolution : int, default=41
        title : str

        Returns
        -------
        Explorable
        """
        snapshots = list(getattr(history, "snapshots", None) or [])
        if not snapshots:
            raise ValueError("history has no snapshots; train with fit(..., snapshot_every=k)")
        if not hasattr(net, "trace") or net.sizes[0] != 2 or net.sizes[-1] != 1:
            raise ValueError(f"net must be an MLP with 2 inputs and 1 output; got {net!r}")
        X = check_array(X, "X", n_features=2)
        box = _box(X)
        resolution = check_int(resolution, "resolution", minimum=2)
        grid = _grid(box, resolution)
        copy, fields = net.copy(), []
        for snap in snapshots:
            copy.set_weights(snap.weights)
            fields.append(_proba(copy, grid).reshape(resolution, resolution))
        labels = [f"epoch {s.epoch:g}" for s in snapshots]
        explorable = cls(y, title=title)
        explorable.add_variant(
            None,
            [X] * len(snapshots),
            labels=labels,
            fields=fields,
            field_extent=box,
            **_unit_maps(copy, box, resolution),
        )
        return explorable

    # ------------------------------------------------------------------------------ export

    def manifest(self, stem: str) -> tuple[dict, list[bytes]]:
        """The JSON manifest and the binary blob of every variant (file ``{stem}-{i}.bin``)."""
        self._check_complete()
        entries, blobs = [], []
        for i, key in enumerate(self.keys):
            v = self.variants[self._key(key)]
            blob = _Blob()
            entry = {
                "key": key,
                "file": f"{stem}-{i}.bin",
                "dims": v.dims,
                "labels": v.labels,
                "points": [blob.add(s, "int16") for s in v.stages],
            }
            if v.lines is not None:
                entry["lines"] = [blob.add(s, "int16") for s in v.lines]
            if v.fields is not None:
                entry["fields"] = [blob.add(f, "uint8") for f in v.fields]
                entry["field_extent"] = v.field_extent
            if v.units is not None:
                entry["units"] = [blob.add(u, "uint8") for u in v.units]
                entry["unit_labels"], entry["unit_extent"] = v.unit_labels, v.unit_extent
            data = blob.bytes()
            entry["bytes"] = len(data)
            entries.append(entry)
            blobs.append(data)
        n_classes = int(self.y.max()) + 1 if self.y.size else 1
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "alt": self.describe(),
            "dials": self.dials,
            "y": self.y.tolist(),
            "colors": self.colors[:n_classes],
            "variants": entries,
        }
        return manifest, blobs

    def describe(self) -> str:
        """One sentence for screen readers (``alt``, else built from the stages)."""
        if self.alt:
            return str(self.alt)
        v = self._first()
        dials = "; dials: " + ", ".join(self.dials) if self.dials else ""
        return (
            f"Explorable figure{': ' + self.title if self.title else ''}: {self.n_points} points "
            f"through {len(v.labels)} stages ({v.labels[0]} to {v.labels[-1]}){dials}."
        )

    def write(self, directory, stem="explorable") -> Path:
        """Write ``{stem}.json`` and ``{stem}-{i}.bin`` into ``directory``; return the manifest.

        Every file is written to a temporary name first and renamed when complete, the manifest
        last, so that an error leaves no half-written data set behind.
        """
        directory = check_path(directory, "directory")
        if not directory.is_dir():
            raise ValueError(f"directory {str(directory)!r} does not exist")
        if not isinstance(stem, str) or not stem or "/" in stem or "\\" in stem:
            raise ValueError(f"stem must be a non-empty file name without a folder; got {stem!r}")
        manifest, blobs = self.manifest(stem)
        files = [
            (directory / e["file"], b) for e, b in zip(manifest["variants"], blobs, strict=True)
        ]
        text = json.dumps(manifest, separators=(",", ":"), allow_nan=False).encode()
        files.append((directory / f"{stem}.json", text))
        temps = []
        try:
            for path, data in files:
                fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.")
                temps.append(tmp)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
            for (path, _), tmp in zip(files, temps, strict=True):
                os.replace(tmp, path)
        finally:
            for tmp in temps:
                if os.path.exists(tmp):
                    os.remove(tmp)
        return directory / f"{stem}.json"

    # ------------------------------------------------------------------------- matplotlib

    def animate(
        self,
        key=None,
        *,
        ax=None,
        frames_per_transition=12,
        pause_frames=6,
        interval=40,
        azim_per_frame=0.4,
        markersize=2,
    ):
        r"""The variant ``key`` as a matplotlib animation (the fallback of the browser player).

        The points and grid move from stage to stage (3D stages with a turning camera), drawn
        by :mod:`nnexplain.animate`'s animator, over the field of the nearest stage (2D stages, in
        the class colours: class 0, white at 0.5, class 1); unit maps are not drawn. The
        animation is kept as ``self.animation``, so the scraper uses it for the poster and the
        video.

        Returns
        -------
        matplotlib.animation.FuncAnimation
        """
        from matplotlib.animation import FuncAnimation
        from matplotlib.colors import LinearSegmentedColormap

        from ._style import get_ax
        from .animate import _Animator

        v = self.variant(key)
        opts = {
            "labels": v.labels,
            "frames_per_transition": frames_per_transition,
            "pause_frames": pause_frames,
        }
        frames = warps.interpolate(list(v.stages), **opts)
        line_frames = None if v.lines is None else warps.interpolate(list(v.lines), **opts)
        three_d = v.dims == 3
        ax = get_ax(ax, three_d=three_d)
        prefix = self.title + ": " if self.title else ""
        n = frames.n_frames
        animator = _Animator(
            ax,
            line_frames=None if line_frames is None else line_frames.positions,
            point_frames=frames.positions if self.n_points else None,
            y=self.y,
            titles=[prefix + label for label in frames.frame_labels],
            colors=self.colors,
            point_kw={"markersize": markersize},
            azim=-60 + azim_per_frame * np.arange(n) if three_d else None,
            elev=20,
            limits_from="points" if self.n_points else "all",
        )
        if three_d:
            ax.view_init(elev=20, azim=-60)
        update = animator
        if v.fields is not None and not three_d:  # the field of the nearest stage, underneath
            cmap = LinearSegmentedColormap.from_list("p", [self.colors[0], "white", self.colors[1]])
            image = ax.imshow(
                v.fields[0], origin="lower", extent=v.field_extent, cmap=cmap, vmin=0, vmax=1,
                alpha=0.55, zorder=0, interpolation="bilinear",
            )  # fmt: skip
            stage = np.rint(frames.t).astype(int)

            def update(k):
                image.set_data(v.fields[stage[k]])
                return [image, *animator(k)]

        ax.figure.nnexplain_alt = self.describe()
        ax.figure.nnexplain_poster_frame = n - 1
        self.animation = FuncAnimation(
            ax.figure, update, frames=n, interval=interval, blit=not three_d
        )
        return self.animation

    def save(self, path, key=None, **kwargs) -> Path:
        """Write the variant ``key`` as a video (MP4, GIF or WebP; see
        :func:`nnexplain.video.save`, which receives ``kwargs``)."""
        import matplotlib.pyplot as plt

        from .video import save

        anim = self.animate(key)
        try:
            return save(anim, path, **kwargs)
        finally:
            plt.close(anim._fig)


def _box(X, margin=0.1) -> tuple:
    """(xmin, xmax, ymin, ymax) of the data with a margin of ``margin`` of its range."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def _grid(box, resolution) -> np.ndarray:
    """The ``resolution**2`` points of a grid over ``box``, rows from ymin up."""
    gx = np.linspace(box[0], box[1], resolution)
    gy = np.linspace(box[2], box[3], resolution)
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()])


def _proba(net, X) -> np.ndarray:
    """Probability of the last class (of class 1 for a binary network)."""
    p = net.predict_proba(X)
    return p if p.ndim == 1 else p[:, -1]


def _unit_maps(net, box, resolution) -> dict:
    """Every hidden unit's activation, and the output's probability of the last class, over a
    grid of the input plane."""
    trace = net.trace(_grid(box, resolution))
    maps, labels = [], []
    for layer, h in enumerate(trace.post_activations[:-1], start=1):
        for j in range(h.shape[1]):
            maps.append(h[:, j])
            labels.append(f"layer {layer} unit {j + 1}")
    maps.append(_proba(net, trace.input))
    labels.append("output")
    shape = (resolution, resolution)
    return {
        "units": [m.reshape(shape) for m in maps],
        "unit_labels": labels,
        "unit_extent": box,
    }


def load(path) -> Explorable:
    """Read a data set written by :meth:`Explorable.write` back (values dequantised)."""
    path = check_path(path, "path")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read explorable manifest {str(path)!r}: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{str(path)!r} is not an explorable manifest (format {FORMAT!r})")
    explorable = Explorable(
        manifest["y"],
        dials=manifest["dials"],
        title=manifest["title"],
        alt=manifest["alt"],
        colors=manifest["colors"],
    )
    for entry in manifest["variants"]:
        blob = (path.parent / entry["file"]).read_bytes()
        if len(blob) != entry["bytes"]:
            raise ValueError(
                f"{entry['file']} has {len(blob)} bytes; the manifest says {entry['bytes']}"
            )

        def get(name, blob=blob, entry=entry):
            return [_dequantise(blob, m) for m in entry[name]] if name in entry else None

        units = get("units")
        explorable.add_variant(
            entry["key"] or None,
            get("points"),
            labels=entry["labels"],
            lines=get("lines"),
            fields=get("fields"),
            field_extent=entry.get("field_extent"),
            units=None if units is None else np.stack(units),
            unit_labels=entry.get("unit_labels"),
            unit_extent=entry.get("unit_extent"),
        )
    return explorable
