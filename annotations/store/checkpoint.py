"""Checkpoints: the database file rewritten from a snapshot of the store, off the caller's thread.

Taking a :class:`Snapshot` costs a shallow copy of each table (milliseconds at 100,000 documents:
documents are never changed in place, only replaced). Writing it serialises only the documents whose
serialisation is not cached yet (each document written once is kept as bytes), streams the file in
pieces through :func:`~..atomic_file.atomic_write_chunks` (temp file, fsync, rename, fsync dir), and can
be cancelled between pieces (a store that closes does not wait for a large write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .storage import database_chunks, dumps, write_chunks

CHECK_EVERY = 2000  # documents between two looks at the cancel flag


class Cancelled(Exception):
    """The checkpoint was stopped (the store is closing); the database file is as it was."""


@dataclass
class TableSnapshot:
    name: str
    ids: dict[str, int]  # key -> TinyDB doc id, in file order
    docs: dict[str, dict]
    raw: dict[str, bytes]  # key -> serialised document, where known


@dataclass
class Snapshot:
    seq: int  # the last journal entry the snapshot holds
    meta: dict
    tables: list[TableSnapshot]
    meta_extra: dict[str, bytes] | None = None  # meta members already serialised (the journal index)


Made = dict[str, tuple[list[str], list[dict], list[bytes]]]


def write_snapshot(path: Path, snapshot: Snapshot, mode: int | None,
                   cancelled: Callable[[], bool] = lambda: False) -> Made:
    """Write ``snapshot`` as the database file at ``path``; return, per table, the documents it had to
    serialise (keys, documents, bytes: three lists, no object per document kept alive for the cycle
    collector to walk) so the caller can cache them. Raises :class:`StoreWriteError` (the file is
    untouched) or :class:`Cancelled`."""
    made: Made = {}

    def rows(table: TableSnapshot) -> Iterator[tuple[int, bytes]]:
        keys, docs, raws = made.setdefault(table.name, ([], [], []))
        for count, (key, doc_id) in enumerate(table.ids.items()):
            if count % CHECK_EVERY == 0 and cancelled():
                raise Cancelled()
            raw = table.raw.get(key)
            if raw is None:
                doc = table.docs[key]
                raw = dumps(doc)
                keys.append(key)
                docs.append(doc)
                raws.append(raw)
            yield doc_id, raw

    chunks = database_chunks(snapshot.meta, ((t.name, rows(t)) for t in snapshot.tables),
                             meta_extra=snapshot.meta_extra)
    write_chunks(path, chunks, mode=mode)
    return made
