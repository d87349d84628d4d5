r"""How much memory a network may ask for, checked before any array is allocated.

Building ``MLP([2, 10**9, 1])`` would start filling 24 GB, and ``MLP([2, 200000, 200000, 1])``
would die inside numpy with "Unable to allocate 298. GiB". Instead, every place that allocates
in proportion to the widths (:class:`~nnexplain.network.Dense`, :class:`~nnexplain.network.MLP`,
:meth:`MLP.forward <nnexplain.network.MLP.forward>` and :meth:`~nnexplain.network.MLP.trace`,
:meth:`~nnexplain.network.MLP.fit`) first estimates the bytes it needs and calls
:func:`check_memory`, which raises a ``ValueError`` naming the widths and the bytes when the
estimate is over the limit.

The limit is the machine's physical memory (8 GiB where the operating system does not say). It
can be raised, or lowered, on purpose:

>>> import nnexplain.memory
>>> previous = nnexplain.memory.set_memory_limit(64 * 2**30)  # allow 64 GiB
>>> nnexplain.memory.get_memory_limit()
68719476736
>>> _ = nnexplain.memory.set_memory_limit(previous)  # None: back to the physical memory

The estimates are lower bounds of the peak (the arrays the call keeps, not numpy's temporaries),
so a call that passes the check can still run short when other programs hold the memory; a call
that fails it could never have run.
"""

from __future__ import annotations

import numbers
import os

__all__ = ["check_memory", "format_bytes", "get_memory_limit", "set_memory_limit"]

#: The limit where the operating system does not report its physical memory.
FALLBACK_BYTES = 8 * 2**30

_LIMIT: dict[str, int | None] = {"bytes": None}


def physical_memory() -> int | None:
    """The machine's physical memory in bytes, or ``None`` where the system does not say."""
    try:
        n = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
    return int(n) if n > 0 else None


def get_memory_limit() -> int:
    """The number of bytes one call may ask for: the value given to :func:`set_memory_limit`,
    else the physical memory, else :data:`FALLBACK_BYTES`."""
    if _LIMIT["bytes"] is not None:
        return _LIMIT["bytes"]
    return physical_memory() or FALLBACK_BYTES


def set_memory_limit(n_bytes) -> int | None:
    """Set the limit of :func:`check_memory` to ``n_bytes`` (a positive int), or back to the
    default with ``None``; return the previous setting (``None`` for the default)."""
    if n_bytes is not None:
        if isinstance(n_bytes, bool) or not isinstance(n_bytes, numbers.Integral) or n_bytes < 1:
            raise ValueError(f"n_bytes must be a positive int or None; got {n_bytes!r}")
        n_bytes = int(n_bytes)
    previous, _LIMIT["bytes"] = _LIMIT["bytes"], n_bytes
    return previous


def format_bytes(n_bytes: int) -> str:
    """``n_bytes`` for a reader: ``'29.8 GiB (32,000,000,016 bytes)'``."""
    value, unit = float(n_bytes), "bytes"
    for name in ("KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024:
            break
        value, unit = value / 1024, name
    head = f"{n_bytes:,} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
    return head if unit == "bytes" else f"{head} ({n_bytes:,} bytes)"


def check_memory(n_bytes: int, what: str, *, advice: str = "use smaller widths") -> None:
    """Raise ``ValueError`` when ``n_bytes`` is over :func:`get_memory_limit`.

    ``what`` names the request in the message, with its widths, e.g. ``"MLP(sizes=[2,
    1000000000, 1]): the parameters"``; ``advice`` says what the caller can make smaller.
    """
    limit = get_memory_limit()
    if n_bytes > limit:
        raise ValueError(
            f"{what} would need {format_bytes(n_bytes)}, more than the memory limit of "
            f"{format_bytes(limit)}; {advice}, or raise the limit on purpose with "
            "nnexplain.memory.set_memory_limit(n_bytes)"
        )
