"""Read many corpus files at once: in one worker process per core, the results in corpus order.

Cleaning an article is pure Python (about 0.35 ms of one core), so reading thousands of files goes
as fast as the cores allow only in several processes. The workers are forked where that is safe (a
caller without threads: a command, a bench), which starts them in milliseconds; a caller that runs
threads (the app) gets fresh interpreters (spawn), since forking copies other threads' locks in an
unknown state. This module imports little, so a fresh interpreter starts fast too. Where worker
processes cannot start at all, the files are read in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from . import Skipped, iter_file
from .boilerplate import BoilerplateFilter

ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, file name [and % of it])
PARALLEL_FILES = 200  # at least this many files to read: read them in worker processes
CHUNK_FILES = 50  # files a worker reads per task (fewer when there are few files, so every worker gets some)
MAX_WORKERS = 8
IN_FLIGHT = 16  # chunks read or waiting to be read, per worker (more than a commit's worth of files in all)


@dataclass(frozen=True)
class FileTask:
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


def read_one(task: FileTask, chrome: BoilerplateFilter, meter=lambda _at: None) -> tuple[list[Article], list[Skipped]]:
    """The articles and skips of one file."""
    articles, skipped = [], []
    for item in iter_file(Path(task.path), task.rel, chrome, meter, whole_corpus=task.whole_corpus):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    return articles, skipped


def _read_chunk(tasks: list[FileTask]) -> list[tuple[list[Article], list[Skipped]]]:
    read = [read_one(task, _chrome) for task in tasks]
    for articles, _ in read:
        for article in articles:  # id and word count computed here, sent along: the caller's time is scarcer
            article.id, article.words  # noqa: B018 (cached properties: the access computes them)
    return read


def _file_meter(progress: ProgressCallback | None, task: FileTask, total: int):
    size = task.stamp[0] if task.stamp else 0
    if progress is None or size <= 0:
        return lambda _at: None
    return lambda at: progress(task.order, total, f"{task.rel} {min(99, 100 * at // size)}%")


def _context():
    """fork where the caller runs no other thread (a worker then starts in milliseconds), else spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def read_files(tasks: list[FileTask], extra_boilerplate: list[dict], progress: ProgressCallback | None = None,
               total: int = 0, parallel: bool = True) -> Iterator[tuple[FileTask, list[Article], list[Skipped]]]:
    """Each file's articles and skips, in the order of ``tasks``: read here, or for many files
    (:data:`PARALLEL_FILES`) by worker processes. ``progress`` hears of a big file's reading as it
    goes when it is read here (``total``: the files of the corpus)."""
    workers = worker_count()
    if not parallel or len(tasks) < PARALLEL_FILES or workers < 2:
        chrome = BoilerplateFilter(extra=extra_boilerplate) if tasks else None
        for task in tasks:
            yield task, *read_one(task, chrome, _file_meter(progress, task, total))
        return
    size = max(1, min(CHUNK_FILES, len(tasks) // (4 * workers)))  # ≥ 4 chunks a worker: none idles at the end
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    done = 0
    try:
        pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker,
                                   initargs=(extra_boilerplate,))
        try:
            # a few chunks a worker in flight, not all: workers that run ahead of the caller (writing what
            # they read) would hold the corpus in memory, and take the cores the caller needs
            pending = deque((chunk, pool.submit(_read_chunk, chunk)) for chunk in chunks[:IN_FLIGHT * workers])
            ahead = iter(chunks[IN_FLIGHT * workers:])
            while pending:
                chunk, future = pending.popleft()
                results = future.result()
                following = next(ahead, None)
                if following is not None:
                    pending.append((following, pool.submit(_read_chunk, following)))
                for task, (articles, skipped) in zip(chunk, results, strict=True):
                    yield task, articles, skipped
                    done += 1
        finally:  # stopped early (an error, an interrupt): the chunks not started are dropped
            pool.shutdown(wait=True, cancel_futures=True)
    except (BrokenProcessPool, OSError, ValueError):  # ValueError: no standard error to hand on (a running app's)
        yield from read_files(tasks[done:], extra_boilerplate, progress, total, parallel=False)


__all__ = ["CHUNK_FILES", "PARALLEL_FILES", "FileTask", "read_files", "read_one", "worker_count"]
