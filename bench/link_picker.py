"""Typing into the link picker (`l`) of the review app: each letter's first repaint, and the corpus search.

usage: python bench/link_picker.py --corpus DIR [--cache DIR --warm] [--words troops,killed,...]
                                   [--rare WORD] [--gap 0.12] [--search-timeout 300]

Opens the review app as bench/keypress.py does (warm: the index and the results already in --cache),
waits until it is loaded, selects a claim (`n`) and opens the link picker (`l`). Then, for each word,
it types the letters --gap seconds apart, as a person types (not waiting for the app to go idle, so a
search started in a pause competes with the next letter), and prints per letter the time from the key
to its first repaint (the letter in the box: target p95 <= 33 ms), and per word the time from its last
letter to the first claim found in the corpus listed and to the end of the search. Between words the
picker is closed and opened again (not timed). Last, a rare word (--rare, else the word of the last
article's title the index finds in the fewest articles) is typed the same way, and the process's CPU
time from its last letter to the end of its search is printed: a search that walks the corpus burns
it for a word few claims hold. The same loop on a bare Textual app's one key is the baseline. Run it
with another checkout's Python (its own venv, its own --cache: the index formats may differ) to
compare branches in the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from bench_env import add_corpus_options, prepare_run
from keypress import (
    P95_TARGET_MS,
    SIZE,
    RepaintClock,
    bench_bare_app,
    percentile,
    rss_mb,
    settle,
    stop_blinking,
    summary_ms,
    wait_until_loaded,
)

WORDS = ("troops", "killed", "civilians", "ceasefire", "hospital", "refugees")


async def first_repaint(app, clock: RepaintClock, key: str, char: str, timeout: float) -> float | None:
    """Hand ``key`` to the app as its terminal driver would; seconds to the first repaint after it."""
    from textual import events

    before = len(clock.times)
    event = events.Key(key, char)
    event.set_sender(app)
    t0 = time.perf_counter()
    app._driver.send_message(event)
    while len(clock.times) == before and time.perf_counter() - t0 < timeout:
        await asyncio.sleep(0.001)
    return clock.times[before] - t0 if len(clock.times) > before else None


async def open_picker(app, clock: RepaintClock) -> bool:
    from claimdesk.tui.screens.link_picker import LinkPickerScreen

    for key, char in (("n", "n"), ("l", "l")):
        await first_repaint(app, clock, key, char, 5.0)
        await settle(app, clock, timeout=30.0)
    stop_blinking(app)
    return isinstance(app.screen, LinkPickerScreen)


def rare_word(app) -> tuple[str, int]:
    """The word of the last article's title the corpus index finds in the fewest articles, and how many."""
    index = getattr(app.session.corpus, "index", None)
    title = app.session.articles[-1].title
    words = sorted({w for w in re.findall(r"\w{3,}", title)}, key=len, reverse=True)
    if index is None or not words:
        return (words[0] if words else "zzz"), -1
    counted = [(len(index.search(w, limit=1000)), w) for w in words]
    held, word = min(counted)
    return word, held


async def type_word(app, clock: RepaintClock, screen, word: str, gap: float, search_timeout: float, out: dict) -> dict:
    """Type ``word`` into the picker; (wall and CPU) seconds from its last letter to the end of its search,
    and to the first claim found in the corpus listed."""
    for char in word:
        took = await first_repaint(app, clock, char, char, search_timeout)
        out["letters"].append(took if took is not None else search_timeout)
        last, cpu = time.perf_counter(), time.process_time()
        await asyncio.sleep(gap)
    listed = {e.claim.id for e in getattr(screen, "entries", [])}
    found_at = None
    done = False
    while time.perf_counter() - last < search_timeout:
        if found_at is None and any(e.claim.id not in listed for e in screen.shown):
            found_at = time.perf_counter() - last
        if not getattr(screen, "searching", False) and not any(w.is_running for w in screen.workers):
            done = True
            break
        await asyncio.sleep(0.005)
    return {"wall": time.perf_counter() - last, "cpu": time.process_time() - cpu, "first_found": found_at,
            "done": done, "found": sum(e.claim.id not in listed for e in screen.shown)}


async def bench_picker(corpus: Path, db: Path, words: list[str], rare: str | None, gap: float,
                       search_timeout: float) -> dict:
    from claimdesk.annotations.store import open_store
    from claimdesk.tui.app import ClaimdeskApp

    out: dict = {"letters": [], "first_found": [], "searched": [], "unsearched": 0}
    with open_store(db, corpus=corpus) as store:
        app = ClaimdeskApp(corpus=corpus, store=store)
        async with app.run_test(size=SIZE) as pilot:
            clock = RepaintClock(app)
            out["load"] = await wait_until_loaded(app, pilot, clock)
            out["articles"] = len(app.session.articles)
            out["rare"] = (rare, -1) if rare else rare_word(app)
            for word, is_rare in [*((w, False) for w in words), (out["rare"][0], True)]:
                if not await open_picker(app, clock):
                    raise SystemExit(f"`l` did not open the link picker (the screen is {app.screen!r})")
                typed = await type_word(app, clock, app.screen, word, gap, search_timeout, out)
                out["unsearched"] += not typed["done"]
                if is_rare:
                    out["rare_search"] = typed
                else:
                    out["searched"].append(typed["wall"])
                    if typed["first_found"] is not None:
                        out["first_found"].append(typed["first_found"])
                await first_repaint(app, clock, "escape", "\x1b", 5.0)
                await settle(app, clock, timeout=search_timeout)
        out["rss"] = rss_mb()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", default=",".join(WORDS), help="the words typed, comma-separated")
    ap.add_argument("--rare", help="a word few claims hold, whose search's CPU time is printed "
                                   "(default: the last article's title's word the index finds least)")
    ap.add_argument("--gap", type=float, default=0.12, help="seconds between letters (default: 0.12)")
    ap.add_argument("--search-timeout", type=float, default=300.0,
                    help="seconds a letter or a search may take before it is given up (default: 300)")
    add_corpus_options(ap, default_articles=1000)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimdesk-picker-") as tmp:
        tmp = Path(tmp)
        env, corpus, _ = prepare_run(args, tmp)
        os.environ.update(env)
        words = [w for w in args.words.split(",") if w]
        picker = asyncio.run(bench_picker(corpus, tmp / "x.json", words, args.rare, args.gap, args.search_timeout))
        bare = asyncio.run(bench_bare_app(50))

    ms = [t * 1000 for t in picker["letters"]]
    print(f"corpus: {corpus} ({picker['articles']} articles), loaded in {picker['load']:.1f} s; {os.cpu_count()} "
          f"cores; words {', '.join(words)}, letters {args.gap * 1000:.0f} ms apart; "
          f"peak RSS {picker['rss'][0]:.0f} MB")
    p95 = percentile(ms, 95)
    verdict = "ok" if p95 <= P95_TARGET_MS else f"over the {P95_TARGET_MS:.0f} ms target"
    _, bare_p95, _, _ = summary_ms(bare)
    print(f"letter to its first repaint: p50 {percentile(ms, 50):.1f} ms, p95 {p95:.1f} ms, max {max(ms):.1f} ms "
          f"({len(ms)} letters; {verdict}); bare Textual app p95 {bare_p95:.1f} ms")
    for label, values in (("first claim found listed", picker["first_found"]), ("search finished", picker["searched"])):
        if values:
            secs = [v * 1000 for v in values]
            print(f"last letter to {label}: p50 {percentile(secs, 50):.0f} ms, max {max(secs):.0f} ms "
                  f"({len(values)} of {len(words)} words)")
    rare, held = picker["rare"]
    typed = picker["rare_search"]
    print(f"rare word {rare!r} ({'in ' + str(held) + ' articles by the index' if held >= 0 else 'typed'}): "
          f"search CPU {typed['cpu']:.2f} s, last letter to search finished {typed['wall'] * 1000:.0f} ms, "
          f"{typed['found']} claims found listed{'' if typed['done'] else ' (not finished)'}")
    if picker["unsearched"]:
        print(f"{picker['unsearched']} searches still running after {args.search_timeout:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
