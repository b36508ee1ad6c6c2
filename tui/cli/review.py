"""``claimdesk review`` (and plain ``claimdesk``): open the review app on a corpus."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .corpus_arg import add_corpus_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help="open the review app (the default command)",
        description="Open the keyboard-driven review app on a corpus (default: the bundled sample corpus). "
                    "Every decision is saved as it is made, in the annotation file.",
    )
    add_corpus_argument(parser)
    parser.add_argument("--db", metavar="FILE", type=Path,
                        help="annotation file (default: one per corpus in your data folder)")
    parser.add_argument("--reviewer", metavar="NAME", default=None,
                        help="name recorded with every decision (default: your login name)")
    parser.set_defaults(run=run)


def open_review_store(db: Path | None, corpus: Path, reviewer: str | None):
    """Open the annotation store for writing; if another session holds it, say who and open it read-only."""
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import CorruptStoreError, StoreError, StoreLockedError, open_store

    from . import CliError

    try:
        return open_store(db, corpus=corpus, reviewer=reviewer)
    except StoreLockedError as error:
        print(f"claimdesk: {clean_line(str(error))}\nclaimdesk: opening it read-only", file=sys.stderr)
        return open_store(db, corpus=corpus, reviewer=reviewer, read_only=True)
    except CorruptStoreError as error:
        raise CliError(f"{clean_line(str(error))} (the file was left as it is)") from None
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None


def run(args: argparse.Namespace) -> int:
    # Starting up allocates much and frees little: no cycle collection until the first article is
    # open (the app turns the collector back on then), a tenth off the first paint.
    gc.disable()
    from claimdesk.annotations.corpus import bundled_corpus_path
    from claimdesk.annotations.sanitize import clean_line

    from ..app import ClaimdeskApp
    from . import CliError

    corpus = Path(args.corpus).expanduser() if args.corpus else bundled_corpus_path()
    if not corpus.is_dir():  # fail before the screen switches over
        raise CliError(f"corpus folder not found: {clean_line(str(args.corpus))}")
    store = open_review_store(args.db, corpus, args.reviewer)
    try:
        app = ClaimdeskApp(corpus=corpus, store=store)
        app.run()
    finally:
        store.close()
        gc.enable()
    return app.return_code or 0
