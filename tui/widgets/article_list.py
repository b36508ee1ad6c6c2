"""The article list: title, outlet, date and review progress of every listed article; highlighting one opens it.

The list is virtual: it holds a source of rows (:mod:`claimdesk.annotations.article_rows`: the
corpus index under the reviewer's filters, or a small corpus in memory) and reads the rows it draws
a page at a time, so a corpus of any size lists at once and only what is on screen is ever read.
"""

from __future__ import annotations

from collections import OrderedDict

from textual.content import Content
from textual.message import Message

from claimdesk.annotations.article_rows import Listed

from .row_list import RowList

PAGE = 64  # rows read from the source at a time
PAGES_KEPT = 32  # pages kept (the rows around the ones on screen)
SHOWN_PAUSE = 0.15  # seconds of quiet scrolling before the rows on screen are announced


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


def article_prompt(article: Listed, progress: tuple[int, int] | None = None) -> Content:
    """Two lines: a progress mark and the title, then "source · date · reviewed/claims" — never markup."""
    glyph, style = progress_mark(progress)
    count = f"{progress[0]}/{progress[1]}" if progress is not None else ""
    meta = " · ".join(v for v in (article.source, article.date or "no date") if v)
    return Content.assemble((glyph, style), " ", (article.title, "bold"), "\n  ", (meta, "dim"),
                            ("  " + count, style) if count else "")


class ArticleList(RowList):
    """The listed articles, two lines each; posts :class:`ArticleList.Chosen` when the reviewer moves to
    another one (the app's own moves post nothing), and :class:`ArticleList.Shown` with the articles on
    screen once scrolling pauses."""

    class Chosen(Message):
        def __init__(self, article: Listed) -> None:
            self.article = article
            super().__init__()

    class Shown(Message):
        """These articles are on screen now (extract them first)."""

        def __init__(self, article_ids: list[str]) -> None:
            self.article_ids = article_ids
            super().__init__()

    # ``]`` at the bottom row scrolls half a list at once, not a row at every key (each scroll draws every
    # line of the list and its scroll bar again: a fifth of the key)
    JUMP = 0.5

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(row_height=2, id=id)
        self.source = None  # IndexRows or MemoryRows
        self.progress: dict[str, tuple[int, int]] = {}  # (reviewed, claims) of the articles known so far
        self.total = 0  # articles in the corpus (the list's count when it is not filtered)
        self._count = 0
        self._pages: OrderedDict[int, list[Listed]] = OrderedDict()
        self._row_of: dict[str, int] = {}  # article id -> row, for the rows read
        self._shown_timer = None
        self.set_title("Articles")

    # -- the rows --------------------------------------------------------------------------------

    def show(self, source, selected: str | None = None, *, total: int | None = None, label: str = "") -> None:
        """List the rows of ``source`` (``total``: the corpus's articles, when the list is filtered;
        ``label``: the filters, for the title), the highlight on article ``selected`` if it is listed, else
        on the first row."""
        self.source = source
        self._pages.clear()
        self._row_of.clear()
        self._count = source.count()
        self.total = self._count if total is None else total
        position = source.position(selected) if selected is not None else None
        self.reset(position if position is not None else 0)
        shown = f"{self._count:,}" if self._count == self.total else f"{self._count:,} of {self.total:,}"
        self.set_title(f"Articles {shown}" + (f" · {label}" if label else ""))
        self._announce_later()

    @property
    def row_count(self) -> int:
        return self._count

    def listed(self, index: int) -> Listed | None:
        """The article on row ``index`` (read with its page), or None past the end."""
        if not 0 <= index < self._count or self.source is None:
            return None
        number = index // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self.source.rows(number * PAGE, PAGE)
            self._pages[number] = page
            for offset, row in enumerate(page):
                self._row_of[row.id] = number * PAGE + offset
            while len(self._pages) > PAGES_KEPT:
                _, old = self._pages.popitem(last=False)
                for row in old:
                    self._row_of.pop(row.id, None)
        else:
            self._pages.move_to_end(number)
        offset = index - number * PAGE
        return page[offset] if offset < len(page) else None

    def row(self, index: int) -> Content:
        article = self.listed(index)
        if article is None:
            return Content("")
        return article_prompt(article, self.progress.get(article.id))

    def set_progress(self, article_id: str, progress: tuple[int, int]) -> None:
        """Update one article's mark (repaints its two lines only, if it is read)."""
        if self.progress.get(article_id) == progress:
            return
        self.progress[article_id] = progress
        index = self._row_of.get(article_id)
        if index is not None:
            self.redraw_row(index)

    # -- the highlight ---------------------------------------------------------------------------

    @property
    def current(self) -> Listed | None:
        return self.listed(self.highlighted) if self.highlighted is not None else None

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        article = self.listed(event.index)
        if article is not None:
            self.post_message(self.Chosen(article))

    def position_of(self, article_id: str) -> int | None:
        """The row of an article (None: not listed)."""
        index = self._row_of.get(article_id)
        return index if index is not None else (self.source.position(article_id) if self.source else None)

    def go_to(self, article_id: str) -> None:
        """Highlight an article the app opened (tells nobody)."""
        index = self.position_of(article_id)
        if index is not None and index != self.highlighted:
            self.highlight(index)

    def neighbour(self, step: int) -> Listed | None:
        """The article ``step`` rows from the highlighted one (None past either end)."""
        if self.highlighted is None:
            return None
        return self.listed(self.highlighted + step) if self.highlighted + step >= 0 else None

    # -- what is on screen -----------------------------------------------------------------------

    def shown_ids(self) -> list[str]:
        """The ids of the articles on screen now."""
        height = max(1, self.scrollable_content_region.height)
        first = self.scroll_offset.y // self.row_height
        rows = (self.listed(i) for i in range(first, min(self._count, first + height // self.row_height + 1)))
        return [row.id for row in rows if row is not None]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._announce_later()

    def _announce_later(self) -> None:
        if self._shown_timer is not None:
            self._shown_timer.stop()
        self._shown_timer = self.set_timer(SHOWN_PAUSE, self._announce)

    def _announce(self) -> None:
        self._shown_timer = None
        if self.is_attached and self._count:
            self.post_message(self.Shown(self.shown_ids()))
