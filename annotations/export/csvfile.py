"""``csv``: one row per claim with its main fields, safe to open in a spreadsheet.

Text cells are quoted, and any that a spreadsheet would run as a formula get a ``'`` in front
(CWE-1236): starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or NUL, or their
fullwidth and small forms (``＝``, ``＋``, ``－``, ``＠``, ``﹦``…), also behind leading spaces or
invisible format characters (a byte-order mark, zero-width spaces and joiners, a soft hyphen), which a
spreadsheet may drop before it looks. Numbers (value, range bounds, the start value of a change, the
whole a share is of, offsets) are written unquoted, so they stay numbers.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from ..fields import format_value
from .records import ArticleRecords, ExportData, ProgressCallback

COLUMNS = (
    "claim_id", "status", "article", "title", "outlet", "article_date", "url", "text", "value", "value_low",
    "value_high", "approx", "unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate", "source",
    "date", "changed",
    "original", "sentence", "start", "end", "reviewer", "at", "note", "cluster", "links",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def safe_cell(value):
    """A cell as written: numbers as they are, text with a formula-looking start defused by ``'``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula: its first character that is not a space
    or an invisible format character is a formula start, in any width."""
    for char in text:
        if char in FORMULA_STARTS:
            return True
        if char.isspace() or unicodedata.category(char) in ("Cf", "Zs"):
            continue  # spaces (any width) and format characters (U+FEFF, U+200B, U+2060, U+00AD, ...)
        return unicodedata.normalize("NFKC", char) in FORMULA_STARTS
    return False


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
        article["url"], record["text"], value, low, high, fields.get("approx", ""), fields.get("unit", ""),
        fields.get("change", ""), _number(fields.get("from_value")), _number(fields.get("of_value")),
        fields.get("of_unit", ""), fields.get("counted", ""),
        fields.get("predicate", ""), fields.get("source", ""), fields.get("date", ""),
        "; ".join(record["changed"]), original, record["sentence"], record["start"], record["end"],
        record["reviewer"], record["at"], record["note"], record["cluster"] or "", links,
    ]
    return [safe_cell(c) for c in cells]


def _number(value):
    """A number as a number; nothing (no start value) as an empty cell."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


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
