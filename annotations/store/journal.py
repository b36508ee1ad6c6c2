"""The journal: an append-only JSON Lines file of every action, fsynced per entry, checksummed per line.

``x.json.journal`` starts with a header line naming the store it belongs to; then one entry per
action, in ``seq`` order. It is the store's write-ahead log (an acknowledged decision is a fsynced
journal line) and its history (undo/redo, audit).

Every entry written since format 2 ends with a CRC-32 of its own line (the line without the ``crc``
member), so opening a store verifies the whole journal in one fast pass without parsing it:

    {"seq":7,"kind":"do","action":"accept","at":"…","changes":[…],"crc":"1c291ca3"}

A bad *last* line is the normal crash case (it was being written, so it was never acknowledged): it is
reported, ignored, and cut off by the next writer. A bad line with anything after it is corruption:
:class:`CorruptStoreError` names the line and nothing is changed (``claimdesk db repair`` copies what is
before it into a new store). Lines without a checksum (format 1) are verified by parsing them.
"""

from __future__ import annotations

import array
import base64
import contextlib
import json
import os
import re
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..atomic_file import NEW_FILE_MODE, TEMP_PREFIX, fsync_dir, write_all
from ..ids import utc_now
from .errors import CorruptStoreError, StoreWriteError
from .schema import DATA_TABLES
from .storage import dumps, write_file

FORMAT = 2  # 1: no checksums; 2: a crc per entry, and a header may carry the stacks of a compacted journal
KINDS = ("do", "undo", "redo")
_sync = getattr(os, "fdatasync", os.fsync)

# The head of an entry as this module writes it (seq, kind and, for undo/redo, target come first).
_HEAD = re.compile(rb'\{"seq":(\d+),"kind":"(do|undo|redo)"(?:,"target":(\d+))?,')
# ... and its tail: ,"crc":"<8 hex digits>"}<newline>; the checksum is of the line without it, plus "}".
_CRC_MARK = b',"crc":"'
_TAIL = len(_CRC_MARK) + 8 + 3


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".journal")


def encode(entry: dict) -> bytes:
    """The journal line of ``entry`` (whose first keys are seq, kind and, for undo/redo, target), checksummed."""
    line = dumps(entry)
    return b'%s%s%08x"}\n' % (line[:-1], _CRC_MARK, zlib.crc32(line))


class Head(NamedTuple):
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


def check_line(raw: bytes, require_crc: bool = True) -> tuple[int, str, int | None] | str:
    """``(seq, kind, target)`` of a complete entry line whose checksum is good, else the reason it is bad.

    A line without a checksum (format 1) is verified by parsing it, unless ``require_crc``.
    """
    if raw[-_TAIL:-11] == _CRC_MARK:
        if zlib.crc32(b"}", zlib.crc32(memoryview(raw)[:-_TAIL])) != int(raw[-11:-3], 16):
            return "its checksum does not match its content"
        head = _HEAD.match(raw)
        if head is not None:
            return int(head[1]), head[2].decode(), int(head[3]) if head[3] is not None else None
    elif require_crc:
        return "it has no checksum"
    try:  # no checksum (format 1), or written in another key order: parse it
        entry = json.loads(raw)
        seq, kind, target = entry["seq"], entry["kind"], entry.get("target")
    except (ValueError, KeyError, TypeError):
        return "it is not a journal entry"
    if not isinstance(seq, int) or kind not in KINDS or not (target is None or isinstance(target, int)):
        return "it is not a journal entry"
    return seq, kind, target


class Scan:
    """One verifying pass over a journal: iterate for its entries (:class:`Head`), then read ``end``
    (the length up to the last good line), ``crc`` (the CRC-32 of the file up to ``end``) and ``torn``
    (a message if a bad last line was dropped).

    ``resume``: start after a prefix already verified (an :class:`Index`): only the entries after it are
    read (their line numbers are counted only if one is bad). Raises :class:`CorruptStoreError` naming
    the line for a bad line that is not the last one.
    """

    def __init__(self, path: Path, resume: Index | None = None):
        self.path = path
        self.resume = resume
        self.header: Header | None = None
        self.end = 0
        self.crc = 0
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
            first = handle.readline()
            self.header = _parse_header(self.path, first)
            if self.header is None:
                return
            require_crc = self.header.format >= 2  # and, in a format-1 journal, once a line has one
            if self.resume is not None:
                offset, number, self.crc, self.last_seq = self.resume.size, 0, self.resume.crc, self.resume.seq
                handle.seek(offset)
                require_crc = True
            else:
                offset, number, self.crc = len(first), 1, zlib.crc32(first)
            self.end = offset
            for raw in handle:
                number += 1 if number else 0  # 0: not counted (resumed after a prefix)
                checked = check_line(raw, require_crc) if raw.endswith(b"\n") else "it is cut off (no line end)"
                if not isinstance(checked, str):
                    if checked[0] <= self.last_seq:
                        checked = f"its seq {checked[0]} is not after {self.last_seq}"
                    elif not require_crc and raw[-_TAIL:-11] == _CRC_MARK:
                        require_crc = True
                if isinstance(checked, str):
                    if self.resume is not None:
                        number = _line_number(handle, offset)
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
                self.crc = zlib.crc32(raw, self.crc)


def _line_number(handle, offset: int) -> int:
    """The line number at byte ``offset`` (counted only when a message needs it); the handle is left where
    it was."""
    here = handle.tell()
    handle.seek(0)
    count, left = 1, offset
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    handle.seek(here)
    return count


@dataclass
class Index:
    """What an open needs from the journal up to a checkpoint, kept in that checkpoint so the open does not
    read the entries one by one: the prefix's size and CRC-32 (one fast check that it is unchanged), its
    last seq and entry count, and where the entries on the undo and redo stacks are."""

    size: int
    crc: int
    seq: int
    entries: int
    undo: array.array  # (seq, offset, length) flat, oldest first
    redo: array.array

    def to_json(self) -> bytes:
        """Serialised (the stacks as base64 text, spliced in: no JSON encoder walks 100,000s of numbers)."""
        return b'{"size":%d,"crc":%d,"seq":%d,"entries":%d,"undo":"%s","redo":"%s"}' % (
            self.size, self.crc, self.seq, self.entries, _pack(self.undo), _pack(self.redo))

    @classmethod
    def from_json(cls, data) -> Index | None:
        """The index a checkpoint recorded, ``None`` if there is none or it is not readable."""
        try:
            return cls(int(data["size"]), int(data["crc"]), int(data["seq"]), int(data["entries"]),
                       _unpack(data["undo"]), _unpack(data["redo"]))
        except (KeyError, TypeError, ValueError):
            return None

    @staticmethod
    def rows(stack: array.array) -> Iterator[tuple[int, int, int]]:
        """``(seq, offset, length)`` of each entry of a stack."""
        return zip(stack[0::3], stack[1::3], stack[2::3], strict=True)

    def matches(self, path: Path) -> bool:
        """Whether the journal at ``path`` still starts with exactly the prefix this index describes."""
        crc, left = 0, self.size
        try:
            with open(path, "rb") as handle:
                while left > 0:
                    chunk = handle.read(min(left, 1 << 22))
                    if not chunk:
                        return False
                    crc = zlib.crc32(chunk, crc)
                    left -= len(chunk)
        except OSError:
            return False
        return crc == self.crc


def places(seqs: list[int], offsets: dict[int, tuple[int, int, int]]) -> array.array:
    """A stack as the index keeps it: ``(seq, offset, length)`` flat (no tuple per entry is kept alive)."""
    flat = array.array("q")
    for seq in seqs:
        offset, length, _ = offsets[seq]
        flat.append(seq)
        flat.append(offset)
        flat.append(length)
    return flat


def _pack(flat: array.array) -> bytes:
    """int64s as base64 of their little-endian bytes (100,000 rows of three: 3 MB, read in milliseconds)."""
    if sys.byteorder == "big":
        flat = array.array("q", flat)
        flat.byteswap()
    return base64.b64encode(flat.tobytes())


def _unpack(text: str) -> array.array:
    flat = array.array("q")
    flat.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder == "big":
        flat.byteswap()
    if len(flat) % 3:
        raise ValueError("not rows of three")
    return flat


def parse(path: Path, head: Head) -> dict:
    """The entry of a verified line (its ``crc`` dropped); :class:`CorruptStoreError` if it is not one."""
    try:
        entry = json.loads(head.raw)
    except ValueError:
        entry = None
    if not _well_formed(entry):
        raise CorruptStoreError(path, f"{_where(head.line, head.offset)} is not a valid journal entry; "
                                      "nothing was changed", line=head.line or None)
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


def read_entry(path: Path, offset: int, length: int, line: int = 0, seq: int | None = None) -> dict:
    """Read back one entry by its place (for undo/redo), verifying it again (and that it is entry ``seq``)."""
    with open(path, "rb") as handle:
        raw = read_raw(handle, path, offset, length, seq, line)
    seq, kind, target = check_line(raw, require_crc=False)
    return parse(path, Head(line, offset, length, seq, kind, target, raw))


def scan(path: Path) -> Iterator[tuple[int, int, dict]]:
    """Yield ``(offset, length, entry)`` for every good entry (a bad last line is skipped)."""
    for head in Scan(path):
        yield head.offset, head.length, parse(path, head)


class JournalWriter:
    """Appends entries to a journal; every ``append`` is durable when it returns.

    ``size`` and ``crc``: where the good part of an existing journal ends and its CRC-32 (from its
    :class:`Scan`); anything after it (a torn line) is cut off before the first append. ``crc`` is kept
    up to date: a checkpoint records it in its :class:`Index`.
    """

    def __init__(self, path: Path, store_id: str, mode: int | None = None, size: int | None = None,
                 crc: int = 0):
        self.path = path
        if read_header(path) is None:
            line = header_line(Header(store_id, FORMAT))
            write_file(path, line, mode=mode)
            size, crc = len(line), zlib.crc32(line)
        elif size is None:
            scan = Scan(path)
            for _ in scan:
                pass
            size, crc = scan.end, scan.crc
        self.size = size
        self.crc = crc
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
        self.crc = zlib.crc32(line, self.crc)
        return offset

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class Rewrite:
    """A new journal being written beside the old one (compaction): ``add`` entries, then ``commit``
    (fsync, rename over the old one, fsync the folder) or ``abort``. Until the rename the old journal is
    the journal; a crash leaves a temporary file that the next writer removes."""

    def __init__(self, path: Path, header: Header, mode: int | None):
        self.path = path
        self.mode = mode
        self.offsets: dict[int, tuple[int, int, int]] = {}
        fd, self._temp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
        self._fd: int | None = fd
        line = header_line(header)
        self.size, self.crc = 0, 0
        self._write(line)

    def _write(self, raw: bytes) -> None:
        try:
            write_all(self._fd, raw)
        except OSError as error:
            self.abort()
            raise StoreWriteError(self.path, f"could not compact: {error.strerror or error}", error.errno) from error
        self.size += len(raw)
        self.crc = zlib.crc32(raw, self.crc)

    def add(self, seq: int, raw: bytes) -> None:
        self.offsets[seq] = (self.size, len(raw), 0)
        self._write(raw)

    def commit(self) -> None:
        try:
            os.fsync(self._fd)
            os.fchmod(self._fd, NEW_FILE_MODE if self.mode is None else self.mode)
            os.close(self._fd)
            self._fd = None
            os.replace(self._temp, self.path)
        except OSError as error:
            self.abort()
            raise StoreWriteError(self.path, f"could not compact: {error.strerror or error}", error.errno) from error
        fsync_dir(self.path.parent)

    def abort(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        with contextlib.suppress(OSError):
            os.unlink(self._temp)


def read_raw(handle, path: Path, offset: int, length: int, seq: int | None = None, line: int = 0) -> bytes:
    """The line of an entry at ``offset`` in an open journal, verified (and checked to be entry ``seq``)."""
    handle.seek(offset)
    raw = handle.read(length)
    checked = check_line(raw, require_crc=False) if raw.endswith(b"\n") else "it is cut off"
    if not isinstance(checked, str) and seq is not None and checked[0] != seq:
        checked = f"it is entry {checked[0]}, not {seq}"
    if isinstance(checked, str):
        raise CorruptStoreError(path, f"{_where(line, offset)} changed since the store was opened: {checked}",
                                line=line or None)
    return raw


def _where(line: int, offset: int) -> str:
    return f"line {line} (byte {offset})" if line else f"the entry at byte {offset}"
