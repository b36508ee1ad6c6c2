"""``jsonl``: our own schema, one JSON object a line (docs/export.md). Lossless; ``import`` reads it back.

A header line, then every claim record, every entity record and every cluster touched, each with
sorted keys and compact separators, so the same state always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import TextIO

from .records import ExportData, ProgressCallback


def dumps(record: dict) -> str:
    """One line of our JSON Lines: sorted keys, no spaces, UTF-8 text (not ``\\u`` escapes)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def write_document(out: TextIO, document: dict, path: tuple[str, ...], items: list[dict]) -> None:
    """Write ``document`` as JSON with the list ``items`` at key ``path`` — one item a line, so that a
    large JSON-LD file stays fast to write (C encoder) and easy to read and diff."""
    marker = "\x00items\x00"
    holder = document
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = marker
    head, tail = dumps(document).split(dumps(marker), 1)
    body = "[\n" + ",\n".join(dumps(item) for item in items) + "\n]" if items else "[]"
    out.write(head + body + tail + "\n")


def write(data: ExportData, out: TextIO, progress: ProgressCallback | None = None) -> list[str]:
    records = [data.header(), *data.claims, *data.entities, *data.clusters]
    out.write("".join(dumps(r) + "\n" for r in records))
    if progress:
        progress(len(records), len(records), "")
    return []
