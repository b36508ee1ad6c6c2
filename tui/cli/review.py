"""``claimdesk review`` (and plain ``claimdesk``): open the review app on a corpus."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from .corpus_arg import add_corpus_argument


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, some CI)
        return "reviewer"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help="open the review app (the default command)",
        description="Open the keyboard-driven review app on a corpus (default: the bundled sample corpus).",
    )
    add_corpus_argument(parser)
    parser.add_argument("--db", metavar="FILE", type=Path, help="annotation file (default: one per corpus in your data folder)")
    parser.add_argument("--reviewer", metavar="NAME", default=None, help="name recorded with every decision (default: your login name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line

    from ..app import ClaimdeskApp
    from . import CliError

    corpus = Path(args.corpus).expanduser() if args.corpus else None
    if corpus is not None and not corpus.is_dir():  # fail before the screen switches over
        raise CliError(f"corpus folder not found: {clean_line(args.corpus)}")
    app = ClaimdeskApp(corpus=corpus, db=args.db, reviewer=args.reviewer or default_reviewer())
    app.run()
    return app.return_code or 0
