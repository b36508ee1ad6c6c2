"""The team commands on a small project: status, agreement (text, JSON, CSV), project add, review's
checks, and every command reading a project folder as CORPUS."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.rules import ENTITY_LABEL
from claimdesk.annotations.store import open_store
from claimdesk.annotations.team import load_project
from claimdesk.annotations.team.stores import open_reviewer_store
from claimdesk.tui.cli import main
from team_helpers import decision, make_project

pytestmark = pytest.mark.usefixtures("warm_cache")


@pytest.fixture
def reviewed(tmp_path):
    """A project where alice and bob decided two claims of the first article alike and one differently."""
    project, corpus = make_project(tmp_path, reviewers=("alice", "bob"))
    a = corpus.articles[0]
    with open_reviewer_store(project, "alice") as alice, open_reviewer_store(project, "bob") as bob:
        for store in (alice, bob):
            decision(store, a, "40 soldiers", "accepted")
        decision(alice, a, "120", "accepted")
        decision(bob, a, "120", "rejected")
    return project, corpus


def test_agreement_as_text_json_and_csv(reviewed, capsys, tmp_path):
    project, _ = reviewed
    assert main(["agreement", str(project.root), "--no-entities"]) == 0
    out = capsys.readouterr().out
    assert "2 claims decided by two or more" in out and "alice – bob" in out
    assert "Disagreements: 1 claims" in out and "alice: accepted · bob: rejected" in out
    assert main(["agreement", str(project.root), "--json", "--no-entities", "--csv", str(tmp_path / "d.csv")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["claims_reviewed_twice"] == 2 and report["pairs"][0]["agreed"] == 1
    assert report["pairs"][0]["kappa"] == 0.0  # alice accepted both: no agreement beyond chance
    assert [d["versions"]["bob"]["status"] for d in report["disagreements"]] == ["rejected"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text("utf-8"))))
    assert [(r["quote"], r["alice:decision"], r["bob:decision"]) for r in rows] == [("120", "accepted", "rejected")]


def test_status_counts_each_reviewers_articles(reviewed, capsys):
    project, _ = reviewed
    assert main(["status", str(project.root), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    rows = {r["reviewer"]: r for r in status["reviewers"]}
    assert rows["alice"]["assigned"] == len(project.assigned("alice")) == 3  # overlap 1.0: every article to both
    assert rows["alice"]["claims_decided"] == 2 and rows["bob"]["claims_decided"] == 2
    assert status["disagreements"] == 1 and status["adjudicated"] == 0
    assert main(["status", str(project.root)]) == 0
    assert "disagreements: 1, adjudicated 0" in capsys.readouterr().out


def test_commands_read_a_project_as_corpus(reviewed, capsys):
    project, _ = reviewed
    assert main(["export", str(project.root), "-f", "jsonl"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["reviewer"] for r in records if r["kind"] == "claim"] == ["alice, bob"]  # the agreed one only
    assert "1 disagreement(s) not adjudicated yet are left pending" in captured.err
    assert main(["articles", str(project.root)]) == 0


def test_project_add_merges_and_says_what(reviewed, capsys, tmp_path):
    project, corpus = reviewed
    laptop = tmp_path / "laptop" / "bob.json"
    with open_store(laptop, reviewer="bob") as copy:
        decision(copy, corpus.articles[1], "300 trucks", "rejected")
    assert main(["project", "add", str(project.root), str(laptop)]) == 0
    assert "merged into bob's store: 1 claims" in capsys.readouterr().out
    assert main(["project", "add", str(project.root), str(laptop)]) == 0
    assert "nothing new; 1 already there" in capsys.readouterr().out
    assert main(["project", "add", str(project.root), str(tmp_path / "none.json")]) == 2
    assert main(["project", "add", str(project.root), str(laptop), "--reviewer", "zed"]) == 2
    assert "not a reviewer" in capsys.readouterr().err


def test_review_checks_the_reviewer_before_opening_anything(reviewed, capsys):
    project, _ = reviewed
    assert main(["review", str(project.root), "--reviewer", "zed"]) == 2
    assert "zed is not a reviewer of proj (alice, bob)" in capsys.readouterr().err
    assert main(["review", str(project.root)]) == 2  # the login name is nobody here
    assert "--reviewer NAME (one of alice, bob)" in capsys.readouterr().err
    assert main(["review", "--adjudicate"]) == 2
    assert "needs a project folder" in capsys.readouterr().err
    assert load_project(project.root).assignment == project.assignment


def test_commands_that_write_one_store_refuse_a_project(reviewed, capsys, tmp_path):
    project, _ = reviewed
    export = tmp_path / "x.jsonl"
    assert main(["export", str(project.root), "-f", "jsonl", "-o", str(export)]) == 0
    for argv in (["import", str(export), str(project.root)], ["rules", "learn", str(project.root)],
                 ["extract", str(project.root)]):
        capsys.readouterr()
        assert main(argv) == 2, argv
        assert "is a team project, not a corpus" in capsys.readouterr().err, argv
    assert not list(project.root.glob("*.json.journal"))  # nothing written beside the project


def test_rules_list_of_a_project_names_every_proposer_and_flags_contradicted_rules(tmp_path, capsys):
    project, corpus = make_project(tmp_path)
    b = next(a for a in corpus.articles if "Geneva" in a.text)
    start = b.text.index("Geneva")
    geneva = {"label": "ORG", "pattern": [{"TEXT": "Geneva"}], "text": "Geneva"}
    with open_reviewer_store(project, "alice") as alice, open_reviewer_store(project, "carol") as carol:
        alice.add_rule(ENTITY_LABEL, geneva)
        carol.add_rule(ENTITY_LABEL, geneva)  # the same rule: one rule, two proposers
        carol.add_rule(ENTITY_LABEL, {"label": "NORP", "pattern": [{"LOWER": "ministers"}], "text": "Ministers"})
    with open_reviewer_store(project, "bob") as bob:  # bob keeps Geneva a place: the rule is contradicted
        bob.relabel_entity(b.id, make_selector(b.text, start, start + 6), "GPE", model_label="GPE")
    assert main(["rules", "list", str(project.root)]) == 0
    out = capsys.readouterr().out
    blocks = {block.splitlines()[1].strip(): block.splitlines() for block in out.strip().split("\n\n")[:-1]}
    assert set(blocks) == {"Geneva → ORG", "Ministers → NORP"}
    assert blocks["Geneva → ORG"][2].startswith("  by alice, carol, ")
    assert blocks["Geneva → ORG"][3] == "  ⚑ contradicted: bob labelled “Geneva” otherwise than ORG"
    assert blocks["Ministers → NORP"][2].startswith("  by carol, ") and len(blocks["Ministers → NORP"]) == 3
    assert out.splitlines()[-1] == "2 rules, 2 enabled, 1 contradicted"
    assert main(["rules", "list", str(project.root), "--json"]) == 0
    rows = {r["data"]["text"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["Geneva"]["proposers"] == ["alice", "carol"]
    assert rows["Geneva"]["contradicted"] == ["bob labelled “Geneva” otherwise than ORG"]
    assert rows["Ministers"]["proposers"] == ["carol"] and rows["Ministers"]["contradicted"] == []
    assert main(["rules", "list", str(project.root), "--db", str(tmp_path / "x.json")]) == 2
    assert "without --db" in capsys.readouterr().err
