"""Input checks shared by every public function.

Each check raises ``TypeError`` or ``ValueError`` whose message names the argument, says what was
given and what is allowed, so that a reader never meets a numpy traceback from deep inside.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np

__all__ = [
    "check_array",
    "check_bool",
    "check_choice",
    "check_dtype",
    "check_extent",
    "check_instance",
    "check_int",
    "check_interval",
    "check_labels",
    "check_path",
    "check_positive",
    "check_random_state",
    "check_range",
    "check_real",
    "describe",
]

#: The floating dtypes the library computes in (networks, layers, initialisers).
FLOAT_DTYPES = (np.float64, np.float32)


def describe(value) -> str:
    """Short ``repr`` of ``value`` with its type, for error messages: ``'1' (type str)``.

    An array is named by its shape and dtype, never printed: ``array of shape (2, 3), dtype
    float64``; any other ``repr`` is kept to one line of at most 60 characters.
    """
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}, dtype {value.dtype}"
    text = " ".join(repr(value).split())
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_bool(value, name: str) -> bool:
    """Check that ``value`` is ``True`` or ``False`` (numpy booleans included); 0/1 are refused."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def check_instance(value, cls: type | tuple[type, ...], name: str, *, what: str | None = None):
    """Check ``isinstance(value, cls)`` and return ``value``.

    ``what`` names the expected kind in the message (default: the class name), e.g.
    ``"an nnexplain MLP"``.
    """
    if not isinstance(value, cls):
        if what is None:
            names = [c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,))]
            what = "a " + " or ".join(names)
        raise TypeError(f"{name} must be {what}; got {describe(value)}")
    return value


def check_dtype(dtype, name: str = "dtype", *, allowed=FLOAT_DTYPES) -> np.dtype:
    """Check a dtype argument and return it as a :class:`numpy.dtype`.

    Something that is not a dtype at all (``None``, ``"abc"``, a list) is a ``TypeError``; a real
    dtype outside ``allowed`` (``int64``, ``float16``) is a wrong *value* and so a ``ValueError``.
    """
    valid = " or ".join(np.dtype(d).name for d in allowed)
    if dtype is None or isinstance(dtype, (bool, np.bool_, numbers.Number)):
        raise TypeError(f"{name} must be a numpy dtype ({valid}); got {describe(dtype)}")
    try:
        dtype = np.dtype(dtype)
    except (TypeError, ValueError):  # np.dtype("fast"), np.dtype({"": 0}), ...
        raise TypeError(f"{name} must be a numpy dtype ({valid}); got {describe(dtype)}") from None
    if dtype.type not in allowed:
        raise ValueError(f"{name} must be {valid}; got {dtype}")
    return dtype


def check_path(path, name: str = "path"):
    """Check that ``path`` is a ``str`` or ``os.PathLike`` and return it as a ``pathlib.Path``."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a str or os.PathLike; got {describe(path)}")
    return Path(path)


def check_random_state(seed, name: str = "seed") -> np.random.Generator:
    """Turn ``seed`` into a :class:`numpy.random.Generator`.

    Parameters
    ----------
    seed : None, int or numpy.random.Generator
        ``None`` gives fresh OS entropy, an int a reproducible generator, a Generator is used as
        it is (and so advanced by whoever draws from it).
    name : str
        Argument name for the error message.

    Returns
    -------
    numpy.random.Generator
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be None, a non-negative int or a numpy.random.Generator; "
            f"got {describe(seed)}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative int; got {seed}")
    return np.random.default_rng(int(seed))


def check_int(value, name: str, *, minimum: int | None = 1) -> int:
    """Check that ``value`` is an int no smaller than ``minimum`` and return it as ``int``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {describe(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}; got {value}")
    return int(value)


def check_real(value, name: str) -> float:
    """Check that ``value`` is a finite real number and return it as ``float``."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number; got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    return value


def check_positive(value, name: str, *, allow_zero: bool = False) -> float:
    """Check that ``value`` is a finite real number > 0 (or >= 0) and return it as ``float``."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number; got {describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        allowed = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {allowed}; got {value}")
    return value


def check_interval(
    value, name: str, low: float, high: float, *, closed: str = "neither", why: str = ""
) -> float:
    """Check that ``value`` is a real number in an interval and return it as ``float``.

    Parameters
    ----------
    value : float
    name : str
        Argument name for the error message.
    low, high : float
        The bounds.
    closed : {"neither", "left", "right", "both"}, default="neither"
        Which bounds belong to the interval: ``"left"`` is :math:`[low, high)`.
    why : str
        Appended to the interval in the message, e.g. ``" so that the curve stays inside"``.
    """
    if closed not in ("neither", "left", "right", "both"):
        raise ValueError(f"closed must be 'neither', 'left', 'right' or 'both'; got {closed!r}")
    left, right = closed in ("left", "both"), closed in ("right", "both")
    if low == 0:  # the usual case: the messages of check_positive for the lower side
        value = check_positive(value, name, allow_zero=left)
    else:
        value = check_real(value, name)
    inside = (value >= low if left else value > low) and (value <= high if right else value < high)
    if not inside:
        interval = f"{'[' if left else '('}{low:g}, {high:g}{']' if right else ')'}"
        raise ValueError(f"{name} must be in {interval}{why}; got {value}")
    return value


def _is_flat_sequence(value, lengths: tuple[int, ...]) -> bool:
    return (
        isinstance(value, (tuple, list, np.ndarray))
        and np.ndim(value) == 1
        and len(value) in lengths
    )


def check_range(value, name: str = "range", *, allow_none: bool = False):
    """Check an interval ``(low, high)`` of finite real numbers with ``low < high``.

    The one check of a range of values (``x_range``, a histogram's ``range``, a colour scale's
    ``value_range``, a square grid's ``extent``).

    Parameters
    ----------
    value : (float, float), or None when ``allow_none``
        A tuple, list or 1D array of two real numbers (bools are refused).
    name : str
        Argument name for the error message.
    allow_none : bool, default=False
        Whether ``None`` (no range: the caller picks one) is allowed; it is returned as is.

    Returns
    -------
    (float, float) or None
    """
    if value is None and allow_none:
        return None
    if not _is_flat_sequence(value, (2,)):
        what = "None or a pair (low, high)" if allow_none else "a pair (low, high)"
        raise TypeError(f"{name} must be {what}; got {describe(value)}")
    if not all(_is_real(v) for v in value):
        raise TypeError(f"{name} must hold two real numbers; got {describe(value)}")
    low, high = float(value[0]), float(value[1])
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite numbers with low < high; got {(low, high)}")
    return low, high


def check_extent(extent, name: str = "extent", *, allow_pair: bool = False):
    """Check a rectangle of the plane ``(xmin, xmax, ymin, ymax)``; return four floats.

    The one check of an extent (grids, decision fields, plots of the plane).

    Parameters
    ----------
    extent : (float, float, float, float), or (float, float) when ``allow_pair``
        A tuple, list or 1D array of real numbers (bools are refused); ``(low, high)`` means
        the square ``(low, high, low, high)``.
    name : str
        Argument name for the error message.
    allow_pair : bool, default=False
        Whether the two-number form of a square is allowed.

    Returns
    -------
    (float, float, float, float)
        ``xmin < xmax`` and ``ymin < ymax``, all finite.
    """
    what = "(low, high) or (xmin, xmax, ymin, ymax)" if allow_pair else "(xmin, xmax, ymin, ymax)"
    if not _is_flat_sequence(extent, (2, 4) if allow_pair else (4,)):
        raise TypeError(f"{name} must be {what}; got {describe(extent)}")
    if not all(_is_real(v) for v in extent):
        raise TypeError(f"{name} must hold real numbers, {what}; got {describe(extent)}")
    values = [float(v) for v in extent]
    xmin, xmax, ymin, ymax = values * 2 if len(values) == 2 else values
    if not (np.all(np.isfinite(values)) and xmin < xmax and ymin < ymax):
        raise ValueError(
            f"{name} must be finite with xmin < xmax and ymin < ymax; "
            f"got {(xmin, xmax, ymin, ymax)}"
        )
    return xmin, xmax, ymin, ymax


def check_choice(value, name: str, choices: Mapping | list | tuple):
    """Look ``value`` up in ``choices`` (case-insensitive for strings), listing them on failure."""
    valid = sorted(choices) if isinstance(choices, Mapping) else list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {valid}; got {describe(value)}")
    key = value.lower().replace("-", "_").replace(" ", "_")
    if key not in valid:
        raise ValueError(f"unknown {name} {value!r}; valid names are {valid}")
    return choices[key] if isinstance(choices, Mapping) else key


def check_array(
    X,
    name: str = "X",
    *,
    ndim: int | tuple[int, ...] | None = 2,
    dtype=np.float64,
    allow_empty: bool = False,
    finite: bool = True,
    n_features: int | None = None,
) -> np.ndarray:
    """Convert ``X`` to a numeric ndarray and check its dimensionality and values.

    Parameters
    ----------
    X : array-like
        The data.
    name : str
        Argument name for error messages.
    ndim : int, tuple of int or None
        Allowed number(s) of dimensions; ``None`` allows any.
    dtype : dtype or None
        Target floating dtype; ``None`` keeps a floating input's dtype (float32 stays float32) and
        turns anything else into float64.
    allow_empty : bool
        Whether zero rows are allowed.
    finite : bool
        Whether to reject NaN and infinity.
    n_features : int or None
        Required size of the last axis.

    Returns
    -------
    ndarray
    """
    if isinstance(X, (str, bytes)) or X is None:
        raise TypeError(f"{name} must be an array of numbers; got {describe(X)}")
    try:
        arr = np.asarray(X)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(f"{name} could not be read as a rectangular array: {exc}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must hold numbers; got an array of dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must hold real numbers; got dtype {arr.dtype}")
    if dtype is None:
        target = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.float64
    else:
        target = dtype
    arr = np.asarray(arr, dtype=target)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}D" for d in allowed)
            raise ValueError(f"{name} must be a {want} array; got shape {arr.shape} ({arr.ndim}D)")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); at least one sample is needed")
    if n_features is not None and arr.ndim >= 1 and arr.shape[-1] != n_features:
        raise ValueError(
            f"{name} has {arr.shape[-1]} features (shape {arr.shape}) but {n_features} are expected"
        )
    if finite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} contains NaN or infinity ({bad} of {arr.size} values)")
    return arr


def check_labels(
    y, name: str = "y", *, n_samples: int | None = None, n_classes: int | None = None
) -> np.ndarray:
    """Check integer class labels in ``0 .. n_classes - 1`` and return them as ``int64``.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Labels; floats are accepted when they hold whole numbers.
    n_samples : int or None
        Required length (the number of rows of the matching ``X``).
    n_classes : int or None
        Number of classes; labels outside ``0 .. n_classes - 1`` are rejected.
    """
    arr = check_array(y, name, ndim=(1, 2), dtype=None)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise ValueError(f"{name} must be 1D class labels; got shape {arr.shape}")
        arr = arr[:, 0]
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(
            f"{name} has {arr.shape[0]} labels but X has {n_samples} samples; they must match"
        )
    as_int = arr.astype(np.int64)
    if not np.array_equal(as_int, arr):
        raise ValueError(f"{name} must hold whole-number class labels; got {arr[:5]}...")
    if as_int.min() < 0 or (n_classes is not None and as_int.max() >= n_classes):
        upper = "n_classes - 1" if n_classes is None else str(n_classes - 1)
        high = np.iinfo(np.int64).max if n_classes is None else n_classes - 1
        bad = sorted(set(as_int[(as_int < 0) | (as_int > high)].tolist()))[:10]
        raise ValueError(f"{name} holds labels outside the classes 0..{upper}: found {bad}")
    return as_int
