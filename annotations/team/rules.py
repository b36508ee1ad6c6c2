"""The project's learned rules: every reviewer's, merged; who proposed each; which another contradicts.

Rules live in each reviewer's own store (so saving one is journaled, undoable and locked like every
other decision); a project reads them all. Records of the same rule (same kind and data) from several
reviewers are one rule: its state (on, off, declined) is that of the latest change by anyone, and it
lists who proposed it (saved it themselves, not declined). :func:`rule_conflicts` finds, for each rule,
the decisions of reviewers other than its proposers that disagree with what it does.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from ..extraction.compiled import ExtractionRules, rules_for_extractor
from ..rules.preview import Effect, compare
from ..rules.stats import Decisions
from ..stored import DECLINED, Rule

COPIED_FROM = "copied_from"  # provenance: the reviewer whose rule this copy switched or declined


def rule_key(doc: dict) -> tuple[str, str]:
    """What makes two rule records the same rule: kind and data (the ``text`` shown to reviewers aside)."""
    data = {k: v for k, v in (doc.get("data") or {}).items() if k != "text"}
    return doc.get("kind", ""), json.dumps(data, sort_keys=True)


def _declined(doc: dict) -> bool:
    return not doc.get("enabled") and bool((doc.get("provenance") or {}).get(DECLINED))


def merge_rules(by_reviewer: dict[str, list[dict]], own: str = "") -> list[dict]:
    """One record per rule over every reviewer's records: the latest change's state, ``proposers``
    (reviewers who saved it themselves and did not decline it) and ``declined_by``; the id of ``own``'s
    record where they hold one (so their changes go to it). In the order first seen."""
    groups: dict[tuple, list[tuple[str, dict]]] = {}
    for reviewer, docs in by_reviewer.items():
        for doc in docs:
            groups.setdefault(rule_key(doc), []).append((reviewer, doc))
    out = []
    for records in groups.values():
        latest = max(records, key=lambda r: r[1].get("at", ""))[1]
        merged = copy.deepcopy(latest)
        mine = next((d for r, d in records if r == own), None)
        if mine is not None:
            merged["id"] = mine["id"]
        merged["proposers"] = sorted({r for r, d in records if not _declined(d)
                                      and not (d.get("provenance") or {}).get(COPIED_FROM)})
        merged["declined_by"] = sorted({r for r, d in records if _declined(d)})
        out.append(merged)
    return out


@dataclass(frozen=True)
class Conflict:
    """A reviewer's decision that disagrees with what a rule does (a label it gives, a claim it drops)."""

    rule: str  # rule id
    reviewer: str
    effect: Effect

    def describe(self) -> str:
        what = self.effect.text
        if self.effect.what == "entity":
            done = f"kept “{what}” as an entity" if self.effect.action == "remove" else \
                f"labelled “{what}” otherwise than {self.effect.after or 'it'}"
        else:
            done = f"kept the claim “{what}”" if self.effect.action == "remove" else f"rejected or changed “{what}”"
        return f"{self.reviewer} {done}"


def rule_conflicts(session, extractor, rules: list[Rule], stores: dict[str, object]) -> dict[str, list[Conflict]]:
    """rule id → the decisions in ``stores`` (reviewer → store) of reviewers who did not propose the
    rule that disagree with what it does now (any time: a team disagreeing is what is flagged)."""
    enabled = rules_for_extractor(session.store)
    vocab = extractor.rules.vocab
    judges = {name: Decisions(store) for name, store in stores.items()}
    out: dict[str, list[Conflict]] = {}
    for rule in rules:
        others = [name for name in judges if name not in rule.proposers]
        if not others:
            continue
        rest = [r for r in enabled if r.get("id") != rule.id]
        live = dict(rule.as_doc(), enabled=True)
        result = compare(extractor, session.articles, ExtractionRules(rest, vocab=vocab),
                         ExtractionRules([*rest, live], vocab=vocab), touched=[live])
        found = [Conflict(rule.id, name, effect) for effect in result.effects for name in others
                 if judges[name].judge(effect, "") == "rejected" and _decided(judges[name], effect)]
        if found:
            out[rule.id] = found
    return out


def _decided(judge: Decisions, effect: Effect) -> bool:
    """Did the reviewer decide on this very mention (not merely work in its article)?"""
    claims, entities = judge.of(effect.article_id)
    docs = entities if effect.what == "entity" else claims
    return any(d["selector"]["position"]["start"] < effect.end and effect.start < d["selector"]["position"]["end"]
               for d in docs)
