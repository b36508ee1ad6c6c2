"""The reader: an article's heading, its clean text with entities and claims highlighted, and a legend.

The text sits in a read-only TextArea, which shows it as plain text (never markup), wraps it to the
pane, and gives a real cursor: ``v`` starts a keyboard selection that the usual movement keys (and
shift+arrows) extend, for adding the claims and entities the extractor missed.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static, TextArea

from claimdesk.annotations.article import Article

from .highlight import CLAIM_MARKS, SELECTED, SELECTED_ENTITY, LineSpans, Mark, entity_style, legend


def article_heading(article: Article, position: str = "", width: int = 0) -> Content:
    """The title (wrapped), then one line each for the outlet, byline, date, length and position, the URL,
    and each problem — cut with … to ``width`` cells (0: not cut), so the text keeps the room."""

    def line(text: str, style: str) -> Content:
        content = Content.styled(text, style)
        return content.truncate(width, ellipsis=True) if width and content.cell_length > width else content

    meta = " · ".join(v for v in (article.source, article.byline, article.date or "no date",
                                  f"{article.words} words", position) if v)
    lines = [Content.styled(article.title, "bold"), line(meta, "dim")]
    if article.url:
        lines.append(line(article.url, "dim italic"))
    lines += [line("⚠ " + problem, "$warning") for problem in article.problems]
    return Content("\n").join(lines)


class ArticleText(TextArea):
    """Read-only, soft-wrapped article text with highlighted spans and a keyboard selection mode."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False,
                         highlight_cursor_line=False, id=id)
        self.spans = LineSpans("")
        self.marks: list[Mark] = []
        self.selecting = False

    def load_article_text(self, text: str) -> None:
        self.selecting = False
        self.spans = LineSpans(text)
        self.marks = []
        self.load_text(text)

    def _refresh_size(self) -> None:
        """TextArea's, without laying the whole screen out when a new text only changes the area's scroll
        height: Textual lays the screen out for every new virtual size (about half of what ``]`` cost).
        When the vertical scrollbar comes or goes (the text's width changes), it lays out as before."""
        if not self.soft_wrap or not self.is_mounted:
            super()._refresh_size()
            return
        size = Size(0, self.wrapped_document.height)
        if size == self.virtual_size:
            return
        had_scrollbar = self.show_vertical_scrollbar
        self.set_reactive(Widget.virtual_size, size)
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar != had_scrollbar:
            self.refresh(layout=True)
        else:
            self._scroll_update(size)  # the scrollbar's length, and the scroll offset within the new height
            self.refresh()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = list(marks)
        self.spans.set_marks(marks)  # (a line's marks are in its key: only the lines whose marks changed are drawn)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """TextArea's screen line, kept under a key of what it shows: its part of a paragraph, the marks
        over that part, and the cursor and selection only where they touch it. (TextArea's own key holds
        the whole selection when the text wraps, so every cursor move — each ``n``, ``a`` and ``]`` —
        drew every line on screen again.)"""
        absolute_y = self.scroll_offset.y + y
        wrapped = self.wrapped_document
        if not self.soft_wrap or not 0 <= absolute_y < len(wrapped._offset_to_line_info) or not self.document.text:
            return super().render_line(y)
        line_index, section = place = wrapped._offset_to_line_info[absolute_y]
        offsets = wrapped.get_offsets(line_index)
        first = offsets[section - 1] if section else 0
        last = offsets[section] if section < len(offsets) else math.inf  # (the last part holds the cursor's cell)
        start, end = selection = self.selection
        top, bottom = sorted(selection)
        bracket = self._matching_bracket_location
        key = (
            "part", self.size, self.scroll_offset.x, absolute_y, place, first, last,
            tuple(m for m in self.spans.marks_of(line_index) if m[0] < last and m[1] > first),
            selection if start != end and top[0] <= line_index <= bottom[0] else None,
            (end, self._draw_cursor, start == end, bracket) if end[0] == line_index and first <= end[1] < last
            else None,
            (bracket, start == end) if bracket is not None and bracket[0] == line_index and first <= bracket[1] < last
            else None,
            end[0] == line_index if self.highlight_cursor_line else None,
            self.theme, self.match_cursor_bracket, self.show_cursor, self.has_focus, self.read_only,
            self.show_line_numbers, self.suggestion,
        )
        cached = self._line_cache.get(key)
        if cached is None:
            cached = self._line_cache[key] = self._render_line(y)
        return cached

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, style in self.spans.marks_of(line_index):
            line.stylize(style, start, end)
        return line

    # -- offsets -----------------------------------------------------------------------------------

    @property
    def cursor_offset(self) -> int:
        return self.spans.offset(self.cursor_location)

    def move_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Put the cursor at ``offset``, scrolling only as far as needed to show it (``center``: centred)."""
        self.move_cursor(self.spans.location(offset), center=center)

    @property
    def selected_span(self) -> tuple[int, int]:
        """The keyboard selection as text offsets (start < end), or (n, n) when there is none."""
        a, b = (self.spans.offset(loc) for loc in self.selection)
        return (a, b) if a <= b else (b, a)

    # -- the selection mode: movement keys extend the selection while it is on --------------------

    def start_selecting(self) -> None:
        self.selecting = True

    def stop_selecting(self) -> None:
        self.selecting = False
        self.move_cursor(self.cursor_location)  # collapse the selection

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        super().action_cursor_word_left(select or self.selecting)

    def action_cursor_word_right(self, select: bool = False) -> None:
        super().action_cursor_word_right(select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)


class Reader(Vertical):
    """Heading, text and legend of the open article."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading the corpus…"), id="reader-heading")
        yield ArticleText(id="reader-text")
        yield Static(Content(""), id="reader-legend")

    def on_mount(self) -> None:
        self.border_title = "Article"
        self.article: Article | None = None
        self.position = ""
        self._legend_labels: list[str] | None = None

    def on_resize(self) -> None:
        if self.article is not None:
            self.show_heading()

    @property
    def text_area(self) -> ArticleText:
        return self.query_one(ArticleText)

    def show_article(self, article: Article | None, position: str = "") -> bool:
        """Show an article at its top; True when the heading changes height (the text's pane is resized
        once the screen is laid out again)."""
        heading = self.query_one("#reader-heading", Static)
        text = self.text_area
        self.article, self.position = article, position
        if article is None:
            heading.update(Content("No article"))
            text.load_article_text("")
            return True
        resized = self.show_heading(keep_height=True)
        text.load_article_text(article.text)
        text.move_cursor((0, 0))
        text.scroll_home(animate=False)
        return resized

    def show_heading(self, *, keep_height: bool = False) -> bool:
        """Show the heading; True when its height changes. ``keep_height``: a shorter heading than the one
        shown keeps its height (blank lines below), so that moving from article to article lays the screen
        out only when a heading needs more lines than any before it (a layout costs a third of a key)."""
        heading = self.query_one("#reader-heading", Static)
        width = heading.content_region.width
        content = article_heading(self.article, self.position, width)
        height, shown = (content.get_height(heading.styles, width) if width else 0), heading.content_region.height
        if keep_height and width and height < shown:
            content = Content("\n").join([content, *[Content("")] * (shown - height)])
            height = shown
        same_height = bool(width) and height == shown
        heading.update(content, layout=not same_height)  # a layout re-renders the whole screen, twice
        return not same_height

    def show_annotations(self, claims, entities, *, selected_claim: str | None = None,
                         selected_entity: str | None = None) -> None:
        """Highlight ``entities`` (visible ones) and ``claims`` (by status); the selected one in reverse."""
        marks = [Mark(e.start, e.end, entity_style(e.label)) for e in entities if e.visible]
        for claim in claims:
            marks.append(Mark(claim.start, claim.end, CLAIM_MARKS.get(claim.status, CLAIM_MARKS["pending"])[1]))
        for e in entities:
            if e.id == selected_entity:
                marks.append(Mark(e.start, e.end, entity_style(e.label) + SELECTED_ENTITY))
        for claim in claims:
            if claim.id == selected_claim:
                marks.append(Mark(claim.start, claim.end, SELECTED))
        area = self.text_area
        if marks != area.marks:
            area.set_marks(marks)
        labels = sorted({e.label for e in entities if e.visible})
        if labels != self._legend_labels:
            self._legend_labels = labels
            self.query_one("#reader-legend", Static).update(legend(labels), layout=False)  # one line
