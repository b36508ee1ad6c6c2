"""A team, end to end, on the sample corpus: three reviewers each in their own app (Pilot), deciding the
same claims differently → agreement, checked against figures worked out by hand → adjudication in its
own app → a project export that takes the gold store where it decides, and says so."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.team import Deal, create_project
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import open_gold_store, open_reviewer_store, read_stores
from claimdesk.tui.adjudicate_app import AdjudicationApp
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")

# Every reviewer starts on the same claim (the first pending one of the first article) and a / r move on
# to the next pending one, so the n-th key of each plan decides the same claim. carol's last claim is
# corrected in the form: what is counted becomes "households".
PLANS = {"alice": "aaaaaa", "bob": "araara", "carol": "rraaa"}
CORRECT = ["e", *["tab"] * 5, "ctrl+u", *"households", "enter"]  # past value, qualifier, unit, change, from


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

    # the editor settles the four: alice's, bob's, alice's, carol's correction
    with open_gold_store(project, "ed") as gold:
        app = AdjudicationApp(project, gold)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if app.screen.cases:
                    break
            assert len(app.screen.cases) == 4
            for key in "1213":
                await pilot.press(key)
            await pilot.pause()
            assert [c.kept for c in app.screen.cases] == ["alice", "bob", "alice", "carol"]
    with open_gold_store(project, "ed", read_only=True) as gold:
        settled = {d["id"]: d for d in gold.claims()}
    assert settled[claims[5]]["fields"]["counted"] == "households"
    assert settled[claims[1]]["adjudication"]["kept"] == "bob" and settled[claims[1]]["status"] == "rejected"
    assert settled[claims[0]]["adjudication"]["versions"]["carol"]["status"] == "rejected"

    # the project's export takes the gold store where it decides, and says so
    capsys.readouterr()
    assert main(["export", str(project.root), "--format", "jsonl", "--status", "all"]) == 0
    captured = capsys.readouterr()
    assert "4 claim decision(s) from the gold store (adjudicated), 2 where reviewers agree" in captured.err
    records = {r["id"]: r for r in map(json.loads, captured.out.splitlines()) if r["kind"] == "claim"}
    exported = [(records[c]["status"], records[c]["reviewer"]) for c in claims]
    assert exported == [("accepted", "ed"), ("rejected", "ed"), ("accepted", "alice, bob, carol"),
                        ("accepted", "alice, bob, carol"), ("accepted", "ed"), ("corrected", "ed")]
    assert records[claims[5]]["fields"]["counted"] == "households"
    assert records[claims[0]]["note"] == "adjudicated by ed: kept alice's version"
