"""Re-anchoring: annotations follow their quote when the article text changes; the lost become orphans."""

from __future__ import annotations

from claimdesk.annotations.anchoring import anchor, make_selector
from claimdesk.annotations.store import open_store

OLD = ("Nagorno-Karabakh officials said 1,119 troops had been killed. "
       "The fighting also killed some 400 civilians, officials said.\n\n"
       "Azerbaijan said 31 civilians were killed and 178 wounded.")


def sel(text: str, quote: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return make_selector(text, start, start + len(quote))


def test_anchor_strategies():
    s = sel(OLD, "some 400 civilians")
    assert anchor(s, OLD).method == "position"
    moved = "Updated: " + OLD
    found = anchor(s, moved)
    assert (found.method, moved[found.start:found.end]) == ("exact", "some 400 civilians")
    spaced = OLD.replace("some 400 civilians", "some\u00a0400  civilians").replace("fighting", "fighting")
    found = anchor(s, spaced)
    assert found.method == "normalized" and spaced[found.start:found.end] == "some\u00a0400  civilians"
    quote = sel(OLD, "Nagorno-Karabakh officials said 1,119 troops")
    respelled = OLD.replace("Nagorno-Karabakh officials said", "Nagorno Karabakh officials have said")
    found = anchor(quote, respelled)
    assert found.method == "fuzzy"
    assert respelled[found.start:found.end] == "Nagorno Karabakh officials have said 1,119 troops"
    # A changed number is a different claim: never re-attached.
    assert anchor(quote, OLD.replace("1,119", "1,166")) is None
    assert anchor(s, "A completely different article about 12 buses.") is None


def test_repeated_quote_is_found_by_its_context():
    text = "Azerbaijan said 31 civilians died. Armenia said 31 civilians died."
    second = sel(text, "31 civilians", nth=1)
    new = "Update. Azerbaijan said 31 civilians died on Monday. Armenia said 31 civilians died."
    found = anchor(second, new)
    assert found.start == new.rindex("31 civilians")


def test_reanchor_moves_keeps_and_orphans_never_drops(tmp_path):
    with open_store(tmp_path / "db.json") as store:
        store.accept("c1119", "art", sel(OLD, "1,119 troops"))
        store.correct("c400", "art", sel(OLD, "some 400 civilians"), {"value": 400})
        store.reject("c178", "art", sel(OLD, "178 wounded"))
        store.relabel_entity("art", sel(OLD, "Nagorno-Karabakh"), "GPE", model_label="ORG", entity_id="e1")
        store.accept("other", "art2", sel(OLD, "31 civilians"))

        assert store.reanchor("art", OLD).change is None  # unchanged text: nothing written
        new = ("Nagorno-Karabakh officials said 1,119 troops had been killed, the ministry added.\n\n"
               "Azerbaijan said 31 civilians were killed.")  # re-scraped: a paragraph and "178 wounded" gone
        result = store.reanchor("art", new)
        assert result.unchanged == 1  # the entity: same offsets, same context
        [moved] = result.moved  # same offsets, new suffix: its quote selector is refreshed
        assert moved["id"] == "c1119" and moved["from"]["start"] == moved["to"]["start"]
        assert {o["id"] for o in result.orphans} == {"c400", "c178"}
        assert {o["id"] for o in store.orphans()} == {"c400", "c178"}
        assert store.claim("c400")["status"] == "corrected" and store.claim("c400")["orphan"] is True
        assert store.counts()["orphans"] == 2 and store.counts()["claims"] == 4
        assert store.claim("other")  # another article's annotations are untouched

        change = store.reanchor("art", OLD)  # the text comes back: orphans re-attach
        assert {m["id"] for m in change.moved} >= {"c400", "c178"} and store.orphans() == []
        assert not store.claim("c400").get("orphan")

        store.undo()  # re-anchoring is undoable like any action
        assert {o["id"] for o in store.orphans()} == {"c400", "c178"}

    with open_store(tmp_path / "db.json") as store:  # orphans persist across sessions
        assert {o["id"] for o in store.orphans("art")} == {"c400", "c178"}


def test_reanchor_updates_offsets_and_claim_at_follows(tmp_path):
    with open_store(tmp_path / "db.json") as store:
        store.accept("c31", "art", sel(OLD, "31 civilians"))
        new = "Breaking news.\n\n" + OLD
        result = store.reanchor("art", new)
        [moved] = result.moved
        start = new.index("31 civilians")
        assert moved["to"]["start"] == start and moved["method"] == "exact"
        assert store.claim_at("art", start, start + len("31 civilians"))["id"] == "c31"
        assert store.claim("c31")["selector"]["quote"]["prefix"] == new[start - 32:start]
