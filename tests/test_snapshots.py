"""Snapshot tests of the layout (pytest-textual-snapshot). Update with `pytest --snapshot-update`."""

from __future__ import annotations

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


class SnapshotApp(ClaimdeskApp):
    """The app with a fixed database label (the real path is a temporary folder)."""

    @property
    def db_label(self) -> str:
        return "~/.local/share/claimdesk/stores/sample_corpus.json"


@pytest.fixture
def app(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="reviewer") as store:
        yield SnapshotApp(store=store, reviewer="reviewer")


async def loaded(pilot) -> None:
    await app_ready(pilot.app, pilot)


async def reviewed_a_little(pilot) -> None:
    await loaded(pilot)
    await pilot.press("a", "r")
    await pilot.app.workers.wait_for_complete()
    await pilot.press("w")  # (that rejection proposes no rule: it would change no other claim)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_main_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=reviewed_a_little)


def test_correction_form(snap_compare, app):
    async def open_form(pilot):
        await reviewed_a_little(pilot)
        await pilot.press("e")

    assert snap_compare(app, terminal_size=(120, 36), run_before=open_form)


def test_correction_form_with_errors_at_80x24(snap_compare, app):
    async def bad_value(pilot):
        await loaded(pilot)
        await pilot.press("e")
        pilot.app.screen.query_one("#field-value").value = "lots"
        pilot.app.screen.query_one("#field-unit").value = "kms"  # unknown: a suggestion
        await pilot.press("enter")

    assert snap_compare(app, terminal_size=(80, 24), run_before=bad_value)


def test_units_in_the_claims_pane_and_detail(snap_compare, app):
    async def percent_claim(pilot):
        await loaded(pilot)
        await pilot.press("right_square_bracket")  # the AFP article: distances, a share, a percentage
        review = pilot.app.review
        review.select_claim(next(c.id for c in pilot.app.session.claims(review.article.id) if c.unit == "percent"))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=percent_claim)


def test_help_screen(snap_compare, app):
    async def open_help(pilot):
        await loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=(120, 36), run_before=open_help)


def test_label_picker(snap_compare, app):
    async def open_picker(pilot):
        await reviewed_a_little(pilot)
        await pilot.press("t", "p")

    assert snap_compare(app, terminal_size=(120, 36), run_before=open_picker)
