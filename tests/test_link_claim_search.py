"""The link picker's corpus search (core, no Textual): the articles the index finds first, then the rest of
its matches and those it cannot answer for; the same claims as a walk over every article; only claims
matching every word, never a skipped or rejected one; at most ``limit``; stopped when asked; the articles
read follow the matches, not the corpus."""

from __future__ import annotations

import re

import pytest

from claimdesk.annotations.extract import ArticleExtraction, Claim
from claimdesk.annotations.index import CorpusIndex
from claimdesk.annotations.index.search import is_word_char, starts_words
from claimdesk.annotations.index.session_results import StoredExtractions
from claimdesk.annotations.indexed_corpus import IndexedCorpus
from claimdesk.annotations.links.claim_search import articles_in_order, haystack, matches, matching_claims, typed_words
from claimdesk.annotations.links.timeline import mention
from claimdesk.annotations.pipeline import extract_into, extractor_for, indexed_session
from claimdesk.annotations.session import ReviewSession
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


def test_the_index_answers_for_the_articles_whose_claims_it_holds(indexed):
    last = list(indexed.articles)[-1]
    word = only_in(indexed, last)
    assert [a.id for a in articles_in_order(indexed, word)] == [last.id]  # not the other articles


def walked(session, typed: str) -> set[str]:
    """The claims matching ``typed`` found by walking every extracted article (what the index must match)."""
    words = typed_words(typed)
    return {c.id for a in session.articles if session.extracted(a.id) for c in session.claims(a.id)
            if c.status != "rejected" and matches(words, haystack(mention(c, a)))}


def found(session, typed: str) -> set[str]:
    return {m.claim.id for batch in matching_claims(session, typed, limit=10**6) for m, _ in batch}


def queries(session) -> list[str]:
    """Words of every part of a claim's haystack, as a reviewer types them: whole, begun, mixed-case, two at
    once, numbers with their commas, its value as described ("at least 91"), date and outlet."""
    out = ["troops", "KILL", "140,000", "000", "14", "1,1", "per", "%", "at least", "said police", "-"]
    for article in list(session.articles)[:3]:
        for claim in session.claims(article.id)[:4]:
            m = mention(claim, article)
            out += [m.value, m.value[:3], m.date, m.date[:7], m.outlet, m.source,
                    str(claim.fields.get("counted") or "")[:4], claim.sentence.split()[-1]]
    return [q for q in out if q.strip()]


def test_the_index_finds_what_a_walk_over_every_article_finds(indexed):
    claims = [c for a in indexed.articles for c in indexed.claims(a.id)]
    indexed.correct(claims[0], {**claims[0].fields, "counted": "zebras"})  # no longer what the index holds
    for typed in [*queries(indexed), "zebras"]:
        assert found(indexed, typed) == walked(indexed, typed), typed
    assert found(indexed, "zebras")


def test_claims_start_words_as_the_index_tokenises_them():
    assert starts_words(["troop", "11,0"], "some 11,000 troops") and not starts_words(["roops"], "troops")
    assert starts_words([",000"], "140,000") and starts_words(["000"], "140,000")
    assert starts_words(["bar"], "foo_bar") and not is_word_char("_")  # "_" parts words for SQLite's tokenizer
    assert not starts_words(["troops"], "paratroops and more paratroops")


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


def fake_results(index, key: str) -> None:
    """One claim per article (no model: what is searched is the point), stored in the index under ``key``."""
    results = []
    for article in index.articles():
        at = article.text.index("Some")
        sentence = article.text[at:article.text.index(".", at) + 1]
        number = sentence.split()[1]
        results.append(ArticleExtraction(article=article, claims=[Claim(
            id=f"c-{article.id}", start=at + 5, end=at + 5 + len(number), text=number, sentence=sentence,
            value=int(number), approx="exact", counted="troops", predicate="crossed", source="officials",
            date="2020-10-03")], entities=[], dropped=[]))
    index.put_extractions(key, results)


def corpus_of(folder, size: int, rare_at: int):
    folder.mkdir(parents=True)
    for i in range(size):
        word = "zanzibar" if i == rare_at else "river"
        (folder / f"{i:04}.txt").write_text(f"Report {i}\n\nBy Ann Lee for AP\n\nOctober 3, 2020\n\n"
                                             f"Some {i + 10} troops crossed the {word}, officials said.\n", "utf-8")
    return folder


@pytest.mark.parametrize("size", [60, 240])
def test_a_rare_word_reads_its_matches_not_the_corpus(tmp_path, size):
    """Articles walked and SQLite steps for a word in one article: the same at 60 and 240 articles."""
    root = corpus_of(tmp_path / "corpus", size, rare_at=size // 2)
    with open_store(tmp_path / "review.json", corpus=root, reviewer="ana") as store, \
            CorpusIndex(root, path=tmp_path / "i.sqlite") as index:
        index.sync()
        fake_results(index, "k")
        corpus = IndexedCorpus(index, store)
        results = StoredExtractions(index, "k", corpus.by_id)
        results.adopt(index.extracted_ids("k"))
        session = ReviewSession(corpus, store, extractions=results)
        read, steps = [], [0]
        claims = session.claims
        session.claims = lambda article_id, status=None: read.append(article_id) or claims(article_id, status)
        index._read.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1), 100)
        hits = [m.claim.text for batch in matching_claims(session, "zanzibar") for m, _ in batch]
        index._read.set_progress_handler(None, 0)
        assert hits == [str(size // 2 + 10)]
        assert len(read) == 1, read  # the article that has it: not the other 59 or 239
        assert steps[0] < 60, steps  # SQLite's steps, in hundreds: a few, whatever the corpus's size
        # an article extracted in the session and not stored yet is walked: the index cannot answer for it
        unstored = list(session.articles)[3]
        session.set_extraction(ArticleExtraction(article=unstored, claims=[Claim(
            id="c-new", start=0, end=1, text="7", sentence="7 zanzibar ferries sailed.", value=7, approx="exact",
            counted="ferries", predicate="sailed", source="", date="")], entities=[], dropped=[]))
        assert sorted(m.claim.id for batch in matching_claims(session, "zanzibar") for m, _ in batch) == \
            sorted(["c-new", f"c-{list(session.articles)[size // 2].id}"])
