"""Which format a corpus file holds, judged from its first bytes (the extension only breaks ties).

In this order: a web archive (``WARC/1.x``, plain or gzip-compressed); JSON Lines (a first line that
is a JSON object, and more lines starting with ``{``); a JSON document; an RSS or Atom feed; a
saved HTML page; CSV/TSV (a header row naming a text column and another known field); Markdown;
plain text.

A file that starts with ``[`` or ``{`` but is not JSON ("[UPDATE] Armenia says…") is text: it counts
as JSON only when it parses, when the part that parses holds a ``"key":`` or a string, or when its
extension says JSON (then it is reported as invalid JSON).
"""

from __future__ import annotations

import json
import re
import zlib

from .reading import head_text

PLAINTEXT, MARKDOWN, HTML, JSON_DOC, JSONL, CSV, FEED, WARC = (
    "plaintext", "markdown", "html", "json", "jsonl", "csv", "feed", "warc",
)

JSON_LINES_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
JSON_SUFFIXES = {".json", ".geojson", *JSON_LINES_SUFFIXES}
_HTML_DOC = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]", re.I)
_FEED_ROOT = re.compile(r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|<\?xml-stylesheet[^>]*\?>)*"
                        r"<(?:rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_MD_MARKS = re.compile(r"^#{1,6}\s+\S|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\n]+\)|^>\s|^\s*[-*]\s+\S", re.M)
_JSON_KEY_OR_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


class BadJson(Exception):
    """The file means to be JSON but is not valid: the message says where."""


def is_warc(head: bytes) -> bool:
    """A web archive: ``WARC/1.0`` or ``WARC/1.1`` at the start, or in the first gzip member."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def _json_lines(text: str) -> bool:
    """A first line that is a JSON object and a next non-blank line that starts with ``{``."""
    lines = [line.strip() for line in text.split("\n")[:50] if line.strip()]
    if len(lines) < 2 or not lines[1].startswith("{"):
        return False
    if sum(1 for line in lines[:3] if line.startswith("{") and line.endswith("}")) >= 2:
        return True
    try:
        return isinstance(json.loads(lines[0]), dict)
    except RecursionError:
        return True  # a JSON object too deep to read: a bad line of JSON Lines, reported by line
    except json.JSONDecodeError:
        return False


def _json_document(text: str, complete: bool, suffix: str) -> bool:
    """True for JSON (or what means to be: raises :class:`BadJson`), False for text."""
    try:
        json.loads(text)
        return True
    except RecursionError:
        return True  # JSON, nested too deeply: its reader says so
    except json.JSONDecodeError as error:
        stripped = len(text.rstrip())
        cut_short = not complete and (error.pos >= stripped - 1 or error.msg.startswith("Unterminated string"))
        if cut_short:
            return True  # only the first bytes were read: valid as far as they go
        looks_like_json = bool(_JSON_KEY_OR_STRING.search(text[: error.pos])) or suffix in JSON_SUFFIXES
        if looks_like_json:
            raise BadJson(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
        return False


def detect(head: bytes, suffix: str = "", complete: bool = True) -> str:
    """The format of a file whose first bytes are ``head`` (``complete``: the whole file).
    Raises :class:`BadJson` for a file that means to be JSON and is not."""
    if is_warc(head):
        return WARC
    text = head_text(head)
    start = text.lstrip(" \t\r\n")
    suffix = suffix.lower()
    if start.startswith(("{", "[")):
        if start.startswith("{") and (suffix in JSON_LINES_SUFFIXES or _json_lines(start)):
            return JSONL
        if _json_document(start, complete, suffix):
            return JSON_DOC
    if _FEED_ROOT.match(start[:4096]):
        return FEED
    if (start.startswith("<") and _HTML_DOC.search(start[:4096])) or (suffix in (".html", ".htm") and "<" in start):
        return HTML
    from . import delimited  # the table reader (and the article builder it needs) loads with the first file read

    if delimited.is_header(start.split("\n", 1)[0], suffix):
        return CSV
    first = start.split("\n", 1)[0]
    if _MD_HEADING.match(first) or suffix in (".md", ".markdown"):
        return MARKDOWN
    if markdown_marks(start[:20000], enough=4) >= 4:
        return MARKDOWN
    return PLAINTEXT


def markdown_marks(text: str, enough: int) -> int:
    """How many Markdown marks ``text`` holds (``len(_MD_MARKS.findall(text))``), counted up to ``enough``.
    A mark starts at a line's start, a "*" or a "[": the pattern is tried only there (a search tries it
    at every character, five times the time on a page of text)."""
    starts = [0]
    for char, after in (("\n", 1), ("*", 0), ("[", 0)):
        at = text.find(char)
        while at >= 0:
            starts.append(at + after)
            at = text.find(char, at + 1)
    starts.sort()
    count = end = 0
    for start in starts:
        if start < end:  # inside the mark found last (findall goes on after it)
            continue
        found = _MD_MARKS.match(text, start)
        if found is not None:
            count, end = count + 1, found.end()
            if count >= enough:
                break
    return count
