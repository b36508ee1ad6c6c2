"""The reader: an article's heading and its clean text, scrollable and selectable by keyboard.

The text sits in a read-only TextArea, which shows it as plain text (never markup), wraps it to the
pane, and gives a real cursor for the keyboard selection the review issue builds on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from claimdesk.annotations.article import Article


def article_heading(article: Article) -> Content:
    meta = " · ".join(v for v in (article.source, article.byline, article.date or "no date", f"{article.words} words") if v)
    parts: list = [(article.title, "bold"), "\n", (meta, "dim")]
    if article.url:
        parts += ["\n", (article.url, "dim italic")]
    for problem in article.problems:
        parts += ["\n", ("⚠ " + problem, "$warning")]
    return Content.assemble(*parts)


class ArticleText(TextArea):
    """Read-only, soft-wrapped article text with vim-style scrolling keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False,
                         highlight_cursor_line=False, id=id)


class Reader(Vertical):
    """Heading plus text of the open article."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading the corpus…"), id="reader-heading")
        yield ArticleText(id="reader-text")

    def on_mount(self) -> None:
        self.border_title = "Article"

    def show_article(self, article: Article | None) -> None:
        heading = self.query_one("#reader-heading", Static)
        text = self.query_one(ArticleText)
        if article is None:
            heading.update(Content("No article"))
            text.load_text("")
            return
        heading.update(article_heading(article))
        text.load_text(article.text)
        text.move_cursor((0, 0))
        text.scroll_home(animate=False)
