"""Typed records of what the store keeps about links, clusters and rules, as the app and the CLI see them.

The store holds plain JSON documents; the session hands these frozen records out instead, so a client
reads ``link.other(claim_id).article`` or ``rule.declined``, never a document's keys.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

DECLINED = "declined"  # provenance key: when the reviewer answered "this instance only" to a proposal


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link: a claim and the article it is in."""

    claim: str
    article: str


@dataclass(frozen=True)
class Link:
    """Two claims reported as the same quantity (``same``, ``update``, ``contradicts``, ``related``)."""

    id: str
    a: LinkEnd  # for an update: the earlier figure
    b: LinkEnd
    type: str
    reviewer: str = ""
    at: str = ""

    @classmethod
    def from_doc(cls, doc: dict) -> Link:
        return cls(id=doc["id"], a=LinkEnd(doc["a"]["claim"], doc["a"]["article"]),
                   b=LinkEnd(doc["b"]["claim"], doc["b"]["article"]), type=doc["type"],
                   reviewer=doc.get("reviewer", ""), at=doc.get("at", ""))

    def other(self, claim_id: str) -> LinkEnd:
        """The end that is not ``claim_id``."""
        return self.b if self.a.claim == claim_id else self.a

    @property
    def claims(self) -> tuple[str, str]:
        return self.a.claim, self.b.claim


@dataclass(frozen=True)
class Cluster:
    """Linked claims that report one quantity: a ledger entry."""

    id: str
    name: str
    claims: tuple[str, ...]
    note: str = ""

    @classmethod
    def from_doc(cls, doc: dict) -> Cluster:
        return cls(id=doc["id"], name=doc.get("name", ""), claims=tuple(doc.get("claims", ())),
                   note=doc.get("note") or "")


@dataclass(frozen=True)
class Rule:
    """A rule learned from a correction: its kind and data, whether it is on, who made it and from what."""

    id: str
    kind: str
    data: dict = field(default_factory=dict, hash=False, compare=True)
    enabled: bool = True
    article: str = ""
    reviewer: str = ""
    at: str = ""
    provenance: dict = field(default_factory=dict, hash=False, compare=True)
    selector: dict | None = field(default=None, hash=False, compare=True)  # the span it was learned from
    proposers: tuple[str, ...] = ()  # in a project: the reviewers who saved it (annotations.team.rules)
    declined_by: tuple[str, ...] = ()  # in a project: the reviewers who declined it

    @classmethod
    def from_doc(cls, doc: dict) -> Rule:
        return cls(id=doc["id"], kind=doc["kind"], data=copy.deepcopy(doc.get("data") or {}),
                   enabled=bool(doc.get("enabled")), article=doc.get("article", ""),
                   reviewer=doc.get("reviewer", ""), at=doc.get("at", ""),
                   provenance=copy.deepcopy(doc.get("provenance") or {}),
                   selector=copy.deepcopy(doc.get("selector")),
                   proposers=tuple(doc.get("proposers") or ()), declined_by=tuple(doc.get("declined_by") or ()))

    @property
    def declined(self) -> bool:
        """Did the reviewer decline it when it was proposed (and not switch it on since)?"""
        return not self.enabled and bool(self.provenance.get(DECLINED))

    @property
    def state(self) -> str:
        """"on", "off" or "declined"."""
        return "on" if self.enabled else "declined" if self.declined else "off"

    @property
    def since(self) -> str:
        """When it took its present form: created (or switched back on), else its last change."""
        return self.provenance.get("created") or self.at

    def as_doc(self) -> dict:
        """The store's document for this rule (what the extraction rules compile)."""
        return {"id": self.id, "kind": self.kind, "data": copy.deepcopy(self.data), "enabled": self.enabled,
                "article": self.article, "reviewer": self.reviewer, "at": self.at,
                "provenance": copy.deepcopy(self.provenance), "selector": copy.deepcopy(self.selector)}
