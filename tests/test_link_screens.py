"""The link picker, the timeline and the ledger, driven by keys (Pilot), each opened alone in a tiny app."""

from __future__ import annotations

import threading
import time

from textual.widgets import DataTable, Input, Static

from claimdesk.annotations.links import link
from claimdesk.tui.outcome import Outcome
from claimdesk.tui.screens.ledger import LedgerScreen
from claimdesk.tui.screens.link_picker import LinkPickerScreen
from claimdesk.tui.screens.timeline import TimelineScreen
from links_helpers import DialogHarness, claim_of, index, new_session, session  # noqa: F401 (fixtures)

SIZE = (120, 36)


async def searched(pilot, timeout: float = 10.0) -> None:
    """Wait until the picker's corpus search for what is typed has finished and its claims are listed."""
    screen = pilot.app.screen
    deadline = time.monotonic() + timeout
    while screen.searching and time.monotonic() < deadline:
        await pilot.pause(0.02)
    assert not screen.searching, "the corpus search did not finish"


def pairs(session) -> set[tuple[str, str, str]]:
    return {(d["a"]["claim"], d["b"]["claim"], d["type"]) for d in session.store.links()}


def unordered(session) -> set[tuple[frozenset, str]]:
    return {(frozenset((a, b)), link_type) for a, b, link_type in pairs(session)}


async def test_enter_links_with_the_proposed_type(session, index):
    a, b = claim_of(session, "003", "1,119"), claim_of(session, "004", "1,166")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
    assert isinstance(app.outcome, Outcome)
    assert set(app.outcome.refresh) == {a.article, b.article}
    assert app.outcome.message.startswith("Linked as update: 1,119 and 1,166")
    assert pairs(session) == {(a.id, b.id, "update")}
    assert session.cluster_of(a.id).name == "Nagorno-Karabakh troops killed"


async def test_typing_filters_and_digits_choose_the_type_from_the_list(session, index):
    a = claim_of(session, "000", "376")
    moscow_times = claim_of(session, "002", "350")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert len(screen.shown) >= 3
        await pilot.press(*"moscow", "space", *"times")
        await searched(pilot)  # (the claims the corpus search finds are listed too)
        assert app.screen.query_one(Input).value == "moscow times"
        assert {e.mention.outlet for e in screen.shown} == {"Moscow Times"}
        await pilot.press("3")  # in the filter box a digit is text
        assert app.outcome == DialogHarness.OPEN and screen.query_one(Input).value == "moscow times3"
        await pilot.press("backspace")
        await searched(pilot)
        screen.found(screen.typed, list(screen.corpus_found), True)  # the same query's claims found again
        ids = [e.claim.id for e in screen.shown]
        assert screen.corpus_found and len(ids) == len(set(ids))  # each claim listed once (one option id)
        await pilot.press("tab", "3")  # from the list it links as "contradicts"
    assert pairs(session) == {(a.id, moscow_times.id, "contradicts")}


async def test_typing_a_number_filters_and_never_links(session, index):
    """Digits, commas and letters typed in the filter are text: the dialog stays open and nothing is linked."""
    a = claim_of(session, "003", "1,119")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1,166", "space", *"L2a")
        screen = app.screen
        assert app.outcome == DialogHarness.OPEN and screen.query_one(Input).value == "1,166 L2a"
        await pilot.press(*["backspace"] * 4)
        assert screen.shown[0].claim.text == "1,166"  # (the other hit's sentence says 1,166 too)
        await pilot.press("enter")
    assert pairs(session) == {(a.id, claim_of(session, "004", "1,166").id, "update")}


async def test_a_letter_typed_on_the_list_goes_to_the_filter(session, index):
    a = claim_of(session, "003", "1,119")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"ap")
        box = app.screen.query_one(Input)
        assert box.has_focus and box.value == "ap" and app.outcome == DialogHarness.OPEN


async def test_down_then_enter_links_the_highlighted_suggestion(session, index):
    a = claim_of(session, "003", "1,119")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        second = app.screen.shown[1]
        await pilot.press("down", "enter")
    assert unordered(session) == {(frozenset((a.id, second.claim.id)), second.type)}


async def test_the_filter_finds_claims_that_are_not_suggested(session, index):
    """Any claim of the corpus can be linked: the filter searches them all, not only the ranked suggestions."""
    a = claim_of(session, "000", "376")
    far = claim_of(session, "001", "140,000")
    assert all(s.claim.id != far.id for s in index.suggest(a, LinkPickerScreen.SUGGESTIONS, unlinked=True))
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"140,000")
        await searched(pilot)
        found = [e.claim.id for e in app.screen.shown]
        values = [e.mention.value for e in app.screen.shown[:4]]
        # the four claims that say 140,000: AFP's and the Moscow Times', and two "around half … of 140,000"
        assert far.id in found[:4] and all("140,000" in v for v in values), values
        await pilot.press(*["down"] * found.index(far.id), "tab", "4")
    assert unordered(session) == {(frozenset((a.id, far.id)), "related")}


async def test_unlink_from_the_picker_then_undo(session, index):
    a, b = claim_of(session, "003", "1,119"), claim_of(session, "004", "1,166")
    link(session, a, b, "update")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.shown[0].linked and screen.shown[0].claim.id == b.id
        assert all(not e.linked and e.claim.id != b.id for e in screen.shown[1:])  # suggestions: unlinked only
        await pilot.press("tab", "L")  # the highlight is on the first suggestion: not linked
        assert app.outcome == DialogHarness.OPEN and pairs(session)
        await pilot.press("up", "L")
    assert app.outcome.message.startswith("Unlinked 1,119 and 1,166")
    assert pairs(session) == set() and session.store.clusters() == []
    assert set(session.undo()) == {a.article, b.article}  # one step brings the link and its cluster back
    assert pairs(session) == {(a.id, b.id, "update")} and session.cluster_of(a.id) is not None


async def test_retype_a_link(session, index):
    a, b = claim_of(session, "000", "376"), claim_of(session, "001", "350")
    link(session, a, b, "update")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "enter")  # enter on a link does not relink: it says what to do
        assert app.outcome == DialogHarness.OPEN
        await pilot.press("tab", "3")
    assert app.outcome.message.startswith("Relinked as contradicts")
    assert pairs(session) == {(a.id, b.id, "contradicts")}


async def test_escape_and_a_read_only_store(session, index, tmp_path):
    a = claim_of(session, "003", "1,119")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
    assert app.outcome is None and pairs(session) == set()
    session.store.close()
    reader = new_session(tmp_path / "review.json", read_only=True)
    app = DialogHarness(LinkPickerScreen(reader, a, index))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.outcome == DialogHarness.OPEN
        assert any("read-only" in n.message for n in app._notifications)
    reader.store.close()


async def test_timeline_rows_and_jump(session):
    c31, c90, c91 = (claim_of(session, *key) for key in (("000", "31"), ("003", "90"), ("004", "at least 91")))
    link(session, c90, c91, "update")
    link(session, c31, c90, "update")
    app = DialogHarness(TimelineScreen(session, c90))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3 and table.cursor_row == 1  # on the claim it was opened for
        assert [str(table.get_cell_at((r, 4))) for r in range(3)] == ["31", "90", "at least 91"]
        await pilot.press("down", "enter")
    assert app.outcome == Outcome(jump=(c91.article, c91.id))


async def test_timeline_of_a_claim_not_linked(session):
    app = DialogHarness(TimelineScreen(session, claim_of(session, "003", "1,119")))
    async with app.run_test(size=SIZE) as pilot:
        assert "not linked" in str(app.screen.query_one("#timeline-title", Static).render())
        await pilot.press("enter", "escape")
    assert app.outcome is None


async def test_ledger_sort_rename_and_jump(session):
    t1119, t1166 = claim_of(session, "003", "1,119"), claim_of(session, "004", "1,166")
    link(session, t1119, t1166, "update")
    link(session, claim_of(session, "000", "376"), claim_of(session, "001", "350"), "contradicts")
    link(session, claim_of(session, "003", "90"), claim_of(session, "004", "at least 91"), "update")
    app = DialogHarness(LedgerScreen(session, sort="name"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        table = screen.query_one(DataTable)

        def names() -> list[str]:
            return [str(table.get_cell_at((r, 1))) for r in range(table.row_count)]

        assert names() == ["Armenian soldiers died", "Azerbaijani civilians killed", "Nagorno-Karabakh troops killed"]
        await pilot.press("s", "s", "s")  # name → latest date → most articles → contradictions first
        assert "contradictions first" in str(screen.query_one("#ledger-title", Static).render())
        assert names()[0] == "Armenian soldiers died"
        await pilot.press("j", "n", "ctrl+a", "ctrl+k", *"Civilian deaths", "enter")
        renamed = next(c for c in session.store.clusters() if c["name"] == "Civilian deaths")
        assert set(renamed["claims"]) == {claim_of(session, "003", "90").id, claim_of(session, "004", "at least 91").id}
        assert "Civilian deaths" in names()
        await pilot.press("k", "enter")  # the timeline of the first row
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("enter")
    assert app.outcome.jump is not None and app.outcome.jump[1] in {
        claim_of(session, "000", "376").id, claim_of(session, "001", "350").id}
    session.undo()
    assert all(c["name"] != "Civilian deaths" for c in session.store.clusters())


async def test_ledger_without_clusters(session):
    app = DialogHarness(LedgerScreen(session))
    async with app.run_test(size=SIZE) as pilot:
        assert "No clusters yet" in str(app.screen.query_one("#ledger-detail", Static).render())
        await pilot.press("s", "n", "enter", "escape")
    assert app.outcome is None


async def test_picker_before_the_suggestions_are_ranked(session):
    a = claim_of(session, "003", "1,119")
    app = DialogHarness(LinkPickerScreen(session, a, None))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.shown == []
        assert "still being ranked" in str(app.screen.query_one("#link-empty", Static).render())
        await pilot.press("enter", "tab", "2", "L", "escape")
    assert app.outcome is None and session.store.links() == []


async def test_ledger_headings_are_whole_however_short_the_cells(session):
    link(session, claim_of(session, "003", "39"), claim_of(session, "004", "39"), "same")  # range "39": 2 characters
    app = DialogHarness(LedgerScreen(session))
    async with app.run_test(size=SIZE):
        table = app.screen.query_one(DataTable)
        for column in table.columns.values():
            assert column.width >= len(str(column.label)), str(column.label)


async def test_timeline_axis_says_values_the_claims_say(session):
    link(session, claim_of(session, "003", "39"), claim_of(session, "004", "39"), "same")
    app = DialogHarness(TimelineScreen(session, claim_of(session, "003", "39")))
    async with app.run_test(size=SIZE):
        assert str(app.screen.query_one("#timeline-scale", Static).render()).split() == ["39"]  # one value: one label
    vague = claim_of(session, "003", "Hundreds and possibly thousands")
    link(session, vague, claim_of(session, "004", "hundreds — perhaps thousands"), "same")
    link(session, vague, claim_of(session, "003", "nearing 5,000"), "related")
    app = DialogHarness(TimelineScreen(session, vague))
    async with app.run_test(size=SIZE):
        labels = [label for label in str(app.screen.query_one("#timeline-scale", Static).render()).splitlines() if label]
        values = {m.value for m in app.screen.timeline.mentions}
        assert len(labels) == 2 and set(labels) <= values  # the highest and lowest as the claims say them


async def test_the_corpus_search_runs_off_the_ui_thread_and_lists_claims_as_they_come(session, index):
    """A slow corpus (each article's claims take 0.1 s to read): typing answers at once, a key is answered
    while the search runs, the claims found are listed before it finishes, and the UI thread reads none."""
    a = claim_of(session, "000", "376")
    far = claim_of(session, "001", "140,000")
    app = DialogHarness(LinkPickerScreen(session, a, index))
    read_by: list[threading.Thread] = []
    claims = session.claims

    def slow_claims(article_id, status=None):
        read_by.append(threading.current_thread())
        time.sleep(0.1)
        return claims(article_id, status)

    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        session.claims = slow_claims
        read_by.clear()
        started = time.monotonic()
        await pilot.press(*"140,000")
        assert time.monotonic() - started < 1.0 and screen.query_one(Input).value == "140,000"
        while not any(e.claim.id == far.id for e in screen.shown):  # listed while the walk goes on
            assert time.monotonic() - started < 10, "the claim was never listed"
            await pilot.pause(0.02)
        assert screen.searching
        await pilot.press("tab")  # a key, answered while the search is running
        assert screen.option_list.has_focus and screen.searching
        await searched(pilot)
        assert screen.query_one(Input).value == "140,000"
        assert read_by and threading.main_thread() not in read_by
        await pilot.press("escape")
    assert app.outcome is None
