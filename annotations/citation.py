"""A claim as one citation line, for the clipboard and for notes.

    1,119 troops killed — according to Nagorno-Karabakh officials — AP, 2020-10-29, https://…
    Vectura shares fell 6.5% — according to the company — Reuters, 2021-03-02
    Vectura shares fell to 164 GBX — …
    gold futures fell from 2,415 to 2,315 USD — …

A claim with a unit says its value with the unit's code (:func:`~.fields.describe_value`); a claim stated
as a change says what changed, the verb, and "to" where the text gives the level the change reached.
"""

from __future__ import annotations

import re

from .article import Article
from .fields import claim_fields, describe_value
from .sanitize import clean_line

VERBS = {"up": "rose", "down": "fell"}  # a change whose predicate is unknown
_LEVEL = re.compile(r"\b(?:to|at)\s*$", re.I)  # "fell 6.5% to 164p": 164p is the level reached


def claim_phrase(text: str, counted: str, predicate: str) -> str:
    """ "1,119" + "troops" + "killed" → "1,119 troops killed" (words already in the quote are not repeated)."""
    words = [text]
    lowered = text.lower()
    for part in (counted, predicate):
        if part and part.lower() not in lowered:
            words.append(part)
            lowered += " " + part.lower()
    return " ".join(words)


def change_phrase(fields: dict, counted: str, predicate: str, level: bool) -> str:
    """A change in words: what changed, the verb, the value with its unit ("Vectura shares fell 6.5%";
    ``level``: the value is the level reached, "… fell to 164 GBX")."""
    value = describe_value(fields)
    to = "to " if level and fields.get("from_value") is None else ""
    return " ".join(p for p in (counted, predicate or VERBS[fields["change"]], to + value) if p)


def is_level(text: str, start: int) -> bool:
    """Does ``text`` give the quantity at ``start`` as the level a change reached ("fell 6.5% to 164p")?"""
    return 0 < start <= len(text) and bool(_LEVEL.search(text[max(0, start - 8):start]))


def claim_words(quote: str, fields: dict, *, level: bool = False, corrected: bool = False) -> str:
    """A claim in words: a change as :func:`change_phrase` says it; else the quantity (by its unit's code
    where it has one, "164 GBX", "20 km"; as ``quote`` writes it otherwise, unless ``corrected``), what is
    counted and the predicate."""
    counted, predicate = str(fields.get("counted") or ""), str(fields.get("predicate") or "")
    if fields.get("change") in VERBS:
        return change_phrase(fields, counted, predicate, level)
    quantity = describe_value(fields) if corrected or fields.get("unit") or not quote else quote
    return claim_phrase(quantity, counted, predicate)


def citation(claim, article: Article) -> str:
    """The citation line of a claim (a ReviewClaim, or anything with text and the claim fields)."""
    fields = getattr(claim, "fields", None) or claim_fields(claim)
    source = fields.get("source", "")
    date = fields.get("date", "") or article.date
    parts = [claim_words(claim.text, fields, level=is_level(article.text, getattr(claim, "start", -1)))]
    if source:
        parts.append(f"according to {source}")
    where = ", ".join(p for p in (article.source or article.title, date, article.url) if p)
    if where:
        parts.append(where)
    return clean_line(" — ".join(parts))
