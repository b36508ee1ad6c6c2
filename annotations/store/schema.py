"""The store's file format: its tables, how a file is recognised, and migrations between versions.

The file is a TinyDB database: ``{table: {doc_id: document}}``. Version 4 (current) has a ``meta``
table with one document ``{"app": "claimdesk", "schema": 4, ...}``. Versions 0 and 1 were
development formats; version 2 is what claimdesk 0.1 wrote. Files in older versions are migrated (after
a backup) when a writer opens them, and in memory when a reader does.

Version 3 gives claims a ``unit``, a ``change`` and a ``from_value``. A 0.1 decision has none of them:
:func:`upgrade_claim` adds to its ``original`` (what 0.1's extractor said) the unit 0.1 wrote as what
is counted ("percent", "dollars" after "A$", "kilometres"), no change and no start value; and to its
``fields`` (a correction) only the unit read that way. Nothing is removed or rewritten ("counted" keeps
the word). A field a correction lacks was never put to its reviewer: the claim shows the extractor's
(:func:`claimdesk.annotations.fields.complete_fields`). The journal entries written before the
migration are upgraded the same way as they are read (:data:`LEGACY_JOURNAL`).

``of_value`` (the whole a share is of) came later within version 3 and ``of_unit`` (the whole's unit)
with version 4; neither needs a migration: a decision written without them reads them as any field it
lacks (the extractor's; ``None`` and empty where nothing knows them).

Version 4 retires the unit ``fraction``: version 3 wrote "around half of the region's 140,000 residents"
as 0.5 in the unit ``fraction`` with ``of_value`` 140,000; version 4 as the same 0.5 with no unit (a
fraction is a dimensionless ratio). :func:`upgrade_claim` reads a version 3 decision's fields and
original that way, the value unchanged (:func:`claimdesk.annotations.fields.retire_fraction`), in the
database file and in the journal entries written before the migration alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from ..fields import retire_fraction
from ..ids import utc_now
from .errors import CorruptStoreError

APP = "claimdesk"
SCHEMA_VERSION = 4
META = "meta"
# meta: journal entries up to this seq hold documents of an earlier schema (upgraded as they are read; the
# name says the version that first needed it, and stays so that files written since read the same)
LEGACY_JOURNAL = "journal_before_v3"
# Tables of documents keyed by their "id" field.
DATA_TABLES = ("claims", "entities", "links", "clusters", "rules", "boilerplate")


def new_meta(app_version: str, corpus: str = "") -> dict:
    return {
        "app": APP,
        "schema": SCHEMA_VERSION,
        "app_version": app_version,
        "store_id": uuid.uuid4().hex,
        "created": utc_now(),
        "corpus": corpus,
        "journal_seq": 0,
    }


def detect_version(path: Path, data: dict | None) -> int | None:
    """The schema version of a parsed file; ``None`` for a new store (no file: ``data`` is ``None``).

    Raises :class:`CorruptStoreError` for a file that is not a TinyDB database or not ours.
    """
    if data is None:
        return None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise CorruptStoreError(path, "is JSON but not a TinyDB database; it was left untouched")
    if META in data:
        meta = next(iter(data[META].values()), {})
        if meta.get("app") != APP:
            raise CorruptStoreError(path, "is a TinyDB database of another application; it was left untouched")
        version = meta.get("schema")
        if not isinstance(version, int) or version < 1:
            raise CorruptStoreError(path, f"has an unknown schema version {version!r}; it was left untouched")
        if version > SCHEMA_VERSION:
            raise CorruptStoreError(
                path, f"was written by a newer claimdesk (schema {version}, this one reads {SCHEMA_VERSION}); "
                "upgrade claimdesk"
            )
        return version
    legacy = data.get("_default")
    if set(data) == {"_default"} and legacy and all("claim_id" in d and "status" in d for d in legacy.values()):
        return 0
    raise CorruptStoreError(path, "is a TinyDB database but not a claimdesk annotation store; it was left untouched")


def _quote_selector(doc: dict) -> dict:
    start, end = int(doc.get("start", 0)), int(doc.get("end", 0))
    return {
        "position": {"type": "TextPositionSelector", "start": start, "end": end},
        "quote": {"type": "TextQuoteSelector", "exact": str(doc.get("quote", "")), "prefix": "", "suffix": ""},
    }


def _v0_to_v1(data: dict) -> dict:
    """v0: one ``_default`` table of reviews (``claim_id``, ``status`` accept/reject/correct, ``user``, ``time``)."""
    statuses = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "add": "added"}
    reviews = {}
    for doc_id, doc in data.get("_default", {}).items():
        reviews[doc_id] = {
            "claim": doc["claim_id"],
            "article": doc.get("article", ""),
            "status": statuses.get(doc["status"], doc["status"]),
            "fields": doc.get("fields", {}),
            "reviewer": doc.get("user", ""),
            "ts": doc.get("time", ""),
            "start": doc.get("start", 0),
            "end": doc.get("end", 0),
            "quote": doc.get("quote", ""),
        }
    return {META: {"1": {"app": APP, "schema": 1, "app_version": "0"}}, "reviews": reviews, "entities": {}}


def _v1_to_v2(data: dict) -> dict:
    """v1: ``reviews`` and ``entities`` with flat start/end/quote and ``ts``; v2 adds selectors and tables."""
    old_meta = next(iter(data[META].values()))
    meta = new_meta(old_meta.get("app_version", ""), old_meta.get("corpus", ""))
    out: dict = {META: {"1": meta}, **{name: {} for name in DATA_TABLES}}
    for doc_id, doc in data.get("reviews", {}).items():
        out["claims"][doc_id] = {
            "id": doc["claim"],
            "article": doc.get("article", ""),
            "status": doc["status"],
            "fields": doc.get("fields", {}),
            "selector": _quote_selector(doc),
            "reviewer": doc.get("reviewer", ""),
            "at": doc.get("ts", ""),
        }
    for doc_id, doc in data.get("entities", {}).items():
        out["entities"][doc_id] = {
            "id": doc["entity"],
            "article": doc.get("article", ""),
            "action": doc["action"],
            "label": doc.get("label", ""),
            "selector": _quote_selector(doc),
            "reviewer": doc.get("reviewer", ""),
            "at": doc.get("ts", ""),
        }
    return out


# What 0.1 wrote as "counted" for a figure with a unit, and the unit it means there. Its currency
# words came from a few symbols ("$", "A$", "C$", "£", "€", "¥", "₹", "₽", "₩") and words; "pounds" is
# sterling only where the quote shows it (else a weight), "won" only beside a ₩ or the word itself.
_V2_PERCENT = {"percent": "percent", "per cent": "percent", "percentage points": "percentage point"}
_V2_DOLLARS = (("A$", "AUD"), ("C$", "CAD"))
_V2_STERLING = ("£", "GBP", "sterling")
_V2_NEVER = {"cents", "cent", "c", "money"}  # 0.1 kept cents as written (0.2 divides by 100); no currency


def _v2_unit(counted: str, quote: str) -> str | None:
    """The unit 0.1's "counted" word names for the claim quoted ``quote`` (None: not a unit)."""
    word = " ".join(counted.lower().split())
    if not word or word in _V2_NEVER:
        return None
    if word in _V2_PERCENT:
        return _V2_PERCENT[word]
    if word in ("dollars", "dollar"):
        return next((code for sign, code in _V2_DOLLARS if sign in quote.upper()), "USD")
    if word in ("pounds", "pound") and any(s.lower() in quote.lower() for s in _V2_STERLING):
        return "GBP"
    if word == "won" and not ("₩" in quote or quote.lower().rstrip().endswith("won")):
        return None
    from ..unit_input import unit_code  # lazy: the unit tables (and pint) load only when a 0.1 store migrates

    return unit_code(counted) or None


def upgrade_claim(doc: dict) -> dict:
    """A claim decision of an earlier schema as the current one has it (see the module notes): a 0.1
    (schema 2) one with the fields it lacked, a schema 3 one in the unit ``fraction`` with no unit; a new
    document where anything changed, others as they are."""
    if not isinstance(doc, dict):
        return doc
    doc = _v2_claim(doc)
    for part in ("fields", "original"):
        fields = doc.get(part)
        upgraded = retire_fraction(fields) if isinstance(fields, dict) else fields
        if upgraded is not fields:
            doc = dict(doc, **{part: upgraded})
    return doc


def _v2_claim(doc: dict) -> dict:
    """A 0.1 (schema 2) claim decision as schema 3 has it (see the module notes); others as they are."""
    quote = str(((doc.get("selector") or {}).get("quote") or {}).get("exact") or "")
    out = doc
    original = doc.get("original")
    if isinstance(original, dict) and original and "unit" not in original:
        unit = _v2_unit(str(original.get("counted") or ""), quote)
        out = dict(out, original={**original, "unit": unit or "", "change": "", "from_value": None})
    fields = doc.get("fields")
    if isinstance(fields, dict) and fields and "unit" not in fields:
        unit = _v2_unit(str(fields.get("counted") or ""), quote)
        if unit:
            out = dict(out, fields={**fields, "unit": unit})
    return out


def _claims_upgraded(data: dict, schema: int) -> dict:
    """``data`` as version ``schema``, every claim decision upgraded (:func:`upgrade_claim`)."""
    out = dict(data)
    out[META] = {"1": dict(next(iter(data[META].values())), schema=schema)}
    out["claims"] = {doc_id: upgrade_claim(doc) for doc_id, doc in (data.get("claims") or {}).items()}
    return out


def _v2_to_v3(data: dict) -> dict:
    """v2 (claimdesk 0.1): claims without unit, change and from_value."""
    return _claims_upgraded(data, 3)


def _v3_to_v4(data: dict) -> dict:
    """v3: shares of a stated figure in the unit ``fraction``, read with no unit (the value unchanged)."""
    return _claims_upgraded(data, 4)


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(data: dict, version: int) -> dict:
    """Bring ``data`` from ``version`` to :data:`SCHEMA_VERSION`, one step at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def check_current(path: Path, data: dict) -> None:
    """Every data document of a current-version file has an ``id``; raise :class:`CorruptStoreError` if not."""
    for name in DATA_TABLES:
        for doc_id, doc in data.get(name, {}).items():
            if not isinstance(doc.get("id"), str):
                raise CorruptStoreError(path, f"table {name!r} document {doc_id} has no id; it was left untouched")
