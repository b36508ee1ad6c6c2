"""Which format a corpus file holds, judged from its content (the extension only breaks ties)."""

from __future__ import annotations

import json
import re

PLAINTEXT, MARKDOWN, WORDPRESS, HTML, JSONL, JSON_RECORD, JSON_LIST, BAD_JSON = (
    "plaintext", "markdown", "wordpress", "html", "jsonl", "json", "json-list", "bad-json",
)

_HTML_DOC = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_MD_MARKS = re.compile(r"^#{1,6}\s+\S|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\n]+\)|^>\s|^\s*[-*]\s+\S", re.M)


def detect(text: str, suffix: str = "") -> tuple[str, object]:
    """``(format, parsed)``: for JSON formats ``parsed`` is the decoded JSON (or the error message)."""
    head = text.lstrip("\ufeff \t\r\n")
    suffix = suffix.lower()
    if head.startswith(("{", "[")):
        try:
            obj = json.loads(head)
        except json.JSONDecodeError as error:
            lines = [line for line in head.split("\n") if line.strip()]
            if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:3]):
                return JSONL, None
            return BAD_JSON, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        if isinstance(obj, list):
            return JSON_LIST, obj
        if isinstance(obj, dict) and isinstance(obj.get("content"), dict) and "title" in obj:
            return WORDPRESS, obj
        return JSON_RECORD, obj
    if (head.startswith("<") and _HTML_DOC.search(head[:4096])) or (suffix in (".html", ".htm") and "<" in head):
        return HTML, None
    first = head.split("\n", 1)[0]
    if _MD_HEADING.match(first) or suffix in (".md", ".markdown"):
        return MARKDOWN, None
    if len(_MD_MARKS.findall(head[:20000])) >= 4:
        return MARKDOWN, None
    return PLAINTEXT, None
