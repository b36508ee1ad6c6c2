"""Helpers shared by the export and import tests: the sample corpus extracted once per test run, a
review session with a known set of decisions, links and a cluster, and an app that opens the export
dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk.annotations.session import ReviewSession
from session_helpers import new_session


def reviewed_session(db: Path) -> ReviewSession:
    """A session with one claim of each decision, entity edits, a link across articles and a cluster.

    Article 3: claims[0] accepted, [1] rejected, [2] corrected (value 1,200; counted a formula), a claim
    added over "a fifth week"; entity 0 relabelled GPE, entity 1 removed, "Fighting" added as EVENT.
    Article 4: claims[0] accepted, linked "same" to article 3's claims[0]; both in cluster "c-troops".
    """
    session = new_session(db)
    corpus = session.corpus
    a, b = corpus.articles[3], corpus.articles[4]
    claims = session.claims(a.id)
    session.accept(claims[0])
    session.reject(claims[1])
    session.correct(claims[2], dict(claims[2].fields, value="1,200", counted="=HYPERLINK(\"http://x\")"))
    start = a.text.index("a fifth week")
    session.add_claim(a.id, start, start + len("a fifth week"), {"value": "5", "counted": "weeks",
                                                                  "predicate": "grinding on"})
    entities = session.entities(a.id)
    session.relabel_entity(entities[0], "GPE")
    session.remove_entity(entities[1])
    session.add_entity(a.id, 0, len("Fighting"), "EVENT")
    other = session.claims(b.id)[0]
    session.accept(other)
    session.store.add_link(claims[0].id, other.id, "same", a_article=a.id, b_article=b.id, cluster="c-troops")
    session.store.set_cluster("c-troops", "Su-25s downed", claims=[claims[0].id, other.id])
    session.refresh()
    return session


@pytest.fixture
def reviewed(tmp_path):
    """:func:`reviewed_session` on a store in ``tmp_path``, closed after the test (import it as a fixture)."""
    session = reviewed_session(tmp_path / "review.json")
    yield session
    session.store.close()


@pytest.fixture
def fresh(tmp_path):
    """A session over a new, empty store (reviewer "bob") to import into."""
    session = new_session(tmp_path / "fresh.json", reviewer="bob")
    yield session
    session.store.close()


def export_harness(session, directory):
    """A tiny app that opens the export dialog at start and keeps what it is dismissed with (``outcomes``)."""
    from textual.app import App

    from claimdesk.tui.screens.export_dialog import ExportScreen

    class Harness(App):
        def __init__(self):
            super().__init__()
            self.outcomes: list = []

        def on_mount(self) -> None:
            self.push_screen(ExportScreen(session, directory=directory), self.outcomes.append)

    return Harness()
