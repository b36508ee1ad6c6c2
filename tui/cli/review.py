"""``claimdesk review`` (and plain ``claimdesk``): open the review app on a corpus."""

from __future__ import annotations

import argparse
import gc
import sys

from .corpus_arg import add_corpus_arguments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help="open the review app (the default command)",
        description="Open the keyboard-driven review app on a corpus (default: the bundled sample corpus). "
                    "Every decision is saved as it is made, in the annotation file.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--reviewer", metavar="NAME", default=None,
                        help="name recorded with every decision (default: your login name); in a project, "
                             "whose store to open")
    parser.add_argument("--adjudicate", action="store_true",
                        help="in a project: settle the reviewers' disagreements in the gold store (the editor)")
    parser.set_defaults(run=run)


def open_for_review(args: argparse.Namespace):
    """(the corpus, its annotation file for writing — or read-only, said on stderr, when another session
    holds it). The corpus is checked first: a missing or empty one creates no annotation file."""
    from claimdesk.annotations.pipeline import open_review_store

    from .corpus_arg import checked_corpus, db_path, given_corpus, open_store_read_only

    corpus = given_corpus(args)
    if corpus is None and args.db is not None and args.db.expanduser().exists():
        peek, corpus = open_store_read_only(args, required=True)  # the corpus the file was made for
        peek.close()
    corpus = checked_corpus(corpus)
    return corpus, store_for_review(lambda: open_review_store(db_path(args, corpus), corpus, args.reviewer))


def store_for_review(open_it):
    """The store ``open_it()`` opens for a review session; a store error is a one-line CliError, and a
    store opened read-only (another session holds it) is said on stderr."""
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import CorruptStoreError, StoreError

    from . import CliError

    try:
        store = open_it()
    except CorruptStoreError as error:
        raise CliError(f"{clean_line(str(error))} (the file was left as it is)") from None
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    if store.read_only:
        print(f"claimdesk: {clean_line(store.read_only_reason)}; nothing you do will be saved", file=sys.stderr)
    return store


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.team import is_project

    from .corpus_arg import given_corpus

    if is_project(given_corpus(args)):  # a team project folder: the reviewer's own store, or adjudication
        from .project import run_review

        return run_review(args)
    if args.adjudicate:
        from . import CliError

        raise CliError("--adjudicate needs a project folder (make one with claimdesk init)")
    # Starting up allocates much and frees little: no cycle collection until the first article is
    # open (the app turns the collector back on then), a tenth off the first paint.
    gc.disable()
    try:
        from ..app import ClaimdeskApp

        corpus, store = open_for_review(args)  # fails before the screen switches over
        try:
            app = ClaimdeskApp(corpus=corpus, store=store)
            app.run()
        finally:
            store.close()
    finally:
        gc.enable()  # (also when the corpus cannot be opened)
    return app.return_code or 0
