"""Web archives (WARC 1.0/1.1, plain or gzip-compressed): each article page is an article, streamed.

warcio reads the records one at a time. A record is an article page when it is an HTTP 200
``response`` (or a ``resource``) of type ``text/html``/``application/xhtml+xml`` in which trafilatura
finds article text; it becomes an article with its URL (``WARC-Target-URI``, also its key) and crawl
date (``WARC-Date``), its title and text read as a saved page's (:mod:`.htmlpage`). Every other record
(requests, metadata, redirects, errors, images, scripts, pages without article text such as a
section front) is skipped and counted, in one problem line for the file. An archive cut short (a
download that stopped) keeps the pages before the cut, with a problem line saying where it ends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .draft import Draft
from .htmlpage import NO_TEXT, parse
from .metadata import iso_date
from .reading import MAX_FILE_BYTES, Unloadable, file_size

PAGE_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def _decode_page(body: bytes, content_type: str) -> str:
    """A page's bytes as text: the charset its HTTP header or ``<meta>`` names, else UTF-8, else cp1252."""
    names = [m[1] for m in (_CHARSET.search(content_type),) if m]
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        names.append(meta[1].decode("ascii", "replace"))
    for name in [*names, "utf-8"]:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _why_not_a_page(record) -> str | None:
    """Why a record is not a page to read ("request", "HTTP 404", "image/jpeg"), or None for a page."""
    if record.rec_type not in ("response", "resource"):
        return record.rec_type
    if record.rec_type == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = record.http_headers.get_statuscode() or "?"
        if status != "200":
            return f"HTTP {status}"
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    kind = content_type.split(";")[0].strip().lower()
    return None if kind in PAGE_TYPES else (kind or "no content type")


def _summary(counts: Counter) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{n} {what}" for what, n in counts.most_common())
    return f"{total} record{'s' if total != 1 else ''} not {'article pages' if total != 1 else 'an article page'} ({parts})"


def record_offsets(path: Path, every: int) -> list[tuple[int, int]]:
    """(byte offset, number of records before it) of records about ``every`` bytes apart (the first
    record first): the places a big archive can be cut for parts read on their own."""
    found: list[tuple[int, int]] = []
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for number, _ in enumerate(records):
                offset = records.get_record_offset()
                if not found or offset - found[-1][0] >= every:
                    found.append((offset, number))
        except ArchiveLoadFailed:  # the rest is read (and reported) by the part that holds it
            pass
        return [(_record_start(handle, offset), number) for offset, number in found]


def _record_start(handle, offset: int) -> int:
    """The exact start of the record warcio places at ``offset``: it may count a byte of the previous
    record's end, so look for a gzip member or a ``WARC/`` line within a few bytes."""
    handle.seek(offset)
    near = handle.read(16)
    starts = [i for i in (near.find(b"\x1f\x8b"), near.find(b"WARC/")) if i >= 0]
    return offset + min(starts) if starts else offset


def read(path: Path, head: bytes, meter: Callable[[int], None] = lambda _done: None,
         span: tuple[int, int | None] | None = None) -> Iterator[Draft | str]:
    """Drafts of the article pages, and problems as strings. ``span``: (byte offset, number of records)
    of a part of the archive (:func:`record_offsets`; None records: to the end); the count of the
    records that are not pages is then the part's."""
    size = file_size(path)
    counts: Counter = Counter()
    seen: set[str] = set()
    pages = number = 0
    try:
        handle = path.open("rb")
    except OSError as error:
        raise Unloadable(f"cannot read the file: {error.strerror or error}") from None
    with handle:
        if span is not None:
            handle.seek(span[0])
        records = ArchiveIterator(handle)
        try:
            for record in records:
                if span is not None and span[1] is not None and number >= span[1]:
                    break
                number += 1
                meter(handle.tell())
                why = _why_not_a_page(record)
                if why is not None:
                    counts[why] += 1
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                body = record.content_stream().read(MAX_FILE_BYTES + 1)
                if len(body) > MAX_FILE_BYTES:
                    counts["pages over 5 MB"] += 1
                    continue
                if record.raw_stream.limit > 0:
                    yield f"record {number} ({url}): cut short, the archive ends inside it"
                    break
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                (draft,) = parse(_decode_page(body, content_type), url)
                if NO_TEXT in draft.problems:
                    counts["pages with no article text"] += 1
                    continue
                key = url or str(pages + 1)
                draft.key = key if key not in seen else f"{key}-{pages + 1}"
                seen.add(draft.key)
                draft.url = draft.url or url
                draft.crawled = iso_date(record.rec_headers.get_header("WARC-Date") or "")
                draft.format = "warc"
                pages += 1
                yield draft
            else:
                if records.offset < size and (span is None or span[1] is None):
                    yield f"the archive is cut short at byte {records.offset:,} of {size:,} (a record is incomplete)"
        except ArchiveLoadFailed as error:
            yield f"unreadable after {pages} page{'s' if pages != 1 else ''}: {' '.join(str(error).split())[:200]}"
    if counts:
        yield _summary(counts)
