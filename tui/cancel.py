"""Background work that never keeps the app from quitting.

Quitting cancels every worker, but a thread cannot be stopped from outside: Python waits for each
worker thread to return before the process ends. So every long worker checks for cancellation inside
the core's loops, through the progress callback those loops already call (:func:`progress_until_cancelled`
raises :class:`Cancelled` there), and what cannot be interrupted at all — loading the spaCy model, a batch
of parses, a step of the ranking that reports no progress — runs in a daemon thread that the worker
stops waiting for (:func:`until_cancelled`, :func:`call_until_cancelled`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from textual.worker import get_current_worker

T = TypeVar("T")
POLL_SECONDS = 0.05  # how often a waiting worker looks for cancellation

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(BaseException):
    """Raised inside a worker's core call once the worker is cancelled. A BaseException, like
    ``asyncio.CancelledError``, so that no ``except Exception`` of the core (a file that fails to load is
    skipped and never stops the corpus) takes it for a failure."""


def cancelled() -> Callable[[], bool]:
    """For the current thread worker: a callable that says whether it has been cancelled."""
    worker = get_current_worker()
    return lambda: worker.is_cancelled


def progress_until_cancelled(report: ProgressCallback | None = None) -> ProgressCallback:
    """A ``(done, total, item)`` progress callback for a core loop, for the current thread worker: it
    passes the progress on to ``report`` and raises :class:`Cancelled` once the worker is cancelled."""
    is_cancelled = cancelled()

    def progress(done: int, total: int, item: str) -> None:
        if is_cancelled():
            raise Cancelled()
        if report is not None:
            report(done, total, item)

    return progress


_END = object()


def until_cancelled(items: Iterable[T], is_cancelled: Callable[[], bool]) -> Iterator[T]:
    """The items of ``items``, produced in a daemon thread, until ``is_cancelled()``: then the iteration
    ends within :data:`POLL_SECONDS` even while the producer is busy in code that cannot be interrupted
    (it stops at its next item; as a daemon thread it never keeps the process alive)."""
    handed: queue.Queue = queue.Queue(maxsize=64)
    stop = threading.Event()

    def hand(item, error: BaseException | None = None) -> bool:
        """Put one item in the queue, unless the consumer has stopped; False once it has."""
        while not stop.is_set():
            try:
                handed.put((item, error), timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not hand(item):
                    return
            hand(_END)
        except BaseException as error:  # handed to the consumer, raised there
            hand(_END, error)

    threading.Thread(target=produce, name="claimdesk-producer", daemon=True).start()
    try:
        while True:
            if is_cancelled():
                return
            try:
                item, error = handed.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if item is _END:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()


def call_until_cancelled(work: Callable[[], T], is_cancelled: Callable[[], bool]) -> T:
    """``work()`` run in a daemon thread (see :func:`until_cancelled`): its result, or :class:`Cancelled`
    within :data:`POLL_SECONDS` of ``is_cancelled()`` while it still runs."""
    for result in until_cancelled((work() for _ in range(1)), is_cancelled):
        return result
    raise Cancelled()
