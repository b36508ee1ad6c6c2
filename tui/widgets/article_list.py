"""The article list: title, outlet, date and review progress of every article; highlighting one opens it."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from claimdesk.annotations.article import Article

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


class ArticleList(OptionList):
    """Every article of the corpus; posts :class:`ArticleList.Chosen` when the highlight moves."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Chosen(Message):
        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self.progress: dict[str, tuple[int, int]] = {}
        self.order = "corpus"
        self.border_title = "Articles"

    def show_articles(self, articles: list[Article], selected: str | None = None) -> None:
        corpus = list(articles)
        if self.order == "pending":  # articles with pending work first, then unknown, then done
            def rank(a: Article) -> int:
                p = self.progress.get(a.id)
                return 1 if p is None else (0 if p[0] < p[1] else 2)
            corpus.sort(key=rank)
        self.articles = corpus
        self.clear_options()
        self.add_options([Option(article_prompt(a, self.progress.get(a.id)), id=a.id) for a in self.articles])
        self.border_title = f"Articles {len(self.articles)}" + (" · pending first" if self.order == "pending" else "")
        if self.articles:
            index = next((i for i, a in enumerate(self.articles) if a.id == selected), 0)
            self.highlighted = index

    def set_progress(self, article: Article, progress: tuple[int, int]) -> None:
        """Update one article's mark (cheap: one option's prompt)."""
        if self.progress.get(article.id) == progress:
            return
        self.progress[article.id] = progress
        try:
            self.replace_option_prompt(article.id, article_prompt(article, progress))
        except OptionDoesNotExist:  # the list is being rebuilt
            pass

    @property
    def current(self) -> Article | None:
        if self.highlighted is not None and self.highlighted < len(self.articles):
            return self.articles[self.highlighted]
        return None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index is not None and event.option_index < len(self.articles):
            self.post_message(self.Chosen(self.articles[event.option_index]))

    def go_to(self, article_id: str) -> None:
        index = next((i for i, a in enumerate(self.articles) if a.id == article_id), None)
        if index is not None and index != self.highlighted:
            self.highlighted = index

    def move(self, step: int) -> None:
        if self.articles:
            current = self.highlighted if self.highlighted is not None else 0
            self.highlighted = max(0, min(len(self.articles) - 1, current + step))
