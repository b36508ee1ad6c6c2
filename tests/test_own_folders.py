"""claimdesk never reads its own files as corpus files: the user data, cache and state folders and the
annotation file and index in use are left out of the corpus folder they lie in (the loader, the index,
``claimdesk articles`` and the app's skipped-files report)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.corpus import corpus_files, load_corpus
from claimdesk.annotations.pipeline import index_for, open_index
from claimdesk.annotations.store import default_db_path, open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main
from session_helpers import app_ready

ARTICLES = {
    "buses.txt": "Council buys buses\n\nThe council approved 40 new buses on Tuesday, officials said.\n",
    "news/bridge.txt": "Bridge reopens\n\nThe bridge reopened after 3 months of repairs, the city said.\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A corpus folder holding claimdesk's own data, cache and state folders (XDG_* point into it)."""
    root = tmp_path / "corpus"
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    for var, folder in (("XDG_DATA_HOME", "my-data"), ("XDG_CACHE_HOME", "my-cache"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(root / folder))
    return root


def decide_something(corpus) -> None:
    """An annotation file in the data folder, an index in the cache folder: both inside the corpus."""
    with open_store(default_db_path(corpus), corpus=corpus, reviewer="ana") as store:
        article = load_corpus(corpus).articles[0]
        store.add_entity(article.id, make_selector(article.text, 0, 7), "ORG")
        open_index(corpus, store).close()
    assert {p.name for p in (corpus / "my-data").rglob("*")} and {p.name for p in (corpus / "my-cache").rglob("*")}


def test_the_loader_and_the_index_leave_out_the_data_and_cache_folders(corpus):
    decide_something(corpus)
    loaded = load_corpus(corpus)
    assert sorted(a.path for a in loaded.articles) == sorted(ARTICLES) and loaded.skipped == []
    assert [p.relative_to(corpus).as_posix() for p in corpus_files(corpus)] == sorted(ARTICLES)
    with open_store(default_db_path(corpus), corpus=corpus, read_only=True) as store, \
            open_index(corpus, store) as index:
        assert index.count() == 2 and index.skipped() == []


def test_an_annotation_file_and_index_in_use_inside_the_corpus_are_left_out(corpus, tmp_path):
    with open_store(corpus / "review.json", corpus=corpus, reviewer="ana") as store:
        store.add_entity("x", make_selector("The text", 0, 3), "ORG")

        with index_for(corpus, store, cache_dir=corpus / "cache") as index:
            index.sync()
            index.sync()
            assert index.count() == 2 and index.skipped() == []
        loaded = load_corpus(corpus)
        assert sorted(a.path for a in loaded.articles) == sorted(ARTICLES) and loaded.skipped == []


def test_articles_command_lists_no_own_file_as_skipped(corpus, capsys):
    decide_something(corpus)
    assert main(["articles", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "skipped" not in captured.err and "2 articles, 0 skipped" in captured.out


async def test_the_app_reports_no_own_file_as_skipped(corpus):
    decide_something(corpus)
    with open_store(default_db_path(corpus), corpus=corpus, reviewer="ana") as store:
        app = ClaimdeskApp(corpus, store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            assert len(app.session.articles) == 2 and list(app.session.corpus.skipped) == []
            assert not [n for n in app._notifications if n.title == "Skipped files"]
