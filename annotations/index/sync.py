"""Bring a corpus index up to date with its corpus: read only what changed.

A file whose size and modification time are those recorded is not read again. A changed file (or a
new one) is read and its articles are compared with their rows one by one (by id, then by text hash
and metadata), so a big single-file corpus with a few changed records keeps the other rows, and
every unchanged article keeps its extraction results. Articles gone from the corpus, and files gone
from the folder, lose their rows. A new loader (code or chrome patterns) re-reads every file.
Changes are committed file by file (in batches), so an interrupted sync resumes where it stopped.
A build from scratch (``fresh``: a new file, see :mod:`.build`) is one transaction written in bigger
batches, since a build that stops is thrown away whole.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..corpus import Skipped, check_corpus, corpus_files, parallel, relative_name
from ..corpus.load_cache import loader_code_key, stamp
from ..corpus.parallel import FileTask
from ..corpus.titles import HTML_FORMATS, strip_repeated_suffixes

ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, file name [and % of it])
COMMIT_EVERY = 2000  # articles written between commits
WRITE_EVERY = 250  # new articles held before their rows and FTS5 entries are written (not yet committed)
SYNC_CACHE_KIB = 64 * 1024  # SQLite's page cache while a sync writes (2 MB otherwise)
SYNC_FTS_HASH_BYTES = 64 * 1024 * 1024  # FTS5's pending entries while a sync writes
FTS_HASH_BYTES = 1024 * 1024  # FTS5's default, for the writes between syncs (extraction results)
BUILD_WRITE_EVERY = 2000  # new articles held before they are written, in a build from scratch
# FTS5 merges segments once this many are on one level (its default: 4); a build from scratch waits
# for more, so each entry is copied fewer times (the syncing process's FTS5 work: -15% at 100,000)
BUILD_AUTOMERGE = 8
FTS_AUTOMERGE = 4
META_COLUMNS = ("path", "page_title", "source", "byline", "date", "url", "format", "crawled", "problems", "words")


@dataclass
class SyncReport:
    """What one :func:`sync` did."""

    files: int = 0  # files in the corpus
    read: int = 0  # files read (new, changed, or every file after a loader change)
    added: int = 0  # articles
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    # seconds of the syncing process by phase: "list" (files listed, stamps read), "read" (reading the
    # files here, or waiting for the worker processes), "compare" (articles against their rows), "rows"
    # and "fts" (new articles written, and their FTS5 entries), "order" (corpus order, display titles),
    # "commit", and for a build from scratch "place" (the new file sealed, synced and renamed into place)
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def articles_read(self) -> int:
        return self.added + self.changed + self.unchanged

    @property
    def modified(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def loader_key(extra_boilerplate: Iterable[dict]) -> str:
    """What a clean text depends on besides its file: the loader's code and the chrome patterns."""
    extra = json.dumps(list(extra_boilerplate), sort_keys=True, default=str)
    return hashlib.sha1(f"{loader_code_key()}\x1f{extra}".encode()).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _meta_of(article: Article) -> tuple:
    problems = json.dumps(list(article.problems), ensure_ascii=False) if article.problems else "[]"
    return (article.path, article.title, article.source, article.byline, article.date, article.url,
            article.format, article.crawled, problems, article.words)


_INSERT = (f"INSERT INTO articles (id, file, seq, pos, title, text, text_hash, {', '.join(META_COLUMNS)}) "
           f"VALUES ({', '.join('?' * (7 + len(META_COLUMNS)))})")


class _Writer:
    """Writes one sync's changes, committing every :data:`COMMIT_EVERY` articles (a build from scratch,
    ``fresh``: once, at the end).

    New articles are written in bulk, :data:`WRITE_EVERY` at a time (:data:`BUILD_WRITE_EVERY` in a
    build) and before each commit: their rows at once, then their FTS5 entries with one INSERT … SELECT
    (the index of a new row is built in one pass with the others, about three times faster than a row
    at a time; bigger batches cost FTS5 less still). A commit holds the rows, their FTS5 entries and
    their files' stamps together, so an interrupted sync leaves an index that is whole as far as it goes."""

    def __init__(self, conn: sqlite3.Connection, report: SyncReport, *, fresh: bool = False):
        self.conn, self.report, self.pending, self.fresh = conn, report, 0, fresh
        self.write_every = BUILD_WRITE_EVERY if fresh else WRITE_EVERY
        self.new_rows: list[tuple] = []
        self.next_pos = 0  # a new article's place until _renumber settles it: in reading order
        self.conn.execute("BEGIN IMMEDIATE")
        self.fts_tuned = False

    def _fts_settings(self, hash_bytes: int, automerge: int) -> None:
        """How much FTS5 gathers in memory before it writes a segment, and how many segments of a level
        it lets be before it merges them (settings kept in the index: bigger ones write fewer, bigger
        segments and merge less; the hits are the same)."""
        for name, value in (("hashsize", hash_bytes), ("automerge", automerge)):
            self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)", (name, value))

    def tick(self, n: int = 1) -> None:
        self.pending += n
        if self.pending >= COMMIT_EVERY and not self.fresh:
            self.commit()
            self.conn.execute("BEGIN IMMEDIATE")
        elif len(self.new_rows) >= self.write_every:  # written while the workers read on; FTS5 keeps them in memory
            self.flush()

    def flush(self) -> None:
        """Write the new articles' rows and their FTS5 entries."""
        if not self.new_rows:
            return
        started = time.perf_counter()
        if not self.fts_tuned:
            self._fts_settings(SYNC_FTS_HASH_BYTES, BUILD_AUTOMERGE if self.fresh else FTS_AUTOMERGE)
            self.fts_tuned = True
        last = self.conn.execute("SELECT coalesce(max(n), 0) FROM articles").fetchone()[0]
        self.conn.executemany(_INSERT, self.new_rows)  # each gets the next rowid: every n > last is new
        self.new_rows.clear()
        inserted = time.perf_counter()
        self.conn.execute("INSERT INTO articles_fts(rowid, title, text, claims) "
                          "SELECT n, title, text, claims FROM articles WHERE n > ?", (last,))
        _add(self.report, "rows", inserted - started)
        _add(self.report, "fts", time.perf_counter() - inserted)

    def finish(self) -> None:
        """The last commit: FTS5's settings back to their defaults first."""
        self.flush()
        if self.fts_tuned:
            self._fts_settings(FTS_HASH_BYTES, FTS_AUTOMERGE)
        self.commit()

    def commit(self) -> None:
        self.flush()
        started = time.perf_counter()
        self.conn.execute("COMMIT")
        _add(self.report, "commit", time.perf_counter() - started)
        self.pending = 0

    def remove_file(self, rel: str) -> None:
        self.report.removed += self.conn.execute("DELETE FROM articles WHERE file = ?", (rel,)).rowcount
        self.conn.execute("DELETE FROM files WHERE rel = ?", (rel,))

    def file(self, rel: str, order: int, file_stamp: list[int] | None, articles: list[Article],
             skipped: list[Skipped]) -> None:
        """Make the rows of file ``rel`` those of ``articles`` (in order), and record its stamp."""
        old = {} if self.fresh else {row[0]: row[1:] for row in self.conn.execute(
            f"SELECT id, n, seq, text_hash, {', '.join(META_COLUMNS)} FROM articles WHERE file = ?", (rel,))}
        for seq, article in enumerate(articles):
            meta = _meta_of(article)
            digest = text_hash(article.text)
            row = old.pop(article.id, None)
            if row is None:
                self.new_rows.append((article.id, rel, seq, self.next_pos, article.title, article.text, digest, *meta))
                self.next_pos += 1
                self.report.added += 1
            elif row[2] == digest and tuple(row[3:]) == meta:
                if row[1] != seq:
                    self.conn.execute("UPDATE articles SET seq = ? WHERE n = ?", (seq, row[0]))
                self.report.unchanged += 1
            else:
                self._update(row[0], seq, article, meta, digest, text_changed=row[2] != digest)
            self.tick()
        for row in old.values():
            self.conn.execute("DELETE FROM articles WHERE n = ?", (row[0],))
            self.report.removed += 1
        size, mtime = file_stamp if file_stamp is not None else (-1, -1)
        skips = json.dumps([[s.path, s.reason] for s in skipped], ensure_ascii=False)
        self.conn.execute("INSERT OR REPLACE INTO files (rel, ord, size, mtime_ns, skipped) VALUES (?, ?, ?, ?, ?)",
                          (rel, order, size, mtime, skips))
        self.tick()

    def _update(self, n: int, seq: int, article: Article, meta: tuple, digest: str, *, text_changed: bool) -> None:
        sets = ", ".join(f"{c} = ?" for c in META_COLUMNS)
        self.conn.execute(f"UPDATE articles SET seq = ?, title = ?, text = ?, text_hash = ?, {sets} WHERE n = ?",
                          (seq, article.title, article.text, digest, *meta, n))
        if text_changed:  # what was extracted from the old text no longer holds
            self.conn.execute("UPDATE articles SET claims = '', n_claims = NULL, n_entities = NULL WHERE n = ?", (n,))
            self.conn.execute("DELETE FROM extractions WHERE n = ?", (n,))
            self.conn.execute("DELETE FROM claim_ids WHERE n = ?", (n,))
        self.report.changed += 1


def _add(report: SyncReport, phase: str, seconds: float) -> None:
    report.phases[phase] = report.phases.get(phase, 0.0) + seconds


def sync(conn: sqlite3.Connection, root: Path | str | None, extra_boilerplate: Iterable[dict] = (), *,
         progress: ProgressCallback | None = None, fresh: bool = False) -> SyncReport:
    """Update the index on ``conn`` from the corpus at ``root`` (a folder or one file); raises
    :class:`~claimdesk.annotations.corpus.CorpusError` as loading the corpus does. ``fresh``: ``conn``
    is a new, empty file (:func:`~.schema.connect_new`), written in one transaction."""
    started = time.perf_counter()
    root = check_corpus(root)
    extra_boilerplate = list(extra_boilerplate)
    paths = corpus_files(root)
    report = SyncReport(files=len(paths))
    key = loader_key(extra_boilerplate)
    row = conn.execute("SELECT value FROM meta WHERE key = 'loader'").fetchone()
    every_file = row is None or row[0] != key
    known = {rel: (size, mtime, order) for rel, size, mtime, order in
             conn.execute("SELECT rel, size, mtime_ns, ord FROM files")}
    names = [relative_name(root, path) for path in paths]
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    writer = _Writer(conn, report, fresh=fresh)
    try:
        conn.execute(f"PRAGMA cache_size = {-SYNC_CACHE_KIB}")  # FTS5 merges its segments in fewer page reads
        for rel in set(known) - set(names):
            writer.remove_file(rel)
        to_read = []
        for order, (path, rel) in enumerate(zip(paths, names, strict=True)):
            file_stamp = stamp(path)
            old = known.get(rel)
            if not every_file and old is not None and file_stamp is not None and list(old[:2]) == file_stamp:
                if old[2] != order:
                    conn.execute("UPDATE files SET ord = ? WHERE rel = ?", (order, rel))
                continue
            to_read.append(FileTask(str(path), rel, order, file_stamp, path == root))
        _add(report, "list", time.perf_counter() - started)
        files = parallel.read_files(to_read, extra_boilerplate, progress, len(paths))
        while True:
            waited = time.perf_counter()
            task, articles, skipped = next(files, (None, None, None))
            writing = time.perf_counter()
            _add(report, "read", writing - waited)
            if task is None:
                break
            writer.file(task.rel, task.order, task.stamp, articles, skipped)
            report.read += 1
            if progress is not None:
                progress(task.order + 1, len(paths), task.rel)
            _add(report, "compare", time.perf_counter() - writing)
        # "compare" held the bulk writes and commits made along the way, counted on their own too
        _add(report, "compare", -sum(report.phases.get(k, 0.0) for k in ("rows", "fts", "commit")))
        writer.flush()
        if report.modified or every_file:
            ordering = time.perf_counter()
            if not fresh:  # (a build reads every file in corpus order: each new article's place is its own)
                _renumber(conn)
            _display_titles(conn)
            _add(report, "order", time.perf_counter() - ordering)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('loader', ?)", (key,))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('root', ?)", (str(root),))
        writer.finish()
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")  # the memory back once the sync is done
    if progress is not None and paths:
        progress(len(paths), len(paths), "")
    report.seconds = time.perf_counter() - started
    return report


def _renumber(conn: sqlite3.Connection) -> None:
    """``pos``: each article's place in corpus order (files in folder order, records in file order)."""
    conn.execute("""
        UPDATE articles SET pos = ranked.pos FROM (
            SELECT a.n AS n, row_number() OVER (ORDER BY f.ord, a.seq) - 1 AS pos
            FROM articles a JOIN files f ON f.rel = a.file
        ) AS ranked
        WHERE articles.n = ranked.n AND articles.pos != ranked.pos""")


@dataclass
class _Titled:
    n: int
    title: str
    format: str


def _display_titles(conn: sqlite3.Connection) -> None:
    """Titles as the corpus loader gives them: a site name that ends the titles of several web pages is cut."""
    marks = ", ".join("?" * len(HTML_FORMATS))
    pages = [_Titled(n, title, fmt) for n, title, fmt in conn.execute(
        f"SELECT n, page_title, format FROM articles WHERE format IN ({marks})", HTML_FORMATS)]
    shown = {t.n: t.title for t in strip_repeated_suffixes(pages)}
    current = dict(conn.execute(f"SELECT n, title FROM articles WHERE format IN ({marks})", HTML_FORMATS))
    for n, title in shown.items():
        if current.get(n) != title:
            conn.execute("UPDATE articles SET title = ? WHERE n = ?", (title, n))


__all__ = ["SyncReport", "loader_key", "sync", "text_hash"]
