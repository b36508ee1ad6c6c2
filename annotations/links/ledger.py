"""The ledger: one row per cluster (a quantity tracked across articles), with what a fact-checker scans for.

Each row gives the cluster's name, its latest value (the last mention on its timeline), the latest
date any mention has, the range of values reported (in the latest mention's unit: a mention in miles is
converted where the latest is in km; one in a unit that does not convert is left out of the range), how
many articles and mentions, whether any mention is contradicted, and how far its claims are reviewed.
:data:`SORT_KEYS` are the orders the ledger screen cycles through.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fields import format_number, with_unit
from ..reviewed import REVIEWED
from .clusters import claim_articles
from .conversion import comparable, convert, scale_of
from .profile import value_bounds
from .timeline import Timeline, build_timeline, corpus_positions


@dataclass(frozen=True)
class LedgerRow:
    cluster_id: str
    name: str
    latest: str  # the latest mention's value with its qualifier ("at least 91")
    latest_date: str  # that mention's date ("" when unknown)
    last_seen: str  # the latest date of any mention ("" when none is dated)
    low: float | None  # the lowest and highest values reported, in ``unit``
    high: float | None
    articles: int
    mentions: int
    contradiction: bool
    reviewed: int  # mentions accepted, corrected or added
    rejected: int
    pending: int
    missing: int = 0  # claims of the cluster no longer in the corpus
    unit: str = ""  # the unit of low and high: the latest mention's

    @property
    def range(self) -> str:
        """ "31–91", or one value when they all agree; "" without values."""
        if self.low is None:
            return ""
        if self.low == self.high:
            return with_unit(format_number(self.low), self.unit, self.low)
        return with_unit(f"{format_number(self.low)}–{format_number(self.high)}", self.unit, self.high)

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
                "range": self.range, "unit": self.unit,
                "articles": self.articles, "mentions": self.mentions, "contradiction": self.contradiction,
                "status": self.status, "reviewed": self.reviewed, "rejected": self.rejected,
                "pending": self.pending}


def row_of(timeline: Timeline) -> LedgerRow:
    mentions = timeline.mentions
    latest = mentions[-1] if mentions else None
    unit = str(latest.claim.fields.get("unit") or "") if latest else ""
    target = scale_of(unit)
    lows, highs = [], []
    for m in mentions:
        low, high = value_bounds(m.claim.fields.get("value"))
        scale = scale_of(str(m.claim.fields.get("unit") or ""))
        if low is not None and comparable(scale, target):
            lows.append(convert(low, scale, target))
            highs.append(convert(high, scale, target))
    return LedgerRow(
        cluster_id=timeline.cluster_id, name=timeline.name,
        latest=latest.value if latest else "", latest_date=latest.date if latest else "",
        last_seen=max((m.date for m in mentions if m.date), default=""),
        low=_tidy(min(lows)) if lows else None, high=_tidy(max(highs)) if highs else None, unit=unit,
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


def _tidy(value: float) -> float:
    """A converted bound without float noise (12 mi in km is 19.312128, not 19.312128000000001)."""
    return float(f"{value:.10g}")
