"""The store at scale: checkpoints written in the background, the journal compacted to an undo depth,
every guarantee kept (durable on return, undo exact, nothing lost across a compaction or a crash)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.annotations.store import store as store_mod
from claimdesk.annotations.store.journal import journal_path
from claimdesk.tui.cli import main

SELECTOR = {"position": {"start": 15, "end": 23},
            "quote": {"exact": "some 400", "prefix": "Officials said ", "suffix": " people were"}}


def _entries(path) -> list[dict]:
    lines = journal_path(path).read_bytes().splitlines()
    return [json.loads(line) for line in lines[1:]]


def test_a_checkpoint_is_written_by_a_background_thread_not_by_the_call(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    release, started = threading.Event(), threading.Event()
    real = store_mod.write_snapshot

    def slow_write(*args, **kwargs):  # a checkpoint that takes as long as the test wants
        if threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(store_mod, "write_snapshot", slow_write)
    with open_store(path, checkpoint_every=5) as store:
        for i in range(5):
            store.accept(f"c{i}", "a1", SELECTOR)  # the fifth asks for a checkpoint ...
        assert started.wait(10)
        for i in range(5, 20):  # ... and while it is being written, decisions keep being made and saved
            store.accept(f"c{i}", "a1", SELECTOR)
        assert json.loads(path.read_text())["meta"]["1"]["journal_seq"] == 0
        release.set()
        store.checkpoint()
        assert json.loads(path.read_text())["meta"]["1"]["journal_seq"] == 20
    with open_store(path, read_only=True) as store:
        assert len(store.claims()) == 20


def test_closing_stops_a_checkpoint_in_progress_and_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    monkeypatch.setattr(store_mod, "LARGE_STORE_DOCS", 0)  # a "large" store: no checkpoint at close
    with open_store(path, checkpoint_every=10**6) as store:
        store.accept("c0", "a1", SELECTOR)
        store.checkpoint()
    before = path.read_bytes()
    entered = threading.Event()
    real = store_mod.Store._stop_background

    waited = []

    def stop_while_writing(self):
        waited.append(entered.wait(10))
        real(self)

    monkeypatch.setattr(store_mod.Store, "_stop_background", stop_while_writing)
    real_chunks = store_mod.write_snapshot

    def chunks_then_wait(path_, snapshot, mode, cancelled):
        entered.set()
        while not cancelled():
            time.sleep(0.001)
        return real_chunks(path_, snapshot, mode, cancelled)

    monkeypatch.setattr(store_mod, "write_snapshot", chunks_then_wait)
    store = open_store(path, checkpoint_every=1)
    store.accept("c1", "a1", SELECTOR)  # asks for a checkpoint; close() cancels it
    store.close()
    assert waited[0] is True  # close() came while the checkpoint was being written
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "tmp" in p.name] == []
    with open_store(path, read_only=True) as reader:  # the journal has it
        assert reader.claim("c1")


def test_undo_depth_compacts_the_journal_and_keeps_undo_exact(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "COMPACT_AFTER", 10)
    path = tmp_path / "db.json"
    with open_store(path, checkpoint_every=10, undo_depth=4) as store:
        for i in range(60):
            store.correct("c1", "a1", SELECTOR, {"value": i})
            store.accept(f"d{i}", "a2", SELECTOR)
        deadline = time.monotonic() + 30
        while store._background is not None and time.monotonic() < deadline:  # let the last round finish
            time.sleep(0.01)
        assert store.counts()["undo"] == 4
        assert len(_entries(path)) < 30  # 120 actions, bounded by the undo depth and the checkpoint's tail
    with open_store(path, undo_depth=4) as store:
        assert store.claim("c1")["fields"] == {"value": 59}
        assert [store.undo().changes[0]["id"] for _ in range(4)] == ["d59", "c1", "d58", "c1"]
        assert store.undo() is None and store.claim("c1")["fields"] == {"value": 57}  # two corrections undone
        assert store.redo().changes[0]["id"] == "c1" and store.claim("c1")["fields"] == {"value": 58}
    with open_store(path, read_only=True) as store:
        assert len(store.claims()) == 59 and store.claim("d58") is None and store.claim("d57")


def test_compact_keeps_the_redo_stack_and_drops_only_dead_history(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        for i in range(6):
            store.accept(f"c{i}", "a1", SELECTOR)
        store.undo()
        store.undo()
        store.redo()  # undo stack: 1..5, redo: 6
        result = store.compact()  # unlimited depth: drops the undo and redo entries themselves
        assert (result["entries_before"], result["entries_after"]) == (9, 6)
        assert result["bytes_after"] < result["bytes_before"]
        store.accept("c9", "a1", SELECTOR)  # appended to the new journal
        store.undo()
    assert [e["seq"] for e in _entries(path)] == [1, 2, 3, 4, 5, 6, 10, 11]
    with open_store(path) as store:
        assert store.redo().changes[0]["id"] == "c9"
        assert store.undo().changes[0]["id"] == "c9" and store.undo().changes[0]["id"] == "c4"
        assert store.redo().changes[0]["id"] == "c4"
    with open_store(path) as store:
        result = store.compact(undo_depth=0)  # no undo at all: the journal keeps nothing the file holds
        assert result["entries_after"] <= 1 and not store.can_undo
    with open_store(path, read_only=True) as store:
        assert sorted(c["id"] for c in store.claims()) == ["c0", "c1", "c2", "c3", "c4"]


def test_db_compact_command(tmp_path, capsys):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        for i in range(30):
            store.accept(f"c{i}", "a1", SELECTOR)
    assert main(["db", "compact", str(path), "--undo-depth", "5"]) == 0
    out = capsys.readouterr().out
    assert "30 entries" in out and "5 entries" in out and str(path) in out
    with open_store(path) as store:
        assert store.counts()["undo"] == 5 and len(store.claims()) == 30
    with open_store(path):
        assert main(["db", "compact", str(path)]) == 2  # the store is open elsewhere: refused, clearly
    assert "open in another session" in capsys.readouterr().err


WRITER = textwrap.dedent("""
    import sys
    from claimdesk.annotations.store import open_store, store as store_mod
    store_mod.COMPACT_AFTER = 5
    path, first = sys.argv[1], int(sys.argv[2])
    selector = {selector!r}
    with open_store(path, reviewer="crash", checkpoint_every=4, undo_depth=3) as store:
        print("open", flush=True)
        for i in range(first, first + 100000):
            store.accept(f"c{{i}}", f"a{{i % 5}}", selector)
            if i % 4 == 0:
                store.undo()
                store.redo()
            print(i, flush=True)
""").format(selector=SELECTOR)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_kill_9_during_background_checkpoints_and_compactions_loses_nothing(tmp_path):
    path = tmp_path / "crash.json"
    acked: set[int] = set()
    for run in range(12):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(run * 100000)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        for _ in range(10 + run * 7):
            acked.add(int(child.stdout.readline()))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
        acked.update(int(line) for line in rest.split())
        with open_store(path, read_only=True) as store:
            missing = sorted(i for i in acked if store.claim(f"c{i}") is None)
            assert missing == [], f"run {run}: acknowledged writes lost: {missing[:10]}"
    assert len(_entries(path)) < len(acked)  # compacted along the way
