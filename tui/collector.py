"""The cycle collector's older generations collected once keys pause, not inside a key.

Every repaint leaves cyclic garbage that only the cycle collector frees (Textual's ``Strip`` keeps
itself in its own caches: ``divide`` and ``adjust_cell_length`` remember ``[self]`` and ``self``), and
moving from article to article keeps the shown article's objects alive past the young generation: about
1,700 objects a ``]`` reach the oldest generation. Python collected the oldest generation about every
twelfth ``]``, inside the key, for 10-40 ms (those presses were the slowest tenth: the p95), and the
middle one in three keys out of four (1-3 ms each). Here both wait (:data:`AT_MOST`), and the app calls
:func:`collect_if_due` once keys pause, the last one's repaints on screen: it collects them as often as
Python's default thresholds would have, but between keys; while no key comes (background work only),
it calls it once a second. The young generation is collected as before (a fraction of a millisecond).
"""

from __future__ import annotations

import gc

EVERY = 10  # collections of the generation below between two of the middle or the oldest (Python's default)
AT_MOST = 100  # without a key to call it, Python still collects them after this many (background work)


def hold_older_collections() -> None:
    """Leave the middle and oldest generations to :func:`collect_if_due` (Python still collects them
    after :data:`AT_MOST` collections of the generation below, when no key comes)."""
    young, _, _ = gc.get_threshold()
    gc.set_threshold(young, AT_MOST, AT_MOST)


def collect_if_due() -> int | None:
    """Collect the oldest generation if Python's default thresholds would have by now, else the middle one
    if they would have; returns the generation collected (None: none was due)."""
    if not gc.isenabled():
        return None
    _, middle_due, full_due = gc.get_count()
    generation = 2 if full_due >= EVERY else 1 if middle_due >= EVERY else None
    if generation is not None:
        gc.collect(generation)
    return generation
