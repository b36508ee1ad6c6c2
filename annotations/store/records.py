"""Building records: the reviewer, UTC timestamps, natural keys, and cleaning of untrusted strings."""

from __future__ import annotations

import getpass
import hashlib
from datetime import datetime, timezone
from typing import Any

from ..sanitize import clean, clean_line

CLAIM_STATUSES = ("accepted", "rejected", "corrected", "added")
ENTITY_ACTIONS = ("relabel", "remove", "add")
LINK_TYPES = ("same", "update", "contradicts", "related")


def utc_now() -> str:
    """The current UTC time, ISO 8601 with milliseconds and a ``Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_reviewer() -> str:
    """The login name, or ``"reviewer"`` where there is none (containers without a passwd entry)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return clean_line(name) or "reviewer"


def short_hash(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def clean_value(value: Any) -> Any:
    """Sanitise every string inside a JSON-like value (dict keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    return value
