r"""The binary encoder of explorable data sets: quantisation, packing, the manifest's envelope.

This module knows bytes and nothing of figures: the kinds (:mod:`nnexplain.explorable.kinds`)
say which of their arrays go into a variant's file and with which code type; :class:`Blob`
quantises and packs them; :func:`check_manifest` and :func:`check_blob` refuse a
data set that is not this format, this version, or not the bytes the manifest describes. The
same rules, in JavaScript, are ``docs/javascripts/explorable-format.js``; the specification is
the site's "The explorable format" page (``docs/contributing/explorable-format.md``).

Every array is stored as integer codes with its own offset and scale,

.. math:: x \approx \mathrm{offset} + \mathrm{code} \cdot \mathrm{scale},

int16 codes (:math:`-32767 \ldots 32767` around the middle of the range) for coordinates, edges
and counts, uint8 codes (:math:`0 \ldots 255` from the minimum) for heat-maps and images, so the
error is at most :data:`INT16_ERROR` or :data:`UINT8_ERROR` of the array's range.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = [
    "CODE_TYPES",
    "FORMAT",
    "INT16_ERROR",
    "UINT8_ERROR",
    "VERSION",
    "Blob",
    "check_blob",
    "check_manifest",
    "dequantise",
    "quantise",
]

FORMAT = "nnexplain-explorable"
"""The manifest's ``format`` field."""
VERSION = 5
"""The manifest's ``version`` field; a reader refuses any other."""
CODE_TYPES = ("int16", "uint8")
"""The code types of a stored array."""
INT16_ERROR = 0.5 / 65534
"""Largest error of an int16-quantised array, as a fraction of its range (max - min)."""
UINT8_ERROR = 0.5 / 255
"""Largest error of a uint8-quantised array (fields, unit maps, images), as a fraction of its
range."""


def quantise(arr: np.ndarray, dtype: str) -> tuple[np.ndarray, float, float]:
    r"""Integer codes of ``arr`` and the ``(offset, scale)`` that map them back.

    Parameters
    ----------
    arr : ndarray
        Finite values, any shape.
    dtype : {"int16", "uint8"}

    Returns
    -------
    codes : ndarray of int16 (little-endian) or uint8, of the shape of ``arr``
    offset, scale : float
        ``arr ~= offset + codes * scale``; ``scale`` is 0 for a constant array.
    """
    lo, hi = (float(arr.min()), float(arr.max())) if arr.size else (0.0, 0.0)
    if dtype == "int16":  # codes -32767 .. 32767 around the middle of the range
        offset, scale = 0.5 * (lo + hi), (hi - lo) / 65534
        codes = np.zeros(arr.shape) if scale == 0 else np.rint((arr - offset) / scale)
        return np.clip(codes, -32767, 32767).astype("<i2"), offset, scale
    offset, scale = lo, (hi - lo) / 255
    codes = np.zeros(arr.shape) if scale == 0 else np.rint((arr - lo) / scale)
    return np.clip(codes, 0, 255).astype(np.uint8), offset, scale


def dequantise(blob: bytes, meta: dict) -> np.ndarray:
    r"""The array that ``meta`` (an entry of :meth:`Blob.add`) describes, read from ``blob``.

    Returns
    -------
    ndarray of float64, of shape ``meta["shape"]``
    """
    dtype = {"int16": "<i2", "uint8": np.uint8}[meta["dtype"]]
    count = int(np.prod(meta["shape"]))
    codes = np.frombuffer(blob, dtype=dtype, count=count, offset=meta["offset"])
    return (meta["offset_value"] + codes * meta["scale"]).reshape(meta["shape"])


class Blob:
    """Arrays packed one after another into one variant's file, each on an even byte (so the
    player reads int16 codes with an ``Int16Array`` over the same buffer)."""

    def __init__(self):
        self.parts, self.size = [], 0

    def add(self, arr, dtype: str) -> dict:
        """Quantise ``arr`` to ``dtype`` codes, append them and return their manifest entry
        (``offset`` in bytes, ``dtype``, ``shape``, ``offset_value``, ``scale``)."""
        codes, offset, scale = quantise(np.asarray(arr, dtype=float), dtype)
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
        """The packed file."""
        return b"".join(self.parts)


def check_manifest(manifest, where: str) -> dict:
    """``manifest`` if it is this format and version, else a ValueError naming ``where``."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError(f"{where} is not an explorable manifest (format {FORMAT!r})")
    if manifest.get("version") != VERSION:
        raise ValueError(
            f"{where} is format version {manifest.get('version')!r}; this nnexplain reads "
            f"version {VERSION}"
        )
    return manifest


def check_blob(data: bytes, entry: dict) -> bytes:
    """``data`` if its length and CRC-32 are those of the manifest ``entry``, else a ValueError
    naming the file."""
    if len(data) != entry["bytes"]:
        raise ValueError(
            f"{entry['file']} has {len(data)} bytes; the manifest says {entry['bytes']}"
        )
    if "crc32" in entry and zlib.crc32(data) != entry["crc32"]:
        raise ValueError(f"{entry['file']} is corrupt: its CRC-32 does not match the manifest")
    return data
