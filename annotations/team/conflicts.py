"""Rules another reviewer's decisions contradict: flagged on the Rules screen of a team project.

For each rule, what it does now (extraction with and without it, on the cached parses: the engine of
the Rules screen's statistics), judged against the decisions of every reviewer who did not propose it:
a relabel, removal, rejection or correction on a mention the rule produced that disagrees with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extraction.compiled import ExtractionRules, rules_for_extractor
from ..rules.preview import Effect, compare
from ..rules.stats import Decisions
from ..stored import Rule
from .stores import TeamStore, read_stores


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


def conflict_flag(conflicts: list[Conflict] | tuple[Conflict, ...], shown: int = 2) -> str:
    """The flag of a contradicted rule, as the Rules screen and ``claimdesk rules list`` say it: the
    first ``shown`` contradictions and how many more ("" when there is none)."""
    if not conflicts:
        return ""
    more = len(conflicts) - shown
    return "⚑ contradicted: " + "; ".join(c.describe() for c in conflicts[:shown]) + (
        f" (+{more} more)" if more > 0 else "")


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


def project_conflicts(session, extractor, rules) -> dict[str, list[Conflict]]:
    """In a team project (the session's store is a :class:`~.stores.TeamStore`), rule id → the decisions
    of reviewers (this one included) who did not propose it and disagree with it, from every store as it
    is now; ``{}`` outside a project."""
    store = session.store
    if not isinstance(store, TeamStore):
        return {}
    project, me = store.project, store.team_reviewer
    others = read_stores(project, [r for r in project.reviewers if r != me])
    try:
        return rule_conflicts(session, extractor, list(rules), {me: store.own, **others})
    finally:
        for other in others.values():
            other.close()
