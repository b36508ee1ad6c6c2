"""JSON documents: one article record, one WordPress post, a list of them, or an API response that
holds the list under a key (a news API's ``{"status": "ok", "articles": [...]}``).

The list is looked for at the top, then one and two levels down, first under the usual names
(``articles``, ``results``, ``items``, ``data``, ``docs``, ``posts``, ``stories``, ``entries``,
``hits``, ``response``), then under any key; the first list that holds article records wins. Each
record is read as :mod:`.records` says (a WordPress post as :mod:`.wordpress` says). A document
nested too deeply to read is reported, not a crash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from .draft import Draft
from .jsonlines import NOT_A_RECORD, is_record, parse_record
from .reading import Unloadable, read_text
from .records import field_map, record_key

LIST_KEYS = ("articles", "results", "items", "data", "docs", "posts", "stories", "entries", "hits", "response")
_SEARCH_DEPTH = 2


def _lists_in(obj: Mapping, depth: int) -> Iterator[list]:
    """Lists held by ``obj`` and the objects below it (to ``depth`` levels), usual names first."""
    rank = {name: i for i, name in enumerate(LIST_KEYS)}
    keys = sorted(obj, key=lambda k: rank.get(str(k).lower(), len(LIST_KEYS)))  # stable: the rest in order
    for key in keys:
        if isinstance(obj[key], list):
            yield obj[key]
    if depth > 0:
        for key in keys:
            if isinstance(obj[key], Mapping):
                yield from _lists_in(obj[key], depth - 1)


def article_list(obj: object) -> list | None:
    """The list of article records in a document, else None."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, Mapping):
        return next((items for items in _lists_in(obj, _SEARCH_DEPTH) if any(is_record(i) for i in items)), None)
    return None


def drafts_of(obj: object, fmt: str = "json") -> Iterator[Draft | str]:
    """The drafts of a parsed document, and problems ("item 3: not an article …") as strings."""
    if is_record(obj):
        yield parse_record(obj, fmt=fmt)
        return
    items = article_list(obj)
    if items is None:
        raise Unloadable(f"the JSON is not an article: {NOT_A_RECORD}, or a list of such records")
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        if is_record(item):
            yield parse_record(item, record_key(item, field_map(item.keys()), str(i), seen), fmt)
        else:
            yield f"item {i}: {NOT_A_RECORD}"


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft | str]:
    decoded = read_text(path, what="a JSON document (JSON Lines files of any size are read)")
    try:
        obj = json.loads(decoded.text)
    except RecursionError:
        raise Unloadable("JSON nested too deeply to read") from None
    except json.JSONDecodeError as error:
        raise Unloadable(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    for item in drafts_of(obj):
        if isinstance(item, Draft):
            item.problems[:0] = decoded.problems
        yield item
