"""Atomic, durable file writes, and a TinyDB ``Storage`` built on them.

Every write serialises first (a value that is not JSON fails before the disk is touched), writes a
temporary file in the same directory, flushes and fsyncs it, ``os.replace``s it over the target,
then fsyncs the directory. The target's file mode is kept. A crash or a full disk at any point leaves
either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .errors import CorruptStoreError, StoreWriteError

TEMP_PREFIX = ".claimdesk-tmp-"


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
    """Replace ``path`` by ``data`` atomically and durably; raise :class:`StoreWriteError` on failure.

    On failure the temporary file is removed and ``path`` is untouched. ``mode`` defaults to the
    existing file's mode (0o644 minus the umask for a new file).
    """
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
            write_all(fd, data)
            os.fsync(fd)
            if mode is not None:
                os.fchmod(fd, mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o644 & ~umask)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as error:
        raise StoreWriteError(path, f"could not write: {error.strerror or error}", error.errno) from error
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


def dumps(data: Any) -> bytes:
    """The canonical serialisation: UTF-8 JSON, non-ASCII kept, no NaN (it is not JSON)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def read_json(path: str | os.PathLike) -> Any:
    """Parse ``path``; ``None`` for a missing or empty file; :class:`CorruptStoreError` if unparseable."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CorruptStoreError(path, f"cannot be read: {error.strerror or error}") from error
    if not raw.strip():
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise CorruptStoreError(path, f"is not valid JSON ({error}); it was left untouched") from error


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file: ``TinyDB(path, storage=AtomicJSONStorage)``.

    Unlike TinyDB's ``JSONStorage`` it keeps no open handle and refuses (raises
    :class:`CorruptStoreError`) to read a file that is not valid JSON, so such a file is never overwritten.
    """

    def __init__(self, path: str | os.PathLike, create_dirs: bool = False, access_mode: str = "r+", **kwargs):
        super().__init__()
        self.path = Path(path)
        self.read_only = access_mode == "r"
        if create_dirs and not self.read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict | None:
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise CorruptStoreError(self.path, "is JSON but not a TinyDB database; it was left untouched")
        return data

    def write(self, data: dict) -> None:
        if self.read_only:
            raise OSError(f'Cannot write to the database {self.path}: access mode is "r"')
        atomic_write_bytes(self.path, dumps(data))

    def close(self) -> None:
        pass
