"""Atomic file writes: every file the library or the command writes goes through here.

A writer gets a temporary path in the target's folder, with the target's suffix (so that ffmpeg,
Pillow and matplotlib pick the format from it), writes there, and the temporary file is flushed
to disk (``fsync``) and renamed over the target (``os.replace``) only once the writer returned.
On any failure, ``KeyboardInterrupt`` included, the temporary file is removed and the old target
(if there was one) is left byte for byte as it was: a full disk, a file-size limit, Ctrl-C or an
encoder error never leave a truncated file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from ._validation import check_path

__all__ = ["atomic_open", "atomic_path", "writable_path"]

#: Temporary files are named ``.<target name>.<random>.tmp<suffix>``; tests look for this marker.
TEMP_MARKER = ".tmp"


def writable_path(path, name: str = "path") -> Path:
    """Check ``path`` for a file about to be written: its folder exists, it is not a folder."""
    path = check_path(path, name)
    if not path.parent.is_dir():
        raise FileNotFoundError(
            f"{name} {str(path)!r}: the folder {str(path.parent)!r} does not exist"
        )
    if path.is_dir():
        raise IsADirectoryError(f"{name} {str(path)!r} is a folder, not a file")
    return path


def _create_temp(path: Path) -> Path:
    """Create an empty, new file next to ``path`` whose name ends with ``path``'s suffix."""
    mode = 0o666  # the umask applies, as for any new file
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.stat(path).st_mode)  # a replaced file keeps its permissions
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_MARKER}{path.suffix}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:  # pragma: no cover - 32 random bits collide
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"cannot create a temporary file next to {path}")  # pragma: no cover


def _fsync(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY if directory else os.O_RDWR
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # folders cannot be opened on Windows; the rename is durable there
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path) -> Iterator[Path]:
    """Yield a temporary path to write; it replaces ``path`` only when the block completes.

    Parameters
    ----------
    path : str or os.PathLike
        The target; its folder must exist.

    Yields
    ------
    pathlib.Path
        An existing empty file in the same folder, named ``.<name>.<random>.tmp<suffix>``.
        Whoever writes it may also delete and recreate it (ffmpeg does).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("complete")
    >>> target.read_text()
    'complete'
    """
    path = writable_path(path)
    tmp = _create_temp(path)
    done = False
    try:
        yield tmp
        if not tmp.is_file():
            raise FileNotFoundError(f"writing {path} failed: the writer left no file at {tmp}")
        _fsync(tmp)
        os.replace(tmp, path)
        done = True
        _fsync(path.parent, directory=True)
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.remove(tmp)


@contextlib.contextmanager
def atomic_open(path, mode: str = "wb", **kwargs):
    """Open a temporary file for writing; it replaces ``path`` when the block completes.

    Parameters
    ----------
    path : str or os.PathLike
    mode : {"wb", "w"}
    **kwargs
        Passed to :func:`open` (``encoding=...`` for text).
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"mode must be 'wb' or 'w'; got {mode!r}")
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle
        handle.flush()
