"""A cluster's timeline: every mention of the quantity, in date order, with contradictions flagged.

Mentions are ordered by date. An update link says which figure came first, so an undated mention
is placed by its update links (31 → 90 → 91 whatever the articles' dates); otherwise undated
mentions come after the dated ones, in corpus order. A mention is flagged as contradicted when
another mention of the same date gives a different value (another qualifier, or another figure once
converted: "20 km" and "12.4 mi" of one day agree), or a ``contradicts`` link joins it.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..article import Article
from ..fields import describe_value
from ..reviewed import ReviewClaim
from .clusters import cluster_articles
from .conversion import same_figure, scale_of
from .profile import claim_date, value_bounds

UNDATED = "9999-12-31"  # sorts after every real date


@dataclass(frozen=True)
class Mention:
    claim: ReviewClaim
    article: Article
    date: str  # ISO date, or "" when unknown
    outlet: str  # the article's outlet ("AP"), else its title
    source: str  # who the claim attributes the figure to
    value: str  # with its qualifier: "at least 91"
    number: float | None  # for a plot: the value (a range by its middle); None without one
    contradicted: bool


@dataclass(frozen=True)
class Timeline:
    cluster_id: str
    name: str
    mentions: tuple[Mention, ...]
    links: tuple[dict, ...]  # the store's link documents inside the cluster
    missing: int = 0  # claims of the cluster no longer found in the corpus

    @property
    def contradictions(self) -> int:
        return sum(1 for m in self.mentions if m.contradicted)

    @property
    def numbers(self) -> list[float]:
        """The values in timeline order (mentions without a value left out), for a plot."""
        return [m.number for m in self.mentions if m.number is not None]

    def index_of(self, claim_id: str) -> int | None:
        return next((i for i, m in enumerate(self.mentions) if m.claim.id == claim_id), None)


def mention(claim: ReviewClaim, article: Article, contradicted: bool = False) -> Mention:
    """A claim as a mention: its date, outlet, source and value with qualifier."""
    low, high = value_bounds(claim.fields.get("value"))
    return Mention(claim=claim, article=article, date=claim_date(claim, article),
                   outlet=article.source or article.title, source=str(claim.fields.get("source") or ""),
                   value=describe_value(claim.fields),
                   number=None if low is None else (low + high) / 2, contradicted=contradicted)


def _ordered(mentions: list[Mention], links: list[dict], position: dict[str, int]) -> list[Mention]:
    """Topological order over update links (earlier → later), dated mentions by date, then corpus order."""
    by_id = {m.claim.id: m for m in mentions}
    after: dict[str, list[str]] = {cid: [] for cid in by_id}
    waiting = {cid: 0 for cid in by_id}
    for link in links:
        a, b = link["a"]["claim"], link["b"]["claim"]
        if link["type"] == "update" and a in by_id and b in by_id:
            after[a].append(b)
            waiting[b] += 1

    def key(cid: str) -> tuple:
        m = by_id[cid]
        return m.date or UNDATED, position.get(m.article.id, 0), m.claim.start, cid

    ready = [key(cid) for cid, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    out: list[Mention] = []
    while ready:
        cid = heapq.heappop(ready)[-1]
        out.append(by_id[cid])
        for nxt in after[cid]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, key(nxt))
    placed = {m.claim.id for m in out}  # a cycle of update links: the rest by date
    out += sorted((m for m in mentions if m.claim.id not in placed), key=lambda m: key(m.claim.id))
    return out


def build_timeline(session, cluster: dict, links: list[dict], articles: dict[str, str],
                   position: dict[str, int]) -> Timeline:
    """A cluster's timeline from already-read store documents (the ledger builds many at once)."""
    members = set(cluster.get("claims", ()))
    inside = [found for found in links if found["a"]["claim"] in members and found["b"]["claim"] in members]
    contradicting = {end["claim"] for found in inside if found["type"] == "contradicts" for end in (found["a"], found["b"])}
    found: list[tuple[ReviewClaim, Article]] = []
    for claim_id in cluster.get("claims", ()):
        article_id = articles.get(claim_id)
        article = session.article(article_id) if article_id in session.corpus_ids else None
        claim = session.claim(article_id, claim_id) if article is not None else None
        if claim is not None:
            found.append((claim, article))
    values_on: dict[str, list[tuple]] = {}
    for claim, article in found:
        date = claim_date(claim, article)
        if date:
            values_on.setdefault(date, []).append(_figure(claim))
    disagreeing = {date for date, figures in values_on.items()
                   if not all(_same(figure, figures[0]) for figure in figures[1:])}
    mentions = []
    for claim, article in found:
        date = claim_date(claim, article)
        clash = claim.id in contradicting or date in disagreeing
        mentions.append(mention(claim, article, clash))
    return Timeline(cluster["id"], cluster.get("name", ""), tuple(_ordered(mentions, inside, position)),
                    tuple(inside), missing=len(members) - len(found))


def _figure(claim: ReviewClaim) -> tuple:
    """What two mentions of one day must share not to contradict: the qualifier, the unit, the value."""
    low, high = value_bounds(claim.fields.get("value"))
    return (claim.fields.get("approx", "exact"), scale_of(str(claim.fields.get("unit") or "")), low, high,
            describe_value(claim.fields))


def _same(a: tuple, b: tuple) -> bool:
    (approx_a, scale_a, low_a, high_a, text_a), (approx_b, scale_b, low_b, high_b, text_b) = a, b
    if low_a is None or low_b is None:  # no number to compare: as the values are written
        return text_a == text_b
    return approx_a == approx_b and same_figure(low_a, scale_a, low_b, scale_b) and \
        same_figure(high_a, scale_a, high_b, scale_b)


def corpus_positions(session) -> dict[str, int]:
    return {a.id: i for i, a in enumerate(session.articles)}


def timeline(session, cluster_id: str) -> Timeline:
    """The timeline of one cluster. Raises ``KeyError`` for an unknown cluster."""
    store = session.store
    cluster = next((c for c in store.clusters() if c["id"] == cluster_id), None)
    if cluster is None:
        raise KeyError(cluster_id)
    return build_timeline(session, cluster, store.links(), cluster_articles(store, cluster), corpus_positions(session))
