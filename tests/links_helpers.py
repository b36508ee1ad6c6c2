"""Helpers for the link tests: the samples extracted once per run, sessions over a store, the issue's pairs."""

from __future__ import annotations

import functools
from pathlib import Path

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store

# The pairs named in issue 6, as (article prefix, claim text) twice: the same figure reported again
# (some 400 lives; nearing 5,000), updated (1,119 → 1,166; 31 → 90 → 91; 178 → 392 → 400) and
# contradicted (376 vs 350).
NAMED_PAIRS = [
    (("001", "some 400"), ("002", "some 400")),
    (("003", "1,119"), ("004", "1,166")),
    (("000", "31"), ("003", "90")),
    (("003", "90"), ("004", "at least 91")),
    (("000", "178"), ("003", "392")),
    (("003", "392"), ("004", "400")),
    (("000", "376"), ("001", "350")),
    (("003", "nearing 5,000"), ("004", "nearing 5,000")),
]


@functools.lru_cache(maxsize=1)
def sample_extractions() -> tuple:
    """The bundled corpus and its extraction (parsed once per test run)."""
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


def claim_of(session: ReviewSession, prefix: str, text: str) -> ReviewClaim:
    """The claim written ``text`` in the article whose path starts with ``prefix``."""
    article = next(a for a in session.articles if a.path.startswith(prefix))
    return next(c for c in session.claims(article.id) if c.text == text)
