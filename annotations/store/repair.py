"""Repair a store whose journal is damaged: copy everything before the bad line into a NEW store.

The damaged store is never changed. The new one holds the database file as it was (if it is sound) and
the journal up to the last good entry, so opening it replays what the checkpoint lacks and undo works
back to there. ``claimdesk db repair FILE`` is the command line for it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import CorruptStoreError, StoreError
from .journal import Scan, journal_path
from .storage import read_database, write_file
from .store import Store


@dataclass
class RepairResult:
    path: Path  # the damaged store
    output: Path | None  # the new store, None when nothing needed repair
    kept: int = 0  # journal entries copied
    bad_line: int | None = None  # the journal line where the copy stopped
    left_out: int = 0  # journal lines from the bad one to the end, not copied
    checkpoint_kept: bool = False  # the database file was sound and copied
    reason: str = ""  # what was wrong

    def describe(self) -> str:
        if self.output is None:
            return f"{self.path}: nothing to repair (its journal and database file are sound)"
        source = "the database file and " if self.checkpoint_kept else "no database file (rebuilt from the journal); "
        return (f"repaired store written to {self.output}: {source}{self.kept} entries kept (the journal is "
                f"corrupt at line {self.bad_line}: {self.reason}; {self.left_out} lines from there on were left "
                f"out). {self.path} and its journal were left untouched; review the repaired store with "
                f"--db {self.output}")


def default_output(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.repaired-{stamp}{path.suffix}")


def repair_store(path: str | os.PathLike, output: str | os.PathLike | None = None) -> RepairResult:
    """Copy the sound part of the store at ``path`` into ``output`` (default: ``NAME.repaired-<UTC time>.json``
    beside it). Raises :class:`StoreError` when the output exists or nothing sound can be kept."""
    path = Path(path).expanduser().absolute()
    journal = journal_path(path)
    scan = Scan(journal)
    lines: list[bytes] = []
    try:
        lines.extend(head.raw for head in scan)
        return RepairResult(path, None)
    except CorruptStoreError as error:
        if error.line is None:
            raise
        bad_line, reason = error.line, error.reason.split(": ", 1)[-1].split(";", 1)[0]
    try:
        read_database(path)
        checkpoint = path.exists()
    except CorruptStoreError:
        checkpoint = False
    header = scan.header
    if not checkpoint and (header is None or header.base or not lines or not lines[0].startswith(b'{"seq":1,')):
        raise StoreError(path, "cannot be repaired: its database file is missing or damaged and its journal does not "
                               "hold the whole history; restore a backup (claimdesk db info lists them)")
    output = Path(output).expanduser().absolute() if output is not None else default_output(path)
    for target in (output, journal_path(output)):
        if os.path.lexists(target):
            raise StoreError(target, "exists; a repair never overwrites a file: choose another --output")
    with open(journal, "rb") as handle:
        first = handle.readline() if header is not None else b""
        left_out = sum(1 for _ in handle) - len(lines)
    mode = _mode(path)
    if checkpoint:
        write_file(output, path.read_bytes(), mode=mode)
    if first:
        write_file(journal_path(output), first + b"".join(lines), mode=mode)
    with Store(output, reviewer="repair") as store:  # proves it opens; writes its database file if it had none
        store.checkpoint()
    return RepairResult(path, output, len(lines), bad_line, left_out, checkpoint, reason)


def _mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
