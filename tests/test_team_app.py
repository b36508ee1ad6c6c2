"""The review app in a team project: the reviewer's own articles listed (m shows every one), the rules
screen naming who proposed a rule and flagging one another reviewer's decisions contradict, and the
agreement screen."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.rules import ENTITY_LABEL
from claimdesk.annotations.team.stores import open_reviewer_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.agreement import AgreementScreen
from claimdesk.tui.screens.rules import RulesScreen
from session_helpers import app_ready
from team_helpers import decision, make_project

pytestmark = pytest.mark.usefixtures("warm_cache")
GENEVA = {"label": "ORG", "pattern": [{"TEXT": "Geneva"}], "text": "Geneva"}


def app_for(project, store, name, tmp_path) -> ClaimdeskApp:
    return ClaimdeskApp(corpus=project.corpus, store=store, reviewer=name, project=project,
                        positions=Positions(tmp_path / f"{name}.positions"))


async def test_mine_only_and_every_article(tmp_path):
    project, corpus = make_project(tmp_path, reviewers=("alice", "bob"), overlap=0.0)
    mine = project.assigned("alice")
    assert 0 < len(mine) < len(corpus.articles)
    with open_reviewer_store(project, "alice") as store:
        app = app_for(project, store, "alice", tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            articles = app.review.article_list

            def listed() -> set[str]:
                return {articles.listed(i).id for i in range(articles.row_count)}

            assert listed() == mine and articles.border_title.endswith("· mine")
            assert app.corpus_label == "project proj"
            assert app.position_key == project.store_path("alice")  # each reviewer's own place
            await pilot.press("m")
            assert listed() == {a.id for a in corpus.articles} and articles.border_title.endswith("· all")
            await pilot.press("m")
            assert listed() == mine


async def test_rules_screen_flags_a_rule_another_reviewer_contradicts(tmp_path):
    project, corpus = make_project(tmp_path, reviewers=("alice", "bob"))
    b = next(a for a in corpus.articles if "Geneva" in a.text)
    start = b.text.index("Geneva")
    with open_reviewer_store(project, "alice") as alice:
        rule = alice.add_rule(ENTITY_LABEL, GENEVA)
    with open_reviewer_store(project, "bob") as bob:
        bob.relabel_entity(b.id, make_selector(b.text, start, start + 6), "GPE")
    with open_reviewer_store(project, "alice") as store:
        app = app_for(project, store, "alice", tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            await pilot.press("R")
            screen = app.screen
            assert isinstance(screen, RulesScreen)
            for _ in range(200):
                await pilot.pause(0.05)
                if screen.conflicts:
                    break
            assert [c.reviewer for c in screen.conflicts[rule["id"]]] == ["bob"]
            shown = str(screen.query_one(OptionList).get_option(rule["id"]).prompt)
            assert "by alice" in shown and "⚑ contradicted: bob labelled “Geneva” otherwise than ORG" in shown


async def test_agreement_screen_shows_the_figures(tmp_path):
    project, corpus = make_project(tmp_path, reviewers=("alice", "bob"))
    a = corpus.articles[0]
    with open_reviewer_store(project, "alice") as alice, open_reviewer_store(project, "bob") as bob:
        decision(alice, a, "40 soldiers", "accepted")
        decision(bob, a, "40 soldiers", "rejected")
    with open_reviewer_store(project, "bob") as store:
        app = app_for(project, store, "bob", tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            await pilot.press("A")
            assert isinstance(app.screen, AgreementScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = str(app.screen.query_one("#agreement-text", Static).render())
            assert "1 claims decided by two or more" in text and "alice: accepted · bob: rejected" in text
            await pilot.press("x")
            assert (project.root / "agreement.json").exists() and (project.root / "disagreements.csv").exists()
