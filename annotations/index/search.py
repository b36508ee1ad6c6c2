"""Search over the corpus index: what a reviewer types, as an FTS5 query, and the hits it finds.

Typed text is never handed to FTS5 as query syntax (a stray quote, ``-`` or ``NEAR`` would be an
error or mean something else): each space-separated chunk becomes a phrase of its words, so
"1,119 troops" finds the words "1", "119" side by side and "troops"; the last chunk also matches as a
prefix, so results follow typing. Every chunk must match (in the title, the text or the claims).
Hits are ranked by BM25 with the title weighing most, and carry a snippet: the best-matching
passage, with the matched words as character ranges (no markup). Ranking costs time for every
match, so a query that matches more than :data:`RANKED_MATCHES` articles (a word found nearly
everywhere: the next word typed narrows it) is ranked among the matches indexed last, which keeps
a search of 100,000 articles within a keystroke's time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\w+")
# Column weights for bm25(): title, text, claims.
WEIGHTS = (4.0, 1.0, 2.0)
START, END = "\x02", "\x03"  # snippet markers: control characters never occur in clean text
SNIPPET_WORDS = 16
RANKED_MATCHES = 4000


@dataclass(frozen=True)
class Hit:
    """One article a search found: its id, path and title, and where it matched."""

    id: str
    path: str
    title: str
    snippet: str  # a passage of the title, text or claims, "…" where it was cut
    marks: tuple[tuple[int, int], ...]  # (start, end) of each matched word in ``snippet``
    rank: float  # lower is better (BM25, as FTS5 gives it)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for typed text, or None when it holds no word."""
    phrases = []
    for chunk in query.split():
        words = WORD.findall(chunk)
        if words:
            phrases.append('"' + " ".join(words) + '"')
    if not phrases:
        return None
    phrases[-1] += "*"
    return " ".join(phrases)


def marked(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with START/END markers → its plain text and the marked ranges."""
    plain: list[str] = []
    marks = []
    at = 0
    start = None
    for part in re.split(f"([{START}{END}])", snippet):
        if part == START:
            start = at
        elif part == END:
            if start is not None:
                marks.append((start, at))
            start = None
        else:
            plain.append(part)
            at += len(part)
    return "".join(plain), tuple(marks)
