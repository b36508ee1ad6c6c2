"""A keyboard list of fixed-height rows drawn line by line, with an optional header that stays put.

The article list and the claims pane are built on it. Textual's OptionList and DataTable re-render
every visible row (and re-measure every row) when one changes; here changing a row or moving the
highlight repaints only the rows concerned, which keeps a keypress cheap. Rows are
:class:`~textual.content.Content` (never markup); a row taller than ``row_height`` lines is cut, a
line wider than the list ends in an ellipsis (``text-wrap: nowrap``). The rows are a list
(:meth:`RowList.set_rows`), or virtual: a subclass overrides :attr:`RowList.row_count` and
:meth:`RowList.row` and calls :meth:`RowList.reset`, and only the rows on screen are ever asked for.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


class RowList(ScrollView, can_focus=True):
    """Rows of ``row_height`` lines; the reviewer moves a highlight over them."""

    COMPONENT_CLASSES = {"row-list--row", "row-list--header", "row-list--highlighted"}
    JUMP = 0.0  # the share of the rows on screen scrolled past the highlight, when it leaves the screen
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(-1)", "Last", show=False),
    ]

    class Highlighted(Message):
        """The reviewer moved the highlight (keys or mouse) to ``index``."""

        def __init__(self, row_list: RowList, index: int) -> None:
            self.row_list = row_list
            self.index = index
            super().__init__()

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, row_height: int = 1, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_height = row_height
        self.rows: list[Content] = []
        self.header: Content | None = None
        self.highlighted: int | None = None
        self._strips: dict[int, tuple[tuple, list[Strip]]] = {}  # row -> (how it was drawn, its lines)
        self._title_text: str | None = None

    # -- content ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> Content:
        """Row ``index`` (0 <= index < :attr:`row_count`)."""
        return self.rows[index]

    def set_rows(self, rows: list[Content], highlighted: int | None = None, *,
                 header: Content | None = None) -> None:
        """Replace every row (and the header); keep ``highlighted`` in view. Posts nothing."""
        self.rows = list(rows)
        self.reset(highlighted, header=header)

    def reset(self, highlighted: int | None = None, *, header: Content | None = None) -> None:
        """Every row may have changed (and the header): draw them again; keep ``highlighted`` in view."""
        self.header = header
        self._strips.clear()
        count = self.row_count
        self.highlighted = None if not count or highlighted is None else max(0, min(highlighted, count - 1))
        self._fit_virtual_size()
        self.refresh()
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_row, self.highlighted)
        else:
            self.scroll_to(y=0, animate=False)

    def replace_row(self, index: int, row: Content) -> None:
        """Change one row; only its lines are repainted."""
        if 0 <= index < len(self.rows) and row != self.rows[index]:
            self.rows[index] = row
            self.redraw_row(index)

    def redraw_row(self, index: int) -> None:
        """Row ``index`` changed (a virtual row): repaint its lines only."""
        self._strips.pop(index, None)
        self._refresh_row(index)

    def set_title(self, title: str) -> None:
        """The border title, as plain text (never markup). Set only when it changes: setting it repaints
        every line of the list."""
        if title != self._title_text:
            self._title_text = title
            self.border_title = Content(title)

    # -- the highlight ---------------------------------------------------------------------------

    def highlight(self, index: int | None, *, post: bool = False, scroll: bool = True) -> None:
        """Move the highlight to ``index`` (clamped); ``post`` tells listeners of a move, as a reviewer's
        move does."""
        if index is not None:
            if not self.row_count:
                return
            index = max(0, min(index, self.row_count - 1))
        previous, self.highlighted = self.highlighted, index
        if previous != index:
            for changed in (previous, index):
                if changed is not None:
                    self._strips.pop(changed, None)
                    self._refresh_row(changed)
        if index is not None:
            if scroll:
                self.scroll_to_row(index)
            if post and previous != index:
                self.post_message(RowList.Highlighted(self, index))  # not a subclass's own Highlighted

    def scroll_to_row(self, index: int) -> None:
        """Scroll the least needed to show row ``index`` whole, and :attr:`JUMP` of the rows on screen
        further (up to the ends)."""
        top = self._header_lines + index * self.row_height
        bottom = top + self.row_height
        visible = self.scrollable_content_region.height - self._header_lines
        extra = int(visible * self.JUMP) // self.row_height * self.row_height
        y = self.scroll_offset.y
        if top - self._header_lines < y:
            y = max(0, top - self._header_lines - extra)
        elif bottom > y + self._header_lines + visible:
            y = min(bottom - visible - self._header_lines + extra,
                    self._header_lines + self.row_count * self.row_height - visible)
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        if self.row_count:
            start = self.highlighted if self.highlighted is not None else (-1 if step > 0 else self.row_count)
            self.highlight(start + step, post=True)

    def action_page(self, direction: int) -> None:
        page = max(1, (self.scrollable_content_region.height - self._header_lines) // self.row_height - 1)
        self.action_move(direction * page)

    def action_edge(self, index: int) -> None:
        if self.row_count:
            self.highlight(index % self.row_count, post=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._header_lines:
            return
        index = (offset.y + self.scroll_offset.y - self._header_lines) // self.row_height
        if 0 <= index < self.row_count:
            self.highlight(index, post=True)

    # -- drawing ---------------------------------------------------------------------------------

    @property
    def _header_lines(self) -> int:
        return 1 if self.header is not None else 0

    def _fit_virtual_size(self) -> None:
        """Rows that fit keep the virtual height at the list's own (a new virtual size costs a layout)."""
        height = max(self._header_lines + self.row_count * self.row_height, self.scrollable_content_region.height)
        if self.virtual_size.height != height:
            self.virtual_size = Size(0, height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_virtual_size()
        if self.highlighted is not None:
            self.scroll_to_row(self.highlighted)

    def _refresh_row(self, index: int) -> None:
        self.refresh_lines(self._header_lines + index * self.row_height, self.row_height)

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _draw(self, content: Content, lines: int, component: str) -> list[Strip]:
        width = self.scrollable_content_region.width
        style = self.get_visual_style("row-list--row", component) if component else self.get_visual_style("row-list--row")
        strips = Visual.to_strips(self, content, width, lines, style)
        blank = Strip.blank(width, style.rich_style)
        strips = [strip.extend_cell_length(width, style.rich_style).crop(0, width) for strip in strips]
        return strips + [blank] * (lines - len(strips))

    def _row_strips(self, index: int) -> list[Strip]:
        component = "row-list--highlighted" if index == self.highlighted else ""
        how = (component, self.scrollable_content_region.width, self.has_focus)  # focus restyles the highlight
        cached = self._strips.get(index)
        if cached is None or cached[0] != how:
            cached = (how, self._draw(self.row(index), self.row_height, component))
            self._strips[index] = cached
        return cached[1]

    def render_line(self, y: int) -> Strip:
        if self.header is not None and y == 0:
            return self._draw(self.header, 1, "row-list--header")[0]
        line = self.scroll_offset.y + y - self._header_lines
        index, offset = divmod(line, self.row_height)
        if 0 <= index < self.row_count:
            return self._row_strips(index)[offset]
        width = self.scrollable_content_region.width
        return Strip.blank(width, self.get_visual_style("row-list--row").rich_style)
