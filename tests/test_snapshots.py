"""Snapshot tests of the layout (pytest-textual-snapshot). Update with `pytest --snapshot-update`."""

from __future__ import annotations

import pytest

from claimdesk.tui.app import ClaimdeskApp


async def loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_main_screen(snap_compare, size):
    assert snap_compare(ClaimdeskApp(reviewer="reviewer"), terminal_size=size, run_before=loaded)


def test_help_screen(snap_compare):
    async def open_help(pilot):
        await loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(ClaimdeskApp(reviewer="reviewer"), terminal_size=(120, 36), run_before=open_help)
