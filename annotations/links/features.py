"""Claim profiles as numpy columns, and a cheap first-pass score of many claim pairs at once.

:class:`ClaimColumns` keeps, per row (one claim), bit signatures of its term sets (what is counted,
the other figures in its sentence, the source, the sentence's words), its value on a log scale, its
unit (a small number; a table gives, for two units, how far one's values move on the log scale to be
in the other's — the ratio of their factors, a temperature's offset left out — or NaN for units of two
families, which makes the value feature 0), its date, its article and whether it may be suggested.
:meth:`ClaimColumns.first_pass` approximates :func:`.score.score` for index arrays that broadcast
against each other: ``first_pass(rows, cols)`` scores pairs, ``first_pass(rows[:, None], candidates)``
scores each row against its own candidates.
Set similarity is the Jaccard of the signatures (by popcount); sentence similarity, which the exact
score takes from rapidfuzz, is the Jaccard of the sentence's words; the direction of change is left
unknown.

Index -1 is always a row that is never suggested (the columns keep a spare slot at the end), so -1
pads candidate lists. ``tiebreak`` (0-1, from the claim id) orders claims that score the same, so
they are ranked alike however the rows were numbered.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from .conversion import COUNT, Scale
from .profile import ClaimProfile
from .score import CONFLICT, DATE_SCALE, DIFFERENT_THING, HALF_KNOWN, UNKNOWN, VALUE_SCALE, WEIGHTS
from .terms import CONCEPTS, EXCLUSIVE_GROUPS

_CONCEPT_BITS = {"@" + name: i for i, name in enumerate(CONCEPTS)}
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
        return np.bitwise_count(x)
    counts = np.unpackbits(x[..., None].view(np.uint8), axis=-1)  # numpy < 2.0
    return counts.sum(axis=-1, dtype=np.uint8)


def _clash_table() -> np.ndarray:
    """clash[x, y]: the concepts coded x and y (bits of :data:`_GROUP_BITS`) include two of one exclusive group."""
    codes = np.arange(1 << _GROUP_CODE_BITS)
    x, y = codes[:, None], codes[None, :]
    clash = np.zeros((len(codes), len(codes)), bool)
    for group in _GROUP_CODES:
        clash |= ((x & group) != 0) & ((y & group) != 0) & ((x & y & group) == 0)
    return clash


# The concepts of the exclusive groups, one bit each in a small code, so a table says if two claims clash.
_GROUP_BITS = {t: i for i, t in enumerate(t for group in EXCLUSIVE_GROUPS for t in sorted(group))}
_GROUP_CODES = [sum(1 << _GROUP_BITS[t] for t in group) for group in EXCLUSIVE_GROUPS]
_GROUP_CODE_BITS = 8
assert len(_GROUP_BITS) <= _GROUP_CODE_BITS, "the exclusive groups' concepts no longer fit the clash table's code"
_CLASH = _clash_table()

_MASK64 = (1 << 64) - 1
MAX_UNITS = 4096  # units numbered in the "unit" column; any more share OTHER_UNIT, close to nothing
OTHER_UNIT = -1  # the shift table's last row and column: NaN
_COLUMNS = {  # name: dtype, value of an empty row
    "what": (np.uint64, 0), "context": (np.uint64, 0), "source": (np.uint64, 0),
    **{f"sentence{w}": (np.uint64, 0) for w in range(SENTENCE_WORDS)},
    "what_size": (np.int16, 0), "context_size": (np.int16, 0), "source_size": (np.int16, 0),
    "sentence_size": (np.int16, 0), "groups": (np.uint8, 0),
    "middle": (np.float32, np.nan), "low": (np.float32, np.nan), "high": (np.float32, np.nan),
    "is_range": (np.bool_, False), "date": (np.float32, np.nan), "article": (np.int32, -1),
    "unit": (np.int16, 0),
    "live": (np.bool_, False), "tiebreak": (np.float64, 1.0),
}


def _shift_table(scales: list[Scale]) -> np.ndarray:
    """[a, b]: what moves a value of unit ``scales[b]`` on the log scale into unit ``scales[a]`` (the log of
    the ratio of their factors); NaN for two families, and in the last row and column (:data:`OTHER_UNIT`)."""
    family_ids: dict[str, int] = {}
    families = np.array([family_ids.setdefault(u.family, len(family_ids)) for u in scales])
    logs = np.log([u.factor for u in scales])
    table = np.full((len(scales) + 1, len(scales) + 1), np.nan, np.float32)
    table[:-1, :-1] = np.where(families[:, None] == families[None, :], logs[None, :] - logs[:, None], np.nan)
    return table


class ClaimColumns:
    """The claims' profiles as columns (rows can be added and rewritten), for the first pass."""

    def __init__(self) -> None:
        self.rows = 0
        self._signatures: dict[frozenset, int] = {}  # term set → signature (they repeat; sentences do not)
        self._units: dict[Scale, int] = {COUNT: 0}  # a unit → its number in the "unit" column
        self._shift = _shift_table([COUNT])  # [unit of a, unit of b]: b's log value moved to a's unit
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

    def _cached(self, terms: frozenset) -> int:
        found = self._signatures.get(terms)
        if found is None:
            found = self._signatures[terms] = _signature(terms)
        return found

    def set(self, rows: Sequence[int], profiles: Sequence[ClaimProfile]) -> None:
        """Write these profiles at these rows (a row past the end adds it)."""
        if not len(rows):
            return
        self._grow(max(rows) + 1)
        self.rows = max(self.rows, max(rows) + 1)
        index = np.asarray(rows, np.int64)
        what = [self._cached(p.what) for p in profiles]
        context = [self._cached(p.context) for p in profiles]
        source = [self._cached(p.source) for p in profiles]
        sentence = [_wide_signature(p.sentence) for p in profiles]
        for name, signatures in (("what", what), ("context", context), ("source", source)):
            getattr(self, name)[index] = np.array(signatures, np.uint64)
            getattr(self, name + "_size")[index] = [s.bit_count() for s in signatures]
        for w in range(SENTENCE_WORDS):
            getattr(self, f"sentence{w}")[index] = np.array([(s >> (64 * w)) & _MASK64 for s in sentence], np.uint64)
        self.sentence_size[index] = [s.bit_count() for s in sentence]
        self.groups[index] = [sum(1 << _GROUP_BITS[t] for t in p.what if t in _GROUP_BITS) for p in profiles]
        self.middle[index] = [np.nan if p.middle is None else p.middle for p in profiles]
        self.low[index] = [np.nan if p.low is None else p.low for p in profiles]
        self.high[index] = [np.nan if p.high is None else p.high for p in profiles]
        self.is_range[index] = [p.is_range for p in profiles]
        self.unit[index] = [self._unit_number(p.scale) for p in profiles]
        self.date[index] = [np.nan if p.date is None else p.date for p in profiles]
        self.article[index] = [p.article_index for p in profiles]
        self.live[index] = [not p.rejected for p in profiles]
        self.tiebreak[index] = [_term_hash(p.claim_id) / 2**32 for p in profiles]

    def _unit_number(self, scale: Scale) -> int:
        """The unit's number in the "unit" column (a new one extends the table of shifts)."""
        found = self._units.get(scale)
        if found is None:
            if len(self._units) >= MAX_UNITS:
                return OTHER_UNIT
            found = self._units[scale] = len(self._units)
            self._shift = _shift_table(sorted(self._units, key=self._units.get))
        return found

    def kill(self, rows: Iterable[int]) -> None:
        """These rows are never suggested again (until :meth:`set` writes them anew)."""
        self.live[np.fromiter(rows, np.int64)] = False

    # -- scoring -----------------------------------------------------------------------------------

    @staticmethod
    def _jaccard(inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
        """|A ∩ B| / |A ∪ B| from the shared bits and the sizes; 0 where both are empty."""
        return np.true_divide(inter, np.maximum(size_a + size_b - inter, 1), dtype=np.float32)

    def _similarity(self, name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self._jaccard(_popcount(getattr(self, name)[a] & getattr(self, name)[b]),
                             getattr(self, name + "_size")[a], getattr(self, name + "_size")[b])

    def _known(self, name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """A feature that needs both sets: their Jaccard, else the value for half known or unknown."""
        size = getattr(self, name + "_size")
        known_a, known_b = size[a] > 0, size[b] > 0
        fallback = np.where(known_a | known_b, np.float32(HALF_KNOWN), np.float32(UNKNOWN))
        return np.where(known_a & known_b, self._similarity(name, a, b), fallback)

    def first_pass(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Approximate scores of ``b`` as partners of ``a`` (index arrays that broadcast together);
        -inf where ``b`` is never suggested for ``a`` (the same article, or ``b`` not live)."""
        what = self._similarity("what", a, b)
        np.minimum(what, np.float32(CONFLICT), out=what, where=_CLASH[self.groups[a], self.groups[b]])
        total = what * np.float32(WEIGHTS["what"])
        shared = sum(_popcount(getattr(self, f"sentence{w}")[a] & getattr(self, f"sentence{w}")[b])
                     for w in range(SENTENCE_WORDS))
        total += np.float32(WEIGHTS["sentence"]) * self._jaccard(shared, self.sentence_size[a], self.sentence_size[b])
        shift = self._shift[self.unit[a], self.unit[b]]  # b's value in a's unit (0 in one; NaN: km and kg)
        value = np.abs(self.middle[a] - self.middle[b] - shift)
        value = np.fmax(1 - value * np.float32(1 / VALUE_SCALE), 0)  # NaN → 0
        ranged = np.nonzero(np.broadcast_to(self.is_range[a] | self.is_range[b], value.shape))
        if len(ranged[0]):  # a range overlapping the other value is close to it ("dozens" and 31)
            low_a, low_b, high_a, high_b = (np.broadcast_to(c[i], value.shape)[ranged]
                                            for c in (self.low, self.high) for i in (a, b))
            ratio = np.exp(np.broadcast_to(shift, value.shape)[ranged])  # NaN across families: no overlap
            overlap = (low_a <= high_b * ratio) & (low_b * ratio <= high_a)
            value[ranged] = np.where(overlap, np.maximum(value[ranged], np.float32(0.8)), value[ranged])
        total += np.float32(WEIGHTS["value"]) * value
        total += np.float32(WEIGHTS["context"]) * self._known("context", a, b)
        total += np.float32(WEIGHTS["source"]) * self._known("source", a, b)
        days = np.abs(self.date[a] - self.date[b])
        dated = np.float32(1) / (1 + days * np.float32(1 / DATE_SCALE))
        total += np.float32(WEIGHTS["date"]) * np.where(np.isnan(dated), np.float32(UNKNOWN), dated)
        total += np.float32(WEIGHTS["direction"] * UNKNOWN)
        np.multiply(total, np.float32(0.5), out=total, where=what < DIFFERENT_THING)
        total[(self.article[a] == self.article[b]) | ~self.live[b]] = -np.inf
        return total
