"""The store's file writes and a TinyDB ``Storage`` built on :mod:`..atomic_file`.

Every write serialises first (a value that is not JSON fails before the disk is touched), then
replaces the file atomically and durably; a failure is a :class:`StoreWriteError` and leaves the
previous file intact.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..atomic_file import AtomicWriteError, atomic_write_bytes, remove_stale_temps
from .errors import CorruptStoreError, StoreWriteError

__all__ = ["AtomicJSONStorage", "dumps", "read_json", "remove_stale_temps", "write_file"]


def write_file(path: str | os.PathLike, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically and durably; :class:`StoreWriteError` on failure."""
    try:
        atomic_write_bytes(path, data, mode=mode)
    except AtomicWriteError as error:
        raise StoreWriteError(error.path, error.reason, error.errno) from error


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
        write_file(self.path, dumps(data))

    def close(self) -> None:
        pass
