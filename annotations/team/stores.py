"""The stores of a project: the reviewer's own (written), everyone else's (read), the shared rules.

:func:`open_reviewer_store` opens a reviewer's store for writing — read-only, naming the holder, when
another session has it — wrapped in a :class:`TeamStore`, which is that store in every respect but one:
its learned rules and chrome marks are the project's (every reviewer's, merged by
:func:`~.rules.merge_rules`), so each reviewer's extraction applies the rules the team saved.
Switching or declining a rule another reviewer saved writes a copy of it to one's own store, as one
journal entry (``u`` undoes it). :func:`read_stores` opens the others read-only: a snapshot, safe
while they write.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterable

from ..store import Store, StoreError, StoreLockedError, StoreNotFoundError, open_store
from .merged_rules import COPIED_FROM, merge_rules
from .project import GOLD, Project


def open_reviewer_store(project: Project, reviewer: str) -> TeamStore:
    """``reviewer``'s store in ``project`` (created if new), for writing unless another session holds it."""
    path = project.store_path(project.reviewer(reviewer))
    try:
        own = open_store(path, corpus=project.corpus, reviewer=reviewer)
    except StoreLockedError:
        own = open_store(path, corpus=project.corpus, reviewer=reviewer, read_only=True)
    try:
        return TeamStore(own, project, reviewer)
    except BaseException:
        own.close()
        raise


def open_gold_store(project: Project, editor: str, *, read_only: bool = False) -> Store:
    """The project's gold store (the editor's adjudications), for writing unless another editor has it."""
    if read_only:
        return open_store(project.gold_path, reviewer=editor, read_only=True)
    try:
        return open_store(project.gold_path, corpus=project.corpus, reviewer=editor)
    except StoreLockedError:
        return open_store(project.gold_path, corpus=project.corpus, reviewer=editor, read_only=True)


def read_stores(project: Project, reviewers: Iterable[str] | None = None, *, gold: bool = False) -> dict[str, Store]:
    """Reviewer → their store opened read-only (a snapshot), for ``reviewers`` (default: all); reviewers
    with no store yet are left out; ``gold`` adds the gold store under :data:`~.project.GOLD`. Close them."""
    names = list(project.reviewers if reviewers is None else reviewers)
    paths = {name: project.store_path(name) for name in names}
    if gold:
        paths[GOLD] = project.gold_path
    out: dict[str, Store] = {}
    try:
        for name, path in paths.items():
            if path.exists():
                with contextlib.suppress(StoreNotFoundError):
                    out[name] = open_store(path, reviewer=name, read_only=True)
    except StoreError:
        for store in out.values():
            store.close()
        raise
    return out


class TeamStore:
    """A reviewer's store whose rules and chrome marks are the whole project's (see the module)."""

    def __init__(self, own: Store, project: Project, reviewer: str):
        self.own = own
        self.project = project
        self.team_reviewer = reviewer
        self._shared_rules: dict[str, list[dict]] = {}
        self._shared_marks: list[dict] = []
        self.refresh_shared()

    def __getattr__(self, name: str):  # everything else is the reviewer's own store's
        own = self.__dict__.get("own")
        if own is None:
            raise AttributeError(name)
        return getattr(own, name)

    def __enter__(self) -> TeamStore:  # dunder methods are looked up on the class, not through __getattr__
        return self

    def __exit__(self, *exc_info) -> None:
        self.own.close()

    # -- the project's rules and chrome marks ----------------------------------------------------

    def rules(self, kind: str | None = None, enabled: bool | None = None) -> list[dict]:
        merged = merge_rules({self.team_reviewer: self.own.rules(), **self._shared_rules}, own=self.team_reviewer)
        return [d for d in merged if (kind is None or d["kind"] == kind) and (enabled is None or d["enabled"] == enabled)]

    def boilerplate(self, article_id: str | None = None) -> list[dict]:
        own = self.own.boilerplate(article_id)
        seen = {m["id"] for m in own}
        shared = [copy.deepcopy(m) for m in self._shared_marks
                  if m["id"] not in seen and (article_id is None or m.get("article") == article_id)]
        return own + shared

    def update_rule(self, rule_id: str, **changes) -> dict:
        """Change a rule: one's own record, or a copy of another reviewer's (one journal entry)."""
        if any(d["id"] == rule_id for d in self.own.rules()):
            return self.own.update_rule(rule_id, **changes)
        theirs = next((d for d in self.rules() if d["id"] == rule_id), None)
        if theirs is None:
            raise KeyError(f"no rule {rule_id!r}")
        copied = {k: v for k, v in theirs.items() if k not in ("proposers", "declined_by")}
        copied["provenance"] = {**(copied.get("provenance") or {}), COPIED_FROM: theirs.get("reviewer", "")}
        with self.own.batch("update_rule"):
            self.own.put_records("rules", [copied], action="update_rule")
            return self.own.update_rule(rule_id, **changes)

    def disable_rule(self, rule_id: str) -> dict:
        return self.update_rule(rule_id, enabled=False)

    def enable_rule(self, rule_id: str) -> dict:
        return self.update_rule(rule_id, enabled=True)

    def refresh_shared(self) -> None:
        """Read the other reviewers' rules and marks (again: they may have saved some since)."""
        others = read_stores(self.project, [r for r in self.project.reviewers if r != self.team_reviewer])
        try:
            self._shared_rules = {name: store.rules() for name, store in others.items()}
            self._shared_marks = [m for store in others.values() for m in store.boilerplate()]
        finally:
            for store in others.values():
                store.close()
