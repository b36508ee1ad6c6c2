"""Moving between pending claims across articles, and searching the corpus (core, no Textual)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.navigation import IdOrder, next_article_with_pending, step_pending
from claimdesk.annotations.search import search
from session_helpers import new_session


@pytest.fixture
def session(tmp_path):
    session = new_session(tmp_path / "r.json")
    yield session
    session.store.close()


def test_step_pending_walks_forward_and_back_and_wraps(session):
    order = [a.id for a in session.articles]
    first = session.claims(order[0])
    assert step_pending(session, IdOrder(order), order[0], None) == (order[0], first[0].id)
    assert step_pending(session, IdOrder(order), order[0], first[0].id) == (order[0], first[1].id)
    assert step_pending(session, IdOrder(order), order[0], first[-1].id) == (order[1], session.claims(order[1])[0].id)
    assert step_pending(session, IdOrder(order), order[0], first[0].id, -1) == (order[-1], session.claims(order[-1])[-1].id)
    for claim in first[1:]:
        session.accept(claim)
    # the current claim is the only one left pending: n stays on it
    for aid in order[1:]:
        for claim in session.claims(aid):
            session.reject(claim)
    assert step_pending(session, IdOrder(order), order[0], first[0].id) == (order[0], first[0].id)
    session.accept(first[0])
    assert step_pending(session, IdOrder(order), order[0], first[0].id) is None
    assert next_article_with_pending(session, IdOrder(order), order[0]) is None


def test_next_article_with_pending_skips_finished_ones(session):
    order = [a.id for a in session.articles]
    for claim in session.claims(order[1]):
        session.accept(claim)
    assert next_article_with_pending(session, IdOrder(order), order[0]) == order[2]
    assert next_article_with_pending(session, IdOrder(order), order[-1]) == order[0]


def test_search_finds_claims_entities_and_text(session):
    hits = search(session, "1,166")
    assert hits and hits[0].kind == "claim" and hits[0].claim
    assert session.article(hits[0].article).text[hits[0].start:hits[0].end] == "1,166"
    entity_hits = [h for h in search(session, "Stepanakert") if h.kind == "entity"]
    assert entity_hits and all(h.detail for h in entity_hits)
    text_hits = search(session, "cathedral")
    assert text_hits and all("athedral" in h.snippet for h in text_hits if h.kind == "text")
    assert search(session, "   ") == []
    assert len(search(session, "the", limit=7)) == 7
