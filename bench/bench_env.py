"""What the app benchmarks share: throwaway user folders, the corpus to open, a warm parse cache.

Imported by ``bench/first_paint.py`` and ``bench/keypress.py`` (run as scripts, so ``bench/`` is on
``sys.path``). Nothing here touches the user's own cache, data, state or config folders.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

XDG_VARS = ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")


def add_corpus_options(ap: argparse.ArgumentParser, default_articles: int) -> None:
    ap.add_argument("--corpus", type=Path, metavar="DIR",
                    help="an existing corpus folder (default: generate one with bench/make_corpus.py)")
    ap.add_argument("--articles", type=int, default=default_articles, metavar="N",
                    help=f"articles to generate when no --corpus is given (0 = the bundled samples; "
                         f"default: {default_articles})")
    ap.add_argument("--cache", type=Path, metavar="DIR",
                    help="keep the parse cache (XDG_CACHE_HOME) in DIR between runs (default: a temporary folder)")
    ap.add_argument("--warm", action="store_true",
                    help="--cache DIR holds the corpus's parses and index with every result already (as "
                         "bench/scale.py leaves them): skip `claimdesk extract`")


def user_dirs_env(tmp: Path, cache: Path | None = None) -> dict[str, str]:
    """``os.environ`` with every XDG folder inside ``tmp`` (the cache in ``cache`` when given) and no
    TEXTUAL_* settings, so the app runs with its defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    for var in XDG_VARS:
        folder = cache if var == "XDG_CACHE_HOME" and cache else tmp / var.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[var] = str(folder)
    return env


def claimdesk_command() -> list[str]:
    """The ``claimdesk`` console script of this Python, or ``python -m claimdesk.tui.cli``."""
    script = Path(sys.executable).with_name("claimdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimdesk.tui.cli"]


def prepare_corpus(args: argparse.Namespace, tmp: Path) -> Path:
    """The corpus folder the benchmark opens: ``--corpus``, the bundled samples, or a generated one."""
    if args.corpus:
        return args.corpus.expanduser().resolve()
    if args.articles == 0:
        from claimdesk.annotations.corpus import bundled_corpus_path

        return bundled_corpus_path()
    from make_corpus import make_corpus

    out = tmp / "corpus"
    make_corpus(out, args.articles)
    return out


def warm_parse_cache(corpus: Path, env: dict[str, str]) -> float:
    """Run ``claimdesk extract CORPUS`` (every parse into the cache of ``env``); returns its seconds."""
    jobs = str(max(1, min(4, os.cpu_count() or 1)))
    start = time.perf_counter()
    subprocess.run([*claimdesk_command(), "extract", str(corpus), "--jobs", jobs], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def prepare_run(args: argparse.Namespace, tmp: Path) -> tuple[dict[str, str], Path, float]:
    """Throwaway user folders in ``tmp``, the corpus, and its parses cached: ``(env, corpus, seconds the
    warming took)``."""
    env = user_dirs_env(tmp, args.cache)
    corpus = prepare_corpus(args, tmp)
    return env, corpus, 0.0 if args.warm and args.cache else warm_parse_cache(corpus, env)
