"""Regenerate the README's screenshots: the app, run headless on the bundled corpus, saves SVGs.

    python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from claimdesk.tui.app import ClaimdeskApp  # noqa: E402

HERE = Path(__file__).resolve().parent

SHOTS = [
    # (file, terminal size, keys pressed after the corpus has loaded)
    ("main.svg", (120, 36), ["right_square_bracket", "right_square_bracket", "right_square_bracket"]),
    ("narrow-80x24.svg", (80, 24), []),
    ("help.svg", (120, 36), ["question_mark"]),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> None:
    app = ClaimdeskApp(reviewer="reviewer")
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        app.save_screenshot(name, str(HERE))
    print(f"wrote screenshots/{name}")


async def main() -> None:
    for shot in SHOTS:
        await shoot(*shot)


if __name__ == "__main__":
    asyncio.run(main())
