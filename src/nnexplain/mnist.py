"""MNIST: download once, verify, cache, and read the IDX files with numpy.

:func:`load_mnist` looks for the four original ``*-ubyte.gz`` files in a cache directory
(``cache_dir``, else ``$NNEXPLAIN_DATA/mnist``, else ``~/.cache/nnexplain/mnist``). Missing files
are downloaded from a list of mirrors with :mod:`urllib`, into a temporary file in the same
directory, checked against their SHA-256 and only then renamed into place, so the cache never
holds a half-written file. Every cached file is checked again on load; a file whose hash is wrong
is refused (``ValueError``), never used.

Without network, copy the four files by hand into the cache directory (the error message prints
its path); nothing else is needed.

:func:`read_idx` and :func:`write_idx` read and write the IDX format itself (plain or gzipped):

====== ========================================================================
offset content
====== ========================================================================
0      two zero bytes, a type code (``0x08`` unsigned byte, ``0x09`` signed byte,
       ``0x0B`` int16, ``0x0C`` int32, ``0x0D`` float32, ``0x0E`` float64) and the
       number of dimensions ``d``
4      ``d`` sizes, each a big-endian unsigned 32-bit int
4 + 4d the values, big-endian, in C order
====== ========================================================================
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import urllib.error
import urllib.request
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ._files import atomic_open
from ._validation import check_bool, check_choice, check_positive

__all__ = [
    "MNIST_FILES",
    "MNIST_MIRRORS",
    "MNIST_SHA256",
    "MNISTDownloadError",
    "load_mnist",
    "mnist_cache_dir",
    "read_idx",
    "write_idx",
]

#: Base URLs tried in turn; each holds the four files under their original names.
MNIST_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

#: ``kind -> (images file, labels file)``.
MNIST_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

#: SHA-256 of the original gzipped files (9912422, 28881, 1648877 and 4542 bytes), as listed by
#: tensorflow-datasets (``tensorflow_datasets/url_checksums/mnist.txt``).
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",  # noqa: E501
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",  # noqa: E501
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

# IDX type code -> big-endian numpy dtype.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IDX_CODES = {dtype.newbyteorder("="): code for code, dtype in _IDX_DTYPES.items()}

_CHUNK = 1 << 16


class MNISTDownloadError(OSError):
    """MNIST files are missing from the cache and could not be downloaded."""


# --------------------------------------------------------------------------------------------
# IDX format
# --------------------------------------------------------------------------------------------


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def read_idx(path):
    """Read an IDX file (gzipped or not) into an ndarray.

    Parameters
    ----------
    path : str or os.PathLike
        The file. Gzip is recognised by its magic bytes, whatever the name.

    Returns
    -------
    ndarray
        Shape from the header, native byte order, dtype from the type code (``uint8`` for MNIST).

    Raises
    ------
    ValueError
        Naming the file, when the magic number is wrong, the type code unknown, or the payload
        shorter or longer than the header announces (a truncated download).

    See Also
    --------
    write_idx
    """
    path = Path(path)
    if _is_gzip(path):
        try:
            with gzip.open(path, "rb") as f:
                data = f.read()
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ValueError(
                f"{path}: damaged gzip file ({type(exc).__name__}: {exc}); is it truncated?"
            ) from None
    else:
        data = path.read_bytes()
    if len(data) < 4 or data[:2] != b"\x00\x00":
        raise ValueError(
            f"{path}: not an IDX file (bad magic number {data[:4].hex() or 'empty file'}; an IDX "
            "file starts with two zero bytes, a type code and the number of dimensions)"
        )
    code, ndim = data[2], data[3]
    if code not in _IDX_DTYPES:
        valid = ", ".join(f"0x{c:02X}" for c in _IDX_DTYPES)
        raise ValueError(f"{path}: unknown IDX type code 0x{code:02X}; valid codes are {valid}")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"{path}: truncated IDX header: {ndim} dimensions need {header} bytes, the file has "
            f"{len(data)}"
        )
    shape = tuple(int(v) for v in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    dtype = _IDX_DTYPES[code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    got = len(data) - header
    if got != expected:
        what = "truncated" if got < expected else "too long"
        raise ValueError(
            f"{path}: IDX payload {what}: header announces shape {shape} of {dtype.name} "
            f"({expected} bytes), the file holds {got} bytes after the header"
        )
    array = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def write_idx(path, array):
    """Write an array as an IDX file, gzipped when ``path`` ends with ``.gz``.

    Parameters
    ----------
    path : str or os.PathLike
        Destination.
    array : array-like
        Values of dtype uint8, int8, int16, int32, float32 or float64 (other integer or float
        dtypes are refused rather than silently cast), with at most 255 dimensions.

    See Also
    --------
    read_idx
    """
    path = Path(path)
    array = np.asarray(array)
    native = array.dtype.newbyteorder("=")
    if native not in _IDX_CODES:
        valid = sorted({d.name for d in _IDX_CODES})
        raise TypeError(f"array dtype {array.dtype} cannot be stored in IDX; valid dtypes: {valid}")
    if array.ndim > 255:
        raise ValueError(f"IDX stores at most 255 dimensions; got {array.ndim}")
    header = bytes([0, 0, _IDX_CODES[native], array.ndim])
    header += np.asarray(array.shape, dtype=">u4").tobytes()
    payload = np.ascontiguousarray(array, dtype=_IDX_DTYPES[_IDX_CODES[native]]).tobytes()
    with atomic_open(path) as raw:
        if path.suffix == ".gz":
            with gzip.GzipFile(fileobj=raw, mode="wb", filename=path.stem) as f:
                f.write(header + payload)
        else:
            raw.write(header + payload)


# --------------------------------------------------------------------------------------------
# cache and download
# --------------------------------------------------------------------------------------------


def mnist_cache_dir(cache_dir=None) -> Path:
    """Return the directory where MNIST files are looked for (not created).

    ``cache_dir`` if given, else ``$NNEXPLAIN_DATA/mnist`` when the environment variable
    ``NNEXPLAIN_DATA`` is set, else ``~/.cache/nnexplain/mnist``.
    """
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    root = os.environ.get("NNEXPLAIN_DATA")
    if root:
        return Path(root).expanduser() / "mnist"
    return Path.home() / ".cache" / "nnexplain" / "mnist"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_cached(path: Path, expected: str | None) -> None:
    if expected is None:
        return
    actual = _sha256(path)
    if actual != expected.lower():
        raise ValueError(
            f"cached MNIST file {path} is corrupted: SHA-256 {actual}, expected {expected}. "
            "It was not used; delete it to download it again (or copy a good copy in its place)."
        )


def _download(filename: str, directory: Path, mirrors, expected: str | None, timeout: float):
    """Fetch ``filename`` from the first mirror that works; return the reasons of the failures.

    The bytes go to a temporary file next to the destination, are hashed on the way, and the
    file is renamed into place only when the hash matches: an interrupted or corrupted download
    leaves nothing behind.
    """
    failures = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + filename
        try:
            with atomic_open(directory / filename) as out:
                digest = hashlib.sha256()
                with urllib.request.urlopen(url, timeout=timeout) as resp:
                    for chunk in iter(lambda resp=resp: resp.read(_CHUNK), b""):
                        digest.update(chunk)
                        out.write(chunk)
                actual = digest.hexdigest()
                if expected is not None and actual != expected.lower():
                    raise _HashMismatch(
                        f"{url}: SHA-256 {actual} does not match the expected {expected}"
                    )
            return []
        except _HashMismatch as exc:
            failures.append(str(exc))
        except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            failures.append(f"{url}: {type(exc).__name__}: {reason}")
    return failures


class _HashMismatch(Exception):
    """A download whose SHA-256 differs: abandons the temporary file, tries the next mirror."""


def _missing_message(missing, directory: Path, mirrors, header: str) -> str:
    urls = "\n".join(f"  {base.rstrip('/')}/{name}" for name in missing for base in mirrors[:1])
    return (
        f"{header}\n"
        f"Missing MNIST file(s): {', '.join(missing)}\n"
        f"Expected in: {directory}\n"
        f"You can copy them in by hand (keep the .gz names, do not unpack them), e.g. from\n"
        f"{urls}\n"
        f"or pass cache_dir= a directory that holds them (or set the NNEXPLAIN_DATA environment "
        f"variable to a directory whose mnist/ subfolder holds them)."
    )


def _normalise_mirrors(url) -> tuple[str, ...]:
    if url is None:
        return MNIST_MIRRORS
    if isinstance(url, str):
        return (url,)
    if isinstance(url, Sequence) and url and all(isinstance(u, str) for u in url):
        return tuple(url)
    raise TypeError(f"url must be a base URL (str) or a non-empty list of them; got {url!r}")


def load_mnist(
    *,
    kind="train",
    cache_dir=None,
    download=True,
    scale=True,
    flatten=True,
    url=None,
    checksums=None,
    timeout=30.0,
):
    """Load the MNIST handwritten digits (60 000 training or 10 000 test images, 28x28).

    Parameters
    ----------
    kind : {"train", "test"}, default="train"
        Which split.
    cache_dir : str, os.PathLike or None
        Where the ``.gz`` files live; see :func:`mnist_cache_dir` for the default.
    download : bool, default=True
        Download missing files. With ``False`` a missing file raises at once, without network.
    scale : bool, default=True
        Return float64 pixels divided by 255 (in ``[0, 1]``); ``False`` returns the raw uint8
        values 0..255 (8 times less memory).
    flatten : bool, default=True
        Return ``X`` of shape ``(n, 784)``; ``False`` keeps the images ``(n, 28, 28)``.
    url : str, list of str or None
        Base URL(s) of mirrors holding the four files, tried in order; ``file://`` URLs work.
        Default: :data:`MNIST_MIRRORS`.
    checksums : mapping of str to str or None
        Expected SHA-256 per file name; default :data:`MNIST_SHA256`. A file absent from the
        mapping (or mapped to ``None``) is not checked.
    timeout : float, default=30.0
        Seconds before a silent connection is given up.

    Returns
    -------
    X : ndarray of shape (n_samples, 784), or (n_samples, 28, 28) with ``flatten=False``
        Pixels, float64 in ``[0, 1]`` (or uint8 with ``scale=False``).
    y : ndarray of shape (n_samples,)
        The digits, int64.

    Raises
    ------
    MNISTDownloadError
        (a subclass of ``OSError``) when files are missing and cannot be downloaded; the message
        lists them and the directory to copy them into.
    ValueError
        When a cached file fails its checksum (the message names it and gives both hashes) or is
        not a valid IDX file.
    """
    files = check_choice(kind, "kind", MNIST_FILES)
    for name, value in (("download", download), ("scale", scale), ("flatten", flatten)):
        check_bool(value, name)
    mirrors = _normalise_mirrors(url)
    if checksums is None:
        checksums = MNIST_SHA256
    elif not isinstance(checksums, Mapping):
        raise TypeError(f"checksums must be a mapping file name -> SHA-256; got {checksums!r}")
    timeout = check_positive(timeout, "timeout")
    directory = mnist_cache_dir(cache_dir)

    missing = []
    for name in files:
        path = directory / name
        if path.is_file():
            _check_cached(path, checksums.get(name))
        else:
            missing.append(name)
    if missing and not download:
        raise MNISTDownloadError(
            _missing_message(missing, directory, mirrors, "download=False and files are missing.")
        )
    if missing:
        directory.mkdir(parents=True, exist_ok=True)
        failures = []
        for name in missing:
            failures += _download(name, directory, mirrors, checksums.get(name), timeout)
        still_missing = [name for name in missing if not (directory / name).is_file()]
        if still_missing:
            header = "Could not download MNIST (no network?). Tried:\n" + "\n".join(
                f"  {line}" for line in failures
            )
            raise MNISTDownloadError(_missing_message(still_missing, directory, mirrors, header))

    images = read_idx(directory / files[0])
    labels = read_idx(directory / files[1])
    if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"{directory}: images of shape {images.shape} and labels of shape {labels.shape} do "
            "not form an MNIST split (expected (n, rows, cols) and (n,))"
        )
    X = images.reshape(len(images), -1) if flatten else images
    X = X.astype(np.float64) / 255.0 if scale else np.ascontiguousarray(X)
    return X, labels.astype(np.int64)
