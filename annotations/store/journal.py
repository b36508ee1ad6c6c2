"""The journal: an append-only JSON Lines file of every action, fsynced per entry, checksummed per line.

``x.json.journal`` starts with a header line naming the store it belongs to; then one entry per
action, in ``seq`` order. It is the store's write-ahead log (an acknowledged decision is a fsynced
journal line) and its history (undo/redo, audit).

Every entry written since format 2 carries a CRC-32 of its own line (the line without the ``crc``
member), so opening a store verifies the whole journal in one fast pass without parsing it:

    {"seq":7,"kind":"do","crc":"1c291ca3","action":"accept","at":"…","changes":[…]}

A bad *last* line is the normal crash case (it was being written, so it was never acknowledged): it is
reported, ignored, and cut off by the next writer. A bad line with anything after it is corruption:
:class:`CorruptStoreError` names the line and nothing is changed (``claimdesk db repair`` copies what is
before it into a new store). Lines without a checksum (format 1) are verified by parsing them.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ids import utc_now
from .errors import CorruptStoreError, StoreWriteError
from .schema import DATA_TABLES
from .storage import dumps, write_file

FORMAT = 2  # 1: no checksums; 2: a crc per entry, and a header may carry the stacks of a compacted journal
KINDS = ("do", "undo", "redo")
_sync = getattr(os, "fdatasync", os.fsync)

# The head of an entry as this module writes it; "crc" (group 4) is left out of the checksummed bytes.
_HEAD = re.compile(rb'^\{"seq":(\d+),"kind":"(do|undo|redo)"(?:,"target":(\d+))?(,"crc":"([0-9a-f]{8})")?,')


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".journal")


def encode(entry: dict) -> bytes:
    """The journal line of ``entry`` (whose first keys are seq, kind and, for undo/redo, target), checksummed."""
    line = dumps(entry)
    head = _HEAD.match(line)
    if head is None:
        raise ValueError("a journal entry starts with seq, kind (and target)")
    cut = head.end() - 1  # before the comma that follows the head
    crc = zlib.crc32(line)
    return b"%s,\"crc\":\"%08x\"%s\n" % (line[:cut], crc, line[cut:])


@dataclass
class Head:
    """One entry as the journal scan sees it, without parsing its body."""

    line: int  # 1-based line number in the file (the header is line 1)
    offset: int
    length: int
    seq: int
    kind: str
    target: int | None
    raw: bytes


@dataclass
class Header:
    store: str
    format: int
    created: str = ""
    # A compacted journal: the undo/redo stacks as they were after entry ``base``; entries up to ``base``
    # are kept only if a stack names them. ``checkpoint``: the database file must be at least this recent.
    base: int = 0
    undo: list[int] = field(default_factory=list)
    redo: list[int] = field(default_factory=list)
    checkpoint: int = 0
    length: int = 0  # bytes, newline included


def read_header(path: Path) -> Header | None:
    """The header of the journal at ``path``, ``None`` if there is no journal (or an empty file)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CorruptStoreError(path, f"cannot be read: {error.strerror or error}") from error
    return _parse_header(path, first)


def _parse_header(path: Path, first: bytes) -> Header | None:
    if not first:
        return None
    try:
        data = json.loads(first)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("kind") != "header" or not first.endswith(b"\n") \
            or not isinstance(data.get("store"), str):
        raise CorruptStoreError(path, "is not a claimdesk journal (bad header); it was left untouched", line=1)
    version = data.get("format", 1)
    if not isinstance(version, int) or version > FORMAT:
        raise CorruptStoreError(path, f"was written by a newer claimdesk (journal format {version!r}); "
                                      "upgrade claimdesk", line=1)
    try:
        return Header(data["store"], version, str(data.get("created", "")), int(data.get("base", 0)),
                      [int(s) for s in data.get("undo", [])], [int(s) for s in data.get("redo", [])],
                      int(data.get("checkpoint", 0)), len(first))
    except (TypeError, ValueError):
        raise CorruptStoreError(path, "has a bad header; it was left untouched", line=1) from None


def header_line(header: Header) -> bytes:
    data = {"kind": "header", "store": header.store, "format": FORMAT, "created": header.created or utc_now()}
    if header.base:
        data.update(base=header.base, undo=header.undo, redo=header.redo, checkpoint=header.checkpoint,
                    compacted=utc_now())
    return dumps(data) + b"\n"


def check_line(raw: bytes) -> tuple[int, str, int | None] | str:
    """``(seq, kind, target)`` of a complete entry line whose checksum (or, without one, parse) is good,
    else the reason it is bad."""
    head = _HEAD.match(raw)
    if head is not None and head[4] is not None:
        crc = zlib.crc32(raw[head.end(4):-1], zlib.crc32(raw[:head.start(4)]))
        if crc != int(head[5], 16):
            return "its checksum does not match its content"
        return int(head[1]), head[2].decode(), int(head[3]) if head[3] is not None else None
    try:  # format 1 (no checksum), or written in another key order: parse it
        entry = json.loads(raw)
        seq, kind, target = entry["seq"], entry["kind"], entry.get("target")
    except (ValueError, KeyError, TypeError):
        return "it is not a journal entry"
    if not isinstance(seq, int) or kind not in KINDS or not (target is None or isinstance(target, int)):
        return "it is not a journal entry"
    return seq, kind, target


class Scan:
    """One verifying pass over a journal: iterate for its entries (:class:`Head`), then read ``end``
    (the length up to the last good line) and ``torn`` (a message if a bad last line was dropped).

    Raises :class:`CorruptStoreError` naming the line for a bad line that is not the last one.
    """

    def __init__(self, path: Path):
        self.path = path
        self.header: Header | None = None
        self.end = 0
        self.torn = ""
        self.last_seq = 0

    def __iter__(self) -> Iterator[Head]:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 (closed by the with below; no journal is empty)
        except FileNotFoundError:
            return
        except OSError as error:
            raise CorruptStoreError(self.path, f"cannot be read: {error.strerror or error}") from error
        with handle:
            self.header = _parse_header(self.path, handle.readline())
            if self.header is None:
                return
            offset = self.end = self.header.length
            number = 1
            for raw in handle:
                number += 1
                checked = check_line(raw) if raw.endswith(b"\n") else "it is cut off (no line end)"
                if not isinstance(checked, str) and checked[0] <= self.last_seq:
                    checked = f"its seq {checked[0]} is not after {self.last_seq}"
                if isinstance(checked, str):
                    if handle.read(1):
                        raise CorruptStoreError(
                            self.path, f"line {number} (byte {offset}) is corrupt: {checked}; the entries after "
                            "it were not read and nothing was changed. `claimdesk db repair` copies everything "
                            "before it into a new store", line=number)
                    self.torn = (f"the last journal entry (line {number}) was incomplete — cut off by a crash "
                                 "while it was written, so never acknowledged — and was dropped")
                    return
                seq, kind, target = checked
                self.last_seq = seq
                yield Head(number, offset, len(raw), seq, kind, target, raw)
                offset += len(raw)
                self.end = offset


def parse(path: Path, head: Head) -> dict:
    """The entry of a verified line (its ``crc`` dropped); :class:`CorruptStoreError` if it is not one."""
    try:
        entry = json.loads(head.raw)
    except ValueError:
        entry = None
    if not _well_formed(entry):
        raise CorruptStoreError(path, f"line {head.line} (byte {head.offset}) is not a valid journal entry; "
                                      "nothing was changed", line=head.line)
    entry.pop("crc", None)
    return entry


def _well_formed(entry) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("changes"), list):
        return False
    if not isinstance(entry.get("action"), str) or not isinstance(entry.get("articles", []), list):
        return False
    return all(isinstance(c, dict) and c.get("table") in DATA_TABLES and isinstance(c.get("id"), str)
               and all(isinstance(c.get(k), (dict, type(None))) for k in ("before", "after"))
               for c in entry["changes"])


def read_entry(path: Path, offset: int, length: int, line: int = 0) -> dict:
    """Read back one entry by its place (for undo/redo), verifying it again."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        raw = handle.read(length)
    checked = check_line(raw) if raw.endswith(b"\n") else "it is cut off"
    if isinstance(checked, str):
        where = f"line {line} (byte {offset})" if line else f"the entry at byte {offset}"
        raise CorruptStoreError(path, f"{where} changed since the store was opened: {checked}", line=line or None)
    return parse(path, Head(line, offset, length, checked[0], checked[1], checked[2], raw))


def scan(path: Path) -> Iterator[tuple[int, int, dict]]:
    """Yield ``(offset, length, entry)`` for every good entry (a bad last line is skipped)."""
    for head in Scan(path):
        yield head.offset, head.length, parse(path, head)


class JournalWriter:
    """Appends entries to a journal; every ``append`` is durable when it returns.

    ``size``: where the good part of an existing journal ends (from its :class:`Scan`); anything after
    it (a torn line) is cut off before the first append.
    """

    def __init__(self, path: Path, store_id: str, mode: int | None = None, size: int | None = None):
        self.path = path
        if read_header(path) is None:
            line = header_line(Header(store_id, FORMAT))
            write_file(path, line, mode=mode)
            size = len(line)
        elif size is None:
            scan = Scan(path)
            for _ in scan:
                pass
            size = scan.end
        self.size = size
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
