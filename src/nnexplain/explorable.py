r"""Explorable figures: computed once at build time, driven by the reader in the browser.

This module is the *data half* (numpy only): an :class:`Explorable` holds plain arrays, writes
them as a compact data set (:meth:`Explorable.write`) that the site's player
(``docs/javascripts/explorable.js``, Canvas 2D) draws, and reads them back (:func:`load`). The
*drawing half* is :func:`nnexplain.animate.animate_explorable`, the matplotlib fallback that
:meth:`Explorable.animate` and :meth:`Explorable.save` call, so that a plain
``python script.py`` run and the MP4 without JavaScript still show the figure.
:mod:`nnexplain.scraper` finds explorables among a gallery example's variables and puts the
player on the page.

A figure has **stages** (what the slider scrubs through, one label each, e.g. ``"layer 2:
tanh"``, ``"epoch 40"`` or ``"30°"``) and **variants** keyed by named **dials** (radio groups:
``dials={"activation": ["tanh", "ReLU"]}``; several dials: one variant per combination). Each
variant is one of three kinds:

- **points** (:meth:`Explorable.add_variant`): the same points (class-coloured) at every stage,
  2D or 3D, with optional grid lines carried along, an optional heat-map per 2D stage
  (``fields``: the probability of class 1) and optional per-unit maps over the input plane;
- **histograms** (:meth:`Explorable.add_histograms`): one or more histograms per stage (bin
  edges and counts, one panel each), e.g. a layer's activations, one stage per layer;
  :func:`histograms` bins raw values with shared edges;
- **images** (:meth:`Explorable.add_images`): a few small grayscale images with captions per
  stage, e.g. an input digit, the winner template and the hidden units it excites.

Quick reference (exact signatures)::

    Explorable(y=None, *, dials=None, title="", alt=None)
    .add_variant(key, stages, *, labels=None, lines=None, fields=None, field_extent=None,
                 units=None, unit_labels=None, unit_extent=None)            # points
    .add_histograms(key, counts, edges, *, labels=None, panels=None)    # histograms
    .add_images(key, images, *, labels=None, captions=None, cmap="gray_r")  # images
    Explorable.from_networks(nets, X, y=None, *, dial="network", lines=None, projection="3d",
                             include_affine=True, units=True, resolution=41, title="")
    Explorable.from_warp(transforms, *, lines=None, points=None, y=None, n_stages=5,
                         dial="map", labels=None, title="")
    Explorable.from_snapshots(net, history, X, y, *, resolution=41, title="")
    histograms(values, *, bins=40, value_range=None) -> (counts, edges)
    .keys, .variant(key=None), .n_stages, .n_points, .write(directory, stem), .manifest(stem)
    .animate(key=None, **kwargs) -> nnexplain.animate.Animation;  .save(path, key=None, **kw)
    load(path) -> Explorable

``key`` is ``{dial: value}`` for every dial (``None`` without dials). Stage labels are free
text, so a slider can read as a continuous dial: ``labels=[f"{a:g}°" for a in angles]``.

Data format: a JSON manifest plus one binary file per variant, fetched when its dial value is
chosen; coordinates, edges and counts are int16 codes and heat-maps and images uint8 codes,
each array with its own offset and scale, so the error is at most :data:`INT16_ERROR` or
:data:`UINT8_ERROR` of that array's range (max - min). Each file's length and CRC-32, and the
player's clock (:data:`nnexplain.frames.PLAYER_TIMING`), are in the manifest; the full
specification is the site's "The explorable format" page
(``docs/contributing/explorable-format.md``).

Examples
--------
>>> from nnexplain import train_mlp
>>> from nnexplain.datasets import make_circle_in_donut
>>> X, y = make_circle_in_donut(200, seed=0)
>>> nets = {a: train_mlp([2, 3, 1], X, y, activation=a, seed=0, epochs=2) for a in ("tanh", "relu")}
>>> explorable = Explorable.from_networks(nets, X, y, dial="activation")
>>> explorable.dials, explorable.n_stages
({'activation': ['tanh', 'relu']}, 3)

Histograms of three layers' activations, one stage per layer:

>>> rng = np.random.default_rng(0)
>>> layers = [[np.tanh(rng.normal(scale=s, size=500))] for s in (2.0, 1.0, 0.1)]
>>> counts, edges = histograms(layers, bins=20, value_range=(-1, 1))
>>> h = Explorable(title="activations").add_histograms(
...     None, counts, edges, labels=["layer 1", "layer 2", "layer 3"], panels=["tanh"])
>>> h.n_stages, h.variant().counts.shape
(3, (3, 1, 20))
"""

from __future__ import annotations

import itertools
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import palette, warps
from ._files import atomic_open
from ._validation import (
    check_array,
    check_choice,
    check_extent,
    check_int,
    check_labels,
    check_path,
    check_range,
    describe,
)
from .datasets import make_grid_lines
from .fields import data_extent
from .frames import PLAYER_TIMING, path_frames
from .journey import Journey, journey
from .network import check_mlp
from .projections import METHODS
from .replay import TrainingReplay, training_replay

__all__ = ["IMAGE_CMAPS", "INT16_ERROR", "KINDS", "UINT8_ERROR", "Explorable", "histograms", "load"]

FORMAT = "nnexplain-explorable"
VERSION = 4
KINDS = ("points", "histograms", "images")
"""The kinds of stage a variant can hold."""
IMAGE_CMAPS = ("gray", "gray_r", "signed")
"""How an image is drawn: black to white, white to black (ink on paper), or signed values
(purple below zero, white at zero, orange above, symmetric around zero)."""
INT16_ERROR = 0.5 / 65534
"""Largest error of an int16-quantised array, as a fraction of its range (max - min)."""
UINT8_ERROR = 0.5 / 255
"""Largest error of a uint8-quantised array (fields, unit maps, images), as a fraction of its
range."""


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
    labels: list  # one per stage
    kind: str = "points"
    # points
    stages: np.ndarray | None = None  # (n_stages, n_points, dims)
    lines: np.ndarray | None = None  # (n_stages, n_lines, n_pts, dims)
    fields: np.ndarray | None = None  # (n_stages, h, w), over field_extent
    field_extent: tuple | None = None
    units: np.ndarray | None = None  # (n_units, h, w), over unit_extent
    unit_labels: list = field(default_factory=list)
    unit_extent: tuple | None = None
    # histograms
    counts: np.ndarray | None = None  # (n_stages, n_panels, n_bins)
    edges: np.ndarray | None = None  # (n_stages, n_panels, n_bins + 1)
    panels: list = field(default_factory=list)
    # images
    images: np.ndarray | None = None  # (n_stages, n_images, h, w)
    captions: list = field(default_factory=list)  # n_stages lists of n_images str
    cmaps: list = field(default_factory=list)  # n_images

    @property
    def dims(self) -> int:
        """Coordinates per point (2 or 3); 2 for histograms and images."""
        return 2 if self.stages is None else self.stages.shape[-1]


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


def _labels(labels, n, name="labels", default="stage {}"):
    """``n`` strings: ``labels`` checked, or ``default`` numbered from 1."""
    if labels is None:
        return [default.format(i + 1) for i in range(n)]
    if isinstance(labels, str) or not hasattr(labels, "__len__"):
        raise TypeError(f"{name} must be a list of {n} str; got {labels!r}")
    if len(labels) != n:
        raise ValueError(f"{name} has {len(labels)} entries; expected {n}")
    return [str(s) for s in labels]


def _edges(edges, shape):
    """Bin edges broadcast to ``(n_stages, n_panels, n_bins + 1)``, increasing."""
    arr = check_array(edges, "edges", ndim=(1, 2, 3))
    n_stages, n_panels, n_bins = shape
    target = (n_stages, n_panels, n_bins + 1)
    try:
        arr = np.broadcast_to(arr.reshape((1,) * (3 - arr.ndim) + arr.shape), target).copy()
    except ValueError:
        raise ValueError(
            f"edges has shape {arr.shape}; counts of shape {shape} need {n_bins + 1} edges "
            f"per histogram: shape ({n_bins + 1},), ({n_panels}, {n_bins + 1}) or {target}"
        ) from None
    if np.any(np.diff(arr, axis=-1) <= 0):
        raise ValueError("edges must increase strictly along each histogram")
    return arr


class Explorable:
    r"""A figure the reader explores: stages, dials and their variants.

    Parameters
    ----------
    y : array-like of shape (n_points,) or None
        Class label of every point (its colour); ``None``: one class, or no points (histograms,
        images).
    dials : dict of str to list of str, or None
        Named dials and their values, e.g. ``{"activation": ["tanh", "ReLU"]}``; a variant is
        needed for every combination of values. ``None``: a single variant.
    title : str, default=""
        Shown above the player and as the animation's title prefix.
    alt : str or None
        One sentence for screen readers; default: built from the title and stages.

    Attributes
    ----------
    dials : dict of str to list of str
    n_points, n_stages : int
    """

    def __init__(self, y=None, *, dials=None, title="", alt=None):
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
        r"""Add the **points** variant shown when the dials read ``key``.

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
        variant = _Variant(_labels(labels, n_stages), stages=points)
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
            variant.field_extent = check_extent(field_extent, "field_extent")
        if units is not None:
            variant.units = check_array(units, "units", ndim=3)
            m = len(variant.units)
            variant.unit_labels = _labels(unit_labels, m, "unit_labels", "unit {}")
            if unit_extent is None:
                raise ValueError("units need unit_extent=(xmin, xmax, ymin, ymax)")
            variant.unit_extent = check_extent(unit_extent, "unit_extent")
        self.variants[key] = variant
        return self

    def add_histograms(self, key, counts, edges, *, labels=None, panels=None) -> Explorable:
        r"""Add the **histograms** variant shown when the dials read ``key``.

        Each stage shows one histogram per panel, side by side; the player keeps each panel's
        axes fixed across the stages of a variant, so a distribution that narrows is seen to
        narrow (and its peak to rise).

        Parameters
        ----------
        key : dict of str to str or None
            A value for every dial; ``None`` without dials.
        counts : array-like of shape (n_stages, n_bins) or (n_stages, n_panels, n_bins)
            Non-negative bin heights (counts or densities).
        edges : array-like of shape (n_bins + 1,), (n_panels, n_bins + 1) or
            (n_stages, n_panels, n_bins + 1)
            Increasing bin edges, shared by every stage or given per stage.
        labels : list of str or None
            One per stage, e.g. ``["layer 1", "layer 2"]``.
        panels : list of str or None
            One caption per panel, e.g. ``["activations", "gradients"]``; default ``"panel
            1"``, ... (nothing for a single panel).

        Returns
        -------
        Explorable
            ``self``, so calls chain.
        """
        key = self._key(key)
        counts = check_array(counts, "counts", ndim=(2, 3))
        if counts.ndim == 2:
            counts = counts[:, None, :]
        if counts.shape[-1] < 1 or np.any(counts < 0):
            raise ValueError(f"counts must be >= 0 with at least one bin; got {counts.shape}")
        n_stages, n_panels, _ = counts.shape
        self.variants[key] = _Variant(
            _labels(labels, n_stages),
            kind="histograms",
            counts=counts,
            edges=_edges(edges, counts.shape),
            panels=[""]
            if panels is None and n_panels == 1
            else _labels(panels, n_panels, "panels", "panel {}"),
        )
        return self

    def add_images(self, key, images, *, labels=None, captions=None, cmap="gray_r") -> Explorable:
        r"""Add the **images** variant shown when the dials read ``key``.

        Parameters
        ----------
        key : dict of str to str or None
            A value for every dial; ``None`` without dials.
        images : array-like of shape (n_images, h, w) or (n_stages, n_images, h, w)
            Small grayscale images (e.g. 28 x 28 digits), row 0 at the top; one stage when 3D.
            Each image is scaled to its own range (``"signed"``: to its largest magnitude).
        labels : list of str or None
            One per stage; default ``"stage 1"``, ... (nothing for a single stage).
        captions : list of str, list of list of str, or None
            One per image (the same on every stage), or one list per stage.
        cmap : {"gray", "gray_r", "signed"} or list of them, default="gray_r"
            One for all images or one per image; see :data:`IMAGE_CMAPS`.

        Returns
        -------
        Explorable
            ``self``, so calls chain.
        """
        key = self._key(key)
        images = check_array(images, "images", ndim=(3, 4))
        images = images[None] if images.ndim == 3 else images
        n_stages, n_images = images.shape[:2]
        cmaps = [cmap] * n_images if isinstance(cmap, str) else list(cmap)
        cmaps = [check_choice(c, "cmap", IMAGE_CMAPS) for c in _labels(cmaps, n_images, "cmap")]
        if captions is None or all(isinstance(c, str) for c in captions):
            captions = [captions] * n_stages
        if len(captions) != n_stages:
            raise ValueError(f"captions has {len(captions)} lists for {n_stages} stages")
        if labels is None and n_stages == 1:
            labels = [""]  # one stage: nothing to name
        self.variants[key] = _Variant(
            _labels(labels, n_stages),
            kind="images",
            images=images,
            captions=[_labels(c, n_images, "captions", "image {}") for c in captions],
            cmaps=cmaps,
        )
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
            For 2-input networks, each hidden unit's response
            (:func:`nnexplain.fields.unit_responses`) and the output's probability over a
            ``resolution`` x ``resolution`` grid of the input plane.
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
        opts = {"lines": lines, "projection": projection, "include_affine": include_affine}
        opts.update(units=units, resolution=resolution)
        journeys = {
            name: journey(check_mlp(net, f"nets[{name!r}]" if name else "nets"), X, **opts)
            for name, net in nets.items()
        }
        journeys = journeys[""] if "" in journeys else journeys
        return cls.from_journeys(journeys, y, dial=dial, title=title)

    @classmethod
    def from_journeys(cls, journeys, y=None, *, dial="network", title="") -> Explorable:
        r"""The player's data of one or several :class:`~nnexplain.journey.Journey` objects.

        Parameters
        ----------
        journeys : Journey or dict of str to Journey
            One journey, or one per value of the dial; all of the same data.
        y : array-like of shape (n_samples,) or None
        dial : str, default="network"
        title : str

        Returns
        -------
        Explorable
        """
        journeys = journeys if isinstance(journeys, dict) else {"": journeys}
        if not journeys:
            raise ValueError("journeys is empty; give a Journey or a dict of them")
        for name, j in journeys.items():
            if not isinstance(j, Journey):
                raise TypeError(f"journeys[{name!r}] must be a Journey; got {describe(j)}")
        n = next(iter(journeys.values())).n_samples
        dials = {dial: list(journeys)} if "" not in journeys else None
        explorable = cls(y if y is not None else np.zeros(n, int), dials=dials, title=title)
        for name, j in journeys.items():
            extra = {}
            if j.units is not None:
                extra = {
                    "units": j.units,
                    "unit_labels": j.unit_labels,
                    "unit_extent": j.unit_extent,
                }
            key = {dial: name} if dials else None
            explorable.add_variant(key, j.stages, labels=j.labels, lines=j.lines, **extra)
        return explorable

    @classmethod
    def from_warp(
        cls,
        transforms,
        *,
        lines=None,
        points=None,
        y=None,
        n_stages=5,
        dial="map",
        labels=None,
        title="",
    ) -> Explorable:
        r"""A grid (and points) going from the identity to a map of the plane, in steps.

        Parameters
        ----------
        transforms : transform or dict of str to transform
            Anything :func:`nnexplain.warps.as_map` accepts (a matrix -- a rotation turns by a
            growing angle --, ``(W, b)``, an activation name, a square Dense layer, a
            :class:`~nnexplain.warps.MapPath`), or one per dial value.
        lines : ndarray of shape (n_lines, n_points_per_line, 2) or None
            Default: an 11x11 grid over [-1, 1]^2.
        points : array-like of shape (n_points, 2) or None
        y : array-like of shape (n_points,) or None
        n_stages : int, default=5
            Stages at ``t = 0, 1/(n-1), ..., 1`` of the map's path
            (:func:`nnexplain.frames.path_frames`).
        dial : str, default="map"
        labels : list of str or None
            One per stage; default ``"t = 0"``, ..., ``"t = 1"``. A rotation by 180° in 13
            stages reads as an angle slider with ``[f"{a:g}°" for a in range(0, 181, 15)]``.
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
        default = [f"t = {t:.2g}" for t in np.linspace(0, 1, n_stages)]
        labels = default if labels is None else _labels(labels, n_stages)
        for name, transform in transforms.items():
            path = warps.as_map(transform).path
            grid = path_frames(path, lines, n_stages)
            pts = path_frames(path, points, n_stages) if len(points) else None
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
            A classifier with 2 inputs (its weights are left untouched).
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
        check_mlp(net, "net")
        X = check_array(X, "X", n_features=2)
        r = training_replay(
            net, history, X, y, resolution=resolution, extent=data_extent(X), units=True
        )
        return cls.from_replay(r, y, title=title)

    @classmethod
    def from_replay(cls, r, y, *, title="") -> Explorable:
        r"""The player's data of a :class:`~nnexplain.replay.TrainingReplay`: one stage per
        snapshot, the data under that snapshot's decision field, and the units of the last
        snapshot (when the replay has unit maps).

        Returns
        -------
        Explorable
        """
        if not isinstance(r, TrainingReplay):
            raise TypeError(f"r must be a TrainingReplay; got {describe(r)}")
        explorable = cls(y, title=title)
        extra = {}
        if r.units is not None:
            extra = {"units": r.units[-1], "unit_labels": r.unit_labels, "unit_extent": r.extent}
        explorable.add_variant(
            None,
            [r.X] * r.n_snapshots,
            labels=r.labels,
            fields=[f.proba[..., -1] for f in r.fields],
            field_extent=r.extent,
            **extra,
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
            entry = {"key": key, "file": f"{stem}-{i}.bin", "kind": v.kind, "labels": v.labels}
            entry.update(_ENCODERS[v.kind](v, blob))
            data = blob.bytes()
            entry["bytes"] = len(data)
            entry["crc32"] = zlib.crc32(data)  # the player refuses a corrupt file
            entries.append(entry)
            blobs.append(data)
        y = np.zeros(0, np.int64) if self.y is None else self.y
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "alt": self.describe(),
            "dials": self.dials,
            "y": y.tolist(),
            "palette": palette.as_dict(),
            "timing": dict(PLAYER_TIMING),
            "variants": entries,
        }
        return manifest, blobs

    def describe(self) -> str:
        """One sentence for screen readers (``alt``, else built from the stages)."""
        if self.alt:
            return str(self.alt)
        v = self._first()
        what = {
            "points": f"{self.n_points} points",
            "histograms": f"{len(v.panels)} histogram{'s' * (len(v.panels) > 1)}",
            "images": f"{len(v.cmaps)} images",
        }[v.kind]
        dials = "; dials: " + ", ".join(self.dials) if self.dials else ""
        return (
            f"Explorable figure{': ' + self.title if self.title else ''}: {what} "
            f"through {len(v.labels)} stages ({v.labels[0]} to {v.labels[-1]}){dials}."
        )

    def write(self, directory, stem="explorable") -> Path:
        """Write ``{stem}.json`` and ``{stem}-{i}.bin`` into ``directory``; return the manifest.

        Each file is written atomically (:mod:`nnexplain._files`: a temporary file renamed when
        complete), the manifest last, so that an error leaves no half-written file behind and no
        manifest pointing at missing data.
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
        for path, data in files:
            with atomic_open(path, "wb") as handle:
                handle.write(data)
        return directory / f"{stem}.json"

    # ------------------------------------------------------------------------- matplotlib

    def animate(self, key=None, **kwargs):
        r"""The variant ``key`` as a matplotlib animation (the fallback of the browser player).

        Drawn by :func:`nnexplain.animate.animate_explorable`, which receives ``kwargs``
        (``ax``, ``frames_per_transition``, ``pause_frames``, ``interval``, ...). The animation
        is kept as ``self.animation``, so the scraper uses it for the poster and the video.

        Returns
        -------
        nnexplain.animate.Animation
        """
        from .animate import animate_explorable  # matplotlib only when drawing

        self.animation = animate_explorable(self, key, **kwargs)
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
            plt.close(anim.figure)


def histograms(values, *, bins=40, value_range=None) -> tuple[np.ndarray, np.ndarray]:
    r"""Bin raw values for :meth:`Explorable.add_histograms`, with the same edges on every
    stage of a panel (so the stages compare).

    Parameters
    ----------
    values : list (one per stage) of array-like or of lists of array-like (one per panel)
        E.g. ``[[acts_layer1], [acts_layer2]]``: one panel, two stages; any shape, flattened.
    bins : int, default=40
    value_range : (float, float) or None
        The range binned; ``None``: each panel's smallest to largest value over all stages.

    Returns
    -------
    counts : ndarray of shape (n_stages, n_panels, bins)
    edges : ndarray of shape (n_panels, bins + 1)
    """
    if isinstance(values, np.ndarray) or not isinstance(values, (list, tuple)) or not values:
        raise TypeError(f"values must be a non-empty list (one entry per stage); got {values!r}")
    bins = check_int(bins, "bins", minimum=1)
    stages = [
        [v] if isinstance(v, np.ndarray) or not isinstance(v, (list, tuple)) else list(v)
        for v in values
    ]
    if len({len(s) for s in stages}) != 1:
        raise ValueError(f"every stage needs the same panels; got {[len(s) for s in stages]}")
    stages = [
        [check_array(np.ravel(a), f"values[{i}][{p}]", ndim=1) for p, a in enumerate(s)]
        for i, s in enumerate(stages)
    ]
    edges = []
    for p in range(len(stages[0])):
        if value_range is None:
            lo = min(float(s[p].min()) for s in stages)
            hi = max(float(s[p].max()) for s in stages)
            lo, hi = (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)
        else:
            lo, hi = check_range(value_range, "value_range")
        edges.append(np.linspace(lo, hi, bins + 1))
    counts = [[np.histogram(a, e)[0] for a, e in zip(s, edges, strict=True)] for s in stages]
    return np.asarray(counts, dtype=float), np.stack(edges)


# --------------------------------------------------------------------------------------------
# maps over the input plane
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# encoding and decoding, one pair per kind
# --------------------------------------------------------------------------------------------


def _encode_points(v, blob) -> dict:
    entry = {"dims": v.dims, "points": [blob.add(s, "int16") for s in v.stages]}
    if v.lines is not None:
        entry["lines"] = [blob.add(s, "int16") for s in v.lines]
    if v.fields is not None:
        entry["fields"] = [blob.add(f, "uint8") for f in v.fields]
        entry["field_extent"] = v.field_extent
    if v.units is not None:
        entry["units"] = [blob.add(u, "uint8") for u in v.units]
        entry["unit_labels"], entry["unit_extent"] = v.unit_labels, v.unit_extent
    return entry


def _encode_histograms(v, blob) -> dict:
    return {
        "panels": v.panels,
        "counts": [blob.add(c, "int16") for c in v.counts],
        "edges": [blob.add(e, "int16") for e in v.edges],
    }


def _encode_images(v, blob) -> dict:
    return {
        "cmaps": v.cmaps,
        "captions": v.captions,
        "images": [[blob.add(im, "uint8") for im in stage] for stage in v.images],
    }


_ENCODERS = {"points": _encode_points, "histograms": _encode_histograms, "images": _encode_images}


def _decode(explorable, entry, blob):
    """Add the variant ``entry`` of a manifest, its arrays read from ``blob``."""

    def get(name):
        return [_dequantise(blob, m) for m in entry[name]] if name in entry else None

    key, kind = entry["key"] or None, entry.get("kind", "points")
    if kind == "histograms":
        return explorable.add_histograms(
            key, get("counts"), get("edges"), labels=entry["labels"], panels=entry["panels"]
        )
    if kind == "images":
        images = [[_dequantise(blob, m) for m in stage] for stage in entry["images"]]
        return explorable.add_images(
            key, images, labels=entry["labels"], captions=entry["captions"], cmap=entry["cmaps"]
        )
    units = get("units")
    return explorable.add_variant(
        key,
        get("points"),
        labels=entry["labels"],
        lines=get("lines"),
        fields=get("fields"),
        field_extent=entry.get("field_extent"),
        units=None if units is None else np.stack(units),
        unit_labels=entry.get("unit_labels"),
        unit_extent=entry.get("unit_extent"),
    )


def load(path) -> Explorable:
    """Read a data set written by :meth:`Explorable.write` back (values dequantised)."""
    path = check_path(path, "path")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read explorable manifest {str(path)!r}: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError(f"{str(path)!r} is not an explorable manifest (format {FORMAT!r})")
    if manifest.get("version") != VERSION:
        raise ValueError(
            f"{str(path)!r} is format version {manifest.get('version')!r}; this nnexplain reads "
            f"version {VERSION}"
        )
    explorable = Explorable(
        manifest["y"] or None,
        dials=manifest["dials"],
        title=manifest["title"],
        alt=manifest["alt"],
    )
    for entry in manifest["variants"]:
        blob = (path.parent / entry["file"]).read_bytes()
        if len(blob) != entry["bytes"]:
            raise ValueError(
                f"{entry['file']} has {len(blob)} bytes; the manifest says {entry['bytes']}"
            )
        if "crc32" in entry and zlib.crc32(blob) != entry["crc32"]:
            raise ValueError(f"{entry['file']} is corrupt: its CRC-32 does not match the manifest")
        _decode(explorable, entry, blob)
    return explorable
