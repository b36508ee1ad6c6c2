"""B marks a paragraph as site chrome: it leaves the text at once and at every load (the app and every
command read the same text), the annotations after it stay on their words, R lists the mark, u brings
the paragraph back, and a rule is proposed when another article has a line like it (issue 17, item 3)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.pipeline import open_review
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.rule_preview import RulePreviewScreen
from claimdesk.tui.screens.rules import RulesScreen
from session_helpers import RUN_CACHE
from session_helpers import app_ready as ready

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)

CREDIT = ("Associated Press writer Daria Litvinova in Moscow and Aida Sultanova in London contributed to "
          "this report.")
OTHER_CREDIT = "Associated Press writers Vladimir Isachenkov in Moscow"


async def settled(app, pilot) -> None:
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.workers:
            return


async def wait_for(app, pilot, screen_type) -> None:
    for _ in range(200):
        if isinstance(app.screen, screen_type):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no {screen_type.__name__}")


async def at_the_credit_line(app, pilot):
    """Once the app is ready: the article with :data:`CREDIT` open, the reader's cursor on that line."""
    await ready(app, pilot)
    article = next(a for a in app.session.articles if CREDIT in a.text)
    app.review.open_article(article.id)
    app.review.text_area.move_to_offset(article.text.index(CREDIT) + 5)
    return article


async def test_B_cuts_the_paragraph_now_and_at_every_load_and_u_brings_it_back(tmp_path):
    db = tmp_path / "review.json"
    with open_store(db, reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            article = await at_the_credit_line(app, pilot)
            soldiers = next(c for c in app.session.claims(article.id) if c.text == "1,119")
            app.session.accept(soldiers)  # a decision before the mark: it must stay on its words
            await pilot.press("B")
            await wait_for(app, pilot, RulePreviewScreen)  # the other AP article has a credit line like it
            assert app.screen.proposal.kind == "boilerplate"
            await pilot.press("o")  # for this article only
            await settled(app, pilot)
            assert CREDIT not in app.review.article.text and CREDIT not in app.session.article(article.id).text
            assert app.review.reader.text_area.text == app.session.article(article.id).text
            assert app.session.claim(article.id, soldiers.id).status == "accepted"
    with open_store(db, reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(app, pilot)
            text = app.session.article(article.id).text
            assert CREDIT not in text  # after a restart too
            kept = app.session.claim(article.id, soldiers.id)
            assert kept.status == "accepted" and text[kept.start:kept.end] == "1,119"
            await pilot.press("R")
            await wait_for(app, pilot, RulesScreen)
            listed = app.screen.query_one("#rules-list")
            prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            assert any(p.startswith("▪ marked     “Associated Press writer Daria") for p in prompts), prompts
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("u", "u")  # the "not for other lines" answer, then the mark
            await settled(app, pilot)
            said = [n.message for n in app._notifications]
            assert any(m.startswith("Undid: mark as site chrome “Associated Press writer Daria") for m in said), said
            assert CREDIT in app.session.article(article.id).text  # back at once
            assert app.session.claim(article.id, soldiers.id).status == "accepted"
    with open_store(db, reviewer="ana") as store:
        session = open_review(None, store, cache_dir=RUN_CACHE)  # and for every command
        assert CREDIT in session.article(article.id).text


async def test_the_rule_B_proposes_takes_lines_like_it_out_of_other_articles(tmp_path):
    db = tmp_path / "review.json"
    with open_store(db, reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await at_the_credit_line(app, pilot)
            await pilot.press("B")
            await wait_for(app, pilot, RulePreviewScreen)
            await app.workers.wait_for_complete()
            await pilot.press("enter")  # for the whole corpus
            await settled(app, pilot)
            assert [r.kind for r in app.session.rules()] == ["boilerplate"]
    with open_store(db, reviewer="ana") as store:
        session = open_review(None, store, cache_dir=RUN_CACHE)
        assert not any(OTHER_CREDIT in a.text or CREDIT in a.text for a in session.articles)
