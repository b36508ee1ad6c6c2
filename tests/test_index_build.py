"""Building the corpus index in bulk stores what the loader reads and what row-by-row indexing stored:
the same rows, texts and titles, the same FTS5 hits and ranks; read by worker processes (forked or
spawned) or here alike. A build from scratch stopped half-way (or killed) leaves the empty index,
never a part of the build, and takes the index's place whole even while others have it open; a sync
in place stopped half-way leaves an index that is sound and completes."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import threading

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus, parallel
from claimdesk.annotations.index import CorpusIndex, Filter, build, schema, sync
from claimdesk.annotations.index.schema import connect
from claimdesk.annotations.index.sync import META_COLUMNS, _meta_of, text_hash
from conftest import FIXTURES

QUERIES = ["troops", "killed", "border", "ferries", "board", "said", "the", "fares", "Armenia", "percent",
           "cookies", "ministry", "2020", "Geneva", "harbour", "bo", "arm", "kil", '"officials said"',
           "title", "story", "news"]


@pytest.fixture
def mixed(tmp_path):
    """A corpus of every shape: the samples (text, Markdown, WordPress JSON), CSV/TSV, JSON Lines, JSON
    documents, feeds, saved pages, and generated text files with chrome lines and control characters."""
    folder = tmp_path / "mixed"
    shutil.copytree(bundled_corpus_path(), folder / "samples")
    shutil.copytree(FIXTURES / "shapes", folder / "shapes")
    shutil.copytree(FIXTURES / "pages", folder / "pages")
    for k in range(40):
        (folder / "generated" / f"{k:03d}.txt").parent.mkdir(parents=True, exist_ok=True)
        (folder / "generated" / f"{k:03d}.txt").write_text(
            f"Story {k}: the board counted votes\n\nBy Ann Lee for AP\n\nOctober {k % 28 + 1}, 2020\n\n"
            f"The board counted {k * 7 + 10} votes on Monday, officials said.\x1b[31m red\x1b[0m\r\n"
            f"We use cookies to improve your experience.\n\nAdvertisement\n\n"
            f"All {k} ferries were approved, the ministry said — after {k + 2} hours.\n", "utf-8")
    return folder


def reference_index(path, articles) -> sqlite3.Connection:
    """The articles indexed a row at a time as before: an FTS5 entry written by a trigger per row."""
    conn = connect(path)
    conn.execute("CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN INSERT INTO articles_fts(rowid, "
                 "title, text, claims) VALUES (new.n, new.title, new.text, new.claims); END")
    conn.execute("BEGIN")
    for seq, article in enumerate(articles):
        conn.execute(f"INSERT INTO articles (id, file, seq, pos, title, text, text_hash, {', '.join(META_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * (7 + len(META_COLUMNS)))})",
                     (article.id, "", seq, seq, article.title, article.text, text_hash(article.text),
                      *_meta_of(article)))
    conn.execute("COMMIT")
    return conn


def hits(conn: sqlite3.Connection, query: str) -> list[tuple]:
    """(article id, rank) of every article matching ``query`` (a prefix, or a "phrase")."""
    return sorted((i, round(score, 9)) for i, score in conn.execute(
        "SELECT a.id, bm25(articles_fts, 10.0, 1.0, 2.0) FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
        "WHERE articles_fts MATCH ?", (query if query.startswith('"') else f"{query}*",)))


def fts_sound(conn: sqlite3.Connection) -> None:
    """FTS5's own check that its index holds exactly what the articles table holds (raises if not)."""
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def index_file(ix: CorpusIndex) -> sqlite3.Connection:
    return sqlite3.connect(ix.path, isolation_level=None)


@pytest.mark.parametrize("workers", ["here", "processes"])
def test_bulk_build_stores_what_row_by_row_indexing_stored(mixed, tmp_path, monkeypatch, workers):
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 4 if workers == "processes" else 10**9)
    loaded = load_corpus(mixed)
    assert {a.format for a in loaded.articles} >= {"plaintext", "markdown", "wordpress", "csv", "jsonl", "json",
                                                    "html", "feed"}
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        report = ix.sync()
        assert report.added == len(loaded.articles)
        assert ix.corpus().articles == loaded.articles  # rows, texts, titles (cut across pages), in order
        assert ix.skipped() == loaded.skipped
        built = index_file(ix)
    fts_sound(built)
    reference = reference_index(tmp_path / "reference.sqlite", loaded.articles)
    # (page_title: the page's own, before a site name repeated across the corpus is cut from the title)
    columns = "n, id, pos, title, text, text_hash, " + ", ".join(c for c in META_COLUMNS if c != "page_title")
    assert built.execute(f"SELECT {columns} FROM articles ORDER BY n").fetchall() == \
        reference.execute(f"SELECT {columns} FROM articles ORDER BY n").fetchall()
    found = 0
    for query in QUERIES:
        assert hits(built, query) == hits(reference, query), query
        found += bool(hits(built, query))
    assert found >= len(QUERIES) - 2


def test_a_corpus_that_changes_keeps_its_fts_index_in_step(mixed, tmp_path):
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        ix.sync()
        (mixed / "generated" / "000.txt").write_text("A new headline\n\nThe ferries sailed at dawn, crews said.\n")
        (mixed / "generated" / "001.txt").unlink()
        (mixed / "generated" / "zzz.md").write_text("# Added later\n\nSome 30 ferries were added, the board said.\n")
        report = ix.sync()
        assert (report.added, report.changed, report.removed) == (1, 1, 1)
        assert ix.corpus().articles == load_corpus(mixed).articles
        built = index_file(ix)
    fts_sound(built)
    # FTS5 gathers more in memory while a sync writes, and is back to its default (1 MB) after
    assert built.execute("SELECT v FROM articles_fts_config WHERE k = 'hashsize'").fetchone() == (sync.FTS_HASH_BYTES,)
    reference = reference_index(tmp_path / "reference.sqlite", load_corpus(mixed).articles)
    for query in ("ferries", "dawn", "added", "headline", "crews", "votes"):
        assert hits(built, query) == hits(reference, query), query


def stop_after(monkeypatch, files: int) -> list[str]:
    """Make the sync in progress raise KeyboardInterrupt once ``files`` files are written."""
    files_written, file = [], sync._Writer.file

    def stopping(self, *args, **kwargs):
        if len(files_written) == files:
            raise KeyboardInterrupt
        files_written.append(args[0])
        return file(self, *args, **kwargs)

    monkeypatch.setattr(sync._Writer, "file", stopping)
    return files_written


def build_files(ix: CorpusIndex) -> list[str]:
    return sorted(p.name for p in ix.path.parent.iterdir() if build.BUILD_SUFFIX in p.name)


def test_a_build_from_scratch_stopped_half_way_leaves_the_empty_index_and_no_file(mixed, tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "BUILD_WRITE_EVERY", 2)  # rows and FTS5 entries written before it stops
    written = stop_after(monkeypatch, 20)
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        with pytest.raises(KeyboardInterrupt):
            ix.sync()
        assert len(written) == 20
        assert ix.count() == 0 and build_files(ix) == []
    monkeypatch.undo()
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        assert ix.count() == 0  # the index as it was: empty, never a part of the build
        ix.sync()
        assert ix.corpus().articles == load_corpus(mixed).articles
        fts_sound(index_file(ix))


def test_a_sync_in_place_stopped_half_way_is_sound_and_completes(mixed, tmp_path, monkeypatch):
    generated = tmp_path / "generated"
    shutil.move(mixed / "generated", generated)
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        ix.sync()  # from scratch
        before = ix.count()
    shutil.move(generated, mixed / "generated")
    monkeypatch.setattr(sync, "COMMIT_EVERY", 7)
    monkeypatch.setattr(sync, "WRITE_EVERY", 2)  # rows and FTS5 entries written between commits too
    stop_after(monkeypatch, 20)
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix, pytest.raises(KeyboardInterrupt):
        ix.sync()
    monkeypatch.undo()
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        partial = index_file(ix)
        fts_sound(partial)  # what was committed is whole: rows with their FTS5 entries
        assert before < partial.execute("SELECT count(*) FROM articles").fetchone()[0] < before + 40
        ix.sync()
        assert ix.corpus().articles == load_corpus(mixed).articles
        fts_sound(index_file(ix))


KILLED_MID_BUILD = """
import os, signal, sys
from claimdesk.annotations.index import CorpusIndex

def progress(done, total, name):
    if done == 30:
        os.kill(os.getpid(), signal.SIGKILL)

with CorpusIndex(sys.argv[1], cache_dir=sys.argv[2]) as ix:
    ix.sync(progress=progress)
"""


def test_a_build_killed_outright_leaves_the_empty_index_and_its_file_goes_next_time(mixed, tmp_path):
    cache = tmp_path / "cache"
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_BUILD, str(mixed), str(cache)], timeout=120)
    assert killed.returncode == -signal.SIGKILL
    with CorpusIndex(mixed, cache_dir=cache) as ix:
        assert len(build_files(ix)) >= 1  # the killed build's file, left behind
        assert ix.count() == 0
        assert index_file(ix).execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ix.sync()
        assert build_files(ix) == []
        assert ix.corpus().articles == load_corpus(mixed).articles


def test_a_build_takes_the_place_of_an_index_others_have_open(mixed, tmp_path):
    """Another process with the old (empty) index open: it reconnects before it writes, and its
    connections, closed, take nothing from the new index (SQLite leaves the new file's WAL alone)."""
    cache = tmp_path / "cache"
    loaded = load_corpus(mixed)
    with CorpusIndex(mixed, cache_dir=cache) as other, CorpusIndex(mixed, cache_dir=cache) as ix:
        stale = index_file(ix)
        stale.execute("PRAGMA wal_autocheckpoint = 0")
        stale.execute("INSERT INTO meta VALUES ('stale', 'x')")  # frames in the old index's WAL
        ix.set_contradicted([loaded.articles[0].id])  # the read connection's own tables survive the swap
        report = ix.sync()
        assert report.added == len(loaded.articles) and ix.count() == len(loaded.articles)
        assert ix.count(Filter(contradictions=True)) == 1
        stale.close()
        assert other.count() == 0  # still on the old file until it writes
        assert other.sync().read == 0  # reconnected to the new index: nothing to read again
        assert other.count() == len(loaded.articles)
        new = index_file(ix)
        assert new.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert new.execute("SELECT count(*) FROM meta WHERE key = 'stale'").fetchone() == (0,)
        assert new.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        fts_sound(new)
        # FTS5's settings back to their defaults once the build is done
        assert dict(new.execute("SELECT k, v FROM articles_fts_config WHERE k IN ('hashsize', 'automerge')")) == \
            {"hashsize": sync.FTS_HASH_BYTES, "automerge": sync.FTS_AUTOMERGE}
    with CorpusIndex(mixed, cache_dir=cache) as ix:
        assert ix.corpus().articles == loaded.articles
        assert build_files(ix) == []


def test_a_build_that_cannot_take_the_index_place_is_synced_in_place(mixed, tmp_path, monkeypatch):
    def refused(*_args):
        raise PermissionError("the file is open in another process")

    monkeypatch.setattr(schema.os, "replace", refused)
    with CorpusIndex(mixed, cache_dir=tmp_path / "cache") as ix:
        ix.set_contradicted([load_corpus(mixed).articles[0].id])
        ix.sync()
        assert ix.corpus().articles == load_corpus(mixed).articles
        assert ix.count(Filter(contradictions=True)) == 1
        assert build_files(ix) == []
        fts_sound(index_file(ix))


def test_a_caller_running_threads_gets_fresh_worker_processes(mixed, monkeypatch):
    """Forking copies other threads' locks in an unknown state: with a thread running, spawn."""
    if threading.active_count() == 1:  # (earlier tests of the run may have left a thread behind)
        assert parallel._context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
        monkeypatch.setattr(parallel, "PARALLEL_FILES", 4)
        tasks = [parallel.FileTask(str(path), path.name, order, None, False)
                 for order, path in enumerate(sorted((mixed / "generated").iterdir())[:12])]
        read = [(task.rel, articles) for task, articles, _ in parallel.read_files(tasks, [])]
    finally:
        stop.set()
        thread.join()
    here = [(task.rel, articles) for task, articles, _ in parallel.read_files(tasks, [], parallel=False)]
    assert read == here and len(read) == 12
