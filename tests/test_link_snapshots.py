"""Snapshots of the link picker, the timeline and the ledger (pytest-textual-snapshot).

Update with `pytest tests/test_link_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from claimdesk.annotations.links import SuggestionIndex
from claimdesk.tui.screens.ledger import LedgerScreen
from claimdesk.tui.screens.link_picker import LinkPickerScreen
from claimdesk.tui.screens.timeline import TimelineScreen
from links_helpers import DialogHarness, claim_of, link_issue_clusters, session  # noqa: F401 (fixtures)


@pytest.fixture
def linked(session):
    link_issue_clusters(session)
    return session


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_link_picker(snap_compare, linked, size):
    screen = LinkPickerScreen(linked, claim_of(linked, "003", "90"), SuggestionIndex.build(linked))
    assert snap_compare(DialogHarness(screen), terminal_size=size)


def test_timeline(snap_compare, linked):
    screen = TimelineScreen(linked, claim_of(linked, "003", "90"))
    assert snap_compare(DialogHarness(screen), terminal_size=(80, 24))


def test_ledger(snap_compare, linked):
    assert snap_compare(DialogHarness(LedgerScreen(linked, sort="contradictions")), terminal_size=(80, 24))
