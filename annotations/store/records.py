"""Building records: the kinds of decision, the reviewer, and cleaning of untrusted strings."""

from __future__ import annotations

import getpass
from typing import Any, NamedTuple

from ..sanitize import clean, clean_line

CLAIM_STATUSES = ("accepted", "rejected", "corrected", "added")
ENTITY_ACTIONS = ("relabel", "remove", "add")
LINK_TYPES = ("same", "update", "contradicts", "related")


class ClaimState(NamedTuple):
    """What a decision on a claim says of its state, without its fields: read for every decision at once
    (which articles the index may not answer for, which claims count as decided) without copying each."""

    id: str
    article: str
    status: str
    orphan: bool


def claim_state(doc: dict) -> ClaimState:
    """The :class:`ClaimState` of a stored claim decision."""
    return ClaimState(doc["id"], doc.get("article", ""), doc.get("status", ""), bool(doc.get("orphan")))


def default_reviewer() -> str:
    """The login name, or ``"reviewer"`` where there is none (containers without a passwd entry)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return clean_line(name) or "reviewer"


def clean_value(value: Any) -> Any:
    """Sanitise every string inside a JSON-like value (dict keys too)."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    return value


def _clean_text(text: str) -> str:
    """:func:`clean`, at once for a printable string (no control or format character, no ``\\r``: nothing
    in it for ``clean`` to remove)."""
    return text if text.isprintable() else clean(text)
