"""``claimdesk export``: the review decisions of a corpus in JSON Lines, CSV, Prodigy, spaCy, W3C,
ClaimReview or brat (docs/export.md has every format's mapping)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.annotations.export import FORMATS  # light: no spaCy until a format writes

from . import CliError
from .corpus_arg import add_corpus_arguments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="export review decisions (jsonl, csv, prodigy, spacy, w3c, claimreview, brat)",
        description="Export the claims of a corpus with their review decisions, and the entity edits, in one of "
                    "several formats. Text formats go to stdout unless -o is given; spacy and brat need -o. "
                    "The annotation file is opened read-only: safe while a review runs.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--format", "-f", required=True, choices=list(FORMATS), metavar="FMT",
                        help="; ".join(f"{f.name}: {f.title}" for f in FORMATS.values()))
    parser.add_argument("--status", default="reviewed", metavar="LIST",
                        help="claims to export: a comma list of accepted, corrected, added, rejected, pending; "
                             "'reviewed' (the default: accepted, corrected, added) or 'all'")
    parser.add_argument("-o", "--output", metavar="PATH", type=Path, default=None,
                        help="file to write (a folder for brat; default: stdout for text formats)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.export import export, parse_statuses
    from claimdesk.annotations.sanitize import clean_line

    from .corpus_arg import corpus_index, open_store_read_only, review_session
    from .progress import progress_bar

    try:
        statuses = parse_statuses(args.status)
    except ValueError as error:
        raise CliError(str(error)) from None
    spec = FORMATS[args.format]
    if spec.output != "text" and args.output is None:
        kind = "a folder" if spec.output == "folder" else "a binary file"
        raise CliError(f"--format {spec.name} writes {kind}: give -o {spec.default_name}")
    store, corpus = open_store_read_only(args)
    if store.path is None:
        print("claimdesk: no annotation file yet for this corpus: nothing is reviewed", file=sys.stderr)
    try:
        with corpus_index(corpus, store) as index:  # open while exporting: results are read from it
            # formats written article by article read the articles a page at a time: one text in memory
            session = review_session(corpus, store, index=index, paged=FORMATS[args.format].streams)
            destination = args.output if args.output is not None else sys.stdout
            with progress_bar("Exporting") as progress:
                result = export(session, spec.name, destination, statuses=statuses, progress=progress,
                                parses=session.extractor.cache)
    except (OSError, ValueError) as error:
        raise CliError(clean_line(str(error)), code=1) from None
    finally:
        store.close()
    for warning in result.warnings:
        print(f"claimdesk: {clean_line(warning)}", file=sys.stderr)
    where = "stdout" if result.path == "-" else clean_line(result.path)
    print(f"claimdesk: exported {result.claims} claims and {result.entities} entity annotations "
          f"({', '.join(statuses)}) to {where}", file=sys.stderr)
    return 0
