"""Entity disagreements: found on the spans reviewers who worked in an article leave differently,
settled in the gold store (a version kept, or a new label), undone, and taken by the project's view."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimdesk.annotations.pipeline import open_review
from claimdesk.annotations.session import ReviewSession, SessionError
from claimdesk.annotations.team.adjudication import adjudicate, gold_record, open_cases
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import open_gold_store, open_reviewer_store
from claimdesk.annotations.team.view import open_view
from claimdesk.tui.cli import main
from team_helpers import decision, make_project

pytestmark = pytest.mark.usefixtures("warm_cache")


def labels_in(session, article_id: str) -> dict[str, str]:
    return {e.text: e.label for e in session.entities(article_id, visible_only=True)}


@pytest.fixture
def edited(tmp_path):
    """Three reviewers in the Geneva article (extracted: Geneva GPE): alice relabels it ORG, bob removes it,
    carol leaves it and adds "trucks" as a product (which nobody else has)."""
    project, corpus = make_project(tmp_path)
    b = next(a for a in corpus.articles if "Geneva" in a.text)
    for name in ("alice", "bob", "carol"):
        with open_reviewer_store(project, name) as store:
            session = open_review(project.corpus, store)
            geneva = next(e for e in session.entities(b.id) if e.text == "Geneva")
            decision(store, b, "300 trucks", "accepted")  # everyone worked in the article
            if name == "alice":
                session.relabel_entity(geneva, "ORG")
            elif name == "bob":
                session.remove_entity(geneva)
            else:
                at = b.text.index("trucks")
                session.add_entity(b.id, at, at + 6, "PRODUCT")
    return project, b


def test_entity_disagreements_are_settled_in_the_gold_store_and_taken_by_the_view(edited):
    project, b = edited
    projected = open_review(project.corpus, open_view(project))
    assert labels_in(projected, b.id) == {"Geneva": "GPE"}  # not settled: as extracted, and no "trucks"
    assert dict(open_view(project).entity_sources) == {"disagreed": 2}
    report = project_agreement(project, projected)
    trucks, geneva = report.entity_disagreements  # in text order
    assert (geneva.text, geneva.model_label, geneva.labels) == ("Geneva", "GPE", {"alice": "ORG", "bob": "",
                                                                                  "carol": "GPE"})
    assert [v.status for v in geneva.versions.values()] == ["relabelled", "removed", "model"]
    assert (trucks.text, trucks.model_label, trucks.labels) == ("trucks", "", {"alice": "", "bob": "",
                                                                               "carol": "PRODUCT"})

    with open_gold_store(project, "ed") as gold:
        session = ReviewSession(projected.corpus, gold)
        cases = open_cases(report, gold)
        assert [c.disagreement.text for c in cases if c.on_entity] == ["trucks", "Geneva"] and not any(
            c.settled for c in cases)
        case = next(c for c in cases if c.disagreement is geneva)
        kept = adjudicate(session, case, kept="carol")  # as extracted: the editor confirms GPE
        assert (kept.kept, kept.gold_version.label, kept.gold["action"], kept.gold["model_label"]) == (
            "carol", "GPE", "relabel", "GPE")
        assert kept.gold["adjudication"]["versions"]["bob"]["status"] == "removed"
        assert kept.gold["note"] == "adjudicated by ed: kept carol's version"
        session.undo()
        assert gold_record(gold, geneva) is None
        new = adjudicate(session, case, label="LOC")
        assert (new.kept, new.gold["action"], new.gold["label"], new.gold["reviewer"]) == ("", "relabel", "LOC", "ed")
        gone = adjudicate(session, next(c for c in cases if c.disagreement is trucks), kept="alice")  # none
        assert (gone.gold["action"], gone.gold["label"], "model_label" in gone.gold) == ("remove", "", False)
        for wrong in ({"kept": "dave"}, {"label": ""}, {"kept": "alice", "label": "ORG"}, {}):
            with pytest.raises(SessionError):
                adjudicate(session, case, **wrong)
        assert open_cases(report, gold)[0].settled

    view = open_view(project)
    assert dict(view.entity_sources) == {"gold": 2}
    assert "entity edits: 2 from the gold store" in view.describe_sources()
    assert labels_in(open_review(project.corpus, view), b.id) == {"Geneva": "LOC"}


def test_the_view_takes_an_entity_edit_everyone_who_worked_in_the_article_leaves_alike(tmp_path):
    project, corpus = make_project(tmp_path)
    a, c = corpus.articles[0], corpus.articles[2]  # "Monday" (DATE); "Russia" (GPE)
    for name in ("alice", "bob"):
        with open_reviewer_store(project, name) as store:
            session = open_review(project.corpus, store)
            monday = next(e for e in session.entities(a.id) if e.text == "Monday")
            session.relabel_entity(monday, "TIME")  # alike: taken, as theirs
            if name == "bob":
                session.remove_entity(next(e for e in session.entities(c.id) if e.text == "Russia"))  # alone there
    view = open_view(project)
    assert dict(view.entity_sources) == {"agreed": 1, "single": 1}
    assert [(d["label"], d["reviewer"]) for d in view.entities(a.id)] == [("TIME", "alice, bob")]
    assert [(d["action"], d["reviewer"]) for d in view.entities(c.id)] == [("remove", "bob")]


def test_status_counts_entity_disagreements_and_their_settlement(edited, capsys):
    project, _ = edited
    assert main(["status", str(project.root), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["disagreements"], status["entity_disagreements"], status["adjudicated"]) == (0, 2, 0)
    projected = open_review(project.corpus, open_view(project))
    with open_gold_store(project, "ed") as gold:
        case = open_cases(project_agreement(project, projected), gold)[0]
        adjudicate(ReviewSession(projected.corpus, gold), case, kept="bob")
    assert main(["status", str(project.root)]) == 0
    assert "disagreements: 0 + 2 entity span(s), adjudicated 1 (claimdesk review PROJECT --adjudicate)" in \
        capsys.readouterr().out


def test_the_disagreements_csv_lists_entity_spans_after_claims(edited, tmp_path, capsys):
    project, _ = edited
    out = tmp_path / "disagreements.csv"
    assert main(["agreement", str(project.root), "--csv", str(out)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    spans = {r["quote"]: r for r in rows if r["kind"] == "entity"}
    assert set(spans) == {"Geneva", "trucks"} and all(r["kind"] == "entity" for r in rows)
    geneva = spans["Geneva"]
    assert (geneva["alice:label"], geneva["bob:decision"], geneva["carol:label"]) == ("ORG", "removed", "GPE")
    assert spans["trucks"]["carol:label"] == "PRODUCT" and spans["trucks"]["alice:label"] == ""
