"""Your own data and your own networks on disk: points from CSV or NumPy files, models as .npz.

**Points.** :func:`load_points` reads labelled points of the plane from

- ``.csv``: one point a line, ``x,y,label`` (or ``x,y`` for points without labels). A first line
  that is not numeric is a header; when it names the columns ``x``, ``y`` and ``label`` (in any
  order) they are read by name. Blank lines and lines starting with ``#`` are skipped.
- ``.npy``: an array of shape ``(n, 3)`` (x, y, label) or ``(n, 2)`` (x, y, no labels).
- ``.npz``: the keys ``X`` (shape ``(n, n_features)``) and, optionally, ``y`` (shape ``(n,)``).

Labels are class indices, whole numbers ``0, 1, ...`` (``1.0`` is read as ``1``).

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
``format`` and ``version`` are checked when present. Every error names the file and what was
expected there.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._validation import check_path
from .activations import ACTIVATIONS, get_activation
from .network import MLP, check_mlp

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
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


def _labels(values: np.ndarray, where: str) -> np.ndarray:
    """Whole-number class labels >= 0 as int64, or a FileFormatError naming ``where``."""
    bad = ~np.isfinite(values) | (values < 0) | (values != np.round(values))
    if np.any(bad):
        i = int(np.argmax(bad))
        raise FileFormatError(
            f"{where}: labels must be whole numbers >= 0 (class indices 0, 1, ...); "
            f"found {float(values[i])!r} at row {i}"
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
        if n_cols == 3 and (values[2] < 0 or values[2] != round(values[2])):
            raise FileFormatError(
                f"{path} line {number}: the label must be a whole number >= 0 (a class index "
                f"0, 1, ...), got {line!r}"
            )
        rows.append(values)
    if not rows:
        raise FileFormatError(f"{path}: no data rows; expected lines of x, y, label")
    data = np.asarray(rows, dtype=np.float64)
    y = data[:, 2].astype(np.int64) if n_cols == 3 else None
    return Points(data[:, :2].copy(), y)


def _from_array(arr: np.ndarray, where: str) -> Points:
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise FileFormatError(f"{where}: expected numbers, got an array of dtype {arr.dtype}")
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
    with _open_npz(path) as data:
        keys = list(data.keys())
        if "X" not in keys:
            raise FileFormatError(
                f"{path}: expected the key 'X' (coordinates, shape (n, n_features)) and "
                f"optionally 'y' (labels); found keys {keys}"
            )
        X = np.asarray(data["X"])
        y = np.asarray(data["y"]) if "y" in keys else None
    if X.ndim != 2 or X.shape[0] == 0 or not np.issubdtype(X.dtype, np.number):
        raise FileFormatError(
            f"{path}: X must be a numeric array of shape (n, n_features); got shape {X.shape} "
            f"and dtype {X.dtype}"
        )
    X = X.astype(np.float64)
    if not np.all(np.isfinite(X)):
        raise FileFormatError(f"{path}: X contains NaN or infinity")
    if y is not None:
        if not np.issubdtype(y.dtype, np.number) or y.reshape(-1).shape[0] != X.shape[0]:
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
    except (ValueError, OSError) as exc:  # object arrays, truncated files
        raise FileFormatError(f"{path}: not a readable .npy array ({exc})") from None
    return _from_array(arr, str(path))


# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------


def _magic(path: Path, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _open_npz(path: Path):
    if _magic(path, 4) != b"PK\x03\x04":
        raise FileFormatError(
            f"{path}: not an .npz archive (a zip of .npy arrays, as numpy.savez writes)"
        )
    try:
        return np.load(path, allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise FileFormatError(f"{path}: not a readable .npz archive ({exc})") from None


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
    """
    path = check_path(path, "path")
    check_mlp(net)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: the folder {str(path.parent)!r} does not exist")
    arrays = {
        "format": np.array(FORMAT),
        "version": np.array(FORMAT_VERSION),
        "activations": np.array([_encode_activation(a) for a in net.activations]),
    }
    for i, (W, b) in enumerate(net.get_weights()):
        arrays[f"W{i}"] = W
        if b is not None:
            arrays[f"b{i}"] = b
    with open(path, "wb") as handle:
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
    with _open_npz(path) as data:
        arrays = {key: data[key] for key in data.keys()}
    keys = sorted(arrays)
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
