"""RSS 2.0, RSS 1.0 and Atom feeds: each item is an article, read with feedparser.

The text is the item's full content (``content:encoded``, Atom ``<content>``) when the feed has it,
else its ``description``/``<summary>``; feedparser sanitises the HTML (scripts, styles, event
handlers go) and :mod:`.htmltext` reads it as text blocks. The item's title, link, author and date
(published, else updated) are kept; the feed's own title is the source. An item's key (what makes its
path unique) is its ``guid``/``id``, else its link, else its position.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser

from .draft import Draft
from .htmltext import html_blocks
from .metadata import canonical_source
from .reading import MAX_FEED_BYTES, Unloadable, read_bytes


def _html_text(value: str) -> list[str]:
    return [b.text for b in html_blocks(value)] if "<" in value else value.split("\n")


def _content(entry) -> str:
    """The item's fullest text: the longest content block, else the summary."""
    contents = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best.strip()) >= len(summary.strip()) else summary


def _date(entry) -> str:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return ""


def _title(entry) -> str:
    title = entry.get("title") or ""
    return " ".join(b.text for b in html_blocks(title)) if "<" in title or "&" in title else title


def parse(data: bytes) -> Iterator[Draft | str]:
    """The drafts of a feed's items, and problems ("item 3: no text") as strings."""
    # a stream, never a string: feedparser would fetch a string that looks like a URL or a file path
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise Unloadable(f"a feed with no items{reason}")
    source = canonical_source(parsed.feed.get("title") or "")
    seen: set[str] = set()
    for i, entry in enumerate(parsed.entries, 1):
        paragraphs = _html_text(_content(entry))
        if not any(p.strip() for p in paragraphs):
            yield f"item {i}: no text"
            continue
        key = str(entry.get("id") or entry.get("link") or i).strip()
        if key in seen:
            key = f"{key}-{i}"
        seen.add(key)
        yield Draft(paragraphs=paragraphs, format="feed", title=_title(entry), source=source,
                    byline=entry.get("author") or "", date=_date(entry), url=entry.get("link") or "", key=key)


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft | str]:
    yield from parse(read_bytes(path, MAX_FEED_BYTES, "a feed"))
