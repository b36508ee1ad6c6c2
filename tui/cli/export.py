"""``claimdesk export``: the review decisions of a corpus in JSON Lines, CSV, Prodigy, spaCy, W3C,
ClaimReview or brat (docs/export.md has every format's mapping)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.annotations.export import FORMATS  # light: no spaCy until a format writes

from . import CliError


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """``--corpus`` and ``--db``, shared with ``claimdesk import``."""
    parser.add_argument("--corpus", metavar="DIR", type=Path, default=None,
                        help="the corpus folder (default: the one the annotation file was made for; without "
                             "--db, the bundled sample corpus)")
    parser.add_argument("--db", metavar="FILE", type=Path, default=None,
                        help="the annotation file (default: the corpus's own, in your data folder)")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="export review decisions (jsonl, csv, prodigy, spacy, w3c, claimreview, brat)",
        description="Export the claims of a corpus with their review decisions, and the entity edits, in one of "
                    "several formats. Text formats go to stdout unless -o is given; spacy and brat need -o. "
                    "The annotation file is opened read-only: safe while a review runs.",
    )
    add_store_arguments(parser)
    parser.add_argument("--format", "-f", required=True, choices=list(FORMATS), metavar="FMT",
                        help="; ".join(f"{f.name}: {f.title}" for f in FORMATS.values()))
    parser.add_argument("--status", default="reviewed", metavar="LIST",
                        help="claims to export: a comma list of accepted, corrected, added, rejected, pending; "
                             "'reviewed' (the default: accepted, corrected, added) or 'all'")
    parser.add_argument("-o", "--output", metavar="PATH", type=Path, default=None,
                        help="file to write (a folder for brat; default: stdout for text formats)")
    parser.set_defaults(run=run)


def recorded_corpus(store) -> Path | None:
    """The corpus folder an annotation file records (``None`` if it records none); missing → CliError."""
    from claimdesk.annotations.sanitize import clean_line

    recorded = store.meta.get("corpus") or ""
    if not recorded:
        return None
    path = Path(recorded)
    if not path.is_dir():
        raise CliError(f"the annotation file was made for the corpus {clean_line(recorded)}, which is missing; "
                       "give --corpus DIR")
    return path


def open_for_export(args: argparse.Namespace):
    """(store opened read-only or ``None`` when the corpus has no annotation file yet, corpus folder)."""
    from claimdesk.annotations.corpus import bundled_corpus_path
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError, StoreNotFoundError, default_db_path, open_store

    corpus = args.corpus.expanduser() if args.corpus else None
    db = args.db.expanduser() if args.db else default_db_path(corpus or bundled_corpus_path())
    try:
        store = open_store(db, read_only=True)
    except StoreNotFoundError:
        if args.db is not None:
            raise CliError(f"annotation file not found: {clean_line(str(db))}") from None
        print(f"claimdesk: no annotation file yet for this corpus ({clean_line(str(db))}): nothing is reviewed",
              file=sys.stderr)
        return None, corpus or bundled_corpus_path()
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    try:
        if corpus is None:
            corpus = recorded_corpus(store) if args.db is not None else bundled_corpus_path()
        if corpus is None:
            raise CliError(f"{clean_line(str(db))} records no corpus folder; give --corpus DIR")
    except CliError:
        store.close()
        raise
    return store, corpus


def extracted_session(corpus: Path, store):
    """A review session on ``corpus`` with every article extracted (cached parses; learned rules from
    the store), with a progress bar on a terminal; and the parse cache it was extracted from."""
    from claimdesk.annotations.entities import learned_rules
    from claimdesk.annotations.extract import Extractor
    from claimdesk.annotations.nlp import ModelNotFound
    from claimdesk.annotations.session import ReviewSession

    from .corpus_arg import load_or_fail
    from .progress import progress_bar

    loaded = load_or_fail(str(corpus))
    session = ReviewSession(loaded, store)
    try:
        extractor = Extractor(rules=learned_rules(store.path) if store is not None else ())
        with progress_bar("Extracting") as progress:
            for done, (_, result) in enumerate(extractor.iter_extract(loaded.articles), 1):
                session.set_extraction(result)
                progress(done, len(loaded.articles), result.article.path)
    except ModelNotFound as error:
        raise CliError(str(error)) from None
    return session, extractor.cache


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.export import export, parse_statuses
    from claimdesk.annotations.sanitize import clean_line

    from .progress import progress_bar

    try:
        statuses = parse_statuses(args.status)
    except ValueError as error:
        raise CliError(str(error)) from None
    spec = FORMATS[args.format]
    if spec.output != "text" and args.output is None:
        kind = "a folder" if spec.output == "folder" else "a binary file"
        raise CliError(f"--format {spec.name} writes {kind}: give -o {spec.default_name}")
    store, corpus = open_for_export(args)
    try:
        session, parses = extracted_session(corpus, store)
        destination = args.output if args.output is not None else sys.stdout
        with progress_bar("Exporting") as progress:
            result = export(session, spec.name, destination, statuses=statuses, progress=progress, parses=parses)
    except (OSError, ValueError) as error:
        raise CliError(clean_line(str(error)), code=1) from None
    finally:
        if store is not None:
            store.close()
    for warning in result.warnings:
        print(f"claimdesk: {clean_line(warning)}", file=sys.stderr)
    where = "stdout" if result.path == "-" else clean_line(result.path)
    print(f"claimdesk: exported {result.claims} claims and {result.entities} entity annotations "
          f"({', '.join(statuses)}) to {where}", file=sys.stderr)
    return 0
