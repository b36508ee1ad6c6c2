"""Whether a quantity is stated as a change (up/down), read off the words around it and the dependency
parse: "rose 6.5%", "down 2.1%", "a 4 percent drop", "+0.4%", "cut by a quarter-point"."""

from __future__ import annotations

from .finder import Mention
from .roles import adjectival
from .words import (
    AFTER_CHANGE,
    BEFORE_CHANGE,
    DOWN,
    DOWN_NOUNS,
    DOWN_VERBS,
    DOWN_WORDS,
    OBJECT_NOT_CHANGE,
    QUALIFIERS,
    UP,
    UP_NOUNS,
    UP_VERBS,
    UP_WORDS,
)

_QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()}
# Words a figure may hang from on its way up to a verb or noun of change: "rose by 6%", "fell to 3.1%".
_CLIMB = ("by", "to", "from", "of", "at", "around", "about", "near", "nearly", "over", "under", "above",
          "below", "past")


def change_of(doc, m: Mention, anchor, has_parse: bool = True) -> str:
    """"up", "down" or "": is the figure stated as a change ("rose 6.5%", "down 2.1%", "a 4 percent drop",
    "+0.4%", "cut by a quarter-point to 5.25%", "40 per cent below")?"""
    if adjectival(doc, m, anchor) is not None:  # "a 2,000-pound bomb" describes a thing
        return ""
    if "signed" in m.notes and m.kind == "percent" and not isinstance(m.value, tuple):
        return UP if m.value > 0 else DOWN
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in BEFORE_CHANGE and prev.lower_ not in ("minus", "plus") \
            and prev.dep_ != "prt":  # "down 3.4%", not "shot down 12"
        return BEFORE_CHANGE[prev.lower_]
    if prev is not None and prev.lower_ == "by" and m.start > 1 and doc[m.start - 2].lower_ in ("up", "down"):
        return UP if doc[m.start - 2].lower_ == "up" else DOWN  # "pushed rates up by half", "down by roughly half"
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.lower_ in AFTER_CHANGE and (
            nxt.lower_ not in ("above", "below", "up", "down", "more", "less") or m.kind == "percent"
            or m.unit in ("degree", "°C", "°F") or (nxt.lower_ in ("more", "less") and "fraction" in m.notes)):
        return AFTER_CHANGE[nxt.lower_]
    if not has_parse:
        return _change_by_words(doc, m)
    tok = anchor
    while tok.head != tok and m.start <= tok.head.i < m.end:
        tok = tok.head
    for _ in range(4):
        head = tok.head
        if head == tok:
            break
        low = head.lower_
        verb = head.pos_ in ("VERB", "AUX")
        if (verb and (low in UP_VERBS or low in DOWN_VERBS)) or (not verb and (low in UP_NOUNS or low in DOWN_NOUNS)):
            if verb and tok.dep_ == "nsubj":
                return ""  # what moves ("40mm of rain fell", "960 stocks fell"), not the size of a move
            if verb and tok.dep_ == "dobj" and low in OBJECT_NOT_CHANGE \
                    and not any(c.lower_ in ("by", "to") for c in head.children):
                return ""
            return UP if low in UP_WORDS else DOWN
        if head.pos_ == "ADP" and low in _CLIMB:
            tok = head
            continue
        if tok.dep_ in ("nummod", "compound", "amod", "quantmod", "npadvmod", "nmod", "appos", "dobj", "attr",
                        "predet", "det") \
                and head.pos_ in ("NOUN", "PROPN", "VERB", "AUX") and head.i > tok.i - 8:
            tok = head
            if head.pos_ in ("VERB", "AUX"):
                break
            continue
        break
    return ""


def _change_by_words(doc, m: Mention) -> str:
    """Without a parse: a word of change among the few words before the quantity."""
    for t in reversed(doc[max(0, m.start - 4):m.start]):
        low = t.lower_
        if low in UP_WORDS:
            return UP
        if low in DOWN_WORDS:
            return DOWN
        if t.is_punct or not (low in _CLIMB or low in _QUALIFIER_WORDS):
            return ""
    return ""
