"""Search over the corpus index: what a reviewer types, as an FTS5 query, and the hits it finds.

Typed text is never handed to FTS5 as query syntax (a stray quote, ``-`` or ``NEAR`` would be an
error or mean something else): each space-separated chunk becomes a phrase of its words, so
"1,119 troops" finds the words "1", "119" side by side and "troops"; the last chunk also matches as a
prefix, so results follow typing. Every chunk must match (in the title, the text or the claims).
Hits are ranked by BM25 with the title weighing most, and carry a snippet: the first passage of
the text (else the title, else the claims) holding a searched word, with the matched words as
character ranges (no markup). Snippets are cut here, from the words of the query, rather than by
FTS5's ``snippet()``, which tokenises every column of a hit again (a millisecond per hit).

Ranking costs time for every match, so a query that matches more than :data:`RANKED_MATCHES`
articles (a word found nearly everywhere: the next word typed narrows it) is ranked among the
matches indexed last, which keeps a search of 100,000 articles within a keystroke's time.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"\w+")
# Column weights for bm25(): title, text, claims.
WEIGHTS = (4.0, 1.0, 2.0)
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 140  # characters around the first match
RANKED_MATCHES = 4000
TOKENIZER = "unicode61 remove_diacritics 2"  # the index's (schema.py): what a word is, here as there


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


def word_pattern(query: str) -> re.Pattern | None:
    """The query's words as a regex (whole words; the last one also as a prefix), case-insensitive."""
    words = [w for chunk in query.split() for w in WORD.findall(chunk)]
    if not words:
        return None
    last = words[-1]
    alternatives = sorted({re.escape(w) for w in words[:-1]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join([re.escape(last) + r"\w*", *alternatives]) + r")\b", re.I)


def snippet(query: str, *fields: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A passage of the first of ``fields`` holding a word of ``query``, cut at word boundaries ("…"
    where cut), and the (start, end) ranges of the query's words in it. A field with no match (a word
    FTS5 matched without its accents, say): the start of the first non-empty field, unmarked."""
    pattern = word_pattern(query)
    for text in fields:
        found = pattern.search(text) if pattern is not None and text else None
        if found is None:
            continue
        start = max(0, found.start() - SNIPPET_BEFORE)
        end = min(len(text), found.end() + SNIPPET_AFTER)
        if start > 0:
            start = text.find(" ", start, found.start()) + 1 or start
        space = text.rfind(" ", found.end(), end) if end < len(text) else -1
        end = space if space > 0 else end
        prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
        passage = " ".join(text[start:end].split("\n"))
        marks = tuple((m.start() + len(prefix), m.end() + len(prefix)) for m in pattern.finditer(passage))
        return prefix + passage + suffix, marks
    first = next((t for t in fields if t), "")
    cut = first[:SNIPPET_BEFORE + SNIPPET_AFTER]
    return " ".join(cut.split("\n")) + ("…" if len(first) > len(cut) else ""), ()


def word_start_expression(word: str) -> str | None:
    """The FTS5 MATCH expression for one typed word found at the start of a word of any column: its
    words side by side, the last as a prefix ("11,000" → ``"11,000"*``: "11" then a word starting
    "000"), or None when it holds no word (FTS5 tokenises the quoted text itself, as it did the
    article's). Where :func:`starts_words` finds the word in a text, this expression finds the text."""
    if not any(is_word_char(ch) for ch in word):
        return None
    return '"' + word.replace('"', '""') + '"*'


def starts_words(words: list[str], text: str) -> bool:
    """Whether every one of ``words`` (lowercased) is in ``text`` (lowercased) at the start of a word —
    where the character before it is none of the index's word characters, or the typed word starts
    with one that is not (",000" is found in "140,000")."""
    for word in words:
        at = text.find(word)
        if at >= 0 and word and not is_word_char(word[0]):
            continue
        while at > 0 and is_word_char(text[at - 1]):
            at = text.find(word, at + 1)
        if at < 0:
            return False
    return True


_probe_lock = threading.Lock()
_probe: sqlite3.Connection | None = None


@lru_cache(maxsize=4096)
def is_word_char(ch: str) -> bool:
    """Whether the index's tokenizer (:data:`TOKENIZER`) reads ``ch`` as part of a word (its tables are
    Unicode 6.1's, not Python's: "_" is no word character, some symbols are). Asked of SQLite once per
    character."""
    global _probe
    with _probe_lock:
        if _probe is None:
            _probe = sqlite3.connect(":memory:", check_same_thread=False)
            _probe.execute(f"CREATE VIRTUAL TABLE probe USING fts5(t, tokenize='{TOKENIZER}')")
            _probe.execute("CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'row')")
        _probe.execute("DELETE FROM probe")
        _probe.execute("INSERT INTO probe VALUES (?)", (f"a{ch}b",))
        return _probe.execute("SELECT count(*) FROM probe_terms").fetchone()[0] == 1
