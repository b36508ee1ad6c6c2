"""JSON documents: one article record, one WordPress post, a list of them, or an API response that
holds the list under a key (a news API's ``{"status": "ok", "articles": [...]}``).

The list is looked for at the top, then one and two levels down, first under the usual names
(``articles``, ``results``, ``items``, ``data``, ``docs``, ``posts``, ``stories``, ``entries``,
``hits``, ``response``), then under any key; the first list that holds article records wins. Each
record is read as :mod:`.records` says (a WordPress post as :mod:`.wordpress` says). A document
nested too deeply to read is reported, not a crash.

A document up to 5 MB is parsed whole (with line and column in an error message). A bigger one is
streamed with ijson in two passes, in bounded memory: the first finds the list whose items have a
text field (by the same preference), the second reads its items one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from .draft import Draft
from .jsonlines import NOT_A_RECORD, is_record, parse_record
from .reading import MAX_FILE_BYTES, Unloadable, file_size, read_text
from .records import TEXT_KEYS, field_map, norm_name, record_key

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


def _list_prefix(events) -> str | None:
    """From ijson's parse events: the prefix of the items of the list of articles, else None."""
    rank = {name: i for i, name in enumerate(LIST_KEYS)}
    candidates: set[str] = set()  # lists of objects, at most _SEARCH_DEPTH objects down
    found: list[str] = []
    for prefix, event, _value in events:
        if event == "start_array":
            parts = prefix.split(".") if prefix else []
            if prefix == "" or (len(parts) <= _SEARCH_DEPTH + 1 and "item" not in parts):
                candidates.add(prefix)
        elif event == "string":
            owner, _, key = prefix.rpartition(".")
            array = owner[: -len(".item")] if owner.endswith(".item") else ("" if owner == "item" else None)
            if array is not None and array in candidates and norm_name(key) in TEXT_KEYS:
                candidates.discard(array)
                found.append(array)
                if array == "" or array.rsplit(".", 1)[-1].lower() in rank:
                    break  # the list itself, or one under a usual name: no better one to come
    if not found:
        return None
    best = min(found, key=lambda p: rank.get(p.rsplit(".", 1)[-1].lower(), len(LIST_KEYS)))
    return f"{best}.item" if best else "item"


def _binary(path: Path):
    handle = path.open("rb")
    if handle.read(3) != b"\xef\xbb\xbf":  # a UTF-8 byte-order mark, which ijson does not expect
        handle.seek(0)
    return handle


def stream(path: Path, meter=None) -> Iterator[Draft | str]:
    """The drafts of a JSON document of any size, streamed (see the module's notes)."""
    import ijson  # imported here: only JSON documents over 5 MB need it

    done = 0
    try:
        with _binary(path) as handle:
            prefix = _list_prefix(ijson.parse(handle))
        if prefix is None:
            raise Unloadable(f"the JSON is not a list of articles: {NOT_A_RECORD}")
        seen: set[str] = set()
        with _binary(path) as handle:
            for done, item in enumerate(ijson.items(handle, prefix, use_float=True), 1):
                if meter is not None and done % 256 == 0:
                    meter(handle.tell())
                if is_record(item):
                    yield parse_record(item, record_key(item, field_map(item.keys()), str(done), seen), "json")
                else:
                    yield f"item {done}: {NOT_A_RECORD}"
    except ijson.JSONError as error:
        message = " ".join(str(error).split("\n", 1)[0].split())[:200]
        if not done:
            raise Unloadable(f"invalid JSON: {message}") from None
        yield f"invalid JSON after item {done}: {message}; the rest of the file is not read"
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft | str]:
    if file_size(path) > MAX_FILE_BYTES:
        yield from stream(path, meter)
        return
    decoded = read_text(path, what="a JSON document", head=head)
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
