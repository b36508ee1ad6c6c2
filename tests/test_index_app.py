"""What the review app needs of the corpus index: a corpus read from it page by page as the in-memory one
reads, an index another process is writing never taken for a damaged one, the list's order walked a page
at a time, and per-article review counts (core, no Textual)."""

from __future__ import annotations

import sqlite3

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.article_rows import IndexRows, MemoryRows
from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.index import CorpusIndex, Filter, schema
from claimdesk.annotations.indexed_corpus import IndexedCorpus
from claimdesk.annotations.pipeline import chrome_patterns, decided_claims, extractor_for, indexed_session, load
from claimdesk.annotations.store import open_store
from session_helpers import RUN_CACHE


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for number, sample in enumerate(load_corpus(bundled_corpus_path()).articles):
        (root / f"{number:02d}.txt").write_text(f"{sample.title}\n\n{sample.text}\n", "utf-8")
    return root


def test_an_index_another_process_is_writing_is_waited_for_never_rebuilt(folder, tmp_path, monkeypatch):
    path = tmp_path / "index.sqlite"
    with CorpusIndex(folder, path=path) as index:
        index.sync()
        count = index.count()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a sync
    writer.execute("UPDATE meta SET value = value")
    opened = sqlite3.connect
    monkeypatch.setattr(schema.sqlite3, "connect", lambda *args, **kwargs: opened(*args, **{**kwargs, "timeout": 0.1}))
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        CorpusIndex(folder, path=path)
    writer.execute("ROLLBACK")
    writer.close()
    with CorpusIndex(folder, path=path) as index:
        assert index.count() == count  # the same file, every row still there


class NoFileno:
    """Standard error as Textual replaces it while an app runs: ``fileno()`` is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_many_files_synced_inside_a_running_app_are_read_here_when_processes_cannot_start(folder, tmp_path,
                                                                                          monkeypatch):
    from multiprocessing import resource_tracker

    from claimdesk.annotations.index import sync

    monkeypatch.setattr(sync, "PARALLEL_FILES", 4)
    monkeypatch.setattr(sync, "CHUNK_FILES", 2)
    monkeypatch.setattr(resource_tracker._resource_tracker, "_fd", None)  # (started again: with the bad stderr)
    monkeypatch.setattr(resource_tracker._resource_tracker, "_pid", None)
    monkeypatch.setattr("sys.stderr", NoFileno())
    with CorpusIndex(folder, path=tmp_path / "index.sqlite") as index:
        assert index.sync().read == 5
        assert index.corpus().articles == load_corpus(folder).articles
