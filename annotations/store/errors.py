"""The store's exceptions: each names the file and the reason, so the CLI can print it in one line."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something is wrong with an annotation store at ``path``."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class CorruptStoreError(StoreError):
    """The file is not valid JSON, not a TinyDB database, or not a claimdesk store. It is never overwritten.

    ``line``: for a damaged journal, the (1-based) line that is bad.
    """

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        super().__init__(path, reason)
        self.line = line


class StoreNotFoundError(StoreError):
    """A read-only open of a store that does not exist."""


class StoreLockedError(StoreError):
    """Another session holds the store's lock. ``holder`` says who (pid, host, since), when known."""

    def __init__(self, path: str | Path, reason: str, holder=None):
        super().__init__(path, reason)
        self.holder = holder


class ReadOnlyStoreError(StoreError):
    """A write to a store opened read-only."""


class StoreWriteError(StoreError):
    """A write failed (disk full, file too large, I/O error). The previous file is intact.

    The change is kept in memory (``Store.pending``) and written by the next write or ``Store.retry()``.
    """

    def __init__(self, path: str | Path, reason: str, errno: int | None = None):
        super().__init__(path, reason)
        self.errno = errno
