"""Store.put_records: whole records written as given, one undo step, nothing overwritten unasked."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import open_store

TEXT = "Officials said 1,119 troops were killed and some 400 civilians wounded."


def decision(claim_id: str, status: str = "accepted", reviewer: str = "zoe", at: str = "2021-01-02T03:04:05.000Z"):
    start = TEXT.index("1,119")
    return {"id": claim_id, "article": "a1", "selector": make_selector(TEXT, start, start + 5), "status": status,
            "fields": {}, "reviewer": reviewer, "at": at}


def test_records_keep_their_reviewer_and_time_in_one_undoable_entry(tmp_path):
    with open_store(tmp_path / "r.json", reviewer="ana") as store:
        written, skipped = store.put_records("claims", [decision("c1"), decision("c2", "rejected")])
        assert (written, skipped) == (["c1", "c2"], [])
        assert store.claim("c1")["reviewer"] == "zoe" and store.claim("c1")["at"] == "2021-01-02T03:04:05.000Z"
        entries = list(store.journal())
        assert len(entries) == 1 and entries[0]["action"] == "import"
        change = store.undo()
        assert change.action == "import" and store.claims() == []
        store.redo()
        assert len(store.claims()) == 2
    with open_store(tmp_path / "r.json", read_only=True) as again:  # durable
        assert again.claim("c2")["status"] == "rejected"


def test_existing_records_are_skipped_unless_replace(tmp_path):
    with open_store(tmp_path / "r.json", reviewer="ana") as store:
        store.put_records("claims", [decision("c1")])
        assert store.put_records("claims", [decision("c1")]) == ([], [])  # identical: left as it is
        assert store.put_records("claims", [decision("c1", "rejected")]) == ([], ["c1"])
        assert store.claim("c1")["status"] == "accepted"
        assert store.put_records("claims", [decision("c1", "rejected")], replace=True) == (["c1"], [])
        assert store.claim("c1")["status"] == "rejected"
        assert len(list(store.journal())) == 2  # nothing written is nothing journaled


def test_records_are_cleaned_and_checked(tmp_path):
    with open_store(tmp_path / "r.json", reviewer="ana") as store:
        store.put_records("claims", [decision("c1", reviewer="eve\x1b]52;c;aGk=\x07")])
        assert store.claim("c1")["reviewer"] == "eve"
        with pytest.raises(ValueError, match="selector"):
            store.put_records("claims", [dict(decision("c2"), selector={"start": 1})])
        with pytest.raises(ValueError, match="string id"):
            store.put_records("links", [{"type": "same"}])
        with pytest.raises(ValueError, match="no table"):
            store.put_records("people", [decision("c3")])
        assert [d["id"] for d in store.claims()] == ["c1"]


def test_a_batch_of_tables_is_one_step(tmp_path):
    link = {"id": "l-1", "a": {"claim": "c1", "article": "a1"}, "b": {"claim": "c9", "article": "a2"},
            "type": "same", "article": "a1", "reviewer": "zoe", "at": "2021-01-02T03:04:05.000Z"}
    with open_store(tmp_path / "r.json", reviewer="ana") as store:
        with store.batch("import"):
            store.put_records("claims", [decision("c1")])
            store.put_records("links", [link])
        assert store.links("c9") == [link]
        store.undo()
        assert store.links() == [] and store.claims() == []
