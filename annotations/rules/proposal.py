"""A rule proposed from one correction, and how it meets the rules already stored: the same rule (its
``text`` aside), a rule it contradicts, a rule the reviewer declined."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..stored import DECLINED
from .kinds import ENTITY_LABEL, ENTITY_SUPPRESS, describe

PROPOSED_ID = "r-proposed"


@dataclass(frozen=True)
class Proposal:
    """A rule proposed from one correction: what it is, and the annotation it came from."""

    kind: str
    data: dict
    article_id: str  # where the correction was made
    start: int  # the corrected span
    end: int
    summary: str  # one line for the reviewer: 'Label "Nagorno-Karabakh" as GPE everywhere'
    provenance: dict = field(default_factory=dict)  # {"annotation", "table", "decision", "text", ...}

    @property
    def rule(self) -> dict:
        """The rule as the extractor takes it (a store rule document, not saved)."""
        return {"id": PROPOSED_ID, "kind": self.kind, "data": self.data, "enabled": True, "article": self.article_id}

    @property
    def pattern(self) -> str:
        return describe(self.kind, self.data)[0]

    @property
    def label(self) -> str:
        return describe(self.kind, self.data)[1]


def same_data(a: dict | None, b: dict | None) -> bool:
    """Do two rules' data say the same (the ``text`` shown to reviewers aside)?"""
    strip = lambda d: json.dumps({k: v for k, v in (d or {}).items() if k != "text"}, sort_keys=True)  # noqa: E731
    return strip(a) == strip(b)


def same_rules(rules: list[dict], kind: str, data: dict) -> list[dict]:
    """The stored rules of ``kind`` whose data say the same as ``data``."""
    return [r for r in rules if r.get("kind") == kind and same_data(r.get("data"), data)]


def is_declined(rule: dict) -> bool:
    """Did the reviewer decline this rule when it was proposed (and not switch it on since)?"""
    return not rule.get("enabled") and bool((rule.get("provenance") or {}).get(DECLINED))


def replaced_rules(rules: list[dict], proposal: Proposal) -> list[dict]:
    """The stored rules that ``proposal`` contradicts (saving it deletes them): a label rule for the same
    words with another label, or a suppression of the label now wanted, and the other way round."""
    if proposal.kind not in (ENTITY_LABEL, ENTITY_SUPPRESS):
        return []
    pattern, label = proposal.data.get("pattern"), proposal.data.get("label", "")
    out = []
    for rule in rules:
        data = rule.get("data") or {}
        if data.get("pattern") != pattern:
            continue
        if (proposal.kind == ENTITY_LABEL and (
                (rule["kind"] == ENTITY_LABEL and data.get("label") != label)
                or (rule["kind"] == ENTITY_SUPPRESS and data.get("label") in ("", label)))) or (proposal.kind == ENTITY_SUPPRESS and rule["kind"] == ENTITY_LABEL and (
                not label or data.get("label") == label)):
            out.append(rule)
    return out
