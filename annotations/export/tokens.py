"""Tokens for the document formats: spaCy's English tokenizer (no model), the parse cache's tokens
when it holds an article, and spans snapped to them."""

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


def article_tokens(text: str, parses=None):
    """A token-only Doc of a whole article: its tokens read from ``parses`` (a
    :class:`~claimdesk.annotations.nlp.ParseCache`) when it holds the text, else spaCy's tokenizer run
    on it. Either way the Doc is in the same vocab and carries no other annotation."""
    doc = parses.tokens(text, tokenizer().vocab) if parses is not None else None
    return doc if doc is not None else make_doc(text)


def snap(doc, start: int, end: int, **span_args):
    """The token span covering characters ``start``-``end`` (grown to whole tokens; ``span_args``:
    ``label``, ``span_id`` of the Span), or ``None``."""
    return doc.char_span(start, end, alignment_mode="expand", **span_args)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` around a span."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right
