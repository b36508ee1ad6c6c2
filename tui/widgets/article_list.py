"""The article list: title, outlet, date and review progress of every article; highlighting one opens it."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message

from claimdesk.annotations.article import Article

from .row_list import RowList

ORDERS = ("corpus", "pending")  # corpus order, or articles with pending work first


def progress_mark(progress: tuple[int, int] | None) -> tuple[str, str]:
    """(glyph, style) of an article's progress: not yet extracted, nothing to do, to do, partly, done."""
    if progress is None:
        return "…", "dim"
    done, total = progress
    if total == 0:
        return "·", "dim"
    if done == 0:
        return "○", "#ffd75f"
    if done < total:
        return "◐", "#ffd75f"
    return "●", "#87d787"


def article_prompt(article: Article, progress: tuple[int, int] | None = None) -> Content:
    """Two lines: a progress mark and the title, then "source · date · reviewed/claims" — never markup."""
    glyph, style = progress_mark(progress)
    count = f"{progress[0]}/{progress[1]}" if progress is not None else ""
    meta = " · ".join(v for v in (article.source, article.date or "no date") if v)
    return Content.assemble((glyph, style), " ", (article.title, "bold"), "\n  ", (meta, "dim"),
                            ("  " + count, style) if count else "")


class ArticleList(RowList):
    """Every article of the corpus, two lines each; posts :class:`ArticleList.Chosen` when the
    reviewer moves to another one (the app's own moves post nothing)."""

    class Chosen(Message):
        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(row_height=2, id=id)
        self.articles: list[Article] = []
        self.progress: dict[str, tuple[int, int]] = {}
        self.order = "corpus"
        self.only: frozenset[str] | None = None  # in a team project: the reviewer's own articles
        self.mine_only = True  # list only those (m shows every article)
        self._index: dict[str, int] = {}
        self.border_title = "Articles"

    def show_articles(self, articles: list[Article], selected: str | None = None) -> None:
        corpus = [a for a in articles if self.only is None or not self.mine_only or a.id in self.only]
        if self.order == "pending":  # articles with pending work first, then unknown, then done
            def rank(a: Article) -> int:
                p = self.progress.get(a.id)
                return 1 if p is None else (0 if p[0] < p[1] else 2)
            corpus.sort(key=rank)
        self.articles = corpus
        self._index = {a.id: i for i, a in enumerate(corpus)}
        self.set_rows([article_prompt(a, self.progress.get(a.id)) for a in corpus],
                      highlighted=self._index.get(selected, 0) if corpus else None)
        self.border_title = f"Articles {len(self.articles)}" + (" · pending first" if self.order == "pending" else "") \
            + ("" if self.only is None else " · mine" if self.mine_only else " · all")

    def set_progress(self, article: Article, progress: tuple[int, int]) -> None:
        """Update one article's mark (repaints its two lines only)."""
        if self.progress.get(article.id) == progress:
            return
        self.progress[article.id] = progress
        index = self._index.get(article.id)
        if index is not None:
            self.replace_row(index, article_prompt(article, progress))

    @property
    def current(self) -> Article | None:
        if self.highlighted is not None and self.highlighted < len(self.articles):
            return self.articles[self.highlighted]
        return None

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        if event.index < len(self.articles):
            self.post_message(self.Chosen(self.articles[event.index]))

    def go_to(self, article_id: str) -> None:
        """Highlight an article the app opened (tells nobody)."""
        index = self._index.get(article_id)
        if index is not None and index != self.highlighted:
            self.highlight(index)

    def neighbour(self, step: int) -> Article | None:
        """The article ``step`` rows from the highlighted one (None past either end)."""
        if self.highlighted is None or not 0 <= self.highlighted + step < len(self.articles):
            return None
        return self.articles[self.highlighted + step]
