"""What a key repaints: the reader draws again only the screen lines whose text, marks, cursor or selection
changed, and every line it keeps is the line a fresh draw gives."""

from __future__ import annotations

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
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
