r"""What every kind of explorable variant shares: stage labels, and the interface a kind offers.

A *kind* is a dataclass deriving from :class:`Stages`, in a module of its own in
:mod:`nnexplain.explorable.kinds` (points, histograms, images): it checks the arrays it is
built from (``build``), says which of them go into the variant's file and with which code type
(``encode``, through a :class:`~nnexplain.explorable.format.Blob`), reads them back
(``decode``) and names itself in one phrase for screen readers (``summary``). The player's
JavaScript has one file per kind too (``docs/javascripts/explorable-<kind>.js``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = ["Stages", "stage_labels"]


def stage_labels(labels, n: int, name: str = "labels", default: str = "stage {}") -> list[str]:
    """``n`` strings: ``labels`` checked, or ``default`` numbered from 1."""
    if labels is None:
        return [default.format(i + 1) for i in range(n)]
    if isinstance(labels, str) or not hasattr(labels, "__len__"):
        raise TypeError(f"{name} must be a list of {n} str; got {labels!r}")
    if len(labels) != n:
        raise ValueError(f"{name} has {len(labels)} entries; expected {n}")
    return [str(s) for s in labels]


@dataclass
class Stages:
    """The stages of one variant: one label each, and the arrays of its kind.

    Attributes
    ----------
    labels : list of str
        One per stage, shown by the slider.
    kind : str
        The kind's name in the manifest (a class attribute).
    """

    labels: list
    kind: ClassVar[str] = ""

    @property
    def n_stages(self) -> int:
        return len(self.labels)

    @property
    def dims(self) -> int:
        """Coordinates per point (2 or 3); 2 for kinds without points."""
        return 2

    def encode(self, blob) -> dict:  # pragma: no cover - every kind overrides it
        """The manifest fields of this variant; its arrays are added to ``blob``."""
        raise NotImplementedError

    @classmethod
    def decode(cls, entry: dict, read) -> Stages:  # pragma: no cover - every kind overrides it
        """The variant of manifest ``entry``; ``read(meta)`` gives the array of one entry."""
        raise NotImplementedError

    def summary(self, n_points: int) -> str:  # pragma: no cover - every kind overrides it
        """What the figure shows, in a few words (``"200 points"``)."""
        raise NotImplementedError
