"""Read one corpus file as text, or say clearly why it cannot be loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024  # an article file larger than this is not an article
STREAMED_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}  # bulk corpora: read line by line, no size cap


class Unloadable(Exception):
    """The file cannot be loaded; the message says why, for a problem line."""


@dataclass
class Decoded:
    text: str
    problems: list[str] = field(default_factory=list)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM); else the encoding charset-normalizer finds, with a problem noted."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unloadable("binary file (holds NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unloadable("binary file, not text in any known encoding")
    note = f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {best.encoding}"
    return Decoded(str(best), [note])


def read_text(path: Path) -> Decoded:
    """The text of ``path``; raises :class:`Unloadable` for an empty, huge, binary or unreadable file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Unloadable(f"file is {_megabytes(size)}, over the {_megabytes(MAX_FILE_BYTES)} limit for an article")
        data = path.read_bytes()
    except PermissionError:
        raise Unloadable("cannot read the file: permission denied") from None
    except IsADirectoryError:
        raise Unloadable("is a directory") from None
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise Unloadable("empty file")
    return decode(data)
