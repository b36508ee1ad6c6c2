"""Ids and timestamps shared by the store, the rules and the import: short content hashes, UTC times."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any


def utc_now() -> str:
    """The current UTC time, ISO 8601 with milliseconds and a ``Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def short_hash(*parts: Any) -> str:
    """A 16-hex-digit id from ``parts`` (joined with a unit separator): the same parts, the same id."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
