"""A claim as one citation line, for the clipboard and for notes.

    1,119 troops killed — according to Nagorno-Karabakh officials — AP, 2020-10-29, https://…
"""

from __future__ import annotations

from .article import Article
from .sanitize import clean_line


def claim_phrase(text: str, counted: str, predicate: str) -> str:
    """ "1,119" + "troops" + "killed" → "1,119 troops killed" (words already in the quote are not repeated)."""
    words = [text]
    lowered = text.lower()
    for part in (counted, predicate):
        if part and part.lower() not in lowered:
            words.append(part)
            lowered += " " + part.lower()
    return " ".join(words)


def citation(claim, article: Article) -> str:
    """The citation line of a claim (a ReviewClaim, or anything with text and the claim fields)."""
    fields = getattr(claim, "fields", None) or {}
    counted = fields.get("counted", getattr(claim, "counted", ""))
    predicate = fields.get("predicate", getattr(claim, "predicate", ""))
    source = fields.get("source", getattr(claim, "source", ""))
    date = fields.get("date", "") or article.date
    parts = [claim_phrase(claim.text, counted, predicate)]
    if source:
        parts.append(f"according to {source}")
    where = ", ".join(p for p in (article.source or article.title, date, article.url) if p)
    if where:
        parts.append(where)
    return clean_line(" — ".join(parts))
