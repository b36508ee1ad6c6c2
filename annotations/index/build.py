"""Build a corpus index from scratch in a file of its own, which then takes the index's place at once.

An index with nothing in it yet (a new corpus, or a file of another format that was reset) is built
in ``<index>.build-<pid>-<random>`` beside it: without a journal or syncs and in one transaction, so every
page is written once (a sync in place writes each twice, to the WAL and then to the file, and
commits every thousand or so articles). Only once it is whole is the file sealed (WAL mode), synced
and renamed over the index (:func:`~.schema.put_in_place`). A build that fails or is interrupted
removes its file; one killed outright leaves it behind, and the next build removes it: either way
the index is the old one (empty) or the whole new one, never a half-built one.

::

    built = build_new(index_path, root, extra_boilerplate, progress)   # the index itself untouched
    ...close the connections to the index...
    built.put_in_place()
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .sync import ProgressCallback, SyncReport, sync

BUILD_SUFFIX = ".build-"


def is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the index on ``conn`` holds nothing read from a corpus yet (a build from scratch)."""
    return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM files) AND NOT EXISTS (SELECT 1 FROM articles)"
                        ).fetchone()[0] == 1


def building_path(path: Path) -> Path:
    """A new name for a build of the index ``path``: beside it (one file system, so the rename is atomic),
    naming the process that builds it (see :func:`remove_leftovers`)."""
    return path.with_name(f"{path.name}{BUILD_SUFFIX}{os.getpid()}-{secrets.token_hex(4)}")


@dataclass
class Built:
    """A whole index file, sealed, ready to take the index's place."""

    file: Path
    path: Path  # the index it is for
    report: SyncReport

    def put_in_place(self) -> None:
        """Sync it to disk and rename it over the index (close every connection to the index first)."""
        started = time.perf_counter()
        schema.put_in_place(self.file, self.path)
        _took(self.report, time.perf_counter() - started)

    def discard(self) -> None:
        remove(self.file)


def build_new(path: Path, root: Path, extra_boilerplate: Iterable[dict] = (), progress: ProgressCallback | None = None
              ) -> Built:
    """Build the index of the corpus at ``root`` in a new file beside ``path`` (which is not touched).
    On any error or interrupt the new file is removed and the error raised."""
    remove_leftovers(path)
    file = building_path(path)
    try:
        conn = schema.connect_new(file)
        try:
            report = sync(conn, root, extra_boilerplate, progress=progress, fresh=True)
        except BaseException:
            conn.close()
            raise
        started = time.perf_counter()
        schema.seal(conn)
        _took(report, time.perf_counter() - started)
    except BaseException:
        remove(file)
        raise
    return Built(file, path, report)


def _took(report: SyncReport, seconds: float) -> None:
    """Time spent putting the file in place (sealing, syncing, renaming): part of the build's time."""
    report.phases["place"] = report.phases.get("place", 0.0) + seconds
    report.seconds += seconds


def remove(file: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(file) + extra).unlink()


def remove_leftovers(path: Path) -> None:
    """Remove the build files of ``path`` that processes no longer running left (killed mid-build)."""
    for leftover in path.parent.glob(f"{path.name}{BUILD_SUFFIX}*"):
        pid = leftover.name[len(path.name) + len(BUILD_SUFFIX):].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _running(pid: int) -> bool:
    if os.name == "nt":  # (there os.kill ends the process whatever the signal: the file is kept)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:  # (where signals cannot be sent at all, the file is kept)
        return True
    return True


__all__ = ["Built", "build_new", "building_path", "is_empty", "remove_leftovers"]
