"""The link picker's corpus search (core, no Textual): the articles the index finds first, then the rest;
only claims matching every word, never a skipped or rejected one; at most ``limit``; stopped when asked."""

from __future__ import annotations

import re

import pytest

from claimdesk.annotations.index import CorpusIndex
from claimdesk.annotations.links.claim_search import articles_in_order, matching_claims
from claimdesk.annotations.pipeline import extract_into, extractor_for, indexed_session
from claimdesk.annotations.store import open_store
from session_helpers import RUN_CACHE, samples_as_files


@pytest.fixture
def indexed(tmp_path):
    root = samples_as_files(tmp_path / "corpus")
    with open_store(tmp_path / "review.json", corpus=root, reviewer="ana") as store, \
            CorpusIndex(root, path=tmp_path / "i.sqlite") as index:
        index.sync()
        extractor = extractor_for(store, cache_dir=RUN_CACHE)
        session = indexed_session(index, store, extractor)
        for _ in extract_into(session, extractor, index=index, articles=list(session.articles)):
            pass
        yield session


def only_in(session, article) -> str:
    """A word of the article's text found in no other article (so the index finds this one only)."""
    others = " ".join(a.title + " " + a.text for a in session.articles if a.id != article.id).casefold()
    return next(w for w in re.findall(r"[a-z]{7,}", article.text.casefold()) if w not in others)


def test_the_articles_the_index_finds_come_first(indexed):
    last = list(indexed.articles)[-1]
    word = only_in(indexed, last)
    ordered = [a.id for a in articles_in_order(indexed, word)]
    assert ordered[0] == last.id and sorted(ordered) == sorted(a.id for a in indexed.articles)


def test_claims_match_every_word_and_skipped_ones_are_left_out(indexed):
    batches = list(matching_claims(indexed, "140,000"))
    found = [m for batch in batches for m, _ in batch]
    assert found and all("140,000" in text for batch in batches for _, text in batch)
    assert len({m.article.id for batch in batches for m, _ in batch[:1]}) == len(batches)  # a batch per article
    first = found[0].claim
    indexed.reject(first)
    after = [m.claim.id for batch in matching_claims(indexed, "140,000", skip={found[1].claim.id}) for m, _ in batch]
    assert first.id not in after and found[1].claim.id not in after and len(after) == len(found) - 2
    assert sum(len(b) for b in matching_claims(indexed, "000", limit=3)) == 3
    assert list(matching_claims(indexed, "   ")) == []


def test_the_search_stops_when_asked(indexed):
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    list(matching_claims(indexed, "the", stop=stop))
    assert len(asked) == 3  # asked before each article, stopped at the third
