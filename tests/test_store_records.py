"""``Store.records``: a table's records as stored, not copied, for reading many at once — in text order,
the same as the copying queries, and never changed afterwards by a write (a write replaces a record)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.sanitize import clean
from claimdesk.annotations.store import open_store
from claimdesk.annotations.store.empty import EmptyStore
from claimdesk.annotations.store.records import clean_value

TEXT = "Officials said some 400 people were killed; 31 civilians died and 1,119 troops were lost."


def sel(quote: str) -> dict:
    start = TEXT.index(quote)
    return make_selector(TEXT, start, start + len(quote))


def test_records_are_the_stored_records_in_text_order_shared_not_copied(tmp_path):
    path = tmp_path / "review.json"
    with open_store(path, reviewer="ana") as store:
        store.reject("c31", "art1", sel("31 civilians"))
        store.accept("c400", "art1", sel("some 400"), original={"value": 400})
        store.correct("c1119", "art2", sel("1,119 troops"), {"value": 1119, "counted": "troops"})
        store.relabel_entity("art1", sel("Officials"), "ORG", model_label="PERSON")
        assert store.records("claims") == store.claims()
        assert [d["id"] for d in store.records("claims")] == ["c400", "c31", "c1119"]
        assert store.records("claims", "art2") == store.claims("art2")
        assert store.records("entities") == store.entities()
        assert store.records("links") == [] and store.records("claims", "nowhere") == []
        first, again = store.records("claims"), store.records("claims")
        assert all(a is b for a, b in zip(first, again, strict=True))  # shared: no copy made
        assert all(a is not b for a, b in zip(first, store.claims(), strict=True))  # the others still copy
        with pytest.raises(ValueError, match="no table 'reviews'"):
            store.records("reviews")


def test_a_write_never_changes_records_read_before_it(tmp_path):
    path = tmp_path / "review.json"
    with open_store(path, reviewer="ana") as store:
        store.accept("c400", "art1", sel("some 400"), original={"value": 400})
        store.accept("c31", "art1", sel("31 civilians"))
        before = store.records("claims")
        as_read = [dict(d, selector=dict(d["selector"])) for d in before]
        store.correct("c400", "art1", sel("some 400"), {"value": 410})  # replaced
        store.clear_claim("c31")  # deleted
        store.undo()  # back again
        with store.batch("both"):
            store.reject("c400", "art1", sel("some 400"))
            store.put_records("claims", [dict(before[1], note="re-imported")], replace=True)
        assert before == as_read
        assert [d["status"] for d in store.records("claims")] == ["rejected", "accepted"]
        assert store.records("claims")[1]["note"] == "re-imported"
    with open_store(path, read_only=True) as snapshot:  # a read-only snapshot reads the same way
        assert snapshot.records("claims") == snapshot.claims() and len(snapshot.records("claims")) == 2
    assert EmptyStore().records("claims") == []


def test_records_are_cleaned_the_same_whether_printable_or_not():
    texts = ["Officials said", "Ägypten · 1,119 — “troops”", "", "a\x1b[2Jb", "a\r\nb\rc", "tab\there\nnew",
             "bidi \u202eevil\u202c", "nbsp\u00a0here", "c1 \x9b31m", "\x1b]8;;http://x\x07link", "zw\u200bj",
             "del\x7f", "emoji 🙂"]
    for text in texts:
        assert clean_value(text) == clean(text), text
    assert clean_value({"k\x1b[1m": ["v\u202e", {"n": "ok"}]}) == {"k": ["v", {"n": "ok"}]}


def test_a_change_returned_is_the_callers_own_and_a_batch_is_stored_as_made(tmp_path):
    path = tmp_path / "review.json"
    with open_store(path, reviewer="ana") as store:
        store.accept("c400", "art1", sel("some 400"), original={"value": 400})
        with store.batch("import"):
            store.correct("c400", "art1", sel("some 400"), {"value": 410})
            store.put_records("claims", [{"id": "c31", "article": "art1", "selector": sel("31 civilians"),
                                          "status": "rejected", "reviewer": "bo", "at": "2026-01-01T00:00:00Z"}])
        made = store.records("claims")
        change = store.undo()
        for doc in change.changes:  # a caller scribbling on the change it was given
            for side in ("before", "after"):
                if doc[side]:
                    doc[side]["status"] = "scribbled"
        assert [d["status"] for d in store.claims()] == ["accepted"]
        store.redo()
        assert store.records("claims") == made
    with open_store(path, read_only=True) as again:  # from the file and journal: as made
        assert again.records("claims") == made
