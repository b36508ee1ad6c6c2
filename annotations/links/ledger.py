"""The ledger: one row per cluster (a quantity tracked across articles), with what a fact-checker scans for.

Each row gives the cluster's name, its latest value (the last mention on its timeline), the latest
date any mention has, the range
of values reported, how many articles and mentions, whether any mention is contradicted, and how far
its claims are reviewed. :data:`SORT_KEYS` are the orders the ledger screen cycles through.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fields import format_number
from ..reviewed import REVIEWED
from .clusters import claim_articles
from .profile import value_bounds
from .timeline import Timeline, build_timeline, corpus_positions


@dataclass(frozen=True)
class LedgerRow:
    cluster_id: str
    name: str
    latest: str  # the latest mention's value with its qualifier ("at least 91")
    latest_date: str  # that mention's date ("" when unknown)
    last_seen: str  # the latest date of any mention ("" when none is dated)
    low: float | None  # the lowest and highest values reported
    high: float | None
    articles: int
    mentions: int
    contradiction: bool
    reviewed: int  # mentions accepted, corrected or added
    rejected: int
    pending: int
    missing: int = 0  # claims of the cluster no longer in the corpus

    @property
    def range(self) -> str:
        """ "31–91", or one value when they all agree; "" without values."""
        if self.low is None:
            return ""
        if self.low == self.high:
            return format_number(self.low)
        return f"{format_number(self.low)}–{format_number(self.high)}"

    @property
    def status(self) -> str:
        """ "reviewed", "2 pending", "1 rejected, 1 pending" …"""
        parts = []
        if self.rejected:
            parts.append(f"{self.rejected} rejected")
        if self.pending:
            parts.append(f"{self.pending} pending")
        return ", ".join(parts) or "reviewed"

    def to_record(self) -> dict:
        return {"cluster": self.cluster_id, "name": self.name, "latest": self.latest,
                "latest_date": self.latest_date, "last_seen": self.last_seen, "low": self.low, "high": self.high,
                "range": self.range,
                "articles": self.articles, "mentions": self.mentions, "contradiction": self.contradiction,
                "status": self.status, "reviewed": self.reviewed, "rejected": self.rejected,
                "pending": self.pending}


def row_of(timeline: Timeline) -> LedgerRow:
    mentions = timeline.mentions
    bounds = [value_bounds(m.claim.fields.get("value")) for m in mentions]
    lows = [low for low, _ in bounds if low is not None]
    highs = [high for _, high in bounds if high is not None]
    latest = mentions[-1] if mentions else None
    return LedgerRow(
        cluster_id=timeline.cluster_id, name=timeline.name,
        latest=latest.value if latest else "", latest_date=latest.date if latest else "",
        last_seen=max((m.date for m in mentions if m.date), default=""),
        low=min(lows) if lows else None, high=max(highs) if highs else None,
        articles=len({m.article.id for m in mentions}), mentions=len(mentions),
        contradiction=timeline.contradictions > 0,
        reviewed=sum(1 for m in mentions if m.claim.status in REVIEWED and m.claim.status != "rejected"),
        rejected=sum(1 for m in mentions if m.claim.status == "rejected"),
        pending=sum(1 for m in mentions if m.claim.status not in REVIEWED),
        missing=timeline.missing,
    )


def timelines(session) -> list[Timeline]:
    """The timeline of every cluster in the session's store (store order)."""
    store = session.store
    links = store.links()
    articles = claim_articles(links)
    position = corpus_positions(session)
    return [build_timeline(session, cluster, links, articles, position) for cluster in store.clusters()]


def ledger_rows(session) -> list[LedgerRow]:
    """Every cluster as a ledger row, by name."""
    return sort_rows([row_of(t) for t in timelines(session)], "name")


def _by_name(row: LedgerRow) -> tuple:
    return (row.name.lower(), row.cluster_id)


# The orders of the ledger, as (name shown, key). Dates sort newest first, undated last.
SORT_KEYS: dict[str, tuple[str, object]] = {
    "name": ("name", _by_name),
    "latest": ("latest date", lambda r: (-_ordinal(r.last_seen), *_by_name(r))),
    "articles": ("most articles", lambda r: (-r.articles, -r.mentions, *_by_name(r))),
    "contradictions": ("contradictions first", lambda r: (not r.contradiction, *_by_name(r))),
    "status": ("most pending first", lambda r: (-r.pending, -r.rejected, *_by_name(r))),
}


def _ordinal(date: str) -> int:
    digits = date.replace("-", "")
    return int(digits) if digits.isdigit() else 0


def sort_rows(rows: list[LedgerRow], key: str) -> list[LedgerRow]:
    """Rows in one of the :data:`SORT_KEYS` orders. Raises ``KeyError`` for an unknown key."""
    return sorted(rows, key=SORT_KEYS[key][1])


def next_sort_key(key: str) -> str:
    names = list(SORT_KEYS)
    return names[(names.index(key) + 1) % len(names)] if key in names else names[0]
