"""The CORPUS argument shared by subcommands: a folder, defaulting to the bundled sample corpus."""

from __future__ import annotations

import argparse
import sys

from claimdesk.annotations.corpus import Corpus, CorpusError, load_corpus
from claimdesk.annotations.sanitize import clean_line

from . import CliError
from .progress import progress_bar


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus", nargs="?", default=None, metavar="CORPUS",
        help="folder of article files, searched recursively (default: the bundled sample corpus)",
    )


def load_or_fail(corpus: str | None, *, report_skipped: bool = True, extra_boilerplate=()) -> Corpus:
    """Load the corpus with a progress bar; a missing/empty folder becomes a CliError (exit 2).
    ``extra_boilerplate``: learned chrome patterns (``claimdesk.annotations.rules.learned_boilerplate``)."""
    try:
        with progress_bar("Loading corpus") as progress:
            loaded = load_corpus(corpus, progress=progress, extra_boilerplate=extra_boilerplate)
    except CorpusError as error:
        raise CliError(str(error)) from None
    if report_skipped:
        for skipped in loaded.skipped:
            print(f"claimdesk: skipped {clean_line(str(skipped))}", file=sys.stderr)
    return loaded
