"""JSON Lines corpora (one article per line) and single-article JSON records.

A record has ``title`` and ``text`` (or ``content``/``body``), and optionally ``date``, ``url``,
``source``, ``byline``/``author`` and ``id``.
"""

from __future__ import annotations

import json

from .draft import Draft
from .metadata import iso_date
from .wordpress import is_post, parse_post

TEXT_KEYS = ("text", "content", "body", "article")


def is_record(obj: object) -> bool:
    return isinstance(obj, dict) and any(isinstance(obj.get(k), str) for k in TEXT_KEYS)


def parse_record(obj: dict, key: str = "") -> Draft:
    if is_post(obj):
        draft = parse_post(obj)
        draft.key = key
        return draft
    text = next(obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str))
    author = obj.get("byline") or obj.get("author") or ""
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    draft = Draft(
        paragraphs=text.split("\n"),
        format="jsonl",
        title=str(obj.get("title") or ""),
        source=str(obj.get("source") or ""),
        byline=str(author),
        date=iso_date(str(obj.get("date") or "")),
        url=str(obj.get("url") or obj.get("link") or ""),
        key=key,
    )
    if obj.get("date") and not draft.date:
        draft.problems.append(f"unrecognised date {str(obj['date'])[:40]!r}")
    return draft


def _record_key(obj: dict, line_no: int) -> str:
    ident = obj.get("id")
    if isinstance(ident, (str, int)) and str(ident).strip():
        return str(ident).strip()
    return str(line_no)


def parse_lines(lines) -> tuple[list[Draft], list[str]]:
    """Drafts from an iterable of JSON lines; problems name the line of each bad record."""
    drafts: list[Draft] = []
    problems: list[str] = []
    seen: set[str] = set()
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {line_no}: invalid JSON ({error.msg})")
            continue
        if not (is_record(obj) or is_post(obj)):
            problems.append(f"line {line_no}: not an article record (needs 'title' and 'text')")
            continue
        key = _record_key(obj, line_no)
        if key in seen:
            key = f"{key}-{line_no}"
        seen.add(key)
        drafts.append(parse_record(obj, key))
    return drafts, problems
