"""Paragraphs a reviewer marked as site chrome (``B``), cut from an article's clean text.

A mark is kept in the annotation store as a point in the text *after* the cut, where the paragraph was,
with the paragraph's words (the mark's ``pattern``). So a mark always re-anchors where it is (the text
around the point does not change), and every load cuts the paragraph again: :func:`apply_marks` finds
the words at that point (or, if the page changed, as a whole paragraph elsewhere in the article) and
cuts them, the marks in the order they were made. :func:`restore_paragraph` puts a paragraph back
(an undone mark). Paragraphs of the clean text are separated by one blank line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..article import Article

SEP = "\n\n"  # between two paragraphs of the clean text


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the paragraph holding ``offset``."""
    offset = max(0, min(offset, len(text)))
    start = text.rfind(SEP, 0, offset)
    start = 0 if start < 0 else start + len(SEP)
    end = text.find(SEP, offset)
    return start, (len(text) if end < 0 else end)


def cut_paragraph(text: str, start: int, end: int) -> tuple[str, int]:
    """The text without the paragraph ``text[start:end]`` and one separator next to it, and the point
    where it was (in the text without it)."""
    if end < len(text):  # a paragraph follows: the separator after it goes
        return text[:start] + text[end + len(SEP):], start
    at = max(0, start - len(SEP))  # the last paragraph: the separator before it goes
    return text[:at], at


def restore_paragraph(text: str, at: int, paragraph: str) -> str:
    """Put back a paragraph cut at ``at`` (:func:`cut_paragraph`'s inverse)."""
    if at < len(text) or not text:
        return text[:at] + paragraph + (SEP if text[at:] else "") + text[at:]
    return text + SEP + paragraph


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of ``text``."""
    spans, start = [], 0
    while start <= len(text):
        end = text.find(SEP, start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + len(SEP)
    return spans


def find_paragraph(text: str, paragraph: str, near: int) -> tuple[int, int] | None:
    """Where ``paragraph`` is a whole paragraph of ``text`` (white space aside): the one closest to
    ``near``; None when it is nowhere."""
    words = " ".join(paragraph.split())
    if not words:
        return None
    found = [(start, end) for start, end in paragraphs(text) if " ".join(text[start:end].split()) == words]
    return min(found, key=lambda span: abs(span[0] - near)) if found else None


def mark_point(mark: dict) -> int:
    """Where a mark's paragraph was cut (its zero-width selector's position)."""
    return int(((mark.get("selector") or {}).get("position") or {}).get("start", 0))


def apply_marks(article: Article, marks: Iterable[dict]) -> Article:
    """The article without the paragraphs of ``marks`` (the store's ``boilerplate`` records of this
    article, cut in the order they were made); the same article when none is found."""
    text = article.text
    for mark in sorted(marks, key=lambda m: (m.get("at", ""), m.get("id", ""))):
        span = find_paragraph(text, str(mark.get("pattern") or ""), mark_point(mark))
        if span is not None and len(text) > span[1] - span[0]:  # never the whole article
            text, _ = cut_paragraph(text, *span)
    return article if text == article.text else replace(article, text=text)
