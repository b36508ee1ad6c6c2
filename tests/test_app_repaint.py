"""What a key repaints: the reader draws again only the screen lines whose text, marks, cursor or selection
changed, and every line it keeps is the line a fresh draw gives; a letter typed into the search, and its
results coming, lay nothing out; extraction in the background waits while keys come."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Static

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.search import SearchScreen
from claimdesk.tui.widgets.reader import ArticleText
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")

SIZE = (120, 60)
CHANGED = 8  # screen lines of the claim left and the claim selected (with the cursor), each on two lines at most


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as opened:
        yield opened


def shown(area: ArticleText) -> list[list]:
    """The reader's screen lines as they are drawn now (kept ones where kept)."""
    return [list(area.render_line(y)) for y in range(area.size.height)]


def drawn_fresh(area: ArticleText) -> list[list]:
    """The reader's screen lines drawn from nothing."""
    area._line_cache.clear()
    return shown(area)


def count_draws(area: ArticleText, monkeypatch) -> list[int]:
    """A counter of the screen lines the reader draws (not those it keeps)."""
    drawn = [0]
    draw = area._render_line

    def counted(y: int):
        drawn[0] += 1
        return draw(y)

    monkeypatch.setattr(area, "_render_line", counted)
    return drawn


async def test_moving_between_claims_draws_only_the_lines_that_changed(store, monkeypatch):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await app_ready(app, pilot)
        area = app.query_one(ArticleText)
        drawn = count_draws(area, monkeypatch)
        moves = []
        for _ in range(8):
            article, top = app.review.article.id, area.scroll_offset.y
            drawn[0] = 0
            await pilot.press("n")
            await pilot.pause()
            if app.review.article.id == article:  # the same text: the lines scrolled in, and those of the old
                revealed = min(area.size.height, abs(area.scroll_offset.y - top))  # and the new claim and cursor
                moves.append((drawn[0], revealed))
        assert len(moves) >= 3, moves
        assert all(drawn <= revealed + CHANGED for drawn, revealed in moves), moves  # (before: every line shown)
        assert any(revealed + CHANGED < area.size.height for _, revealed in moves), moves  # (a test that can fail)


async def test_every_line_the_reader_keeps_is_the_one_a_fresh_draw_gives(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await app_ready(app, pilot)
        area = app.query_one(ArticleText)
        steps = [("n",), ("n",), ("a",), ("r",), ("right_square_bracket",), ("n",), ("u",), ("tab",),
                 ("v", "right", "right", "right", "down"), ("escape",), ("shift+tab",), ("left_square_bracket",)]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            if len(app.screen_stack) > 1:  # a rule proposed after a rejection: not now
                await pilot.press("escape")
                await pilot.pause()
            assert shown(area) == drawn_fresh(area), keys


def count_layouts(monkeypatch) -> list[int]:
    """A counter of the times a screen is laid out (every widget placed again: a third of a key's time)."""
    laid_out = [0]
    lay_out = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        laid_out[0] += 1
        return lay_out(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return laid_out


async def test_typing_a_search_and_its_results_coming_lay_nothing_out(store, monkeypatch):
    monkeypatch.setattr(SearchScreen, "TYPING_PAUSE", 30.0)  # no search while typing: the letters alone
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await app_ready(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        laid_out = count_layouts(monkeypatch)
        for letter in "troops":
            await pilot.press(letter)
            await pilot.pause()
        assert screen.filter_box.value == "troops" and laid_out[0] == 0  # (before: one layout a letter)
        screen.refill()  # the results of what was typed
        await pilot.pause()
        found = screen.option_list.option_count
        assert found and screen.query_one("#search-count", Static).render().plain.startswith(str(found))
        laid_out[0] = 0
        screen.refill()  # results again, as many: the same lines (before: emptied, then filled, each laid out)
        await pilot.pause()
        assert screen.option_list.option_count == found and laid_out[0] == 0


def test_background_extraction_waits_while_keys_come(monkeypatch):
    from claimdesk.tui import app as app_module

    clock, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(app_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(app_module.time, "sleep", sleep)
    app, quitting = ClaimdeskApp(), [False]
    check = app.after_keys(lambda: quitting[0])  # what extraction asks between articles
    assert check() is False and slept == []  # no key yet: on at once
    app.key_at = clock[0]  # a key now: extraction waits until keys pause
    assert check() is False and sum(slept) >= app_module.KEY_QUIET_SECONDS
    slept.clear()
    app.key_at = clock[0]
    quitting[0] = True  # quitting: never a wait
    assert check() is True and slept == []
