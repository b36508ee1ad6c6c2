"""One writer per store: a clear error naming the holder, read-only sessions, stale locks recovered."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from claimdesk.annotations.store import ReadOnlyStoreError, StoreLockedError, open_store
from claimdesk.annotations.store.lock import holder_path, lock_path

SELECTOR = {"position": {"start": 0, "end": 3}, "quote": {"exact": "400", "prefix": "", "suffix": " people"}}


def test_second_session_gets_a_clear_error_naming_the_holder(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path, reviewer="ana"):
        with pytest.raises(StoreLockedError) as caught:
            open_store(path, reviewer="bo")
        holder = caught.value.holder
        assert (holder.pid, holder.host, holder.reviewer) == (os.getpid(), socket.gethostname(), "ana")
        message = str(caught.value)
        assert str(path) in message and f"pid {os.getpid()}" in message and socket.gethostname() in message
        assert holder.since in message and "read-only" in message
    assert not holder_path(path).exists()  # released at close
    with open_store(path, reviewer="bo"):
        pass


def test_read_only_session_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path, reviewer="ana") as writer:
        writer.accept("c1", "a1", SELECTOR)
        with open_store(path, read_only=True) as reader:
            assert reader.claim("c1")["status"] == "accepted"  # sees acknowledged writes (journal replay)
            for attempt in (lambda: reader.accept("c2", "a1", SELECTOR), reader.undo, reader.checkpoint,
                            lambda: reader.add_rule("entity_label", {"text": "x"})):
                with pytest.raises(ReadOnlyStoreError) as caught:
                    attempt()
                assert str(path) in str(caught.value) and "read-only" in str(caught.value)
            assert reader.info()["lock"]["pid"] == os.getpid()
        writer.accept("c2", "a1", SELECTOR)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_of_a_killed_session_is_recovered(tmp_path):
    path = tmp_path / "db.json"
    script = textwrap.dedent(f"""
        import time
        from claimdesk.annotations.store import open_store
        store = open_store({str(path)!r}, reviewer="gone")
        print("open", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    with pytest.raises(StoreLockedError):
        open_store(path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert json.loads(holder_path(path).read_text())["pid"] == child.pid  # the sidecar was left behind
    with open_store(path, reviewer="next") as store:
        assert store.recovered_lock.pid == child.pid
        assert json.loads(holder_path(path).read_text())["pid"] == os.getpid()


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1], timeout=0)
    lock.acquire()
    print("held", flush=True)
    time.sleep(60)
""")


def test_a_lock_still_held_is_never_broken_even_if_its_recorded_holder_is_dead(tmp_path):
    """The recorded holder is dead but something (a process it started) still keeps the lock: only the
    kernel knows the lock is free, so the store stays locked, and the message says what is going on."""
    path = tmp_path / "db.json"
    orphan = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock_path(path))], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert orphan.stdout.readline().strip() == "held"
        holder_path(path).write_text(json.dumps({"pid": orphan.pid, "host": socket.gethostname(),
                                                 "since": "2020-01-01T00:00:00Z"}))
        with pytest.raises(StoreLockedError) as caught:  # the holder is alive: its lock stands
            open_store(path)
        assert caught.value.holder.pid == orphan.pid
        dead = _dead_pid()
        holder_path(path).write_text(json.dumps({"pid": dead, "host": socket.gethostname(),
                                                 "since": "2020-01-01T00:00:00Z"}))
        with pytest.raises(StoreLockedError) as caught:
            open_store(path)
        assert caught.value.holder.pid == dead and "has exited, but another process holds the lock" in str(
            caught.value)
        assert lock_path(path).exists()  # never deleted: every session locks the same file
    finally:
        orphan.kill()
        orphan.wait()
        orphan.stdout.close()
    with open_store(path) as store:  # the lock is free now: the dead holder's sidecar is replaced
        assert store.recovered_lock.pid == dead
        store.accept("c1", "a1", SELECTOR)


def test_a_lock_on_another_host_is_never_broken(tmp_path):
    path = tmp_path / "db.json"
    orphan = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock_path(path))], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert orphan.stdout.readline().strip() == "held"
        holder_path(path).write_text(json.dumps({"pid": _dead_pid(), "host": "elsewhere.example",
                                                 "since": "2020-01-01T00:00:00Z"}))
        with pytest.raises(StoreLockedError) as caught:
            open_store(path)
        assert "elsewhere.example" in str(caught.value)
    finally:
        orphan.kill()
        orphan.wait()
        orphan.stdout.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    from claimdesk.annotations.store import StoreError

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            open_store(folder / "db.json")
        assert str(folder / "db.json") in str(caught.value)
    finally:
        folder.chmod(0o700)


def test_a_path_that_cannot_hold_a_store_is_a_clear_error(tmp_path):
    from claimdesk.annotations.store import StoreError

    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "a-file" / "db.json")
    assert str(tmp_path / "a-file" / "db.json") in str(caught.value) and "cannot open" in str(caught.value)
