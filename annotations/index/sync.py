"""Bring a corpus index up to date with its corpus: read only what changed.

A file whose size and modification time are those recorded is not read again. A changed file (or a
new one) is read and its articles are compared with their rows one by one (by id, then by text hash
and metadata), so a big single-file corpus with a few changed records keeps the other rows, and
every unchanged article keeps its extraction results. Articles gone from the corpus, and files gone
from the folder, lose their rows. A new loader (code or chrome patterns) re-reads every file.
Changes are committed file by file (in batches), so an interrupted build resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from ..corpus import Skipped, check_corpus, corpus_files, iter_file, relative_name
from ..corpus.boilerplate import BoilerplateFilter
from ..corpus.load_cache import loader_code_key, stamp
from ..corpus.titles import HTML_FORMATS, strip_repeated_suffixes

ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, file name [and % of it])
COMMIT_EVERY = 2000  # articles written between commits
PARALLEL_FILES = 400  # at least this many files to read: read them in worker processes too
CHUNK_FILES = 50  # files a worker reads per task
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
    return (article.path, article.title, article.source, article.byline, article.date, article.url,
            article.format, article.crawled, json.dumps(list(article.problems), ensure_ascii=False), article.words)


class _Writer:
    """Writes one sync's changes, committing every :data:`COMMIT_EVERY` articles."""

    def __init__(self, conn: sqlite3.Connection, report: SyncReport):
        self.conn, self.report, self.pending = conn, report, 0
        self.conn.execute("BEGIN IMMEDIATE")

    def tick(self, n: int = 1) -> None:
        self.pending += n
        if self.pending >= COMMIT_EVERY:
            self.commit()
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self.pending = 0

    def remove_file(self, rel: str) -> None:
        self.report.removed += self.conn.execute("DELETE FROM articles WHERE file = ?", (rel,)).rowcount
        self.conn.execute("DELETE FROM files WHERE rel = ?", (rel,))

    def file(self, rel: str, order: int, file_stamp: list[int] | None, articles: list[Article],
             skipped: list[Skipped]) -> None:
        """Make the rows of file ``rel`` those of ``articles`` (in order), and record its stamp."""
        old = {row[0]: row[1:] for row in self.conn.execute(
            f"SELECT id, n, seq, text_hash, {', '.join(META_COLUMNS)} FROM articles WHERE file = ?", (rel,))}
        for seq, article in enumerate(articles):
            meta = _meta_of(article)
            digest = text_hash(article.text)
            row = old.pop(article.id, None)
            if row is None:
                self.conn.execute(
                    f"INSERT INTO articles (id, file, seq, title, text, text_hash, {', '.join(META_COLUMNS)}) "
                    f"VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' * len(META_COLUMNS))})",
                    (article.id, rel, seq, article.title, article.text, digest, *meta))
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


def _file_meter(progress: ProgressCallback | None, done: int, total: int, rel: str, size: int):
    if progress is None or size <= 0:
        return lambda _at: None
    return lambda at: progress(done, total, f"{rel} {min(99, 100 * at // size)}%")


def sync(conn: sqlite3.Connection, root: Path | str | None, extra_boilerplate: Iterable[dict] = (), *,
         progress: ProgressCallback | None = None) -> SyncReport:
    """Update the index on ``conn`` from the corpus at ``root`` (a folder or one file); raises
    :class:`~claimdesk.annotations.corpus.CorpusError` as loading the corpus does."""
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
    writer = _Writer(conn, report)
    try:
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
            to_read.append(_Task(str(path), rel, order, file_stamp, path == root))
        for task, articles, skipped in _read_all(to_read, extra_boilerplate, progress, len(paths)):
            writer.file(task.rel, task.order, task.stamp, articles, skipped)
            report.read += 1
            if progress is not None:
                progress(task.order + 1, len(paths), task.rel)
        if report.modified or every_file:
            _renumber(conn)
            _display_titles(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('loader', ?)", (key,))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('root', ?)", (str(root),))
        writer.commit()
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if progress is not None and paths:
        progress(len(paths), len(paths), "")
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Task:
    """A file to read: where it is, its name in the corpus, its place, its stamp when listed."""

    path: str
    rel: str
    order: int
    stamp: list[int] | None
    whole_corpus: bool


_chrome: BoilerplateFilter | None = None  # a reading worker's filter, compiled once per process


def _start_worker(extra_boilerplate: list[dict]) -> None:
    global _chrome
    _chrome = BoilerplateFilter(extra=extra_boilerplate)


def _read(task: _Task, chrome: BoilerplateFilter, meter=lambda _at: None) -> tuple[list[Article], list[Skipped]]:
    articles, skipped = [], []
    for item in iter_file(Path(task.path), task.rel, chrome, meter, whole_corpus=task.whole_corpus):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    return articles, skipped


def _read_chunk(tasks: list[_Task]) -> list[tuple[list[Article], list[Skipped]]]:
    return [_read(task, _chrome) for task in tasks]


def _read_all(tasks: list[_Task], extra_boilerplate: list[dict], progress: ProgressCallback | None,
              total: int, parallel: bool = True) -> Iterator[tuple[_Task, list[Article], list[Skipped]]]:
    """Each file's articles and skips, in order: read here, or for many files also by worker processes
    (the cleaning is pure Python: one process per core reads that much faster). Where worker
    processes cannot start, the rest is read here."""
    workers = min(os.cpu_count() or 1, 8)
    if not parallel or len(tasks) < PARALLEL_FILES or workers < 2:
        chrome = BoilerplateFilter(extra=extra_boilerplate) if tasks else None
        for task in tasks:
            size = task.stamp[0] if task.stamp else 0
            yield task, *_read(task, chrome, _file_meter(progress, task.order, total, task.rel, size))
        return
    chunks = [tasks[i:i + CHUNK_FILES] for i in range(0, len(tasks), CHUNK_FILES)]
    # spawn: the caller may run threads (the app), which forking would copy in an unknown state
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(extra_boilerplate,)) as pool:
            for chunk, results in zip(chunks, pool.map(_read_chunk, chunks), strict=True):
                for task, (articles, skipped) in zip(chunk, results, strict=True):
                    yield task, articles, skipped
                    done += 1
    except (BrokenProcessPool, OSError, ValueError):  # ValueError: no standard error to hand on (a running app's)
        yield from _read_all(tasks[done:], extra_boilerplate, progress, total, parallel=False)


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
