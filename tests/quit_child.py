"""Run by tests/test_app_quit.py in a child process: the review app, headless, with one background job
made slow (30 s), and ``q`` pressed while it runs. Prints when it pressed ``q``; the parent times the exit.

    python quit_child.py load|extract|rank
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time

from claimdesk.annotations import pipeline
from claimdesk.annotations.index import CorpusIndex
from claimdesk.annotations.links import SuggestionIndex
from claimdesk.tui.app import ClaimdeskApp

SLOW_SECONDS = 30.0
started = threading.Event()


def working(progress, seconds: float = SLOW_SECONDS) -> None:
    """Work for ``seconds``, reporting progress as the core's loops do (every 20 ms)."""
    started.set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.02)
        progress()


def slow_sync(index, progress=None):
    working(lambda: progress(0, 1, "file") if progress else None)
    raise AssertionError("the slow load was never cancelled")


def slow_extract(session, extractor, *, progress=None, cancelled=lambda: False, **kwargs):
    started.set()
    time.sleep(SLOW_SECONDS)  # as a model load or a batch of parses: nothing can interrupt it
    yield from ()


def slow_build(cls, session, progress=None):
    working(lambda: progress(0, 1, "link suggestions") if progress else None)
    raise AssertionError("the slow ranking was never cancelled")


def main(scenario: str) -> None:
    if scenario == "load":
        pipeline.load_cached = lambda *args, **kwargs: None  # read the corpus in the worker
        CorpusIndex.sync = slow_sync
    elif scenario == "extract":
        pipeline.extract_into = slow_extract
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()  # no result stored in an index: every article to extract
    elif scenario == "rank":
        SuggestionIndex.build = classmethod(slow_build)

    async def quit_while_it_works(pilot) -> None:
        while not started.is_set():
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        print("QUIT", time.monotonic(), flush=True)
        await pilot.press("q")

    ClaimdeskApp().run(headless=True, auto_pilot=quit_while_it_works)
    print("RETURNED", time.monotonic(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
