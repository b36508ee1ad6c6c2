"""The corpus index's SQLite file: its tables, and how it is opened.

One file per corpus (WAL mode, so a reader never waits for the writer). ``files`` holds each corpus
file's size and modification time and what in it could not be loaded; ``articles`` one row per
article in corpus order (``pos``) with its metadata, clean text and, once extracted, a summary of
its claims; ``articles_fts`` is an FTS5 index over title, text and claims that reads its content
from ``articles`` (triggers keep it in step as rows change or go; the sync that adds rows writes
their entries, all of a batch in one pass: :mod:`.sync`); ``extractions`` keeps each article's
extracted claims and entities under the key of what produced them (code, model, rules);
``claim_ids`` lists each article's extracted claim ids, for "pending only" filters (the index of
``pos`` also holds the claim count, the date and the source, so that the filters of a list never
read the rows, whose texts make them large). FTS5 keeps prefix indexes of 2 and 3 characters, so
the first letters of a word typed into search find it fast.

A file of another format version is rebuilt from scratch: the index is a cache, never the only copy.
A build from scratch writes a file of its own, without a journal or syncs (:func:`connect_new`), that
then takes the index's place at once (:func:`put_in_place`): see :mod:`.build`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ..atomic_file import fsync_dir

FORMAT = "8"  # 8: claims summaries hold each claim's described value and date

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    skipped TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    seq INTEGER NOT NULL,
    pos INTEGER NOT NULL DEFAULT 0,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    page_title TEXT NOT NULL,
    source TEXT NOT NULL,
    byline TEXT NOT NULL,
    date TEXT NOT NULL,
    url TEXT NOT NULL,
    format TEXT NOT NULL,
    crawled TEXT NOT NULL,
    problems TEXT NOT NULL,
    words INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    claims TEXT NOT NULL DEFAULT '',
    n_claims INTEGER,
    n_entities INTEGER
);
CREATE INDEX IF NOT EXISTS articles_pos ON articles(pos, n_claims, date, source);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file, seq);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, pos);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date, pos);
CREATE TABLE IF NOT EXISTS extractions (
    n INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_ids (
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (n, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_ids_id ON claim_ids(id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, claims, content='articles', content_rowid='n', tokenize='unicode61 remove_diacritics 2',
    prefix='2 3'
);
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, claims)
        VALUES ('delete', old.n, old.title, old.text, old.claims);
    DELETE FROM extractions WHERE n = old.n;
    DELETE FROM claim_ids WHERE n = old.n;
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, text, claims ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, claims)
        VALUES ('delete', old.n, old.title, old.text, old.claims);
    INSERT INTO articles_fts(rowid, title, text, claims) VALUES (new.n, new.title, new.text, new.claims);
END;
"""


def connect(path: Path) -> sqlite3.Connection:
    """The index at ``path`` (created, or rebuilt when it is of another format or unreadable), in WAL
    mode, autocommit (transactions are explicit), safe to share between threads with a lock."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        conn = _open(path)
    except sqlite3.OperationalError as error:
        if _busy(error):  # another process holds it (a long sync) beyond the timeout: not damage
            raise
        _remove(path)
        conn = _open(path)
    except sqlite3.DatabaseError:  # not a database, or damaged: it is a cache, start again
        _remove(path)
        conn = _open(path)
    return conn


def connect_new(path: Path) -> sqlite3.Connection:
    """A new, empty index file at ``path`` (whatever was there is removed) for a build from scratch:
    written without a journal and without syncs, so that it costs its pages once. A crash leaves a
    damaged file, so it is never the index in use until it is whole: :func:`put_in_place`."""
    _remove(path)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _modes(conn, journal="OFF", synchronous="OFF")
        _tables(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def seal(conn: sqlite3.Connection) -> None:
    """Close a file :func:`connect_new` made, in WAL mode as every index is kept."""
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def put_in_place(built: Path, path: Path) -> None:
    """Make the sealed file ``built`` the index at ``path`` in one rename: whoever opens ``path`` gets
    the old index or the new one, never a part of either; a crash before the rename leaves the old one.

    The old index's WAL files are removed first: left beside the new file, they would be taken for its
    own. (A process that still has the old index open keeps reading it; SQLite does not remove the new
    index's WAL files when it closes, since its file has moved.)"""
    fd = os.open(built, os.O_RDONLY)
    try:
        os.fsync(fd)  # the pages on disk before the name points at them
    finally:
        os.close(fd)
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + extra).unlink()
    os.replace(built, path)
    fsync_dir(path.parent)


def identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names (device, inode), to see when another build has replaced it; None when none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _busy(error: sqlite3.OperationalError) -> bool:
    return any(word in str(error).lower() for word in ("locked", "busy"))


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    try:
        _modes(conn)
        version = _meta(conn, "format")
        if version is not None and version != FORMAT:
            conn.close()
            _remove(path)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            _modes(conn)
        _tables(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _modes(conn: sqlite3.Connection, journal: str = "WAL", synchronous: str = "NORMAL") -> None:
    """How ``conn`` writes; by default WAL with synchronous=NORMAL: a crash may lose the last commits,
    never corrupt the file."""
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute(f"PRAGMA synchronous={synchronous}")


def _tables(conn: sqlite3.Connection) -> None:
    """The tables of this format, made where missing."""
    conn.executescript(TABLES)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # no meta table yet: a new file
        return None
    return row[0] if row else None


def _remove(path: Path) -> None:
    for extra in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + extra).unlink()
