"""Full cycle collections between keys, once a key's repaint is on screen, not in the middle of one.

Every repaint leaves cyclic garbage that only the cycle collector frees (Textual's ``Strip`` keeps
itself in its own caches: ``divide`` and ``adjust_cell_length`` remember ``[self]`` and ``self``), and
moving from article to article keeps the shown article's objects alive past the young generations: about
1,700 objects a ``]`` reach the oldest generation. Python collected it about every twelfth ``]``, inside
the key, for 10-40 ms: those presses were the slowest tenth (the p95). Here the automatic full
collection is held back (:data:`AT_MOST`), and the app calls :func:`collect_if_due` once a key has been
handled and its repaint shown: it collects as often as Python would have (:data:`EVERY`), but
between keys. The young generations are collected as before (they take well under a millisecond).
"""

from __future__ import annotations

import gc

EVERY = 10  # collections of the middle generation between two full ones (Python's default threshold2)
AT_MOST = 100  # without a key to follow, Python still collects in full after this many (background work)


def hold_full_collections() -> None:
    """Leave full collections to :func:`collect_if_due` (Python still runs one after :data:`AT_MOST`
    collections of the middle generation, when no key calls it)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, AT_MOST)


def collect_if_due() -> bool:
    """A full collection when Python's default thresholds would have run one by now; True when it ran."""
    if not gc.isenabled() or gc.get_count()[2] < EVERY:
        return False
    gc.collect(2)
    return True
