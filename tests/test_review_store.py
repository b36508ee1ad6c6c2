"""`claimdesk review` opens the annotation store: default per corpus, read-only beside a writer, never over a corrupt file."""

from __future__ import annotations

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path
from claimdesk.annotations.pipeline import open_review_store
from claimdesk.annotations.session import ReadOnlyError, ReviewSession
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main


def test_default_store_is_one_file_per_corpus_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_review_store(None, bundled_corpus_path(), "ana")
    try:
        assert store.path.is_relative_to(tmp_path / "data" / "claimdesk")
        assert not store.read_only and store.reviewer == "ana"
    finally:
        store.close()


def test_second_session_gets_a_read_only_store_whose_writes_name_the_holder(tmp_path, sample_corpus):
    db = tmp_path / "review.json"
    with open_store(db, corpus=bundled_corpus_path(), reviewer="first"):
        second = open_review_store(db, bundled_corpus_path(), "second")
        try:
            assert second.read_only
            session = ReviewSession(sample_corpus, second)
            with pytest.raises(ReadOnlyError, match=r"another session holds it \(pid \d+ on .* by first, since"):
                session.add_entity(sample_corpus.articles[0].id, 0, 5, "ORG")
        finally:
            second.close()


def test_review_says_who_holds_the_file_before_the_app_opens(tmp_path, monkeypatch, capsys):
    db = tmp_path / "review.json"
    ran = []
    monkeypatch.setattr(ClaimdeskApp, "run", lambda app: ran.append(app.store.read_only))
    with open_store(db, corpus=bundled_corpus_path(), reviewer="first"):
        assert main(["review", "--db", str(db)]) == 0
    assert ran == [True]
    err = capsys.readouterr().err
    assert "another session holds it (pid" in err and "by first" in err and "nothing you do will be saved" in err


def test_corrupt_store_exits_2_and_is_left_as_it_is(tmp_path, capsys):
    db = tmp_path / "review.json"
    db.write_text("{ this is not json")
    assert main(["review", "--db", str(db)]) == 2
    assert str(db) in capsys.readouterr().err
    assert db.read_text() == "{ this is not json"


async def test_status_bar_names_the_database_and_the_reviewer(tmp_path):
    with open_store(tmp_path / "review.json", corpus=bundled_corpus_path(), reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            status = app.query_one("#status").render().plain
            assert "review.json" in status and "reviewer ana" in status and "bundled samples" in status
