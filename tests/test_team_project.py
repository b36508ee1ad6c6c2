"""Team projects: the folder, reviewers' names, and the deal of articles (seeded, balanced, stable)."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.team import Deal, ProjectError, is_project, load_project, parse_reviewers
from claimdesk.annotations.team.assignment import deal, overlapping
from claimdesk.tui.cli import main
from team_helpers import make_project, write_corpus

IDS = [f"article-{n:03d}" for n in range(100)]
TEAM = ("alice", "bob", "carol")


def test_the_deal_is_seeded_exact_and_balanced():
    dealt = deal(IDS, TEAM, Deal(0.2, 2, seed=7), {})
    assert dealt == deal(list(reversed(IDS)), TEAM, Deal(0.2, 2, seed=7), {})  # the order given does not matter
    assert dealt != deal(IDS, TEAM, Deal(0.2, 2, seed=8), {})  # the seed does
    assert sorted(dealt) == sorted(IDS)
    assert len(overlapping(dealt)) == 20  # exactly the share asked for
    assert all(len(names) == 2 for names in dealt.values() if len(names) > 1)
    loads = [sum(name in names for names in dealt.values()) for name in TEAM]
    assert sum(loads) == 120 and max(loads) - min(loads) <= 1


def test_new_articles_are_dealt_on_top_and_nothing_moves():
    first = deal(IDS[:60], TEAM, Deal(0.5, 2, 1), {})
    both = deal(IDS, TEAM, Deal(0.5, 2, 1), first)
    assert {a: both[a] for a in first} == first
    assert len(overlapping({a: both[a] for a in IDS[60:]})) == 20
    loads = [sum(name in names for names in both.values()) for name in TEAM]
    assert max(loads) - min(loads) <= 1


def test_per_article_is_capped_by_the_team_and_settings_are_checked():
    assert all(len(n) == 2 for n in deal(IDS[:10], ("alice", "bob"), Deal(1.0, 3, 0), {}).values())
    with pytest.raises(ValueError, match="between 0 and 1"):
        Deal(1.5, 2, 0)
    with pytest.raises(ValueError, match="at least 1"):
        Deal(0.2, 0, 0)


def test_reviewer_names_must_name_a_file():
    assert parse_reviewers("alice, bob,alice") == ("alice", "bob")
    for bad in ("../x", "a b", "gold", "", "x" * 41):
        with pytest.raises(ProjectError):
            parse_reviewers(bad)


def test_a_project_folder_round_trips(tmp_path):
    project, corpus = make_project(tmp_path, overlap=0.34)
    assert is_project(project.root) and not is_project(tmp_path)
    again = load_project(project.root)
    assert again.reviewers == TEAM and again.corpus == project.corpus and again.assignment == project.assignment
    assert again.store_path("bob") == project.root / "reviewers" / "bob.json"
    assert again.reviewer("bob") == "bob"
    with pytest.raises(ProjectError, match="not a reviewer of proj"):
        again.reviewer("dave")
    assert set().union(*(again.assigned(n) for n in TEAM)) == {a.id for a in corpus.articles}


def test_a_damaged_project_file_is_reported(tmp_path):
    project, _ = make_project(tmp_path)
    project.file.write_text("{", "utf-8")
    with pytest.raises(ProjectError, match="cannot read"):
        load_project(project.root)
    project.file.write_text(json.dumps({"schema": "other"}), "utf-8")
    with pytest.raises(ProjectError, match="not a claimdesk project"):
        load_project(project.root)


def test_init_makes_the_project_and_refuses_bad_ones(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    assert main(["init", str(tmp_path / "p"), "--corpus", str(corpus), "--reviewers", "alice,bob",
                 "--overlap", "0.5", "--per-article", "2"]) == 0
    out = capsys.readouterr().out
    assert "made project p: 3 articles, 2 reviewers" in out and "claimdesk review" in out
    project = load_project(tmp_path / "p")
    assert len(overlapping(project.assignment)) == 2  # round(3 × 0.5)
    assert main(["init", str(tmp_path / "p"), "--corpus", str(corpus), "--reviewers", "alice"]) == 2
    assert "is a project already" in capsys.readouterr().err
    assert main(["init", str(corpus / "p"), "--corpus", str(corpus), "--reviewers", "alice"]) == 2
    assert "inside the corpus" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "q"), "--corpus", str(corpus), "--reviewers", "gold"]) == 2
    assert "cannot be a reviewer" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "q"), "--corpus", str(tmp_path / "none"), "--reviewers", "a"]) == 2
    assert not (tmp_path / "q").exists()
