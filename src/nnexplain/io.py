"""Your own data and your own networks on disk: points from CSV or NumPy files, models as .npz.

**Points.** :func:`load_points` reads labelled points of the plane from

- ``.csv``: one point a line, ``x,y,label`` (or ``x,y`` for points without labels). A first line
  that is not numeric is a header; when it names the columns ``x``, ``y`` and ``label`` (in any
  order) they are read by name. Blank lines and lines starting with ``#`` are skipped.
- ``.npy``: an array of shape ``(n, 3)`` (x, y, label) or ``(n, 2)`` (x, y, no labels).
- ``.npz``: the keys ``X`` (shape ``(n, n_features)``) and, optionally, ``y`` (shape ``(n,)``).

Labels are class indices, whole numbers ``0, 1, ...`` up to :data:`MAX_LABEL` (``1.0`` is read
as ``1``); anything else (``0.5``, ``-1``, ``1e20``, ``nan``) is an error naming the file and the
line (CSV) or index (``.npy``, ``.npz``).

**Models.** :func:`save_model` writes an :class:`~nnexplain.network.MLP` to an ``.npz`` file
that any NumPy reads without pickle; :func:`load_model` reads it back. Format version 1:

| key | value |
|---|---|
| ``format`` | the string ``"nnexplain.mlp"`` |
| ``version`` | the int ``1`` |
| ``activations`` | string array, one per layer: ``"tanh"``, ``"leaky_relu(alpha=0.2)"``, ... |
| ``W0``, ``W1``, ... | float arrays of shape ``(n_in, n_out)``, one per layer |
| ``b0``, ``b1``, ... | float arrays of shape ``(n_out,)``; absent for a layer without bias |

A file written by another program only needs ``activations`` and the ``W``/``b`` arrays;
``format`` and ``version`` are checked when present, and any other key is refused. Every error
names the file and what was expected there; a damaged archive (a flipped byte, a truncated
file, an array of Python objects) is a :class:`FileFormatError` too, and nothing is unpickled.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._files import atomic_open, writable_path
from ._validation import check_path
from .activations import ACTIVATIONS, get_activation
from .network import MLP, check_mlp

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_LABEL",
    "FileFormatError",
    "Points",
    "load_model",
    "load_points",
    "save_model",
]

#: The ``format`` entry of model files.
FORMAT = "nnexplain.mlp"
#: The model file format version written by :func:`save_model`.
FORMAT_VERSION = 1

_POINT_SUFFIXES = (".csv", ".npy", ".npz")
_MODEL_KEYS = ("format", "version", "activations")
_REAL_KINDS = "biuf"  # bool, int, unsigned, float: no complex, strings or objects


class FileFormatError(ValueError):
    """A file exists but does not hold what was expected; the message names file and line."""


class Points(NamedTuple):
    """Points read by :func:`load_points`; unpack as ``X, y = load_points(path)``.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
        Coordinates, float64 (``n_features`` is 2 for CSV and ``.npy`` files).
    y : ndarray of shape (n_samples,) or None
        Class labels, int64, or ``None`` when the file has none.
    """

    X: np.ndarray
    y: np.ndarray | None


def _existing(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder, not a file")
    return path


# --------------------------------------------------------------------------------------------
# points
# --------------------------------------------------------------------------------------------


#: The largest class label a points file may hold: more classes than this is a misread column
#: (a label of 1e20 would otherwise become -9223372036854775808 when cast to int64).
MAX_LABEL = 9999


def _is_label(value: float) -> bool:
    return math.isfinite(value) and 0 <= value <= MAX_LABEL and value == round(value)


def _labels(values: np.ndarray, where: str) -> np.ndarray:
    """Whole-number class labels in 0..MAX_LABEL as int64, or a FileFormatError naming ``where``."""
    with np.errstate(invalid="ignore"):
        good = np.isfinite(values) & (values >= 0) & (values <= MAX_LABEL)
        good &= values == np.round(values)
    if not np.all(good):
        i = int(np.argmin(good))
        raise FileFormatError(
            f"{where}: labels must be whole numbers from 0 to {MAX_LABEL} (class indices 0, 1, "
            f"...); found {float(values[i])!r} at index {i}"
        )
    return values.astype(np.int64)


def _parse_csv(path: Path) -> Points:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    rows = []
    n_cols = None  # set by the header or by the first data row
    order = None  # column indices of x, y (and label), from a header naming them
    header_seen = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split(",")]
        try:
            values = [float(c) for c in cells]
        except ValueError:
            values = None
        if values is None and not rows and not header_seen:
            header_seen = True
            names = [c.strip("\"'").lower() for c in cells]
            if len(names) not in (2, 3):
                raise FileFormatError(
                    f"{path} line {number}: expected 3 columns (x, y, label) separated by "
                    f"commas, or a header naming them, got {line!r}"
                )
            n_cols = len(names)
            wanted = ["x", "y", "label"][:n_cols]
            if sorted(names) == sorted(wanted):
                order = [names.index(w) for w in wanted]
            continue
        allowed = (2, 3) if n_cols is None else (n_cols,)
        if values is None or len(values) not in allowed:
            what = {
                3: "3 numeric columns (x, y, label)",
                2: "2 numeric columns (x, y)",
                None: "3 numeric columns (x, y, label) or 2 (x, y)",
            }[n_cols]
            raise FileFormatError(f"{path} line {number}: expected {what}, got {line!r}")
        if not all(math.isfinite(v) for v in values):
            raise FileFormatError(f"{path} line {number}: values must be finite, got {line!r}")
        n_cols = len(values)
        if order is not None:
            values = [values[j] for j in order]
        if n_cols == 3 and not _is_label(values[2]):
            raise FileFormatError(
                f"{path} line {number}: the label must be a whole number from 0 to {MAX_LABEL} "
                f"(a class index 0, 1, ...), got {line!r}"
            )
        rows.append(values)
    if not rows:
        raise FileFormatError(f"{path}: no data rows; expected lines of x, y, label")
    data = np.asarray(rows, dtype=np.float64)
    y = data[:, 2].astype(np.int64) if n_cols == 3 else None
    return Points(data[:, :2].copy(), y)


def _from_array(arr: np.ndarray, where: str) -> Points:
    if arr.dtype.kind not in _REAL_KINDS:
        raise FileFormatError(
            f"{where}: expected numbers, got an array of dtype {arr.dtype} (coordinates and "
            f"labels are real numbers)"
        )
    if arr.ndim != 2 or arr.shape[1] not in (2, 3) or arr.shape[0] == 0:
        raise FileFormatError(
            f"{where}: expected an array of shape (n, 3) (x, y, label) or (n, 2) (x, y), got "
            f"shape {arr.shape}"
        )
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr[:, :2])):
        raise FileFormatError(f"{where}: the coordinates contain NaN or infinity")
    y = _labels(arr[:, 2], where) if arr.shape[1] == 3 else None
    return Points(arr[:, :2].copy(), y)


def _load_npz_points(path: Path) -> Points:
    data = _read_npz(path)
    if "X" not in data:
        raise FileFormatError(
            f"{path}: expected the key 'X' (coordinates, shape (n, n_features)) and "
            f"optionally 'y' (labels); found keys {sorted(data)}"
        )
    X = np.asarray(data["X"])
    y = np.asarray(data["y"]) if "y" in data else None
    if X.ndim != 2 or X.shape[0] == 0 or X.dtype.kind not in _REAL_KINDS:
        raise FileFormatError(
            f"{path}: X must be a numeric array of shape (n, n_features); got shape {X.shape} "
            f"and dtype {X.dtype}"
        )
    X = X.astype(np.float64)
    if not np.all(np.isfinite(X)):
        raise FileFormatError(f"{path}: X contains NaN or infinity")
    if y is not None:
        if y.dtype.kind not in _REAL_KINDS or y.reshape(-1).shape[0] != X.shape[0]:
            raise FileFormatError(
                f"{path}: y must hold one numeric label per row of X ({X.shape[0]}); got shape "
                f"{y.shape} and dtype {y.dtype}"
            )
        y = _labels(y.reshape(-1).astype(np.float64), f"{path} (y)")
    return Points(X, y)


def load_points(path) -> Points:
    """Read points (and their class labels) from a ``.csv``, ``.npy`` or ``.npz`` file.

    Parameters
    ----------
    path : str or os.PathLike
        ``.csv`` with columns ``x, y, label`` (or ``x, y``; header optional), ``.npy`` holding
        an array of shape ``(n, 3)`` or ``(n, 2)``, or ``.npz`` with keys ``X`` and ``y``. See
        the module documentation for the details.

    Returns
    -------
    Points
        ``(X, y)``: ``X`` of shape ``(n_samples, n_features)``, float64; ``y`` of shape
        ``(n_samples,)``, int64, or ``None`` without labels.

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    FileFormatError
        When it does not hold points; the message names the file, the line (for CSV) and what
        was expected, e.g. ``points.csv line 7: expected 3 numeric columns (x, y, label), got
        'a,b'``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "points.csv"
    >>> _ = path.write_text("x,y,label\\n0.5,1.0,0\\n-1,2,1\\n")
    >>> X, y = load_points(path)
    >>> X.tolist(), y.tolist()
    ([[0.5, 1.0], [-1.0, 2.0]], [0, 1])
    """
    path = check_path(path, "path")
    suffix = path.suffix.lower()
    if suffix not in _POINT_SUFFIXES:
        raise FileFormatError(
            f"{path}: unknown file type {path.suffix!r}; points are read from "
            f"{', '.join(_POINT_SUFFIXES)} files"
        )
    _existing(path)
    if suffix == ".csv":
        return _parse_csv(path)
    if suffix == ".npz":
        return _load_npz_points(path)
    if _magic(path, 6) != b"\x93NUMPY":
        raise FileFormatError(f"{path}: not an .npy array file (as numpy.save writes)")
    try:
        arr = np.load(path, allow_pickle=False)
    except _NPZ_ERRORS as exc:  # object arrays, truncated files
        raise FileFormatError(
            f"{path}: not a readable .npy array ({type(exc).__name__}: {exc})"
        ) from None
    return _from_array(arr, str(path))


# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------


def _magic(path: Path, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


#: What numpy and zipfile raise on a damaged archive: a flipped byte (BadZipFile: bad CRC), an
#: object array (ValueError: "Object arrays cannot be loaded"), a truncated member (EOFError,
#: OSError), a corrupt deflate stream (zlib.error), a damaged header naming an unknown
#: compression method or zip version (NotImplementedError).
_NPZ_ERRORS = (ValueError, OSError, EOFError, NotImplementedError, zipfile.BadZipFile, zlib.error)


def _check_entry_count(path: Path, n_read: int) -> None:
    """zipfile does not check that it read every entry the end record counts; a damaged length
    in the central directory makes it skip entries (a model would silently lose a bias)."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - (1 << 16) - 22))  # the end record and a comment of <= 64 KB
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end >= 0 and len(tail) >= end + 12:
        n_total = int.from_bytes(tail[end + 10 : end + 12], "little")
        if n_total != 0xFFFF and n_total != n_read:  # 0xFFFF: a zip64 archive counts elsewhere
            raise FileFormatError(
                f"{path}: not a readable .npz archive; its directory counts {n_total} arrays but "
                f"{n_read} could be read. The file may be damaged"
            )


def _read_npz(path: Path) -> dict:
    """Every array of an .npz archive, read without pickle; damage is a FileFormatError."""
    if _magic(path, 4) != b"PK\x03\x04":
        raise FileFormatError(
            f"{path}: not an .npz archive (a zip of .npy arrays, as numpy.savez writes)"
        )
    key = None
    try:
        with np.load(path, allow_pickle=False) as data:
            _check_entry_count(path, len(data.files))
            arrays = {}
            for key in data.keys():
                arrays[key] = data[key]
    except _NPZ_ERRORS as exc:
        where = "" if key is None else f" (array {key!r})"
        if "allow_pickle" in str(exc):
            reason = "it holds Python objects, which nnexplain never unpickles"
        else:
            reason = f"{type(exc).__name__}: {exc}"
        raise FileFormatError(
            f"{path}: not a readable .npz archive{where}; {reason}. The file may be damaged or "
            f"was not written by numpy.savez"
        ) from None
    return arrays


def _encode_activation(activation) -> str:
    params = activation._params()
    if not params:
        return activation.name
    inner = ", ".join(f"{k}={float(v)!r}" for k, v in params.items())
    return f"{activation.name}({inner})"


_ACTIVATION_RE = re.compile(r"^\s*([A-Za-z_]+)\s*(?:\((.*)\))?\s*$")


def _decode_activation(text: str, where: str):
    match = _ACTIVATION_RE.match(text)
    if match is None:
        raise FileFormatError(
            f"{where}: cannot read the activation {text!r}; expected a name such as 'tanh' or "
            f"'leaky_relu(alpha=0.2)'"
        )
    name, inner = match.group(1), match.group(2)
    params = {}
    for part in filter(None, (p.strip() for p in (inner or "").split(","))):
        key, _, value = part.partition("=")
        try:
            params[key.strip()] = float(value)
        except ValueError:
            raise FileFormatError(
                f"{where}: cannot read the parameter {part!r} of activation {text!r}; expected "
                f"name=number"
            ) from None
    try:
        return get_activation(name, **params)
    except (TypeError, ValueError) as exc:
        raise FileFormatError(
            f"{where}: unknown activation {text!r} ({exc}); valid names are {sorted(ACTIVATIONS)}"
        ) from None


def save_model(path, net) -> Path:
    """Write a network to an ``.npz`` file (format version 1, see the module documentation).

    Parameters
    ----------
    path : str or os.PathLike
        The file; written exactly there (no suffix is added), ``.npz`` is the convention.
    net : MLP
        The network; convert one from PyTorch, Keras or scikit-learn with
        :func:`nnexplain.adapters.from_any` first.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError
        When a weight is NaN or infinite (nothing is written: :func:`load_model` would refuse
        the file).
    FileNotFoundError
        When the folder of ``path`` does not exist.

    Notes
    -----
    The file is written to a temporary file in the same folder and renamed over ``path`` only
    when complete, so a full disk or Ctrl-C never leaves a truncated model behind: an existing
    ``path`` is either replaced as a whole or left as it was.
    """
    path = writable_path(path, "path")
    check_mlp(net)
    if not np.all(np.isfinite(net.parameters)):
        bad = [
            f"W{i}" if not np.all(np.isfinite(W)) else f"b{i}"
            for i, (W, b) in enumerate(net.get_weights())
            if not (np.all(np.isfinite(W)) and (b is None or np.all(np.isfinite(b))))
        ]
        raise ValueError(
            f"net has NaN or infinite weights (in {', '.join(bad)}); {path} was not written, "
            f"since load_model refuses such a file. Did training diverge?"
        )
    arrays = {
        "format": np.array(FORMAT),
        "version": np.array(FORMAT_VERSION),
        "activations": np.array([_encode_activation(a) for a in net.activations]),
    }
    for i, (W, b) in enumerate(net.get_weights()):
        arrays[f"W{i}"] = W
        if b is not None:
            arrays[f"b{i}"] = b
    with atomic_open(path) as handle:  # a failure mid-write leaves the old file as it was
        np.savez(handle, **arrays)
    return path


def load_model(path) -> MLP:
    """Read a network written by :func:`save_model` (or by any program following its format).

    Parameters
    ----------
    path : str or os.PathLike
        An ``.npz`` file.

    Returns
    -------
    MLP
        A float64 network.

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    FileFormatError
        For a file that is not a model: a missing key, a shape that does not fit the previous
        layer, an unknown activation or a newer format version; the message says which.
    """
    path = _existing(check_path(path, "path"))
    arrays = _read_npz(path)
    keys = sorted(arrays)
    unknown = [k for k in keys if k not in _MODEL_KEYS and not re.fullmatch(r"[Wb]\d+", k)]
    if unknown:  # e.g. a damaged name: 'b1' read as '¥1' would silently drop a bias
        raise FileFormatError(
            f"{path}: unexpected keys {unknown}; a model holds only 'format', 'version', "
            f"'activations', 'W0', 'b0', 'W1', ..."
        )
    if "format" in arrays and str(arrays["format"]) != FORMAT:
        raise FileFormatError(
            f"{path}: format is {str(arrays['format'])!r}, expected {FORMAT!r}; this file is not "
            f"an nnexplain model"
        )
    if "version" in arrays:
        version = arrays["version"]
        if version.shape != () or not np.issubdtype(version.dtype, np.integer):
            raise FileFormatError(f"{path}: version must be an int, got {version!r}")
        if int(version) > FORMAT_VERSION:
            raise FileFormatError(
                f"{path}: model format version {int(version)} is newer than this nnexplain "
                f"reads (version {FORMAT_VERSION}); upgrade nnexplain"
            )
    if "activations" not in arrays:
        raise FileFormatError(
            f"{path}: missing key 'activations' (a string array, one activation per layer); "
            f"found keys {keys}"
        )
    names = arrays["activations"]
    if names.ndim != 1 or names.size == 0 or names.dtype.kind != "U":
        raise FileFormatError(
            f"{path}: 'activations' must be a 1D string array with one entry per layer; got "
            f"shape {names.shape} and dtype {names.dtype}"
        )
    n_layers = names.size
    extra = sorted(k for k in keys if re.fullmatch(r"[Wb]\d+", k) and int(k[1:]) >= n_layers)
    if extra:
        raise FileFormatError(
            f"{path}: 'activations' lists {n_layers} layers but the file also holds {extra}; "
            f"give one activation per layer"
        )
    weights, activations = [], []
    width = None
    for i in range(n_layers):
        where = f"{path} (layer {i}: W{i}, b{i}, activations[{i}])"
        if f"W{i}" not in arrays:
            raise FileFormatError(
                f"{path}: missing key 'W{i}' (weights of layer {i}, shape (n_in, n_out)); "
                f"found keys {keys}"
            )
        W = arrays[f"W{i}"]
        if W.ndim != 2 or W.size == 0 or W.dtype.kind not in "fiu":
            raise FileFormatError(
                f"{path}: W{i} must be a 2D numeric array (n_in, n_out); got shape {W.shape} "
                f"and dtype {W.dtype}"
            )
        if width is not None and W.shape[0] != width:
            raise FileFormatError(
                f"{path}: W{i} has shape {W.shape} but layer {i - 1} gives {width} outputs; "
                f"expected shape ({width}, n_out)"
            )
        b = arrays.get(f"b{i}")
        if b is not None and (b.shape != (W.shape[1],) or b.dtype.kind not in "fiu"):
            raise FileFormatError(
                f"{path}: b{i} has shape {b.shape} (dtype {b.dtype}) but W{i} has "
                f"{W.shape[1]} outputs; expected shape ({W.shape[1]},)"
            )
        for key, value in ((f"W{i}", W), (f"b{i}", b)):
            if value is not None and not np.all(np.isfinite(value)):
                raise FileFormatError(f"{path}: {key} contains NaN or infinity")
        weights.append((W.astype(np.float64), None if b is None else b.astype(np.float64)))
        activations.append(_decode_activation(str(names[i]), where))
        width = W.shape[1]
    return MLP.from_weights(weights, activations)
