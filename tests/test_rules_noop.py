"""A rule that would change nothing but the mention just decided is not proposed (no preview pops up for
nothing); one that changes any other mention, or any other line for a chrome rule, is proposed as before.
Each kind on small made-up articles, extracted by the model through the run's parse cache."""

from __future__ import annotations

import pytest

import claimdesk.annotations.rules.propose as propose_mod
from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.rules import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    learn,
    preview,
    propose_for_boilerplate,
    propose_for_correction,
    propose_for_rejection,
    propose_for_relabel,
    propose_for_removal,
    reaches_others,
)
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store
from rules_helpers import article_of, claim_of, entity_of, extractor, made_up, open_session  # noqa: F401 (a fixture)

SAID = "Armenia said 40 soldiers were killed."  # Armenia: ORG
FLEW = "He flew to Armenia on Monday."  # Armenia: GPE already
TROOPS = "Troops from Armenia crossed the border."  # Armenia: ORG
STRONG = "A 2,000-strong force crossed the border on Monday, and 40 soldiers were killed."
UNIT = "A 500-strong unit arrived. Officials said 12 civilians died."
SURVIVORS = "Rescuers found 7 survivors."


def relabel(session, ex, text, label):
    entity = entity_of(session, "a", text)
    session.relabel_entity(entity, label)
    return propose_for_relabel(session, entity, label, extractor=ex)


def remove(session, ex, text):
    entity = entity_of(session, "a", text)
    session.remove_entity(entity)
    return propose_for_removal(session, entity, extractor=ex)


def reject(session, ex, text):
    claim = claim_of(session, "a", text)
    session.reject(claim)
    return propose_for_rejection(session, claim, extractor=ex)


def correct(session, ex, text, fields):
    claim = claim_of(session, "a", text)
    return propose_for_correction(session, session.correct(claim, {**claim.fields, **fields}), extractor=ex)


def mark_line(session, line_prefix):
    article = article_of(session, "a")
    start = article.text.index(line_prefix)
    end = article.text.index("\n", start)
    session.store.mark_boilerplate(article.id, make_selector(article.text, start, end))
    return propose_for_boilerplate(session, article.id, start, end)


CASES = {  # kind: (texts where the rule reaches nothing else, texts where it does, the decision)
    "relabel": ((SAID, FLEW), (SAID, FLEW, TROOPS), lambda s, ex: relabel(s, ex, "Armenia", "GPE"), ENTITY_LABEL),
    "removal": ((SAID, FLEW), (SAID, TROOPS), lambda s, ex: remove(s, ex, "Armenia"), ENTITY_SUPPRESS),
    "rejection": ((STRONG, SURVIVORS), (STRONG, UNIT), lambda s, ex: reject(s, ex, "2,000-strong"), CLAIM_SUPPRESS),
    "correction": (("The strike left 12 dead.", SURVIVORS), ("The strike left 12 dead.", "The attack left 30 dead."),
                   lambda s, ex: correct(s, ex, "12", {"counted": "dead"}), CLAIM_LEXICON),
    "boilerplate": (("Follow us on social media for more\n\nThe army said 40 soldiers died.", SURVIVORS),
                    ("Follow us on social media for more\n\nThe army said 40 soldiers died.",
                     "Follow us on social media for updates\n\n" + SURVIVORS),
                    lambda s, ex: mark_line(s, "Follow us"), BOILERPLATE),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_a_rule_that_changes_nothing_else_is_not_proposed(open_session, monkeypatch, kind):
    alone, _, decide, rule_kind = CASES[kind]
    session, ex = open_session(*alone)
    assert decide(session, ex) is None
    # what would have been proposed: its preview shows no other change, and it was the only reason
    session, ex = open_session(*alone)
    monkeypatch.setattr(propose_mod, "reaches_others", lambda *args: True)
    proposal = decide(session, ex)
    assert proposal is not None and proposal.kind == rule_kind
    shown = preview(session, ex, proposal)
    assert shown.effects == [] and shown.lines == 0 and shown.unparsed == 0
    assert shown.summary() == "No other mention changes."
    assert not reaches_others(session, ex, proposal)


@pytest.mark.parametrize("kind", list(CASES))
def test_a_rule_that_changes_another_mention_is_proposed_as_before(open_session, kind):
    _, wider, decide, rule_kind = CASES[kind]
    session, ex = open_session(*wider)
    proposal = decide(session, ex)
    assert proposal is not None and proposal.kind == rule_kind
    shown = preview(session, ex, proposal)
    assert shown.effects or shown.lines
    assert all(e.article_id != proposal.article_id or e.end <= proposal.start or e.start >= proposal.end
               for e in shown.effects)  # never the decided mention itself


def test_the_same_words_elsewhere_already_right_are_no_reason(open_session):
    session, ex = open_session(SAID, FLEW)  # "Armenia" is in b too, as a GPE already
    b = article_of(session, "b")
    assert [(e.text, e.label) for e in session.entities(b.id)] == [("Armenia", "GPE"), ("Monday", "DATE")]
    assert relabel(session, ex, "Armenia", "GPE") is None


def test_a_chrome_line_with_no_mention_on_its_like_is_still_proposed_and_says_why(open_session):
    session, ex = open_session(*CASES["boilerplate"][1])
    proposal = mark_line(session, "Follow us")
    shown = preview(session, ex, proposal)
    assert shown.effects == [] and (shown.lines, shown.line_articles) == (1, 1)
    assert shown.summary() == "No other mention changes; 1 other line like it in 1 article is dropped at the next load"


def test_an_article_not_parsed_yet_that_the_rule_may_touch_keeps_the_proposal(tmp_path):
    corpus = made_up(STRONG, "A 9,000-strong column, never parsed: " + "x" * 40)
    ex = extractor()
    store = open_store(tmp_path / "review.json", corpus=corpus.root, reviewer="ana")
    try:
        session = ReviewSession(corpus, store)
        session.set_extraction(ex.extract(corpus.articles[:1])[0])  # b has no parse in the cache
        proposal = reject(session, ex, "2,000-strong")
        assert proposal is not None and preview(session, ex, proposal).unparsed == 1
    finally:
        store.close()


def test_when_the_check_runs_out_of_time_the_rule_is_proposed_and_the_preview_tells(open_session, monkeypatch):
    session, ex = open_session(SAID, FLEW)
    entity = entity_of(session, "a", "Armenia")
    session.relabel_entity(entity, "GPE")
    assert propose_for_relabel(session, entity, "GPE", extractor=ex) is None
    monkeypatch.setattr(propose_mod, "CHECK_SECONDS", 0.0)  # as on a corpus too large to check in time
    proposal = propose_for_relabel(session, entity, "GPE", extractor=ex)
    assert proposal is not None and preview(session, ex, proposal).summary() == "No other mention changes."


@pytest.mark.parametrize("seconds", [propose_mod.CHECK_SECONDS, 0.0])
def test_learn_makes_no_rule_that_would_change_nothing_else(open_session, monkeypatch, seconds):
    monkeypatch.setattr(propose_mod, "CHECK_SECONDS", seconds)  # 0: learn checks the whole corpus itself
    session, ex = open_session(SAID, FLEW, STRONG.replace("A 2,000", "Then a 2,000"), UNIT)
    session.relabel_entity(entity_of(session, "a", "Armenia"), "GPE")  # nothing else changes: no rule
    session.reject(claim_of(session, "c", "2,000-strong"))  # "500-strong" in d changes: a rule
    assert [r.kind for r in learn(session, ex)] == [CLAIM_SUPPRESS]
