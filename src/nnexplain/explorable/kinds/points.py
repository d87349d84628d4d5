r"""The **points** kind: the same points at every stage, 2D or 3D, with what moves with them.

A variant of this kind holds, per stage, the coordinates of every point (class-coloured by the
explorable's ``y``); optionally grid polylines carried along, a heat-map per 2D stage (the
probability of class 1 over the input plane) and, once per variant, each hidden unit's response
over the input plane. Built by :meth:`nnexplain.explorable.Explorable.add_variant`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..._validation import check_array, check_extent
from ...frames import fixed_frame, stage_spans
from ..stages import Stages, stage_labels

__all__ = ["PointStages"]


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


@dataclass
class PointStages(Stages):
    r"""Points (and grid lines, fields and unit maps) through the stages of one variant.

    Attributes
    ----------
    stages : ndarray of shape (n_stages, n_points, dims)
        ``dims`` is 2 or 3 (2D stages next to 3D ones are padded with z = 0).
    lines : ndarray of shape (n_stages, n_lines, n_points_per_line, dims) or None
    fields : ndarray of shape (n_stages, h, w) or None
        Over ``field_extent``, rows from ymin up, values in [0, 1].
    field_extent : tuple (xmin, xmax, ymin, ymax) or None
    units : ndarray of shape (n_units, h, w) or None
        Over ``unit_extent``, rows from ymin up.
    unit_labels : list of str
    unit_extent : tuple (xmin, xmax, ymin, ymax) or None
    """

    stages: np.ndarray = None
    lines: np.ndarray | None = None
    fields: np.ndarray | None = None
    field_extent: tuple | None = None
    units: np.ndarray | None = None
    unit_labels: list = field(default_factory=list)
    unit_extent: tuple | None = None
    kind = "points"

    @property
    def dims(self) -> int:
        return self.stages.shape[-1]

    @property
    def n_points(self) -> int:
        return self.stages.shape[1]

    @property
    def frame(self) -> np.ndarray:
        """``ndarray of shape (dims, 2)``: the one frame every stage is drawn in, by the video
        and by the player (:func:`nnexplain.frames.fixed_frame`; the manifest carries it)."""
        return fixed_frame(list(self.stages), None if self.lines is None else list(self.lines))

    @property
    def spans(self) -> np.ndarray:
        """``ndarray of shape (n_stages,)``: how much of :attr:`frame` each stage spans
        (:func:`nnexplain.frames.stage_spans`); the player offers a zoom on small ones."""
        return stage_spans(list(self.stages), self.frame)

    @classmethod
    def build(
        cls,
        stages,
        *,
        n_points=None,
        labels=None,
        lines=None,
        fields=None,
        field_extent=None,
        units=None,
        unit_labels=None,
        unit_extent=None,
    ) -> PointStages:
        """Check the arguments of :meth:`~nnexplain.explorable.Explorable.add_variant` (which
        documents them) and hold them; ``n_points``: the number every stage must have."""
        points = _stack(stages, "stages", None if n_points is None else (n_points,))
        n_stages = points.shape[0]
        v = cls(stage_labels(labels, n_stages), stages=points)
        if lines is not None:
            v.lines = _stack(lines, "lines")
            if len(v.lines) != n_stages or v.lines.ndim != 4:
                raise ValueError(
                    f"lines must be {n_stages} arrays of shape (n_lines, n_points_per_line, "
                    f"dims); got {v.lines.shape}"
                )
            if v.lines.shape[-1] != points.shape[-1]:  # one 3D, the other 2D: pad both
                dims = max(v.lines.shape[-1], points.shape[-1])
                v.stages = np.pad(points, [(0, 0)] * 2 + [(0, dims - points.shape[-1])])
                v.lines = np.pad(v.lines, [(0, 0)] * 3 + [(0, dims - v.lines.shape[-1])])
        if fields is not None:
            v.fields = check_array(fields, "fields", ndim=3)
            if len(v.fields) != n_stages:
                raise ValueError(f"fields has {len(v.fields)} maps for {n_stages} stages")
            if field_extent is None:
                raise ValueError("fields need field_extent=(xmin, xmax, ymin, ymax)")
            v.field_extent = check_extent(field_extent, "field_extent")
        if units is not None:
            v.units = check_array(units, "units", ndim=3)
            v.unit_labels = stage_labels(unit_labels, len(v.units), "unit_labels", "unit {}")
            if unit_extent is None:
                raise ValueError("units need unit_extent=(xmin, xmax, ymin, ymax)")
            v.unit_extent = check_extent(unit_extent, "unit_extent")
        return v

    def encode(self, blob) -> dict:
        frame = self.frame
        entry = {
            "dims": self.dims,
            "frame": [[float(lo), float(hi)] for lo, hi in frame],
            "spans": [round(float(s), 6) for s in stage_spans(list(self.stages), frame)],
            "points": [blob.add(s, "int16") for s in self.stages],
        }
        if self.lines is not None:
            entry["lines"] = [blob.add(s, "int16") for s in self.lines]
        if self.fields is not None:
            entry["fields"] = [blob.add(f, "uint8") for f in self.fields]
            entry["field_extent"] = self.field_extent
        if self.units is not None:
            entry["units"] = [blob.add(u, "uint8") for u in self.units]
            entry["unit_labels"], entry["unit_extent"] = self.unit_labels, self.unit_extent
        return entry

    @classmethod
    def decode(cls, entry: dict, read) -> PointStages:
        def get(name):
            return [read(m) for m in entry[name]] if name in entry else None

        units = get("units")
        return cls.build(
            get("points"),
            labels=entry["labels"],
            lines=get("lines"),
            fields=get("fields"),
            field_extent=entry.get("field_extent"),
            units=None if units is None else np.stack(units),
            unit_labels=entry.get("unit_labels"),
            unit_extent=entry.get("unit_extent"),
        )

    def summary(self, n_points: int) -> str:
        return f"{n_points} points"
