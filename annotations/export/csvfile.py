"""``csv``: one row per claim with its main fields, safe to open in a spreadsheet.

Text cells are quoted, and any that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab, a carriage return or NUL, also after leading spaces) get a ``'`` in front
(CWE-1236). Numbers (value, range bounds, offsets) are written unquoted, so they stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..fields import format_value
from .records import ArticleRecords, ExportData, ProgressCallback

COLUMNS = (
    "claim_id", "status", "article", "title", "outlet", "article_date", "url", "text", "value", "value_low",
    "value_high", "approx", "counted", "predicate", "source", "date", "changed", "original", "sentence", "start",
    "end", "reviewer", "at", "note", "cluster", "links",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def safe_cell(value):
    """A cell as written: numbers as they are, text with a formula-looking start defused by ``'``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _bounds(value) -> tuple:
    if isinstance(value, list) and len(value) == 2:
        return "", value[0], value[1]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, value, value
    return "", "", ""


def row(record: dict) -> list:
    """The CSV row of one claim record."""
    fields, article = record["fields"], record["article"]
    value, low, high = _bounds(fields.get("value"))
    original = "; ".join(f"{name}: {_shown(record['original'].get(name))}" for name in record["changed"])
    links = "; ".join(f"{link['type']}:{_other(link, record['id'])}" for link in record["links"])
    cells = [
        record["id"], record["status"], article["path"], article["title"], article["source"], article["date"],
        article["url"], record["text"], value, low, high, fields.get("approx", ""), fields.get("counted", ""),
        fields.get("predicate", ""), fields.get("source", ""), fields.get("date", ""),
        "; ".join(record["changed"]), original, record["sentence"], record["start"], record["end"],
        record["reviewer"], record["at"], record["note"], record["cluster"] or "", links,
    ]
    return [safe_cell(c) for c in cells]


def _shown(value) -> str:
    return format_value(value) if isinstance(value, (int, float, list)) and not isinstance(value, bool) else str(
        value or "")


def _other(link: dict, claim_id: str) -> str:
    return link["b"]["claim"] if link["a"]["claim"] == claim_id else link["a"]["claim"]


def write(data: ExportData, out: TextIO, progress: ProgressCallback | None = None) -> list[str]:
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(r) for r in data.claims)
    if progress:
        progress(len(data.claims), len(data.claims), "")
    return []


def write_stream(data: ExportData, records: Iterable[ArticleRecords], out: TextIO,
                 progress: ProgressCallback | None = None) -> list[str]:
    """The same rows as :func:`write`, written article by article as the records are made."""
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for article in records:
        writer.writerows(row(r) for r in article.claims)
    if progress:
        progress(data.counted["claims"], data.counted["claims"], "")
    return []
