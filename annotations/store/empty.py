"""The store of a session that has no annotation file: nothing recorded, and every write refused.

A review without a file (browsing a corpus, exporting one nobody reviewed yet) reads through the same
API as a real store and gets nothing back, so callers never test for ``None``; a write raises
:class:`ReadOnlyStoreError` with the one message that says why.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ReadOnlyStoreError

NO_FILE = "no annotation file is open; nothing can be saved"


class EmptyStore:
    """A read-only store with no records (the reads of :class:`~.store.Store`, writes refused)."""

    read_only = True
    read_only_reason = NO_FILE
    path: Path | None = None
    reviewer = ""
    can_undo = False
    can_redo = False
    pending = 0
    warnings: tuple[str, ...] = ()

    @property
    def meta(self) -> dict:
        return {}

    def claims(self, article_id: str | None = None, status: str | None = None) -> list[dict]:
        return []

    def claim_states(self) -> list:
        return []

    def records(self, table: str, article_id: str | None = None) -> list[dict]:
        return []

    def claim(self, claim_id: str) -> dict | None:
        return None

    def claim_at(self, article_id: str, start: int, end: int) -> dict | None:
        return None

    def entities(self, article_id: str | None = None, action: str | None = None) -> list[dict]:
        return []

    def links(self, claim_id: str | None = None, cluster: str | None = None) -> list[dict]:
        return []

    def clusters(self) -> list[dict]:
        return []

    def rules(self, kind: str | None = None, enabled: bool | None = None) -> list[dict]:
        return []

    def boilerplate(self, article_id: str | None = None) -> list[dict]:
        return []

    def articles(self) -> list[str]:
        return []

    def orphans(self, article_id: str | None = None) -> list[dict]:
        return []

    def journal(self, article_id: str | None = None):
        return iter(())

    def close(self, *, discard_pending: bool = False) -> None:
        pass

    def checkpoint(self) -> None:
        pass

    def retry(self) -> int:
        return 0

    def __enter__(self) -> EmptyStore:
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def _refuse(self, *args, **kwargs):
        raise ReadOnlyStoreError(Path("(none)"), NO_FILE)

    # every write of a Store, refused with the one message
    record_claim = accept = reject = correct = add_claim = clear_claim = _refuse
    relabel_entity = remove_entity = add_entity = clear_entity = _refuse
    add_link = remove_link = set_cluster = remove_cluster = _refuse
    add_rule = update_rule = disable_rule = enable_rule = delete_rule = _refuse
    mark_boilerplate = unmark_boilerplate = put_records = batch = undo = redo = reanchor = compact = _refuse
