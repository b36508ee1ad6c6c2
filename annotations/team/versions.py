"""One reviewer's version of a claim: the decision and the fields it leaves, compared across reviewers.

Two versions agree when they make the same decision and leave the same fields (a value of ``3,000``
and ``3000`` is the same, and so is ``Armenian officials`` and ``armenian  officials``; a unit is
compared as written: ``mW`` is not ``MW``). An accepted claim leaves the extractor's fields; a
corrected or added one its reviewer's (a field a 0.1 correction lacks: the extractor's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..fields import CLAIM_FIELDS
from ..numbers import tidy

DECISIONS = ("accepted", "corrected", "rejected", "added")
COMPARED_FIELDS = CLAIM_FIELDS
EXACT_FIELDS = frozenset({"unit"})  # compared as written: unit codes are canonical, and "mW" is not "MW"


def final_fields(doc: dict) -> dict:
    """The fields a decision leaves: the reviewer's (corrected, added), the extractor's (accepted), none
    (rejected)."""
    if doc.get("status") == "rejected":
        return {}
    if doc.get("status") in ("corrected", "added"):
        return {**(doc.get("original") or {}), **(doc.get("fields") or {})}
    return dict(doc.get("original") or {})


def field_key(value, name: str = ""):
    """A field's value as compared: numbers tidied, text case- and space-folded (a unit, ``name`` "unit",
    only space-trimmed), ranges as tuples, ``None`` (no start value) as an empty field."""
    if type(value) is str:  # most fields: first, and each distinct text folded once
        return value.strip() if name in EXACT_FIELDS else _text_key(value)
    if value is None:  # no start value: as a field left empty
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return tidy(value)
    if isinstance(value, (list, tuple)):
        return tuple(field_key(v) for v in value)
    return value


@lru_cache(maxsize=65536)
def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Version:
    """A reviewer's decision on one claim, as a store records it."""

    reviewer: str
    claim: str
    article: str
    status: str
    fields: dict = field(default_factory=dict, hash=False, compare=False)  # the fields it leaves
    at: str = ""
    doc: dict = field(default_factory=dict, hash=False, compare=False, repr=False)  # the store's record

    @classmethod
    def from_doc(cls, reviewer: str, doc: dict) -> Version:
        return cls(reviewer, doc["id"], doc.get("article", ""), doc.get("status", ""), final_fields(doc),
                   doc.get("at", ""), doc)

    @cached_property  # compared against every other reviewer's version of the claim
    def key(self) -> tuple:
        """What two agreeing versions share: the decision and every field it leaves."""
        return (self.status, tuple((n, field_key(self.fields.get(n, ""), n)) for n in COMPARED_FIELDS
                                   if self.status != "rejected"))

    def agrees(self, other: Version) -> bool:
        if self.status != other.status:
            return False
        return self.fields == other.fields or self.key == other.key  # the same fields: the same key


def versions_of(reviewer: str, docs) -> dict[str, Version]:
    """claim id → version, from one store's claim records (orphans left out: their text is gone). Each
    version holds its record as given (not copied): copy it to change it."""
    return {d["id"]: Version.from_doc(reviewer, d) for d in docs if not d.get("orphan")}


def all_agree(versions: list[Version]) -> bool:
    """Do these versions of one claim all agree (agreeing is an equivalence: each with the first)?"""
    first = versions[0]
    return all(first.agrees(other) for other in versions[1:])
