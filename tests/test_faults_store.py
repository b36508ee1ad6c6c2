"""The store's fault suite: a lock race after kill -9, corrupt journals, files that are not stores, full disks.

Each test runs the hostile case for real (subprocesses, kill -9, RLIMIT_FSIZE) and checks the promise:
one writer, no acknowledged write lost, a corrupt file never overwritten, a clear message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from claimdesk.annotations.store import CorruptStoreError, StoreError, open_store
from claimdesk.annotations.store.journal import journal_path
from claimdesk.tui.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX fork, signals and rlimits")

SELECTOR = {"position": {"start": 15, "end": 23},
            "quote": {"exact": "some 400", "prefix": "Officials said ", "suffix": " people were"}}

# One process forks every writer (a fork costs a millisecond; a fresh interpreter 80), so 50 trials of
# three writers each run in a few seconds. Each child reports on a pipe: "open", "locked", or the number
# of a write that has returned (acknowledged).
LOCK_RACE = textwrap.dedent("""
    import json, os, random, signal, sys
    from claimdesk.annotations.store import StoreLockedError, open_store

    path, trials = sys.argv[1], int(sys.argv[2])
    selector = {selector!r}
    rng = random.Random(14)

    def writer(name, gate, report, count):
        os.close(report[0])
        if gate is not None:
            os.close(gate[1])
            os.close(gate[3])
            os.read(gate[0], 1)  # blocks until the driver closes the gate: every writer starts at once
        try:
            store = open_store(path, reviewer=name, checkpoint_every=3, lock_wait=0.02)
        except StoreLockedError:
            os.write(report[1], b"locked\\n")
            os._exit(0)
        os.write(report[1], b"open\\n")
        for i in range(count):
            store.accept(f"{{name}}-{{i}}", "a1", selector)
            os.write(report[1], f"{{name}}-{{i}}\\n".encode())
        os.write(report[1], b"done\\n")
        if gate is not None:
            os.read(gate[2], 1)  # stay open until the driver has heard from both
        store.close()
        os._exit(0)

    def start(name, gate, count):
        report = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                writer(name, gate, report, count)
            finally:
                os._exit(1)
        os.close(report[1])
        return pid, os.fdopen(report[0], "r")

    def until_done(out):
        lines = []
        for line in out:
            if line.strip() == "done":
                break
            lines.append(line.strip())
        return lines

    acked, opened = [], []
    for trial in range(trials):
        # A writer is killed (-9) in the middle of a burst: its holder file names a dead pid.
        pid, out = start(f"t{{trial}}-killed", None, 10**6)
        assert out.readline() == "open\\n"
        for _ in range(rng.randint(1, 4)):
            acked.append(out.readline().strip())
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acked.extend(line.strip() for line in out if line.strip())
        out.close()
        # Two sessions start at the same moment.
        gate, close = os.pipe(), os.pipe()
        racers = [start(f"t{{trial}}-{{n}}", (*gate, *close), 8) for n in range(2)]
        os.close(gate[0])
        os.close(gate[1])  # go
        statuses = []
        for _pid, out in racers:
            lines = until_done(out)
            statuses.append(lines[0] if lines else "died")
            acked.extend(lines[1:])
        os.close(close[0])
        os.close(close[1])  # every session that got in may close now
        for pid, out in racers:
            out.close()
            os.waitpid(pid, 0)
        opened.append(statuses.count("open"))
    print(json.dumps({{"opened": opened, "acked": acked}}))
""").format(selector=SELECTOR)


def test_stale_lock_recovery_lets_one_writer_in_and_loses_no_write(tmp_path):
    """50 trials of "kill -9 a writer, start two at once": one writer every time, 0 acknowledged writes lost."""
    path = tmp_path / "race.json"
    result = subprocess.run([sys.executable, "-c", LOCK_RACE, str(path), "50"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    with open_store(path, read_only=True) as store:
        lost = [claim for claim in report["acked"] if store.claim(claim) is None]
    both = [trial for trial, n in enumerate(report["opened"]) if n != 1]
    assert (both, lost) == ([], []), (f"{len(both)} trials where not exactly one writer got the store; "
                                      f"{len(lost)} acknowledged writes lost, e.g. {lost[:5]}")
    assert len(report["acked"]) >= 50 * 9


@pytest.mark.parametrize("content", [b"", b"  \n\t ", b"null", b"{}", b" {}\n"],
                         ids=["empty", "blank", "null", "empty-object", "blank-object"])
def test_a_file_that_is_not_a_store_is_refused_not_made_a_new_store(tmp_path, capsys, content):
    """Only a missing path is a new store: an empty, blank, null or {} file is refused and left as it was."""
    path = tmp_path / "db.json"
    path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(CorruptStoreError) as caught:
            open_store(path, read_only=read_only)
        assert caught.value.path == path and "left untouched" in str(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock"]  # no journal, no backup
    assert main(["db", "info", "--db", str(path)]) == 2
    assert str(path) in capsys.readouterr().err


def test_a_dangling_symlink_is_refused_and_a_live_one_is_followed(tmp_path):
    link, target = tmp_path / "db.json", tmp_path / "elsewhere" / "real.json"
    link.symlink_to(target)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(link)
    assert "symbolic link" in str(caught.value) and str(target) in str(caught.value)
    assert link.is_symlink() and not target.exists() and not target.parent.exists()
    target.parent.mkdir()
    with open_store(target) as store:
        store.accept("c1", "a1", SELECTOR)
    with open_store(link) as store:  # writes go to the file the link points to; the link stays a link
        store.accept("c2", "a1", SELECTOR)
    assert link.is_symlink()
    with open_store(target, read_only=True) as store:
        assert store.claim("c1") and store.claim("c2")


def _journal_with(path, n: int) -> list[bytes]:
    """A store at ``path`` with ``n`` accepted claims c0..c(n-1); its journal's lines."""
    with open_store(path, checkpoint_every=4) as store:
        for i in range(n):
            store.accept(f"c{i}", f"a{i % 3}", SELECTOR)
    return journal_path(path).read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("damage", ["garbage", "flipped"])
def test_a_corrupt_line_in_the_middle_of_the_journal_is_a_clear_error(tmp_path, capsys, damage):
    """Line 4 of 11 is damaged: not JSON, or JSON whose content changed (only the checksum tells)."""
    path = tmp_path / "db.json"
    lines = _journal_with(path, 10)
    bad = b"{not json\n" if damage == "garbage" else lines[3].replace(b'"c2"', b'"c9"')
    journal_path(path).write_bytes(b"".join(lines[:3] + [bad] + lines[4:]))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for read_only in (True, False):
        with pytest.raises(CorruptStoreError) as caught:
            open_store(path, read_only=read_only)
        assert caught.value.path == journal_path(path) and caught.value.line == 4
        assert "line 4" in str(caught.value) and "claimdesk db repair" in str(caught.value)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before  # nothing touched
    assert main(["db", "info", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 4" in err and len(err.strip().splitlines()) == 1


def test_db_repair_keeps_everything_before_the_corrupt_line_in_a_new_store(tmp_path, capsys):
    path = tmp_path / "db.json"
    lines = _journal_with(path, 10)
    path.unlink()  # the checkpoint is lost too: the repaired store is rebuilt from the journal alone
    damaged = b"".join(lines[:6] + [b"\x00" * 40 + b"\n"] + lines[7:])
    journal_path(path).write_bytes(damaged)
    assert main(["db", "repair", str(path)]) == 0
    out = capsys.readouterr().out
    [repaired] = [p for p in tmp_path.iterdir() if p.name.startswith("db.repaired-") and p.suffix == ".json"]
    assert str(repaired) in out and "line 7" in out and "5 entries kept" in out
    assert journal_path(path).read_bytes() == damaged and not path.exists()  # the original is never touched
    with open_store(repaired) as store:  # a writable store: the review goes on from there
        assert sorted(c["id"] for c in store.claims()) == [f"c{i}" for i in range(5)]
        assert store.undo().changes[0]["id"] == "c4"
    assert main(["db", "repair", str(path), "-o", str(repaired)]) == 2  # never over an existing file
    assert "exists" in capsys.readouterr().err
    assert main(["db", "repair", str(repaired)]) == 0
    assert "nothing to repair" in capsys.readouterr().out


def test_db_repair_keeps_a_checkpoint_that_is_ahead_of_the_corrupt_line(tmp_path, capsys):
    path = tmp_path / "db.json"
    lines = _journal_with(path, 10)  # closed: the checkpoint holds all ten
    journal_path(path).write_bytes(b"".join(lines[:3] + [b"garbage\n"] + lines[4:]))
    assert main(["db", "repair", str(path), "-o", str(tmp_path / "fixed.json")]) == 0
    assert "fixed.json" in capsys.readouterr().out
    with open_store(tmp_path / "fixed.json", read_only=True) as store:
        assert len(store.claims()) == 10


@pytest.mark.parametrize("tail", [b'{"seq":11,"kind":"do","crc":"0000', b"\x00" * 300 + b"\n"],
                         ids=["cut-off", "zeros"])
def test_a_torn_last_journal_line_is_dropped_and_said(tmp_path, tail):
    """The normal crash case: the last line was being written (never acknowledged)."""
    path = tmp_path / "db.json"
    lines = _journal_with(path, 10)
    journal_path(path).write_bytes(b"".join(lines) + tail)
    with open_store(path, read_only=True) as reader:
        assert len(reader.claims()) == 10
        assert any("line 12" in w and "dropped" in w for w in reader.warnings)
    with open_store(path) as store:
        assert any("line 12" in w and "dropped" in w for w in store.warnings)
        store.accept("c10", "a1", SELECTOR)
    assert journal_path(path).read_bytes().startswith(b"".join(lines))
    with open_store(path) as store:
        assert store.warnings == [] and len(store.claims()) == 11


FULL_DISK = textwrap.dedent("""
    import json, os, resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    from claimdesk.annotations.store import StoreLockedError, StoreWriteError, open_store
    from pathlib import Path
    from claimdesk.annotations.store.lock import holder_path
    path = Path(sys.argv[1])
    selector = {selector!r}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)

    def disk(full):
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 if full else hard, hard))

    def holder():
        try:
            return json.loads(open(holder_path(path)).read())["pid"]
        except FileNotFoundError:
            return None

    report = {{}}
    store = open_store(path, reviewer="disk")
    store.accept("ok", "a", selector)
    disk(full=True)
    try:
        store.accept("full", "a", selector)
    except StoreWriteError as error:
        report["error"] = error.reason
    report["pending"] = store.pending
    try:
        store.retry()
    except StoreWriteError:
        report["retry_while_full"] = "refused"
    try:
        store.close()
    except StoreWriteError as error:
        report["close_while_full"] = str(error)
    report["holder_while_open"] = holder() == os.getpid()
    try:
        open_store(path, lock_wait=0)
    except StoreLockedError:
        report["still_locked"] = True
    disk(full=False)  # space is freed
    report["retried"] = store.retry()
    store.close()
    report["holder_after_close"] = holder()
    # Full again, and the user quits anyway (the app asks twice): the decision is dropped, the lock released.
    store = open_store(path, reviewer="disk")
    disk(full=True)
    try:
        store.accept("dropped", "a", selector)
    except StoreWriteError:
        pass
    store.close(discard_pending=True)
    report["holder_after_discard"] = holder()
    report["discard_warning"] = store.warnings[-1]
    disk(full=False)
    with open_store(path, reviewer="next") as again:
        report["claims"] = sorted(c["id"] for c in again.claims())
        report["recovered"] = again.recovered_lock is not None
    print(json.dumps(report))
""").format(selector=SELECTOR)


def test_a_full_disk_keeps_decisions_pending_until_space_is_freed_and_leaves_no_stale_holder(tmp_path):
    path = tmp_path / "full.json"
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "too large" in report["error"].lower() and report["pending"] == 1
    assert report["retry_while_full"] == "refused"
    assert "1 decision(s) could not be saved" in report["close_while_full"]
    assert report["holder_while_open"] and report["still_locked"]  # close refused: the session is still live
    assert report["retried"] == 1 and report["holder_after_close"] is None
    assert report["holder_after_discard"] is None and "1 unsaved decision" in report["discard_warning"]
    assert report["claims"] == ["full", "ok"] and not report["recovered"]


def _crashed_after_a_checkpoint(tmp_path, before: int, after: int):
    """The files of a store as a crash leaves them: a checkpoint after ``before`` accepts, ``after`` more only
    in the journal. Returns the copied database path and its journal lines."""
    live, path = tmp_path / "live" / "db.json", tmp_path / "db.json"
    live.parent.mkdir()
    with open_store(live, checkpoint_every=10**6) as store:
        for i in range(before + after):
            store.accept(f"c{i}", f"a{i % 3}", SELECTOR)
            if i + 1 == before:
                store.checkpoint()
        path.write_bytes(live.read_bytes())
        journal_path(path).write_bytes(journal_path(live).read_bytes())
    return path, journal_path(path).read_bytes().splitlines(keepends=True)


def test_open_reads_only_the_journal_entries_after_the_checkpoint(tmp_path, monkeypatch):
    from claimdesk.annotations.store import journal as journal_mod

    path, _ = _crashed_after_a_checkpoint(tmp_path, 40, 3)
    checked = []
    real = journal_mod.check_line
    monkeypatch.setattr(journal_mod, "check_line", lambda raw, *a, **k: checked.append(raw) or real(raw, *a, **k))
    with open_store(path, read_only=True) as store:
        assert len(store.claims()) == 43 and store.counts()["journal_entries"] == 43 and store.can_undo
    assert len(checked) == 3  # the prefix the checkpoint covers is checked in one CRC-32, not line by line
    with open_store(path) as store:  # and undo reaches back into it
        for _ in range(43):
            assert store.undo() is not None
        assert store.claims() == [] and store.undo() is None


def test_a_corrupt_line_after_the_checkpoint_is_named_by_its_line(tmp_path):
    path, lines = _crashed_after_a_checkpoint(tmp_path, 6, 4)  # header + 6 entries covered; lines 8-11 after
    journal_path(path).write_bytes(b"".join(lines[:8] + [lines[8].replace(b'"c7"', b'"x7"')] + lines[9:]))
    with pytest.raises(CorruptStoreError) as caught:
        open_store(path)
    assert caught.value.line == 9 and "line 9" in str(caught.value)
    journal_path(path).write_bytes(b"".join(lines) + b'{"seq":11,"ki')
    with open_store(path, read_only=True) as store:
        assert len(store.claims()) == 10 and any("line 12" in w for w in store.warnings)


def test_a_corrupt_line_inside_the_checkpoints_prefix_is_still_found(tmp_path):
    path, lines = _crashed_after_a_checkpoint(tmp_path, 6, 4)
    journal_path(path).write_bytes(b"".join(lines[:3] + [lines[3].replace(b'"c2"', b'"x2"')] + lines[4:]))
    with pytest.raises(CorruptStoreError) as caught:  # the prefix's CRC-32 differs: every line is checked
        open_store(path)
    assert caught.value.line == 4


def test_a_forked_child_cannot_write_its_parents_store(tmp_path):
    """A child forked by the app (e.g. extraction workers) shares the journal: only the parent writes."""
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.accept("c0", "a1", SELECTOR)
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                store.accept("child", "a1", SELECTOR)
                os._exit(1)
            except StoreError as error:
                os._exit(0 if "forked child" in str(error) else 2)
            except BaseException:
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        store.accept("c1", "a1", SELECTOR)
    with open_store(path, read_only=True) as store:
        assert store.claim("child") is None and store.claim("c0") and store.claim("c1")
