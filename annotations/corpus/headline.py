"""Is the first line of an article its headline? And a title for an article that has none.

A format that states a title (a Markdown ``# Title``, a page's headline, a ``title`` field) gives it.
Elsewhere the first line of the text (after site chrome, credit and date lines) is the headline when
it is **short** (at most 25 words and 200 characters), has **no final period** (a ``?``, ``!``, ``…``
or a closing quote after them is fine, ``.`` is not, also inside a closing quote: ``said.”``) and is
**followed by more text** (a blank line and body paragraphs, or body paragraphs directly: in hard
-wrapped text the loader already joined a paragraph's lines, so a line followed by more is not a
wrapped line).

Counter-examples, which are body text: a one-paragraph article (nothing follows its first line); a
first line ending in a period, however short ("Officials approved 40 buses."); a long line without a
final period (a paragraph that lost its full stop).

An article without a headline keeps all its text; its title is its first sentence (a dateline such as
"MOSCOW —" or "LONDON (Reuters) -" left out), cut at a word boundary to about 90 characters with "…",
and it carries the problem :data:`NO_HEADLINE`.
"""

from __future__ import annotations

import re

NO_HEADLINE = "no headline: title taken from the first sentence"
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
TITLE_CHARS = 90

_CLOSERS = "\"'”’)]»"
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "jr",
    "sr", "prof", "rev", "hon", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft",
}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý.'\-]+(?:[ ,]+[A-ZÀ-Ý][A-Za-zÀ-ÿ.'\-]+){0,3})"  # MOSCOW, NEW YORK, KYIV, Ukraine
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , Oct. 9
    r"(?:\s*\([^)]{1,40}\))?"  # (AP), (Reuters)
    r"\s*[—–-]{1,2}\s+"
)


def ends_with_period(line: str) -> bool:
    """A final full stop, also inside closing quotes or brackets; an ellipsis is not one."""
    end = line.rstrip().rstrip(_CLOSERS).rstrip()
    return end.endswith(".") and not end.endswith("..")


def is_headline(line: str, followed_by_text: bool) -> bool:
    """Is ``line``, the first of an article's text, its headline (see the module's rules)?"""
    words = len(line.split())
    return (followed_by_text and 0 < words <= HEADLINE_MAX_WORDS and len(line) <= HEADLINE_MAX_CHARS
            and not ends_with_period(line))


def first_sentence(paragraph: str) -> str:
    """The first sentence of ``paragraph`` (abbreviations and initials such as "Mr." or "V." do not end one)."""
    for m in _SENTENCE_END.finditer(paragraph):
        word = paragraph[: m.start()].rsplit(None, 1)[-1] if paragraph[: m.start()].strip() else ""
        word = word.lstrip(_CLOSERS + "\"'“‘(").lower()
        if paragraph[m.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:\w\.)+\w", word)):
            continue
        return paragraph[: m.end()]
    return paragraph


def title_from_text(paragraph: str, limit: int = TITLE_CHARS) -> str:
    """A title from an article's first paragraph: its first sentence without a dateline or final period,
    cut at a word boundary to about ``limit`` characters."""
    text = " ".join(paragraph.split())
    undated = _DATELINE.sub("", text, count=1)
    sentence = first_sentence(undated or text).strip()
    if len(sentence) > limit:
        cut = sentence[: limit + 1].rsplit(" ", 1)[0] if " " in sentence[:limit + 1] else sentence[:limit]
        return cut.rstrip(" ,;:—–-") + "…"
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return sentence
