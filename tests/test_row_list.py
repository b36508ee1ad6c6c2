"""The row list under the article list and the claims pane, and the claim detail pane: what a
reviewer sees and does with the keys and the mouse, and that a change repaints only what changed."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.content import Content

from claimdesk.tui.widgets.claim_detail import ClaimDetail
from claimdesk.tui.widgets.row_list import RowList


class ListApp(App):
    CSS_PATH = ["../tui/widgets/row_list.tcss"]
    CSS = "RowList { height: 8; width: 30; }"

    def __init__(self, rows: int, row_height: int = 1, header: bool = True) -> None:
        super().__init__()
        self.rows, self.row_height, self.with_header = rows, row_height, header
        self.moves: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowList(row_height=self.row_height, id="rows")

    def on_mount(self) -> None:
        rows = [Content(f"row {i}" + ("\n  second line" if self.row_height == 2 else "")) for i in range(self.rows)]
        self.query_one(RowList).set_rows(rows, highlighted=0,
                                         header=Content("Heading") if self.with_header else None)
        self.query_one(RowList).focus()

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        self.moves.append(message.index)


def screen_lines(widget) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


async def test_keys_move_the_highlight_and_scroll_under_a_pinned_heading():
    app = ListApp(rows=20)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        await pilot.pause()
        await pilot.press("j", "down")
        assert rows.highlighted == 2 and app.moves == [1, 2]
        await pilot.press("end")
        assert rows.highlighted == 19
        lines = screen_lines(rows)
        assert lines[0].startswith("Heading")  # the heading stays while the rows scroll
        assert lines[-1].startswith("row 19") and "row 0" not in "".join(lines)
        await pilot.press("home")
        assert rows.highlighted == 0 and screen_lines(rows)[1].startswith("row 0")
        await pilot.press("k")  # already at the top: nothing moves, nobody is told
        assert app.moves == [1, 2, 19, 0]
        await pilot.press("pagedown")
        assert rows.highlighted == 6  # a page is the rows shown, less one


async def test_rows_of_two_lines_and_a_click_selects_the_row_under_it():
    app = ListApp(rows=10, row_height=2, header=False)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        await pilot.pause()
        assert screen_lines(rows)[:4] == [t.ljust(30) for t in ("row 0", "  second line", "row 1", "  second line")]
        await pilot.click(RowList, offset=(3, 5))  # the second line of row 2
        assert rows.highlighted == 2 and app.moves == [2]


async def test_changing_a_row_repaints_that_row_alone():
    app = ListApp(rows=20)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        await pilot.pause()
        screen_lines(rows)  # draw everything once
        drawn = dict(rows._strips)
        rows.replace_row(3, Content("row three, changed"))
        assert set(rows._strips) == set(drawn) - {3}  # only row 3 must be drawn again
        assert all(rows._strips[i] is drawn[i] for i in rows._strips)
        assert screen_lines(rows)[4].startswith("row three, changed")
        rows.highlight(5)  # programmatic: redraws rows 0 and 5, tells nobody
        assert 0 not in rows._strips and 5 not in rows._strips and 1 in rows._strips
        assert app.moves == []


async def test_markup_in_a_row_is_shown_as_typed():
    app = ListApp(rows=1)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        rows.set_rows([Content("[bold]x[/] [@click=app.quit]")], highlighted=0)
        await pilot.pause()
        assert screen_lines(rows)[0].rstrip() == "[bold]x[/] [@click=app.quit]"


async def wheel_down(pilot, widget) -> None:
    """One notch of the mouse wheel over ``widget``, as the terminal reports it."""
    widget.post_message(events.MouseScrollDown(widget, 1, 1, 0, 1, 0, False, False, False))
    await pilot.pause()


class DetailApp(App):
    CSS = "ClaimDetail { height: 6; width: 30; }"

    def compose(self) -> ComposeResult:
        yield ClaimDetail(id="detail")


async def test_detail_that_does_not_fit_says_how_much_more_and_the_wheel_scrolls_it():
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        detail = app.query_one(ClaimDetail)
        detail.content = Content("\n".join(f"line {i}" for i in range(10)))
        detail.refresh()
        await pilot.pause()
        shown = detail.render().plain.splitlines()
        assert shown[:5] == [f"line {i}" for i in range(5)] and shown[5] == "↓ 5 more lines (scroll)"
        await wheel_down(pilot, detail)
        await pilot.pause()
        shown = detail.render().plain.splitlines()
        assert shown[0] == "↑ 2 more lines" and shown[1] == "line 2"
        for _ in range(5):
            await wheel_down(pilot, detail)
        await pilot.pause()
        shown = detail.render().plain.splitlines()
        assert shown[-1] == "line 9" and shown[0].startswith("↑")  # the end, and no further


def test_claim_columns_fit_the_pane_and_the_source_keeps_some_room():
    from claimdesk.tui.widgets.claims_pane import SOURCE_ROOM, column_widths

    rows = [("2,000-9,999", "demonstrators and more", "Armenia's defence ministry"), ("~6", "hours", "—")]
    assert column_widths(rows) == (11, 22)  # room enough: each as wide as its longest cell
    value, counted = column_widths(rows, room=40)
    assert value == 11 and 3 + value + 2 + counted + 2 == 40 - SOURCE_ROOM  # the counted column gave way
    assert column_widths(rows, room=20)[1] == 7  # never below a readable minimum


async def test_a_list_that_jumps_scrolls_half_a_list_when_the_highlight_leaves_it_and_less_at_the_ends():
    """(The article list: ``]`` on its bottom row would otherwise scroll, and draw every line, at every key.)"""
    app = ListApp(rows=30)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        rows.JUMP = 0.5
        await pilot.pause()
        visible = rows.scrollable_content_region.height - 1  # under the heading
        scrolls = []
        for _ in range(29):
            before = rows.scroll_offset.y
            await pilot.press("j")
            top = rows.scroll_offset.y
            assert top <= rows.highlighted < top + visible  # the highlighted row is always on screen
            if top != before:
                scrolls.append(top - before)
        assert rows.highlighted == 29 and rows.scroll_offset.y == 30 - visible  # not past the last row
        assert scrolls[0] == 1 + visible // 2 and len(scrolls) < 29 // (visible // 2) + 2  # not a row per key
        await pilot.press(*["k"] * 29)
        assert rows.highlighted == 0 and rows.scroll_offset.y == 0
        rows.JUMP = 0.0
        await pilot.press(*["j"] * visible)
        assert rows.scroll_offset.y == 1  # without: the least scroll that shows the row
