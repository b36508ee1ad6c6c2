"""Rule kinds: validation (a bad rule never reaches the file), compiled rules, disabled and invalid ones."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.rules import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    ExtractionRules,
    Proposal,
    RuleError,
    RuleSaveError,
    describe,
    learned_boilerplate,
    rules_for_extractor,
    save,
    validate_rule,
)
from claimdesk.annotations.rules.patterns import line_pattern
from claimdesk.annotations.session import ReadOnlyError, ReviewSession
from claimdesk.annotations.store import open_store
from rules_helpers import made_up

NK = [{"TEXT": "Nagorno"}, {"TEXT": "-"}, {"TEXT": "Karabakh"}]


@pytest.mark.parametrize("kind, data", [
    (ENTITY_LABEL, {"label": "GPE", "pattern": NK, "text": "Nagorno-Karabakh"}),
    (ENTITY_SUPPRESS, {"label": "PERSON", "pattern": [{"TEXT": "Stepanakert"}]}),
    (CLAIM_SUPPRESS, {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}]}),
    (CLAIM_SUPPRESS, {"where": "line", "pattern": r"^Gallery\s*\|"}),
    (CLAIM_LEXICON, {"role": "counted", "word": "Dead"}),
    (BOILERPLATE, {"pattern": r"^Follow\s+us\b"}),
])
def test_valid_rules_pass_normalised(kind, data):
    checked = validate_rule(kind, data)
    assert checked["pattern"] == data["pattern"] if "pattern" in data else checked["word"] == "dead"


@pytest.mark.parametrize("kind, data, reason", [
    (ENTITY_LABEL, {"label": "GPE", "pattern": [{"NOT_AN_ATTR": "x"}]}, None),
    (ENTITY_LABEL, {"label": "GPE", "pattern": [{"TEXT": {"REGEX": "("}}]}, None),
    (ENTITY_LABEL, {"label": "GPE", "pattern": []}, "non-empty"),
    (ENTITY_LABEL, {"label": "gpe", "pattern": NK}, "upper-case"),
    (ENTITY_LABEL, {"label": "", "pattern": NK}, "upper-case"),
    (ENTITY_SUPPRESS, {"label": "ORG", "pattern": "   "}, "empty"),
    (CLAIM_SUPPRESS, {"where": "inside", "pattern": NK}, "where"),
    (CLAIM_SUPPRESS, {"where": "line", "pattern": "(unclosed"}, "regular expression"),
    (CLAIM_SUPPRESS, {"where": "line", "pattern": ".*"}, "every line"),
    (CLAIM_SUPPRESS, {"where": "line", "pattern": r"\w"}, "every line"),
    (BOILERPLATE, {"pattern": ""}, "non-empty"),
    (CLAIM_LEXICON, {"role": "counted", "word": "two words"}, "single"),
    (CLAIM_LEXICON, {"role": "mood", "word": "dead"}, "role"),
    ("entity_magic", {"label": "GPE"}, "unknown rule kind"),
])
def test_invalid_rules_are_refused_with_a_reason(kind, data, reason):
    with pytest.raises(RuleError, match=reason):
        validate_rule(kind, data)


def test_an_invalid_stored_rule_is_listed_as_rejected_and_never_applied():
    good = {"id": "r-good", "kind": ENTITY_LABEL, "enabled": True, "data": {"label": "GPE", "pattern": NK}}
    bad = {"id": "r-bad", "kind": ENTITY_LABEL, "enabled": True, "data": {"label": "GPE", "pattern": [{"BAD": 1}]}}
    off = {"id": "r-off", "kind": ENTITY_SUPPRESS, "enabled": False, "data": {"label": "GPE", "pattern": NK}}
    compiled = ExtractionRules([good, bad, off])
    assert [r["id"] for r in compiled.rules] == ["r-good"]
    assert [rule["id"] for rule, _ in compiled.rejected] == ["r-bad"]
    assert len(compiled) == 1 and compiled.patterns[0]["id"] == "r-good"


def test_a_bad_pattern_never_reaches_the_file(tmp_path):
    corpus = made_up("Armenia said 12 soldiers died.")
    with open_store(tmp_path / "db.json", reviewer="ana") as store:
        session = ReviewSession(corpus, store)
        bad = Proposal(ENTITY_LABEL, {"label": "GPE", "pattern": [{"NOT_AN_ATTR": "x"}]}, corpus.articles[0].id,
                       0, 7, "bad")
        with pytest.raises(RuleSaveError, match="not valid"):
            save(session, bad)
        assert store.rules() == [] and not store.can_undo
    text = (tmp_path / "db.json.journal").read_text("utf-8") if (tmp_path / "db.json.journal").exists() else ""
    assert "NOT_AN_ATTR" not in text and "NOT_AN_ATTR" not in (tmp_path / "db.json").read_text("utf-8")


def test_saving_needs_a_writable_store(tmp_path):
    corpus = made_up("Armenia said 12 soldiers died.")
    proposal = Proposal(ENTITY_LABEL, {"label": "GPE", "pattern": [{"TEXT": "Armenia"}]}, corpus.articles[0].id,
                        0, 7, "Armenia is a GPE")
    with pytest.raises(ReadOnlyError, match="no annotation file"):
        save(ReviewSession(corpus, None), proposal)
    open_store(tmp_path / "db.json").close()
    with open_store(tmp_path / "db.json", read_only=True) as store, pytest.raises(ReadOnlyError, match="read-only"):
        save(ReviewSession(corpus, store), proposal)


def test_rules_for_extractor_lists_enabled_rules_and_chrome_marks(tmp_path):
    from claimdesk.annotations.anchoring import make_selector

    corpus = made_up("Gallery | 12 photos\n\nThe army said 40 soldiers died.")
    article = corpus.articles[0]
    with open_store(tmp_path / "db.json", reviewer="ana") as store:
        on = store.add_rule(BOILERPLATE, {"pattern": r"^Gallery\s*\|"})
        off = store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": NK}, enabled=False)
        store.add_rule("someone_elses_kind", {"x": 1})
        mark = store.mark_boilerplate(article.id, make_selector(article.text, 0, 19))
        listed = rules_for_extractor(store)
        assert [r["id"] for r in listed] == [on["id"], mark["id"]]
        assert listed[1]["kind"] == "boilerplate_mark" and listed[1]["article"] == article.id
        assert learned_boilerplate(store) == [{"id": on["id"], "scope": "line", "pattern": r"^Gallery\s*\|"}]
        assert off["id"] not in json.dumps(learned_boilerplate(store))


def test_learned_boilerplate_is_what_the_cleaner_takes(tmp_path):
    from claimdesk.annotations.corpus import load_corpus

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(
        "A title\n\nFollow us on Telegram for 24 hour news\n\nThe army said 40 soldiers died.\n")
    with open_store(tmp_path / "db.json", reviewer="ana") as store:
        store.add_rule(BOILERPLATE, {"pattern": r"^Follow\s+us\b"})
        extra = learned_boilerplate(store)
    plain = load_corpus(tmp_path / "corpus").articles[0].text
    cleaned = load_corpus(tmp_path / "corpus", extra_boilerplate=extra).articles[0].text
    assert "Telegram" in plain and "Telegram" not in cleaned and "40 soldiers" in cleaned


@pytest.mark.parametrize("line, pattern", [
    ("Read more: Armenia says 5 soldiers died", r"^Read\s+more\s*:"),
    ("Follow us on Telegram for the latest news", r"^Follow\s+us\s+on\s+Telegram\b"),
    ("12 comments", r"^\d[\d,.]*\s+comments\W*$"),
    ("Gallery | 12 photos", r"^Gallery\s*\|"),
    ("Ad", None),
])
def test_line_patterns_generalise_the_opening_words(line, pattern):
    assert line_pattern(line) == pattern


def test_describe_says_what_each_rule_does():
    assert describe(ENTITY_LABEL, {"label": "GPE", "pattern": NK}) == ("Nagorno - Karabakh", "GPE")
    assert describe(ENTITY_LABEL, {"label": "GPE", "pattern": NK, "text": "Nagorno-Karabakh"})[0] == "Nagorno-Karabakh"
    assert describe(ENTITY_SUPPRESS, {"label": "PERSON", "pattern": [{"TEXT": "Shushi"}]}) == ("Shushi", "not PERSON")
    assert describe(CLAIM_SUPPRESS, {"where": "after", "pattern": [], "text": "-year-old"}) == ("N-year-old",
                                                                                               "not a claim")
    assert describe(CLAIM_LEXICON, {"role": "source_verb", "word": "relay"}) == ("relay", "attribution verb")
