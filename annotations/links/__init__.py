"""Links between claims across articles, the clusters they form, suggestions, timelines and the ledger.

    index = SuggestionIndex.build(session)          # in a worker thread
    best = index.suggest(claim)[0]                   # Suggestion(claim, article, type, score, reasons)
    link(session, claim, best.claim, best.type)      # one undo step; merges clusters
    cluster = session.cluster_of(claim.id)          # a Cluster record
    rename_cluster(session, cluster.id, "Azerbaijani civilians killed")
    timeline(session, cluster["id"]).mentions        # date, outlet, source, value, contradicted
    ledger_rows(session)                             # one row per cluster

Link types: ``same`` (the same figure reported again), ``update`` (a later figure for the same
quantity), ``contradicts`` (a different figure for the same quantity at the same time), ``related``.
"""

from __future__ import annotations

from ..store.records import LINK_TYPES  # same, update, contradicts, related: the picker's keys 1-4
from .clusters import default_name, link, linked_partners, rename_cluster, unlink
from .ledger import SORT_KEYS, LedgerRow, ledger_rows, next_sort_key, sort_rows
from .score import explain
from .suggest import STRONG, Suggestion, SuggestionIndex
from .timeline import Mention, Timeline, timeline

__all__ = [
    "LINK_TYPES",
    "SORT_KEYS",
    "STRONG",
    "LedgerRow",
    "Mention",
    "Suggestion",
    "SuggestionIndex",
    "Timeline",
    "default_name",
    "explain",
    "ledger_rows",
    "link",
    "linked_partners",
    "next_sort_key",
    "rename_cluster",
    "sort_rows",
    "timeline",
    "unlink",
]
