"""A full disk never crashes the app nor drops a decision (issue 14): the store keeps what it could not
write in memory; the app says so first in the status bar, keeps working, retries on a timer and at the
next key, and quits with decisions unsaved only when told twice."""

from __future__ import annotations

import errno
import os

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui import app as app_module
from claimdesk.tui.app import ClaimdeskApp
from session_helpers import app_ready as ready

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


class Disk:
    """The journal's writes (``os.pwrite``) fail with ENOSPC while ``full``."""

    def __init__(self, monkeypatch):
        self.full = False
        self.refused = 0
        real = os.pwrite

        def pwrite(fd, data, offset):
            if self.full:
                self.refused += 1
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(fd, data, offset)

        monkeypatch.setattr(os, "pwrite", pwrite)


def status(app) -> str:
    return app.query_one("#status").render().plain


@pytest.fixture
def disk(monkeypatch):
    monkeypatch.setattr(app_module, "RETRY_SECONDS", 0.2, raising=False)
    return Disk(monkeypatch)


async def test_decisions_on_a_full_disk_are_kept_said_retried_and_saved(tmp_path, disk):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            first, second = app.session.claims(app.review.article.id)[:2]
            disk.full = True
            await pilot.press("a")
            assert app.is_running and store.pending == 1
            assert status(app).startswith("claimdesk   Disk full: 1 decision not yet saved; retrying")
            assert app.session.claim(first.article, first.id).status == "accepted"  # shown as made
            assert app.review.selected_claim == second.id  # and the review moves on
            await pilot.press("a")
            assert "Disk full: 2 decisions not yet saved; retrying" in status(app)
            refused = disk.refused
            await pilot.press("n")  # any key tries again
            assert disk.refused > refused and store.pending == 2
            await pilot.pause(0.5)  # and so does the timer
            assert disk.refused > refused + 1
            disk.full = False
            await pilot.pause(0.5)
            assert store.pending == 0 and "Disk full" not in status(app)
            assert any(n.message.startswith("Saved: the 2 decisions kept in memory are on disk now")
                       for n in app._notifications)
    with open_store(tmp_path / "review.json", read_only=True) as reopened:
        assert {d["id"]: d["status"] for d in reopened.claims()} == {first.id: "accepted", second.id: "accepted"}


async def test_q_with_unsaved_decisions_asks_again(tmp_path, disk):
    store = open_store(tmp_path / "review.json", reviewer="ana")
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        disk.full = True
        await pilot.press("a", "q")
        assert app.is_running
        assert any(n.title == "Not quitting" and "press q again to quit and lose it" in n.message
                   for n in app._notifications)
        disk.full = False
        await pilot.press("q")  # the key saved it first: nothing is lost, it quits
        await pilot.pause()
        assert not app.is_running and store.pending == 0
    store.close()
    disk.full = True
    store = open_store(tmp_path / "review.json", reviewer="ana")
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("r", "q", "q")  # told twice: quits, the decision lost, the file free
        await pilot.pause()
        assert not app.is_running and store.pending == 0
    disk.full = False
    with open_store(tmp_path / "review.json", reviewer="bob") as reopened:  # no stale lock, nothing half-written
        assert [d["status"] for d in reopened.claims()] == ["accepted"]
