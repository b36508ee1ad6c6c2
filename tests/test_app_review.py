"""The review app driven as a reviewer would, key by key (Textual's run_test + Pilot)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.commands import COMMANDS
from claimdesk.tui.screens.correction_form import CorrectionForm
from claimdesk.tui.screens.help import HelpScreen
from claimdesk.tui.screens.label_picker import LabelPicker
from claimdesk.tui.screens.search import SearchScreen
from claimdesk.tui.widgets.article_list import ArticleList
from claimdesk.tui.widgets.claim_detail import ClaimDetail
from claimdesk.tui.widgets.claims_pane import ClaimsPane
from claimdesk.tui.widgets.reader import ArticleText
from session_helpers import app_ready as ready

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as opened:
        yield opened


async def settle_preview(app, pilot, key: str) -> None:
    """A correction proposes a rule: wait for its preview, then answer it with ``key``."""
    from claimdesk.tui.screens.rule_preview import RulePreviewScreen

    for _ in range(100):
        if isinstance(app.screen, RulePreviewScreen):
            break
        await pilot.pause(0.02)
    assert isinstance(app.screen, RulePreviewScreen)
    await app.workers.wait_for_complete()
    await pilot.press(key)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert not isinstance(app.screen, RulePreviewScreen)


def statuses(app):
    return [c.status for c in app.session.claims(app.review.article.id)]


def status_line(app) -> str:
    return app.query_one("#status").render().plain


async def test_claims_appear_with_progress_and_the_first_pending_selected(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        claims = app.session.claims(app.review.article.id)
        assert claims and app.review.selected_claim == claims[0].id
        pane = app.query_one(ClaimsPane)
        assert pane.row_count == len(claims)
        total = sum(len(app.session.claims(a.id)) for a in app.session.articles)
        assert f"0/{total} claims reviewed (0%)" in status_line(app)
        assert "ana" in status_line(app) and "review.json" in status_line(app)
        # the reader shows where the selected claim is: the cursor sits on it
        assert app.query_one(ArticleText).cursor_offset == claims[0].start


async def test_moving_in_the_claims_pane_selects_the_claim(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        claims = app.session.claims(app.review.article.id)
        pane = app.query_one(ClaimsPane)
        pane.focus()
        await pilot.press("j", "down")
        assert app.is_running and app.review.selected_claim == claims[2].id
        assert "districts" in app.query_one(ClaimDetail).content.plain
        await pilot.press("k")
        assert app.review.selected_claim == claims[1].id
        await pilot.click(ClaimsPane, offset=(5, 2 + 4))  # below the border and the heading: the fifth claim
        assert app.review.selected_claim == claims[4].id
        assert app.query_one(ArticleText).cursor_offset == claims[4].start


async def test_a_and_r_decide_move_on_and_are_saved_at_once(store, tmp_path):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        first, second, third = app.session.claims(app.review.article.id)[:3]
        await pilot.press("a")
        assert app.review.selected_claim == second.id
        await pilot.press("r")
        assert app.review.selected_claim == third.id
        await pilot.pause()  # no rule proposed: "friday that" N would change no other claim
        assert len(app.screen_stack) == 1
        assert statuses(app)[:3] == ["accepted", "rejected", "pending"]
        assert "2/" in status_line(app)
        # durable now, before quitting: a read-only reader of the same file sees both decisions
        with open_store(tmp_path / "review.json", read_only=True) as other:
            assert {d["id"]: d["status"] for d in other.claims()} == {first.id: "accepted", second.id: "rejected"}
            assert other.claim(first.id)["reviewer"] == "ana"


async def test_n_and_p_walk_pending_claims_across_articles(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        first_article = app.review.article.id
        count = len(app.session.claims(first_article))
        for _ in range(count - 1):
            await pilot.press("n")
        assert app.review.article.id == first_article
        await pilot.press("n")  # past the last pending claim: on to the next article
        assert app.review.article.id != first_article
        assert app.review.selected_claim == app.session.claims(app.review.article.id)[0].id
        await pilot.press("p")  # and back
        assert app.review.article.id == first_article
        assert app.review.selected_claim == app.session.claims(first_article)[-1].id


async def test_article_keys_and_next_article_with_pending_work(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        order = [a.id for a in app.session.articles]
        await pilot.press("right_square_bracket")
        assert app.review.article.id == order[1]
        await pilot.press("left_square_bracket")
        assert app.review.article.id == order[0]
        for claim in app.session.claims(order[1]):  # article 2 done: N skips it
            app.session.accept(claim)
        await pilot.press("N")
        assert app.review.article.id == order[2]


async def test_e_validates_every_field_and_keeps_what_was_typed(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        claim = app.review.current_claim
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CorrectionForm)
        form.query_one("#field-value").value = "lots"
        form.query_one("#field-date").value = "29/10/2020"
        await pilot.press("enter")
        assert app.screen is form  # not saved
        errors = {w.id: str(w.render()) for w in form.query(".form-error") if w.display}
        assert "value must be a number or a range like 10-20" in errors["error-value"]
        assert "2020-10-29" in errors["error-date"]
        await pilot.press("escape")  # cancel: the draft is kept
        assert app.session.claim(app.review.article.id, claim.id).status == "pending"
        await pilot.press("e")
        form = app.screen
        assert form.query_one("#field-value").value == "lots"
        form.query_one("#field-value").value = "10-20"
        form.query_one("#field-date").value = "2020-10-29"
        form.query_one("#field-counted").value = "children"
        await pilot.press("enter")
        assert not isinstance(app.screen, CorrectionForm)
        saved = app.session.claim(app.review.article.id, claim.id)
        assert saved.status == "corrected" and saved.value == [10, 20] and saved.approx == "range"
        assert saved.counted == "children" and saved.original["counted"] == claim.counted
        assert store.claim(claim.id)["original"]["value"] == claim.original["value"]


async def test_entities_w_b_t_x(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        entities = app.session.entities(app.review.article.id, visible_only=True)
        app.query_one(ArticleText).move_to_offset(0)
        await pilot.press("w")
        assert app.review.selected_entity == entities[0].id
        await pilot.press("w", "w", "b")
        assert app.review.selected_entity == entities[1].id
        target = app.review.current_entity
        await pilot.press("t")
        assert isinstance(app.screen, LabelPicker)
        await pilot.press("n", "o", "r", "p", "enter")  # typed filter: NORP
        relabelled = app.review.current_entity
        assert relabelled.label == "NORP" and relabelled.model_label == target.label
        assert store.entities(app.review.article.id)[0]["label"] == "NORP"
        await settle_preview(app, pilot, "o")  # a rule is proposed; o: this instance only
        assert store.rules(enabled=True) == []  # kept off, as declined
        await pilot.press("x")
        await settle_preview(app, pilot, "escape")
        assert all(e.start != target.start for e in app.session.entities(app.review.article.id, visible_only=True))
        await pilot.press("u", "u")  # the note that the rule was declined, then the removal
        assert any(e.start == target.start and e.label == "NORP"
                   for e in app.session.entities(app.review.article.id, visible_only=True))


async def test_v_selects_text_then_c_adds_a_claim_and_t_an_entity(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        text = app.review.article.text
        start = text.index("Putin")
        area = app.query_one(ArticleText)
        area.move_to_offset(start)
        await pilot.press("v", "right", "right", "right", "right", "right")
        assert area.selected_span == (start, start + 5)
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, CorrectionForm)
        form.query_one("#field-value").value = "1"
        form.query_one("#field-counted").value = "president"
        await pilot.press("enter")
        added = app.review.current_claim
        assert added.status == "added" and added.text == "Putin" and added.counted == "president"
        # shift+arrows select too; t makes the selection an entity
        area.move_to_offset(text.index("Yerevan"))
        await pilot.press(*["shift+right"] * 7, "t")
        assert isinstance(app.screen, LabelPicker)
        await pilot.press("g", "p", "e", "enter")
        assert any(e.text == "Yerevan" and e.status in ("added", "relabelled") and e.label == "GPE"
                   for e in app.session.entities(app.review.article.id))
        assert store.entities(app.review.article.id, action="add")


async def test_escape_cancels_a_selection_and_c_without_one_explains(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("v", "right", "right", "escape")
        area = app.query_one(ArticleText)
        assert not area.selecting and area.selected_span[0] == area.selected_span[1]
        await pilot.press("c")
        assert not isinstance(app.screen, CorrectionForm)
        assert any("Select the claim's text first" in n.message for n in app._notifications)


async def test_u_and_U_undo_and_redo_across_articles(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        first_article = app.review.article.id
        await pilot.press("a", "right_square_bracket", "a")
        await pilot.press("u")
        assert app.review.article.id != first_article and statuses(app)[0] == "pending"
        await pilot.press("u")  # the first decision was in another article: the app goes there
        assert app.review.article.id == first_article and statuses(app)[0] == "pending"
        await pilot.press("U")
        assert statuses(app)[0] == "accepted"
        assert store.can_redo


async def test_y_copies_a_citation_line(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        claim = next(c for c in app.session.claims(app.review.article.id) if c.text == "1,119")
        app.review.select_claim(claim.id)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard.startswith("1,119 of their troops — according to Nagorno-Karabakh officials — AP, ")
        assert any(n.title == "Citation copied" and "1,119" in n.message for n in app._notifications)


async def test_slash_searches_the_corpus_and_enter_jumps(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"1,166", "enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.review.current_claim is not None and app.review.current_claim.text == "1,166"
        assert "1,166" in app.review.article.text


async def test_f_filters_the_claims_pane(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        total = len(app.session.claims(app.review.article.id))
        await pilot.press("a", "r")  # no rule proposed for that rejection: it would change nothing else
        pane = app.query_one(ClaimsPane)
        await pilot.press("f")  # pending
        assert pane.filter == "pending" and pane.row_count == total - 2
        await pilot.press("f")  # accepted
        assert pane.row_count == 1 and pane.claims[0].status == "accepted"
        await pilot.press("f", "f")  # corrected, rejected
        assert [c.status for c in pane.claims] == ["rejected"]
        await pilot.press("f")
        assert pane.filter == "all" and pane.row_count == total


async def test_last_position_is_remembered_per_corpus(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "n", "n")
            where = (app.review.article.id, app.review.selected_claim)
            await pilot.press("q")
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            assert (app.review.article.id, app.review.selected_claim) == where


async def test_read_only_store_refuses_decisions_and_says_so(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana"):
        pass
    with open_store(tmp_path / "review.json", read_only=True) as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            await pilot.press("a")
            assert statuses(app)[0] == "pending"
            assert any(n.message == "Nothing was saved: the annotation file is open read-only." for n in app._notifications)


async def test_help_lists_every_command_and_palette_finds_them(store):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(app.screen.query_one("#help-text").render().plain.split())  # lines wrap
        for command in COMMANDS:
            assert command.help in text and command.key_display in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*"accept")
        await pilot.pause(0.3)
        assert "Accept" in str(app.screen.query("CommandList").first().get_option_at_index(0).prompt)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12)])
async def test_small_terminals_keep_the_work_visible(store, size):
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "e")
        assert isinstance(app.screen, CorrectionForm)
        await pilot.press("escape", "o")  # the article list, however narrow the terminal
        assert app.query_one(ArticleList).region.width >= 20
        await pilot.press("o", "v", "right", "escape")
        assert app.is_running
        pane = app.query_one(ClaimsPane)
        assert pane.region.width >= 20 and pane.region.height >= 3
        assert app.query_one(ArticleText).region.width >= 30


def test_readme_lists_every_key():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    keys = readme[readme.index("## Keys"):readme.index("## Corpus formats")]
    for command in COMMANDS:
        for key in command.key_display.split():
            assert f"`{key}`" in keys, f"README's key table lacks {key} ({command.title})"


def claim_with(app, text: str):
    for article in app.session.articles:
        for claim in app.session.claims(article.id):
            if claim.text == text:
                return claim
    raise AssertionError(text)


async def test_l_links_from_suggestions_T_shows_the_timeline_g_the_ledger_L_unlinks(store):
    from claimdesk.tui.screens.ledger import LedgerScreen
    from claimdesk.tui.screens.link_picker import LinkPickerScreen
    from claimdesk.tui.screens.timeline import TimelineScreen

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        assert app.review.suggestions is not None  # ranked in the background after extraction
        troops = claim_with(app, "1,119")
        later = claim_with(app, "1,166")
        app.review.open_article(troops.article, troops.id)
        await pilot.pause()
        await pilot.press("l")
        assert isinstance(app.screen, LinkPickerScreen)
        await pilot.press(*"troops")  # the filter takes words (digits 1-4 choose a link type)
        await pilot.pause()
        assert app.screen.current.claim.id == later.id  # the best suggestion: the later figure
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPickerScreen)
        links = store.links(troops.id)
        assert len(links) == 1 and links[0]["type"] == "update"
        assert {links[0]["a"]["claim"], links[0]["b"]["claim"]} == {troops.id, later.id}
        assert "update" in app.query_one(ClaimDetail).content.plain
        await pilot.press("T")
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        await pilot.press("g")
        assert isinstance(app.screen, LedgerScreen)
        await pilot.press("escape")
        await pilot.press("L")
        assert store.links(troops.id) == []
        await pilot.press("u")  # undo the unlink
        assert len(store.links(troops.id)) == 1


async def test_X_exports_from_the_app(store, tmp_path, monkeypatch):
    import json

    from claimdesk.tui.screens.export_dialog import ExportScreen

    monkeypatch.chdir(tmp_path)
    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "a")
        await pilot.press("X")
        assert isinstance(app.screen, ExportScreen)
        path = app.screen.query_one("#export-path")
        path.value = "out.jsonl"  # relative to the folder claimdesk was started in
        path.focus()
        await pilot.press("enter")
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if not isinstance(app.screen, ExportScreen):
                break
        assert not isinstance(app.screen, ExportScreen)
        lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
        assert sum(1 for line in lines if line.get("kind") == "claim") == 2
        assert any("Exported 2 claims" in n.message for n in app._notifications)


async def test_a_relabel_becomes_a_rule_for_every_mention_and_R_lists_it(store):
    from claimdesk.tui.screens.rules import RulesScreen

    app = ClaimdeskApp(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        mentions = [e for a in app.session.articles for e in app.session.entities(a.id, visible_only=True)
                    if e.text == "Nagorno-Karabakh"]
        assert len(mentions) > 5 and any(e.label != "GPE" for e in mentions)
        first = mentions[0]
        app.review.open_article(first.article)
        app.query_one(ArticleText).move_to_offset(first.start - 1)
        await pilot.press("w")
        assert app.review.current_entity.text == "Nagorno-Karabakh"
        await pilot.press("t", "g", "p", "e", "enter")
        await settle_preview(app, pilot, "enter")  # save for the whole corpus
        assert [r["kind"] for r in store.rules()] == ["entity_label"]
        after = [e for a in app.session.articles for e in app.session.entities(a.id, visible_only=True)
                 if e.text == "Nagorno-Karabakh"]
        assert len(after) >= len(mentions) and all(e.label == "GPE" for e in after)
        await pilot.press("R")
        assert isinstance(app.screen, RulesScreen)
        await pilot.press("escape")
        await pilot.press("u")  # the rule goes away, and with it its effect; the relabel itself stays
        assert store.rules() == []
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.message.startswith("Undid: save the rule Nagorno-Karabakh → GPE; its effect is re-applied")
                   for n in app._notifications)
        labels = {e.id: e.label for a in app.session.articles for e in app.session.entities(a.id, visible_only=True)
                  if e.text == "Nagorno-Karabakh"}
        assert labels[first.id] == "GPE"  # the reviewer's own relabel
        assert sorted(label for i, label in labels.items() if i != first.id) == \
            sorted(e.label for e in mentions if e.id != first.id)  # the others as the model has them
