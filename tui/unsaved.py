"""Decisions the disk would not take yet (a full disk): kept, said, and saved as soon as it can.

When the annotation store cannot write its journal it raises ``StoreWriteError`` *after* applying the
change in memory, and keeps the entry pending (``Store.pending``) until ``Store.retry()`` or the next
write gets it onto the disk. For the app such a decision is made, not failed: every write goes through
:func:`keep`, which lets the review carry on, refreshes what the session shows of the articles written,
and tells the app (:class:`~claimdesk.tui.messages.SaveDeferred`), which says so in the status bar, retries
on a timer and at the next key, and asks twice before quitting with decisions unsaved.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from typing import TypeVar

from claimdesk.annotations.store import StoreWriteError

from .messages import SaveDeferred

T = TypeVar("T")

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # no room: the disk, the quota, the file size limit


def keep(app, session, write: Callable[[], T], articles: Iterable[str] | None = None) -> T | None:
    """Run ``write`` (a write through ``session``). If the store could not put it on disk, the change
    stands in memory, pending: the session's view of ``articles`` (every article when None) is refreshed,
    the app is told, and None is returned (the write's own result is lost with the exception)."""
    try:
        return write()
    except StoreWriteError as error:
        session.refresh(list(articles) if articles is not None else None)
        app.post_message(SaveDeferred(error.errno))
        return None


def unsaved_alert(count: int, error_number: int | None) -> str:
    """The status bar's words for ``count`` unsaved decisions."""
    what = f"{count} decision{'s' if count != 1 else ''} not yet saved; retrying"
    return f"Disk full: {what}" if error_number in FULL or error_number is None else f"Cannot write: {what}"
