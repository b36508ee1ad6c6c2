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

from claimdesk.annotations.positions import Positions
from claimdesk.annotations.store import open_store
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


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for shot in SHOTS:
            await shoot(*shot, Path(folder))


if __name__ == "__main__":
    asyncio.run(main())
