"""A claim as one citation line, for the clipboard and for notes, in the article's own words.

    376 of its soldiers had died — according to Armenia — NY Times
    forced thousands of people — AFP, 2020-10-09, https://…
"""

from __future__ import annotations

import re

from .article import Article
from .sanitize import clean_line

NEAR_WORDS = 4  # how far (in words) the counted noun or the verb may be from the number to be quoted with it
STOP = re.compile(r"[.;:!?()\[\]\"“”]|\s[—–-]{1,2}\s|,\s")  # where a phrase ends: no quoting across these


def claim_phrase(text: str, counted: str, predicate: str) -> str:
    """ "1,119" + "troops" + "killed" → "1,119 troops killed" (words already in the quote are not repeated)."""
    words = [text]
    lowered = text.lower()
    for part in (counted, predicate):
        if part and part.lower() not in lowered:
            words.append(part)
            lowered += " " + part.lower()
    return " ".join(words)


def _words_pattern(words: str) -> str:
    return r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b"


def _find_after(text: str, at: int, words: str) -> int | None:
    """The end of ``words`` when they follow ``at`` within :data:`NEAR_WORDS` words of the same phrase."""
    window = text[at:]
    stop = STOP.search(window)
    window = window[:stop.start()] if stop else window
    found = re.search(_words_pattern(words), window, re.I)
    if found is None or len(window[:found.start()].split()) > NEAR_WORDS:
        return None
    return at + found.end()


def _find_before(text: str, at: int, words: str) -> int | None:
    """The start of ``words`` when they come just before ``at`` (within 2 words, same phrase)."""
    window = text[:at]
    stops = list(STOP.finditer(window))
    start = stops[-1].end() if stops else 0
    matches = list(re.finditer(_words_pattern(words), window[start:], re.I))
    found = matches[-1] if matches else None
    if found is None or len(window[start + found.end():].split()) > 2:
        return None
    return start + found.start()


def _says(quote: str, counted: str) -> bool:
    """Does the quote say what is counted already ("90 percent", "90%")?"""
    lowered = quote.lower()
    return counted.lower() in lowered or (counted.lower() in ("percent", "per cent") and "%" in quote)


def own_words(claim, article: Article) -> str:
    """The claim in the article's words: the quote, what it counts where the text says it within a few
    words ("thousands of people", "376 of its soldiers"), and its verb where it is next to them ("had
    died", "forced …"). A corrected value or counted noun is said as corrected."""
    fields = getattr(claim, "fields", None) or {}
    counted = str(fields.get("counted") or "")
    predicate = str(fields.get("predicate") or "")
    changed = set(getattr(claim, "changed_fields", ()) or ())
    text = article.text
    start, end = getattr(claim, "start", -1), getattr(claim, "end", -1)
    if {"value", "approx", "counted"} & changed or not (0 <= start < end <= len(text)) or \
            text[start:end] != claim.text:
        return claim_phrase(claim.text, counted, predicate)
    if counted and not _says(claim.text, counted):
        noun_end = _find_after(text, end, counted)
        if noun_end is None:  # the text does not say it here ("178 wounded"): name it, and the verb if near
            near = _find_after(text, end, predicate) or _find_before(text, start, predicate) if predicate else None
            return claim_phrase(claim.text, counted, predicate if near is not None else "")
        end = noun_end
    if predicate and predicate.lower() not in text[start:end].lower():
        verb_end = _find_after(text, end, predicate)
        verb_start = _find_before(text, start, predicate) if verb_end is None else None
        if verb_end is not None:
            end = verb_end
        elif verb_start is not None:
            start = verb_start
    return " ".join(text[start:end].split())


def citation(claim, article: Article) -> str:
    """The citation line of a claim (a ReviewClaim, or anything with text and the claim fields)."""
    fields = getattr(claim, "fields", None) or {}
    source = fields.get("source", getattr(claim, "source", ""))
    date = fields.get("date", "") or article.date
    parts = [own_words(claim, article)]
    if source:
        parts.append(f"according to {source}")
    where = ", ".join(p for p in (article.source or article.title, date, article.url) if p)
    if where:
        parts.append(where)
    return clean_line(" — ".join(parts))
