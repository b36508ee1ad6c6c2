"""Corrupt and foreign files are never overwritten; backups rotate; v0 and v1 files migrate; the journal replays."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.store import SCHEMA_VERSION, CorruptStoreError, open_store
from claimdesk.annotations.store.backup import list_backups
from claimdesk.annotations.store.journal import journal_path
from claimdesk.tui.cli import main

SELECTOR = {"position": {"start": 0, "end": 3}, "quote": {"exact": "400", "prefix": "", "suffix": " people"}}


@pytest.mark.parametrize("content", [
    b'{"claims": {"1": {"id": "c1"',  # truncated (what plain TinyDB leaves on a full disk)
    b"\xff\xfe not utf-8",
    b"[1, 2, 3]",  # JSON, not a database
    b'{"_default": {"1": {"name": "a shopping list"}}}',  # another app's TinyDB file
    b'{"meta": {"1": {"app": "other", "schema": 2}}}',
    b'{"meta": {"1": {"app": "claimdesk", "schema": 99}}}',  # from a newer claimdesk
    b'{"meta": {"1": {"app": "claimdesk", "schema": 2}}, "claims": {"1": {"status": "accepted"}}}',
])
def test_corrupt_or_foreign_file_is_never_overwritten(tmp_path, capsys, content):
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(path)
    assert caught.value.path == path and str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert not journal_path(path).exists() and list_backups(path) == []
    assert main(["db", "info", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and len(err.strip().splitlines()) == 1
    with open_store(tmp_path / "other.json"):  # the lock of the failed open was released
        pass
    with open_store(path.with_name("again.json")):
        pass


def test_only_a_missing_path_becomes_a_new_store(tmp_path):
    """(An empty, null or {} file is refused: tests/test_faults_store.py.)"""
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.accept("c1", "a1", SELECTOR)
    assert json.loads(path.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_backups_are_made_at_session_start_and_rotate_to_the_last_five(tmp_path):
    path = tmp_path / "db.json"
    for i in range(8):
        with open_store(path) as store:
            store.accept(f"c{i}", "a1", SELECTOR)
    backups = list_backups(path)
    assert len(backups) == 5 and all(b.name.endswith(".start") for b in backups)
    newest = json.loads(backups[-1].read_text())  # the file as it was when the last session started
    assert len(newest["claims"]) == 7


def test_v0_file_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "old.json"
    v0 = {"_default": {
        "1": {"claim_id": "c1", "article": "a1", "status": "accept", "user": "ana", "time": "2024-01-02T03:04:05Z",
              "start": 10, "end": 18, "quote": "some 400"},
        "2": {"claim_id": "c2", "article": "a1", "status": "correct", "fields": {"value": 31}, "user": "bo",
              "time": "2024-01-02T03:05:00Z", "start": 40, "end": 42, "quote": "31"},
    }}
    raw = json.dumps(v0).encode()
    path.write_bytes(raw)
    with open_store(path) as store:
        c1, c2 = store.claim("c1"), store.claim("c2")
        assert c1["status"] == "accepted" and c1["reviewer"] == "ana" and c1["at"] == "2024-01-02T03:04:05Z"
        assert c1["selector"]["position"]["start"] == 10 and c1["selector"]["quote"]["exact"] == "some 400"
        assert c2["status"] == "corrected" and c2["fields"] == {"value": 31}
        store.undo()  # nothing to undo: history starts at the migration
        assert store.claim("c1")
    [backup] = list_backups(path)
    assert backup.name.endswith(".pre-migration-v0") and backup.read_bytes() == raw
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION and set(data) >= {"claims", "entities", "links", "rules"}


def test_v1_file_migrates_claims_and_entities(tmp_path):
    path = tmp_path / "v1.json"
    v1 = {
        "meta": {"1": {"app": "claimdesk", "schema": 1, "app_version": "0.0.1", "corpus": "/data/news"}},
        "reviews": {"1": {"claim": "c1", "article": "a1", "status": "rejected", "fields": {}, "reviewer": "ana",
                          "ts": "2024-05-01T00:00:00Z", "start": 5, "end": 8, "quote": "400"}},
        "entities": {"4": {"entity": "e1", "article": "a1", "action": "relabel", "label": "GPE", "reviewer": "ana",
                           "ts": "2024-05-01T00:00:01Z", "start": 20, "end": 36, "quote": "Nagorno-Karabakh"}},
    }
    path.write_text(json.dumps(v1))
    with open_store(path, read_only=True) as reader:  # read-only: migrated in memory, file untouched
        assert reader.claim("c1")["status"] == "rejected"
    assert json.loads(path.read_text()) == v1
    with open_store(path) as store:
        assert store.claim("c1")["selector"]["position"] == {"type": "TextPositionSelector", "start": 5, "end": 8}
        [entity] = store.entities("a1")
        assert (entity["id"], entity["label"], entity["at"]) == ("e1", "GPE", "2024-05-01T00:00:01Z")
        assert store.meta["corpus"] == "/data/news" and store.meta["schema"] == SCHEMA_VERSION
    assert list_backups(path)[0].name.endswith(".pre-migration-v1")


def test_journal_is_replayed_over_an_older_checkpoint(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path, checkpoint_every=1000) as store:
        store.accept("c1", "a1", SELECTOR)
        checkpoint = path.read_bytes()  # written at session start, before any decision
        store.reject("c2", "a1", SELECTOR)
    path.write_bytes(checkpoint)  # as if the process died before its closing checkpoint
    with open_store(path) as store:
        assert store.claim("c1")["status"] == "accepted" and store.claim("c2")["status"] == "rejected"


def test_lost_database_file_is_rebuilt_from_the_journal(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.accept("c1", "a1", SELECTOR)
        store.correct("c2", "a1", SELECTOR, {"value": 3})
    path.unlink()
    with open_store(path) as store:
        assert store.claim("c1") and store.claim("c2")["fields"] == {"value": 3}
        assert any("rebuilt from the journal" in w for w in store.warnings)


def test_torn_journal_tail_is_ignored_and_cut(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path, checkpoint_every=1000) as store:
        store.accept("c1", "a1", SELECTOR)
    with open(journal_path(path), "ab") as handle:
        handle.write(b'{"seq": 2, "kind": "do", "action": "acc')
    with open_store(path) as store:
        assert store.claim("c1") and store.counts()["journal_entries"] == 1
        store.accept("c3", "a1", SELECTOR)
    assert all(json.loads(line) for line in journal_path(path).read_bytes().splitlines())


def test_a_bad_journal_line_or_a_foreign_journal_is_an_error(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.accept("c1", "a1", SELECTOR)
        store.accept("c2", "a1", SELECTOR)
    journal = journal_path(path)
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0] + b"garbage\n" + lines[2])
    with pytest.raises(CorruptStoreError, match=r"line 2 .* is corrupt"):
        open_store(path)
    with open_store(tmp_path / "other.json") as other:
        other.accept("x", "a1", SELECTOR)
    journal.write_bytes(journal_path(tmp_path / "other.json").read_bytes())
    with pytest.raises(CorruptStoreError, match="another annotation store"):
        open_store(path)
