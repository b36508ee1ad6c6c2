"""A proposal the reviewer declines (``o``/``escape`` in the preview) is remembered: a rule kept off and
marked declined, journaled like every write. It is not proposed again, the Rules screen lists it last
as declined and can switch it on; in the app, the same decision again opens no preview."""

from __future__ import annotations

from claimdesk.annotations.rules import decline, reextract, rules_for_extractor, save, switch_rule
from claimdesk.tui.outcome import Outcome
from claimdesk.tui.screens.rule_preview import RulePreviewScreen
from claimdesk.tui.screens.rules import RulesScreen
from rules_helpers import DialogHarness, labels_of, relabel_proposal, sample_session, settle  # noqa: F401 (fixture)
from session_helpers import app_ready

NK = "Nagorno-Karabakh"


def test_a_declined_proposal_is_kept_off_not_applied_and_not_proposed_again(session):
    ex = session.extractor
    proposal = relabel_proposal(session, ex)  # in 001
    rule = decline(session, proposal)
    assert not rule.enabled and rule.declined and rule.state == "declined"
    assert rule.provenance["annotation"] == proposal.provenance["annotation"]
    assert rule.selector["quote"]["exact"] == NK
    assert session.rules() == [rule] and rules_for_extractor(session.store) == []
    assert reextract(session, ex) == [] and labels_of(session, NK).count("ORG") >= 20

    assert session.undo() == [proposal.article_id]  # one journal entry, undone like any write
    assert session.store.rules() == []
    assert relabel_proposal(session, ex, "004") is not None  # no longer declined: proposed again
    session.undo()  # that relabel in 004

    decline(session, relabel_proposal(session, ex))
    assert relabel_proposal(session, ex, "004") is None  # the same rule from another mention


def test_switching_a_declined_rule_on_is_changing_ones_mind(session):
    ex = session.extractor
    rule = decline(session, relabel_proposal(session, ex))
    on = switch_rule(session, rule, True)
    assert on.enabled and not on.declined and on.provenance["created"]
    reextract(session, ex)
    assert set(labels_of(session, NK)) == {"GPE"}
    off = switch_rule(session, on, False)
    assert not off.enabled and not off.declined  # off, not declined: it may be proposed again
    reextract(session, ex)
    proposal = relabel_proposal(session, ex, "004")
    assert proposal is not None
    again = decline(session, proposal)  # declining it marks that rule, no second one
    assert again.id == rule.id and again.declined and len(session.rules()) == 1


async def test_o_in_the_preview_declines_and_the_rules_screen_lists_it_and_can_switch_it_on(session):
    ex = session.extractor
    proposal = relabel_proposal(session, ex)
    app = DialogHarness(lambda: RulePreviewScreen(session, ex, proposal))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
    assert isinstance(app.outcome, Outcome) and app.outcome.refresh == (proposal.article_id,)
    assert "this rule will not be proposed again (R lists it; u undoes this)" in app.outcome.message
    declined = session.rules()
    assert len(declined) == 1 and declined[0].declined

    saved = save(session, relabel_proposal(session, ex, "004", "Azerbaijani", "NORP", "PERSON"))
    reextract(session, ex)
    app = DialogHarness(lambda: RulesScreen(session, ex))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        options = screen.query_one("#rules-list")
        assert [options.get_option_at_index(i).id for i in (0, 1)] == [saved.id, declined[0].id]
        last = str(options.get_option_at_index(1).prompt)
        assert "Nagorno-Karabakh → GPE  (declined)" in last and "matches in 5 articles" in last
        assert screen.query_one("#rules-box").border_title == "Rules (2, 1 on, 1 declined)"
        options.highlighted = 1
        await pilot.press("space")
        await settle(pilot)
        assert "articles updated" in str(screen.query_one("#rules-message").render())
        assert screen.query_one("#rules-box").border_title == "Rules (2, 2 on)"
        await pilot.press("escape")
        await pilot.pause()
    assert [r.enabled for r in session.rules()] == [True, True]
    assert not any(r.declined for r in session.rules())
    assert set(labels_of(session, NK)) == {"GPE"}


async def test_in_the_app_the_same_decision_after_a_decline_opens_no_preview(tmp_path, warm_cache):
    from claimdesk.annotations.store import open_store
    from claimdesk.tui.app import ClaimdeskApp
    from claimdesk.tui.widgets.reader import ArticleText

    async def relabel_as_gpe(app, pilot, entity) -> None:
        app.review.open_article(entity.article)
        await pilot.pause()
        app.query_one(ArticleText).move_to_offset(entity.start - 1)
        await pilot.press("w")
        assert app.review.current_entity.text == NK and app.review.current_entity.label != "GPE"
        await pilot.press("t", "g", "p", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            mentions = [e for a in app.session.articles for e in app.session.entities(a.id, visible_only=True)
                        if e.text == NK and e.label != "GPE"]
            first, other = mentions[0], next(e for e in mentions if e.article != mentions[0].article)
            await relabel_as_gpe(app, pilot, first)
            assert isinstance(app.screen, RulePreviewScreen)
            await app.workers.wait_for_complete()
            await pilot.press("o")
            await pilot.pause()
            assert not isinstance(app.screen, RulePreviewScreen)
            assert [r.declined for r in app.session.rules()] == [True]

            await relabel_as_gpe(app, pilot, other)  # the same rule would follow: no preview this time
            assert not isinstance(app.screen, RulePreviewScreen) and len(app.screen_stack) == 1
            assert any(e.start == other.start and e.label == "GPE" for e in app.session.entities(other.article))
            assert len(store.rules()) == 1
