"""A cache of loaded articles, so that a large corpus opens at once the second time.

Cleaning an article (format detection, HTML extraction, chrome patterns) costs about a millisecond;
a thousand of them cost a second before the first title can be shown. The cache keeps each file's
articles and skips, keyed by the file's size and modification time, in one JSON file per corpus in
the user's cache folder. It is invalidated as a whole when the loader's code, its chrome patterns
or the extra patterns change, and per file when the file changes. A damaged cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

from ..article import Article
from ..atomic_file import atomic_write_bytes

FORMAT = 2
_FIELDS = ("path", "title", "text", "source", "byline", "date", "url", "format", "crawled")


@lru_cache(maxsize=1)
def loader_code_key() -> str:
    """A hash of the corpus loader's source and data files: a new loader invalidates every cache (this
    one, and the corpus index)."""
    digest = hashlib.sha1(str(FORMAT).encode())
    folder = Path(__file__).resolve().parent
    for path in sorted(folder.iterdir()):
        if path.suffix in (".py", ".json"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for path in (folder.parent / "article.py", folder.parent / "sanitize.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def default_cache_root() -> Path:
    return Path(user_cache_dir("claimdesk", appauthor=False)) / "corpora"


def stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class LoadCache:
    """The cached articles of one corpus folder (loaded with given extra chrome patterns)."""

    def __init__(self, root: Path, extra_boilerplate: Iterable[dict] = (), cache_root: str | Path | None = None):
        extra = json.dumps(list(extra_boilerplate), sort_keys=True, default=str)
        self.key = hashlib.sha1("\x1f".join((str(root.resolve()), loader_code_key(), extra)).encode()).hexdigest()[:20]
        self.path = Path(cache_root) if cache_root else default_cache_root()
        self.path = self.path / f"{self.key}.json"
        self._old = self._read()
        self._new: dict[str, dict] = {}
        self.hits = 0

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data.get("files", {}) if isinstance(data, dict) and data.get("format") == FORMAT else {}

    def get(self, rel: str, file_stamp: list[int] | None):
        """(articles, skips as (path, reason) pairs) for an unchanged file, else None."""
        entry = self._old.get(rel)
        if file_stamp is None or not isinstance(entry, dict) or entry.get("stamp") != file_stamp:
            return None
        try:
            articles = [Article(**{k: a[k] for k in _FIELDS}, problems=tuple(a["problems"]))
                        for a in entry["articles"]]
            skipped = [(s[0], s[1]) for s in entry["skipped"]]
        except (KeyError, TypeError, IndexError):
            return None
        self._new[rel] = entry
        self.hits += 1
        return articles, skipped

    def put(self, rel: str, file_stamp: list[int] | None, articles: list[Article], skipped) -> None:
        if file_stamp is None:
            return
        self._new[rel] = {
            "stamp": file_stamp,
            "articles": [{**{k: getattr(a, k) for k in _FIELDS}, "problems": list(a.problems)} for a in articles],
            "skipped": [[s.path, s.reason] for s in skipped],
        }

    def save(self) -> None:
        """Write the cache if anything changed (best effort: a read-only cache folder is fine)."""
        if self._new.keys() == self._old.keys() and self.hits == len(self._new):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            data = json.dumps({"format": FORMAT, "files": self._new}, ensure_ascii=False, separators=(",", ":"))
            atomic_write_bytes(self.path, data.encode("utf-8"), mode=0o600)
        except OSError:
            pass
