r"""The **images** kind: a few small grayscale images with captions per stage.

For example an input digit, the winner template and the hidden units it excites. Built by
:meth:`nnexplain.explorable.Explorable.add_images`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..._validation import check_array, check_choice
from ..stages import Stages, stage_labels

__all__ = ["IMAGE_CMAPS", "ImageStages"]

IMAGE_CMAPS = ("gray", "gray_r", "signed")
"""How an image is drawn: black to white, white to black (ink on paper), or signed values
(the palette's negative colour below zero, white at zero, its positive colour above, symmetric
around zero)."""


@dataclass
class ImageStages(Stages):
    r"""Images through the stages of one variant.

    Attributes
    ----------
    images : ndarray of shape (n_stages, n_images, h, w)
        Row 0 at the top.
    captions : list of list of str
        ``n_stages`` lists of ``n_images`` captions.
    cmaps : list of str
        One of :data:`IMAGE_CMAPS` per image.
    """

    images: np.ndarray = None
    captions: list = field(default_factory=list)
    cmaps: list = field(default_factory=list)
    kind = "images"

    @classmethod
    def build(cls, images, *, labels=None, captions=None, cmap="gray_r") -> ImageStages:
        """Check the arguments of :meth:`~nnexplain.explorable.Explorable.add_images` (which
        documents them) and hold them."""
        images = check_array(images, "images", ndim=(3, 4))
        images = images[None] if images.ndim == 3 else images
        n_stages, n_images = images.shape[:2]
        cmaps = [cmap] * n_images if isinstance(cmap, str) else list(cmap)
        cmaps = [
            check_choice(c, "cmap", IMAGE_CMAPS) for c in stage_labels(cmaps, n_images, "cmap")
        ]
        if captions is None or all(isinstance(c, str) for c in captions):
            captions = [captions] * n_stages
        if len(captions) != n_stages:
            raise ValueError(f"captions has {len(captions)} lists for {n_stages} stages")
        if labels is None and n_stages == 1:
            labels = [""]  # one stage: nothing to name
        return cls(
            stage_labels(labels, n_stages),
            images=images,
            captions=[stage_labels(c, n_images, "captions", "image {}") for c in captions],
            cmaps=cmaps,
        )

    def encode(self, blob) -> dict:
        return {
            "cmaps": self.cmaps,
            "captions": self.captions,
            "images": [[blob.add(im, "uint8") for im in stage] for stage in self.images],
        }

    @classmethod
    def decode(cls, entry: dict, read) -> ImageStages:
        images = [[read(m) for m in stage] for stage in entry["images"]]
        return cls.build(
            images, labels=entry["labels"], captions=entry["captions"], cmap=entry["cmaps"]
        )

    def summary(self, n_points: int) -> str:
        return f"{len(self.cmaps)} images"
