"""Units a figure takes from the figures around it in its sentence, not from the words right after it:
"a rise of 4.5 points" after percentages is in percentage points; "100 kilometres (60 miles) an hour" makes
both figures speeds; "the two-year by 65" after "by 80 basis points" is in basis points (the unit elided).
"""

from __future__ import annotations

from .finder import Mention
from .units import PERCENT, PERCENTAGE_POINT, rate_symbol
from .words import DOWN_WORDS, UP_WORDS

_POINTS = {"point", "points", "pts", "pt"}
# Words before "N points" that make it the size or level of a change of a percentage ("a rise of 4.5
# points", "widened by 3 points", "down 2 points"), not points scored.
_POINTS_LEADS = {"of", "by", "to", "up", "down"}
# Lengths a speed is written in, then "an hour" after the bracketed conversion.
_LENGTHS = {"km", "mi", "m", "ft", "nmi", "yd", "cm", "mm", "in"}
_PER = {"a", "an", "per"}
# Prepositions a figure is read through in two clauses whose second elides its verb and unit:
# "risen by 80 basis points …, and the two-year by 65"; "to 4.2% in May and to 4.5% in June".
_ELIDING_PREPS = {"by", "to", "at", "from", "of"}
ELIDED_UNIT = "elided unit"  # a mention's note: its unit (and change) is the earlier figure's


def units_from_context(doc, found: list[Mention], sentence_of: list[int]) -> list[Mention]:
    """Apply the three rules to the mentions of a Doc, in order (see the module docstring);
    ``sentence_of`` is :func:`~.finder.sentence_numbers` of the Doc."""
    for i, m in enumerate(found):
        if m.unit or m.kind != "count" or isinstance(m.value, tuple):
            if i + 1 < len(found):
                _speeds(doc, m, found[i + 1])
            continue
        before = [p for p in found[:i] if sentence_of[p.start] == sentence_of[m.start]]
        if not _points_after_percentages(doc, m, before):
            _elided(doc, m, before)
    return found


def _points_after_percentages(doc, m: Mention, before: list[Mention]) -> bool:
    """"a drop of 7 points", "plus or minus 3.1 points" after a percentage: percentage points. Not a
    figure restating a percentage ("lost 1.1%, or 190 points": index points) nor one of 100 or more."""
    if m.end >= len(doc) or doc[m.end].lower_ not in _POINTS or not any(p.unit == PERCENT for p in before):
        return False
    if m.value >= 100 or (m.start >= 2 and doc[m.start - 1].lower_ == "or" and doc[m.start - 2].text == ","):
        return False
    lead = doc[m.start - 1].lower_ if m.start > 0 else ""
    if not ("plus-minus" in m.notes or lead in _POINTS_LEADS or lead in UP_WORDS or lead in DOWN_WORDS):
        return False  # "shot 52% and scored 31 points": points of a game
    m.unit, m.kind = PERCENTAGE_POINT, "percent"
    m.end = m.num_end = max(m.num_end, m.end + 1)
    return True


def _speeds(doc, m: Mention, nxt: Mention) -> None:
    """"120 kilometres (75 miles) an hour": the period after the bracket makes both lengths speeds."""
    n = len(doc)
    if not (m.unit in _LENGTHS and nxt.unit in _LENGTHS and m.end < n and doc[m.end].text == "("
            and nxt.start == m.end + 1 and nxt.end + 2 < n and doc[nxt.end].text == ")"
            and doc[nxt.end + 1].lower_ in _PER):
        return
    first, second = rate_symbol(m.unit, doc[nxt.end + 2].text), rate_symbol(nxt.unit, doc[nxt.end + 2].text)
    if first and second:
        m.unit, nxt.unit = first, second


def _elided(doc, m: Mention, before: list[Mention]) -> None:
    """"… risen by 80 basis points, and the two-year by 65": a bare figure that ends its clause, after the
    preposition an earlier figure with a unit came after, in a clause with no verb of its own."""
    if m.start == 0 or m.value <= 0:
        return
    prep = doc[m.start - 1].lower_
    after = doc[m.end] if m.end < len(doc) else None
    if prep not in _ELIDING_PREPS or (after is not None and not after.is_punct):
        return
    source = next((p for p in reversed(before) if p.unit and p.start > 0 and doc[p.start - 1].lower_ == prep), None)
    if source is None:
        return
    k = m.start - 2
    while k > source.end and doc[k].lower_ not in ("and", "while", "but", "whereas"):
        if doc[k].pos_ in ("VERB", "AUX"):
            return
        k -= 1
    if k > source.end:
        m.unit, m.kind = source.unit, source.kind
        m.change = m.change or source.change
        m.notes.add(ELIDED_UNIT)
