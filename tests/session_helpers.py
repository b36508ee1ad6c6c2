"""Helpers shared by the tests: one parse cache for the run, review sessions opened the way the app
and every command open them (:func:`claimdesk.annotations.pipeline.open_review`), and waiting until
the app has loaded and extracted its corpus."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from claimdesk.annotations.corpus import Corpus, bundled_corpus_path, load_corpus
from claimdesk.annotations.pipeline import open_review
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store

RUN_CACHE = Path(tempfile.mkdtemp(prefix="claimdesk-test-parses-"))  # the model parses each text once per run
atexit.register(shutil.rmtree, RUN_CACHE, True)


@functools.lru_cache(maxsize=1)
def samples() -> Corpus:
    """The bundled corpus, read once per run."""
    return load_corpus(bundled_corpus_path())


def samples_as_files(root: Path) -> Path:
    """The bundled articles written to ``root`` (made) as plain-text files, title first: a corpus folder."""
    root.mkdir(parents=True, exist_ok=True)
    for number, sample in enumerate(samples().articles):
        (root / f"{number:02d}.txt").write_text(f"{sample.title}\n\n{sample.text}\n", "utf-8")
    return root


def session_over(corpus: Corpus, db: Path | None, reviewer: str = "ana", read_only: bool = False) -> ReviewSession:
    """A session on ``corpus``, every article extracted (``session.extractor``), over a store at ``db``
    (None: no annotation file). Close its store."""
    store = open_store(db, corpus=corpus.root, reviewer=reviewer, read_only=read_only) if db else None
    return open_review(corpus, store, cache_dir=RUN_CACHE)


def new_session(db: Path | None, reviewer: str = "ana", read_only: bool = False) -> ReviewSession:
    """A session on the extracted samples over a store at ``db`` (None: no store). Close its store."""
    return session_over(samples(), db, reviewer, read_only)


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
