"""Atomic, durable file writes: the one writer for the store, the caches and the saved positions.

A write goes to a temporary file in the same directory, which is flushed and fsynced, then
``os.replace``d over the target, then the directory is fsynced. The target's file mode is kept. A crash
or a full disk at any point leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class AtomicWriteError(OSError):
    """A write failed (disk full, file too large, I/O error); the previous file is intact."""

    def __init__(self, path: str | os.PathLike, reason: str, errno: int | None = None):
        super().__init__(errno, f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


TEMP_PREFIX = ".claimdesk-tmp-"


def _new_file_mode() -> int:
    """0o644 less the umask. Read once, at import: reading the umask means setting it, which is not
    safe once threads (the store's background checkpoint) create files."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o644 & ~umask


NEW_FILE_MODE = _new_file_mode()


def fsync_dir(directory: str | os.PathLike) -> None:
    """Make a rename or a new file in ``directory`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (short writes happen near a size limit)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically and durably; raise :class:`AtomicWriteError` on failure.

    On failure the temporary file is removed and ``path`` is untouched. ``mode`` defaults to the
    existing file's mode (0o644 minus the umask for a new file).
    """
    atomic_write_chunks(path, (data,), mode=mode)


def atomic_write_chunks(path: str | os.PathLike, chunks: Iterable[bytes], *, mode: int | None = None) -> None:
    """Like :func:`atomic_write_bytes`, with the content given piece by piece (a large file is never
    held in memory whole). An exception raised by ``chunks`` (e.g. to cancel) removes the temporary file
    and propagates; ``path`` is untouched."""
    path = Path(path)
    directory = path.parent
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=directory)
        try:
            for chunk in chunks:
                write_all(fd, chunk)
            os.fsync(fd)
            os.fchmod(fd, NEW_FILE_MODE if mode is None else mode)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as error:
        raise AtomicWriteError(path, f"could not write: {error.strerror or error}", error.errno) from error
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    fsync_dir(directory)


def remove_stale_temps(path: str | os.PathLike) -> None:
    """Remove temporary files a crashed writer left beside ``path`` (call with the lock held)."""
    path = Path(path)
    for leftover in path.parent.glob(TEMP_PREFIX + path.name + ".*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
