"""Link suggestions: for every claim, the claims in other articles most likely to report the same quantity.

:meth:`SuggestionIndex.build` profiles every claim of a session and ranks partners for each one.
It is pure CPU work with no UI in it, meant for a worker thread. Ranking is done in two steps, so
that a 1,000-article corpus takes seconds rather than minutes:

1. a vectorised first pass (numpy) scores every claim against all others from bit signatures of
   their terms, sentence words, context and source, their values and dates;
2. the best :data:`SHORTLIST` of those are scored exactly by :func:`.score.explain`
   (rapidfuzz on sentences and sources), and the best :data:`KEEP` are kept.

Rejected claims are never suggested, and a claim is never suggested for one in the same article.
After a decision, :meth:`SuggestionIndex.update` re-profiles the articles touched and re-ranks only
what changed (an accept changes nothing the suggestions look at, so it costs nothing).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from ..article import Article
from ..reviewed import ReviewClaim
from .clusters import linked_partners
from .profile import ClaimProfile, profile_claims
from .score import CONFLICT, DATE_SCALE, DIFFERENT_THING, HALF_KNOWN, UNKNOWN, VALUE_SCALE, WEIGHTS, explain, score
from .terms import CONCEPTS, EXCLUSIVE_GROUPS

SHORTLIST = 20  # partners scored exactly per claim
KEEP = 12  # partners kept per claim
STRONG = 0.6  # a suggestion at least this good is worth a mark in the claims pane
WEAK = 0.3  # suggestions below this are not shown
BLOCK = 256  # claims ranked together in the vectorised pass

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Suggestion:
    """A proposed partner for a claim: the claim, its article, the proposed link type, score and reasons."""

    claim: ReviewClaim
    article: Article
    type: str
    score: float
    reasons: tuple[str, ...]


# -- bit signatures ------------------------------------------------------------------------------

_CONCEPT_BITS = {"@" + name: i for i, name in enumerate(CONCEPTS)}
_GROUP_MASKS = [sum(1 << _CONCEPT_BITS[t] for t in group) for group in EXCLUSIVE_GROUPS]
SENTENCE_WORDS = 2  # 64-bit words in a sentence signature


def _bit(term: str, bits: int, reserved: int = 0) -> int:
    if term in _CONCEPT_BITS and reserved:
        return _CONCEPT_BITS[term]
    return reserved + zlib.crc32(term.encode("utf-8")) % (bits - reserved)


def _signature(terms: Iterable[str]) -> int:
    """64 bits: one per concept, the rest for other terms (hashed)."""
    out = 0
    for t in terms:
        out |= 1 << _bit(t, 64, len(_CONCEPT_BITS))
    return out


def _wide_signature(terms: Iterable[str]) -> list[int]:
    out = [0] * SENTENCE_WORDS
    for t in terms:
        bit = _bit(t, 64 * SENTENCE_WORDS)
        out[bit // 64] |= 1 << (bit % 64)
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.float32)
    counts = np.unpackbits(x.view(np.uint8).reshape(*x.shape, 8), axis=-1)  # numpy < 2.0
    return counts.sum(axis=-1).astype(np.float32)


class _Signatures:
    """Bit signatures of term sets (N, W), with their sizes, for Jaccard similarity in bulk."""

    def __init__(self, rows: list[list[int]], width: int):
        self.bits = np.array(rows, np.uint64).reshape(len(rows), width)
        self.size = _popcount(self.bits).sum(axis=1) if len(rows) else np.zeros(0, np.float32)

    def jaccard(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``rows`` against ``cols`` (B, C); 0 where both sets are empty."""
        a, b = self.bits[rows], self.bits[cols]
        inter = sum(_popcount(a[:, None, w] & b[None, :, w]) for w in range(self.bits.shape[1]))
        union = self.size[rows][:, None] + self.size[cols][None, :] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

    def known(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """A feature that needs both sets: their Jaccard, else the value for half known or unknown."""
        known_a, known_b = (self.size[rows] > 0)[:, None], (self.size[cols] > 0)[None, :]
        return np.where(known_a & known_b, self.jaccard(rows, cols),
                        np.where(known_a | known_b, np.float32(HALF_KNOWN), np.float32(UNKNOWN)))


class _Arrays:
    """The profiles as columns, for the vectorised pass."""

    def __init__(self, profiles: list[ClaimProfile], live: list[bool]):
        self.what = _Signatures([[_signature(p.what)] for p in profiles], 1)
        self.context = _Signatures([[_signature(p.context)] for p in profiles], 1)
        self.source = _Signatures([[_signature(p.source)] for p in profiles], 1)
        self.sentence = _Signatures([_wide_signature(p.sentence_terms) for p in profiles], SENTENCE_WORDS)
        nan = float("nan")
        self.middle = np.array([p.middle if p.has_value else nan for p in profiles], np.float32)
        self.low = np.array([p.low if p.has_value else nan for p in profiles], np.float32)
        self.high = np.array([p.high if p.has_value else nan for p in profiles], np.float32)
        self.is_range = self.low != self.high  # NaN too: harmless, as comparisons with NaN are false
        self.date = np.array([nan if p.date is None else p.date for p in profiles], np.float64)
        self.article = np.array([p.article_index for p in profiles], np.int64)
        self.live = np.array(live, bool)

    def candidates(self, rows: np.ndarray) -> np.ndarray:
        """Claims that count something in common with one of ``rows`` (all, if one counts nothing known)."""
        bits = self.what.bits[rows, 0]
        if not bits.all():
            return np.flatnonzero(self.live)
        return np.flatnonzero(self.live & ((self.what.bits[:, 0] & np.bitwise_or.reduce(bits)) != 0))

    def first_pass(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Approximate scores of ``rows`` against the claims ``cols`` (B, C); -inf where never suggested."""
        what = self.what.jaccard(rows, cols)
        a_what, b_what = self.what.bits[rows, 0][:, None], self.what.bits[cols, 0][None, :]
        for group in _GROUP_MASKS:
            g = np.uint64(group)
            clash = ((a_what & g) != 0) & ((b_what & g) != 0) & ((a_what & b_what & g) == 0)
            np.minimum(what, np.float32(CONFLICT), out=what, where=clash)
        total = WEIGHTS["what"] * what
        total += WEIGHTS["sentence"] * self.sentence.jaccard(rows, cols)
        gap = np.abs(self.middle[rows][:, None] - self.middle[cols][None, :])
        value = np.nan_to_num(np.clip(1.0 - gap / np.float32(VALUE_SCALE), 0.0, 1.0), nan=0.0)
        overlap = ((self.is_range[rows][:, None] | self.is_range[cols][None, :])
                   & (self.low[rows][:, None] <= self.high[cols][None, :])
                   & (self.low[cols][None, :] <= self.high[rows][:, None]))
        np.maximum(value, np.float32(0.8), out=value, where=overlap)
        total += WEIGHTS["value"] * value
        total += WEIGHTS["context"] * self.context.known(rows, cols)
        total += WEIGHTS["source"] * self.source.known(rows, cols)
        days = np.abs(self.date[rows][:, None] - self.date[cols][None, :]).astype(np.float32)
        total += WEIGHTS["date"] * np.nan_to_num(1.0 / (1.0 + days / DATE_SCALE), nan=UNKNOWN)
        total += WEIGHTS["direction"] * UNKNOWN
        np.multiply(total, np.float32(0.5), out=total, where=what < DIFFERENT_THING)
        total[self.article[rows][:, None] == self.article[cols][None, :]] = -np.inf
        return total


class SuggestionIndex:
    """Ranked link partners for every claim of a session. Build it in a worker thread."""

    def __init__(self, session):
        self.session = session
        self._lock = threading.RLock()
        self._profiles: list[ClaimProfile] = []
        self._live: list[bool] = []
        self._row: dict[str, int] = {}  # claim id → row
        self._by_article: dict[str, list[str]] = {}
        self._ranked: dict[int, list[tuple[int, float]]] = {}  # row → [(row, score)] best first
        self._arrays = _Arrays([], [])

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, session, progress: ProgressCallback | None = None) -> SuggestionIndex:
        """Profile every claim of the session's extracted articles and rank partners for each."""
        index = cls(session)
        for position, article in enumerate(session.articles):
            if session.extracted(article.id):
                index._add_article(article, position)
        index._arrays = _Arrays(index._profiles, index._live)
        rows = [r for r, live in enumerate(index._live) if live]
        index._rank(rows, progress)
        return index

    def _add_article(self, article: Article, position: int) -> list[int]:
        claims = self.session.claims(article.id)
        rows = []
        for profile in profile_claims(claims, article, position):
            row = self._row.get(profile.claim_id)
            if row is None:
                row = self._row[profile.claim_id] = len(self._profiles)
                self._profiles.append(profile)
                self._live.append(not profile.rejected)
            else:
                self._profiles[row] = profile
                self._live[row] = not profile.rejected
            rows.append(row)
        self._by_article[article.id] = [c.id for c in claims]
        return rows

    def _rank(self, rows: list[int], progress: ProgressCallback | None = None) -> None:
        """Rank partners for ``rows``: the vectorised pass, then exact scores for the shortlist.

        Rows are ranked in blocks of claims that count alike (sorted by their term signature), so
        each block is compared only with the claims sharing a term with it.
        """
        arrays = self._arrays
        order = sorted(rows, key=lambda r: (int(arrays.what.bits[r, 0]), r))
        total = len(order)
        for start in range(0, total, BLOCK):
            block = np.array(order[start:start + BLOCK], np.int64)
            cols = arrays.candidates(block)
            first = arrays.first_pass(block, cols) if len(cols) else np.zeros((len(block), 0), np.float32)
            width = min(SHORTLIST, first.shape[1])
            short = np.argpartition(-first, width - 1, axis=1)[:, :width] if 0 < width < first.shape[1] else \
                np.tile(np.arange(first.shape[1]), (len(block), 1))
            for i, row in enumerate(block.tolist()):
                mine = self._profiles[row]
                scored = [(int(cols[j]), score(mine, self._profiles[cols[j]])) for j in short[i]
                          if np.isfinite(first[i, j])]
                scored.sort(key=lambda pair: (-pair[1], pair[0]))
                self._ranked[row] = scored[:KEEP]
            if progress is not None:
                progress(min(start + BLOCK, total), total, "link suggestions")

    # -- after decisions ---------------------------------------------------------------------------

    def update(self, session, article_ids: Iterable[str]) -> bool:
        """Re-profile these articles after decisions; re-rank what changed. True if anything did.

        An accept changes nothing ranked and returns at once; a correction, rejection or added claim
        re-ranks that claim and those that had it as a partner (milliseconds on the samples, about a
        tenth of a second at 1,000 articles: call it from a worker there)."""
        with self._lock:
            self.session = session
            positions = {a.id: i for i, a in enumerate(session.articles)}
            changed: set[int] = set()
            for article_id in article_ids:
                if article_id not in positions or not session.extracted(article_id):
                    continue
                before = {cid: self._profiles[self._row[cid]] for cid in self._by_article.get(article_id, ())}
                rows = self._add_article(session.article(article_id), positions[article_id])
                now = {self._profiles[r].claim_id for r in rows}
                changed.update(r for r in rows if before.get(self._profiles[r].claim_id) != self._profiles[r])
                for gone in set(before) - now:
                    self._live[self._row[gone]] = False
                    self._ranked.pop(self._row[gone], None)
                    changed.add(self._row[gone])
            if not changed:
                return False
            self._arrays = _Arrays(self._profiles, self._live)
            stale = {r for r, ranked in self._ranked.items() if any(j in changed for j, _ in ranked)}
            fresh = [r for r in changed if self._live[r]]
            for row in changed - set(fresh):  # rejected or gone: never suggested, no suggestions
                self._ranked.pop(row, None)
            self._rank(sorted(stale | set(fresh)))
            for row in fresh:  # a changed claim may now belong among others' partners
                for j, s in self._ranked.get(row, []):
                    ranked = self._ranked.setdefault(j, [])
                    if all(k != row for k, _ in ranked) and (len(ranked) < KEEP or s > ranked[-1][1]):
                        ranked.append((row, s))
                        ranked.sort(key=lambda pair: (-pair[1], pair[0]))
                        del ranked[KEEP:]
            return True

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return sum(self._live)

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self._row

    def _ranking(self, claim_id: str) -> tuple[ClaimProfile, list[tuple[int, float]]] | None:
        with self._lock:
            row = self._row.get(claim_id)
            if row is None or not self._live[row]:
                return None
            return self._profiles[row], list(self._ranked.get(row, []))

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
            if ranked_score < WEAK or other.claim_id in skip or not self._live[row]:
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
        strong = [self._profiles[row].claim_id for row, s in found[1] if s >= STRONG and self._live[row]]
        if not strong:
            return False
        linked = linked_partners(self.session.store, claim_id)
        return any(cid not in linked for cid in strong)

    def strong_claims(self, article_id: str) -> set[str]:
        """Ids of an article's claims that have a strong suggestion not linked yet (for the claims pane)."""
        return {cid for cid in self._by_article.get(article_id, ()) if self.has_strong(cid)}
