"""What a reviewer sees: extracted claims and entities merged with the decisions in the store.

:func:`merge_claims` pairs each extracted claim with its decision (by id, else by its span after
re-anchoring), and adds the claims that exist only as decisions (added by a reviewer, or no longer
produced by the extractor). :func:`merge_entities` does the same for entity edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .article import Article
from .fields import CLAIM_FIELDS, FIELD_DEFAULTS, claim_fields, complete_fields

if TYPE_CHECKING:  # types only: the claim finder's patterns are slow to import
    from .entities import Entity
    from .extraction.claims import Claim

PENDING = "pending"
CLAIM_STATES = (PENDING, "accepted", "corrected", "rejected", "added")
REVIEWED = frozenset({"accepted", "corrected", "rejected", "added"})
ENTITY_STATES = ("model", "rule", "relabelled", "removed", "added")


@dataclass(frozen=True)
class ReviewClaim:
    """A claim with its review state. ``fields`` are the current ones (the correction if any)."""

    id: str
    article: str  # article id
    start: int
    end: int
    text: str
    sentence: str
    status: str  # pending | accepted | corrected | rejected | added
    original: dict = field(default_factory=dict)  # the extractor's fields ({} for an added claim)
    fields: dict = field(default_factory=dict)
    reviewer: str = ""
    at: str = ""
    note: str = ""
    extracted: bool = True  # the extractor produces it now

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    @property
    def changed_fields(self) -> list[str]:
        """The fields a correction changed."""
        if not self.original:
            return []
        return [n for n in CLAIM_FIELDS if self.original.get(n) != self.fields.get(n)]

    def __getattr__(self, name: str):  # claim.value, claim.counted … read the current fields
        if name in CLAIM_FIELDS:
            return self.fields.get(name, FIELD_DEFAULTS[name])
        raise AttributeError(name)


@dataclass(frozen=True)
class ReviewEntity:
    """A named entity with its review state: ``label`` is the current one."""

    id: str
    article: str
    start: int
    end: int
    text: str
    label: str
    status: str  # model | rule | relabelled | removed | added
    model_label: str = ""  # what the extractor said ("" for an added entity)
    reviewer: str = ""
    at: str = ""

    @property
    def visible(self) -> bool:
        return self.status != "removed"


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The paragraph line around a span (for claims that exist only as a decision)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left = max(left, start - limit // 2)
    right = min(right, end + limit // 2)
    return " ".join(text[left:right].split())


def _span(doc: dict) -> tuple[int, int]:
    pos = doc["selector"]["position"]
    return pos["start"], pos["end"]


def _from_decision(claim: Claim | None, doc: dict, article: Article) -> ReviewClaim:
    """A decision's claim: a field its fields lack (a 0.1 correction has no unit) is the extractor's."""
    start, end = _span(doc)
    stored = doc.get("original") or {}
    original = claim_fields(claim) if claim is not None else complete_fields(stored) if stored else {}
    status = doc["status"]
    fields = complete_fields(doc.get("fields") or {} if status in ("corrected", "added") else original, original)
    return ReviewClaim(
        id=doc["id"], article=article.id, start=start, end=end,
        text=claim.text if claim is not None else doc["selector"]["quote"]["exact"],
        sentence=claim.sentence if claim is not None else sentence_around(article.text, start, end),
        status=status, original=original, fields=fields, reviewer=doc.get("reviewer", ""),
        at=doc.get("at", ""), note=doc.get("note", ""), extracted=claim is not None,
    )


def merge_claims(article: Article, claims: list[Claim], decisions: list[dict]) -> list[ReviewClaim]:
    """The article's claims in text order, each with its decision; decisions without a claim appended."""
    by_id = {d["id"]: d for d in decisions if not d.get("orphan")}
    by_span = {_span(d): d for d in by_id.values()}
    used: set[str] = set()
    out: list[ReviewClaim] = []
    for claim in claims:
        doc = by_id.get(claim.id) or by_span.get((claim.start, claim.end))
        if doc is not None and doc["id"] not in used:
            used.add(doc["id"])
            out.append(_from_decision(claim, doc, article))
        else:
            fields = claim_fields(claim)
            out.append(ReviewClaim(claim.id, article.id, claim.start, claim.end, claim.text, claim.sentence,
                                   PENDING, original=fields, fields=dict(fields)))
    for doc in by_id.values():
        if doc["id"] not in used:
            out.append(_from_decision(None, doc, article))
    out.sort(key=lambda c: (c.start, c.end, c.id))
    return out


def merge_entities(article: Article, entities: list[Entity], edits: list[dict]) -> list[ReviewEntity]:
    """The article's entities in text order with the reviewer's relabels, removals and additions."""
    by_id = {d["id"]: d for d in edits if not d.get("orphan")}
    by_span = {_span(d): d for d in by_id.values()}
    used: set[str] = set()
    out: list[ReviewEntity] = []
    for ent in entities:
        doc = by_id.get(ent.id) or by_span.get((ent.start, ent.end))
        if doc is None or doc["id"] in used:
            out.append(ReviewEntity(ent.id, article.id, ent.start, ent.end, ent.text, ent.label, ent.origin,
                                    model_label=ent.label))
            continue
        used.add(doc["id"])
        status = {"relabel": "relabelled", "remove": "removed", "add": "relabelled"}[doc["action"]]
        label = doc.get("label") or ent.label
        out.append(ReviewEntity(doc["id"], article.id, ent.start, ent.end, ent.text, label, status,
                                model_label=doc.get("model_label") or ent.label, reviewer=doc.get("reviewer", ""),
                                at=doc.get("at", "")))
    for doc in by_id.values():
        if doc["id"] in used:
            continue
        start, end = _span(doc)
        status = {"relabel": "relabelled", "remove": "removed", "add": "added"}[doc["action"]]
        out.append(ReviewEntity(doc["id"], article.id, start, end, doc["selector"]["quote"]["exact"],
                                doc.get("label", ""), status, model_label=doc.get("model_label", ""),
                                reviewer=doc.get("reviewer", ""), at=doc.get("at", "")))
    out.sort(key=lambda e: (e.start, e.end, e.id))
    return out
