"""Entity rules on the samples: relabel once → every mention; removal; preview counts; undo; disabled
rules; contradicting rules; precision; all from cached parses (the model never runs again)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.rules import (
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    learn,
    preview,
    proposal_from_rule,
    propose_for_relabel,
    propose_for_removal,
    reextract,
    rule_stats,
    save,
)
from rules_helpers import entity_of, extractor, labels_of, sample_session  # noqa: F401 (the session fixture)


def relabel(session, prefix, text, label, model_label):
    entity = entity_of(session, prefix, text, model_label)
    session.relabel_entity(entity, label)
    return entity


def test_one_relabel_fixes_every_mention_from_cached_parses(session):
    ex = extractor()  # a new extractor over the warm cache: it has parsed nothing, loaded no model
    assert labels_of(session, "Nagorno-Karabakh").count("ORG") >= 20
    entity = relabel(session, "001", "Nagorno-Karabakh", "GPE", "ORG")
    proposal = propose_for_relabel(session, entity, "GPE", extractor=ex)
    assert proposal.kind == ENTITY_LABEL
    assert proposal.data["pattern"] == [{"TEXT": "Nagorno"}, {"TEXT": "-"}, {"TEXT": "Karabakh"}]
    assert proposal.provenance["annotation"] == entity.id and proposal.provenance["before"] == "ORG"

    shown = preview(session, ex, proposal)
    # every mention but the corrected one; "the Nagorno-Karabakh" (FAC/ORG) and "…’s" become the name
    assert (shown.added, shown.removed) == (0, 0) and shown.changed == len(shown.effects) == 25
    assert shown.n_articles == 5 and len(shown.articles) == 5 and shown.unparsed == 0
    assert all(e.after == "GPE" for e in shown.effects)
    assert not any(e.article_id == entity.article and e.start == entity.start for e in shown.effects)
    example = shown.examples[0]
    assert len(shown.examples) == 5 and example.context[example.context_start:example.context_end] == "Nagorno-Karabakh"
    assert shown.summary() == "25 other mentions in 5 articles: 0 added, 0 removed, 25 changed"

    rule = save(session, proposal)
    assert rule.provenance["annotation"] == entity.id and rule.selector["quote"]["exact"] == "Nagorno-Karabakh"
    changed = reextract(session, ex, shown.articles)
    assert sorted(changed) == sorted(shown.articles)
    assert set(labels_of(session, "Nagorno-Karabakh")) == {"GPE"}
    # a longer name the model found is left alone
    assert "The Nagorno-Karabakh Defense Ministry" in [e.text for a in session.articles
                                                       for e in session.extraction(a.id).entities if e.label == "ORG"]
    assert ex.parsed == 0 and ex._nlp is None  # no model run: the model was never even loaded


def test_undo_of_a_rule_and_a_disabled_rule(session):
    ex = session.extractor
    entity = relabel(session, "001", "Azerbaijani", "NORP", "PERSON")
    rule = save(session, propose_for_relabel(session, entity, "NORP", extractor=ex))
    reextract(session, ex)
    assert "PERSON" not in labels_of(session, "Azerbaijani")

    assert session.undo() == [entity.article]  # one step: the rule
    assert session.store.rules() == []
    assert sorted(reextract(session, ex)) == sorted(a.id for a in session.articles if "Azerbaijani" in a.text
                                                    and a.path[:3] in ("001", "002", "003", "004"))
    assert labels_of(session, "Azerbaijani").count("PERSON") >= 10

    session.redo()
    session.store.disable_rule(rule.id)
    assert reextract(session, ex) == []  # a disabled rule does nothing (and nothing changed)
    assert labels_of(session, "Azerbaijani").count("PERSON") >= 10
    stats = rule_stats(session, ex)[0]
    assert not stats.rule.enabled and stats.matches >= 10  # what it would do if enabled
    session.store.enable_rule(rule.id)
    reextract(session, ex)
    assert "PERSON" not in labels_of(session, "Azerbaijani")


def test_removal_suppresses_that_label_only(session):
    ex = session.extractor
    entity = entity_of(session, "004", "Azerbaijani", "PERSON")
    session.remove_entity(entity)
    proposal = propose_for_removal(session, entity, extractor=ex)
    assert proposal.kind == ENTITY_SUPPRESS and proposal.data["label"] == "PERSON"
    shown = preview(session, ex, proposal)
    assert shown.removed == len(shown.effects) >= 8 and {e.before for e in shown.effects} == {"PERSON"}
    norp = labels_of(session, "Azerbaijani").count("NORP")
    save(session, proposal)
    reextract(session, ex)
    assert "PERSON" not in labels_of(session, "Azerbaijani")
    assert labels_of(session, "Azerbaijani").count("NORP") == norp


def test_a_later_contradicting_rule_replaces_the_earlier_one(session):
    ex = session.extractor
    entity = relabel(session, "004", "Stepanakert", "LOC", "PERSON")
    first = save(session, propose_for_relabel(session, entity, "LOC", extractor=ex))
    entity = relabel(session, "004", "Stepanakert", "GPE", "PERSON")
    proposal = propose_for_relabel(session, entity, "GPE", extractor=ex)
    shown = preview(session, ex, proposal)
    assert shown.changed and all(e.before == "LOC" and e.after == "GPE" for e in shown.effects)
    second = save(session, proposal)
    assert [r.id for r in session.rules()] == [second.id] != [first.id]
    session.undo()  # one step: the old rule is back
    assert [r.id for r in session.rules()] == [first.id]


def test_a_proposal_for_a_rule_already_in_force_is_none_and_preview_again_shows_its_effect(session):
    ex = session.extractor
    entity = relabel(session, "001", "Nagorno-Karabakh", "GPE", "ORG")
    rule = save(session, propose_for_relabel(session, entity, "GPE", extractor=ex))
    reextract(session, ex)
    assert propose_for_relabel(session, entity, "GPE", extractor=ex) is None
    again = preview(session, ex, proposal_from_rule(rule))
    assert again.changed == 25 and again.effects[0].before == "ORG"


def test_precision_counts_later_decisions_on_what_the_rule_produced(session):
    ex = session.extractor
    entity = relabel(session, "001", "Nagorno-Karabakh", "GPE", "ORG")
    save(session, propose_for_relabel(session, entity, "GPE", extractor=ex))
    reextract(session, ex)
    stats = rule_stats(session, ex)[0]
    assert (stats.matches, stats.articles, stats.precision) == (26, 5, None)  # nobody looked yet
    # a reviewer in article 004 disagrees on one mention: every other one there stands, accepted
    wrong = entity_of(session, "004", "Nagorno-Karabakh", "GPE")
    session.relabel_entity(wrong, "LOC")
    stats = rule_stats(session, ex)[0]
    in_004 = sum(1 for a in session.articles if a.path.startswith("004") for _ in range(a.text.count(
        "Nagorno-Karabakh")))
    assert stats.rejected == 1 and stats.accepted == in_004 - 1
    assert stats.precision == pytest.approx((in_004 - 1) / in_004)


def test_learn_turns_recorded_corrections_into_rules_once(session):
    ex = session.extractor
    relabel(session, "001", "Nagorno-Karabakh", "GPE", "ORG")
    relabel(session, "004", "Nagorno-Karabakh", "GPE", "ORG")  # the same rule twice: one rule
    session.remove_entity(entity_of(session, "004", "Stepanakert", "PERSON"))
    created = learn(session, ex)
    assert sorted(r.kind for r in created) == [ENTITY_LABEL, ENTITY_SUPPRESS]
    assert session.undo() and session.store.rules() == []  # one undo step for the lot
    session.redo()
    assert learn(session, ex) == []  # every correction has its rule now
