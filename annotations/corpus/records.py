"""Article records in tables and JSON: which field is the title, the text, the date, and so on.

CSV columns, JSON Lines records and JSON documents name their fields in many ways. A field is found by
name, case-insensitively and ignoring ``_``, ``-`` and spaces (``published_at``, ``publishedAt`` and
``Published At`` are one name), trying each role's names in order:

============  =======================================================================
role          names
============  =======================================================================
title         title, headline
text          text, body, content, article, story, full_text, maintext; else description, summary
date          date, published, published_at, publish_date, pubdate, date_publish
url           url, link
source        source, outlet, publisher, media_name, domain
byline        author, byline, authors
id            id, guid
============  =======================================================================

A value may be a string, a number, a list (of authors: joined with commas) or an object with a
``name`` (a news API's ``"source": {"name": "BBC News"}``). A text holding HTML paragraphs is read as
HTML. A news API's cut-off marker ("… [+1234 chars]") is removed and noted as a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .draft import Draft
from .metadata import canonical_source, iso_date

ROLES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "story", "full_text", "maintext"),
    "summary": ("description", "summary"),  # the text when there is no text field
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "date_publish"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "media_name", "domain"),
    "byline": ("author", "byline", "authors"),
    "id": ("id", "guid"),
}
TEXT_NAMES = ROLES["text"] + ROLES["summary"]
_HTML_TEXT = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>", re.I)
_CUT_OFF = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+(\d+) chars\]\s*$")


def norm_name(name: object) -> str:
    """A field name as it is matched: lower case, without ``_``, ``-``, spaces, quotes or a BOM."""
    return re.sub(r"[\s_\-\"'\ufeff]+", "", str(name)).lower()


_ROLE_NAMES = {role: tuple(norm_name(n) for n in names) for role, names in ROLES.items()}
TEXT_KEYS = frozenset(norm_name(n) for n in TEXT_NAMES)


def field_map(names: Iterable[object]) -> dict[str, object]:
    """For each role, the first of ``names`` (field names as they are written) that plays it."""
    by_norm: dict[str, object] = {}
    for name in names:
        by_norm.setdefault(norm_name(name), name)
    found = {}
    for role, wanted in _ROLE_NAMES.items():
        match = next((by_norm[w] for w in wanted if w in by_norm), None)
        if match is not None:
            found[role] = match
    return found


def value_text(value: object) -> str:
    """A field's value as text: strings and numbers as they are, lists joined, ``{"name": …}`` by name."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, Mapping):
        return value_text(value.get("name") or value.get("rendered") or "")
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (value_text(v) for v in value) if t)
    return ""


def text_of(record: Mapping, fields: Mapping[str, object]) -> str:
    """The record's text: its text field, else its description or summary."""
    for role in ("text", "summary"):
        if role in fields:
            text = record.get(fields[role])
            if isinstance(text, Mapping):  # {"rendered": "<p>…</p>"}
                text = text.get("rendered")
            if isinstance(text, str) and text.strip():
                return text
    return ""


def has_text(record: object) -> bool:
    """Is ``record`` an object with a non-empty text field (under any of the names above)?"""
    return isinstance(record, Mapping) and bool(text_of(record, field_map(record.keys())))


def paragraphs_of(text: str) -> list[str]:
    """A text field as paragraphs: HTML is read as HTML, anything else line by line."""
    if _HTML_TEXT.search(text):
        from .htmltext import html_blocks  # imported here: lxml is slow to import and few records hold HTML

        return [b.text for b in html_blocks(text)]
    return text.split("\n")


def record_draft(record: Mapping, fields: Mapping[str, object], fmt: str, key: str = "") -> Draft:
    """A Draft from one record; ``fields`` maps roles to the record's field names (:func:`field_map`)."""

    def get(role: str) -> str:
        return value_text(record.get(fields[role])).strip() if role in fields else ""

    text = text_of(record, fields)
    problems = []
    cut = _CUT_OFF.search(text)
    if cut:
        text = text[: cut.start()]
        problems.append(f"text cut short in the file ({cut[1]} more characters not in it)")
    raw_date = get("date")
    draft = Draft(
        paragraphs=paragraphs_of(text),
        format=fmt,
        title=get("title"),
        source=canonical_source(get("source")) if get("source") else "",
        byline=get("byline"),
        date=iso_date(raw_date),
        url=get("url"),
        key=key,
        problems=problems,
    )
    if raw_date and not draft.date:
        draft.problems.append(f"unrecognised date {raw_date[:40]!r}")
    return draft


def record_key(record: Mapping, fields: Mapping[str, object], fallback: str, seen: set[str]) -> str:
    """What makes a record's path unique: its id where it has one, else ``fallback`` (its line or row
    number, unique in its file); an id seen before gets ``-fallback`` added. Only ids are remembered
    in ``seen``, so a file without ids is read in memory that does not grow with it."""
    ident = value_text(record.get(fields["id"])).strip() if "id" in fields else ""
    if not ident:
        return fallback if fallback not in seen else f"{fallback}-{fallback}"
    key = ident if ident not in seen else f"{ident}-{fallback}"
    seen.add(key)
    return key
