"""JSON Lines corpora: one article record a line, streamed (any size, bounded memory).

A record has a text field and optionally a title, date, URL, source, byline and id, under any of the
names :mod:`.records` lists; a WordPress post on a line is read as one. A bad line (invalid JSON, no
text, nested too deeply to read) is reported by its line number and the rest loads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .draft import Draft
from .reading import open_text_stream
from .records import field_map, has_text, record_draft, record_key
from .wordpress import is_post, parse_post

NOT_A_RECORD = "not an article record (needs a text field: text, body, content, …)"


def parse_record(obj: dict, key: str = "", fmt: str = "jsonl") -> Draft:
    """A Draft from one JSON record (a WordPress post, or a record with a text field)."""
    if is_post(obj):
        draft = parse_post(obj)
        draft.key = key
        return draft
    return record_draft(obj, field_map(obj.keys()), fmt, key)


def is_record(obj: object) -> bool:
    return is_post(obj) or has_text(obj)


def parse_lines(lines: Iterable[str], meter: Callable[[int], None] = lambda _n: None,
                first_line: int = 1) -> Iterator[Draft | str]:
    """Drafts from JSON lines, and problems ("line 3: invalid JSON (…)") as strings; ``first_line``: the
    number of the first line given (a part of a big file read on its own)."""
    seen: set[str] = set()
    for line_no, line in enumerate(lines, first_line):
        if line_no % 256 == 0:
            meter(line_no)
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield f"line {line_no}: invalid JSON ({error.msg})"
            continue
        except RecursionError:
            yield f"line {line_no}: nested too deeply to read"
            continue
        if not is_record(obj):
            yield f"line {line_no}: {NOT_A_RECORD}"
            continue
        key = record_key(obj, field_map(obj.keys()), str(line_no), seen)
        yield parse_record(obj, key)


def read(path: Path, head: bytes, meter: Callable[[int], None] = lambda _done: None) -> Iterator[Draft | str]:
    stream, notes = open_text_stream(path, head)
    with stream:
        for item in parse_lines(stream, lambda _n: meter(stream.buffer.tell())):
            if isinstance(item, Draft):
                item.problems[:0] = notes
            yield item
