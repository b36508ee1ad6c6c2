"""Atomic, durable writes: serialise first, temp file, fsync, os.replace, fsync the directory, mode kept."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest
from tinydb import TinyDB

from claimdesk.annotations import atomic_file
from claimdesk.annotations.store import AtomicJSONStorage, CorruptStoreError, StoreWriteError
from claimdesk.annotations.store import storage as storage_mod


def test_tinydb_with_atomic_storage_puts_what_insert_returned_on_disk(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    doc_id = db.table("claims").insert({"id": "c1", "status": "accepted"})
    on_disk = json.loads(path.read_text("utf-8"))
    assert on_disk["claims"][str(doc_id)] == {"id": "c1", "status": "accepted"}
    assert TinyDB(path, storage=AtomicJSONStorage).table("claims").get(doc_id=doc_id)["status"] == "accepted"


def test_write_fsyncs_the_file_and_the_directory(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(stat.S_ISDIR(os.fstat(fd).st_mode)), real_fsync(fd)))
    atomic_file.atomic_write_bytes(tmp_path / "x.json", b"{}")
    assert synced == [False, True]  # the temp file, then the directory after the rename


def test_file_mode_is_kept(tmp_path):
    path = tmp_path / "db.json"
    path.write_text("{}")
    path.chmod(0o600)
    AtomicJSONStorage(path).write({"claims": {}})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_previous_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"claims": {"1": {"id": "old"}}})
    before = path.read_bytes()

    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(StoreWriteError) as caught:
        AtomicJSONStorage(path).write({"claims": {"1": {"id": "new"}}})
    assert caught.value.path == path and "No space left" in caught.value.reason
    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_a_value_that_is_not_json_fails_before_the_disk_is_touched(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"ok": 1})
    before = path.read_bytes()
    with pytest.raises((TypeError, ValueError)):
        db.insert({"bad": object()})
    with pytest.raises(ValueError):
        db.insert({"nan": float("nan")})  # not JSON either
    assert path.read_bytes() == before


def test_a_corrupt_file_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "db.json"
    path.write_bytes(b'{"claims": {"1": {"id"')
    with pytest.raises(CorruptStoreError) as caught:
        TinyDB(path, storage=AtomicJSONStorage).all()
    assert str(path) in str(caught.value)
    assert path.read_bytes() == b'{"claims": {"1": {"id"'


def test_leftover_temp_files_are_removed(tmp_path):
    path = tmp_path / "db.json"
    leftover = tmp_path / (atomic_file.TEMP_PREFIX + "db.json.abc123")
    leftover.write_text("half")
    storage_mod.remove_stale_temps(path)
    assert not leftover.exists()
