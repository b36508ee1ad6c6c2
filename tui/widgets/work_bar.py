"""A progress bar a worker thread drives: it reports with a message, never by touching the widget."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import ProgressBar


class WorkBar(ProgressBar):
    """A :class:`ProgressBar` for work done in a thread: the worker calls :meth:`report` (thread-safe),
    and the bar updates itself on the UI thread when the message arrives."""

    @dataclass
    class Progressed(Message):
        done: int
        total: int

    def report(self, done: int, total: int) -> None:
        """Say how far the work is (safe from any thread)."""
        self.post_message(self.Progressed(done, total))

    def on_work_bar_progressed(self, message: Progressed) -> None:
        message.stop()
        self.update(total=max(message.total, 1), progress=message.done)
