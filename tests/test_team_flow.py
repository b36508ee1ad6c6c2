"""A team, end to end, on the sample corpus: three reviewers each in their own app (Pilot), deciding the
same claims differently and editing the same entities differently → agreement, checked against figures
worked out by hand → adjudication of claims and entity spans in its own app → a project export that
takes the gold store where it decides, and says so."""

from __future__ import annotations

import json

import pytest
from textual.widgets import OptionList

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.pipeline import open_review
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.team import Deal, create_project
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import open_gold_store, open_reviewer_store, read_stores
from claimdesk.annotations.team.view import open_view
from claimdesk.tui.adjudicate_app import AdjudicationApp
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")

# Every reviewer starts on the same claim (the first pending one of the first article) and a / r move on
# to the next pending one, so the n-th key of each plan decides the same claim. carol's last claim is
# corrected in the form: what is counted becomes "households".
PLANS = {"alice": "aaaaaa", "bob": "araara", "carol": "rraaa"}
# Before deciding, each edits entities of the first article (the first claim is selected: w and b move
# to the entities after and before it — Grigoryan, then Yerevan and Armenian, all three as the model
# says, PERSON, PERSON, NORP): alice and bob make Yerevan a place, bob removes Armenian, carol makes
# Grigoryan an organisation. Each group of keys may bring up a rule proposal, closed.
ENTITY_EDITS = {"alice": [["w", "t", *"GPE", "enter"]],
                "bob": [["w", "t", *"GPE", "enter"], ["w", "x"]],
                "carol": [["b", "t", *"ORG", "enter"]]}
# the form's rows before what is counted: value, qualifier, unit, change, from, of, of unit
CORRECT = ["e", *["tab"] * 7, "ctrl+u", *"households", "enter"]


async def settle(app, pilot) -> None:
    """Close a rule proposal a decision brought up ("this instance only"), as a reviewer would."""
    await pilot.pause()
    while app.screen is not app.review:
        await pilot.press("escape")
        await pilot.pause()


async def review_as(project, name: str, plan: str, then: list[str], tmp_path) -> None:
    with open_reviewer_store(project, name) as store:
        app = ClaimdeskApp(corpus=project.corpus, store=store, reviewer=name, project=project,
                           positions=Positions(tmp_path / f"{name}.positions"))
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            assert app.review.article_list.border_title.endswith("· mine")
            for keys in ENTITY_EDITS[name]:
                await pilot.press(*keys)
                await settle(app, pilot)
            for key in plan:
                await pilot.press(key)
                await settle(app, pilot)
            if then:
                await pilot.press(*then)
                await settle(app, pilot)


def hand_kappa(x: list[str], y: list[str]) -> float:
    n = len(x)
    po = sum(a == b for a, b in zip(x, y, strict=True)) / n
    pe = sum(x.count(c) * y.count(c) for c in set(x)) / (n * n)
    return (po - pe) / (1 - pe)


def hand_alpha(units: list[list[str]]) -> float:
    """Krippendorff's nominal alpha from its definition: 1 - Do/De over the coincidences of values."""
    values = [v for unit in units for v in unit]
    n = len(values)
    observed = sum(sum(1 for i, a in enumerate(u) for j, b in enumerate(u) if i != j and a != b) / (len(u) - 1)
                   for u in units) / n
    expected = (n * n - sum(values.count(c) ** 2 for c in set(values))) / (n * (n - 1))
    return 1 - observed / expected


async def test_three_reviewers_agreement_adjudication_export(tmp_path, capsys):
    corpus = load_corpus(bundled_corpus_path())
    project = create_project(tmp_path / "proj", bundled_corpus_path(), ("alice", "bob", "carol"),
                             [a.id for a in corpus.articles], Deal(1.0, 3, 0))
    for name, plan in PLANS.items():
        await review_as(project, name, plan, CORRECT if name == "carol" else [], tmp_path)

    # what each reviewer decided, read back from their own stores, in text order
    stores = read_stores(project)
    decided = {name: sorted(store.claims(), key=lambda d: (d["article"], d["selector"]["position"]["start"]))
               for name, store in stores.items()}
    for store in stores.values():
        store.close()
    claims = [d["id"] for d in decided["alice"]]
    assert len(claims) == 6 and all([d["id"] for d in decided[n]] == claims for n in PLANS)  # the same six
    statuses = {n: [d["status"] for d in decided[n]] for n in PLANS}
    assert statuses == {"alice": ["accepted"] * 6,
                        "bob": ["accepted", "rejected", "accepted", "accepted", "rejected", "accepted"],
                        "carol": ["rejected", "rejected", "accepted", "accepted", "accepted", "corrected"]}
    assert decided["carol"][5]["fields"]["counted"] == "households"

    report = project_agreement(project)
    assert report.units == 6
    pairs = {(p.a, p.b): p for p in report.pairs}
    # alice accepted everything: kappa 0 against anyone. bob–carol: po = 3/6, pe = (4·3 + 2·2)/36 = 4/9
    assert pairs["alice", "bob"].kappa == pytest.approx(0.0) == hand_kappa(statuses["alice"], statuses["bob"])
    assert pairs["alice", "carol"].kappa == pytest.approx(0.0)
    assert pairs["bob", "carol"].kappa == pytest.approx((1 / 2 - 4 / 9) / (5 / 9))
    assert pairs["bob", "carol"].kappa == pytest.approx(hand_kappa(statuses["bob"], statuses["carol"]))
    assert [(p.agreed, p.units) for p in report.pairs] == [(4, 6), (3, 6), (3, 6)]
    # n = 18 values (13 accepted, 4 rejected, 1 corrected); 8 disagreeing coincidences: alpha = 1 - (8/18)/(138/306)
    assert report.alpha == pytest.approx(1 - (8 / 18) / (138 / 306))
    assert report.alpha == pytest.approx(hand_alpha([list(u) for u in zip(*statuses.values(), strict=True)]))
    fields = {f.field: (f.agreed, f.compared) for f in report.fields}
    assert fields["counted"] == (0, 2) and fields["value"] == (2, 2)  # claim 6: carol against alice and bob
    assert [d.claim for d in report.disagreements] == [claims[0], claims[1], claims[4], claims[5]]

    # entities: the three worked in the first article only. N entities there as extracted; each pair's
    # F1 is 2·matched / (entities of one + of the other). alice–bob: N and N-1 (bob removed Armenian),
    # all of bob's alike; alice–carol: N and N, Grigoryan and Yerevan apart; bob–carol: N-1 and N,
    # Grigoryan, Yerevan and Armenian apart
    first = decided["alice"][0]["article"]
    n = len(open_review(project.corpus).entities(first, visible_only=True))
    assert main(["agreement", str(project.root), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    f1 = {(e["a"], e["b"]): (e["articles"], e["a_entities"], e["b_entities"], e["matched"], e["f1"])
          for e in figures["entities"]}
    assert f1 == {("alice", "bob"): (1, n, n - 1, n - 1, round(2 * (n - 1) / (2 * n - 1), 4)),
                  ("alice", "carol"): (1, n, n, n - 2, round((n - 2) / n, 4)),
                  ("bob", "carol"): (1, n - 1, n, n - 3, round(2 * (n - 3) / (2 * n - 1), 4))}
    apart = [(e["text"], e["model_label"], e["labels"]) for e in figures["entity_disagreements"]]
    assert apart == [("Grigoryan", "PERSON", {"alice": "PERSON", "bob": "PERSON", "carol": "ORG"}),
                     ("Yerevan", "PERSON", {"alice": "GPE", "bob": "GPE", "carol": "PERSON"}),
                     ("Armenian", "NORP", {"alice": "NORP", "bob": "", "carol": "NORP"})]
    assert [v["status"] for v in figures["entity_disagreements"][2]["versions"].values()] == [
        "model", "removed", "model"]
    # until settled, a span the reviewers left differently is as extracted in the project's view
    assert view_entities(project, first) == {}

    # the editor settles the four claims (alice's, bob's, alice's, carol's correction) and the three
    # spans (carol's ORG, alice's GPE, and a new label picked with e), in the order listed
    keys = {claims[0]: "1", claims[1]: "2", claims[4]: "1", claims[5]: "3",
            "Grigoryan": "3", "Yerevan": "1", "Armenian": ["e", *"LANGUAGE", "enter", "n"]}
    with open_gold_store(project, "ed") as gold:
        app = AdjudicationApp(project, gold)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if app.screen.cases:
                    break
            cases = app.screen.cases
            assert len(cases) == 7 and sum(c.on_entity for c in cases) == 3
            listed = [c.disagreement.text if c.on_entity else c.disagreement.claim for c in cases]
            assert [x for x in listed if x in claims] == [claims[0], claims[1], claims[4], claims[5]]
            assert [x for x in listed if x not in claims] == ["Grigoryan", "Yerevan", "Armenian"]
            starts = [c.disagreement.start for c in cases]
            assert starts == sorted(starts)  # one article: claims and spans in text order
            for index, item in enumerate(listed):
                assert app.screen.query_one("#adj-cases", OptionList).highlighted == index  # keeping moves on
                await pilot.press(*keys[item])
                await pilot.pause()
            assert [c.kept for c in app.screen.cases] == [
                {claims[0]: "alice", claims[1]: "bob", claims[4]: "alice", claims[5]: "carol", "Grigoryan": "carol",
                 "Yerevan": "alice", "Armenian": ""}[x] for x in listed]
    with open_gold_store(project, "ed", read_only=True) as gold:
        settled = {d["id"]: d for d in gold.claims()}
        spans = {d["selector"]["quote"]["exact"]: d for d in gold.entities()}
    assert settled[claims[5]]["fields"]["counted"] == "households"
    assert settled[claims[1]]["adjudication"]["kept"] == "bob" and settled[claims[1]]["status"] == "rejected"
    assert settled[claims[0]]["adjudication"]["versions"]["carol"]["status"] == "rejected"
    assert {t: (d["action"], d["label"], d.get("model_label"), d["reviewer"], d["adjudication"]["kept"])
            for t, d in spans.items()} == {"Grigoryan": ("relabel", "ORG", "PERSON", "ed", "carol"),
                                           "Yerevan": ("relabel", "GPE", "PERSON", "ed", "alice"),
                                           "Armenian": ("relabel", "LANGUAGE", "NORP", "ed", "")}
    assert spans["Armenian"]["adjudication"]["versions"]["bob"] == {"label": "", "status": "removed",
                                                                    "at": decided_at(project, "bob", "Armenian")}
    assert view_entities(project, first) == {"Grigoryan": "ORG", "Yerevan": "GPE", "Armenian": "LANGUAGE"}

    # the project's export takes the gold store where it decides, and says so
    capsys.readouterr()
    assert main(["export", str(project.root), "--format", "jsonl", "--status", "all"]) == 0
    captured = capsys.readouterr()
    assert "4 claim decision(s) from the gold store (adjudicated), 2 where reviewers agree" in captured.err
    assert "entity edits: 3 from the gold store, 0 where reviewers agree, 0 from one reviewer" in captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    records = {r["id"]: r for r in lines if r["kind"] == "claim"}
    exported = [(records[c]["status"], records[c]["reviewer"]) for c in claims]
    assert exported == [("accepted", "ed"), ("rejected", "ed"), ("accepted", "alice, bob, carol"),
                        ("accepted", "alice, bob, carol"), ("accepted", "ed"), ("corrected", "ed")]
    assert records[claims[5]]["fields"]["counted"] == "households"
    assert records[claims[0]]["note"] == "adjudicated by ed: kept alice's version"
    entities = {r["start"]: r for r in lines if r["kind"] == "entity" and r["article"]["id"] == first}
    assert len(entities) == n  # every entity of the article, as extracted but the three settled
    at = {t: d["selector"]["position"]["start"] for t, d in spans.items()}
    assert {t: (entities[at[t]]["label"], entities[at[t]]["status"], entities[at[t]]["reviewer"])
            for t in ("Grigoryan", "Yerevan", "Armenian")} == {
        "Grigoryan": ("ORG", "relabelled", "ed"), "Yerevan": ("GPE", "relabelled", "ed"),
        "Armenian": ("LANGUAGE", "relabelled", "ed")}


def view_entities(project, article_id: str) -> dict[str, str]:
    """The project's merged view: text → label of each entity edit it takes in the article."""
    return {d["selector"]["quote"]["exact"]: d["label"] for d in open_view(project).entities(article_id)}


def decided_at(project, reviewer: str, text: str) -> str:
    with open_reviewer_store(project, reviewer) as store:
        return next(d["at"] for d in store.entities() if d["selector"]["quote"]["exact"] == text)
