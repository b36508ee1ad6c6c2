"""Crashes and full disks: kill -9 mid-burst never loses an acknowledged decision; a full disk is survivable."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.annotations.store.journal import journal_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")

TEXT = "Officials said some 400 people were killed and 1,119 troops died, according to AP."
SELECTOR = {"position": {"start": 15, "end": 23},
            "quote": {"exact": "some 400", "prefix": "Officials said ", "suffix": " people were"}}

WRITER = textwrap.dedent("""
    import sys
    from claimdesk.annotations.store import open_store
    path, first = sys.argv[1], int(sys.argv[2])
    selector = {selector!r}
    with open_store(path, reviewer="crash", checkpoint_every=7) as store:
        print("open", flush=True)
        for i in range(first, first + 100000):
            if i % 3 == 0:
                store.correct(f"c{{i}}", f"a{{i % 5}}", selector, {{"value": i}})
            else:
                store.accept(f"c{{i}}", f"a{{i % 5}}", selector)
            print(i, flush=True)  # the acknowledgement: record_* has returned
""").format(selector=SELECTOR)


def test_kill_9_in_a_burst_of_writes_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "crash.json"
    rng = random.Random(4)
    acked: set[int] = set()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for run in range(20):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(run * 100000)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        for _ in range(rng.randint(0, 25)):  # let it write a while, then kill it mid-burst
            acked.add(int(child.stdout.readline()))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
        acked.update(int(line) for line in rest.split())  # printed before the kill: acknowledged
        assert child.returncode == -signal.SIGKILL
        json.loads(path.read_text("utf-8"))  # the database file always parses
        with open_store(path, read_only=True) as store:
            missing = [i for i in acked if store.claim(f"c{i}") is None]
            assert missing == [], f"run {run}: acknowledged writes lost: {missing[:10]}"
            for i in acked:
                assert store.claim(f"c{i}")["status"] == ("corrected" if i % 3 == 0 else "accepted")
    with open_store(path) as store:  # a writer recovers the dead session's lock and replays the journal
        assert store.recovered_lock is not None
        assert all(store.claim(f"c{i}") for i in acked)
        assert store.counts()["claims"] >= len(acked)
    assert len(acked) > 20


FULL_DISK = textwrap.dedent("""
    import json, os, resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    from claimdesk.annotations.store import open_store, StoreWriteError
    path = sys.argv[1]
    selector = {selector!r}
    report = {{}}
    store = open_store(path, reviewer="disk", checkpoint_every=1000)
    for i in range(5):
        store.accept(f"ok{{i}}", "a", selector)
    journal = path + ".journal"
    db_before, journal_before = open(path, "rb").read(), open(journal, "rb").read()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    errors = []
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, hard))  # the disk is full: no file may grow past 100 bytes
    try:
        store.checkpoint()  # the rewrite of the database file fails
    except StoreWriteError as error:
        errors.append({{"type": type(error).__name__, "path": str(error.path), "reason": error.reason,
                       "message": str(error)}})
    # Room for part of one journal line: the first write is torn, and must be cut off again.
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(journal_before) + 120, hard))
    for claim in ("full1", "full2"):
        try:
            store.accept(claim, "a", selector)
        except StoreWriteError as error:
            errors.append({{"type": type(error).__name__, "path": str(error.path), "reason": error.reason,
                           "message": str(error)}})
    report["errors"] = errors
    report["db_intact"] = open(path, "rb").read() == db_before
    report["journal_intact"] = open(journal, "rb").read() == journal_before
    report["pending"] = store.pending
    report["in_memory"] = [c["id"] for c in store.claims(status="accepted")]
    report["temp_files"] = [n for n in os.listdir(os.path.dirname(path)) if "tmp" in n]
    try:
        store.close()
        report["close"] = "closed"
    except StoreWriteError as error:
        report["close"] = str(error)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard - 1 if hard != resource.RLIM_INFINITY else hard, hard))
    report["retried"] = store.retry()  # space was freed: an explicit retry writes what was pending
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, hard))
    try:
        store.accept("full3", "a", selector)
    except StoreWriteError:
        pass
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard - 1 if hard != resource.RLIM_INFINITY else hard, hard))
    store.accept("after", "a", selector)  # the next write writes the pending one first
    report["pending_after"] = store.pending
    store.close()
    print(json.dumps(report))
""").format(selector=SELECTOR)


def test_full_disk_keeps_the_previous_file_gives_a_clear_error_and_retries(tmp_path):
    path = tmp_path / "full.json"
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["errors"]) == 3
    for error in report["errors"]:
        assert error["type"] == "StoreWriteError"
        assert error["path"].startswith(str(path))
        assert "too large" in error["reason"].lower()
        assert str(path) in error["message"]
    assert report["db_intact"] and report["journal_intact"]
    assert report["pending"] == 2
    assert set(report["in_memory"]) >= {"full1", "full2"}  # the app keeps running with the change in memory
    assert report["temp_files"] == []
    assert "could not be saved" in report["close"]  # close refuses to drop unsaved decisions
    assert report["retried"] == 2 and report["pending_after"] == 0
    with open_store(path, read_only=True) as store:
        assert {c["id"] for c in store.claims()} == {"ok0", "ok1", "ok2", "ok3", "ok4", "full1", "full2", "full3",
                                                   "after"}
    lines = journal_path(path).read_bytes().splitlines()
    assert all(json.loads(line) for line in lines)  # no torn line was left behind
