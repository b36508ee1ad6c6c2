"""The store's file writes and a TinyDB ``Storage`` built on :mod:`..atomic_file`.

Every write serialises first (a value that is not JSON fails before the disk is touched), then
replaces the file atomically and durably; a failure is a :class:`StoreWriteError` and leaves the
previous file intact.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..atomic_file import AtomicWriteError, atomic_write_chunks, remove_stale_temps
from .errors import CorruptStoreError, StoreWriteError

__all__ = ["AtomicJSONStorage", "database_chunks", "dumps", "read_database", "read_json", "remove_stale_temps",
           "write_chunks", "write_file"]


def write_file(path: str | os.PathLike, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically and durably; :class:`StoreWriteError` on failure."""
    write_chunks(path, (data,), mode=mode)


def write_chunks(path: str | os.PathLike, chunks: Iterable[bytes], *, mode: int | None = None) -> None:
    """Like :func:`write_file`, the content given piece by piece."""
    try:
        atomic_write_chunks(path, chunks, mode=mode)
    except AtomicWriteError as error:
        raise StoreWriteError(error.path, error.reason, error.errno) from error


def dumps(data: Any) -> bytes:
    """The canonical serialisation: UTF-8 JSON, non-ASCII kept, no NaN (it is not JSON)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def read_json(path: str | os.PathLike) -> Any:
    """Parse ``path``; ``None`` for a missing or empty file (and for JSON ``null``); :class:`CorruptStoreError`
    if unparseable."""
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


def database_chunks(meta: dict, tables: Iterable[tuple[str, Iterable[tuple[int, bytes]]]],
                    batch: int = 2000, meta_extra: dict[str, bytes] | None = None) -> Iterator[bytes]:
    """A store's TinyDB file, piece by piece: ``meta`` (plus ``meta_extra``, members already serialised),
    then each table's ``(doc id, serialised document)`` rows, one document per line (still one JSON
    object, as TinyDB reads it)."""
    head = dumps(meta)
    for name, raw in (meta_extra or {}).items():
        head = b"%s,%s:%s}" % (head[:-1], dumps(name), raw)
    yield b'{"meta":{"1":' + head + b"}"
    for name, rows in tables:
        yield b",\n" + dumps(name) + b":{"
        parts: list[bytes] = []
        separator = b"\n"
        for doc_id, raw in rows:
            parts.append(b'%s"%d":%s' % (separator, doc_id, raw))
            separator = b",\n"
            if len(parts) >= batch:
                yield b"".join(parts)
                parts.clear()
        parts.append(b"\n}")
        yield b"".join(parts)
    yield b"}\n"


def read_database(path: Path) -> dict | None:
    """Parse a store's database file: ``None`` only when nothing is at ``path`` (a new store).

    Anything else that is not a JSON object of tables — an empty or blank file, ``null``, ``{}``, a
    symbolic link to nothing, a folder — raises :class:`CorruptStoreError`: it is never taken for a new
    store, so it is never overwritten.
    """
    if not os.path.lexists(path):
        return None
    if os.path.islink(path) and not os.path.exists(path):
        raise CorruptStoreError(path, f"is a symbolic link to {os.readlink(path)}, which does not exist; "
                                      "it was left untouched")
    data = read_json(path)
    if data is None:
        raise CorruptStoreError(path, "is empty, not an annotation store (a new store is made only where no "
                                      "file exists); it was left untouched")
    if data == {}:
        raise CorruptStoreError(path, "is an empty JSON object, not an annotation store; it was left untouched")
    if not isinstance(data, dict):
        raise CorruptStoreError(path, f"is JSON ({type(data).__name__}) but not an annotation store; "
                                      "it was left untouched")
    return data


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
