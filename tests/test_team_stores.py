"""A project's stores: each reviewer writes their own at the same time; rules are shared by reading
(the latest change wins, who proposed each is kept); a store from another machine merges in; the
merged view takes the gold store where it decides."""

from __future__ import annotations

import pytest

from claimdesk.annotations.rules import ENTITY_LABEL
from claimdesk.annotations.store import open_store
from claimdesk.annotations.stored import Rule
from claimdesk.annotations.team import GOLD, ProjectError
from claimdesk.annotations.team.merge import merge_store
from claimdesk.annotations.team.stores import open_reviewer_store, read_stores
from claimdesk.annotations.team.view import open_view
from team_helpers import decision, make_project

GENEVA = {"label": "ORG", "pattern": [{"TEXT": "Geneva"}], "text": "Geneva"}


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def test_two_reviewers_write_at_once_each_in_their_own_store(project):
    project, corpus = project
    a = corpus.articles[0]
    with open_reviewer_store(project, "alice") as alice, open_reviewer_store(project, "bob") as bob:
        assert not alice.read_only and not bob.read_only
        decision(alice, a, "40 soldiers", "accepted")
        decision(bob, a, "40 soldiers", "rejected")
        with open_reviewer_store(project, "alice") as second:  # the same reviewer twice: read-only, saying who
            assert second.read_only and "by alice" in second.read_only_reason
        assert alice.undo() is not None and bob.can_undo  # undo is per store
    stores = read_stores(project)
    try:
        assert [d["status"] for d in stores["bob"].claims()] == ["rejected"]
        assert stores["alice"].claims() == []
    finally:
        for store in stores.values():
            store.close()


def test_rules_are_shared_and_the_latest_change_wins(project):
    project, _ = project
    with open_reviewer_store(project, "alice") as alice:
        rule = alice.add_rule(ENTITY_LABEL, GENEVA)
    with open_reviewer_store(project, "bob") as bob:
        shared = [Rule.from_doc(d) for d in bob.rules()]
        assert [(r.id, r.enabled, r.proposers) for r in shared] == [(rule["id"], True, ("alice",))]
        bob.disable_rule(rule["id"])  # another's rule: a copy in bob's store, one undo step
        assert [r["enabled"] for r in bob.own.rules()] == [False]
        assert [r["enabled"] for r in bob.rules()] == [False]
        assert Rule.from_doc(bob.rules()[0]).proposers == ("alice",)  # switching it is not proposing it
    with open_reviewer_store(project, "alice") as alice:
        assert [r["enabled"] for r in alice.rules()] == [False]  # bob's later change wins for everyone
    with open_reviewer_store(project, "bob") as bob:
        bob.undo()
        assert bob.own.rules() == [] and [r["enabled"] for r in bob.rules()] == [True]
        bob.add_rule(ENTITY_LABEL, GENEVA)
        assert Rule.from_doc(bob.rules()[0]).proposers == ("alice", "bob")


def test_a_store_from_another_machine_merges_in(project, tmp_path):
    project, corpus = project
    a = corpus.articles[0]
    laptop = tmp_path / "laptop" / "alice.json"
    with open_store(laptop, reviewer="alice") as copy:
        decision(copy, a, "40 soldiers", "accepted")
        decision(copy, a, "120", "rejected")
    with open_reviewer_store(project, "alice") as alice:
        decision(alice, a, "120", "accepted")  # later than the laptop's: kept
    result = merge_store(project, laptop, corpus_ids=frozenset(x.id for x in corpus.articles))
    assert (result.reviewer, result.added, result.kept, result.outside) == ("alice", {"claims": 1}, 1, 0)
    with open_reviewer_store(project, "alice") as alice:
        assert sorted(d["status"] for d in alice.claims()) == ["accepted", "accepted"]
        assert alice.undo().action == "merge"  # one step
        assert len(alice.claims()) == 1
        with pytest.raises(ProjectError, match="open in another session"):
            merge_store(project, laptop)
    with pytest.raises(ProjectError, match="not a reviewer"):
        merge_store(project, laptop, "dave")


def test_the_merged_view_takes_gold_then_agreement_and_leaves_disagreements_pending(project):
    project, corpus = project
    a, b = corpus.articles[0], corpus.articles[1]
    with open_reviewer_store(project, "alice") as alice, open_reviewer_store(project, "bob") as bob:
        for store in (alice, bob):
            decision(store, a, "40 soldiers", "accepted")  # agreed
        decision(alice, a, "120", "accepted")  # disagreed, then adjudicated
        decision(bob, a, "120", "rejected")
        decision(alice, b, "300 trucks", "accepted")  # disagreed, not adjudicated
        decision(bob, b, "300 trucks", "rejected")
        decision(bob, b, "12 doctors", "rejected")  # one reviewer
    with open_store(project.gold_path, reviewer="ed") as gold:
        decision(gold, a, "120", "rejected")
    view = open_view(project)
    assert dict(view.sources) == {"gold": 1, "agreed": 1, "single": 1, "disagreed": 1}
    assert {d["selector"]["quote"]["exact"]: (d["status"], d["reviewer"]) for d in view.claims()} == {
        "40 soldiers": ("accepted", "alice, bob"), "120": ("rejected", "ed"), "12 doctors": ("rejected", "bob")}
    assert sorted((s.id, s.status) for s in view.claim_states()) == sorted((d["id"], d["status"]) for d in view.claims())
    assert "1 disagreement(s) not adjudicated" in view.describe_sources()
    assert view.read_only and GOLD not in view.reviewers
    with pytest.raises(Exception, match="merged view"):
        view.accept("x", a.id, {})
