"""Where a reviewer left off, per corpus: the article, the claim and the reader's scroll offset.

Kept in a small JSON file in the user's state folder (platformdirs), written atomically; a missing or
damaged file just means "start at the top".
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from platformdirs import user_state_dir

from .atomic_file import atomic_write_bytes

MAX_CORPORA = 200  # forget the oldest corpora beyond this


def default_positions_path() -> Path:
    return Path(user_state_dir("claimdesk", appauthor=False)) / "positions.json"


def corpus_key(corpus_root: str | os.PathLike) -> str:
    return hashlib.sha1(str(Path(corpus_root).expanduser().resolve()).encode("utf-8")).hexdigest()[:16]


class Positions:
    """Last positions, one per corpus: ``{"article": path, "claim": id, "line": int}``."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else default_positions_path()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, corpus_root) -> dict:
        found = self._read().get(corpus_key(corpus_root))
        return found if isinstance(found, dict) else {}

    def set(self, corpus_root, position: dict) -> None:
        """Remember ``position`` for the corpus (best effort: an unwritable folder is ignored)."""
        data = self._read()
        key = corpus_key(corpus_root)
        data.pop(key, None)
        data[key] = dict(position)
        while len(data) > MAX_CORPORA:
            data.pop(next(iter(data)))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_bytes(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError:  # a full disk or a read-only home: not worth a crash
            pass
