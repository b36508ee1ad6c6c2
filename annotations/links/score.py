"""How alike two claims are, why, and which link between them a reviewer would most likely make.

The score (0–1) is a weighted sum of features, each 0–1: what is counted and the predicate
(``what``), sentence similarity (rapidfuzz), value closeness (on a log scale), the other claims in
the same sentence (``context``: "31 killed and 178 wounded" resembles "90 killed and 392 wounded"),
the source, the direction of change (a running total such as a death toll should not fall over
time) and how close the dates are. The score of two claims that count different things is halved.

Values are compared in one unit: a partner's value is converted into the claim's unit when the two are
of one family (km and mi, GBX and GBP: :mod:`.conversion`); values of different families (USD and EUR,
percent and a count, km and kg) are not close at all, and such claims are never proposed as ``same``.

The proposed type follows from value and date:

- values of units that do not convert into each other → ``related``;
- the same value (converted: one figure as each was written, "20 kilometres" and "about 12 miles"), and
  not one a rise where the other is a fall → ``same``;
- a different thing counted, one value a range overlapping the other, or values ten times apart
  → ``related``;
- a different value on a later date → ``update``; on the same date → ``contradicts``;
- a different value where a date is unknown → ``update`` for a running total (deaths, wounded,
  displaced: these are revised upwards as reports come in), ``contradicts`` otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..fields import format_number
from .conversion import comparable, convert, same_figure
from .profile import ClaimProfile, log_middle
from .terms import conflicting, is_concept

WEIGHTS = {"what": 0.30, "sentence": 0.20, "value": 0.15, "context": 0.10, "source": 0.10,
           "direction": 0.08, "date": 0.07}
DIFFERENT_THING = 0.25  # below this "what" similarity, the score is halved
RELATED_BELOW = 0.35  # below this "what" similarity, the proposed type is "related"
VALUE_SCALE = math.log(10)  # values ten times apart are not close at all
DATE_SCALE = 14  # days: two weeks apart halves the date feature
SPELT_ALIKE = 85  # rapidfuzz ratio above which two words are one ("kilometer", "kilometre")
CONFLICT = 0.2  # the most "what" similarity of claims that count exclusive things (killed, wounded)
UNKNOWN = 0.5  # a feature that cannot be judged (no date, no source on either side)
HALF_KNOWN = 0.25  # known on one side only


@dataclass(frozen=True)
class PairScore:
    score: float
    type: str
    reasons: tuple[str, ...]
    features: dict


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _known(a: frozenset, b: frozenset, similarity: float) -> float:
    if not a and not b:
        return UNKNOWN
    if not a or not b:
        return HALF_KNOWN
    return similarity


def soft_jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity where two plain words (not concepts) spelt alike count as one
    ("kilometer" and "kilometre")."""
    if a == b:
        return 1.0 if a else 0.0
    shared = len(a & b)
    rest_b = [t for t in b - a if not is_concept(t)]
    for t in (t for t in a - b if not is_concept(t)):
        match = next((u for u in rest_b if fuzz.ratio(t, u) >= SPELT_ALIKE), None)
        if match is not None:
            rest_b.remove(match)
            shared += 1
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def what_similarity(a: ClaimProfile, b: ClaimProfile) -> float:
    """How alike what the two claims count is; two exclusive concepts (killed, wounded) make it low."""
    if conflicting(a.what, b.what):
        return min(soft_jaccard(a.what, b.what), CONFLICT)
    return soft_jaccard(a.what, b.what)


def comparable_values(a: ClaimProfile, b: ClaimProfile) -> bool:
    """Both have a value, in units of one family (a plain count with a plain count, km with mi)."""
    return a.has_value and b.has_value and comparable(a.scale, b.scale)


def bounds_in_unit_of(b: ClaimProfile, a: ClaimProfile) -> tuple[float, float]:
    """``b``'s value in ``a``'s unit (the two comparable)."""
    if a.scale.unit == b.scale.unit:
        return b.low, b.high
    return convert(b.low, b.scale, a.scale), convert(b.high, b.scale, a.scale)


def same_value(a: ClaimProfile, b: ClaimProfile) -> bool:
    if not comparable_values(a, b):
        return False
    if a.scale.unit == b.scale.unit:
        return a.low == b.low and a.high == b.high
    return same_figure(a.low, a.scale, b.low, b.scale) and same_figure(a.high, a.scale, b.high, b.scale)


def is_whole_of(share: ClaimProfile, b: ClaimProfile) -> bool:
    """Is ``b`` the whole ``share`` is a share of (its ``of_value``, as a count)?"""
    return share.whole is not None and not b.is_range and b.low == share.whole and comparable_values(share, b)


def overlapping(a: ClaimProfile, b: ClaimProfile) -> bool:
    """One value is a range and the two overlap ("dozens" and 31)."""
    if not (comparable_values(a, b) and (a.is_range or b.is_range)):
        return False
    low, high = bounds_in_unit_of(b, a)
    return a.low <= high and low <= a.high


def value_closeness(a: ClaimProfile, b: ClaimProfile) -> float:
    if not comparable_values(a, b):
        return 0.0
    if same_value(a, b):
        return 1.0
    close = max(0.0, 1.0 - abs(a.middle - log_middle(*bounds_in_unit_of(b, a))) / VALUE_SCALE)
    return max(close, 0.8) if overlapping(a, b) else close


def opposite_changes(a: ClaimProfile, b: ClaimProfile) -> bool:
    """One figure is stated as a rise, the other as a fall."""
    return bool(a.change and b.change and a.change != b.change)


def direction(a: ClaimProfile, b: ClaimProfile) -> float:
    """1 when the later figure of a running total is not smaller, 0 when it is; 0.5 when unknown."""
    if a.date is None or b.date is None or not comparable_values(a, b):
        return UNKNOWN
    if a.date == b.date:
        return 1.0 if same_value(a, b) else UNKNOWN
    if not (a.running and b.running):
        return UNKNOWN
    partner = log_middle(*bounds_in_unit_of(b, a))
    later, earlier = (partner, a.middle) if a.date < b.date else (a.middle, partner)
    return 1.0 if later >= earlier else 0.0


def date_closeness(a: ClaimProfile, b: ClaimProfile) -> float:
    if a.date is None or b.date is None:
        return UNKNOWN
    return 1.0 / (1.0 + abs(a.date - b.date) / DATE_SCALE)


def sentence_similarity(a: ClaimProfile, b: ClaimProfile) -> float:
    if not a.sentence or not b.sentence:
        return 0.0
    if a.sentence == b.sentence:  # a wire story carried by several outlets
        return 1.0
    return (fuzz.token_set_ratio(a.sentence, b.sentence) + fuzz.token_sort_ratio(a.sentence, b.sentence)) / 200


def features(a: ClaimProfile, b: ClaimProfile) -> dict[str, float]:
    source = 1.0 if a.source_text == b.source_text else max(
        jaccard(a.source, b.source), 0.8 * fuzz.token_set_ratio(a.source_text, b.source_text) / 100)
    return {
        "what": what_similarity(a, b),
        "sentence": sentence_similarity(a, b),
        "value": value_closeness(a, b),
        "context": _known(a.context, b.context, jaccard(a.context, b.context)),
        "source": _known(a.source, b.source, source),
        "direction": direction(a, b),
        "date": date_closeness(a, b),
    }


def combine(feats: dict[str, float]) -> float:
    total = sum(WEIGHTS[name] * value for name, value in feats.items())
    return total * 0.5 if feats["what"] < DIFFERENT_THING else total


def score(a: ClaimProfile, b: ClaimProfile) -> float:
    return combine(features(a, b))


def propose_type(a: ClaimProfile, b: ClaimProfile, what: float | None = None) -> str:
    """The link a reviewer would most likely make between ``a`` and ``b`` (see the module docstring)."""
    what = what_similarity(a, b) if what is None else what
    if what < RELATED_BELOW:
        return "related"
    if a.has_value and b.has_value and not comparable(a.scale, b.scale):
        return "related"  # USD and EUR, percent and a count: never one figure
    if is_whole_of(a, b) or is_whole_of(b, a):
        return "related"  # "around half of 140,000 residents (≈ 70,000)" and 140,000 residents: the whole
    if same_value(a, b) and not opposite_changes(a, b):
        return "same"
    if not (a.has_value and b.has_value) or overlapping(a, b) or value_closeness(a, b) == 0.0:
        return "related"  # a range, or values ten times apart ("half" and 140,000): not one figure revised
    if a.date is not None and b.date is not None:
        return "update" if a.date != b.date else "contradicts"
    return "update" if a.running and b.running else "contradicts"


def _change(a: ClaimProfile, b: ClaimProfile) -> str:
    if a.is_range or b.is_range:
        return "within the range" if overlapping(a, b) else "a different range"
    diff = bounds_in_unit_of(b, a)[0] - a.low
    pct = f" ({diff / a.low:+.0%})" if a.low else ""
    return f"value {'+' if diff > 0 else '-'}{format_number(abs(diff))}{pct}"


def reasons(a: ClaimProfile, b: ClaimProfile, feats: dict[str, float]) -> tuple[str, ...]:
    """Why ``b`` is suggested for ``a``, in a few words each, most telling first."""
    out = []
    out.append("same quantity" if feats["what"] >= 0.99 else "similar quantity" if feats["what"] >= RELATED_BELOW
               else "different quantity")
    if a.has_value and b.has_value and not comparable(a.scale, b.scale):
        out.append(f"different units ({a.scale.unit or 'a count'}, {b.scale.unit or 'a count'})")
    elif a.has_value and b.has_value:
        if a.scale.unit != b.scale.unit:
            converted = format_number(round(bounds_in_unit_of(b, a)[0], 3))
            out.append(f"{format_number(b.low)} {b.scale.unit} is {converted} {a.scale.unit}")
        out.append("same value" if same_value(a, b) else _change(a, b))
    if opposite_changes(a, b):
        out.append("a rise against a fall")
    if a.source and b.source and feats["source"] >= 0.6:
        out.append("same source")
    if a.date is None or b.date is None:
        out.append("date unknown")
    elif a.date == b.date:
        out.append("same date")
    else:
        days = b.date - a.date
        out.append(f"{abs(days)} day{'s' if abs(days) != 1 else ''} {'later' if days > 0 else 'earlier'}")
    if feats["direction"] == 0.0:
        out.append("a running total that fell")
    if feats["context"] >= 0.99 and a.context:
        out.append("same figures beside it")
    if feats["sentence"] >= 0.7:
        out.append("similar sentence")
    return tuple(out)


def explain(a: ClaimProfile, b: ClaimProfile) -> PairScore:
    """The score of ``b`` as a partner of ``a``, the proposed link type and the reasons."""
    feats = features(a, b)
    return PairScore(combine(feats), propose_type(a, b, feats["what"]), reasons(a, b, feats), feats)
