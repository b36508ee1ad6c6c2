"""Helpers for the link tests: the samples extracted once per run, sessions over a store, the issue's pairs,
the benchmarks' synthetic corpus and all-pairs ranking, and an app that opens one dialog."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen

from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.session import ReviewSession
from session_helpers import new_session

BENCH = Path(__file__).resolve().parent.parent / "bench" / "links.py"
sys.path.insert(0, str(BENCH.parent))  # bench/links_corpus.py imports bench/make_corpus.py by name
from links_allpairs import all_pairs_ranking  # noqa: E402, F401  (the ranking used before blocking: the reference)
from links_corpus import synthetic_session  # noqa: E402


def _load_bench():
    """bench/links.py, where the issue's pairs and their top-3 check are defined once."""
    spec = importlib.util.spec_from_file_location("bench_links", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench_links = _load_bench()
claim_of = bench_links.find_claim  # the claim written TEXT in the article whose path starts with PREFIX


def generated_session(articles: int, store=None) -> ReviewSession:
    """A session over ``articles`` generated articles (the samples' claims varied as bench/make_corpus.py does)."""
    samples = new_session(None)
    return synthetic_session([samples.extraction(a.id) for a in samples.articles], articles, store=store)


@pytest.fixture
def session(tmp_path):
    """A session on the extracted samples over a new store (import this fixture into a test module)."""
    session = new_session(tmp_path / "review.json")
    yield session
    session.store.close()


@pytest.fixture
def index(session):
    from claimdesk.annotations.links import SuggestionIndex

    return SuggestionIndex.build(session)


# The quantities the sample articles report again and again, linked as a reviewer links them: (claim, claim, type).
ISSUE_LINKS = [
    (("003", "90"), ("004", "at least 91"), "update"),
    (("000", "31"), ("003", "90"), "update"),
    (("003", "1,119"), ("004", "1,166"), "update"),
    (("000", "376"), ("001", "350"), "contradicts"),
    (("003", "nearing 5,000"), ("004", "nearing 5,000"), "same"),
]


def link_issue_clusters(session: ReviewSession) -> dict[tuple[str, str], ReviewClaim]:
    """Link :data:`ISSUE_LINKS`; the claims linked, by (article prefix, text)."""
    from claimdesk.annotations.links import link

    claims = {key: claim_of(session, *key) for left, right, _ in ISSUE_LINKS for key in (left, right)}
    for left, right, link_type in ISSUE_LINKS:
        link(session, claims[left], claims[right], link_type)
    return claims


class DialogHarness(App):
    """A tiny app that opens one dialog screen and keeps what it was dismissed with (``outcome``)."""

    TITLE = "claimdesk"
    OPEN = "still open"

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.dialog = screen
        self.outcome = self.OPEN

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.closed)

    def closed(self, result) -> None:
        self.outcome = result
