"""Selectors and re-anchoring: find an annotation's span again after the article text changed.

An annotation is anchored by a pair of W3C Web Annotation selectors: a ``TextPositionSelector``
(character offsets into the clean text) and a ``TextQuoteSelector`` (the exact text plus about 32
characters of prefix and suffix). When the text changes, :func:`anchor` looks for the span by, in order:
its old position (quote still there), the exact quote (the best occurrence by context), the quote
with white space, quotes and dashes normalised, then a fuzzy match of the quote with its context
(rapidfuzz). Numbers must match exactly in a fuzzy match: a decision on "1,119 troops" never moves to
"1,166 troops". ``None`` means the annotation is an orphan: keep it, list it, never drop it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 32
FUZZY_CONTEXT_MIN = 80.0  # rapidfuzz score (0-100) of quote-with-context against the new text
FUZZY_QUOTE_MIN = 85.0  # score of the quote itself inside that region


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    method: str  # position | exact | normalized | fuzzy
    score: float = 100.0


def make_selector(text: str, start: int, end: int, context: int = CONTEXT) -> dict:
    """The selector pair for ``text[start:end]``."""
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span {start}-{end} is outside the text (length {len(text)})")
    return {
        "position": {"type": "TextPositionSelector", "start": start, "end": end},
        "quote": {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - context) : start],
            "suffix": text[end : end + context],
        },
    }


def check_selector(selector: dict) -> dict:
    """Validate a selector pair (as made by :func:`make_selector`); return it normalised."""
    try:
        pos, quote = selector["position"], selector["quote"]
        start, end = int(pos["start"]), int(pos["end"])
        exact = str(quote["exact"])
        prefix, suffix = str(quote.get("prefix", "")), str(quote.get("suffix", ""))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a selector pair (position + quote): {error}") from None
    if not 0 <= start <= end:
        raise ValueError(f"bad span {start}-{end}")
    return {
        "position": {"type": "TextPositionSelector", "start": start, "end": end},
        "quote": {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
    }


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of prefix (from its end) and suffix (from its start) agree around the span."""
    score = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(text[end : end + len(suffix)], suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _best(text: str, spans: list[tuple[int, int]], quote: dict, old_start: int) -> tuple[int, int] | None:
    if not spans:
        return None
    return max(
        spans,
        key=lambda s: (_context_score(text, s[0], s[1], quote["prefix"], quote["suffix"]), -abs(s[0] - old_start)),
    )


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(needle)
    while i != -1 and needle:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                       "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d")


def _normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and white space runs; return the folded text and, per character, its origin."""
    out, origin, prev_space = [], [], False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch)
        origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


def _normalized_match(selector: dict, text: str) -> tuple[int, int] | None:
    quote = selector["quote"]
    exact = _SPACES.sub(" ", quote["exact"].translate(_FOLD)).strip()
    if not exact:
        return None
    folded, origin = _normalize(text)
    spans = _occurrences(folded, exact)
    if not spans:
        return None
    fq = {"prefix": _SPACES.sub(" ", quote["prefix"].translate(_FOLD)),
          "suffix": _SPACES.sub(" ", quote["suffix"].translate(_FOLD))}
    old = selector["position"]["start"]
    start, end = _best(folded, spans, fq, old)
    return origin[start], origin[end - 1] + 1


def _refine(exact: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of a fixed-width match to where the span best matches ``exact`` (words added/removed)."""
    from rapidfuzz import fuzz

    slack = max(3, len(exact) // 4)
    end = max(range(max(start + 1, end - slack), min(len(text), end + slack) + 1),
              key=lambda e: (fuzz.ratio(exact, text[start:e]), -abs(e - end)))
    start = max(range(max(0, start - slack), min(end - 1, start + slack) + 1),
                key=lambda b: (fuzz.ratio(exact, text[b:end]), -abs(b - start)))
    return start, end


def _fuzzy_match(selector: dict, text: str) -> tuple[int, int, float] | None:
    from rapidfuzz import fuzz  # imported here: keeps `import claimdesk.annotations.store` light

    quote = selector["quote"]
    exact = quote["exact"]
    if len(exact.strip()) < 3:
        return None
    needle = quote["prefix"] + exact + quote["suffix"]
    region = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FUZZY_CONTEXT_MIN)
    if region is None:
        return None
    lo = max(0, region.dest_start - len(exact))
    hi = min(len(text), region.dest_end + len(exact))
    inner = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=FUZZY_QUOTE_MIN)
    if inner is None:
        return None
    start, end = _refine(exact, text, lo + inner.dest_start, lo + inner.dest_end)
    # Trim white space the window may have caught at either end.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _DIGITS.findall(text[start:end]) != _DIGITS.findall(exact):
        return None
    return start, end, min(region.score, inner.score)


def anchor(selector: dict, text: str) -> Anchor | None:
    """Where ``selector``'s span is in ``text`` now, or ``None`` if it cannot be found (an orphan)."""
    selector = check_selector(selector)
    quote, pos = selector["quote"], selector["position"]
    exact, start, end = quote["exact"], pos["start"], pos["end"]
    if (
        text[start:end] == exact
        and text[max(0, start - len(quote["prefix"])) : start] == quote["prefix"]
        and text[end : end + len(quote["suffix"])] == quote["suffix"]
    ):
        return Anchor(start, end, "position")
    best = _best(text, _occurrences(text, exact), quote, start) if exact else None
    if best is not None:
        return Anchor(best[0], best[1], "exact")
    found = _normalized_match(selector, text)
    if found is not None:
        return Anchor(found[0], found[1], "normalized", 99.0)
    fuzzy = _fuzzy_match(selector, text)
    if fuzzy is not None:
        return Anchor(fuzzy[0], fuzzy[1], "fuzzy", fuzzy[2])
    return None
