"""Read one corpus file: its first bytes (to tell its format), all of it as text, or a text stream.

Whole-file formats (an article, a saved page, a feed, a JSON document) are read at once, up to a size
limit; bulk formats (CSV, JSON Lines, web archives) are streamed, whatever their size. A file that
cannot be read raises :class:`Unloadable` with a one-line reason (for a binary file: what it is).
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024  # an article file larger than this is not an article
MAX_FEED_BYTES = 50 * 1024 * 1024  # a feed is read whole (feedparser does not stream); an archive feed is big
HEAD_BYTES = 64 * 1024  # what format detection looks at

# Signatures of binary files a user may hand over by mistake, and what to say about them.
_BINARY_KINDS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (save it as text first)"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .docx is one: save it as CSV or text first)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (save it as CSV or text first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "a gzip-compressed file (only a compressed web archive, .warc.gz, is read)"),
    (b"BZh", "a bzip2-compressed file (decompress it first)"),
    (b"\xfd7zXZ", "an xz-compressed file (decompress it first)"),
)


class Unloadable(Exception):
    """The file cannot be loaded; the message says why, for a problem line."""


@dataclass
class Decoded:
    text: str
    problems: list[str] = field(default_factory=list)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def describe_binary(data: bytes) -> str | None:
    """What a binary file is ("a PNG image"), from its first bytes; None when it looks like text."""
    for magic, what in _BINARY_KINDS:
        if data.startswith(magic):
            return what
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a binary file (holds NUL bytes), not text"
    return None


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def decode(data: bytes) -> Decoded:
    """UTF-8 or UTF-16 with a BOM, UTF-8 without one; else the encoding charset-normalizer finds,
    with a problem noted."""
    what = describe_binary(data)
    if what is not None:
        raise Unloadable(what)
    bom = _bom_encoding(data)
    try:
        return Decoded(data.decode(bom or "utf-8-sig"))
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes  # imported here: only files that are not UTF-8 need it

    best = from_bytes(data).best()
    if best is None:
        raise Unloadable("a binary file, not text in any known encoding")
    note = f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {best.encoding}"
    return Decoded(str(best), [note])


def _opened(path: Path, mode: str = "rb"):
    try:
        return path.open(mode)
    except PermissionError:
        raise Unloadable("cannot read the file: permission denied") from None
    except IsADirectoryError:
        raise Unloadable("is a directory") from None
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None


def read_head(path: Path) -> bytes:
    """The first :data:`HEAD_BYTES` of ``path``; raises :class:`Unloadable` for an empty or unreadable file."""
    try:
        with _opened(path) as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None
    if not head.strip():
        with _opened(path) as handle:  # a file of white space longer than the head is empty too
            if not any(chunk.strip() for chunk in iter(lambda: handle.read(1 << 20), b"")):
                raise Unloadable("empty file")
    return head


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES, what: str = "an article") -> bytes:
    """The bytes of ``path``; raises :class:`Unloadable` for an empty, huge or unreadable file."""
    size = file_size(path)
    if size > limit:
        raise Unloadable(f"file is {megabytes(size)}, over the {megabytes(limit)} limit for {what}")
    try:
        with _opened(path) as handle:
            data = handle.read()
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise Unloadable("empty file")
    return data


def whole_head(head: bytes | None) -> bool:
    """Is ``head`` (what :func:`read_head` read) the whole file: shorter than :data:`HEAD_BYTES`, not blank?"""
    return head is not None and len(head) < HEAD_BYTES and bool(head.strip())


def read_text(path: Path, limit: int = MAX_FILE_BYTES, what: str = "an article", head: bytes | None = None) -> Decoded:
    """The text of ``path``; raises :class:`Unloadable` for an empty, huge, binary or unreadable file.
    ``head``: its first bytes, read to tell its format; a file they are all of is not read again."""
    return decode(head if whole_head(head) and len(head) <= limit else read_bytes(path, limit, what))


def stream_encoding(head: bytes) -> tuple[str, list[str]]:
    """The encoding to stream a text file in, judged from its first bytes, and a problem to note on
    its articles when it is not UTF-8."""
    bom = _bom_encoding(head)
    if bom:
        return bom, []
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)  # not final: a character cut at the end is fine
        return "utf-8", []
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes  # imported here: only files that are not UTF-8 need it

    best = from_bytes(head).best()
    encoding = best.encoding if best is not None else "cp1252"
    return encoding, [f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {encoding}"]


def open_text_stream(path: Path, head: bytes, *, newline: str | None = None) -> tuple[io.TextIOWrapper, list[str]]:
    """A text stream over ``path`` in the encoding its head shows (bad bytes replaced), and the
    problems to note on its articles."""
    encoding, problems = stream_encoding(head)
    raw = _opened(path)
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=newline), problems


def head_text(head: bytes) -> str:
    """The head decoded for format detection (bad bytes replaced, a character cut at the end dropped)."""
    encoding = _bom_encoding(head) or "utf-8"
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head).lstrip("\ufeff")
