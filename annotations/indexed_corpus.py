"""A corpus read from its index when asked for: how the review app holds a corpus of any size.

:class:`IndexedCorpus` has what a :class:`~claimdesk.annotations.corpus.Corpus` has — ``root``,
``articles``, ``skipped``, ``by_id``, ``by_path``, ``ids`` and ``replace`` — but keeps only the
articles read last in memory (:data:`KEEP`): ``articles`` is a sequence over the index (its length a
count, an item a row, iteration :data:`~claimdesk.annotations.index.corpus_index.BATCH`
articles at a time), and ``by_id`` reads one article with its text. Like
:func:`claimdesk.annotations.pipeline.load`, it cuts the paragraphs reviewers marked as chrome (the
store's marks, read once and again when they change) and keeps the articles whose text changed in the
session (:meth:`IndexedCorpus.replace`) as they are now.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .article import Article, article_id
from .chrome_marks import marks_by_article
from .corpus import Skipped
from .corpus.marks import apply_marks

if TYPE_CHECKING:
    from .index import CorpusIndex

KEEP = 256  # articles (with their texts) kept in memory


class IndexedCorpus:
    """The corpus of ``index`` (synced) as the ``store``'s reviewers see it: marked paragraphs cut."""

    def __init__(self, index: CorpusIndex, store, keep: int = KEEP):
        self.index = index
        self.store = store
        self.root = index.root
        self.keep = keep
        self.articles = IndexedArticles(self)
        self._count = index.count()
        self._ids: frozenset[str] | None = None
        self._skipped: list[Skipped] | None = None
        self._replaced: dict[str, Article] = {}  # articles whose text changed in the session
        self._marks: dict[str, list[dict]] | None = None  # the store's chrome marks by article, read once
        self._recent: OrderedDict[str, Article] = OrderedDict()
        self._lock = threading.RLock()  # read from the app's thread and its workers

    def __len__(self) -> int:
        return self._count

    @property
    def skipped(self) -> list[Skipped]:
        if self._skipped is None:
            self._skipped = self.index.skipped()
        return self._skipped

    def ids(self) -> frozenset[str]:
        """Every article id (read once)."""
        if self._ids is None:
            self._ids = frozenset(self.index.ids())
        return self._ids

    def marks(self) -> dict[str, list[dict]]:
        """The store's chrome marks by article (:func:`~claimdesk.annotations.chrome_marks.marks_by_article`),
        read when first needed and again after they changed (:meth:`replace`, :meth:`marks_changed`)."""
        with self._lock:
            if self._marks is None:
                self._marks = marks_by_article(self.store)
            return self._marks

    def marks_changed(self) -> None:
        """The store's chrome marks changed (made, undone, re-anchored): read them again when next needed."""
        with self._lock:
            self._marks = None

    def by_id(self, article_id: str) -> Article | None:
        with self._lock:
            article = self._replaced.get(article_id) or self._recent.get(article_id)
            if article is not None:
                if article_id in self._recent:
                    self._recent.move_to_end(article_id)
                return article
        found = self.index.article(article_id)
        return self._remember(self.shown(found)) if found is not None else None

    def by_path(self, path: str) -> Article | None:
        article = self.by_id(article_id(path))
        return article if article is not None and article.path == path else None

    def replace(self, article: Article) -> None:
        """The article's text changed in this session (a paragraph marked as chrome, or back): the
        store's marks changed too."""
        with self._lock:
            self._recent.pop(article.id, None)
            self._replaced[article.id] = article
            self._marks = None

    def shown(self, article: Article) -> Article:
        """An article as the index has it, as this corpus shows it: replaced, or its marked paragraphs cut."""
        replaced = self._replaced.get(article.id)
        if replaced is not None:
            return replaced
        marks = self.marks().get(article.id)
        return apply_marks(article, marks) if marks else article

    def _remember(self, article: Article) -> Article:
        with self._lock:
            self._recent[article.id] = article
            self._recent.move_to_end(article.id)
            while len(self._recent) > self.keep:
                self._recent.popitem(last=False)
        return article


class IndexedArticles(Sequence):
    """The articles of an :class:`IndexedCorpus` in corpus order, read from the index as they are asked for."""

    def __init__(self, corpus: IndexedCorpus):
        self.corpus = corpus

    def __len__(self) -> int:
        return len(self.corpus)

    def __getitem__(self, position: int) -> Article:
        """The article at ``position`` in corpus order (a page of them: the index's ``rows``)."""
        position = operator.index(position)  # a slice is refused: nothing reads pages of articles
        at = position + len(self) if position < 0 else position
        rows = self.corpus.index.rows(offset=at, limit=1) if 0 <= at < len(self) else []
        if not rows:
            raise IndexError(position)
        return self.corpus.by_id(rows[0].id)

    def __iter__(self) -> Iterator[Article]:
        for article in self.corpus.index.articles():  # read a batch at a time, kept while looked at
            yield self.corpus._remember(self.corpus.shown(article))

    def __contains__(self, article) -> bool:
        return isinstance(article, Article) and article.id in self.corpus.ids()
