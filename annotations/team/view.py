"""A project seen as one annotation store: what commands read (export, ledger, articles) for a project.

For each claim, the gold store's decision where the editor made one; else the reviewers' decision where
every reviewer who decided it agrees (recorded as theirs: ``reviewer`` "alice, bob"); a claim they
decided differently and nobody adjudicated yet stays pending. Entity spans likewise: the gold store's
edit of a span where the editor settled it; else the reviewers' edit where every reviewer who worked in
the article leaves the span alike (one who did not edit it leaves the extractor's entity); a span they
leave differently keeps the extractor's entity until it is adjudicated. Links, clusters and chrome
marks are everyone's; the rules are the project's (:func:`~.rules.merge_rules`). Read-only: writes are
refused, saying where a project is written.
"""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from ..store.empty import EmptyStore
from ..store.errors import ReadOnlyStoreError
from ..store.records import ClaimState, claim_state
from .entity_versions import edit_label
from .merged_rules import merge_rules
from .project import GOLD, Project
from .stores import read_stores
from .versions import Version, all_agree

READ_ONLY = "a project is read here as one merged view; review with claimdesk review PROJECT --reviewer NAME"
SOURCES = ("gold", "agreed", "single", "disagreed")


def _grouped(records: dict[str, list[dict]], key) -> dict[object, dict[str, dict]]:
    """``key(doc)`` → reviewer → their record, over every reviewer's records (orphans left out)."""
    groups: dict[object, dict[str, dict]] = {}
    for name, docs in records.items():
        for doc in docs:
            if not doc.get("orphan"):
                groups.setdefault(key(doc), {})[name] = doc
    return groups


def _merged(groups: dict[object, dict[str, dict]], agree) -> tuple[list[dict], Counter]:
    """One record per group (reviewer → record): the gold one; else, where ``agree(key, versions)``, the
    latest, named after every reviewer who made one; groups they disagree on left out."""
    out, sources = [], Counter()
    for key, versions in groups.items():
        if GOLD in versions:
            out.append(versions[GOLD])
            sources["gold"] += 1
        elif not agree(key, versions):
            sources["disagreed"] += 1
        elif len(versions) == 1:
            out.append(next(iter(versions.values())))
            sources["single"] += 1
        else:
            latest = max(versions.values(), key=lambda d: d.get("at", ""))
            out.append(dict(latest, reviewer=", ".join(versions)))  # shared below: the view copies what it gives
            sources["agreed"] += 1
    return out, sources


def _claims_agree(_key, versions: dict[str, dict]) -> bool:
    """Decisions agree when every reviewer who made one made the same (not deciding is not disagreeing)."""
    return len(versions) == 1 or all_agree([Version.from_doc("", d) for d in versions.values()])


def _span(doc: dict) -> tuple[str, int, int]:
    position = doc["selector"]["position"]
    return doc.get("article", ""), position["start"], position["end"]


def _entities_agree(worked: dict[str, frozenset[str]]):
    """Do the reviewers who worked in a span's article leave it alike? Each edit leaves its label, every
    other one of them the extractor's (the label an edit of it names; none where only additions are)."""
    def agree(span: tuple[str, int, int], versions: dict[str, dict]) -> bool:
        labels = {edit_label(doc) for doc in versions.values()}
        if any(span[0] in articles and name not in versions for name, articles in worked.items()):
            labels.add(next((d["model_label"] for d in versions.values() if d.get("model_label")), ""))
        return len(labels) == 1
    return agree


class ProjectView(EmptyStore):
    """The project's decisions merged read-only (see the module); ``sources`` counts where each claim
    decision came from (gold, agreed, single, disagreed: left pending), ``entity_sources`` each entity
    span's edit (disagreed: left as extracted)."""

    read_only_reason = READ_ONLY

    def __init__(self, project: Project, stores: dict[str, object]):
        """``stores``: reviewer → store (read-only), the gold store under :data:`~.project.GOLD`."""
        self.project = project
        self.path = Path(project.root)
        self.reviewer = ""
        self.reviewers = tuple(n for n in stores if n != GOLD)
        # the stores' records as read (not copied): this view never changes one, and copies what it gives
        claims, self.sources = _merged(_grouped({n: s.records("claims") for n, s in stores.items()},
                                                lambda d: d["id"]), _claims_agree)
        worked = {n: frozenset(s.articles()) for n, s in stores.items() if n != GOLD}
        entities, self.entity_sources = _merged(_grouped({n: s.records("entities") for n, s in stores.items()},
                                                         _span), _entities_agree(worked))
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
        """Where the claim decisions (and entity edits, where there are any) come from, in one line."""
        s = self.sources
        line = (f"{s['gold']} claim decision(s) from the gold store (adjudicated), {s['agreed']} where reviewers "
                f"agree, {s['single']} from one reviewer")
        if s["disagreed"]:
            line += f"; {s['disagreed']} disagreement(s) not adjudicated yet are left pending"
        e = self.entity_sources
        if sum(e.values()):
            line += (f"; entity edits: {e['gold']} from the gold store, {e['agreed']} where reviewers agree, "
                     f"{e['single']} from one reviewer")
            if e["disagreed"]:
                line += f", {e['disagreed']} span(s) left as extracted until adjudicated"
        return line

    def claims(self, article_id: str | None = None, status: str | None = None) -> list[dict]:
        docs = _select(self._claims, article_id)
        return [copy.deepcopy(d) for d in docs if status is None or d.get("status") == status]

    def claim_states(self) -> list[ClaimState]:
        return [claim_state(d) for d in _select(self._claims, None)]

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


def open_view(project: Project) -> ProjectView:
    """The project as it is now: every store (the gold one too) read, merged, and closed again. Raises
    :class:`~..store.StoreError` for a store that cannot be read."""
    stores = read_stores(project, gold=True)
    try:
        return ProjectView(project, stores)
    finally:
        for store in stores.values():
            store.close()


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
