"""Claim profiles as numpy columns, and a cheap first-pass score of many claim pairs at once.

:class:`ClaimColumns` keeps, per row (one claim), bit signatures of its term sets (what is counted,
the other figures in its sentence, the source, the sentence's words), its value on a log scale, its
date, its article and whether it may be suggested. :meth:`ClaimColumns.first_pass` approximates
:func:`.score.score` for index arrays that broadcast against each other: ``first_pass(rows, cols)``
scores pairs, ``first_pass(rows[:, None], candidates)`` scores each row against its own candidates.
Set similarity is the Jaccard of the signatures (by popcount); sentence similarity, which the exact
score takes from rapidfuzz, is the Jaccard of the sentence's words; the direction of change is left
unknown.

Index -1 is always a row that is never suggested (the columns keep a spare slot at the end), so -1
pads candidate lists.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from .profile import ClaimProfile
from .score import CONFLICT, DATE_SCALE, DIFFERENT_THING, HALF_KNOWN, UNKNOWN, VALUE_SCALE, WEIGHTS
from .terms import CONCEPTS, EXCLUSIVE_GROUPS

_CONCEPT_BITS = {"@" + name: i for i, name in enumerate(CONCEPTS)}
_GROUP_MASKS = [np.uint64(sum(1 << _CONCEPT_BITS[t] for t in group)) for group in EXCLUSIVE_GROUPS]
SENTENCE_WORDS = 2  # 64-bit words in a sentence signature


@lru_cache(maxsize=1 << 16)  # a corpus repeats its terms: hash each once
def _term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def _signature(terms: Iterable[str]) -> int:
    """64 bits: one per concept, the rest for other terms (hashed)."""
    out = 0
    free = 64 - len(_CONCEPT_BITS)
    for t in terms:
        bit = _CONCEPT_BITS.get(t)
        out |= 1 << (bit if bit is not None else len(_CONCEPT_BITS) + _term_hash(t) % free)
    return out


def _wide_signature(sentence: str) -> int:
    """64 × :data:`SENTENCE_WORDS` bits of a reduced sentence's words (hashed)."""
    out = 0
    for word in sentence.split():
        out |= 1 << (_term_hash(word) % (64 * SENTENCE_WORDS))
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.float32)
    counts = np.unpackbits(x[..., None].view(np.uint8), axis=-1)  # numpy < 2.0
    return counts.sum(axis=-1).astype(np.float32)


_MASK64 = (1 << 64) - 1
_COLUMNS = {  # name: dtype, value of an empty row
    "what": (np.uint64, 0), "context": (np.uint64, 0), "source": (np.uint64, 0),
    **{f"sentence{w}": (np.uint64, 0) for w in range(SENTENCE_WORDS)},
    "what_size": (np.float32, 0), "context_size": (np.float32, 0), "source_size": (np.float32, 0),
    "sentence_size": (np.float32, 0),
    "middle": (np.float32, np.nan), "low": (np.float32, np.nan), "high": (np.float32, np.nan),
    "date": (np.float64, np.nan), "article": (np.int32, -1), "live": (np.bool_, False),
}


class ClaimColumns:
    """The claims' profiles as columns (rows can be added and rewritten), for the first pass."""

    def __init__(self) -> None:
        self.rows = 0
        self._signatures: dict[object, int] = {}  # term set or sentence → signature (they repeat)
        for name, (dtype, empty) in _COLUMNS.items():
            setattr(self, name, np.full(1, empty, dtype))

    def _grow(self, rows: int) -> None:
        """Room for ``rows`` rows and the spare empty one at the end."""
        capacity = len(self.live)
        if rows < capacity:
            return
        new = max(rows + 1, capacity * 2)
        for name, (dtype, empty) in _COLUMNS.items():
            column = np.full(new, empty, dtype)
            column[:self.rows] = getattr(self, name)[:self.rows]
            setattr(self, name, column)

    def _cached(self, key: object, make) -> int:
        found = self._signatures.get(key)
        if found is None:
            found = self._signatures[key] = make(key)
        return found

    def set(self, rows: Sequence[int], profiles: Sequence[ClaimProfile]) -> None:
        """Write these profiles at these rows (a row past the end adds it)."""
        if not len(rows):
            return
        self._grow(max(rows) + 1)
        self.rows = max(self.rows, max(rows) + 1)
        index = np.asarray(rows, np.int64)
        what = [self._cached(p.what, _signature) for p in profiles]
        context = [self._cached(p.context, _signature) for p in profiles]
        source = [self._cached(p.source, _signature) for p in profiles]
        sentence = [self._cached(p.sentence, _wide_signature) for p in profiles]
        for name, signatures in (("what", what), ("context", context), ("source", source)):
            getattr(self, name)[index] = np.array(signatures, np.uint64)
            getattr(self, name + "_size")[index] = [s.bit_count() for s in signatures]
        for w in range(SENTENCE_WORDS):
            getattr(self, f"sentence{w}")[index] = np.array([(s >> (64 * w)) & _MASK64 for s in sentence], np.uint64)
        self.sentence_size[index] = [s.bit_count() for s in sentence]
        self.middle[index] = [np.nan if p.middle is None else p.middle for p in profiles]
        self.low[index] = [np.nan if p.low is None else p.low for p in profiles]
        self.high[index] = [np.nan if p.high is None else p.high for p in profiles]
        self.date[index] = [np.nan if p.date is None else p.date for p in profiles]
        self.article[index] = [p.article_index for p in profiles]
        self.live[index] = [not p.rejected for p in profiles]

    def kill(self, rows: Iterable[int]) -> None:
        """These rows are never suggested again (until :meth:`set` writes them anew)."""
        self.live[np.fromiter(rows, np.int64)] = False

    # -- scoring -----------------------------------------------------------------------------------

    def _jaccard(self, names: Sequence[str], size: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        inter = sum(_popcount(getattr(self, n)[a] & getattr(self, n)[b]) for n in names)
        union = size[a] + size[b] - inter
        return np.divide(inter, union, out=np.zeros_like(union), where=union > 0)

    def _known(self, name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """A feature that needs both sets: their Jaccard, else the value for half known or unknown."""
        size = getattr(self, name + "_size")
        known_a, known_b = size[a] > 0, size[b] > 0
        return np.where(known_a & known_b, self._jaccard([name], size, a, b),
                        np.where(known_a | known_b, np.float32(HALF_KNOWN), np.float32(UNKNOWN)))

    def first_pass(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Approximate scores of ``b`` as partners of ``a`` (index arrays that broadcast together);
        -inf where ``b`` is never suggested for ``a`` (the same article, or ``b`` not live)."""
        what = self._jaccard(["what"], self.what_size, a, b)
        a_what, b_what = self.what[a], self.what[b]
        for group in _GROUP_MASKS:
            clash = ((a_what & group) != 0) & ((b_what & group) != 0) & ((a_what & b_what & group) == 0)
            np.minimum(what, np.float32(CONFLICT), out=what, where=clash)
        total = WEIGHTS["what"] * what
        sentences = [f"sentence{w}" for w in range(SENTENCE_WORDS)]
        total += WEIGHTS["sentence"] * self._jaccard(sentences, self.sentence_size, a, b)
        gap = np.abs(self.middle[a] - self.middle[b])
        value = np.nan_to_num(np.clip(1.0 - gap / np.float32(VALUE_SCALE), 0.0, 1.0), nan=0.0)
        low_a, high_a, low_b, high_b = self.low[a], self.high[a], self.low[b], self.high[b]
        overlap = ((low_a != high_a) | (low_b != high_b)) & (low_a <= high_b) & (low_b <= high_a)
        np.maximum(value, np.float32(0.8), out=value, where=overlap)  # NaN compares false: no value, no overlap
        total += WEIGHTS["value"] * value
        total += WEIGHTS["context"] * self._known("context", a, b)
        total += WEIGHTS["source"] * self._known("source", a, b)
        days = np.abs(self.date[a] - self.date[b]).astype(np.float32)
        total += WEIGHTS["date"] * np.nan_to_num(1.0 / (1.0 + days / DATE_SCALE), nan=UNKNOWN)
        total += WEIGHTS["direction"] * UNKNOWN
        np.multiply(total, np.float32(0.5), out=total, where=what < DIFFERENT_THING)
        total[(self.article[a] == self.article[b]) | ~self.live[b]] = -np.inf
        return total
