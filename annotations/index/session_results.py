"""A review session's extraction results kept in the corpus index, a few hundred in memory.

:class:`StoredExtractions` is the mapping (article id → result) a
:class:`~claimdesk.annotations.session.ReviewSession` reads its extraction results from when the
corpus is big: results are read from the index when asked for and the most recent ones kept, so a
command that walks 100,000 articles (an export) holds a few hundred at a time. A result evicted
before it was stored in the index is stored then.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, MutableMapping

from ..article import Article
from ..extract import ArticleExtraction

KEEP = 256  # results kept in memory


class StoredExtractions(MutableMapping):
    """Extraction results under ``key`` in ``index``; ``article_of(id)`` gives the session's article."""

    def __init__(self, index, key: str, article_of: Callable[[str], Article | None], keep: int = KEEP):
        self.index, self.key, self.article_of, self.keep = index, key, article_of, keep
        self._ids: set[str] = set()
        self._recent: OrderedDict[str, ArticleExtraction] = OrderedDict()

    def adopt(self, article_ids: Iterable[str]) -> None:
        """Count these articles as extracted: their results are in the index (read when asked for)."""
        self._ids.update(article_ids)

    def unstored(self) -> list[str]:
        """The articles whose results are held here but not stored in the index yet."""
        return [i for i, result in list(self._recent.items()) if not result.stored]  # read from a worker too

    def __getitem__(self, article_id: str) -> ArticleExtraction:
        result = self._recent.get(article_id)
        if result is not None:
            self._recent.move_to_end(article_id)
            return result
        article = self.article_of(article_id) if article_id in self._ids else None
        result = self.index.extraction(article, self.key) if article is not None else None
        if result is None:
            raise KeyError(article_id)
        self._remember(article_id, result)
        return result

    def __setitem__(self, article_id: str, result: ArticleExtraction) -> None:
        self._ids.add(article_id)
        self._remember(article_id, result)

    def __delitem__(self, article_id: str) -> None:
        self._ids.discard(article_id)
        self._recent.pop(article_id, None)

    def __contains__(self, article_id) -> bool:
        return article_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._ids))

    def __len__(self) -> int:
        return len(self._ids)

    def _remember(self, article_id: str, result: ArticleExtraction) -> None:
        self._recent[article_id] = result
        self._recent.move_to_end(article_id)
        while len(self._recent) > self.keep:
            _, old = self._recent.popitem(last=False)
            if not old.stored:
                self.index.put_extractions(self.key, [old])
