"""Snapshots of the rule preview and Rules screens (pytest-textual-snapshot; `pytest --snapshot-update`)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.rules import reextract, save
from claimdesk.tui.screens.rule_preview import RulePreviewScreen
from claimdesk.tui.screens.rules import RulesScreen
from rules_helpers import DialogHarness, relabel_proposal, samples, session_on, settle

NOW = "2020-11-02T09:30:00.000Z"


@pytest.fixture
def session(tmp_path, monkeypatch):
    import claimdesk.annotations.rules.apply as apply_mod
    import claimdesk.annotations.store.store as store_mod

    for module in (store_mod, apply_mod):  # fixed times: the Rules screen shows when a rule was made
        monkeypatch.setattr(module, "utc_now", lambda: NOW)
    session, _ = session_on(samples(), tmp_path / "review.json")
    yield session
    session.store.close()


def proposal(session, *where):
    return relabel_proposal(session, session.extractor, *where)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_rule_preview(snap_compare, session, size):
    shown = proposal(session, "001", "Nagorno-Karabakh", "GPE", "ORG")
    app = DialogHarness(lambda: RulePreviewScreen(session, session.extractor, shown))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_rules_screen(snap_compare, session, size):
    save(session, proposal(session, "001", "Nagorno-Karabakh", "GPE", "ORG"))
    save(session, proposal(session, "004", "Azerbaijani", "NORP", "PERSON"))
    disabled = save(session, proposal(session, "004", "Stepanakert", "GPE", "PERSON"))
    session.store.disable_rule(disabled.id)
    reextract(session, session.extractor)
    app = DialogHarness(lambda: RulesScreen(session, session.extractor))
    assert snap_compare(app, terminal_size=size, run_before=settle)
