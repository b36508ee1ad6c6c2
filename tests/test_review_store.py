"""`claimdesk review` opens the annotation store: default per corpus, read-only beside a writer, never over a corrupt file."""

from __future__ import annotations

from claimdesk.annotations.corpus import bundled_corpus_path
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main
from claimdesk.tui.cli.review import open_review_store


def test_default_store_is_one_file_per_corpus_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_review_store(None, bundled_corpus_path(), "ana")
    try:
        assert store.path.is_relative_to(tmp_path / "data" / "claimdesk")
        assert not store.read_only and store.reviewer == "ana"
    finally:
        store.close()


def test_second_session_gets_the_holder_named_and_a_read_only_store(tmp_path, capsys):
    db = tmp_path / "review.json"
    with open_store(db, corpus=bundled_corpus_path(), reviewer="first"):
        second = open_review_store(db, bundled_corpus_path(), "second")
        try:
            assert second.read_only
        finally:
            second.close()
    err = capsys.readouterr().err
    assert "opening it read-only" in err and "pid" in err


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
