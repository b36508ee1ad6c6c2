"""The review app as a reviewer finds it (issue 17): each fix driven by keys, as a person would (Pilot)."""

from __future__ import annotations

import os

import pytest

from claimdesk.annotations.search import locate
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.messages import Extracted
from claimdesk.tui.screens.link_picker import LinkPickerScreen
from claimdesk.tui.screens.search import SearchScreen
from session_helpers import app_ready as ready

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as opened:
        yield opened


def claim_with(app, text: str, article_prefix: str = ""):
    for article in app.session.articles:
        if article.path.startswith(article_prefix):
            for claim in app.session.claims(article.id):
                if claim.text == text:
                    return claim
    raise AssertionError(text)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_typing_a_number_in_the_link_filter_links_nothing_and_nothing_leaks(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        troops = claim_with(app, "1,119")
        app.review.open_article(troops.article, troops.id)
        await pilot.press("l")
        assert isinstance(app.screen, LinkPickerScreen)
        await pilot.press(*"11,000 residents ar")  # digits, then letters that are commands on the screen below
        assert isinstance(app.screen, LinkPickerScreen)
        assert app.screen.filter_box.value == "11,000 residents ar"
        await pilot.press("escape")
        assert store.links() == [] and store.claims() == []  # nothing linked, accepted or rejected


async def test_search_down_then_enter_opens_the_highlighted_hit_and_the_query_is_kept(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"civilians")
        await pilot.pause(0.3)
        screen = app.screen
        second = screen.hits[1]
        await pilot.press("down", "enter")  # at once: the search's typing delay may not have passed
        assert not isinstance(app.screen, SearchScreen)
        found = locate(app.session, second.id, "civilians")  # the article opens on the claim counting them
        assert app.review.article.id == second.id and found is not None and found.claim
        assert app.review.selected_claim == found.claim
        assert "civilians" in app.session.claim(second.id, found.claim).fields["counted"]
        await pilot.press("slash")
        assert app.screen.filter_box.value == "civilians"  # the last query, selected: typing replaces it
        await pilot.press(*"troops")
        assert app.screen.filter_box.value == "troops"


async def test_every_undo_and_redo_says_what_it_undid_or_redid(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        soldiers = claim_with(app, "376")
        app.review.select_claim(soldiers.id)
        await pilot.press("a", "u")
        assert messages(app)[-1] == "Undid: accept 376 soldiers died"
        await pilot.press("U")
        assert messages(app)[-1] == "Redid: accept 376 soldiers died"
        troops, later = claim_with(app, "1,119"), claim_with(app, "1,166")
        app.review.open_article(troops.article, troops.id)
        await pilot.press("l", *"1,166", "enter")
        assert store.links()
        await pilot.press("u")
        assert messages(app)[-1] == "Undid: link 1,119 and 1,166 as update"
        await pilot.press("u", "u")
        assert messages(app)[-2].startswith("Undid: accept 376 soldiers died (in “")
        assert messages(app)[-1] == "Nothing to undo."
        assert later.id not in {c["id"] for c in store.claims()}


async def test_read_only_is_said_first_and_names_the_holder(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="bob"), \
            open_store(tmp_path / "review.json", read_only=True) as store:  # this process holds it, as bob
        app = ClaimdeskApp(store=store, reviewer="ana")
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            status = app.query_one("#status").render().plain
            assert status.startswith(f"claimdesk   READ-ONLY: held by pid {os.getpid()} on ")
            assert " by bob, since " in status[:100]  # first: never cut at 120 columns
            toast = next(n for n in app._notifications if n.title == "Read-only")
            assert toast.message.startswith("Another session holds the annotation file: pid ")
            assert " by bob, since " in toast.message


async def test_y_cites_the_claims_own_words_and_says_once_that_there_is_no_system_clipboard(store, monkeypatch):
    from claimdesk.tui import app as app_module

    calls = []

    def no_clipboard(text: str) -> str:
        calls.append(text)
        return ("Pyperclip could not find a copy/paste mechanism for your system. For more information, please "
                "visit https://pyperclip.readthedocs.io/en/latest/index.html#not-implemented-error")

    monkeypatch.setattr(app_module, "system_copy", no_clipboard)
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        forced = claim_with(app, "thousands", "002")  # "… and forced thousands of people from their homes"
        app.review.open_article(forced.article, forced.id)
        for _ in range(2):
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.clipboard.startswith("forced thousands of people — Moscow Times, 2020-10-09")
        copied = [n.message for n in app._notifications if n.title == "Citation copied"]
        assert copied[0].endswith("Copied through the terminal (OSC 52); no system clipboard here.")
        assert copied[1] == app.clipboard  # said once, not again
        assert not any("Pyperclip" in m or "readthedocs" in m for m in messages(app))
        assert len(calls) == 1  # the missing clipboard is not tried again


async def test_wrapped_lines_keep_their_hanging_indent_in_help_and_detail(store):
    from claimdesk.tui.widgets.claim_detail import ClaimDetail

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        un = claim_with(app, "58")  # source: United Nations High Commissioner on Human Rights
        app.review.select_claim(un.id)
        await pilot.pause()
        detail = app.query_one(ClaimDetail)
        lines = [line.plain for line in detail.lines(detail.content_size.width)]
        at = next(i for i, line in enumerate(lines) if line.startswith("Source"))
        assert lines[at + 1].startswith(" " * 16) and lines[at + 1].strip()  # under the value, not the label
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("#help-text").render().plain.splitlines()
        at = next(i for i, line in enumerate(text) if line.lstrip().startswith("l ") and "Link the claim" in line)
        assert text[at + 1].startswith(" " * 22) and text[at + 1].strip()


async def test_a_filter_that_shows_no_claim_says_so(store):
    from claimdesk.tui.widgets.claims_pane import ClaimsPane

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("f", "f")  # accepted: none yet
        pane = app.query_one(ClaimsPane)
        assert pane.filter == "accepted" and pane.claims == []
        assert pane.render_line(0).text.strip().startswith("No accepted claims in this article")
        await pilot.press("f")  # corrected: none either
        assert pane.render_line(0).text.strip().startswith("No corrected claims in this article")


async def test_a_form_error_goes_when_its_field_is_edited(store):
    from claimdesk.tui.screens.correction_form import CorrectionForm

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", *"lots", "enter")
        form = app.screen
        assert isinstance(form, CorrectionForm) and form.query_one("#error-value").display
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"12")
        assert not form.query_one("#error-value").display


async def test_the_ledger_opens_in_the_order_it_was_left_in(store):
    from claimdesk.annotations.links import next_sort_key
    from claimdesk.tui.screens.ledger import LedgerScreen

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        first = app.screen.sort
        await pilot.press("s", "escape", "g")
        assert isinstance(app.screen, LedgerScreen) and app.screen.sort == next_sort_key(first) != first


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_an_article_opens_at_the_top_and_claims_arriving_do_not_scroll_it(store, size):
    from claimdesk.tui.widgets.reader import ArticleText

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        area = app.query_one(ArticleText)
        for _ in range(len(app.session.articles)):
            claim = app.review.current_claim
            row = area.wrapped_document.location_to_offset(area.cursor_location).y
            assert claim is not None and area.cursor_offset == claim.start
            if row < area.scrollable_content_region.height:  # the claim is on the first screen: no scrolling
                assert area.scroll_offset.y == 0, (app.review.article.title, row)
            assert area.scroll_offset.y <= row < area.scroll_offset.y + area.scrollable_content_region.height
            await pilot.press("right_square_bracket")
            await pilot.pause()
        scrolled = area.scroll_offset.y
        total = len(app.session.articles)
        app.review.post_message(Extracted([app.review.article.id], total, total, 0))
        await pilot.pause()
        assert area.scroll_offset.y == scrolled  # claims arriving (again) move nothing that is in view


async def test_80x24_keeps_room_for_the_text_the_main_keys_and_the_claims(store):
    from textual.widgets import Footer

    from claimdesk.tui.widgets.article_list import ArticleList
    from claimdesk.tui.widgets.claims_pane import ClaimsPane

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket")  # an article with a long URL
        await pilot.pause()
        article = app.review.article
        assert article.url and len(article.url) > 40
        heading = app.query_one("#reader-heading").render().plain.splitlines()
        title_lines = len(heading) - 2
        assert title_lines <= 2 and heading[-1].endswith("…")  # one line of meta, the URL cut
        shown = list(app.query_one(Footer).query("FooterKey"))
        assert {k.key_display for k in shown} >= {"n", "a", "r", "e", "u", "/", "?", "q"}
        assert all(k.region.right <= 80 and k.region.width >= len(k.key_display) + len(k.description) + 1
                   for k in shown)  # every one of them fits, whole
        await pilot.press("o")  # the article list over the reader; the claims stay in view
        assert app.query_one(ArticleList).region.width >= 30 and app.query_one(ArticleList).has_focus
        assert app.query_one(ClaimsPane).region.width >= 30
        await pilot.press("o")
        assert app.query_one(ArticleList).region.width == 0


STRIKE = ("Strike talks fail\n\nUnion leader Tom Blake said the strike had shut 12 plants in two countries for "
          "nearly two weeks and cost workers 3 days of pay.\n")


@pytest.mark.parametrize(("selected", "fields"), [
    ("nearly two weeks", {"value": "2", "unit": "week", "source": "Union leader Tom Blake"}),  # shut for: a duration
    ("3 days", {"value": "3", "unit": "d", "counted": "pay", "source": "Union leader Tom Blake"}),  # days of pay
])
async def test_a_selection_is_read_by_the_claim_parser_in_its_sentence(tmp_path, selected, fields):
    from claimdesk.tui.screens.correction_form import CorrectionForm
    from claimdesk.tui.widgets.reader import ArticleText

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(STRIKE, "utf-8")
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(corpus, store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            text = app.review.article.text
            area = app.query_one(ArticleText)
            area.move_to_offset(text.index(selected))
            area.focus()
            await pilot.press("v", *["right"] * len(selected), "c")
            form = app.screen
            assert isinstance(form, CorrectionForm)
            values = form.current_values()
            assert {name: values[name] for name in fields} == fields
            assert values["predicate"]  # the sentence's verb
