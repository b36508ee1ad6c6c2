"""Full cycle collections wait for the end of a key: the app holds Python's automatic ones back while it
runs (and gives the thresholds back when it ends), and a key whose repaint is on screen runs one when
Python's default thresholds would have."""

from __future__ import annotations

import gc

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui import collector
from claimdesk.tui.app import ClaimdeskApp
from session_helpers import app_ready


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def middle_collections(count: int) -> None:
    """``count`` collections of the young and middle generations (each one counts towards a full one)."""
    for _ in range(count):
        gc.collect(1)


def test_a_full_collection_runs_only_once_it_is_due(thresholds):
    gc.collect()
    middle_collections(collector.EVERY - 1)
    assert not collector.collect_if_due()
    assert gc.get_count()[2] == collector.EVERY - 1
    middle_collections(1)
    assert collector.collect_if_due()
    assert gc.get_count()[2] == 0


def test_nothing_is_collected_while_the_collector_is_off(thresholds):
    gc.collect()
    middle_collections(collector.EVERY)
    gc.disable()
    try:
        assert not collector.collect_if_due()
    finally:
        gc.enable()
    assert gc.get_count()[2] == collector.EVERY


def test_holding_leaves_the_young_generations_alone(thresholds):
    collector.hold_full_collections()
    young, middle, full = gc.get_threshold()
    assert (young, middle) == thresholds[:2]
    assert full == collector.AT_MOST


async def test_the_app_collects_in_full_after_a_key_and_restores_the_thresholds(tmp_path, warm_cache, thresholds):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            assert gc.get_threshold()[2] == collector.AT_MOST
            gc.collect()
            middle_collections(collector.EVERY)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert gc.get_count()[2] < collector.EVERY  # collected after the key (not left for 100 more)
        assert gc.get_threshold() == thresholds
