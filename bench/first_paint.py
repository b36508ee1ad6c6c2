"""First paint: `claimdesk review` with a warm parse cache vs a bare Textual app, in a real pseudo-terminal.

usage: python bench/first_paint.py [--runs 5] [--articles 0 | --corpus DIR] [--cache DIR [--warm]] [--json FILE]

Each app runs in a fresh process on a 120x36 pseudo-terminal (TERM=xterm-256color), with every XDG
folder in a temporary directory. The clock starts just before the fork and stops when the app's
content first appears in the output stream (escape sequences stripped, cursor moves read as line
breaks):
  bare    a Textual app showing one Static: its text
  review  `claimdesk review CORPUS --db TMP/x.json`, after `claimdesk extract CORPUS` filled the
          parse cache: the title of an article (any article of the corpus)
Also printed: when the first frame of any text arrived (for the review app, its chrome before the
corpus is in), when the reader shows an article ("1,234 words" in its heading), and how long
`q` took to end the process (pressed as soon as the article is on screen, while the app may still
bring its index up to date). Each app is run once to warm the OS file cache (and to write the bytecode
cache, even when PYTHONDONTWRITEBYTECODE is set here), then --runs times, alternating; each is quit
with `q` (terminated if still running 5 s later). Targets: review median <= 1.6x bare median, and
<= 1.0 s with a warm index (--cache DIR --warm: bench/scale.py's folder); `q` <= 0.5 s.
Default corpus: the bundled samples (`claimdesk` with no argument); --articles N generates N.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from bench_env import add_corpus_options, claimdesk_command, prepare_run

ROWS, COLUMNS = 36, 120
TIMEOUT = 60.0  # seconds before a run that never paints counts as failed
QUIT_GRACE = 5.0
TARGET = 1.6
READER = re.compile(r"\b[\d,]+ words\b")  # the reader's heading ("… · 1,234 words · …"): an article is open

BARE_TEXT = "bare textual app ready"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Static

class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Static({BARE_TEXT!r})

Bare().run()
"""

# Escape sequences, loosely: cursor positioning becomes a line break, everything else goes.
_CURSOR_MOVE = re.compile(r"\x1b\[[0-9;]*[Hf]")
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[P^_][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # two- and three-byte escapes
)


def visible_text(output: str) -> str:
    return _ESCAPES.sub("", _CURSOR_MOVE.sub("\n", output))


@dataclass
class Paint:
    first_text: float  # seconds from fork to the first frame with any visible text
    content: float  # seconds from fork to the first frame showing the content looked for
    quit_cleanly: bool
    quit_seconds: float = 0.0  # from writing q to the process ending
    reader: float | None = None  # seconds from fork to the first frame showing an article in the reader


def _spawn(cmd: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Fork ``cmd`` on a new pseudo-terminal of ROWS x COLUMNS; returns (pid, master fd)."""
    pid, master = pty.fork()
    if pid == 0:  # the child: its stdin/stdout/stderr are the terminal
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execve(cmd[0], cmd, env)
        finally:
            os._exit(127)
    return pid, master


def _read(master: int, timeout: float) -> bytes | None:
    """Whatever the terminal has for us within ``timeout`` (b"" for nothing yet, None once it closed)."""
    ready, _, _ = select.select([master], [], [], max(0.0, timeout))
    if not ready:
        return b""
    try:
        return os.read(master, 1 << 16) or None
    except OSError:  # EIO: the child closed the terminal
        return None


def _exited(pid: int, within: float) -> bool:
    """Wait up to ``within`` seconds for the child to exit (reaping it)."""
    deadline = time.monotonic() + within
    while True:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


def _stop(pid: int, master: int) -> tuple[bool, float]:
    """Quit with ``q``; terminate, then kill, if the app is still running. (True when ``q`` sufficed, the
    seconds it took.)"""
    with contextlib.suppress(OSError):
        os.write(master, b"q")
    asked = time.monotonic()
    deadline = asked + QUIT_GRACE
    while time.monotonic() < deadline:  # drain the terminal, so the app never blocks writing to it
        if _read(master, 0.01) is None:
            break
    clean = _exited(pid, max(0.0, deadline - time.monotonic()))
    took = time.monotonic() - asked
    if not clean:
        os.kill(pid, signal.SIGTERM)
        if not _exited(pid, 2.0):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    os.close(master)
    return clean, took


def paint_time(cmd: list[str], env: dict[str, str], content: re.Pattern, reader: re.Pattern | None = None) -> Paint:
    """Run ``cmd`` in a pseudo-terminal and time its first frame of text and its first frame matching
    ``content`` (and ``reader``, when given, waited for after it); then quit it."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")  # characters may be split between reads
    start = time.perf_counter()
    pid, master = _spawn(cmd, env)
    output, first_text, seen, shown = "", None, None, None
    try:
        while seen is None or (reader is not None and shown is None):
            remaining = start + TIMEOUT - time.perf_counter()
            if remaining <= 0:
                raise RuntimeError(f"no content after {TIMEOUT:.0f} s: {' '.join(cmd)}")
            chunk = _read(master, remaining)
            now = time.perf_counter()
            if chunk is None:
                tail = visible_text(output)[-2000:]
                raise RuntimeError(f"the app exited before showing its content: {' '.join(cmd)}\n{tail}")
            output += decoder.decode(chunk)
            text = visible_text(output)  # the whole stream: an escape sequence may be split between reads
            if first_text is None and text.strip():
                first_text = now - start
            if seen is None and content.search(text):
                seen = now - start
            if reader is not None and shown is None and reader.search(text):
                shown = now - start
    finally:
        quit_cleanly, quit_seconds = _stop(pid, master)
    return Paint(first_text, seen, quit_cleanly, quit_seconds, shown)


def title_pattern(corpus: Path, cache: Path | None = None) -> re.Pattern:
    """Any article title of the corpus as the article list shows it: its first two words, and more
    up to 20 characters (a narrow list wraps longer titles). The titles come from the corpus's index in
    ``cache`` (a claimdesk cache folder) when it has them (any 2,000 will do), else from reading the corpus."""
    from claimdesk.annotations.corpus import load_corpus

    titles = []
    if cache is not None:
        from claimdesk.annotations.index import CorpusIndex

        with CorpusIndex(corpus, cache_dir=cache) as index:
            titles = [row.title for row in index.rows(limit=2000)]
    if not titles:
        titles = [article.title for article in load_corpus(corpus).articles]
    starts = set()
    for title in titles:
        words = title.split()
        start = " ".join(words[:2])
        for word in words[2:]:
            if len(start) + 1 + len(word) > 20:
                break
            start += " " + word
        starts.add(start)
    return re.compile("|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True)))


def describe(name: str, runs: list[Paint]) -> str:
    content = [r.content for r in runs]
    first = statistics.median(r.first_text for r in runs)
    unclean = sum(not r.quit_cleanly for r in runs)
    shown = [r.reader for r in runs if r.reader is not None]
    quits = [r.quit_seconds for r in runs]
    return (f"{name:<8} content median {statistics.median(content):6.3f} s  (min {min(content):.3f}, "
            f"max {max(content):.3f});  first text {first:6.3f} s"
            + (f";  article in the reader {statistics.median(shown):.3f} s" if shown else "")
            + f";  q to exit {statistics.median(quits):.2f} s (max {max(quits):.2f})"
            + (f";  {unclean} run(s) had to be terminated" if unclean else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each app (default: 5)")
    add_corpus_options(ap, default_articles=0)
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the medians to FILE (bench/scale.py reads them)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimdesk-first-paint-") as tmp:
        tmp = Path(tmp)
        env, corpus, warm = prepare_run(args, tmp)
        env["TERM"] = "xterm-256color"
        # Compiled bytecode is kept, as on an installed copy (pip compiles it): with
        # PYTHONDONTWRITEBYTECODE set, every run would compile claimdesk from source and Textual
        # (compiled at install) would not, which times the compiler rather than the app.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        pattern = title_pattern(corpus, Path(env["XDG_CACHE_HOME"]) / "claimdesk" if args.warm else None)
        bare_script = tmp / "bare_app.py"
        bare_script.write_text(BARE_APP, "utf-8")
        commands = {
            "bare": ([sys.executable, str(bare_script)], re.compile(re.escape(BARE_TEXT)), None),
            "review": ([*claimdesk_command(), "review", str(corpus), "--db", str(tmp / "x.json")], pattern,
                       READER),
        }
        print(f"corpus: {corpus} (parse cache warmed by `claimdesk extract` in {warm:.1f} s); "
              f"terminal {COLUMNS}x{ROWS}, TERM=xterm-256color, {os.cpu_count()} cores")
        for cmd, pattern, reader in commands.values():  # warm the OS file cache; not timed
            paint_time(cmd, env, pattern, reader)
        runs: dict[str, list[Paint]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, pattern, reader) in commands.items():
                runs[name].append(paint_time(cmd, env, pattern, reader))

    for name in commands:
        print(describe(name, runs[name]))
    ratio = statistics.median(r.content for r in runs["review"]) / statistics.median(r.content for r in runs["bare"])
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"first paint, review / bare: {ratio:.2f}x  ({verdict} the target of <= {TARGET}x)")
    if args.json:
        review, bare = runs["review"], runs["bare"]
        args.json.write_text(json.dumps({
            "review": statistics.median(r.content for r in review), "bare": statistics.median(r.content for r in bare),
            "review_range": [min(r.content for r in review), max(r.content for r in review)],
            "bare_range": [min(r.content for r in bare), max(r.content for r in bare)],
            "reader": statistics.median(r.reader for r in review if r.reader is not None),
            "quit": statistics.median(r.quit_seconds for r in review), "quit_max": max(r.quit_seconds for r in review),
        }), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
