from __future__ import annotations

import itertools
import json
import zlib
from pathlib import Path

import numpy as np

from .. import palette, warps
from .._files import atomic_open
from .._validation import (
    check_array,
    check_choice,
    check_int,
    check_labels,
    check_path,
    describe,
)
from ..datasets import make_grid_lines
from ..fields import data_extent
from ..frames import PLAYER_TIMING, path_frames
from ..journey import Journey, journey
from ..network import check_mlp
from ..projections import METHODS
from ..replay import TrainingReplay, training_replay
from .format import FORMAT, VERSION, Blob, check_blob, check_manifest, dequantise
from .kinds.histograms import HistogramStages
from .kinds.images import ImageStages
from .kinds.points import PointStages
from .stages import Stages, stage_labels

__all__ = ["KINDS", "Explorable", "load"]

KINDS = {kind.kind: kind for kind in (PointStages, HistogramStages, ImageStages)}
"""The kinds of stage a variant can hold, by name: a class deriving from
:class:`~nnexplain.explorable.stages.Stages` each."""


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
    default : dict of str to str or None
        The dial values shown first (the interesting case); ``None``: the first value of each.
        A dial whose values are all numbers, three or more, is drawn as a slider.

    Attributes
    ----------
    dials : dict of str to list of str
    default : dict of str to str
    readouts : dict of tuple to (str or list of str)
        The number each variant shows next to its dials (:meth:`set_readout`), by key.
    n_points, n_stages : int
    """

    def __init__(self, y=None, *, dials=None, title="", alt=None, default=None):
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
        self.variants: dict[tuple, Stages] = {}
        self.readouts: dict[tuple, str | list] = {}
        start = [v[0] for v in self.dials.values()] if default is None else self._key(default)
        self.default = dict(zip(self.dials, start, strict=True))

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
        v = PointStages.build(
            stages,
            n_points=None if self.y is None else self.y.shape[0],
            labels=labels,
            lines=lines,
            fields=fields,
            field_extent=field_extent,
            units=units,
            unit_labels=unit_labels,
            unit_extent=unit_extent,
        )
        return self.add(key, v)

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
        return self.add(key, HistogramStages.build(counts, edges, labels=labels, panels=panels))

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
        v = ImageStages.build(images, labels=labels, captions=captions, cmap=cmap)
        return self.add(key, v)

    def add(self, key, stages: Stages) -> Explorable:
        r"""Add a variant of any kind, already built (the ``add_*`` methods build it).

        Parameters
        ----------
        key : dict of str to str or None
        stages : PointStages, HistogramStages or ImageStages

        Returns
        -------
        Explorable
            ``self``, so calls chain.
        """
        key = self._key(key)
        if not isinstance(stages, tuple(KINDS.values())):
            raise TypeError(
                f"stages must be one of {[k.__name__ for k in KINDS.values()]}; "
                f"got {describe(stages)}"
            )
        if stages.kind == "points":
            if self.y is None:
                self.y = np.zeros(stages.n_points, np.int64)
            elif stages.n_points != self.y.shape[0]:
                raise ValueError(
                    f"stages have {stages.n_points} points; the explorable has {self.y.shape[0]}"
                )
        self.variants[key] = stages
        return self

    def set_readout(self, key, text) -> Explorable:
        r"""The number the variant ``key`` shows under its dials, read aloud when it changes.

        A page whose claim is about a cause (an input scale, a weight std, a seed) makes that
        cause the dial and shows here the number its check measures for each setting; at the
        default setting the readout is the number in the page's "Checked at build time" block.

        Parameters
        ----------
        key : dict of str to str or None
            A variant's dial values (added already or later).
        text : str or list of str
            One line, or one line per stage (the readout follows the stage slider).

        Returns
        -------
        Explorable
            ``self``, so calls chain.
        """
        k = self._key(key)
        if isinstance(text, str):
            self.readouts[k] = text
            return self
        if not isinstance(text, (list, tuple)) or not all(isinstance(t, str) for t in text):
            raise TypeError(f"text must be a str or a list of str; got {describe(text)}")
        if k in self.variants and len(text) != len(self.variants[k].labels):
            raise ValueError(
                f"text has {len(text)} lines for the {len(self.variants[k].labels)} stages of "
                f"variant {dict(zip(self.dials, k, strict=True))}"
            )
        self.readouts[k] = list(text)
        return self

    @property
    def n_points(self) -> int:
        return 0 if self.y is None else int(self.y.shape[0])

    @property
    def n_stages(self) -> int:
        return len(self._first().labels)

    def _first(self) -> Stages:
        if not self.variants:
            raise ValueError("the explorable has no variant yet; call add_variant first")
        return self.variants[self._key(self.keys[0])]

    def variant(self, key=None) -> Stages:
        """The variant for ``key`` (default: :attr:`default`, the setting the player opens on)."""
        self._check_complete()
        return self.variants[self._key(key if key is not None else self.default)]

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
        default=None,
    ) -> Explorable:
        r"""The journey of data (and a grid) through one or several trained networks.

        Parameters
        ----------
        nets : MLP or dict of str to MLP
            One network, or one per value of the dial (e.g. ``{"tanh": net1, "ReLU": net2}``),
            or, with several dials, one per tuple of their values (``{("tanh", "0"): net}``).
        X : array-like of shape (n_samples, n_inputs)
        y : array-like of shape (n_samples,) or None
        dial : str or tuple of str, default="network"
            Name of the dial when ``nets`` is a dict; a tuple names several dials (a dial whose
            values are three or more ordered numbers, such as seeds, is drawn as a slider).
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
        default : dict of str to str or None
            The dial values shown first (see :class:`Explorable`).

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
        return cls.from_journeys(journeys, y, dial=dial, title=title, default=default)

    @classmethod
    def from_journeys(
        cls, journeys, y=None, *, dial="network", title="", default=None
    ) -> Explorable:
        r"""The player's data of one or several :class:`~nnexplain.journey.Journey` objects.

        Parameters
        ----------
        journeys : Journey or dict of str to Journey
            One journey, or one per value of the dial (per tuple of values, with several
            dials); all of the same data.
        y : array-like of shape (n_samples,) or None
        dial : str or tuple of str, default="network"
        title : str
        default : dict of str to str or None

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
        names = (dial,) if isinstance(dial, str) else tuple(dial)
        keys = {}
        for name in journeys:
            values = name if isinstance(name, tuple) else (name,)
            if len(values) != len(names):
                raise ValueError(
                    f"journeys key {name!r} gives {len(values)} values for the dials {names}"
                )
            keys[name] = dict(zip(names, map(str, values), strict=True))
        dials = None
        if "" not in journeys:  # each dial's values, in the order they first appear
            dials = {d: list(dict.fromkeys(k[d] for k in keys.values())) for d in names}
        y = y if y is not None else np.zeros(n, int)
        explorable = cls(y, dials=dials, title=title, default=default)
        for name, j in journeys.items():
            extra = {}
            if j.units is not None:
                extra = {
                    "units": j.units,
                    "unit_labels": j.unit_labels,
                    "unit_extent": j.unit_extent,
                }
            key = keys[name] if dials else None
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
        scales=None,
        scale_dial="input scale",
        default=None,
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
        scales : list of float or None
            Input scales: the grid and the points are multiplied by each, a dial of its own
            (``scale_dial``, drawn as a slider when there are three or more), so the reader
            turns the input's scale and sees what the map does to it. ``None``: as given.
        scale_dial : str, default="input scale"
        default : dict of str to str or None
            The dial values shown first (see :class:`Explorable`).

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
        factors = {"": 1.0} if scales is None else _scale_labels(scales, "scales")
        dials = {scale_dial: list(factors)} if scales is not None else {}
        if "" not in transforms:
            dials[dial] = list(transforms)
        explorable = cls(y, dials=dials or None, title=title, default=default)
        default_labels = [f"t = {t:.2g}" for t in np.linspace(0, 1, n_stages)]
        labels = default_labels if labels is None else stage_labels(labels, n_stages)
        for scale_name, factor in factors.items():
            for name, transform in transforms.items():
                path = warps.as_map(transform).path
                grid = path_frames(path, lines * factor, n_stages)
                pts = path_frames(path, points * factor, n_stages) if len(points) else None
                pts = [np.zeros((0, 2))] * n_stages if pts is None else list(pts)
                key = {k: v for k, v in ((scale_dial, scale_name), (dial, name)) if k in dials}
                explorable.add_variant(key or None, pts, labels=labels, lines=list(grid))
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
            blob = Blob()
            entry = {"key": key, "file": f"{stem}-{i}.bin", "kind": v.kind, "labels": v.labels}
            entry.update(v.encode(blob))
            readout = self.readouts.get(self._key(key))
            if isinstance(readout, list) and len(readout) != len(v.labels):
                raise ValueError(f"the readout of {key} has {len(readout)} lines for "
                                 f"{len(v.labels)} stages")  # fmt: skip
            if readout is not None:
                entry["readout"] = readout
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
            "default": self.keys.index(self.default),
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
        what = v.summary(self.n_points)
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


def _scale_labels(scales, name) -> dict:
    """Dial labels (``"0.5"``, ``"3"``) of positive finite scale factors, in the given order."""
    if isinstance(scales, (str, bytes)) or not hasattr(scales, "__len__") or not len(scales):
        raise TypeError(f"{name} must be a non-empty list of numbers; got {describe(scales)}")
    out = {}
    for s in scales:
        if isinstance(s, bool) or not isinstance(s, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must hold numbers; got {describe(s)}")
        if not (np.isfinite(s) and s > 0):
            raise ValueError(f"{name} must hold finite numbers > 0; got {s}")
        out[f"{float(s):g}"] = float(s)
    if len(out) != len(scales):
        raise ValueError(f"{name} must hold distinct numbers; got {list(scales)}")
    return out


def load(path) -> Explorable:
    """Read a data set written by :meth:`Explorable.write` back (values dequantised).

    Raises
    ------
    ValueError
        When the manifest is not this format or version, a file is missing, cut short or
        corrupt (its length or CRC-32 differs from the manifest), or a variant is of a kind
        this nnexplain does not know.
    """
    path = check_path(path, "path")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read explorable manifest {str(path)!r}: {exc}") from None
    check_manifest(manifest, repr(str(path)))
    explorable = Explorable(
        manifest["y"] or None,
        dials=manifest["dials"],
        title=manifest["title"],
        alt=manifest["alt"],
    )
    explorable.default = dict(explorable.keys[manifest["default"]])
    for entry in manifest["variants"]:
        kind = entry.get("kind", "points")
        if kind not in KINDS:
            raise ValueError(f"{entry['file']} is of kind {kind!r}; known kinds: {list(KINDS)}")
        try:
            data = (path.parent / entry["file"]).read_bytes()
        except OSError as exc:
            raise ValueError(f"cannot read {entry['file']}: {exc}") from None
        blob = check_blob(data, entry)
        stages = KINDS[kind].decode(entry, lambda meta, blob=blob: dequantise(blob, meta))
        explorable.add(entry["key"] or None, stages)
        if "readout" in entry:
            explorable.set_readout(entry["key"] or None, entry["readout"])
    return explorable
