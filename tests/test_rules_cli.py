"""``claimdesk rules list|learn|export`` and ``extract --db`` applying every rule kind; the exported
patterns load into spaCy's own EntityRuler."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.rules import BOILERPLATE, CLAIM_SUPPRESS, ENTITY_LABEL
from claimdesk.annotations.store import open_store
from claimdesk.tui.cli import main

NK = [{"TEXT": "Nagorno"}, {"TEXT": "-"}, {"TEXT": "Karabakh"}]


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Fighting in Nagorno-Karabakh\n\nA 2,000-strong force entered Nagorno-Karabakh on Monday, and 40 soldiers "
        "were killed, Armenia said.\n\nFollow us on Telegram for 24 hour news\n", "utf-8")
    (folder / "b.txt").write_text(
        "Shelling in Stepanakert\n\nAnother 3,000-strong brigade followed into Nagorno-Karabakh. Officials in "
        "Stepanakert said 12 civilians died.\n\nFollow us on Telegram: 3 channels\n", "utf-8")
    return folder


def test_list_shows_every_rule_with_where_it_came_from(tmp_path, capsys):
    db = tmp_path / "review.json"
    with open_store(db, reviewer="ana") as store:
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": NK, "text": "Nagorno-Karabakh"},
                       provenance={"annotation": "e1", "decision": "relabel", "text": "Nagorno-Karabakh",
                                   "before": "ORG", "after": "GPE"})
        store.add_rule(BOILERPLATE, {"pattern": r"^Follow\s+us\b"}, enabled=False)
    assert main(["rules", "list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    for expected in ("entity_label on", "Nagorno-Karabakh → GPE", 'by ana, ', 'from relabel of "Nagorno-Karabakh" '
                     "(ORG → GPE)", "boilerplate off", r"line /^Follow\s+us\b/ → site chrome", "2 rules, 1 enabled"):
        assert expected in out
    assert main(["rules", "list", "--db", str(db), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in rows] == [ENTITY_LABEL, BOILERPLATE] and [r["enabled"] for r in rows] == [True, False]


def test_errors_are_one_line_with_exit_2(tmp_path, capsys):
    assert main(["rules", "list", "--db", str(tmp_path / "none.json")]) == 2
    assert "annotation file not found" in capsys.readouterr().err
    assert main(["rules"]) == 2
    assert "rules needs a subcommand" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("not json")
    assert main(["rules", "export", "--db", str(tmp_path / "bad.json"), "--format", "spacy-patterns",
                 "-o", str(tmp_path / "p.jsonl")]) == 2
    assert not (tmp_path / "p.jsonl").exists()


def test_export_writes_patterns_spacy_loads_and_runs(tmp_path, capsys):
    import spacy

    db = tmp_path / "review.json"
    with open_store(db, reviewer="ana") as store:
        nk = store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": NK})
        store.add_rule(ENTITY_LABEL, {"label": "NORP", "pattern": [{"LOWER": "azerbaijani"}]})
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": [{"NOT_AN_ATTR": "x"}]})  # bad: never exported
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": [{"TEXT": "Shushi"}]}, enabled=False)
        store.add_rule(CLAIM_SUPPRESS, {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}]})
    out = tmp_path / "patterns.jsonl"
    assert main(["rules", "export", "--db", str(db), "--format", "spacy-patterns", "-o", str(out)]) == 0
    assert "2 patterns written" in capsys.readouterr().err
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert all(set(p) == {"label", "pattern", "id"} for p in lines)
    norp = next(p["id"] for p in lines if p["label"] == "NORP")

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").from_disk(out)
    doc = nlp("Azerbaijani forces shelled Nagorno-Karabakh and Shushi.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Azerbaijani", "NORP", norp), ("Nagorno-Karabakh", "GPE", nk["id"])]


def test_extract_db_applies_every_rule_kind(tmp_path, corpus_dir, capsys):
    db = tmp_path / "review.json"
    assert main(["extract", "--json", str(corpus_dir)]) == 0
    plain = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["text"] for r in plain if r["kind"] == "claim"} >= {"2,000-strong", "3,000-strong", "40", "12", "3"}
    with open_store(db, corpus=corpus_dir, reviewer="ana") as store:
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": NK})
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": [{"TEXT": "Stepanakert"}]}, enabled=False)
        store.add_rule(CLAIM_SUPPRESS, {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}]})
        store.add_rule(BOILERPLATE, {"pattern": r"^Follow\s+us\b"})
        store.add_rule("claim_lexicon", {"role": "counted", "word": "xx y"})  # invalid: ignored, not applied
    assert main(["extract", "--json", "--db", str(db), str(corpus_dir)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    claims = [r["text"] for r in rows if r["kind"] == "claim"]
    assert claims == ["40", "12"]
    assert {r["label"] for r in rows if r["kind"] == "entity" and r["text"] == "Nagorno-Karabakh"} == {"GPE"}
    assert not any("Telegram" in r["text"] for r in rows)  # the learned chrome line is gone at load
    assert {r["label"] for r in rows if r["text"] == "Stepanakert"} == {
        r["label"] for r in plain if r["text"] == "Stepanakert"}  # the disabled rule did nothing


def record_decisions(db, corpus_dir) -> str:
    """A relabel of Nagorno-Karabakh and a rejection of "2,000-strong" in a.txt, as an import would record
    them (every article parsed first); the article's id."""
    assert main(["extract", "--json", str(corpus_dir)]) == 0  # the parse cache, as after a review
    article = next(a for a in load_corpus(corpus_dir).articles if a.path == "a.txt")
    start = article.text.index("Nagorno-Karabakh on")
    strong = article.text.index("2,000-strong")
    with open_store(db, corpus=corpus_dir, reviewer="ana") as store:
        store.relabel_entity(article.id, make_selector(article.text, start, start + 16), "GPE", model_label="ORG")
        store.reject("c-strong", article.id, make_selector(article.text, strong, strong + 12))
    return article.id


def test_learn_creates_rules_for_recorded_corrections_once(tmp_path, corpus_dir, capsys):
    db = tmp_path / "review.json"
    record_decisions(db, corpus_dir)
    capsys.readouterr()
    assert main(["rules", "learn", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert ": entity_label Nagorno-Karabakh → GPE (from relabel of" in out
    assert ": claim_suppress N-strong → not a claim (from reject of \"2,000-strong\")" in out
    assert out.rstrip().endswith("2 rules created")
    assert main(["rules", "learn", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "0 rules created"
    with open_store(db, read_only=True) as store:
        assert sorted(r["kind"] for r in store.rules()) == [CLAIM_SUPPRESS, ENTITY_LABEL]


def test_learn_skips_a_rule_declined_in_the_app_and_list_shows_it_declined(tmp_path, corpus_dir, capsys):
    db = tmp_path / "review.json"
    article_id = record_decisions(db, corpus_dir)
    # "N-strong" was proposed in the app after another rejection, and declined there
    with open_store(db, corpus=corpus_dir, reviewer="ana") as store:
        store.add_rule(CLAIM_SUPPRESS, {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}]},
                       article_id=article_id, enabled=False,
                       provenance={"annotation": "c-other", "decision": "reject", "declined": "2024-05-01T10:00:00Z"})
    capsys.readouterr()
    assert main(["rules", "learn", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "entity_label Nagorno-Karabakh → GPE" in out and "claim_suppress" not in out
    assert out.rstrip().endswith("1 rule created")
    assert main(["rules", "list", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert " claim_suppress declined\n" in listed and " entity_label on\n" in listed
    assert listed.rstrip().endswith("2 rules, 1 enabled, 1 declined")
    with open_store(db, read_only=True) as store:
        assert [(r["kind"], r["enabled"]) for r in store.rules(kind=CLAIM_SUPPRESS)] == [(CLAIM_SUPPRESS, False)]


def test_learn_refuses_while_another_session_writes(tmp_path, corpus_dir, capsys):
    db = tmp_path / "review.json"
    with open_store(db, corpus=corpus_dir, reviewer="ana"):
        assert main(["rules", "learn", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is open in another session: pid" in err and "close that session and learn again" in err
