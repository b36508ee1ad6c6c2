"""The rule preview and Rules screens, driven with Pilot in a tiny harness app."""

from __future__ import annotations

import pytest

from claimdesk.annotations.rules import reextract, save
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store
from claimdesk.tui.outcome import Outcome
from claimdesk.tui.screens.rule_preview import RulePreviewScreen
from claimdesk.tui.screens.rules import RulesScreen
from rules_helpers import DialogHarness, entity_of, labels_of, relabel_proposal, samples, session_on, settle


@pytest.fixture
def session(tmp_path):
    session, _ = session_on(samples(), tmp_path / "review.json")
    yield session
    session.store.close()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_preview_shows_counts_and_examples_and_enter_saves_for_the_corpus(session):
    proposal = relabel_proposal(session, session.extractor)
    app = DialogHarness(lambda: RulePreviewScreen(session, session.extractor, proposal))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulePreviewScreen)
        assert "25 other mentions in 5 articles: 0 added, 0 removed, 25 changed" in text_of(screen, "#rule-counts")
        examples = screen.query_one("#rule-examples")
        assert examples.option_count == 5
        first = str(examples.get_option_at_index(0).prompt)
        assert "ORG → GPE" in first and "Nagorno-Karabakh" in first
        assert 'Label "Nagorno-Karabakh" as GPE everywhere' in text_of(screen, "#rule-summary")
        await pilot.press("enter")
        await settle(pilot)
    outcome = app.outcome
    assert isinstance(outcome, Outcome)
    assert set(outcome.refresh) == {a.id for a in session.articles} and "Rule saved" in outcome.message
    assert [r["kind"] for r in session.store.rules()] == ["entity_label"]
    assert set(labels_of(session, "Nagorno-Karabakh")) == {"GPE"}


@pytest.mark.parametrize("key", ["o", "escape"])
async def test_o_or_escape_keeps_the_correction_for_this_instance_only(session, key):
    proposal = relabel_proposal(session, session.extractor)
    app = DialogHarness(lambda: RulePreviewScreen(session, session.extractor, proposal))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
    assert app.outcome.refresh == (proposal.article_id,)
    assert app.outcome.message.startswith("Kept for this instance only; no rule saved")
    assert session.store.rules(enabled=True) == []  # kept off, as declined (tests/test_rules_declined.py)
    assert labels_of(session, "Nagorno-Karabakh").count("ORG") >= 20


async def test_preview_fits_80x24_with_its_keys_visible(session):
    proposal = relabel_proposal(session, session.extractor)
    app = DialogHarness(lambda: RulePreviewScreen(session, session.extractor, proposal))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#rule-preview-box").region
        keys = app.screen.query_one("#rule-keys").region
        assert box.x >= 0 and box.right <= 80 and box.bottom <= 24
        assert keys.height == 1 and keys.bottom < box.bottom and "o/escape this instance only" in text_of(
            app.screen, "#rule-keys")


async def test_saving_on_a_read_only_file_says_so_and_stays(tmp_path, session):
    proposal = relabel_proposal(session, session.extractor)
    with open_store(session.store.path, read_only=True) as store:
        reader = ReviewSession(session.corpus, store)
        for article in session.articles:
            reader.set_extraction(session.extraction(article.id))
        app = DialogHarness(lambda: RulePreviewScreen(reader, session.extractor, proposal))
        async with app.run_test(size=(100, 36)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, RulePreviewScreen)
            message = text_of(app.screen, "#rule-message")
            assert "Not saved: the annotation file is open read-only: another session holds it (pid" in message
    assert app.outcome == "not dismissed"


async def test_rules_screen_lists_measures_toggles_deletes_and_undoes(session):
    ex = session.extractor
    nk = save(session, relabel_proposal(session, session.extractor))
    save(session, relabel_proposal(session, ex, "004", "Azerbaijani", "NORP", "PERSON"))
    reextract(session, ex)
    app = DialogHarness(lambda: RulesScreen(session, ex))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        options = screen.query_one("#rules-list")
        assert options.option_count == 2
        rows = {str(options.get_option_at_index(i).prompt) for i in range(2)}
        nk_row = next(r for r in rows if "Nagorno-Karabakh → GPE" in r)
        assert "26 matches in 5 articles" in nk_row and "precision" in nk_row and "by ana, " in nk_row
        assert 'from relabel of "Nagorno-Karabakh" (ORG → GPE)' in nk_row
        options.highlighted = next(i for i in range(2) if options.get_option_at_index(i).id == nk.id)

        await pilot.press("space")  # off: every mention back to the model's label
        await settle(pilot)
        assert session.rules(enabled=False)[0].id == nk.id
        assert labels_of(session, "Nagorno-Karabakh").count("ORG") >= 20
        assert "(off)" in str(options.get_option_at_index(options.highlighted).prompt)

        await pilot.press("u")  # on again
        await settle(pilot)
        assert len(session.store.rules(enabled=True)) == 2 and set(labels_of(session, "Nagorno-Karabakh")) == {"GPE"}

        await pilot.press("d")
        await settle(pilot)
        assert [r.id for r in session.rules()] != [] and nk.id not in [r.id for r in session.rules()]
        assert options.option_count == 1 and "articles updated" in text_of(screen, "#rules-message")
        await pilot.press("u")  # the delete undone
        await settle(pilot)
        assert nk.id in [r.id for r in session.rules()] and options.option_count == 2

        await pilot.press("p")  # preview again: what the rule does
        await settle(pilot)
        assert isinstance(app.screen, RulePreviewScreen) and app.screen.stored
        assert "other mentions" in text_of(app.screen, "#rule-counts")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
    outcome = app.outcome
    assert isinstance(outcome, Outcome)
    assert set(outcome.refresh) >= {entity_of(session, "001", "Nagorno-Karabakh").article}


async def test_rules_screen_without_rules_says_how_to_make_one(session):
    app = DialogHarness(lambda: RulesScreen(session, session.extractor))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#rules-list")
        assert options.option_count == 1 and "No rules yet" in str(options.get_option_at_index(0).prompt)
        await pilot.press("space", "d", "u")
        await pilot.pause()
        assert "Nothing changed here to undo." in text_of(app.screen, "#rules-message")
        await pilot.press("escape")
        await pilot.pause()
    assert app.outcome is None


async def test_rules_screen_wrapped_lines_keep_their_indent(session):
    save(session, relabel_proposal(session, session.extractor))
    app = DialogHarness(lambda: RulesScreen(session, session.extractor))
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        lines = str(app.screen.query_one("#rules-list").get_option_at_index(0).prompt).splitlines()
        assert len(lines) > 3  # 60 columns: some rows wrap
        assert all(line.startswith("  ") for line in lines[1:]), lines  # under their text, not at the edge
