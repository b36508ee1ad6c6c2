"""CSV and TSV tables with a header row: one article a row, streamed (any size, bounded memory).

Recognised by its first line: two or more column names split by ``,``, ``;``, a tab or ``|`` (the
one that splits it most), names that look like names (at most four words, no sentence), one a text
column and another one more of the known fields (see :mod:`.records` for the names of each role), so
that a text whose first line is "Text, photos and video" stays text. A ``.csv``/``.tsv`` file is read
as a table whatever its header, and told what it lacks.

Rows are read with the standard ``csv`` module: quoted fields may hold the delimiter, quotes and
newlines; a UTF-8 or UTF-16 byte-order mark is dropped. A row with no text is reported by its row
number (the header is row 1, as a spreadsheet counts) and the line it starts on. A row whose quoting
is broken (an opening quote never closed swallows the lines after it) is reported and the table is
read again from the line after the row's first, so that one stray quote loses one row, not the rest.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .draft import Draft
from .reading import Unloadable, open_text_stream
from .records import TEXT_KEYS, TEXT_NAMES, field_map, norm_name, record_draft, record_key

DELIMITERS = (",", ";", "\t", "|")
MAX_FIELD_CHARS = 8 * 1024 * 1024  # one field (an article's text) at most; a runaway quote stops here
MAX_HEADER_NAME = 40
MAX_HEADER_WORDS = 4
# Raised process-wide from the default 128 KB, which one long article exceeds.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))

_TABLE_SUFFIXES = {".csv", ".tsv", ".tab"}


def delimiter_of(line: str) -> str | None:
    """The delimiter a header line uses most (None: none of them)."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else None


def _header_names(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []


def is_header(line: str, suffix: str = "") -> bool:
    """Is ``line`` the header row of a table of articles (or any header, for a ``.csv``/``.tsv`` file)?"""
    line = line.lstrip("\ufeff").rstrip("\r")
    delimiter = delimiter_of(line)
    if delimiter is None:
        return suffix.lower() in _TABLE_SUFFIXES and norm_name(line) in TEXT_KEYS
    names = _header_names(line, delimiter)
    if suffix.lower() in _TABLE_SUFFIXES:
        return len(names) >= 2
    looks_like_names = all(len(n.strip()) <= MAX_HEADER_NAME and len(n.split()) <= MAX_HEADER_WORDS
                           and not n.strip().endswith(".") for n in names)
    roles = field_map(names)
    has_text = "text" in roles or "summary" in roles
    return len(names) >= 2 and looks_like_names and has_text and len(roles) >= 2


class _Lines:
    """The file's lines for the csv reader, remembering those of the row being read, so that a row
    with broken quoting can be read again from its second line."""

    def __init__(self, stream):
        self._stream = stream
        self._again: list[str] = []
        self.row_lines: list[str] = []
        self.line_no = 0  # lines handed out so far

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._again.pop() if self._again else next(self._stream)
        self.row_lines.append(line)
        self.line_no += 1
        return line

    def start_row(self) -> None:
        self.row_lines = []

    def read_again_after_first(self) -> None:
        """Give back every line of the current row but its first."""
        rest = self.row_lines[1:]
        self._again.extend(reversed(rest))
        self.line_no -= len(rest)
        self.row_lines = []


def read(path: Path, head: bytes, meter: Callable[[int], None] = lambda _done: None) -> Iterator[Draft | str]:
    """Drafts, one per row, and problems ("row 7 (line 9): no text") as strings."""
    stream, notes = open_text_stream(path, head, newline="")
    with stream:
        yield from read_rows(stream, notes, lambda: meter(stream.buffer.tell()))


def read_rows(stream: Iterable[str], notes: list[str], meter: Callable[[], None] = lambda: None, *,
              first_row: int = 2, first_line: int = 2) -> Iterator[Draft | str]:
    """The rows of a table whose first line (the header) ``stream`` starts with; ``first_row`` and
    ``first_line`` number the row and the line after the header (a part of a big table read on its
    own starts with the table's header, then its own rows)."""
    lines = _Lines(iter(stream))
    header_line = next(lines, "")
    delimiter = delimiter_of(header_line.lstrip("\ufeff")) or ","
    header = _header_names(header_line.lstrip("\ufeff").rstrip("\r\n"), delimiter)
    fields = field_map(header)
    if "text" not in fields and "summary" not in fields:
        shown = ", ".join(h.strip() for h in header[:12]) or "nothing"
        raise Unloadable(f"the table has no text column (looked for {', '.join(TEXT_NAMES)}); its header has: {shown}")
    columns = {role: header.index(name) for role, name in fields.items()}
    width = len(header)
    seen: set[str] = set()
    row_no = first_row - 1
    lines.line_no = first_line - 1
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        lines.start_row()
        row_line = lines.line_no + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row_no += 1
            yield f"row {row_no} (line {row_line}): unreadable ({error}); read on from the next line"
            lines.read_again_after_first()
            reader = csv.reader(lines, delimiter=delimiter)
            continue
        if not any(cell.strip() for cell in row):
            continue  # a blank line: not a row
        row_no += 1
        if len(lines.row_lines) > 1 and len(row) != width:
            yield (f"row {row_no} (line {row_line}): broken quoting ({len(row)} fields, the header has "
                   f"{width}); read on from the next line")
            lines.read_again_after_first()
            reader = csv.reader(lines, delimiter=delimiter)
            continue
        record = {name: row[i] for name, i in ((fields[r], i) for r, i in columns.items()) if i < len(row)}
        if row_no % 256 == 0:
            meter()
        draft = record_draft(record, fields, "csv", record_key(record, fields, str(row_no), seen))
        if not any(p.strip() for p in draft.paragraphs):
            yield f"row {row_no} (line {row_line}): no text"
            continue
        draft.problems[:0] = notes
        yield draft


def row_starts(path: Path, encoding: str, every: int) -> list[tuple[int, int, int]] | None:
    """(byte offset, row number, line number) of rows about ``every`` bytes apart (the first after the
    header first), found by reading the table as :func:`read` does; None when the table cannot be cut
    so (a line end other than ``\n`` or ``\r\n``, quoting that breaks a row: read it whole)."""
    cuts: list[tuple[int, int, int]] = []
    with path.open("rb") as handle:
        header = handle.readline()
        delimiter = delimiter_of(header.decode(encoding, "replace").lstrip("\ufeff")) or ","
        offset, line_no, row_no = len(header), 1, 1
        row_lines = 0

        def lines() -> Iterator[str]:
            nonlocal offset, line_no, row_lines
            for raw in handle:
                if b"\r" in raw.rstrip(b"\r\n") or (not raw.endswith(b"\n") and handle.peek(1)):
                    raise csv.Error("a line end other than LF or CRLF")
                offset += len(raw)
                line_no += 1
                row_lines += 1
                yield raw.decode(encoding, "replace")

        reader = csv.reader(lines(), delimiter=delimiter)
        width = len(_header_names(header.decode(encoding, "replace").lstrip("\ufeff").rstrip("\r\n"), delimiter))
        last = 0
        while True:
            start, start_line = offset, line_no + 1
            row_lines = 0
            try:
                row = next(reader)
            except StopIteration:
                return cuts
            except csv.Error:
                return None
            if not any(cell.strip() for cell in row):
                continue
            if row_lines > 1 and len(row) != width:
                return None
            row_no += 1
            if not cuts or start - last >= every:
                cuts.append((start, row_no, start_line))
                last = start
