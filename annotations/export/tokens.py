"""Tokens for the document formats: spaCy's English tokenizer (no model), and spans snapped to it."""

from __future__ import annotations

import threading

_local = threading.local()


def tokenizer():
    """``spacy.blank("en")``, made once per thread (the model's tokenizer splits the same way)."""
    nlp = getattr(_local, "nlp", None)
    if nlp is None:
        import spacy

        nlp = _local.nlp = spacy.blank("en")
    return nlp


def make_doc(text: str):
    return tokenizer().make_doc(text)


def snap(doc, start: int, end: int):
    """The token span covering characters ``start``-``end`` (grown to whole tokens), or ``None``."""
    return doc.char_span(start, end, alignment_mode="expand")


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` around a span."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right
