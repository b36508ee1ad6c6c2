"""Helpers shared by the tests: the samples extracted once per run, review sessions over a store, and
waiting until the app has loaded and extracted its corpus."""

from __future__ import annotations

import functools
from pathlib import Path

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store


@functools.lru_cache(maxsize=1)
def sample_extractions() -> tuple:
    """The bundled corpus and its extraction (the model parses it once per test run)."""
    from claimdesk.annotations.extract import Extractor

    corpus = load_corpus(bundled_corpus_path())
    return corpus, tuple(Extractor().extract(corpus.articles))


def new_session(db: Path | None, reviewer: str = "ana", read_only: bool = False) -> ReviewSession:
    """A session on the extracted samples over a store at ``db`` (None: no store). Close its store."""
    corpus, results = sample_extractions()
    store = open_store(db, corpus=corpus.root, reviewer=reviewer, read_only=read_only) if db else None
    session = ReviewSession(corpus, store)
    for result in results:
        session.set_extraction(result)
    return session


async def app_ready(app, pilot) -> None:
    """Wait until the app's corpus is loaded and every article extracted (both run in workers)."""
    for _ in range(600):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.session is not None and app.session.extracted_count == len(app.session.articles) \
                and not app.workers:
            await pilot.pause()
            return
    raise AssertionError("the app never finished loading")
