"""Rotating backups of the database file, made at session start and before a migration (last 5 kept).

A backup is a hard link to the database file where the file system allows it (instant, whatever the
size: the store never changes that file in place, it replaces it, so the link keeps the old content),
else a copy.
"""

from __future__ import annotations

import contextlib
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from ..atomic_file import fsync_dir
from .storage import write_file

KEEP = 5


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(db_path.name + ".") and p.is_file())


def make_backup(db_path: Path, reason: str, keep: int = KEEP) -> Path | None:
    """Link (or copy, atomically) ``db_path`` into the backups folder; keep the newest ``keep``. ``None`` if
    there is no file."""
    if not db_path.exists():
        return None
    folder = backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    target = folder / f"{db_path.name}.{stamp}.{reason}"
    try:
        os.link(db_path, target)
        fsync_dir(folder)
    except OSError:  # no hard links here (another file system, FAT, some network shares): copy
        try:
            data = db_path.read_bytes()
            mode = stat.S_IMODE(os.stat(db_path).st_mode)
        except FileNotFoundError:
            return None
        write_file(target, data, mode=mode)
    for old in list_backups(db_path)[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return target
