"""Which claims are compared at all: blocks of claims that share a key, and a window of neighbours in each.

A claim's block keys (:func:`block_keys`) are each concept it counts (``@death``), the set of them
(``@civilian+@death``: claims counting exactly that), each other word of what is counted and the
predicate by its first letters (so "kilometer" and "kilometre" meet), and its sentence (a wire story
carried by several outlets). Two claims that share no key count different things in different
sentences: their score is halved, so it is at most 0.35, barely above what is shown at all.

Within a key's block the claims are kept in two orders, by value then date and by date then value,
and a claim's candidates are the :data:`WINDOW` claims on either side of its place in both orders:
the figures nearest its own, and those reported nearest in time. A claim therefore has at most
``keys × 4 × WINDOW`` candidates however large the corpus, and ranking grows with the corpus, not
its square.

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

WINDOW = 16  # neighbours on each side of a claim in each order of each block
PREFIX = 5  # letters of a word that make its key ("kilom")
REBUILD_AFTER = 512  # claims changed since the orders were built before they are built again

# A place in an order: the block key in the high bits, then the claim's value and date (or date and value).
_VALUE_BITS, _DAY_BITS = 19, 16
_SORT_BITS = _VALUE_BITS + _DAY_BITS
_NO_VALUE, _NO_DAY = (1 << _VALUE_BITS) - 1, (1 << _DAY_BITS) - 1  # sorted last
_VALUE_STEP = 1e-4  # resolution of the log value in an order
_FIRST_DAY = 693596  # 1900-01-01 as a day ordinal


def block_keys(profile: ClaimProfile) -> list[tuple[str, str]]:
    """The keys of the blocks a claim belongs to (see the module docstring)."""
    concepts = sorted(t for t in profile.what if is_concept(t))
    keys = [("counts", c) for c in concepts]
    if len(concepts) > 1:
        keys.append(("counts", "+".join(concepts)))
    keys += sorted({("word", t[:PREFIX]) for t in profile.what if not is_concept(t)})
    if profile.sentence:
        keys.append(("sentence", profile.sentence))
    return keys


def _places(columns: ClaimColumns, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's place within a block in the two orders: (value, date) and (date, value)."""
    middle, date = columns.middle[rows], columns.date[rows]
    value = np.where(np.isnan(middle), _NO_VALUE,
                     np.clip(np.rint(np.nan_to_num(middle) / _VALUE_STEP), 0, _NO_VALUE - 1)).astype(np.int64)
    day = np.where(np.isnan(date), _NO_DAY, np.clip(np.nan_to_num(date) - _FIRST_DAY, 0, _NO_DAY - 1)).astype(np.int64)
    return (value << _DAY_BITS) | day, (day << _VALUE_BITS) | value


class Neighbourhoods:
    """The blocks of a corpus's claims, ordered for windows of neighbours; the candidates of any claim."""

    def __init__(self) -> None:
        self._key_ids: dict[tuple[str, str], int] = {}
        self._keys: list[tuple[int, ...]] = []  # per row: its key ids
        self._orders: list[tuple[np.ndarray, np.ndarray]] = []  # per order: sorted places, their rows
        self._changed: dict[int, set[int]] = {}  # key id → rows changed since the orders were built

    def _ids(self, keys: Iterable[tuple[str, str]]) -> tuple[int, ...]:
        return tuple(self._key_ids.setdefault(k, len(self._key_ids)) for k in keys)

    def set_keys(self, row: int, keys: Iterable[tuple[str, str]]) -> None:
        """A row's keys, before :meth:`freeze`, or after it for a claim that changed."""
        ids = self._ids(keys)
        while len(self._keys) <= row:
            self._keys.append(())
        self._keys[row] = ids
        if self._orders:
            for key in ids:
                self._changed.setdefault(key, set()).add(row)

    def needs_rebuild(self) -> bool:
        return len({r for rows in self._changed.values() for r in rows}) > REBUILD_AFTER

    def freeze(self, columns: ClaimColumns) -> None:
        """Build the two orders from every row's keys, value and date (the changed rows are in them now)."""
        counts = np.fromiter((len(k) for k in self._keys), np.int64, len(self._keys))
        rows = np.repeat(np.arange(len(self._keys), dtype=np.int64), counts)
        keys = np.fromiter((k for ids in self._keys for k in ids), np.int64, int(counts.sum()))
        self._orders = []
        for places in _places(columns, rows):
            placed = (keys << _SORT_BITS) | places
            order = np.argsort(placed, kind="stable")
            self._orders.append((placed[order], rows[order].astype(np.int32)))
        self._changed = {}

    def candidates(self, rows: Sequence[int], columns: ClaimColumns) -> np.ndarray:
        """Each row's candidates (len(rows), width), each once, padded with -1 (the row itself may be among them)."""
        rows = np.asarray(rows, np.int64)
        counts = np.fromiter((len(self._keys[r]) for r in rows), np.int64, len(rows))
        local = np.repeat(np.arange(len(rows)), counts)  # per (row, key): the row's index in ``rows``
        keys = np.fromiter((k for r in rows for k in self._keys[r]), np.int64, int(counts.sum()))
        slot = np.arange(len(keys)) - np.repeat(np.cumsum(counts) - counts, counts)  # the key's index in its row
        span = 2 * WINDOW * len(self._orders)
        width = max(int(counts.max(initial=0)) * span, 1)
        found = np.full((len(rows), width), -1, np.int64)
        offsets = np.arange(-WINDOW, WINDOW)
        for n, (places, order_rows) in enumerate(self._orders):
            if not len(order_rows):
                continue
            here = np.searchsorted(places, (keys << _SORT_BITS) | _places(columns, rows[local])[n])
            start = np.searchsorted(places, keys << _SORT_BITS)
            end = np.searchsorted(places, (keys + 1) << _SORT_BITS)
            at = here[:, None] + offsets
            inside = (at >= start[:, None]) & (at < end[:, None])
            neighbours = np.where(inside, order_rows[np.clip(at, 0, len(order_rows) - 1)], -1)
            columns_at = (slot * span + n * 2 * WINDOW)[:, None] + np.arange(2 * WINDOW)
            found[local[:, None], columns_at] = neighbours
        changed = [sorted({r for k in self._keys[row] for r in self._changed.get(k, ())}) for row in rows]
        if any(changed):
            extra = np.full((len(rows), max(map(len, changed))), -1, np.int64)
            for i, more in enumerate(changed):
                extra[i, :len(more)] = more
            found = np.concatenate([found, extra], axis=1)
        return _unique_per_row(found)


def _unique_per_row(found: np.ndarray) -> np.ndarray:
    """Each row's values once, the -1 padding at the front, as narrow as the longest row allows."""
    found.sort(axis=1)
    found[:, 1:][found[:, 1:] == found[:, :-1]] = -1
    found.sort(axis=1)
    width = int((found >= 0).sum(axis=1).max(initial=0))
    return found[:, found.shape[1] - width:]
