"""Merging a reviewer's store copied from another machine into the project (``claimdesk project add``).

Each record of the copy (decisions, entity edits, links, clusters, rules, chrome marks) is added to the
reviewer's store in the project when it is new there, and replaces the project's record of the same id
when it was made later (``at``); where the project's record is the later one it stays. The merge is one
journal entry of the reviewer's store (undoable), written under its lock: it waits for nobody, and
fails with the holder's name while the reviewer has the store open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..sanitize import clean_line
from ..store import StoreError, StoreLockedError, open_store
from .project import Project, ProjectError

TABLES = ("claims", "entities", "links", "clusters", "rules", "boilerplate")
MERGE = "merge"  # the journal action


@dataclass
class MergeResult:
    reviewer: str
    added: dict[str, int] = field(default_factory=dict)  # table → new records
    replaced: dict[str, int] = field(default_factory=dict)  # table → records the copy had later
    kept: int = 0  # records whose project version is the later one
    same: int = 0  # records already there as they are
    outside: int = 0  # decisions on articles that are not in the project's corpus (kept all the same)

    @property
    def written(self) -> int:
        return sum(self.added.values()) + sum(self.replaced.values())


def merge_store(project: Project, source: str | os.PathLike, reviewer: str | None = None,
                corpus_ids: frozenset[str] | None = None) -> MergeResult:
    """Merge the store at ``source`` into ``reviewer``'s store (default: the file's name, ``alice.json``
    → alice). ``corpus_ids``: the project's article ids, to count decisions made on other articles."""
    source = Path(source).expanduser()
    name = project.reviewer(reviewer or source.stem)
    target_path = project.store_path(name)
    if source.resolve() == target_path.resolve():
        raise ProjectError(f"{clean_line(str(source))} is {name}'s store in this project already")
    try:
        incoming = open_store(source, read_only=True)
    except StoreError as error:
        raise ProjectError(clean_line(str(error))) from None
    try:
        try:
            target = open_store(target_path, corpus=project.corpus, reviewer=name)
        except StoreLockedError as error:
            raise ProjectError(f"{name}'s store is open in another session ({clean_line(error.reason)}); "
                               "close it there first") from None
        with target:
            return _merge(incoming, target, name, corpus_ids)
    finally:
        incoming.close()


def _merge(incoming, target, name: str, corpus_ids: frozenset[str] | None) -> MergeResult:
    result, writes = plan_merge(incoming, target, name, corpus_ids)
    write_merge(target, writes)
    return result


def plan_merge(incoming, target, name: str, corpus_ids: frozenset[str] | None = None
               ) -> tuple[MergeResult, dict[str, list[dict]]]:
    """What merging ``incoming`` into ``target`` writes: (the counts, table → records to write)."""
    result = MergeResult(name)
    writes: dict[str, list[dict]] = {}
    for table in TABLES:  # records as stored (not copied): compared here, copied by put_records
        ours = {d["id"]: d for d in target.records(table)}
        for doc in incoming.records(table):
            current = ours.get(doc["id"])
            if current == doc:
                result.same += 1
                continue
            if current is not None and current.get("at", "") >= doc.get("at", ""):
                result.kept += 1
                continue
            counts = result.added if current is None else result.replaced
            counts[table] = counts.get(table, 0) + 1
            writes.setdefault(table, []).append(doc)
            if corpus_ids is not None and doc.get("article") and doc["article"] not in corpus_ids:
                result.outside += 1
    return result, writes


def write_merge(target, writes: dict[str, list[dict]]) -> None:
    """Write a merge's records to ``target`` as one journal entry (one undo step)."""
    if writes:
        with target.batch(MERGE):
            for table, docs in writes.items():
                target.put_records(table, docs, action=MERGE, replace=True)
