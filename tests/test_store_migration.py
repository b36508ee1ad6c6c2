"""A store written by claimdesk 0.1 (schema 2: claims without unit, change, from_value) migrates to schema 3.

The fixture (tests/fixtures/store_v2, made by 0.1's own code) holds three decisions in its database file
and three more only in its journal, as a killed session leaves them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimdesk.annotations.store import SCHEMA_VERSION, open_store
from claimdesk.annotations.store.backup import list_backups
from claimdesk.annotations.store.schema import LEGACY_JOURNAL, upgrade_claim
from session_helpers import samples, session_over

FIXTURE = Path(__file__).parent / "fixtures" / "store_v2"
OLD_KEYS = ("value", "approx", "counted", "predicate", "source", "date")


@pytest.fixture
def old_store(tmp_path) -> Path:
    for name in ("review.json", "review.json.journal"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path / "review.json"


def v2_documents() -> dict[str, dict]:
    """Every claim document of the fixture as 0.1 last wrote it (database file, then the journal)."""
    docs = {d["id"]: d for d in json.loads((FIXTURE / "review.json").read_text())["claims"].values()}
    for line in (FIXTURE / "review.json.journal").read_text().splitlines()[1:]:
        for change in json.loads(line)["changes"]:
            docs[change["id"]] = change["after"]
    return docs


def test_a_01_store_is_backed_up_then_migrated_keeping_every_field(old_store):
    before = old_store.read_bytes()
    with open_store(old_store, reviewer="ana") as store:
        claims = {d["id"]: d for d in store.claims()}
        assert len(claims) == 6  # three from the database file, three replayed from the journal
    [backup] = list_backups(old_store)
    assert backup.name.endswith(".pre-migration-v2") and backup.read_bytes() == before
    assert json.loads(old_store.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    for claim_id, old in v2_documents().items():
        new = claims[claim_id]
        for part in ("fields", "original"):  # nothing 0.1 wrote is lost or changed
            assert {k: new.get(part, {}).get(k) for k in old.get(part, {})} == old.get(part, {})
        assert {k: new[k] for k in ("status", "selector", "reviewer", "at")} == {k: old[k] for k in (
            "status", "selector", "reviewer", "at")}
        if old.get("original"):  # what 0.1's extractor said, in today's fields
            assert set(new["original"]) == set(OLD_KEYS) | {"unit", "change", "from_value"}
            assert new["original"]["change"] == "" and new["original"]["from_value"] is None
    # the unit 0.1 wrote as what is counted, in the database file and in the journal's entries alike
    assert claims["5ae9f57908297093"]["fields"]["unit"] == "percent"  # "some 90 percent", counted "percent"
    assert claims["053fe4bd91ef9a7a"]["fields"]["unit"] == "km"  # counted "kilometer"
    assert claims["5857f47d75898d11"]["fields"]["unit"] == "mi"  # journal only: counted "miles"
    assert claims["5857f47d75898d11"]["original"]["unit"] == "mi"
    assert claims["6f8f4319527ad72e"]["original"]["unit"] == ""  # "1,119 troops": a plain count
    # a correction's change was never put to its reviewer: it is left to the extractor
    assert "change" not in claims["5ae9f57908297093"]["fields"]
    assert "unit" not in claims[next(i for i, d in claims.items() if d["status"] == "added")]["fields"]


def test_undo_after_the_migration_restores_upgraded_documents_in_later_sessions_too(old_store):
    with open_store(old_store, reviewer="ana") as store:
        store.accept("5857f47d75898d11", store.claim("5857f47d75898d11")["article"],
                     store.claim("5857f47d75898d11")["selector"])
        assert store.claim("5857f47d75898d11")["status"] == "accepted"
        store.undo()  # back to the 0.1 correction (journal only), as today's schema has it
        assert store.claim("5857f47d75898d11")["fields"]["unit"] == "mi"
        assert store.meta[LEGACY_JOURNAL] == 6
    with open_store(old_store, reviewer="ana") as store:  # a later session: still known as 0.1's
        assert len(list_backups(old_store)) == 2  # the pre-migration one, then this session's start
        store.undo()  # the added claim (0.1's entry 6) goes
        store.undo()  # the miles correction (entry 5) goes: the claim is pending
        assert store.claim("5857f47d75898d11") is None
        store.redo()  # entry 5 again, upgraded as it is read back
        assert store.claim("5857f47d75898d11")["fields"]["unit"] == "mi"
        assert store.claim("5857f47d75898d11")["fields"]["value"] == 4


def test_a_read_only_open_migrates_in_memory_and_writes_nothing(old_store):
    before = {p.name: p.read_bytes() for p in old_store.parent.iterdir()}
    with open_store(old_store, read_only=True) as store:
        assert store.claim("5857f47d75898d11")["fields"]["unit"] == "mi"
    assert {p.name: p.read_bytes() for p in old_store.parent.iterdir()} == before


def test_a_migrated_correction_shows_the_extractors_change_and_its_own_unit(old_store):
    session = session_over(samples(), old_store)
    try:
        claims = {c.id: c for a in session.articles for c in session.claims(a.id)}
        percent = claims["5ae9f57908297093"]
        assert percent.status == "corrected" and percent.value == 95 and percent.unit == "percent"
        assert percent.change == "" and percent.from_value is None and percent.counted == "percent"
        assert "unit" not in percent.changed_fields  # the extractor says percent too
        added = next(c for c in claims.values() if c.status == "added")
        assert added.unit == "" and added.change == "" and added.from_value is None
    finally:
        session.store.close()


@pytest.mark.parametrize("counted, quote, unit", [
    ("percent", "90%", "percent"),
    ("per cent", "80 per cent", "percent"),
    ("percentage points", "0.5 percentage points", "percentage point"),
    ("dollars", "$3.1 billion", "USD"),
    ("dollars", "A$3.2bn", "AUD"),
    ("dollars", "C$40", "CAD"),
    ("pounds", "£2.7m", "GBP"),
    ("pounds", "5 pounds", "lb"),  # 0.1 wrote "pounds" for a weight too: sterling only where the quote shows it
    ("pound", "2,000-pound", "lb"),
    ("euros", "3 billion euros", "EUR"),
    ("kilometres", "20 kilometres", "km"),
    ("cents", "50 cents", None),  # 0.1 kept cents as written: no unit is made up for them
    ("won", "won 3", None),
    ("money", "$5", None),
    ("troops", "1,119", None),
])
def test_the_unit_0_1_wrote_as_what_is_counted(counted, quote, unit):
    fields = {"value": 1, "approx": "exact", "counted": counted, "predicate": "", "source": "", "date": ""}
    doc = {"id": "c", "status": "corrected", "fields": fields, "original": dict(fields),
           "selector": {"quote": {"exact": quote}}}
    upgraded = upgrade_claim(doc)
    assert upgraded["original"]["unit"] == (unit or "")
    assert upgraded["fields"].get("unit") == unit
    assert upgraded["fields"]["counted"] == counted and doc["fields"] == fields  # kept, and a new document
    assert upgrade_claim(upgraded) == upgraded  # a schema 3 document stays as it is
