"""The project's learned rules: every reviewer's, merged, and who proposed each.

Rules live in each reviewer's own store (so saving one is journaled, undoable and locked like every
other decision); a project reads them all. Records of the same rule (same kind and data) from several
reviewers are one rule: its state (on, off, declined) is that of the latest change by anyone, and it
lists who proposed it (saved it themselves, not declined). Light to import: a review opens with it.
"""

from __future__ import annotations

import copy
import json

from ..stored import DECLINED

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
