"""The article list: title, outlet and date of every article; highlighting one opens it."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claimdesk.annotations.article import Article


def article_prompt(article: Article) -> Content:
    """Two lines: the title, then "source · date" — built as Content, never parsed as markup."""
    meta = " · ".join(v for v in (article.source, article.date or "no date") if v)
    return Content.assemble((article.title, "bold"), "\n", (meta, "dim"))


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
        self.border_title = "Articles"

    def show_articles(self, articles: list[Article]) -> None:
        self.articles = list(articles)
        self.clear_options()
        self.add_options([Option(article_prompt(a), id=a.id) for a in self.articles])
        if self.articles:
            self.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index is not None and event.option_index < len(self.articles):
            self.post_message(self.Chosen(self.articles[event.option_index]))

    def move(self, step: int) -> None:
        if self.articles:
            current = self.highlighted if self.highlighted is not None else 0
            self.highlighted = max(0, min(len(self.articles) - 1, current + step))
