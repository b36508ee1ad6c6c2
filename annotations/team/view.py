"""A project seen as one annotation store: what commands read (export, ledger, articles) for a project.

For each claim, the gold store's decision where the editor made one; else the reviewers' decision where
every reviewer who decided it agrees (recorded as theirs: ``reviewer`` "alice, bob"); a claim they
decided differently and nobody adjudicated yet stays pending. Entity edits likewise (there is no
adjudication of entities: a span reviewers edited differently keeps the model's entity). Links,
clusters and chrome marks are everyone's; the rules are the project's (:func:`~.rules.merge_rules`).
Read-only: writes are refused, saying where a project is written.
"""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from ..store.empty import EmptyStore
from ..store.errors import ReadOnlyStoreError
from .merged_rules import merge_rules
from .project import GOLD, Project
from .versions import Version, all_agree

READ_ONLY = "a project is read here as one merged view; review with claimdesk review PROJECT --reviewer NAME"
SOURCES = ("gold", "agreed", "single", "disagreed")


def _merged(records: dict[str, list[dict]], versions_agree) -> tuple[list[dict], Counter]:
    """One record per id over reviewers' records (reviewer → records): the gold one; else the one every
    reviewer agrees on (``versions_agree(docs)``), named after them all; ids they disagree on left out."""
    by_id: dict[str, dict[str, dict]] = {}
    for name, docs in records.items():
        for doc in docs:
            if not doc.get("orphan"):
                by_id.setdefault(doc["id"], {})[name] = doc
    out, sources = [], Counter()
    for versions in by_id.values():
        if GOLD in versions:
            out.append(versions[GOLD])
            sources["gold"] += 1
            continue
        docs = list(versions.values())
        if len(docs) == 1:
            out.append(docs[0])
            sources["single"] += 1
        elif versions_agree(docs):
            latest = max(docs, key=lambda d: d.get("at", ""))
            out.append(dict(latest, reviewer=", ".join(versions)))  # shared below: the view copies what it gives
            sources["agreed"] += 1
        else:
            sources["disagreed"] += 1
    return out, sources


def _claims_agree(docs: list[dict]) -> bool:
    return all_agree([Version.from_doc("", d) for d in docs])


def _entities_agree(docs: list[dict]) -> bool:
    return len({(d.get("action"), d.get("label", "")) for d in docs}) == 1


class ProjectView(EmptyStore):
    """The project's decisions merged read-only (see the module); ``sources`` counts where each claim
    decision came from (gold, agreed, single, disagreed: left pending)."""

    read_only_reason = READ_ONLY

    def __init__(self, project: Project, stores: dict[str, object]):
        """``stores``: reviewer → store (read-only), the gold store under :data:`~.project.GOLD`."""
        self.project = project
        self.path = Path(project.root)
        self.reviewer = ""
        self.reviewers = tuple(n for n in stores if n != GOLD)
        # the stores' records as read (not copied): this view never changes one, and copies what it gives
        claims, self.sources = _merged({n: s.records("claims") for n, s in stores.items()}, _claims_agree)
        entities, self.entity_sources = _merged({n: s.records("entities") for n, s in stores.items()}, _entities_agree)
        self._claims = _by_article(claims)
        self._entities = _by_article(entities)
        self._claim_ids = {d["id"]: d for d in claims}
        self._links = _union(s.records("links") for s in stores.values())
        self._clusters = _union(s.records("clusters") for s in stores.values())
        self._marks = _union(s.records("boilerplate") for s in stores.values())
        self._rules = merge_rules({n: s.rules() for n, s in stores.items() if n != GOLD})
        self._orphans = [o for s in stores.values() for o in s.orphans()]

    @property
    def meta(self) -> dict:
        return {"corpus": str(self.project.corpus), "project": str(self.project.root)}

    def describe_sources(self) -> str:
        """Where the claim decisions come from, in one line."""
        s = self.sources
        line = (f"{s['gold']} claim decision(s) from the gold store (adjudicated), {s['agreed']} where reviewers "
                f"agree, {s['single']} from one reviewer")
        if s["disagreed"]:
            line += f"; {s['disagreed']} disagreement(s) not adjudicated yet are left pending"
        return line

    def claims(self, article_id: str | None = None, status: str | None = None) -> list[dict]:
        docs = _select(self._claims, article_id)
        return [copy.deepcopy(d) for d in docs if status is None or d.get("status") == status]

    def claim(self, claim_id: str) -> dict | None:
        doc = self._claim_ids.get(claim_id)
        return copy.deepcopy(doc) if doc else None

    def claim_at(self, article_id: str, start: int, end: int) -> dict | None:
        return next((copy.deepcopy(d) for d in self._claims.get(article_id, [])
                     if (d["selector"]["position"]["start"], d["selector"]["position"]["end"]) == (start, end)), None)

    def entities(self, article_id: str | None = None, action: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in _select(self._entities, article_id) if action is None or d.get("action") == action]

    def links(self, claim_id: str | None = None, cluster: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._links
                if (claim_id is None or claim_id in (d["a"]["claim"], d["b"]["claim"]))
                and (cluster is None or d.get("cluster") == cluster)]

    def clusters(self) -> list[dict]:
        return copy.deepcopy(self._clusters)

    def rules(self, kind: str | None = None, enabled: bool | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._rules
                if (kind is None or d["kind"] == kind) and (enabled is None or d["enabled"] == enabled)]

    def boilerplate(self, article_id: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._marks if article_id is None or d.get("article") == article_id]

    def articles(self) -> list[str]:
        return sorted(set(self._claims) | set(self._entities) | {m.get("article", "") for m in self._marks} - {""})

    def orphans(self, article_id: str | None = None) -> list[dict]:
        return [copy.deepcopy(o) for o in self._orphans if article_id is None or o.get("article") == article_id]

    def _refuse(self, *args, **kwargs):
        raise ReadOnlyStoreError(self.path, READ_ONLY)

    record_claim = accept = reject = correct = add_claim = clear_claim = _refuse
    relabel_entity = remove_entity = add_entity = clear_entity = _refuse
    add_link = remove_link = set_cluster = remove_cluster = _refuse
    add_rule = update_rule = disable_rule = enable_rule = delete_rule = _refuse
    mark_boilerplate = unmark_boilerplate = put_records = batch = undo = redo = reanchor = _refuse


def _by_article(docs: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for doc in docs:
        out.setdefault(doc.get("article", ""), []).append(doc)
    for docs_of in out.values():
        docs_of.sort(key=lambda d: (d["selector"]["position"]["start"], d["id"]))
    return out


def _select(by_article: dict[str, list[dict]], article_id: str | None) -> list[dict]:
    if article_id is not None:
        return by_article.get(article_id, [])
    return [d for a in sorted(by_article) for d in by_article[a]]


def _union(lists) -> list[dict]:
    seen: dict[str, dict] = {}
    for docs in lists:
        for doc in docs:
            seen.setdefault(doc["id"], doc)
    return list(seen.values())
