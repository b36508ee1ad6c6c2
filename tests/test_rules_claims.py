"""Claim rules on small made-up articles: suppression by context (never the bare number), chrome lines
and marks, boilerplate, and the lexicon taught by corrections — each previewed, saved and applied."""

from __future__ import annotations

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.rules import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ExtractionRules,
    preview,
    propose_for_boilerplate,
    propose_for_correction,
    propose_for_rejection,
    reextract,
    save,
)
from rules_helpers import claim_of, open_session  # noqa: F401 (a fixture)

STRONG = ("A 2,000-strong force crossed the border on Monday. Another 3,000-strong brigade followed, "
          "and 40 soldiers were killed.")
UNIT = "A 500-strong unit arrived. Officials said 12 civilians died."


def texts_of(session, prefix=""):
    return [c.text for a in session.articles if a.path.startswith(prefix) for c in session.extraction(a.id).claims]


def test_a_rejected_n_strong_claim_suppresses_the_context_not_the_number(open_session):
    session, ex = open_session(STRONG, UNIT)
    claim = claim_of(session, "a", "2,000-strong")
    session.reject(claim)
    proposal = propose_for_rejection(session, claim, extractor=ex)
    assert proposal.kind == CLAIM_SUPPRESS
    assert proposal.data == {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}], "text": "-strong"}
    shown = preview(session, ex, proposal)
    assert sorted(e.text for e in shown.effects) == ["3,000-strong", "500-strong"]
    assert (shown.removed, shown.n_articles) == (2, 2)
    save(session, proposal)
    assert sorted(reextract(session, ex, shown.articles)) == sorted(a.id for a in session.articles)
    assert texts_of(session) == ["40", "12"]
    assert session.claim(claim.article, claim.id).status == "rejected"  # the decision itself stays


def test_before_context_rules_apply_where_the_words_precede_the_number(open_session):
    session, ex = open_session(STRONG)
    rules = ExtractionRules([{"id": "r1", "kind": CLAIM_SUPPRESS, "enabled": True,
                              "data": {"where": "before", "pattern": [{"LOWER": "another"}]}}], vocab=ex.rules.vocab)
    article = session.articles[0]
    result = ex.from_doc(article, ex.cached_doc(article), rules=rules)
    assert [c.text for c in result.claims] == ["2,000-strong", "40"]


def test_a_number_inside_a_name_proposes_the_name(open_session):
    session, ex = open_session("Camp 22 held 400 prisoners.", "Camp 14 was closed.")
    claim = claim_of(session, "a", "22")
    session.reject(claim)
    proposal = propose_for_rejection(session, claim, extractor=ex)
    assert proposal.data["where"] == "before" and proposal.data["pattern"] == [{"TEXT": "Camp"}]
    assert "after \"Camp\"" in proposal.summary
    assert [(e.text, e.action) for e in preview(session, ex, proposal).effects] == [("14", "remove")]


def test_no_rule_for_a_rejected_claim_without_a_telling_context(open_session):
    session, ex = open_session(UNIT)
    claim = claim_of(session, "a", "12")
    assert propose_for_rejection(session, claim, extractor=ex) is None  # "said 12": only a number


def test_a_rejected_claim_on_a_chrome_line_learns_the_line(open_session):
    session, ex = open_session("Gallery | 12 photos\n\nThe army said 40 soldiers died in the attack.",
                               "Gallery | 30 photos\n\nRescuers found 7 survivors.")
    claim = claim_of(session, "a", "12")
    proposal = propose_for_rejection(session, claim, extractor=ex)
    assert proposal.data["where"] == "line" and proposal.data["pattern"] == r"^Gallery\s*\|"
    shown = preview(session, ex, proposal)
    assert [(e.text, e.action) for e in shown.effects] == [("30", "remove")]
    save(session, proposal)
    reextract(session, ex)
    assert texts_of(session) == ["40", "7"]


def test_boilerplate_from_a_marked_paragraph_and_a_mark_for_one_instance(open_session):
    session, ex = open_session("Follow us on Telegram for 24 hour news\n\nThe army said 40 soldiers died.",
                               "Follow us on Telegram: 3 channels\n\nRescuers found 7 survivors.")
    first, _second = session.articles
    line = first.text.split("\n")[0]
    session.store.mark_boilerplate(first.id, make_selector(first.text, 0, len(line)))
    assert reextract(session, ex) == [first.id]  # the mark alone: that paragraph of that article
    assert texts_of(session) == ["40", "3", "7"]
    proposal = propose_for_boilerplate(session, first.id, 3, 5)
    assert proposal.kind == BOILERPLATE and proposal.data["pattern"] == r"^Follow\s+us\s+on\s+Telegram\b"
    assert proposal.provenance["annotation"].startswith("b-")
    shown = preview(session, ex, proposal)
    assert [(e.text, e.what, e.action) for e in shown.effects] == [("Telegram", "entity", "remove"),
                                                                   ("3", "claim", "remove")]
    save(session, proposal)
    reextract(session, ex)
    assert texts_of(session) == ["40", "7"]


@pytest.mark.parametrize("texts, prefix, claim_text, fields, rule, other, before, after", [
    (("The strike left 12 dead and 40 injured.", "The attack left 30 dead."), "a", "12",
     {"counted": "dead"}, {"role": "counted", "word": "dead"}, "30", "people", "dead"),
    (("The shelling left 12 homes destroyed.", "The storm left 40 houses destroyed overnight."), "a", "12",
     {"predicate": "destroyed"}, {"role": "predicate", "word": "destroy"}, "40", "left", "destroyed"),
    (("The governor relayed that 14 civilians died.", "The mayor relayed that 9 people were hurt."), "a", "14",
     {"source": "The governor"}, {"role": "source_verb", "word": "relay"}, "9", "", "The mayor"),
])
def test_a_correction_teaches_a_word_that_fixes_other_claims(open_session, texts, prefix, claim_text, fields,
                                                             rule, other, before, after):
    session, ex = open_session(*texts)
    claim = claim_of(session, prefix, claim_text)
    name = next(iter(fields))
    corrected = session.correct(claim, {**claim.fields, **fields})
    proposal = propose_for_correction(session, corrected, extractor=ex)
    assert proposal.kind == CLAIM_LEXICON and proposal.data == rule
    assert proposal.provenance["field"] == name and proposal.provenance["after"] == fields[name]
    shown = preview(session, ex, proposal)
    changed = [e for e in shown.effects if e.text == other]
    assert len(changed) == 1 and changed[0].action == "change" and changed[0].changed_fields == (name,)
    assert changed[0].fields[name] == after
    other_claim = claim_of(session, "b", other)
    assert getattr(other_claim, name) == before
    save(session, proposal)
    reextract(session, ex)
    assert getattr(claim_of(session, "b", other), name) == after
