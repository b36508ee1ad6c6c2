"""The review app over the corpus index, driven by keys (Pilot): a list read a page at a time, the article
filters as index queries named in the list's title, search as you type in a worker, n and N walking the
index's pending filter, and extraction of what the reviewer opens before the rest, into the index."""

from __future__ import annotations

import threading

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.links import link
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.article_filters import DateRangeScreen, OutletPicker
from claimdesk.tui.screens.search import SearchScreen
from claimdesk.tui.widgets.article_list import PAGE, ArticleList
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as opened:
        yield opened


def listed(app) -> list:
    articles = app.query_one(ArticleList)
    return [articles.listed(i) for i in range(articles.row_count)]


def title(app) -> str:
    return app.query_one(ArticleList).border_title


async def test_filters_are_index_queries_each_with_its_key_and_named_in_the_title(store):
    samples = load_corpus(bundled_corpus_path()).articles
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app_ready(app, pilot)
        assert title(app) == "Articles 5"
        await pilot.press("O")
        assert isinstance(app.screen, OutletPicker)
        await pilot.press(*"AP", "enter")  # typed to filter, then the first outlet left: AP
        assert {a.source for a in listed(app)} == {"AP"} and title(app) == "Articles 2 of 5 · AP"
        await pilot.press("D")
        assert isinstance(app.screen, DateRangeScreen)
        await pilot.press(*"2020-10", "down", *"2020-10-30", "enter")
        assert [a.date for a in listed(app)] == ["2020-10-29"]
        assert title(app) == "Articles 1 of 5 · AP · 2020-10-01…2020-10-30"
        await pilot.press("F")
        assert title(app) == "Articles 5" and len(listed(app)) == 5
        # pending only: an article whose every claim is decided leaves the list, and comes back on undo
        done = app.review.article.id
        for _ in app.session.claims(done):
            await pilot.press("a")
            await app.workers.wait_for_complete()
            if len(app.screen_stack) > 1:  # a rule proposed after a decision: not now
                await pilot.press("escape")
        await pilot.press("P")
        assert done not in {a.id for a in listed(app)} and title(app) == "Articles 4 of 5 · pending"
        await pilot.press("u")
        await pilot.press("P", "P")
        assert done in {a.id for a in listed(app)}
        await pilot.press("F")
        # contradictions only: the articles of a cluster with a contradicts link
        ap, moscow = (next(a for a in samples if a.source == source) for source in ("AP", "Moscow Times"))
        link(app.session, app.session.claims(ap.id)[0], app.session.claims(moscow.id)[0], "contradicts")
        await pilot.press("C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {a.id for a in listed(app)} == {ap.id, moscow.id} and title(app).endswith("· contradictions")
        await pilot.press("C")
        assert title(app) == "Articles 5"


async def test_a_bad_date_is_said_and_escape_keeps_the_filters(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app_ready(app, pilot)
        await pilot.press("D", *"Oct 2020", "enter")
        assert isinstance(app.screen, DateRangeScreen)
        assert "2020-10-05" in str(app.screen.query_one("#dates-error").render())
        await pilot.press("escape")
        assert title(app) == "Articles 5"


async def test_search_types_at_once_and_lists_ranked_articles_from_a_worker(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app_ready(app, pilot)
        await pilot.press("slash", *"Stepanak")
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.filter_box.value == "Stepanak"  # no key waited
        for _ in range(50):
            await pilot.pause(0.02)
            if screen.hits:
                break
        hits = screen.hits
        assert hits and all("stepanak" in (h.title + h.snippet).lower() for h in hits)
        assert all(h.snippet[s:e].lower().startswith("stepanak") for h in hits for s, e in h.marks)
        assert [h.rank for h in hits] == sorted(h.rank for h in hits)  # best first
        await pilot.press("enter")
        assert app.review.article.id == hits[0].id
        assert app.review.article.text[app.query_one("ArticleText").cursor_offset:].lower().startswith("stepanak")


async def test_typing_on_while_a_search_runs_lists_the_last_text_only(store, monkeypatch):
    """A search still running when typing goes on is dropped: only what the last text finds is listed."""
    searched, handed, gate = [], [], threading.Event()
    search, found = SearchScreen.search, SearchScreen.found

    def slow_search(screen, typed):
        searched.append(typed)
        if typed == "Mosc":
            gate.wait(10)  # still running while the rest is typed
        return search(screen, typed)

    monkeypatch.setattr(SearchScreen, "search", slow_search)
    monkeypatch.setattr(SearchScreen, "found", lambda screen, typed, *rest: handed.append(typed) or found(screen, typed, *rest))
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app_ready(app, pilot)
        await pilot.press("slash", *"Mosc")
        for _ in range(100):
            if "Mosc" in searched:
                break
            await pilot.pause(0.02)
        await pilot.press(*"ow Hosts")  # fast: one search once typing pauses, not one per letter
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert "Mosc" in searched and searched[-1] == "Moscow Hosts"
        assert "Mosc" not in handed and handed[-1] == "Moscow Hosts"  # what "Mosc" found never reached the list
        assert [h.id for h in screen.hits] == [h.id for h in search(screen, "Moscow Hosts")]
        assert len(screen.hits) < len(search(screen, "Mosc"))


async def test_the_opened_article_is_extracted_before_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(40):
        (corpus / f"{k:02d}.txt").write_text(f"Report {k}\n\nOfficials said {k + 3} people were hurt on Monday "
                                             f"and {k + 40} homes were damaged.\n", "utf-8")
    positions = Positions(tmp_path / "positions.json")
    positions.set(corpus, {"article": "33.txt", "claim": ""})  # where the reviewer left this corpus
    batches = []
    from claimdesk.annotations import pipeline

    original = pipeline.extract_into

    def spy(session, extractor, **kwargs):
        batches.append([a.path for a in kwargs["articles"]])
        return original(session, extractor, **kwargs)

    pipeline.extract_into = spy
    try:
        with open_store(tmp_path / "review.json", corpus=corpus, reviewer="ana") as store:
            app = ClaimdeskApp(corpus, store=store, model="blank", positions=positions)
            async with app.run_test(size=(120, 36)) as pilot:
                await app_ready(app, pilot)
                assert app.review.article.path == "33.txt"
                assert batches[0][0] == "33.txt"  # the open article first, then the rest in corpus order
                assert sorted(p for batch in batches for p in batch) == sorted(f"{k:02d}.txt" for k in range(40))
                session = app.session
                assert session.extracted_count == 40 and app.review.claim_total == sum(
                    len(session.claims(a.id)) for a in session.articles)
            batches.clear()
            app = ClaimdeskApp(corpus, store=store, model="blank", positions=positions)
            async with app.run_test(size=(120, 36)) as pilot:
                await app_ready(app, pilot)
                assert batches == [] and app.session.extracted_count == 40  # the next start reads them back
    finally:
        pipeline.extract_into = original


async def test_the_list_reads_only_the_pages_it_draws(tmp_path, monkeypatch):
    from claimdesk.annotations.index import CorpusIndex

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(300):
        (corpus / f"{k:03d}.txt").write_text(f"Story {k}\n\nThe council met {k} times.\n", "utf-8")
    asked = []
    rows = CorpusIndex.rows
    monkeypatch.setattr(CorpusIndex, "rows", lambda self, *a, **k: asked.append(k) or rows(self, *a, **k))
    with open_store(tmp_path / "review.json", corpus=corpus, reviewer="ana") as store:
        app = ClaimdeskApp(corpus, store=store, model="blank")
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            articles = app.query_one(ArticleList)
            assert articles.row_count == 300 and articles.border_title == "Articles 300"
            assert asked and all(k["limit"] == PAGE for k in asked)  # never every row at once
            articles.focus()
            await pilot.press("end")
            await pilot.pause()
            assert app.review.article.path == "299.txt"
            assert len(articles._pages) <= 2  # the first page, and the last
            session = app.session
            pending = [a.path for a in session.articles if any(c.status == "pending" for c in session.claims(a.id))]
            assert pending
            await pilot.press("N")  # the next article with pending claims: past the last, the first
            assert app.review.article.path == pending[0]
