"""One writer per store: a ``filelock`` lock file beside the database, and a sidecar naming the holder.

``x.json.lock`` is the lock (an ``flock``; the kernel releases it when the holder dies);
``x.json.holder`` records who holds it (pid, host, since). A second session gets a
:class:`~.errors.StoreLockedError` naming the holder.

Recovery after a crash is decided under the OS lock, never before: whoever gets the ``flock`` is the
one writer, and a holder file naming another process is then stale by definition (that process is
gone, or it would hold the lock) and is simply replaced. The lock file is never deleted, so every
session locks the same inode: a lock still held by anyone (even an orphan of a dead holder) stands.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import StoreLockedError
from .storage import dumps, write_file

# How long a writer waits for the lock: long enough to outlast a reader's probe (lock_is_held), short
# enough that a second session is told at once that the store is taken.
WAIT = 0.25


@dataclass(frozen=True)
class Holder:
    """Who holds a store's lock."""

    pid: int
    host: str
    since: str  # UTC, ISO 8601
    reviewer: str = ""

    def describe(self) -> str:
        who = f" by {self.reviewer}" if self.reviewer else ""
        return f"pid {self.pid} on {self.host}{who}, since {self.since}"

    def is_dead(self) -> bool:
        """True only when the holder is on this host and its process no longer exists."""
        if self.host != socket.gethostname():
            return False
        return not pid_alive(self.pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def holder_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".holder")


def read_holder(db_path: Path) -> Holder | None:
    """The recorded holder of ``db_path``'s lock, or ``None`` (none recorded, or unreadable)."""
    try:
        data = json.loads(holder_path(db_path).read_text("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]), str(data.get("reviewer", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def lock_is_held(db_path: Path) -> bool:
    """Whether some process holds ``db_path``'s lock right now (probes without keeping it)."""
    if not lock_path(db_path).exists():
        return False
    probe = FileLock(str(lock_path(db_path)), timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    except OSError:
        return False
    probe.release()
    return False


class StoreLock:
    """The writer's lock on one store. ``acquire()`` raises :class:`StoreLockedError` if it is taken."""

    def __init__(self, db_path: Path, reviewer: str = "", wait: float = WAIT):
        self.db_path = Path(db_path)
        self.reviewer = reviewer
        self.wait = wait
        self.recovered: Holder | None = None  # the dead holder whose lock was recovered, if any
        self._lock: FileLock | None = None

    def acquire(self, since: str) -> None:
        """Take the lock (waiting up to ``wait`` seconds: a reader's probe holds it for an instant), then
        record this process as the holder. Raises :class:`StoreLockedError` if another session has it."""
        lock = FileLock(str(lock_path(self.db_path)), timeout=self.wait)
        try:
            lock.acquire()
        except Timeout:
            raise self._locked(read_holder(self.db_path)) from None
        self._lock = lock
        previous = read_holder(self.db_path)  # read under the lock: nobody else can be writing it now
        if previous is not None and previous.pid != os.getpid():
            self.recovered = previous  # a crashed session left its holder file behind
        holder = Holder(os.getpid(), socket.gethostname(), since, self.reviewer)
        write_file(holder_path(self.db_path), dumps(asdict(holder)))

    def _locked(self, holder: Holder | None) -> StoreLockedError:
        who = holder.describe() if holder else "another session (holder unknown)"
        if holder is not None and holder.is_dead():
            who += (f"; pid {holder.pid} has exited, but another process holds the lock (one it started, "
                    "or a session that is just starting)")
        return StoreLockedError(
            self.db_path,
            f"is open in another session: {who}; close it there, or open this one read-only",
            holder,
        )

    def release(self) -> None:
        if self._lock is None:
            return
        try:
            holder = read_holder(self.db_path)
            if holder is not None and holder.pid == os.getpid():
                holder_path(self.db_path).unlink()
        except OSError:
            pass
        self._lock.release()
        self._lock = None

    @property
    def held(self) -> bool:
        return self._lock is not None and self._lock.is_locked
