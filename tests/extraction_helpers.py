"""Claims found in one sentence, for the extraction tests: each claim's surface checked against its offsets."""

from __future__ import annotations

from claimdesk.annotations.extract import find_claims


def claims(nlp, text: str) -> list:
    """The claims of ``text`` (article "t" dated 2024-05-02), after checking each one's text is its span."""
    found = find_claims(nlp(text), "t", "2024-05-02", text=text)
    for c in found:
        assert text[c.start:c.end] == c.text
    return found


def fields(nlp, text: str) -> list[tuple]:
    """(value, unit) of each claim of ``text``."""
    return [(c.value, c.unit) for c in claims(nlp, text)]


def counted(nlp, text: str) -> dict:
    """What each claim of ``text`` counts or measures, by the claim's text."""
    return {c.text: c.counted for c in claims(nlp, text)}


def by_text(nlp, text: str) -> dict:
    """The claims of ``text`` by their text."""
    return {c.text: c for c in claims(nlp, text)}


def one(nlp, text: str, surface: str):
    """The claim of ``text`` written ``surface`` (fails, listing what was found, when there is none)."""
    found = by_text(nlp, text)
    assert surface in found, f"{surface!r} not among {list(found)}"
    return found[surface]
