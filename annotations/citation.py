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
from .fields import describe_value
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


def _is_level(claim, article: Article) -> bool:
    start = getattr(claim, "start", -1)
    return 0 < start <= len(article.text) and bool(_LEVEL.search(article.text[max(0, start - 8):start]))


def citation(claim, article: Article) -> str:
    """The citation line of a claim (a ReviewClaim, or anything with text and the claim fields)."""
    fields = getattr(claim, "fields", None) or {}
    counted = fields.get("counted", getattr(claim, "counted", ""))
    predicate = fields.get("predicate", getattr(claim, "predicate", ""))
    source = fields.get("source", getattr(claim, "source", ""))
    date = fields.get("date", "") or article.date
    if fields.get("change") in VERBS:
        phrase = change_phrase(fields, counted, predicate, _is_level(claim, article))
    else:  # a unit is said by its code ("164 GBX", "20 km"); a plain count as the text writes it
        phrase = claim_phrase(describe_value(fields) if fields.get("unit") else claim.text, counted, predicate)
    parts = [phrase]
    if source:
        parts.append(f"according to {source}")
    where = ", ".join(p for p in (article.source or article.title, date, article.url) if p)
    if where:
        parts.append(where)
    return clean_line(" — ".join(parts))
