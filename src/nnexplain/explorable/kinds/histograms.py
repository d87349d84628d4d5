r"""The **histograms** kind: one or more histograms per stage, one panel each.

The player keeps each panel's axes fixed over the stages of a variant, so that a distribution
that narrows is seen to narrow (and its peak to rise). Built by
:meth:`nnexplain.explorable.Explorable.add_histograms`; raw values are binned with shared edges
by :func:`nnexplain.distributions.histograms`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..._validation import check_array
from ..stages import Stages, stage_labels

__all__ = ["HistogramStages"]


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


@dataclass
class HistogramStages(Stages):
    r"""Histograms through the stages of one variant.

    Attributes
    ----------
    counts : ndarray of shape (n_stages, n_panels, n_bins)
    edges : ndarray of shape (n_stages, n_panels, n_bins + 1)
    panels : list of str
        One caption per panel (``[""]`` for a single uncaptioned panel).
    """

    counts: np.ndarray = None
    edges: np.ndarray = None
    panels: list = field(default_factory=list)
    kind = "histograms"

    @classmethod
    def build(cls, counts, edges, *, labels=None, panels=None) -> HistogramStages:
        """Check the arguments of :meth:`~nnexplain.explorable.Explorable.add_histograms`
        (which documents them) and hold them."""
        counts = check_array(counts, "counts", ndim=(2, 3))
        if counts.ndim == 2:
            counts = counts[:, None, :]
        if counts.shape[-1] < 1 or np.any(counts < 0):
            raise ValueError(f"counts must be >= 0 with at least one bin; got {counts.shape}")
        n_stages, n_panels, _ = counts.shape
        if panels is None and n_panels == 1:
            panels = [""]
        return cls(
            stage_labels(labels, n_stages),
            counts=counts,
            edges=_edges(edges, counts.shape),
            panels=stage_labels(panels, n_panels, "panels", "panel {}"),
        )

    def encode(self, blob) -> dict:
        return {
            "panels": self.panels,
            "counts": [blob.add(c, "int16") for c in self.counts],
            "edges": [blob.add(e, "int16") for e in self.edges],
        }

    @classmethod
    def decode(cls, entry: dict, read) -> HistogramStages:
        counts = [read(m) for m in entry["counts"]]
        edges = [read(m) for m in entry["edges"]]
        return cls.build(counts, edges, labels=entry["labels"], panels=entry["panels"])

    def summary(self, n_points: int) -> str:
        n = len(self.panels)
        return f"{n} histogram{'s' * (n > 1)}"
