"""What an article list shows, a page at a time: the articles of a corpus under a filter, in corpus order.

:class:`IndexRows` reads them from the corpus index (any size: counts, pages of rows without text,
positions and neighbours are queries); :class:`MemoryRows` serves a list of articles already in
memory (a small corpus from the load cache, listed in the app's first frame before its index is
open). Both give rows with ``id``, ``path``, ``title``, ``source`` and ``date``, and
:meth:`around`, the order :mod:`.navigation` walks to find the next article with pending work.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from .article import Article
from .navigation import IdOrder

if TYPE_CHECKING:  # SQLite and the index code: imported with the index, not for a first frame
    from .index import CorpusIndex, Filter

PAGE = 64  # ids read at a time when walking the list


class Listed(Protocol):
    """An article as a list shows it (an :class:`~claimdesk.annotations.index.ArticleRow` or an
    :class:`~claimdesk.annotations.article.Article`)."""

    id: str
    path: str
    title: str
    source: str
    date: str


class IndexRows:
    """The articles of ``index`` under ``where`` (None: every article)."""

    def __init__(self, index: CorpusIndex, where: Filter | None = None):
        self.index = index
        self.where = where
        self._filter = () if where is None else (where,)

    def count(self) -> int:
        return self.index.count(*self._filter)

    def rows(self, offset: int, limit: int) -> list[Listed]:
        return self.index.rows(*self._filter, offset=offset, limit=limit)

    def position(self, article_id: str) -> int | None:
        return self.index.position(article_id, *self._filter)

    def around(self, article_id: str | None, step: int = 1) -> Iterator[str]:
        """Every listed id but ``article_id``'s, from the one after it (``step`` -1: before it) to the
        end of the list, then from the other end back to it; the whole list when ``article_id`` is None."""
        yield from self._walk(article_id, step, None)
        if article_id is not None:
            yield from self._walk(None, step, article_id)

    def _walk(self, start: str | None, step: int, until: str | None) -> Iterator[str]:
        while True:
            page = self.index.neighbours(start, *self._filter, step=step, limit=PAGE, until=until)
            yield from page
            if len(page) < PAGE:
                return
            start = page[-1]


class MemoryRows:
    """A list of articles in memory, every one listed."""

    def __init__(self, articles: Sequence[Article]):
        self.articles = list(articles)
        self.where = None
        self._position = {a.id: i for i, a in enumerate(self.articles)}

    def count(self) -> int:
        return len(self.articles)

    def rows(self, offset: int, limit: int) -> list[Listed]:
        return self.articles[offset:offset + limit]

    def position(self, article_id: str) -> int | None:
        return self._position.get(article_id)

    def around(self, article_id: str | None, step: int = 1) -> Iterator[str]:
        """As :meth:`IndexRows.around`."""
        return IdOrder(a.id for a in self.articles).around(article_id, step)
