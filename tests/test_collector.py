"""The cycle collector's middle and oldest generations wait for a pause between keys: the app holds
Python's automatic collections of them back while it runs (and gives the thresholds back when it ends),
and collects them once keys pause, when Python's default thresholds would have."""

from __future__ import annotations

import gc

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui import collector
from claimdesk.tui.app import BETWEEN_KEYS_SECONDS, ClaimdeskApp
from session_helpers import app_ready


@pytest.fixture
def thresholds():
    """Python's thresholds, given back after the test (and the collector on during it, as it was after)."""
    before, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    yield before
    gc.set_threshold(*before)
    if not enabled:
        gc.disable()


def collections(generation: int, count: int) -> None:
    """``count`` collections of ``generation`` (each one counts towards one of the generation above)."""
    for _ in range(count):
        gc.collect(generation)


def test_the_oldest_generation_is_collected_only_once_it_is_due(thresholds):
    gc.collect()
    collections(1, collector.EVERY - 1)
    assert collector.collect_if_due() is None
    assert gc.get_count()[2] == collector.EVERY - 1
    collections(1, 1)
    assert collector.collect_if_due() == 2
    assert gc.get_count()[1:] == (0, 0)


def test_the_middle_generation_is_collected_once_it_is_due(thresholds):
    gc.collect()
    collections(0, collector.EVERY)
    assert collector.collect_if_due() == 1
    assert gc.get_count()[1:] == (0, 1)  # (one towards the oldest, as Python's own collection counts it)


def test_nothing_is_collected_while_the_collector_is_off(thresholds):
    gc.collect()
    collections(1, collector.EVERY)
    gc.disable()
    try:
        assert collector.collect_if_due() is None
    finally:
        gc.enable()
    assert gc.get_count()[2] == collector.EVERY


def test_holding_leaves_the_young_generation_alone(thresholds):
    collector.hold_older_collections()
    assert gc.get_threshold() == (thresholds[0], collector.AT_MOST, collector.AT_MOST)


async def test_the_app_collects_after_a_key_and_restores_the_thresholds(tmp_path, warm_cache, thresholds):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            assert gc.get_threshold()[1:] == (collector.AT_MOST, collector.AT_MOST)
            gc.collect()
            collections(1, collector.EVERY)
            await pilot.press("right_square_bracket")
            await pilot.pause(BETWEEN_KEYS_SECONDS * 4)
            assert gc.get_count()[2] < collector.EVERY  # once keys paused (not left for 100 more)
        assert gc.get_threshold() == thresholds


async def test_with_no_key_what_is_due_is_collected_all_the_same(tmp_path, warm_cache, thresholds, monkeypatch):
    monkeypatch.setattr("claimdesk.tui.app.QUIET_COLLECT_SECONDS", 0.1)
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            gc.collect()
            collections(1, collector.EVERY)
            await pilot.pause(0.5)
            assert gc.get_count()[2] < collector.EVERY
