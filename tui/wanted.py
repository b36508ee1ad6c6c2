"""The articles the reviewer wants extracted first: the one just opened, those on screen.

The review screen adds ids as the reviewer moves (UI thread); the extraction worker takes them in
batches before going on with the rest of the corpus (its thread). The last asked for comes first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

KEEP = 512  # ids remembered at most (the oldest are dropped: the reviewer has moved on)


class Wanted:
    """Article ids to extract before the rest, the most recently asked for first (thread-safe)."""

    def __init__(self) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, article_ids: Iterable[str]) -> None:
        """Ask for these before every other one asked for so far, in the order given."""
        with self._lock:
            for article_id in reversed(list(article_ids)):
                self._ids[article_id] = None
                self._ids.move_to_end(article_id)
            while len(self._ids) > KEEP:
                self._ids.popitem(last=False)

    def take(self, count: int, skip: Callable[[str], bool] = lambda _: False) -> list[str]:
        """Up to ``count`` ids, most recently asked for first, leaving out (and forgetting) those ``skip`` says."""
        taken: list[str] = []
        with self._lock:
            while self._ids and len(taken) < count:
                article_id, _ = self._ids.popitem(last=True)
                if not skip(article_id):
                    taken.append(article_id)
        return taken

    def __len__(self) -> int:
        return len(self._ids)
