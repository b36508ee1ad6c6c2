"""The annotation store: what reviewers said about claims and entities, durable and undoable.

Layout on disk, beside the database ``x.json``:

- ``x.json``: a TinyDB file, the checkpoint of the current state (``meta`` and the data tables),
  rewritten atomically by a background thread every ``checkpoint_every`` actions (no call waits for
  it), and at close when the store is small;
- ``x.json.journal``: every action, appended and fdatasynced before the call returns (the
  durability point, cheap at any size, so the source of truth); the entries the checkpoint does not
  hold yet are replayed over it on open; compacted to ``undo_depth`` when that is set;
- ``x.json.lock`` / ``x.json.holder``: the writer's lock and who holds it;
- ``x.json.backups/``: the last 5 checkpoints seen at session start or before a migration.
"""

from __future__ import annotations

import copy
import gc
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import version as app_version
from ..anchoring import anchor, check_selector, make_selector
from ..ids import short_hash, utc_now
from ..own_files import keep_out_of_corpus
from ..sanitize import clean_line
from . import backup
from . import journal as journal_mod
from .checkpoint import Cancelled, Snapshot, TableSnapshot, write_snapshot
from .errors import CorruptStoreError, ReadOnlyStoreError, StoreError, StoreNotFoundError, StoreWriteError
from .lock import WAIT, StoreLock, lock_is_held, read_holder
from .paths import default_db_path
from .records import CLAIM_STATUSES, LINK_TYPES, ClaimState, claim_state, clean_value, default_reviewer
from .schema import (
    DATA_TABLES,
    LEGACY_JOURNAL,
    META,
    SCHEMA_VERSION,
    check_current,
    detect_version,
    migrate,
    new_meta,
    upgrade_claim,
)
from .storage import dumps, read_database, remove_stale_temps

ANCHORED_TABLES = ("claims", "entities", "boilerplate")
# A store of more documents than this is large: close() writes no checkpoint (a small one costs a few tens
# of ms; a large one leaves its last actions, fewer than checkpoint_every, in the journal, replayed at the
# next open in milliseconds); opening it moves what it read out of the cycle collector's reach; and its
# checkpoints do not keep the serialisations they make (~90 MB at 100,000 documents; the background
# thread makes them again each time, every 500 actions).
LARGE_STORE_DOCS = 20_000
# With an undo depth set, the journal is compacted when this many entries (and more than it keeps) are
# no longer needed.
COMPACT_AFTER = 1000


@contextmanager
def _collector_paused(freeze: Callable[[], bool]) -> Iterator[None]:
    """The cycle collector off while a store is read: it builds millions of acyclic objects, and every
    collection they set off walks all of them again (it halves the time of opening a large store). If
    ``freeze()`` says so at the end, what is in memory is moved out of the collector's reach for good
    (``gc.freeze``): else the first collections after the open, and every full one later, walk a large
    store's millions of objects again — a pause of 0.1-0.3 s at 100,000 documents. Frozen objects are
    still freed when nothing refers to them (documents hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze():
            gc.freeze()
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Change:
    """One journal entry as the UI needs it: what was done, to which articles, document by document."""

    seq: int
    kind: str  # do | undo | redo
    action: str  # accept, reject, correct, add_claim, relabel_entity, ..., reanchor
    articles: tuple[str, ...]
    changes: tuple[dict, ...]  # {"table", "id", "before", "after"}
    target: int | None = None  # for undo/redo: the seq of the action undone or redone


@dataclass
class ReanchorResult:
    article: str
    unchanged: int = 0
    moved: list[dict] = field(default_factory=list)  # {"table", "id", "from", "to", "method"}
    orphans: list[dict] = field(default_factory=list)  # the orphaned documents, kept in the store
    change: Change | None = None


def _articles_of(changes: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for change in changes:
        for doc in (change["before"], change["after"]):
            if not doc:
                continue
            for ref in (doc, doc.get("a"), doc.get("b")):
                if isinstance(ref, dict) and isinstance(ref.get("article"), str) and ref["article"]:
                    seen[ref["article"]] = None
    return list(seen)


class Store:
    """An open annotation store. Use :func:`open_store` (a context manager)."""

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        reviewer: str | None = None,
        read_only: bool = False,
        corpus: str | os.PathLike | None = None,
        checkpoint_every: int = 500,
        keep_backups: int = backup.KEEP,
        lock_wait: float = WAIT,
        undo_depth: int | None = None,
    ):
        self.path = Path(path).expanduser().absolute()
        if self.path.is_symlink() and self.path.exists():  # write where the link points; keep the link
            self.path = self.path.resolve()
        keep_out_of_corpus(self.path)  # never read as a corpus file, nor the files beside it named after it
        self.journal_path = journal_mod.journal_path(self.path)
        self.reviewer = clean_line(reviewer or "") or default_reviewer()
        self.read_only = read_only
        self.checkpoint_every = max(1, checkpoint_every)
        self.keep_backups = keep_backups
        self.lock_wait = lock_wait
        self.undo_depth = None if undo_depth is None else max(0, int(undo_depth))
        self.warnings: list[str] = []
        self.recovered_lock = None
        self._corpus = str(Path(corpus).expanduser().resolve()) if corpus else ""
        self._mutex = threading.RLock()
        self._tables: dict[str, dict[str, dict]] = {name: {} for name in DATA_TABLES}
        self._doc_ids: dict[str, dict[str, int]] = {name: {} for name in DATA_TABLES}  # TinyDB doc ids
        self._next_doc_id: dict[str, int] = {name: 1 for name in DATA_TABLES}
        self._by_article: dict[str, dict[str, set[str]]] = {name: {} for name in DATA_TABLES}
        self._raw: dict[str, dict[str, bytes]] = {name: {} for name in DATA_TABLES}  # serialised, where known
        self._meta: dict = {}
        self._app_version = app_version()
        self._pid = os.getpid()
        self._undo: list[int] = []
        self._redo: list[int] = []
        self._offsets: dict[int, tuple[int, int, int]] = {}  # seq -> journal offset, length, line (0: unknown)
        self._journal_end: int | None = None
        self._journal_crc = 0
        self._pending: list[tuple[int, bytes, dict]] = []
        self._unsaved: dict[int, dict] = {}  # entries written to memory but not yet to the journal
        self._entries = 0
        self._seq = 0
        self._since_checkpoint = 0
        self._checkpoint_seq = -1  # the last entry the database file on disk holds (-1: no file yet)
        self._checkpointing = threading.Lock()  # one checkpoint or compaction writing at a time
        self._background: threading.Thread | None = None
        self._checkpoint_wanted = False
        self._stopping = False
        self._journal_header: journal_mod.Header | None = None
        self._batch: list[dict] | None = None
        self._lock: StoreLock | None = None
        self._legacy_seq = 0  # journal entries up to this seq were written before a migration (upgraded as read)
        self._writer: journal_mod.JournalWriter | None = None
        self._closed = True
        self._open()

    # -- opening and closing -------------------------------------------------------------------

    def _open(self) -> None:
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(self.path, self.reviewer, self.lock_wait)
                self._lock.acquire(utc_now())
                self.recovered_lock = self._lock.recovered
            self._closed = False
            self._load()
        except BaseException as error:
            self._closed = True
            self._release()
            if isinstance(error, OSError):  # a folder we cannot write to, a lock file we cannot open, ...
                raise StoreWriteError(self.path, f"cannot open: {error.strerror or error}", error.errno) from error
            raise

    def _load(self) -> None:
        if not self.read_only:
            remove_stale_temps(self.path)
        with _collector_paused(lambda: self._documents() > LARGE_STORE_DOCS):
            data = read_database(self.path)
            version = detect_version(self.path, data)
            header = self._journal_header = journal_mod.read_header(self.journal_path)
            write_now = False  # a checkpoint before open returns (a new, migrated or rebuilt file)
            if version is None:
                if self.read_only:
                    raise StoreNotFoundError(self.path, "no annotation store here")
                data = {META: {"1": new_meta(self._app_version, self._corpus)}}
                if header is not None:  # the checkpoint is gone but the journal is here: rebuild from it
                    data[META]["1"]["store_id"] = header.store
                    self.warnings.append("database file was missing; rebuilt from the journal")
                write_now = True
            else:
                if version == SCHEMA_VERSION:
                    check_current(self.path, data)
                    if not self.read_only:
                        self._backup("start")
                else:
                    if version >= 2:  # the tables of today: a broken file is refused before anything is written
                        check_current(self.path, data)
                    if not self.read_only:
                        self._backup(f"pre-migration-v{version}", required=True)
                    data = migrate(data, version)
                    check_current(self.path, data)
                    write_now = True
                    self._legacy_seq = 1 << 62  # every entry the journal holds now is from before
            self._meta = dict(next(iter(data[META].values())))
            index = journal_mod.Index.from_json(self._meta.pop("journal", None))
            for name in DATA_TABLES:
                self._load_table(name, data.get(name, {}))
            del data
            if header is not None and header.store != self._meta["store_id"]:
                raise CorruptStoreError(self.journal_path,
                                        "belongs to another annotation store; it was left untouched")
            snapshot_seq = int(self._meta.get("journal_seq", 0))
            if not write_now:
                self._checkpoint_seq = snapshot_seq
            self._legacy_seq = max(self._legacy_seq, int(self._meta.get(LEGACY_JOURNAL, 0)))
            self._since_checkpoint = self._replay(header, snapshot_seq, index)
            if self._legacy_seq > self._seq:  # migrated now: the entries before this open are the old ones
                self._legacy_seq = self._seq
                if self._seq:
                    self._meta[LEGACY_JOURNAL] = self._seq
        if self._corpus and self._meta.get("corpus") and self._meta["corpus"] != self._corpus:
            self.warnings.append(f"this store was made for another corpus: {self._meta['corpus']}")
        if not self._meta.get("corpus") and self._corpus:
            self._meta["corpus"] = self._corpus
            self._since_checkpoint = self.checkpoint_every  # worth a checkpoint soon
        if self.read_only:
            return
        self._writer = journal_mod.JournalWriter(self.journal_path, self._meta["store_id"], _mode(self.path),
                                                 self._journal_end, self._journal_crc)
        if write_now:
            self._checkpoint(background=False)
        elif self._since_checkpoint >= self.checkpoint_every:
            with self._mutex:
                self._request_checkpoint()

    def _load_table(self, name: str, table: dict[str, dict]) -> None:
        """Take in one table of the database file (``{doc id: document}``, checked by ``check_current``)."""
        docs = self._tables[name] = {doc["id"]: doc for doc in table.values()}
        ids = self._doc_ids[name] = {doc["id"]: int(doc_id) for doc_id, doc in table.items()}
        self._next_doc_id[name] = max(ids.values(), default=0) + 1
        index = self._by_article[name] = {}
        for key, doc in docs.items():
            article = doc.get("article", "")
            keys = index.get(article)
            if keys is None:
                index[article] = {key}
            else:
                keys.add(key)

    def _replay(self, header: journal_mod.Header | None, snapshot_seq: int,
                index: journal_mod.Index | None = None) -> int:
        """Read the journal in one verifying pass: rebuild the undo/redo stacks and apply the entries the
        checkpoint (at ``snapshot_seq``) does not hold yet. Returns how many it applied.

        When the checkpoint's ``index`` still matches the journal (one CRC-32 over the prefix it covers),
        only the entries after that prefix are read one by one.
        """
        self._seq = snapshot_seq
        base = header.base if header is not None else 0
        resume = None
        if index is not None and header is not None and index.seq == snapshot_seq and index.matches(
                self.journal_path):
            resume = index
            self._entries = index.entries
            self._undo, self._redo = index.undo[0::3].tolist(), index.redo[0::3].tolist()
            for stack in (index.undo, index.redo):
                for seq, offset, length in index.rows(stack):
                    self._offsets[seq] = (offset, length, 0)
        elif base:  # a compacted journal starts from the stacks it recorded
            self._undo, self._redo = list(header.undo), list(header.redo)
        scan = journal_mod.Scan(self.journal_path, resume)
        applied = 0
        for head in scan:
            self._entries += 1
            self._offsets[head.seq] = (head.offset, head.length, head.line)
            if head.seq > base:
                self._track(head.kind, head.seq, head.target)
            if head.seq > snapshot_seq:
                for change in journal_mod.parse(self.journal_path, head)["changes"]:
                    self._apply(change["table"], change["id"], self._current(head.seq, change, "after"))
                self._seq = head.seq
                applied += 1
        self._trim_undo()
        self._journal_end, self._journal_crc = scan.end, scan.crc
        if scan.torn:
            self.warnings.append(scan.torn)
        if header is not None and max(scan.last_seq, base) < snapshot_seq:
            self._undo.clear()
            self._redo.clear()
            self.warnings.append("the journal is behind the database; undo history before this session is lost")
        elif header is not None and header.checkpoint > snapshot_seq:
            self.warnings.append(f"the database file is older than the compacted journal expects (it holds entries "
                                 f"up to {snapshot_seq}, the journal kept only those after {header.checkpoint}); "
                                 "decisions in between are missing — was it restored from a backup?")
        return applied

    def _backup(self, reason: str, required: bool = False) -> None:
        try:
            backup.make_backup(self.path, reason, self.keep_backups)
        except (OSError, StoreError) as error:
            if required:
                raise StoreWriteError(self.path, f"could not make a backup before migrating: {error}") from error
            self.warnings.append(f"could not make a backup: {error}")

    def close(self, *, discard_pending: bool = False) -> None:
        """Write pending changes, stop the background checkpoint, release the lock.

        If decisions could not be written (``pending``: a full disk), raise :class:`StoreWriteError` and stay
        open (the lock held) so ``retry()`` can save them later — unless ``discard_pending``: then they are
        dropped (said in ``warnings``), nothing else is written, and the lock and holder file are released.
        A store of up to ``LARGE_STORE_DOCS`` documents writes a last checkpoint; a larger one leaves its
        last actions in the journal (replayed at the next open in milliseconds) so closing stays quick.
        """
        with self._mutex:
            if self._closed:
                return
            final = False
            if not self.read_only:
                try:
                    self._flush()
                except StoreWriteError:
                    if not discard_pending:
                        raise StoreWriteError(
                            self.journal_path, f"{len(self._pending)} decision(s) could not be saved; free space "
                            "and call retry() before closing"
                        ) from None
                    self.warnings.append(f"{len(self._pending)} unsaved decision(s) dropped at close (they could "
                                         "not be written)")
                    self._pending.clear()
                    self._unsaved.clear()
                    self._checkpoint_seq = self._seq  # the state in memory holds them: it is not checkpointed
                final = self._seq != self._checkpoint_seq and self._documents() <= LARGE_STORE_DOCS
        self._stop_background()
        if final:
            try:
                self._checkpoint(background=False)
            except StoreWriteError as error:  # the journal holds everything; the next open replays it
                self.warnings.append(str(error))
        with self._mutex:
            self._release()
            self._closed = True

    def _release(self) -> None:
        self._stop_background()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- the in-memory state ---------------------------------------------------------------------

    def _put(self, table: str, key: str, doc: dict | None, doc_id: int | None = None,
             raw: bytes | None = None) -> None:
        """Set (or with ``doc`` None, delete) a document; ``raw``: its serialisation, if known. A document
        stored here is never changed in place (snapshots share it), only replaced."""
        docs, index = self._tables[table], self._by_article[table]
        old = docs.get(key)
        if old is not None:
            index.get(old.get("article", ""), set()).discard(key)
        if raw is None:
            self._raw[table].pop(key, None)
        else:
            self._raw[table][key] = raw
        if doc is None:
            docs.pop(key, None)
            self._doc_ids[table].pop(key, None)
            return
        docs[key] = doc
        index.setdefault(doc.get("article", ""), set()).add(key)
        if key not in self._doc_ids[table]:
            if doc_id is None:
                doc_id = self._next_doc_id[table]
            self._doc_ids[table][key] = doc_id
            self._next_doc_id[table] = max(self._next_doc_id[table], doc_id + 1)

    def _apply(self, table: str, key: str, doc: dict | None, raw: bytes | None = None) -> None:
        self._put(table, key, copy.deepcopy(doc), raw=raw)

    def _current(self, seq: int, change: dict, side: str) -> dict | None:
        """A document of journal entry ``seq`` (``side``: "before" or "after") as the current schema has it."""
        doc = change[side]
        if seq <= self._legacy_seq and change["table"] == "claims" and doc is not None:
            return upgrade_claim(doc)
        return doc

    def _track(self, kind: str, seq: int, target: int | None) -> None:
        """Update the undo/redo stacks for an entry (as it is made, or read back from the journal)."""
        if kind == "do":
            self._undo.append(seq)
            self._redo.clear()
        elif kind == "undo":
            if self._undo and self._undo[-1] == target:
                self._undo.pop()
            self._redo.append(target)
        elif kind == "redo":
            if self._redo and self._redo[-1] == target:
                self._redo.pop()
            self._undo.append(target)

    def _trim_undo(self) -> None:
        """Keep at most ``undo_depth`` steps to undo (the oldest go first)."""
        if self.undo_depth is not None and len(self._undo) > self.undo_depth:
            del self._undo[:len(self._undo) - self.undo_depth]

    # -- writing ---------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self._closed:
            raise StoreError(self.path, "the store is closed")
        if self.read_only:
            raise ReadOnlyStoreError(self.path, self.read_only_reason)
        if os.getpid() != self._pid:  # a forked child shares the journal's file offset: one writer only
            raise StoreError(self.path, "belongs to the process that opened it, not to a forked child")

    def _change(self, table: str, key: str, after: dict | None) -> dict:
        return {"table": table, "id": key, "before": copy.deepcopy(self._tables[table].get(key)), "after": after}

    def _commit(self, action: str, changes: list[dict], kind: str = "do", target: int | None = None,
                applied: bool = False) -> Change | None:
        """Journal ``changes`` as one entry, apply them (``applied``: a batch's, in memory already), and
        make the entry durable."""
        with self._mutex:
            self._writable()
            if kind == "do":  # undo/redo entries are always written, so the stacks replay the same
                changes = [c for c in changes if c["before"] != c["after"]]
                if not changes:
                    return None
            try:  # serialised first: a value that is not JSON fails before anything changes
                raws = [] if applied else [None if c["after"] is None else dumps(c["after"]) for c in changes]
            except (TypeError, ValueError) as error:
                raise ValueError(f"not storable as JSON: {error}") from None
            if self._batch is not None and kind == "do":
                for change, raw in zip(changes, raws, strict=True):
                    self._apply(change["table"], change["id"], change["after"], raw)
                self._batch.extend(changes)
                return None
            self._seq += 1
            entry = {"seq": self._seq, "kind": kind}  # these first: an open reads only this head
            if target is not None:
                entry["target"] = target
            entry.update({
                "action": action,
                "at": utc_now(),
                "reviewer": self.reviewer,
                "articles": _articles_of(changes),
                "changes": changes,
            })
            line = journal_mod.encode(entry)
            for change, raw in zip(changes if not applied else (), raws, strict=True):
                self._apply(change["table"], change["id"], change["after"], raw)
            self._track(kind, self._seq, target)
            self._trim_undo()
            self._entries += 1
            self._pending.append((self._seq, line, entry))
            self._unsaved[self._seq] = entry
            self._flush()
            self._since_checkpoint += 1
            if self._since_checkpoint >= self.checkpoint_every:
                self._request_checkpoint()  # written by a background thread: this call does not wait
            return _as_change(entry)

    def _flush(self) -> None:
        while self._pending:
            seq, line, _ = self._pending[0]
            offset = self._writer.append(line)  # raises StoreWriteError, keeping the entry pending
            self._offsets[seq] = (offset, len(line), 0)
            self._unsaved.pop(seq, None)
            self._pending.pop(0)

    @property
    def pending(self) -> int:
        """Actions applied in memory but not yet on disk (after a failed write)."""
        return len(self._pending)

    def retry(self) -> int:
        """Write the pending actions now; return how many were written. Raises :class:`StoreWriteError`."""
        with self._mutex:
            self._writable()
            count = len(self._pending)
            self._flush()
            return count

    # -- checkpoints -----------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Rewrite the database file (atomically) with the current state, now; the journal stays."""
        with self._mutex:
            self._writable()
            if self._pending:
                raise StoreWriteError(self.journal_path, "cannot checkpoint with unsaved actions; retry() first")
            if self._batch is not None:
                raise StoreError(self.path, "cannot checkpoint inside a batch")
        self._checkpoint(background=False)

    def _checkpoint(self, background: bool) -> bool:
        """Snapshot the state (under the mutex, milliseconds) and write it (outside it). In the background
        it is skipped when nothing is new or actions are unsaved, and stops if the store closes."""
        with self._checkpointing:
            with self._mutex:
                if background and (self._pending or self._stopping or self._seq == self._checkpoint_seq):
                    return False
                snapshot, stacks = self._snapshot()
            index = self._index(*stacks)
            if index is not None:
                snapshot.meta_extra = {"journal": index.to_json()}
            cancelled = (lambda: self._stopping) if background else (lambda: False)
            made = write_snapshot(self.path, snapshot, _mode(self.path), cancelled)
            with self._mutex:
                self._meta = snapshot.meta
                self._checkpoint_seq = snapshot.seq
            if self._documents() > LARGE_STORE_DOCS:
                return True
            for name, (keys, docs_made, raws_made) in made.items():  # cache them, if still current
                for start in range(0, len(keys), 2000):  # in slices: a caller never waits long for the mutex
                    with self._mutex:
                        docs, raws = self._tables[name], self._raw[name]
                        for i in range(start, min(start + 2000, len(keys))):
                            if docs.get(keys[i]) is docs_made[i]:
                                raws[keys[i]] = raws_made[i]
            return True

    def _snapshot(self) -> tuple[Snapshot, tuple]:
        """(mutex held) The state to checkpoint — shallow copies, as documents are only ever replaced — and
        what the journal :class:`~.journal.Index` needs."""
        meta = dict(self._meta, journal_seq=self._seq, app_version=self._app_version, schema=SCHEMA_VERSION)
        tables = [TableSnapshot(name, dict(self._doc_ids[name]), dict(self._tables[name]), dict(self._raw[name]))
                  for name in DATA_TABLES]
        self._since_checkpoint = 0
        writer = self._writer
        stacks = (self._seq, writer.size if writer else 0, writer.crc if writer else 0, self._entries,
                  list(self._undo), list(self._redo))
        return Snapshot(self._seq, meta, tables), stacks

    def _index(self, seq: int, size: int, crc: int, entries: int, undo: list[int],
               redo: list[int]) -> journal_mod.Index | None:
        """The journal index for a checkpoint at ``seq`` (outside the mutex: the places of entries already
        written never change while the checkpoint lock is held). ``None`` if one is not known."""
        if not size:
            return None
        try:
            return journal_mod.Index(size, crc, seq, entries, journal_mod.places(undo, self._offsets),
                                     journal_mod.places(redo, self._offsets))
        except KeyError:
            return None

    def _request_checkpoint(self) -> None:
        """(mutex held) Have a background thread write a checkpoint soon (started if none is running)."""
        self._checkpoint_wanted = True
        if self._background is None and not self._stopping and not self.read_only:
            self._background = threading.Thread(target=self._run_background, daemon=True,
                                                name=f"claimdesk store checkpoint {self.path.name}")
            self._background.start()

    def _run_background(self) -> None:
        """The checkpoint thread: write checkpoints (and compact the journal) while they are wanted, then end.
        A failure is a warning: the journal holds every action, the next checkpoint tries again."""
        try:
            while True:
                with self._mutex:
                    if not self._checkpoint_wanted or self._stopping:
                        self._background = None  # decided under the mutex: a new request starts a thread
                        return
                    self._checkpoint_wanted = False
                if self._checkpoint(background=True):
                    self._compact_if_due()
        except Cancelled:
            return
        except Exception as error:  # a background thread must report, never die silently
            with self._mutex:
                message = str(error) if isinstance(error, StoreError) else f"background checkpoint failed: {error!r}"
                if message not in self.warnings:
                    self.warnings.append(message)
        finally:
            with self._mutex:
                if self._background is threading.current_thread():
                    self._background = None

    def _stop_background(self) -> None:
        """Stop the checkpoint thread (a write in progress is abandoned, the file left as it was) and wait."""
        with self._mutex:
            self._stopping = True
            thread = self._background
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # -- journal compaction ----------------------------------------------------------------------

    def compact(self, undo_depth: int | None = None) -> dict:
        """Rewrite the journal keeping only what undo, redo and the next open need: the entries on the undo
        stack (its last ``undo_depth``, default this store's ``undo_depth``; ``None``: all of them), those on
        the redo stack, and every entry the database file does not hold yet. A checkpoint is written first.
        The history of other entries (undone and redone steps, abandoned branches, steps beyond the undo
        depth) is dropped. Returns ``{"entries_before", "entries_after", "bytes_before", "bytes_after"}``."""
        with self._mutex:
            self._writable()
            if self._batch is not None:
                raise StoreError(self.path, "cannot compact inside a batch")
        self.checkpoint()
        depth = self.undo_depth if undo_depth is None else max(0, int(undo_depth))
        before = (self._entries, self._writer.size)
        self._compact(depth)
        return {"entries_before": before[0], "entries_after": self._entries, "bytes_before": before[1],
                "bytes_after": self._writer.size}

    def _compact_if_due(self) -> None:
        """(background) Compact when an undo depth is set and most of the journal is no longer needed."""
        if self.undo_depth is None:
            return
        with self._mutex:
            needed = min(len(self._undo), self.undo_depth) + len(self._redo) + self._seq - self._checkpoint_seq
            if self._entries - needed < max(needed, COMPACT_AFTER):
                return
        self._compact(self.undo_depth, background=True)

    def _compact(self, depth: int | None, background: bool = False) -> None:
        """Write the kept entries to a new journal beside the old one (outside the mutex), then, under it,
        add those appended meanwhile and rename it into place."""
        with self._checkpointing:
            with self._mutex:
                if self._pending or self._writer is None or (background and self._stopping):
                    return
                if depth is not None and len(self._undo) > depth:
                    del self._undo[:len(self._undo) - depth]
                base, checkpoint = self._seq, self._checkpoint_seq
                keep = sorted({*self._undo, *self._redo, *(seq for seq in self._offsets if seq > checkpoint)})
                places = [(seq, self._offsets[seq]) for seq in keep]
                header = journal_mod.Header(self._meta["store_id"], journal_mod.FORMAT,
                                            self._journal_header.created if self._journal_header else "",
                                            base, list(self._undo), list(self._redo), checkpoint)
            rewrite = journal_mod.Rewrite(self.journal_path, header, _mode(self.journal_path))
            try:
                with open(self.journal_path, "rb") as old:
                    for count, (seq, (offset, length, line)) in enumerate(places):
                        if background and count % 2000 == 0 and self._stopping:
                            raise Cancelled()
                        rewrite.add(seq, journal_mod.read_raw(old, self.journal_path, offset, length, seq, line))
                    with self._mutex:
                        if self._pending:
                            raise Cancelled()
                        for seq in range(base + 1, self._seq + 1):  # appended while the bulk was copied
                            offset, length, line = self._offsets[seq]
                            rewrite.add(seq, journal_mod.read_raw(old, self.journal_path, offset, length, seq, line))
                        rewrite.commit()
                        self._writer.close()
                        self._writer = journal_mod.JournalWriter(self.journal_path, header.store,
                                                                 _mode(self.journal_path), rewrite.size, rewrite.crc)
                        self._offsets = rewrite.offsets
                        self._entries = len(rewrite.offsets)
                        self._journal_header = header
            except BaseException:
                rewrite.abort()
                raise

    def _documents(self) -> int:
        return sum(len(docs) for docs in self._tables.values())

    @contextmanager
    def batch(self, action: str) -> Iterator[None]:
        """Group several changes into one journal entry (one undo step, one fsync)."""
        with self._mutex:
            self._writable()
            if self._batch is not None:  # nested: join the outer batch
                yield
                return
            self._batch = []
            try:
                yield
            except BaseException:
                for change in reversed(self._batch):
                    self._apply(change["table"], change["id"], change["before"])
                self._batch = None
                raise
            changes, self._batch = self._batch, None
            if changes:  # each was applied (and checked storable) as it was made
                self._commit(action, changes, applied=True)

    def put_records(self, table: str, docs: Iterable[dict], *, action: str = "import",
                    replace: bool = False) -> tuple[list[str], list[str]]:
        """Write whole records as given (their ``reviewer`` and ``at`` kept), as one undoable journal entry.

        For importers. Strings are sanitised and selectors checked. A record whose id is already stored
        with other content is skipped unless ``replace``; one identical to the stored record is left as it
        is. Returns (ids written, ids skipped).
        """
        if table not in DATA_TABLES:
            raise ValueError(f"no table {table!r}; tables: {', '.join(DATA_TABLES)}")
        incoming: dict[str, dict] = {}
        for doc in docs:
            doc = clean_value(doc)
            if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
                raise ValueError("a record needs a string id")
            if table in ANCHORED_TABLES:
                doc["selector"] = check_selector(doc.get("selector"))
            incoming[doc["id"]] = doc
        written: list[str] = []
        skipped: list[str] = []
        changes = []
        with self._mutex:
            self._writable()
            for key, doc in incoming.items():
                current = self._tables[table].get(key)
                if current == doc:
                    continue
                if current is not None and not replace:
                    skipped.append(key)
                    continue
                changes.append(self._change(table, key, doc))
                written.append(key)
            self._commit(action, changes)
        return written, skipped

    # -- claims ----------------------------------------------------------------------------------

    def record_claim(
        self,
        status: str,
        claim_id: str,
        article_id: str,
        selector: dict,
        *,
        fields: dict | None = None,
        original: dict | None = None,
        note: str | None = None,
    ) -> dict:
        """Record a decision on a claim: ``accepted``, ``rejected``, ``corrected`` (with ``fields``), ``added``."""
        if status not in CLAIM_STATUSES:
            raise ValueError(f"status must be one of {', '.join(CLAIM_STATUSES)}")
        if status in ("corrected", "added") and not fields:
            raise ValueError(f"a {status} claim needs its fields")
        doc = self._doc(article_id, selector, id=claim_id, status=status, fields=clean_value(fields or {}))
        if original:
            doc["original"] = clean_value(original)
        if note:
            doc["note"] = clean_line(note)
        action = {"accepted": "accept", "rejected": "reject", "corrected": "correct", "added": "add_claim"}[status]
        self._commit(action, [self._change("claims", claim_id, doc)])
        return copy.deepcopy(doc)

    def accept(self, claim_id: str, article_id: str, selector: dict, **kwargs) -> dict:
        return self.record_claim("accepted", claim_id, article_id, selector, **kwargs)

    def reject(self, claim_id: str, article_id: str, selector: dict, **kwargs) -> dict:
        return self.record_claim("rejected", claim_id, article_id, selector, **kwargs)

    def correct(self, claim_id: str, article_id: str, selector: dict, fields: dict, **kwargs) -> dict:
        return self.record_claim("corrected", claim_id, article_id, selector, fields=fields, **kwargs)

    def add_claim(self, article_id: str, selector: dict, fields: dict, *, claim_id: str | None = None,
                  note: str | None = None) -> dict:
        """A claim the extractor missed. ``claim_id`` defaults to one derived from the article and span."""
        selector = check_selector(selector)
        claim_id = claim_id or "user-" + short_hash(article_id, selector["position"]["start"],
                                                    selector["quote"]["exact"])
        return self.record_claim("added", claim_id, article_id, selector, fields=fields, note=note)

    def clear_claim(self, claim_id: str) -> bool:
        """Forget the decision on a claim (it is pending again). False if there was none."""
        return self._commit("clear_claim", [self._change("claims", claim_id, None)]) is not None

    def claim(self, claim_id: str) -> dict | None:
        """The current decision on a claim, or ``None`` (pending)."""
        doc = self._tables["claims"].get(claim_id)
        return copy.deepcopy(doc) if doc else None

    def claim_at(self, article_id: str, start: int, end: int) -> dict | None:
        """The decision anchored at exactly this span of an article (after re-anchoring), or ``None``."""
        for doc in self._docs("claims", article_id):
            pos = doc["selector"]["position"]
            if pos["start"] == start and pos["end"] == end and not doc.get("orphan"):
                return copy.deepcopy(doc)
        return None

    def claims(self, article_id: str | None = None, status: str | None = None) -> list[dict]:
        """Decisions, optionally for one article and/or one status, in text order."""
        return [copy.deepcopy(d) for d in self._docs("claims", article_id) if status is None or d["status"] == status]

    def claim_states(self) -> list[ClaimState]:
        """Every decision's id, article, status and orphan flag, uncopied (a search reads them all at once)."""
        with self._mutex:
            return [claim_state(d) for d in self._tables["claims"].values()]

    # -- entities --------------------------------------------------------------------------------

    def _entity(self, action: str, article_id: str, selector: dict, label: str, model_label: str,
                entity_id: str | None) -> dict:
        selector = check_selector(selector)
        entity_id = entity_id or "e-" + short_hash(article_id, selector["position"]["start"],
                                                   selector["position"]["end"])
        previous = self._tables["entities"].get(entity_id)
        if previous and previous["action"] == "add" and action == "remove":
            self._commit("remove_entity", [self._change("entities", entity_id, None)])
            return {}
        if previous and previous["action"] == "add" and action == "relabel":
            action = "add"
        doc = self._doc(article_id, selector, id=entity_id, action=action, label=clean_line(label))
        model = model_label or (previous or {}).get("model_label", "")
        if model and action != "add":
            doc["model_label"] = clean_line(model)
        self._commit(f"{action}_entity" if action != "add" else "add_entity",
                     [self._change("entities", entity_id, doc)])
        return copy.deepcopy(doc)

    def relabel_entity(self, article_id: str, selector: dict, label: str, *, model_label: str = "",
                       entity_id: str | None = None) -> dict:
        return self._entity("relabel", article_id, selector, label, model_label, entity_id)

    def remove_entity(self, article_id: str, selector: dict, *, model_label: str = "",
                      entity_id: str | None = None) -> dict:
        """Remove a model entity (recorded), or delete an entity the reviewer added (returns ``{}``)."""
        return self._entity("remove", article_id, selector, "", model_label, entity_id)

    def add_entity(self, article_id: str, selector: dict, label: str, *, entity_id: str | None = None) -> dict:
        return self._entity("add", article_id, selector, label, "", entity_id)

    def clear_entity(self, entity_id: str) -> bool:
        return self._commit("clear_entity", [self._change("entities", entity_id, None)]) is not None

    def entities(self, article_id: str | None = None, action: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._docs("entities", article_id) if action is None or d["action"] == action]

    # -- links and clusters ----------------------------------------------------------------------

    def add_link(self, a: str, b: str, type: str, *, a_article: str, b_article: str,
                 cluster: str | None = None, note: str | None = None) -> dict:
        """Link two claims (``same``, ``update``, ``contradicts``, ``related``); replaces a link of the pair."""
        if type not in LINK_TYPES:
            raise ValueError(f"link type must be one of {', '.join(LINK_TYPES)}")
        if a == b:
            raise ValueError("a claim cannot be linked to itself")
        link_id = "l-" + short_hash(*sorted((a, b)))
        doc = {"id": link_id, "a": {"claim": a, "article": a_article}, "b": {"claim": b, "article": b_article},
               "type": type, "article": a_article, "reviewer": self.reviewer, "at": utc_now()}
        if cluster:
            doc["cluster"] = cluster
        if note:
            doc["note"] = clean_line(note)
        self._commit("add_link", [self._change("links", link_id, doc)])
        return copy.deepcopy(doc)

    def remove_link(self, a: str, b: str) -> bool:
        link_id = "l-" + short_hash(*sorted((a, b)))
        return self._commit("remove_link", [self._change("links", link_id, None)]) is not None

    def links(self, claim_id: str | None = None, cluster: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._docs("links", None)
                if (claim_id is None or claim_id in (d["a"]["claim"], d["b"]["claim"]))
                and (cluster is None or d.get("cluster") == cluster)]

    def set_cluster(self, cluster_id: str, name: str, *, claims: list[str] | None = None,
                    note: str | None = None) -> dict:
        """Create or rename a cluster (a ledger entry: one quantity tracked across articles)."""
        doc = {"id": cluster_id, "name": clean_line(name), "claims": list(claims or []),
               "article": "", "reviewer": self.reviewer, "at": utc_now()}
        if note:
            doc["note"] = clean_line(note)
        self._commit("set_cluster", [self._change("clusters", cluster_id, doc)])
        return copy.deepcopy(doc)

    def remove_cluster(self, cluster_id: str) -> bool:
        return self._commit("remove_cluster", [self._change("clusters", cluster_id, None)]) is not None

    def clusters(self) -> list[dict]:
        return [copy.deepcopy(d) for d in self._docs("clusters", None)]

    # -- learned rules ---------------------------------------------------------------------------

    def add_rule(self, kind: str, data: dict, *, rule_id: str | None = None, article_id: str = "",
                 selector: dict | None = None, provenance: dict | None = None, enabled: bool = True) -> dict:
        """Store a learned rule: ``kind`` (free text, e.g. "entity_label"), its ``data``, where it came from."""
        rule_id = rule_id or "r-" + short_hash(kind, dumps(clean_value(data)).decode())
        doc = {"id": rule_id, "kind": clean_line(kind), "data": clean_value(data), "enabled": bool(enabled),
               "article": article_id, "provenance": clean_value(provenance or {}),
               "reviewer": self.reviewer, "at": utc_now()}
        if selector is not None:
            doc["selector"] = check_selector(selector)
        self._commit("add_rule", [self._change("rules", rule_id, doc)])
        return copy.deepcopy(doc)

    def update_rule(self, rule_id: str, *, data: dict | None = None, enabled: bool | None = None,
                    provenance: dict | None = None) -> dict:
        """Merge ``data`` / ``provenance`` into a rule, or switch it on or off."""
        current = self._tables["rules"].get(rule_id)
        if current is None:
            raise KeyError(f"no rule {rule_id!r}")
        doc = copy.deepcopy(current)
        if data:
            doc["data"].update(clean_value(data))
        if provenance:
            doc["provenance"].update(clean_value(provenance))
        if enabled is not None:
            doc["enabled"] = bool(enabled)
        doc.update(reviewer=self.reviewer, at=utc_now())
        self._commit("update_rule", [self._change("rules", rule_id, doc)])
        return copy.deepcopy(doc)

    def disable_rule(self, rule_id: str) -> dict:
        return self.update_rule(rule_id, enabled=False)

    def enable_rule(self, rule_id: str) -> dict:
        return self.update_rule(rule_id, enabled=True)

    def delete_rule(self, rule_id: str) -> bool:
        return self._commit("delete_rule", [self._change("rules", rule_id, None)]) is not None

    def rules(self, kind: str | None = None, enabled: bool | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._docs("rules", None)
                if (kind is None or d["kind"] == kind) and (enabled is None or d["enabled"] == enabled)]

    # -- boilerplate marks -----------------------------------------------------------------------

    def mark_boilerplate(self, article_id: str, selector: dict, *, pattern: str | None = None) -> dict:
        """Mark a span as site chrome (``pattern``: a generalisation the cleaner may learn)."""
        selector = check_selector(selector)
        mark_id = "b-" + short_hash(article_id, selector["position"]["start"], selector["position"]["end"])
        doc = self._doc(article_id, selector, id=mark_id)
        if pattern:
            doc["pattern"] = clean_line(pattern)
        self._commit("mark_boilerplate", [self._change("boilerplate", mark_id, doc)])
        return copy.deepcopy(doc)

    def unmark_boilerplate(self, mark_id: str) -> bool:
        return self._commit("unmark_boilerplate", [self._change("boilerplate", mark_id, None)]) is not None

    def boilerplate(self, article_id: str | None = None) -> list[dict]:
        return [copy.deepcopy(d) for d in self._docs("boilerplate", article_id)]

    # -- common ----------------------------------------------------------------------------------

    def _doc(self, article_id: str, selector: dict, **fields: Any) -> dict:
        return {**fields, "article": article_id, "selector": check_selector(selector),
                "reviewer": self.reviewer, "at": utc_now()}

    def records(self, table: str, article_id: str | None = None) -> list[dict]:
        """A table's records (``article_id``: one article's) in text order, as stored: not copied, for
        reading many at once (a team's agreement over every reviewer's store, a merged view). The one
        query that shares the store's own records: read them, never change one (copy it first). A write
        replaces a record and never changes one in place, so a list read here stays as it was read."""
        if table not in DATA_TABLES:
            raise ValueError(f"no table {table!r}; tables: {', '.join(DATA_TABLES)}")
        return self._docs(table, article_id)

    def _docs(self, table: str, article_id: str | None) -> list[dict]:
        with self._mutex:  # a worker thread may be writing
            docs = self._tables[table]
            if article_id is None:
                found = list(docs.values())
            else:
                found = [docs[k] for k in self._by_article[table].get(article_id, ())]
        return sorted(found, key=lambda d: (d.get("article", ""), _start(d), d["id"]))

    def articles(self) -> list[str]:
        """Ids of the articles that have any annotation."""
        return sorted({a for name in ANCHORED_TABLES for a, keys in self._by_article[name].items() if keys and a})

    def orphans(self, article_id: str | None = None) -> list[dict]:
        """Annotations whose text could not be found after the article changed (``table`` added)."""
        return [dict(copy.deepcopy(d), table=name) for name in ANCHORED_TABLES
                for d in self._docs(name, article_id) if d.get("orphan")]

    # -- undo / redo / journal -------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _entry(self, seq: int) -> dict:
        if seq in self._unsaved:
            return self._unsaved[seq]
        offset, length, line = self._offsets[seq]
        return journal_mod.read_entry(self.journal_path, offset, length, line, seq)

    def undo(self) -> Change | None:
        """Undo the latest action still in effect (any article, any session); ``None`` if there is none."""
        with self._mutex:
            self._writable()
            if self._batch is not None:
                raise StoreError(self.path, "cannot undo inside a batch")
            if not self._undo:
                return None
            target = self._undo[-1]
            entry = self._entry(target)
            changes = [self._change(c["table"], c["id"], self._current(target, c, "before"))
                       for c in reversed(entry["changes"])]
            return self._commit(entry["action"], changes, kind="undo", target=target)

    def redo(self) -> Change | None:
        """Re-apply the latest undone action; ``None`` if there is none (a new action clears redo)."""
        with self._mutex:
            self._writable()
            if self._batch is not None:
                raise StoreError(self.path, "cannot redo inside a batch")
            if not self._redo:
                return None
            target = self._redo[-1]
            entry = self._entry(target)
            changes = [self._change(c["table"], c["id"], self._current(target, c, "after"))
                       for c in entry["changes"]]
            return self._commit(entry["action"], changes, kind="redo", target=target)

    def journal(self, article_id: str | None = None) -> Iterator[dict]:
        """Every journal entry, oldest first (optionally only those touching one article)."""
        for _, _, entry in journal_mod.scan(self.journal_path):
            if entry["seq"] in self._unsaved:
                continue
            if article_id is None or article_id in entry.get("articles", ()):
                yield entry
        for entry in list(self._unsaved.values()):
            if article_id is None or article_id in entry.get("articles", ()):
                yield copy.deepcopy(entry)

    # -- re-anchoring ----------------------------------------------------------------------------

    def reanchor(self, article_id: str, text: str) -> ReanchorResult:
        """Re-attach an article's annotations to its new ``text``; those not found become orphans (kept).

        Journaled as one undoable ``reanchor`` action; nothing is written if nothing moved.
        """
        result = ReanchorResult(article_id)
        changes = []
        for name in ANCHORED_TABLES:
            for doc in self._docs(name, article_id):
                found = anchor(doc["selector"], text)
                if found is None:
                    result.orphans.append(dict(doc, table=name))
                    if not doc.get("orphan"):
                        changes.append(self._change(name, doc["id"], dict(doc, orphan=True)))
                    continue
                selector = make_selector(text, found.start, found.end)
                if selector == doc["selector"] and not doc.get("orphan"):
                    result.unchanged += 1
                    continue
                after = {k: v for k, v in doc.items() if k != "orphan"}
                after.update(selector=selector, anchored_by=found.method)
                changes.append(self._change(name, doc["id"], after))
                result.moved.append({"table": name, "id": doc["id"], "from": doc["selector"]["position"],
                                     "to": selector["position"], "method": found.method})
        if changes:
            result.change = self._commit("reanchor", changes)
        return result

    # -- information -----------------------------------------------------------------------------

    @property
    def meta(self) -> dict:
        return dict(self._meta)

    @property
    def read_only_reason(self) -> str:
        """Why this store refuses writes ("" when it takes them), naming the session that holds the file."""
        if not self.read_only:
            return ""
        holder = read_holder(self.path) if lock_is_held(self.path) else None
        if holder is not None:
            return f"the annotation file is open read-only: another session holds it ({holder.describe()})"
        return "the annotation file is open read-only"

    def counts(self) -> dict:
        """How many of each kind of record, decisions by status, orphans, journal entries, undo/redo depth."""
        with self._mutex:
            return self._counts()

    def _counts(self) -> dict:
        by_status: dict[str, int] = {}
        for doc in self._tables["claims"].values():
            by_status[doc["status"]] = by_status.get(doc["status"], 0) + 1
        by_action: dict[str, int] = {}
        for doc in self._tables["entities"].values():
            by_action[doc["action"]] = by_action.get(doc["action"], 0) + 1
        return {
            "claims": len(self._tables["claims"]),
            "claims_by_status": by_status,
            "entities": len(self._tables["entities"]),
            "entities_by_action": by_action,
            "links": len(self._tables["links"]),
            "clusters": len(self._tables["clusters"]),
            "rules": len(self._tables["rules"]),
            "rules_enabled": sum(1 for d in self._docs("rules", None) if d["enabled"]),
            "boilerplate": len(self._tables["boilerplate"]),
            "orphans": sum(1 for n in ANCHORED_TABLES for d in self._tables[n].values() if d.get("orphan")),
            "articles": len(self.articles()),
            "journal_entries": self._entries,
            "undo": len(self._undo),
            "redo": len(self._redo),
        }

    def info(self) -> dict:
        """Everything ``claimdesk db info`` shows."""
        holder = read_holder(self.path)
        held = self._lock is not None or lock_is_held(self.path)
        return {
            "path": str(self.path),
            "journal": str(self.journal_path),
            "read_only": self.read_only,
            "schema": self._meta.get("schema", SCHEMA_VERSION),
            "app_version": self._meta.get("app_version", ""),
            "store_id": self._meta.get("store_id", ""),
            "created": self._meta.get("created", ""),
            "corpus": self._meta.get("corpus", ""),
            "counts": self.counts(),
            "lock": {"held": held, **(holder.__dict__ if holder and held else {})},
            "backups": [{"path": str(p), "size": p.stat().st_size} for p in backup.list_backups(self.path)],
            "size": _size(self.path),
            "journal_size": _size(self.journal_path),
            "pending": len(self._pending),
            "seq": self._seq,
            "checkpoint_seq": max(self._checkpoint_seq, 0),
            "undo_depth": self.undo_depth,
            "warnings": list(self.warnings),
        }


def _start(doc: dict) -> int:
    selector = doc.get("selector")
    return selector["position"]["start"] if selector else 0


def _mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _as_change(entry: dict) -> Change:
    """The Change of an entry just made durable: its documents are the caller's (nothing else holds them
    now: the store keeps copies, and the entry is on disk, no longer among the unsaved ones)."""
    return Change(entry["seq"], entry["kind"], entry["action"], tuple(entry["articles"]),
                  tuple(entry["changes"]), entry.get("target"))


def open_store(
    path: str | os.PathLike | None = None,
    *,
    corpus: str | os.PathLike | None = None,
    reviewer: str | None = None,
    read_only: bool = False,
    **options: Any,
) -> Store:
    """Open (creating it if needed) the store at ``path``, or the default one for ``corpus``.

    A writer takes the lock (:class:`StoreLockedError` if another session has it); ``read_only=True``
    takes no lock and refuses writes. Use as a context manager, or call ``close()``.
    """
    if path is None:
        if corpus is None:
            raise ValueError("open_store needs a path or a corpus")
        path = default_db_path(corpus)
    return Store(path, reviewer=reviewer, read_only=read_only, corpus=corpus, **options)
