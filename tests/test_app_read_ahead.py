"""Moving to the next or previous article: what ``]`` and ``[`` need from the session is read once keys
pause (the neighbours' claims and entities), and each key reaches the screen in one update."""

from __future__ import annotations

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import BETWEEN_KEYS_SECONDS, ClaimdeskApp
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")


def count_updates(app) -> list[int]:
    """A counter of the screen updates the app sends to the terminal."""
    updates = [0]
    display = app._display

    def counted(screen, renderable) -> None:
        if renderable is not None:
            updates[0] += 1
        display(screen, renderable)

    app._display = counted
    return updates


async def test_the_neighbours_are_read_once_an_article_is_shown_and_each_key_is_one_update(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            screen, session = app.screen, app.session
            assert len(session.articles) >= 3
            await pilot.press("right_square_bracket")
            await pilot.pause()
            start = screen.article_list.position_of(screen.article.id)
            updates = count_updates(app)
            for step, key in ((1, "right_square_bracket"), (-1, "left_square_bracket")):
                session.refresh()  # nothing merged ahead of the key
                before = updates[0]
                await pilot.press(key)
                await pilot.pause()
                assert updates[0] - before == 1, f"{key} reached the screen in {updates[0] - before} updates"
                await pilot.pause(BETWEEN_KEYS_SECONDS * 4)
                neighbours = [screen.article_list.neighbour(s) for s in (1, -1)]
                for neighbour in filter(None, neighbours):
                    assert neighbour.id in session._claims and neighbour.id in session._entities
                assert screen.article_list.position_of(screen.article.id) == start + (step if step > 0 else 0)
