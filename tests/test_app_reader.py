"""The first reader, driven as a person would: Textual's run_test + Pilot."""

from __future__ import annotations

import pytest

from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.help import HelpScreen
from claimdesk.tui.widgets.article_list import ArticleList
from claimdesk.tui.widgets.claim_detail import ClaimDetail
from claimdesk.tui.widgets.reader import ArticleText

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


TITLES = [
    "Warring Sides in Nagorno-Karabakh Agree to Cease-Fire Talks",
    "Moscow Hosts Armenia-Azerbaijan Talks as Fighting Continues",
    "Moscow Hosts Armenia-Azerbaijan Talks as Hopes Rise for Ceasefire",
    "Nagorno-Karabakh fighting grinds on amid more peace talks",
    "Armenia seeks help from Russia as Nagorno-Karabakh fighting continues",
]


async def started(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("cached", [True, False])
async def test_a_small_cached_corpus_is_listed_at_mount_then_read_from_its_index(cached, tmp_path):
    import shutil

    from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
    from claimdesk.annotations.indexed_corpus import IndexedCorpus

    root = tmp_path / "corpus"  # a folder of its own: no other test has cached it
    shutil.copytree(bundled_corpus_path(), root)
    if cached:
        load_corpus(root, use_cache=True)  # what an earlier run leaves in the cache folder
    app = ClaimdeskApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        if cached:  # listed before any worker ran: in the first frame
            assert app.query_one(ArticleList).row_count == len(TITLES)
        await started(app, pilot)
        assert app.query_one(ArticleList).row_count == len(TITLES) and app.review.article is not None
        assert isinstance(app.session.corpus, IndexedCorpus)  # then its articles are read from its index
        assert [app.query_one(ArticleList).listed(i).title for i in range(len(TITLES))] == \
            [a.title for a in load_corpus(root).articles]  # in the same order, with the same titles


def heading(app) -> str:
    return app.query_one("#reader-heading").render().plain


async def test_opens_on_the_bundled_corpus_and_shows_every_title():
    app = ClaimdeskApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        articles = app.query_one(ArticleList)
        prompts = [articles.row(i).plain for i in range(articles.row_count)]
        assert [p.split("\n")[0][2:] for p in prompts] == TITLES  # after the progress mark
        assert heading(app).startswith(TITLES[0])
        assert app.query_one(ArticleText).text.startswith("MOSCOW — Azerbaijan and Armenia opened talks")
        assert app.focused is articles


async def test_article_keys_move_through_the_corpus():
    app = ClaimdeskApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("right_square_bracket")
        assert heading(app).startswith(TITLES[1])
        await pilot.press("j", "j")
        assert heading(app).startswith(TITLES[3])
        await pilot.press("k", "left_square_bracket")
        assert heading(app).startswith(TITLES[1])
        await pilot.press("down")
        assert heading(app).startswith(TITLES[2])
        assert "2020-10-09" in heading(app) and "https://kashmir.watch/?p=34102" in heading(app)


async def test_tab_moves_to_the_reader_where_j_moves_the_cursor():
    app = ClaimdeskApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("tab")
        reader = app.query_one(ArticleText)
        assert app.focused is reader
        before = reader.cursor_location  # on the selected claim
        await pilot.press("j", "j")  # two wrapped lines down
        assert reader.cursor_location != before and reader.cursor_offset > reader.spans.offset(before)
        assert heading(app).startswith(TITLES[0])  # j in the reader does not change the article


async def test_help_screen_lists_the_keys_and_closes():
    app = ClaimdeskApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").render().plain
        for line in ("Open the next article", "Show every key", "Quit claimdesk"):
            assert line in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits():
    app = ClaimdeskApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("q")
    assert app._exit_renderables == [] and not app.is_running


HOSTILE = (
    "Breaking \x1b]52;c;aGFja2Vk\x07news [@click=app.quit]quit[/] [bold\n\n"
    "Officials said 12 people \x1b[2J\x1b[31mwere\x1b[0m hurt [@click=app.quit]here[/] and [bold more."
)


async def test_hostile_article_is_shown_as_plain_text_and_cannot_act(tmp_path):
    (tmp_path / "evil.txt").write_text(HOSTILE, "utf-8")
    app = ClaimdeskApp(corpus=tmp_path, reviewer="[bold]mallory\x1b[2J")
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.row(0).plain.split("\n")[0][2:] == \
            "Breaking news [@click=app.quit]quit[/] [bold"
        assert "[@click=app.quit]here[/] and [bold more." in app.query_one(ArticleText).text
        assert "[bold]mallory" in app.query_one("#status").render().plain
        for _ in range(600):  # the claim "12 people" arrives from the extraction worker (the model loads first: up to 30 s under load)
            if app.review.current_claim is not None:
                break
            await pilot.pause(0.05)
        assert app.review.current_claim.text == "12"
        detail = app.query_one(ClaimDetail).content.plain
        assert "[@click=app.quit]here[/] and [bold more." in detail and "\x1b" not in detail
        await pilot.click("#articles", offset=(12, 1))  # on the would-be link
        await pilot.click("#reader-heading", offset=(20, 0))
        assert app.is_running


async def test_missing_corpus_is_reported_not_a_crash(tmp_path):
    app = ClaimdeskApp(corpus=tmp_path / "gone")
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        assert app.is_running
        assert any("corpus not found" in n.message for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (50, 20), (120, 36), (200, 60)])
async def test_no_traceback_at_any_size(size):
    app = ClaimdeskApp()
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("right_square_bracket", "tab", "j")
        await pilot.resize_terminal(size[0] // 2 + 10, size[1] // 2 + 5)
        await pilot.pause()
        assert app.is_running
