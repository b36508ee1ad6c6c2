"""A claim reduced to what link suggestions compare: terms, value and unit, change, date, source, sentence,
context.

A share of a stated figure is compared by the figure it comes to, in its whole's unit
(:func:`~claimdesk.annotations.fields.share_figure`, :func:`~claimdesk.annotations.fields.share_unit`):
"around half of the region's 140,000 residents" is 70,000, a count; "30% of the $3 billion budget" is
900,000,000 USD. So it meets the figures of the same thing in other articles ("70,000 residents fled",
"$900 million for schools"), and keeps its whole, which is no revision of it
(:func:`~.score.propose_type`); a share whose whole is unknown stays its fraction or percent.

Profiles are built from the session's :class:`~claimdesk.annotations.reviewed.ReviewClaim` (so a
correction's fields win over the extractor's), once per claim, and compared many times. The suggestion
index keeps one per claim of the corpus, so a profile is small: slotted, and with a ``shared`` table
:func:`profile_claims` makes equal term sets and strings one object (claims count "civilians killed",
cite "officials" and share sentences again and again).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..article import Article
from ..fields import share_figure, share_unit
from ..reviewed import ReviewClaim
from .conversion import COUNT, Scale, scale_of
from .terms import RUNNING_TOTALS, concept_terms, sentence_key, terms, words

FOLLOWING_WORDS = 3  # words after the number read for concepts ("350 military deaths")
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\b(?:and|or|but|while|whereas|including)\b", re.I)


@dataclass(frozen=True, slots=True)
class ClaimProfile:
    claim_id: str
    article_id: str
    article_index: int  # position of the article in the corpus
    what: frozenset[str]  # terms of what is counted and the predicate
    what_text: str  # "troops killed", for fuzzy comparison of words that are not concepts
    low: float | None  # the value (both ends equal for a number), in its unit; None when there is none
    high: float | None
    date: int | None  # the claim's date as a day ordinal
    source: frozenset[str]
    source_text: str
    sentence: str  # the sentence reduced by :func:`~.terms.sentence_key` (its terms, space-separated)
    context: frozenset[str]  # terms of the other claims in the same sentence
    running: bool  # counts a running total (deaths, wounded, displaced …)
    rejected: bool
    scale: Scale = COUNT  # the value's unit: which values it compares with, and how (:mod:`.conversion`)
    change: str = ""  # "up", "down" or "": the figure is stated as a change
    whole: float | None = None  # a share compared by the figure it comes to: the whole it is of (140,000)

    @property
    def has_value(self) -> bool:
        return self.low is not None

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.low != self.high

    @property
    def middle(self) -> float | None:
        """The value on a log scale (a range by its geometric middle)."""
        if self.low is None:
            return None
        return log_middle(self.low, self.high)

    @property
    def unit(self) -> str:
        return self.scale.unit


def log_middle(low: float, high: float) -> float:
    """A value on the log scale values are compared on (a range by its geometric middle)."""
    return (math.log1p(max(low, 0.0)) + math.log1p(max(high, 0.0))) / 2


def value_bounds(value) -> tuple[float | None, float | None]:
    """A claim value (a number or ``[low, high]``) → (low, high); (None, None) when it is not one."""
    if isinstance(value, bool):
        return None, None
    if isinstance(value, (int, float)):
        return float(value), float(value)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return float(min(value)), float(max(value))
    return None, None


def day_ordinal(date: str) -> int | None:
    try:
        return dt.date.fromisoformat(date[:10]).toordinal() if date else None
    except ValueError:
        return None


def claim_date(claim: ReviewClaim, article: Article) -> str:
    """The claim's date: its own field (a correction wins), else the article's."""
    return str(claim.fields.get("date") or article.date or "")


def _following_concepts(claim: ReviewClaim) -> frozenset[str]:
    at = claim.sentence.find(claim.text)
    if at < 0:
        return frozenset()
    after = _CLAUSE_END.split(claim.sentence[at + len(claim.text):], maxsplit=1)[0]
    after = words(after)[:FOLLOWING_WORDS]
    return concept_terms(" ".join(after))


def _what_text(claim: ReviewClaim) -> str:
    return " ".join(p for p in (str(claim.fields.get("counted") or ""), str(claim.fields.get("predicate") or "")) if p)


def what_terms(claim: ReviewClaim) -> frozenset[str]:
    return terms(_what_text(claim)) | _following_concepts(claim)


def profile_claims(claims: list[ReviewClaim], article: Article, article_index: int,
                   shared: dict | None = None) -> list[ClaimProfile]:
    """Profiles of one article's claims (together, so each knows the others in its sentence).

    ``shared``: a table kept across calls in which equal term sets and strings become one object."""
    one = (lambda value: value) if shared is None else (lambda value: shared.setdefault(value, value))
    whats = [one(what_terms(c)) for c in claims]
    by_sentence: dict[str, set[int]] = {}
    for i, claim in enumerate(claims):
        by_sentence.setdefault(claim.sentence, set()).add(i)
    out = []
    for i, claim in enumerate(claims):
        part = share_figure(claim.fields)
        low, high = value_bounds(claim.fields.get("value") if part is None else part)
        unit, whole = (share_unit(claim.fields), float(claim.fields["of_value"])) if part is not None else (
            str(claim.fields.get("unit") or ""), None)
        source_text = str(claim.fields.get("source") or "")
        context = frozenset().union(*(whats[j] for j in by_sentence[claim.sentence] if j != i))
        out.append(ClaimProfile(
            claim_id=claim.id, article_id=article.id, article_index=article_index, what=whats[i],
            what_text=one(_what_text(claim).lower()), low=low, high=high,
            scale=scale_of(unit), change=str(claim.fields.get("change") or ""),
            date=day_ordinal(claim_date(claim, article)), source=one(terms(source_text)),
            source_text=one(source_text.lower()), sentence=one(sentence_key(claim.sentence)), context=one(context),
            running=bool(whats[i] & RUNNING_TOTALS), rejected=claim.status == "rejected", whole=whole,
        ))
    return out
