"""Helpers for the learned-rule tests: one parse cache for the whole run (the model parses each text
once), sessions over a store on the samples or on small made-up articles, and an app that opens one
dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from claimdesk.annotations.article import Article
from claimdesk.annotations.corpus import Corpus
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.session import ReviewSession
from session_helpers import RUN_CACHE, samples, session_over


def extractor() -> Extractor:
    """A fresh extractor (no rules) over the run's parse cache."""
    return Extractor(cache_dir=RUN_CACHE)


def made_up(*texts: str) -> Corpus:
    """A corpus of small articles, one per text (paths a.txt, b.txt, …)."""
    articles = [Article(path=f"{chr(97 + i)}.txt", title=f"Article {chr(65 + i)}", text=text, date="2020-10-09")
                for i, text in enumerate(texts)]
    return Corpus(root=Path("made-up"), articles=articles)


def session_on(corpus: Corpus, db: Path) -> tuple[ReviewSession, Extractor]:
    """A session on ``corpus`` over a new store at ``db``, every article extracted, and its extractor.
    Close its store."""
    session = session_over(corpus, db)
    return session, session.extractor


@pytest.fixture(name="session")
def sample_session(tmp_path):
    """Fixture ``session``: a session on the samples over a new store, its extractor as ``session.extractor``
    (import ``sample_session`` into a test module to use it)."""
    session, _ = session_on(samples(), tmp_path / "review.json")
    yield session
    session.store.close()


@pytest.fixture
def open_session(tmp_path):
    """``open_session(*texts)``: a session on small made-up articles and its extractor (stores closed after)."""
    opened = []

    def make(*texts):
        session, ex = session_on(made_up(*texts), tmp_path / f"review{len(opened)}.json")
        opened.append(session)
        return session, ex

    yield make
    for session in opened:
        session.store.close()


def article_of(session: ReviewSession, prefix: str):
    return next(a for a in session.articles if a.path.startswith(prefix))


def entity_of(session: ReviewSession, prefix: str, text: str, label: str | None = None):
    """The first entity written ``text`` (with ``label``) in the article whose path starts with ``prefix``."""
    article = article_of(session, prefix)
    return next(e for e in session.entities(article.id) if e.text == text and label in (None, e.label))


def claim_of(session: ReviewSession, prefix: str, text: str):
    article = article_of(session, prefix)
    return next(c for c in session.claims(article.id) if c.text == text)


def labels_of(session: ReviewSession, text: str) -> list[str]:
    """The labels of every entity written exactly ``text``, over the corpus."""
    return [e.label for a in session.articles for e in session.extraction(a.id).entities if e.text == text]


def relabel_proposal(session: ReviewSession, ex: Extractor, prefix: str = "001", text: str = "Nagorno-Karabakh",
                     label: str = "GPE", model_label: str = "ORG"):
    """Relabel the first ``text`` entity labelled ``model_label`` in article ``prefix``; the proposed rule."""
    from claimdesk.annotations.rules import propose_for_relabel

    entity = entity_of(session, prefix, text, model_label)
    session.relabel_entity(entity, label)
    return propose_for_relabel(session, entity, label, extractor=ex)


async def settle(pilot) -> None:
    """Wait until the workers are done and the screen has caught up (a worker may start another)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


class DialogHarness(App):
    """A tiny app that opens one dialog screen and keeps what it was dismissed with (``outcome``)."""

    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.outcome = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self._done)

    def _done(self, outcome) -> None:
        self.outcome = outcome

