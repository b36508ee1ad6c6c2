"""``jsonl``: our own schema, one JSON object a line (docs/export.md). Lossless; ``import`` reads it back.

A header line, then every claim record, every entity record and every cluster touched, each with
sorted keys and compact separators, so the same state always gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from typing import TextIO

from .records import ArticleRecords, ExportData, ProgressCallback


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


def write_stream(data: ExportData, records: Iterable[ArticleRecords], out: TextIO,
                 progress: ProgressCallback | None = None) -> list[str]:
    """The same lines as :func:`write`, from records made article by article: claim and entity lines
    wait in two temporary files until the header (which counts them) is written, so memory holds one
    article's records, not the corpus's."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as claims, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as entities:
        for article in records:
            claims.write("".join(dumps(r) + "\n" for r in article.claims))
            entities.write("".join(dumps(r) + "\n" for r in article.entities))
        out.write(dumps(data.header()) + "\n")
        for spool in (claims, entities):
            spool.seek(0)
            shutil.copyfileobj(spool, out, 1 << 20)
    out.write("".join(dumps(r) + "\n" for r in data.clusters))
    if progress:
        lines = 1 + sum(data.counted.values())
        progress(lines, lines, "")
    return []
