"""How each rule does now: how many mentions it changes, and how reviewers judged them afterwards.

A rule's effect is the difference it makes (extraction with every other enabled rule, with and without
it; for a disabled rule, what it would do if enabled), computed on the cached parses. Its precision is
``accepted / (accepted + rejected)`` over what it produced, judged by what reviewers did *after* the
rule was made (``provenance.created``, else its last change):

- a decision on the same span: agreeing (the label it gave, a claim it changed accepted, a claim it
  suppressed rejected) is accepted; disagreeing (relabelled, removed, corrected in a field it set,
  a suppressed claim or entity added back) is rejected;
- a mention no one decided on, in an article a reviewer worked in after the rule was made (any
  decision there), counts as accepted: they saw it and let it stand. Claims the rule changed need an
  explicit decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..extraction.compiled import ExtractionRules, rules_for_extractor
from ..stored import Rule
from .preview import Effect, compare

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RuleStats:
    """One rule with its effect now and its reviewed record."""

    rule: Rule
    matches: int  # mentions it changes now
    articles: int  # in how many articles
    accepted: int
    rejected: int

    @property
    def precision(self) -> float | None:
        judged = self.accepted + self.rejected
        return self.accepted / judged if judged else None


def rule_stats(session, extractor, rules: list[Rule] | None = None,
               progress: ProgressCallback | None = None) -> list[RuleStats]:
    """The stats of ``rules`` (default: every rule in the store, enabled or not), in their order."""
    store = session.store
    rules = session.rules() if rules is None else list(rules)
    enabled = rules_for_extractor(store)
    vocab = extractor.rules.vocab
    decisions = Decisions(store)
    out = []
    for n, rule in enumerate(rules):
        others = [r for r in enabled if r.get("id") != rule.id]
        live = dict(rule.as_doc(), enabled=True)
        result = compare(extractor, session.articles, ExtractionRules(others, vocab=vocab),
                         ExtractionRules([*others, live], vocab=vocab), touched=[live])
        verdicts = [decisions.judge(effect, rule.since) for effect in result.effects]
        out.append(RuleStats(rule, len(result.effects), len(result.articles), verdicts.count("accepted"),
                             verdicts.count("rejected")))
        if progress is not None:
            progress(n + 1, len(rules), rule.id)
    return out


class Decisions:
    """The store's decisions by article, read once, to judge what rules produced."""

    def __init__(self, store):
        self.store = store
        self._by_article: dict[str, tuple[list[dict], list[dict]]] = {}

    def of(self, article_id: str) -> tuple[list[dict], list[dict]]:
        """(claim decisions, entity edits) of an article, orphans left out."""
        if article_id not in self._by_article:
            self._by_article[article_id] = tuple(
                [d for d in docs if not d.get("orphan")]
                for docs in (self.store.claims(article_id), self.store.entities(article_id)))
        return self._by_article[article_id]

    def judge(self, effect: Effect, since: str) -> str:
        """"accepted", "rejected" or "" (not judged) for one mention a rule produced (see the module)."""
        claims, entities = self.of(effect.article_id)
        later = [d for d in (entities if effect.what == "entity" else claims) if d.get("at", "") > since]
        decision = next((d for d in later if _overlaps(d, effect)), None)
        if decision is not None:
            return _verdict(effect, decision)
        if effect.what == "claim" and effect.action != "remove":
            return ""
        reviewed = any(d.get("at", "") > since for d in claims + entities)
        return "accepted" if reviewed else ""


def _overlaps(doc: dict, effect: Effect) -> bool:
    pos = doc["selector"]["position"]
    return pos["start"] < effect.end and effect.start < pos["end"]


def _verdict(effect: Effect, decision: dict) -> str:
    if effect.what == "entity":
        if effect.action == "remove":  # suppressed: adding it back (any label) disagrees
            return "rejected" if decision["action"] in ("add", "relabel") else "accepted"
        if decision["action"] == "remove":
            return "rejected"
        return "accepted" if decision.get("label") == effect.after else "rejected"
    status = decision["status"]
    if effect.action == "remove":  # a suppressed claim: added back disagrees, rejected agrees
        return "rejected" if status in ("added", "accepted", "corrected") else "accepted"
    if status == "rejected":
        return "rejected"
    if status == "corrected":  # keeping what the rule set is agreeing with it
        fields = decision.get("fields") or {}
        kept = all(fields.get(k) == effect.fields.get(k) for k in effect.changed_fields)
        return "accepted" if kept else "rejected"
    return "accepted"
