"""One writer per store: a ``filelock`` lock file beside the database, and a sidecar naming the holder.

``x.json.lock`` is the lock (an ``flock``; the kernel releases it when the holder dies);
``x.json.holder`` records who holds it (pid, host, since). A second session gets a
:class:`~.errors.StoreLockedError` naming the holder. A lock left by a dead process on this host
(the recorded pid is gone, e.g. a forked child kept the lock open) is recovered.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import StoreLockedError
from .storage import dumps, write_file


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

    def __init__(self, db_path: Path, reviewer: str = ""):
        self.db_path = Path(db_path)
        self.reviewer = reviewer
        self.recovered: Holder | None = None  # the dead holder whose lock was recovered, if any
        self._lock: FileLock | None = None

    def acquire(self, since: str) -> None:
        previous = read_holder(self.db_path)
        try:
            self._try()
        except Timeout:
            holder = read_holder(self.db_path)
            if holder is not None and holder.is_dead():
                # The recorded holder died but something (a forked child) keeps the flock: break it.
                with contextlib.suppress(FileNotFoundError):
                    lock_path(self.db_path).unlink()
                try:
                    self._try()
                except Timeout:
                    raise self._locked(holder) from None
                self.recovered = holder
            else:
                raise self._locked(holder) from None
        else:
            if previous is not None and previous.pid != os.getpid():
                self.recovered = previous  # a crashed session left its sidecar behind
        holder = Holder(os.getpid(), socket.gethostname(), since, self.reviewer)
        write_file(holder_path(self.db_path), dumps(asdict(holder)))

    def _try(self) -> None:
        lock = FileLock(str(lock_path(self.db_path)), timeout=0)
        lock.acquire()
        self._lock = lock

    def _locked(self, holder: Holder | None) -> StoreLockedError:
        who = holder.describe() if holder else "another session (holder unknown)"
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
