"""What the review app needs of the corpus index: a corpus read from it page by page as the in-memory one
reads, an index another process is writing never taken for a damaged one, the list's order walked a page
at a time, and per-article review counts (core, no Textual)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from claimdesk.annotations.article_rows import IndexRows, MemoryRows
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.index import CorpusIndex, Filter, schema
from claimdesk.annotations.indexed_corpus import IndexedCorpus
from claimdesk.annotations.pipeline import chrome_patterns, decided_claims, extractor_for, indexed_session, load
from claimdesk.annotations.store import open_store
from session_helpers import RUN_CACHE, samples_as_files


@pytest.fixture
def folder(tmp_path):
    return samples_as_files(tmp_path / "corpus")


def test_an_index_another_process_is_writing_is_waited_for_never_rebuilt(folder, tmp_path, monkeypatch):
    path = tmp_path / "index.sqlite"
    with CorpusIndex(folder, path=path) as index:
        index.sync()
        count = index.count()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a sync
    writer.execute("UPDATE meta SET value = value")
    opened = sqlite3.connect
    monkeypatch.setattr(schema.sqlite3, "connect", lambda *args, **kwargs: opened(*args, **{**kwargs, "timeout": 0.1}))
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        CorpusIndex(folder, path=path)
    writer.execute("ROLLBACK")
    writer.close()
    with CorpusIndex(folder, path=path) as index:
        assert index.count() == count  # the same file, every row still there


class NoFileno:
    """Standard error as Textual replaces it while an app runs: ``fileno()`` is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_many_files_synced_inside_a_running_app_are_read_here_when_processes_cannot_start(folder, tmp_path,
                                                                                          monkeypatch):
    from multiprocessing import resource_tracker

    from claimdesk.annotations.corpus import parallel

    monkeypatch.setattr(parallel, "PARALLEL_FILES", 4)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 2)
    monkeypatch.setattr(resource_tracker._resource_tracker, "_fd", None)  # (started again: with the bad stderr)
    monkeypatch.setattr(resource_tracker._resource_tracker, "_pid", None)
    monkeypatch.setattr("sys.stderr", NoFileno())
    with CorpusIndex(folder, path=tmp_path / "index.sqlite") as index:
        assert index.sync().read == 5
        assert index.corpus().articles == load_corpus(folder).articles


@pytest.fixture
def marked(folder, tmp_path):
    """(folder, store) with a paragraph of one article marked as chrome."""
    store = open_store(tmp_path / "review.json", corpus=folder, reviewer="ana")
    article = load_corpus(folder).articles[2]
    paragraph = article.text.split("\n\n")[1]
    start = article.text.index(paragraph)
    from claimdesk.annotations.chrome_marks import mark_paragraph
    from claimdesk.annotations.session import ReviewSession

    mark_paragraph(ReviewSession(load(folder, store), store), article.id, start + 1)
    yield folder, store
    store.close()


def synced_index(folder, store, tmp_path) -> CorpusIndex:
    """The index of ``folder`` read with ``store``'s chrome lines, synced (to close)."""
    index = CorpusIndex(folder, extra_boilerplate=chrome_patterns(store), path=tmp_path / "i.sqlite")
    index.sync()
    return index


def test_an_indexed_corpus_reads_as_the_loaded_one_with_marked_paragraphs_cut(marked, tmp_path):
    folder, store = marked
    loaded = load(folder, store)
    with synced_index(folder, store, tmp_path) as index:
        corpus = IndexedCorpus(index, store, keep=2)
        assert len(corpus.articles) == len(loaded.articles) == 5
        assert list(corpus.articles) == loaded.articles  # iterated a batch at a time, the mark's paragraph cut
        assert corpus.articles[2] == loaded.articles[2] and corpus.articles[-1] == loaded.articles[-1]
        assert corpus.ids() == loaded.ids() and set(corpus.marks()) == {loaded.articles[2].id}
        for article in reversed(loaded.articles):  # more than it keeps: read again from the index
            assert corpus.by_id(article.id) == article and corpus.by_path(article.path) == article
        assert corpus.by_id("nope") is None and corpus.by_path("nope.txt") is None
        with pytest.raises(IndexError):
            corpus.articles[5]
        changed = replace(loaded.articles[0], text="Another text.")
        corpus.replace(changed)  # (a paragraph marked in the session)
        assert corpus.by_id(changed.id).text == "Another text." and next(iter(corpus.articles)).text == "Another text."


def test_an_indexed_corpus_reads_the_stores_marks_once_not_once_per_article(marked, tmp_path, monkeypatch):
    folder, store = marked
    loaded = load(folder, store)
    asked = []
    boilerplate = store.boilerplate
    monkeypatch.setattr(store, "boilerplate", lambda article_id=None: asked.append(article_id) or boilerplate(article_id))
    with synced_index(folder, store, tmp_path) as index:
        corpus = IndexedCorpus(index, store, keep=2)
        assert list(corpus.articles) == loaded.articles  # each article shown with its marks
        for article in reversed(loaded.articles):  # more than it keeps: read and shown again
            assert corpus.by_id(article.id) == article
        assert asked == [None]  # the store's marks read once, not once per article shown


def test_a_new_mark_shows_once_the_article_is_replaced_and_goes_when_undone(marked, tmp_path):
    from claimdesk.annotations.chrome_marks import after_history, mark_paragraph
    from claimdesk.annotations.session import ReviewSession

    folder, store = marked
    loaded = load(folder, store)
    with synced_index(folder, store, tmp_path) as index:
        corpus = IndexedCorpus(index, store, keep=1)
        session = ReviewSession(corpus, store)
        assert list(corpus.articles) == loaded.articles and set(corpus.marks()) == {loaded.articles[2].id}
        article = loaded.articles[0]
        paragraph = article.text.split("\n\n")[1]
        cut = mark_paragraph(session, article.id, article.text.index(paragraph) + 1)
        assert paragraph not in cut.text
        assert set(corpus.marks()) == {article.id, loaded.articles[2].id}  # read again after replace()
        assert [a.text for a in corpus.articles][:3] == [cut.text, loaded.articles[1].text, loaded.articles[2].text]
        session.undo()
        assert after_history(session, session.last_change) == [article.id]
        assert set(corpus.marks()) == {loaded.articles[2].id}
        assert corpus.by_id(article.id) == article and next(iter(corpus.articles)) == article


@pytest.mark.parametrize("way", ["app", "paged", "whole"])
def test_every_way_into_a_session_over_the_index_takes_the_stored_results_but_a_cut_articles(marked, tmp_path,
                                                                                               way):
    """The app's session, a paged command's and a whole-corpus command's count the index's results as
    extracted, save the article whose marked paragraph is cut: its stored result is of the uncut text."""
    from claimdesk.annotations.pipeline import extract_into, open_review, stored_results

    folder, store = marked
    cut = load(folder, store).articles[2]
    with synced_index(folder, store, tmp_path) as index:
        extractor = extractor_for(store, model="blank", cache_dir=tmp_path)
        index.put_extractions(extractor.results_key, [r for _, r in extractor.iter_extract(index.corpus().articles)])
        assert stored_results(index, store, None, lambda _id: None) is None
        if way == "app":
            session = indexed_session(index, store, extractor)
            assert set(session.results) == set(index.ids()) - {cut.id}
            for _ in extract_into(session, extractor, index=index, articles=[cut]):
                pass
        else:
            session = open_review(folder, store, model="blank", cache_dir=tmp_path, index=index, paged=way == "paged")
        assert session.extracted_count == 5
        assert session.extraction(cut.id).article == cut == session.article(cut.id)  # of the cut text


def test_rows_of_the_index_and_in_memory_list_and_walk_alike(folder, tmp_path):
    articles = load_corpus(folder).articles
    with CorpusIndex(folder, path=tmp_path / "i.sqlite") as index:
        index.sync()
        rows, memory = IndexRows(index), MemoryRows(articles)
        assert rows.count() == memory.count() == 5
        assert [r.id for r in rows.rows(1, 3)] == [a.id for a in memory.rows(1, 3)]
        assert rows.position(articles[3].id) == memory.position(articles[3].id) == 3
        ids = [a.id for a in articles]
        assert list(rows.around(ids[1])) == list(memory.around(ids[1])) == ids[2:] + ids[:1]
        assert list(rows.around(ids[1], -1)) == list(memory.around(ids[1], -1)) == [ids[0], *ids[:1:-1]]
        assert list(rows.around(None)) == ids
        index.set_assigned(ids[1::2])  # a filtered list is walked by the corpus order of its articles
        mine = IndexRows(index, Filter(assigned=True))
        assert mine.count() == 2 and list(mine.around(ids[2])) == [ids[3], ids[1]]


def test_pages_of_the_walk(folder, tmp_path, monkeypatch):
    from claimdesk.annotations import article_rows

    monkeypatch.setattr(article_rows, "PAGE", 2)  # five articles: three pages each way
    ids = [a.id for a in load_corpus(folder).articles]
    with CorpusIndex(folder, path=tmp_path / "i.sqlite") as index:
        index.sync()
        assert list(IndexRows(index).around(ids[0])) == ids[1:]
        assert list(IndexRows(index).around(ids[4], -1)) == ids[3::-1]


def test_an_indexed_session_counts_stored_results_and_reviews_as_they_are(folder, tmp_path):
    from claimdesk.annotations.pipeline import extract_into, open_review

    with open_store(tmp_path / "review.json", corpus=folder, reviewer="ana") as store, \
            CorpusIndex(folder, path=tmp_path / "i.sqlite") as index:
        index.sync()
        extractor = extractor_for(store, cache_dir=RUN_CACHE)
        first = indexed_session(index, store, extractor)
        assert first.extracted_count == 0 and first.extractor is extractor
        for _ in extract_into(first, extractor, index=index, articles=list(first.articles)[:3]):
            pass
        again = indexed_session(index, store, extractor_for(store, cache_dir=RUN_CACHE))  # a second start
        assert again.extracted_count == 3  # read back from the index, no parse
        article = again.articles[0]
        claims = again.claims(article.id)
        again.accept(claims[0])
        again.reject(claims[1])
        index.set_decided(decided_claims(store))
        counts = index.review_counts()
        assert set(counts) == {a.id for a in list(again.articles)[:3]}
        assert counts[article.id] == again.progress(article.id) == (2, len(claims))
        plain = open_review(folder, store, cache_dir=RUN_CACHE)
        assert again.claims(article.id) == plain.claims(article.id)
