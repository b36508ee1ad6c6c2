"""A progress bar on stderr for long jobs, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.text import Text

ProgressCallback = Callable[[int, int, str], None]  # (done, total, item name)


@contextmanager
def progress_bar(description: str) -> Iterator[ProgressCallback]:
    """Yield a ``(done, total, name)`` callback driving a Rich bar (a no-op when not on a terminal)."""
    if not sys.stderr.isatty():
        yield lambda done, total, name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn(), TextColumn("{task.fields[item]}", markup=False))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None, item="")

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, item=Text(name[-40:]).plain)

        yield update
