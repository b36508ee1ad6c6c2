"""The corpus index: articles, search and extraction results of a corpus of any size, in SQLite.

See :mod:`.corpus_index` for the API; :mod:`.sync` keeps the index up to date with the corpus,
:mod:`.build` builds it from scratch in a file of its own, :mod:`.search` turns typed text into FTS5
queries, :mod:`.extractions` stores extraction results.
"""

from .corpus_index import ALL, ArticleRow, CorpusIndex, Filter, index_path
from .search import Hit
from .sync import SyncReport

__all__ = ["ALL", "ArticleRow", "CorpusIndex", "Filter", "Hit", "SyncReport", "index_path"]
