"""Which claims are compared at all: blocks of claims that share a key, and windows of neighbours in each.

A claim's block keys (:func:`block_keys`) are each concept it counts (``@death``), the set of them
(``@civilian+@death``: claims counting exactly that), each other word of what is counted and the
predicate by its first letters (so "kilometer" and "kilometre" meet), its sentence (a wire story
carried by several outlets) and its unit, where it has one (a figure in pence, or in km/h, meets the
figures nearest it in the same unit whatever the words around it). Two claims that share no key count
different things in different sentences: their score is halved, so it is at most 0.35, barely above
what is shown at all.

Within a key's block the claims are kept in two orders, by date then value, and by value bucket
(figures within about 10% of each other, :data:`BUCKET`) then date, and a claim's candidates are its
neighbours on either side of its place in both orders: those reported nearest in time, and the
nearest in time of the figures nearest its own (:data:`WINDOW` on each side;
:data:`SENTENCE_WINDOW` among claims in the same sentence, which are the best partners there are
and differ only in value, date and source). A claim therefore has a few hundred candidates at most
however large the corpus, and ranking grows with the corpus, not its square.

The orders are built once (:meth:`Neighbourhoods.freeze`). A claim changed after that (corrected,
added) is found through a small side table until enough have changed to rebuild the orders; its old
place in the orders may still offer it as a candidate, which costs a comparison and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .features import ClaimColumns
from .profile import ClaimProfile
from .terms import is_concept

WINDOW = 20  # neighbours on each side of a claim in each order of a block
SENTENCE_WINDOW = 64  # the same in the block of a sentence
PREFIX = 5  # letters of a word that make its key ("kilom")
REBUILD_AFTER = 512  # claims changed since the orders were built before they are built again

BUCKET = 0.1  # width of a value bucket on the log scale of the values (about 10%)

# A claim's place in an order of a block, one int64: the block key in the high bits, then the fields.
_FIELD_BITS, _BUCKET_BITS = 16, 9
_SORT_BITS = 2 * _FIELD_BITS + _BUCKET_BITS
_NONE, _NO_BUCKET = (1 << _FIELD_BITS) - 1, (1 << _BUCKET_BITS) - 1  # no value, no date: sorted last
_KEYS = 1 << (63 - _SORT_BITS)  # more keys than this share ids (two blocks in one: more candidates, no harm)
_VALUE_STEP = 1e-3  # resolution of the log value in an order
_FIRST_DAY = 693596  # 1900-01-01 as a day ordinal


def block_keys(profile: ClaimProfile) -> list[tuple[str, str]]:
    """The keys of the blocks a claim belongs to (see the module docstring). A new kind of key is one
    more line here."""
    concepts = sorted(t for t in profile.what if is_concept(t))
    keys = [("counts", c) for c in concepts]
    if len(concepts) > 1:
        keys.append(("counts", "+".join(concepts)))
    keys += sorted({("word", t[:PREFIX]) for t in profile.what if not is_concept(t)})
    if profile.sentence:
        keys.append(("sentence", profile.sentence))
    if profile.unit:
        keys.append(("unit", profile.unit))
    return keys


def _window(key: tuple[str, str]) -> int:
    return SENTENCE_WINDOW if key[0] == "sentence" else WINDOW


def _places(columns: ClaimColumns, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's place within a block in the two orders: (date, value) and (value bucket, date, value)."""
    middle, date = np.nan_to_num(columns.middle[rows]), columns.date[rows]
    no_value = np.isnan(columns.middle[rows])
    value = np.where(no_value, _NONE, np.clip(np.rint(middle / _VALUE_STEP), 0, _NONE - 1)).astype(np.int64)
    bucket = np.where(no_value, _NO_BUCKET, np.clip(middle // BUCKET, 0, _NO_BUCKET - 1)).astype(np.int64)
    day = np.where(np.isnan(date), _NONE, np.clip(np.nan_to_num(date) - _FIRST_DAY, 0, _NONE - 1)).astype(np.int64)
    return (day << _FIELD_BITS) | value, (bucket << 2 * _FIELD_BITS) | (day << _FIELD_BITS) | value


class Neighbourhoods:
    """The blocks of a corpus's claims, ordered for windows of neighbours; the candidates of any claim."""

    def __init__(self) -> None:
        self._key_ids: dict[tuple[str, str], int] = {}
        self._windows: list[int] = []  # key id → neighbours on each side in its block
        self._keys: list[tuple[int, ...]] = []  # row → its key ids
        # Per order: the places of the (row, key) pairs in order, their rows, and each pair's position
        # (the pairs numbered row by row, a row's keys in its order); a row's first pair (-1: not in the orders).
        self._orders: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._first_pair = np.zeros(0, np.int64)
        self._changed: dict[int, set[int]] = {}  # key id → rows changed since the orders were built

    def _ids(self, keys: Iterable[tuple[str, str]]) -> tuple[int, ...]:
        ids = []
        for key in keys:
            found = self._key_ids.get(key)
            if found is None:
                found = self._key_ids[key] = len(self._key_ids) % _KEYS
                if found == len(self._windows):
                    self._windows.append(_window(key))
            ids.append(found)
        return tuple(ids)

    def set_keys(self, row: int, keys: Iterable[tuple[str, str]]) -> None:
        """A row's keys, before :meth:`freeze`, or after it for a claim that changed."""
        ids = self._ids(keys)
        while len(self._keys) <= row:
            self._keys.append(())
        self._keys[row] = ids
        if self._orders:
            if row >= len(self._first_pair):
                self._first_pair = np.concatenate([self._first_pair, np.full(row + 1 - len(self._first_pair), -1)])
            self._first_pair[row] = -1  # its place in the orders is stale: it is looked up
            for key in ids:
                self._changed.setdefault(key, set()).add(row)

    def needs_rebuild(self) -> bool:
        return len({r for rows in self._changed.values() for r in rows}) > REBUILD_AFTER

    def freeze(self, columns: ClaimColumns) -> None:
        """Order every live row's blocks. Claims that place alike are ordered by their tiebreak, so the
        orders do not depend on how rows are numbered."""
        live = columns.live[:len(self._keys)]
        counts = np.fromiter((len(k) for k in self._keys), np.int64, len(self._keys)) * live
        self._first_pair = np.where(live, np.cumsum(counts) - counts, -1)
        by_tiebreak = np.argsort(columns.tiebreak[:len(self._keys)], kind="stable")  # pairs listed in this order,
        rows = np.repeat(by_tiebreak, counts[by_tiebreak])  # a stable sort of their places keeps it among ties
        pairs = (self._first_pair[rows] + np.arange(len(rows)) - np.repeat(np.cumsum(counts[by_tiebreak])
                                                                            - counts[by_tiebreak], counts[by_tiebreak]))
        keys = np.fromiter((k for row, ids in enumerate(self._keys) if live[row] for k in ids), np.int64,
                           int(counts.sum()))[pairs]
        self._orders = []
        for places in _places(columns, rows):
            places |= keys << _SORT_BITS
            order = np.argsort(places, kind="stable")
            position = np.empty(len(order), np.int32)
            position[pairs[order]] = np.arange(len(order), dtype=np.int32)
            self._orders.append((places[order], rows[order].astype(np.int32), position))
            del order
        self._changed = {}

    def rows_in_order(self) -> np.ndarray:
        """Every ordered row once, in the order it first appears in the value order: claims alike come
        together (ranked in this order, the candidates of neighbouring claims are mostly the same)."""
        if not self._orders:
            return np.zeros(0, np.int64)
        rows, first = np.unique(self._orders[-1][1], return_index=True)
        return rows[np.argsort(first, kind="stable")].astype(np.int64)

    def candidates(self, rows: Sequence[int], columns: ClaimColumns) -> np.ndarray:
        """Each row's candidates (len(rows), width), each once, padded with -1 (the row itself may be among them)."""
        rows = np.asarray(rows, np.int64)
        counts = np.fromiter((len(self._keys[r]) for r in rows), np.int64, len(rows))
        local = np.repeat(np.arange(len(rows)), counts)  # per (row, key): the row's index in ``rows``
        keys = np.fromiter((k for r in rows for k in self._keys[r]), np.int64, int(counts.sum()))
        slot = np.arange(len(keys)) - np.repeat(np.cumsum(counts) - counts, counts)  # the key's index in its row
        first = self._first_pair[rows][local] if self._orders else np.full(len(keys), -1)
        pair = np.where(first >= 0, first + slot, -1)  # the (row, key) pair's number in the orders, if it is there
        windows = np.fromiter((self._windows[k] for k in keys), np.int64, len(keys))
        # Each (row, key) fills 2 × window + 1 columns per order of its row's line, one after the other.
        spans = (2 * windows + 1) * len(self._orders)
        per_row = np.bincount(local, weights=spans, minlength=len(rows)).astype(np.int64)
        firsts = np.cumsum(spans) - spans - np.repeat(np.cumsum(per_row) - per_row, counts)
        changed = [sorted({r for k in self._keys[row] for r in self._changed.get(k, ())}) for row in rows]
        extra = max(map(len, changed), default=0)
        found = np.full((len(rows), max(int(per_row.max(initial=0)) + extra, 1)), -1, np.int64)
        places = _places(columns, rows[local])
        for n, (ordered, order_rows, position) in enumerate(self._orders):
            for window in (np.unique(windows) if len(order_rows) else ()):
                which = np.flatnonzero(windows == window)
                key = keys[which]
                here = np.where(pair[which] >= 0, position[np.maximum(pair[which], 0)],
                                np.searchsorted(ordered, (key << _SORT_BITS) | places[n][which]))
                start, end = np.searchsorted(ordered, key << _SORT_BITS), np.searchsorted(ordered, (key + 1) << _SORT_BITS)
                at = here[:, None] + np.arange(-window, window + 1)
                inside = (at >= start[:, None]) & (at < end[:, None])
                neighbours = np.where(inside, order_rows[np.clip(at, 0, len(order_rows) - 1)], -1)
                columns_at = (firsts[which] + n * (2 * window + 1))[:, None] + np.arange(2 * window + 1)
                found[local[which][:, None], columns_at] = neighbours
        for i, more in enumerate(changed):
            found[i, found.shape[1] - len(more):] = more
        return _unique_per_row(found)


def _unique_per_row(found: np.ndarray) -> np.ndarray:
    """Each row's values once, the -1 padding at the front, as narrow as the longest row allows."""
    found.sort(axis=1)
    found[:, 1:][found[:, 1:] == found[:, :-1]] = -1
    found.sort(axis=1)
    width = int((found >= 0).sum(axis=1).max(initial=0))
    return found[:, found.shape[1] - width:]
