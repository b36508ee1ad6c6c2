"""``Store.records``: a table's records as stored, not copied, for reading many at once — in text order,
the same as the copying queries, and never changed afterwards by a write (a write replaces a record)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import open_store
from claimdesk.annotations.store.empty import EmptyStore

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
