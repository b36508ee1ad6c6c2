"""The store's API: decisions, entities, links, rules, marks, queries, undo/redo across articles and restarts."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import ReadOnlyStoreError, StoreError, open_store

TEXT = ("Officials said some 400 people were killed. Nagorno-Karabakh officials said 1,119 troops died, "
        "according to AP. Azerbaijan said 31 civilians were killed.")


def sel(quote: str, text: str = TEXT) -> dict:
    start = text.index(quote)
    return make_selector(text, start, start + len(quote))


@pytest.fixture
def path(tmp_path):
    return tmp_path / "review.json"


def test_every_record_carries_reviewer_time_article_and_selectors(path):
    with open_store(path, reviewer="ana") as store:
        doc = store.accept("c400", "art1", sel("some 400"))
    assert doc["reviewer"] == "ana" and doc["article"] == "art1" and doc["status"] == "accepted"
    assert doc["at"].endswith("Z") and doc["at"][:2] == "20"
    assert doc["selector"]["position"] == {"type": "TextPositionSelector", "start": 15, "end": 23}
    assert doc["selector"]["quote"] == {"type": "TextQuoteSelector", "exact": "some 400",
                                        "prefix": "Officials said ", "suffix": " people were killed. Nagorno-Kar"}
    with open_store(path, read_only=True) as store:
        assert store.claim("c400") == doc


def test_decisions_and_queries(path):
    with open_store(path, reviewer="ana") as store:
        store.accept("c400", "art1", sel("some 400"), original={"value": 400, "approx": "approx"})
        store.reject("c31", "art1", sel("31 civilians"), note="wrong\x1b[2J count")
        store.correct("c1119", "art1", sel("1,119 troops"), {"value": 1119, "counted": "troops"})
        added = store.add_claim("art2", sel("31 civilians"), {"value": 31, "counted": "civilians"})
        assert added["id"].startswith("user-") and added["status"] == "added"
        assert [c["id"] for c in store.claims("art1")] == ["c400", "c1119", "c31"]  # text order
        assert [c["id"] for c in store.claims(status="corrected")] == ["c1119"]
        assert store.claim("c31")["note"] == "wrong count"  # untrusted input is sanitised
        assert store.claim("nope") is None
        assert store.claim_at("art1", 15, 23)["id"] == "c400"
        assert store.articles() == ["art1", "art2"]
        assert store.counts()["claims_by_status"] == {"accepted": 1, "rejected": 1, "corrected": 1, "added": 1}
        states = {s.id: s for s in store.claim_states()}  # every decision's state, without copying each
        assert {i: (s.article, s.status, s.orphan) for i, s in states.items()} == {
            "c400": ("art1", "accepted", False), "c31": ("art1", "rejected", False),
            "c1119": ("art1", "corrected", False), added["id"]: ("art2", "added", False)}
        assert store.clear_claim("c400") and store.claim("c400") is None
        assert "c400" not in {s.id for s in store.claim_states()}
        assert not store.clear_claim("c400")
        with pytest.raises(ValueError):
            store.record_claim("maybe", "c1", "art1", sel("some 400"))
        with pytest.raises(ValueError):
            store.correct("c1", "art1", sel("some 400"), {})
        with pytest.raises(ValueError):
            store.accept("c1", "art1", {"quote": "no position"})


def test_entities(path):
    with open_store(path) as store:
        store.relabel_entity("art1", sel("Nagorno-Karabakh"), "GPE", model_label="ORG", entity_id="e1")
        store.relabel_entity("art1", sel("Nagorno-Karabakh"), "LOC", entity_id="e1")
        assert store.entities("art1")[0]["model_label"] == "ORG" and store.entities("art1")[0]["label"] == "LOC"
        store.remove_entity("art1", sel("AP"), model_label="ORG", entity_id="e2")
        added = store.add_entity("art1", sel("Azerbaijan"), "GPE")
        assert [e["action"] for e in store.entities("art1")] == ["relabel", "remove", "add"]
        assert store.remove_entity("art1", sel("Azerbaijan"), entity_id=added["id"]) == {}  # deletes the addition
        assert [e["id"] for e in store.entities(action="remove")] == ["e2"]
        assert store.clear_entity("e1") and len(store.entities()) == 1


def test_links_clusters_rules_and_boilerplate(path):
    with open_store(path) as store:
        link = store.add_link("c1119", "c1166", "update", a_article="art3", b_article="art4", cluster="k1")
        store.add_link("c1166", "c1119", "contradicts", a_article="art4", b_article="art3")  # same pair: replaced
        assert [found["type"] for found in store.links("c1119")] == ["contradicts"] and store.links()[0]["id"] == link["id"]
        with pytest.raises(ValueError):
            store.add_link("c1", "c2", "similar", a_article="a", b_article="b")
        store.set_cluster("k1", "Nagorno-Karabakh military deaths", claims=["c1119", "c1166"])
        assert store.clusters()[0]["name"] == "Nagorno-Karabakh military deaths"
        assert store.remove_link("c1119", "c1166") and store.links() == []
        rule = store.add_rule("entity_label", {"text": "Nagorno-Karabakh", "label": "GPE"},
                              article_id="art1", selector=sel("Nagorno-Karabakh"), provenance={"entity": "e1"})
        store.update_rule(rule["id"], data={"case_sensitive": True})
        store.disable_rule(rule["id"])
        assert store.rules(enabled=False)[0]["data"] == {"text": "Nagorno-Karabakh", "label": "GPE",
                                                         "case_sensitive": True}
        store.enable_rule(rule["id"])
        assert store.rules(kind="entity_label", enabled=True)
        assert store.delete_rule(rule["id"]) and store.rules() == []
        with pytest.raises(KeyError):
            store.update_rule("nope", enabled=False)
        mark = store.mark_boilerplate("art1", sel("according to AP."), pattern="according to *")
        assert store.boilerplate("art1")[0]["pattern"] == "according to *"
        assert store.unmark_boilerplate(mark["id"]) and store.boilerplate() == []
        assert store.remove_cluster("k1")


def test_undo_restores_the_previous_state_exactly_and_redo_reapplies(path):
    with open_store(path) as store:
        first = store.correct("c1", "art1", sel("some 400"), {"value": 401})
        store.accept("c1", "art1", sel("some 400"))
        change = store.undo()
        assert change.kind == "undo" and change.action == "accept" and change.articles == ("art1",)
        assert store.claim("c1") == first  # exactly: status, fields, reviewer, timestamp
        redo = store.redo()
        assert redo.kind == "redo" and store.claim("c1")["status"] == "accepted"
        store.undo()
        store.undo()
        assert store.claim("c1") is None and not store.can_undo and store.undo() is None
        store.redo()
        assert store.claim("c1") == first and store.can_redo
        store.reject("c2", "art2", sel("31 civilians"))  # a new action clears the redo branch
        assert not store.can_redo and store.redo() is None


def test_undo_is_unlimited_across_articles_and_restarts(path):
    with open_store(path) as store:
        for i in range(30):
            store.accept(f"c{i}", f"art{i % 4}", sel("some 400"))
        store.add_link("c1", "c2", "same", a_article="art1", b_article="art2")
    with open_store(path, checkpoint_every=5) as store:
        assert store.undo().action == "add_link" and store.links() == []
        undone = [store.undo() for _ in range(12)]
        assert [c.articles for c in undone[:4]] == [("art1",), ("art0",), ("art3",), ("art2",)]
    with open_store(path) as store:
        assert store.counts()["claims"] == 18 and store.counts()["redo"] == 13
        assert store.redo().articles == ("art2",) and store.claim("c18")
    with open_store(path) as store:
        while store.undo():
            pass
        assert store.claims() == [] and store.counts()["undo"] == 0
        while store.redo():
            pass
        assert store.counts()["claims"] == 30 and len(store.links()) == 1


def test_batch_is_one_entry_and_one_undo_step_and_rolls_back_on_error(path):
    with open_store(path) as store:
        with store.batch("accept_all"):
            for i in range(5):
                store.accept(f"c{i}", "art1", sel("some 400"))
        assert store.counts()["journal_entries"] == 1 and store.counts()["claims"] == 5
        with pytest.raises(RuntimeError), store.batch("broken"):
            store.reject("c0", "art1", sel("some 400"))
            raise RuntimeError("boom")
        assert store.claim("c0")["status"] == "accepted"
        assert store.undo().action == "accept_all" and store.claims() == []


def test_journal_is_an_audit_of_every_action(path):
    with open_store(path, reviewer="ana") as store:
        store.accept("c1", "art1", sel("some 400"))
        store.reject("c2", "art2", sel("31 civilians"))
        store.undo()
        entries = list(store.journal())
        assert [(e["seq"], e["kind"], e["action"]) for e in entries] == [(1, "do", "accept"), (2, "do", "reject"),
                                                                         (3, "undo", "reject")]
        assert entries[2]["target"] == 2 and all(e["reviewer"] == "ana" and e["at"] for e in entries)
        assert [e["seq"] for e in store.journal("art2")] == [2, 3]


def test_values_that_are_not_json_are_refused_without_changing_anything(path):
    with open_store(path) as store:
        with pytest.raises(ValueError):
            store.correct("c1", "art1", sel("some 400"), {"value": float("nan")})
        assert store.claim("c1") is None and store.counts()["journal_entries"] == 0


def test_closed_and_read_only_stores_refuse_writes(path):
    store = open_store(path)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.accept("c1", "art1", sel("some 400"))
    with open_store(path, read_only=True) as reader, pytest.raises(ReadOnlyStoreError):
        reader.accept("c1", "art1", sel("some 400"))


def test_default_path_is_one_per_corpus_in_the_user_data_dir(tmp_path):
    from claimdesk.annotations.store import default_db_path

    (tmp_path / "a" / "news").mkdir(parents=True)
    (tmp_path / "b" / "news").mkdir(parents=True)
    one, two = default_db_path(tmp_path / "a" / "news"), default_db_path(tmp_path / "b" / "news")
    assert one != two and one.name.startswith("news-") and one.suffix == ".json"
    assert "claimdesk" in str(one.parent)
    with open_store(corpus=tmp_path / "a" / "news") as store:
        assert store.path == one and store.meta["corpus"] == str((tmp_path / "a" / "news").resolve())


def test_the_store_imports_fast_without_spacy_textual_or_rapidfuzz():
    import subprocess
    import sys

    code = ("import sys, claimdesk.annotations.store; "
            "print(sorted(m for m in ('spacy', 'textual', 'rapidfuzz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
