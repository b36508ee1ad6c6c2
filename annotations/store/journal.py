"""The journal: an append-only JSON Lines file of every action, fsynced per entry.

``x.json.journal`` starts with a header line naming the store it belongs to; then one entry per
action, in ``seq`` order. It is the store's write-ahead log (an acknowledged decision is a fsynced
journal line) and its history (undo/redo, audit). A torn last line (a crash mid-write) is ignored
and cut off by the next writer; a bad line anywhere else is corruption and is reported, never fixed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..ids import utc_now
from .errors import CorruptStoreError, StoreWriteError
from .storage import dumps, write_file

FORMAT = 1
_sync = getattr(os, "fdatasync", os.fsync)


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".journal")


def read_header(path: Path) -> dict | None:
    """The header of the journal at ``path``, ``None`` if there is no journal."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CorruptStoreError(path, f"cannot be read: {error.strerror or error}") from error
    if not first:
        return None
    try:
        header = json.loads(first)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("kind") != "header" or not first.endswith(b"\n"):
        raise CorruptStoreError(path, "is not a claimdesk journal (bad header); it was left untouched")
    return header


_HEAD = re.compile(rb'^\{"seq":(\d+),"kind":"(do|undo|redo)"(?:,"target":(\d+))?,')


def scan_heads(path: Path) -> Iterator[tuple[int, int, int, str, int | None, bytes]]:
    """Like :func:`scan`, but yield ``(offset, length, seq, kind, target, line)`` without parsing the line
    (fast: opening a store needs only this for entries already in the checkpoint)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the with below; a missing journal is empty)
    except FileNotFoundError:
        return
    with handle:
        offset = len(handle.readline())
        last_seq = 0
        for line in handle:
            if not line.endswith(b"\n"):
                return
            head = _HEAD.match(line)
            if head is not None:
                seq, kind = int(head[1]), head[2].decode()
                target = int(head[3]) if head[3] is not None else None
            else:  # written in another key order: parse it
                try:
                    entry = json.loads(line)
                    seq, kind, target = entry["seq"], entry["kind"], entry.get("target")
                except (ValueError, KeyError, TypeError):
                    seq = None
            if not isinstance(seq, int) or seq <= last_seq:
                raise CorruptStoreError(path, f"has a bad entry at byte {offset}; it was left untouched")
            last_seq = seq
            yield offset, len(line), seq, kind, target, line
            offset += len(line)


def parse_line(path: Path, line: bytes, offset: int) -> dict:
    try:
        return json.loads(line)
    except ValueError:
        raise CorruptStoreError(path, f"has a bad entry at byte {offset}; it was left untouched") from None


def scan(path: Path) -> Iterator[tuple[int, int, dict]]:
    """Yield ``(offset, length, entry)`` for every complete entry after the header.

    Stops quietly at a torn last line. Raises :class:`CorruptStoreError` for a bad line in the middle.
    """
    for offset, length, _seq, _kind, _target, line in scan_heads(path):
        yield offset, length, parse_line(path, line, offset)


def good_length(path: Path) -> int:
    """The length of the journal up to its last complete line."""
    end = 0
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                end += len(line)
    except FileNotFoundError:
        return 0
    return end


def read_entry(path: Path, offset: int, length: int) -> dict:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return parse_line(path, handle.read(length), offset)


class JournalWriter:
    """Appends entries to a journal; every ``append`` is durable when it returns."""

    def __init__(self, path: Path, store_id: str, mode: int | None = None):
        self.path = path
        if read_header(path) is None:
            header = {"kind": "header", "store": store_id, "format": FORMAT, "created": utc_now()}
            write_file(path, dumps(header) + b"\n", mode=mode)
        self.size = good_length(path)
        self._fd = os.open(path, os.O_WRONLY)
        self._torn = os.fstat(self._fd).st_size != self.size

    def append(self, line: bytes) -> int:
        """Write one entry (ending in a newline) at the end and fdatasync it; return its offset."""
        offset = self.size
        try:
            if self._torn:
                os.ftruncate(self._fd, offset)
                self._torn = False
            view = memoryview(line)
            position = offset
            while view:
                written = os.pwrite(self._fd, view, position)
                view, position = view[written:], position + written
            _sync(self._fd)
        except OSError as error:
            self._torn = True
            try:
                os.ftruncate(self._fd, offset)
                self._torn = False
            except OSError:
                pass
            raise StoreWriteError(self.path, f"could not write: {error.strerror or error}", error.errno) from error
        self.size = offset + len(line)
        return offset

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
