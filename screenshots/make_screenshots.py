"""Regenerate the README's screenshots: the app, run headless on the bundled corpus, saves SVGs.

    python screenshots/make_screenshots.py

Uses a throwaway annotation file and state folder, so your own review is never touched.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.pipeline import open_review
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.store import open_store
from claimdesk.annotations.team import Deal, create_project
from claimdesk.annotations.team.stores import open_gold_store, open_reviewer_store
from claimdesk.tui.adjudicate_app import AdjudicationApp
from claimdesk.tui.app import ClaimdeskApp

HERE = Path(__file__).resolve().parent
AFTER_AP = ["right_square_bracket"] * 3  # the AP article of Oct 29 (1,119 troops killed)

SHOTS = [
    # (file, terminal size, keys pressed after the corpus has loaded and been extracted)
    ("main.svg", (120, 36), AFTER_AP + ["a", "a", "r", "escape", "n"]),
    ("narrow-80x24.svg", (80, 24), ["a", "r", "escape"]),
    ("correction-form.svg", (120, 36), AFTER_AP + ["a", "a", "e"]),
    ("label-picker.svg", (120, 36), AFTER_AP + ["w", "t", "g"]),
    ("search.svg", (120, 36), ["slash", *"killed"]),
    ("help.svg", (120, 36), ["question_mark"]),
]


class ScreenshotApp(ClaimdeskApp):
    @property
    def db_label(self) -> str:
        return "~/.local/share/claimdesk/stores/sample_corpus.json"


async def ready(app, pilot) -> None:
    for _ in range(1200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.session is not None and app.session.extracted_count == len(app.session.articles) and not app.workers:
            return


async def shoot(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> None:
    with open_store(folder / f"{name}.json", reviewer="reviewer") as store:
        app = ScreenshotApp(store=store, reviewer="reviewer", positions=Positions(folder / f"{name}.positions"))
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            for key in keys:
                await pilot.press(key)
            await pilot.pause(0.3)
            app.save_screenshot(name, str(HERE))
    print(f"wrote screenshots/{name}")


# A team project on the samples: three reviewers decide the first claims of the first article
# differently (carol corrects what one counts); the editor has settled the first disagreement. In the
# second shot they also left entities differently (alice and bob made Yerevan a place, bob removed
# "Armenian", carol made Grigoryan an organisation), and the editor has kept alice's Yerevan.
TEAM_PLANS = {"alice": "aaaaaa", "bob": "araara", "carol": "rraaac"}
TEAM_ENTITIES = {"alice": {"Yerevan": "GPE"}, "bob": {"Yerevan": "GPE", "Armenian": ""},
                 "carol": {"Grigoryan": "ORG"}}


async def shoot_adjudication(folder: Path, name: str = "adjudication.svg", entities: dict | None = None,
                             keys: tuple[str, ...] = ("1", "end")) -> None:
    corpus = load_corpus(bundled_corpus_path())
    project = create_project(folder / Path(name).stem / "team", bundled_corpus_path(), tuple(TEAM_PLANS),
                             [a.id for a in corpus.articles], Deal(1.0, 3, 0))
    for reviewer, plan in TEAM_PLANS.items():
        with open_reviewer_store(project, reviewer) as store:
            session = open_review(project.corpus, store)
            article = corpus.articles[0].id
            for text, label in (entities or {}).get(reviewer, {}).items():
                entity = next(e for e in session.entities(article) if e.text == text and e.start > 1200)
                session.relabel_entity(entity, label) if label else session.remove_entity(entity)
            claims = session.claims(article)
            for claim, step in zip(claims, plan, strict=False):
                if step == "c":
                    session.correct(claim, {**claim.fields, "counted": "households"})
                else:
                    (session.accept if step == "a" else session.reject)(claim)
    with open_gold_store(project, "editor") as gold:
        app = AdjudicationApp(project, gold)
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if app.screen.cases:
                    break
            await pilot.press(*keys)
            await pilot.pause(0.3)
            app.save_screenshot(name, str(HERE))
    print(f"wrote screenshots/{name}")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for shot in SHOTS:
            await shoot(*shot, Path(folder))
        await shoot_adjudication(Path(folder))
        await shoot_adjudication(Path(folder), "adjudication-entity.svg", TEAM_ENTITIES, ("j", "j", "1", "k"))


if __name__ == "__main__":
    asyncio.run(main())
