"""Link suggestions: for every claim, the claims in other articles most likely to report the same quantity.

:meth:`SuggestionIndex.build` profiles every claim of a session and shortlists partners for each one.
It is pure CPU work with no UI in it, meant for a worker thread. It grows with the corpus, not its
square:

1. candidates: only claims that share a block key (what is counted, the predicate, the sentence) and
   lie near in value or in date within that block are compared (:mod:`.blocking`), a few hundred
   per claim however large the corpus;
2. a vectorised first pass (numpy, :mod:`.features`) scores each claim against its candidates and
   keeps the best :data:`SHORTLIST`;
3. the shortlist is scored exactly (:func:`.score.explain`, rapidfuzz on sentences and sources) when
   a claim's suggestions are first asked for, and kept.

Rejected claims are never suggested, and a claim is never suggested for one in the same article.
After a decision, :meth:`SuggestionIndex.update` re-profiles the articles touched and re-ranks only
what changed and the claims that had it on their shortlist (an accept changes nothing the
suggestions look at, so it costs nothing).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..article import Article
from ..reviewed import ReviewClaim
from .blocking import Neighbourhoods, block_keys
from .clusters import linked_partners
from .features import ClaimColumns
from .profile import ClaimProfile, profile_claims
from .score import explain, score

SHORTLIST = 20  # partners kept per claim from the first pass, scored exactly when asked for
STRONG = 0.6  # a suggestion at least this good is worth a mark in the claims pane
WEAK = 0.3  # suggestions below this are not shown
CHUNK = 1024  # claims ranked together in the vectorised pass
TIE = 1e-9  # scores that tie are ranked by the claims' tiebreak (far below any difference a float32 score has)

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Suggestion:
    """A proposed partner for a claim: the claim, its article, the proposed link type, score and reasons."""

    claim: ReviewClaim
    article: Article
    type: str
    score: float
    reasons: tuple[str, ...]


def best_per_row(candidates: np.ndarray, scores: np.ndarray, keep: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``keep`` best candidates of each row, best first, as (rows, scores) of shape (len, keep); -1 and
    -inf where a row has fewer. Scores should not tie (:meth:`SuggestionIndex._rank` breaks ties first)."""
    if candidates.shape[1] > keep:
        part = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
        candidates, scores = np.take_along_axis(candidates, part, 1), np.take_along_axis(scores, part, 1)
    order = np.argsort(-scores, axis=1, kind="stable")
    candidates, scores = np.take_along_axis(candidates, order, 1), np.take_along_axis(scores, order, 1)
    candidates = np.where(np.isfinite(scores), candidates, -1)
    pad = keep - candidates.shape[1]
    if pad > 0:
        candidates = np.pad(candidates, ((0, 0), (0, pad)), constant_values=-1)
        scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
    return candidates.astype(np.int32), scores.astype(np.float32)


class SuggestionIndex:
    """Ranked link partners for every claim of a session. Build it in a worker thread."""

    def __init__(self, session):
        self.session = session
        self._lock = threading.RLock()
        self._profiles: list[ClaimProfile] = []
        self._row: dict[str, int] = {}  # claim id → row
        self._by_article: dict[str, list[int]] = {}  # article id → its claims' rows
        self._positions: dict[str, int] = {}  # article id → place in the corpus
        self._shared: dict = {}  # equal term sets and strings of the profiles, kept once
        self._columns = ClaimColumns()
        self._blocks = Neighbourhoods()
        self._short = np.full((0, SHORTLIST), -1, np.int32)  # row → its shortlist, best first pass first
        self._first = np.full((0, SHORTLIST), -np.inf, np.float32)  # their first-pass scores
        self._exact = np.full((0, SHORTLIST), np.nan, np.float32)  # their exact scores (NaN: not yet)
        self._built = False  # rows are written to the columns and blocks as they change

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, session, progress: ProgressCallback | None = None) -> SuggestionIndex:
        """Profile every claim of the session's extracted articles and shortlist partners for each."""
        index = cls(session)
        articles = session.articles
        index._positions = {a.id: i for i, a in enumerate(articles)}
        for position, article in enumerate(articles):
            if session.extracted(article.id):
                index._read_article(article, position)
            if progress is not None and (position + 1) % 1000 == 0:
                progress(position + 1, len(articles), "reading claims")
        rows = range(len(index._profiles))
        index._columns.set(rows, index._profiles)
        for row, profile in enumerate(index._profiles):
            index._blocks.set_keys(row, block_keys(profile))
        index._blocks.freeze(index._columns)
        index._grow()
        index._rank(index._blocks.rows_in_order(), progress)
        index._built = True
        return index

    def _read_article(self, article: Article, position: int) -> tuple[list[int], set[int]]:
        """Profile an article's claims: their rows, and those that are new or changed (written to the
        columns and blocks only once the index is built)."""
        claims = self.session.claims(article.id)
        rows, changed = [], set()
        for profile in profile_claims(claims, article, position, self._shared):
            row = self._row.get(profile.claim_id)
            if row is None:
                row = self._row[profile.claim_id] = len(self._profiles)
                self._profiles.append(profile)
            elif self._profiles[row] == profile and not (self._built and self._columns.live[row] == profile.rejected):
                rows.append(row)  # unchanged (a claim that was gone and is back has changed)
                continue
            else:
                self._profiles[row] = profile
            rows.append(row)
            changed.add(row)
            if self._built:
                self._columns.set([row], [profile])
                self._blocks.set_keys(row, block_keys(profile))
        self._by_article[article.id] = rows
        return rows, changed

    def _grow(self) -> None:
        """Shortlist room for every row."""
        extra = len(self._profiles) - self._short.shape[0]
        if extra > 0:
            self._short = np.concatenate([self._short, np.full((extra, SHORTLIST), -1, np.int32)])
            self._first = np.concatenate([self._first, np.full((extra, SHORTLIST), -np.inf, np.float32)])
            self._exact = np.concatenate([self._exact, np.full((extra, SHORTLIST), np.nan, np.float32)])

    def _rank(self, rows: Sequence[int], progress: ProgressCallback | None = None,
              offer: Iterable[int] = ()) -> None:
        """Shortlist partners for ``rows`` from their candidates; then offer each row of ``offer`` (changed
        claims) to its candidates' shortlists, where it may now belong."""
        rows = np.asarray(rows, np.int64)  # claims next to each other share candidates: cache-friendly
        offer, ranked = set(offer), set(rows.tolist())
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            candidates = self._blocks.candidates(chunk, self._columns)
            scores = self._columns.first_pass(chunk[:, None], candidates) - TIE * self._columns.tiebreak[candidates]
            scores[candidates == chunk[:, None]] = -np.inf
            self._short[chunk], self._first[chunk] = best_per_row(candidates, scores, SHORTLIST)
            self._exact[chunk] = np.nan
            for i in (i for i, row in enumerate(chunk.tolist()) if row in offer):
                self._offer(int(chunk[i]), candidates[i], scores[i], ranked)
            if progress is not None:
                progress(min(start + CHUNK, len(rows)), len(rows), "link suggestions")

    def _offer(self, row: int, candidates: np.ndarray, scores: np.ndarray, ranked: set[int]) -> None:
        """Put ``row`` on the shortlist of each candidate it now beats the worst of (the first pass is symmetric)."""
        for other, s in zip(candidates.tolist(), scores.tolist(), strict=True):
            if other < 0 or other in ranked or not np.isfinite(s) or s <= self._first[other, -1]:
                continue
            at = int(np.searchsorted(-self._first[other], -s, side="right"))
            self._short[other, at:] = np.concatenate([[row], self._short[other, at:-1]])
            self._first[other, at:] = np.concatenate([[s], self._first[other, at:-1]])
            self._exact[other] = np.nan

    # -- after decisions ---------------------------------------------------------------------------

    def update(self, session, article_ids: Iterable[str]) -> bool:
        """Re-profile these articles after decisions; re-rank what changed. True if anything did.

        An accept changes nothing ranked and returns at once; a correction, rejection or added claim
        re-ranks that claim and those that had it on their shortlist (milliseconds: the candidates of
        a claim are a few hundred whatever the corpus's size)."""
        with self._lock:
            self.session = session
            changed: set[int] = set()
            for article_id in article_ids:
                position = self._position(session, article_id)
                if position is None or not session.extracted(article_id):
                    continue
                before = set(self._by_article.get(article_id, ()))
                rows, touched = self._read_article(session.article(article_id), position)
                gone = before - set(rows)
                self._columns.kill(gone)
                changed |= touched | gone
            if not changed:
                return False
            self._grow()
            if self._blocks.needs_rebuild():
                self._blocks.freeze(self._columns)
            changed_rows = np.array(sorted(changed), np.int32)
            stale = self._holding(changed_rows)
            dead = changed_rows[~self._columns.live[changed_rows]]
            self._short[dead], self._first[dead] = -1, -np.inf
            rerank = np.union1d(stale[self._columns.live[stale]], changed_rows[self._columns.live[changed_rows]])
            self._rank(rerank, offer=changed_rows[self._columns.live[changed_rows]].tolist())
            return True

    def _holding(self, rows: np.ndarray) -> np.ndarray:
        """The rows that have any of ``rows`` on their shortlist (one pass over the shortlists per row
        for a decision or two, a table look-up for more)."""
        flat = self._short.ravel()
        if len(rows) <= 4:
            places = np.concatenate([np.flatnonzero(flat == row) for row in rows.tolist()])
        else:
            places = np.flatnonzero(np.isin(flat, rows, kind="table"))
        return np.unique(places // SHORTLIST)

    def _position(self, session, article_id: str) -> int | None:
        """The article's place in the corpus (looked up again if the corpus changed)."""
        position = self._positions.get(article_id)
        articles = session.articles
        if position is None or position >= len(articles) or articles[position].id != article_id:
            self._positions = {a.id: i for i, a in enumerate(articles)}
            position = self._positions.get(article_id)
        return position

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._columns.live[:len(self._profiles)].sum())

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self._row

    def candidates(self, claim_id: str) -> set[str]:
        """The claims the blocking compares with this one (what a test checks loses no partner)."""
        with self._lock:
            row = self._row.get(claim_id)
            if row is None:
                return set()
            found = self._blocks.candidates([row], self._columns)[0]
            return {self._profiles[r].claim_id for r in found.tolist() if r >= 0 and r != row}

    def _ranking(self, claim_id: str) -> tuple[ClaimProfile, list[tuple[int, float]]] | None:
        """The claim's profile and its shortlist scored exactly, best first (scored on first use, then kept)."""
        with self._lock:
            row = self._row.get(claim_id)
            if row is None or not self._columns.live[row]:
                return None
            mine = self._profiles[row]
            partners = self._short[row]
            exact = self._exact[row]
            for j in np.flatnonzero((partners >= 0) & np.isnan(exact)).tolist():
                exact[j] = score(mine, self._profiles[partners[j]])
            live = self._columns.live[partners] & (partners >= 0)
            tiebreak = self._columns.tiebreak
            ranked = sorted(zip(partners[live].tolist(), exact[live].tolist(), strict=True),
                            key=lambda pair: (-pair[1], tiebreak[pair[0]]))
            return mine, ranked

    def suggest(self, claim: ReviewClaim | str, k: int = 10, *, unlinked: bool = False) -> list[Suggestion]:
        """The best ``k`` partners of a claim in other articles, best first (none for a rejected claim).

        ``unlinked=True`` leaves out the claims already linked to it (directly or in its cluster).
        """
        claim_id = claim if isinstance(claim, str) else claim.id
        if not isinstance(claim, str) and claim_id not in self._row:
            self.update(self.session, [claim.article])  # a claim added since the index was built
        found = self._ranking(claim_id)
        if found is None:
            return []
        mine, ranked = found
        skip = linked_partners(self.session.store, claim_id) if unlinked else set()
        out = []
        for row, ranked_score in ranked:
            other = self._profiles[row]
            if ranked_score < WEAK or other.claim_id in skip:
                continue
            partner = self.session.claim(other.article_id, other.claim_id)
            if partner is None or partner.status == "rejected":
                continue
            pair = explain(mine, other)
            out.append(Suggestion(partner, self.session.article(other.article_id), pair.type, round(pair.score, 4),
                                  pair.reasons))
            if len(out) >= k:
                break
        return out

    def has_strong(self, claim_id: str) -> bool:
        """Whether the claim has a suggestion scoring at least :data:`STRONG` that is not linked yet."""
        found = self._ranking(claim_id)
        if found is None:
            return False
        strong = [self._profiles[row].claim_id for row, s in found[1] if s >= STRONG]
        if not strong:
            return False
        linked = linked_partners(self.session.store, claim_id)
        return any(cid not in linked for cid in strong)

    def strong_claims(self, article_id: str) -> set[str]:
        """Ids of an article's claims that have a strong suggestion not linked yet (for the claims pane)."""
        rows = self._by_article.get(article_id, ())
        return {self._profiles[r].claim_id for r in rows if self.has_strong(self._profiles[r].claim_id)}
