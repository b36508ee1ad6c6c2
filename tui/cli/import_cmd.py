"""``claimdesk import``: our own JSON Lines export, or Prodigy JSONL tasks, into an annotation file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CliError
from .corpus_arg import add_corpus_arguments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import a claimdesk jsonl export or Prodigy JSONL into an annotation file",
        description="Import annotations: a claimdesk JSON Lines export (written back exactly, reviewer and time "
                    "kept) or Prodigy JSONL tasks (matched to articles by meta.article, else by their text; spans "
                    "become entity annotations or claim decisions, answer the decision) into the annotation file "
                    "of CORPUS (default: the corpus the --db file was made for, else the bundled samples; the "
                    "imported file never chooses). Nothing already in the annotation file is overwritten without "
                    "--replace. One undo step. Exit code 1 when some lines were not imported (each is named on "
                    "stderr).",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to import")
    add_corpus_arguments(parser)
    parser.add_argument("--format", choices=("auto", "jsonl", "prodigy"), default="auto",
                        help="what FILE holds (default: told from its first line)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite records already in the annotation file with the imported ones")
    parser.add_argument("--reviewer", metavar="NAME", default=None,
                        help="name recorded where the file names none (default: your login name)")
    parser.set_defaults(run=run)


def _target(args: argparse.Namespace) -> Path:
    """The corpus to import into: named, else the one the --db file was made for, else the bundled
    samples (said on stderr: the imported file's own header is data, not an instruction)."""
    from claimdesk.annotations.sanitize import clean_line

    from .corpus_arg import checked_corpus, given_corpus, open_store_read_only

    corpus = given_corpus(args)
    if corpus is not None:
        return checked_corpus(corpus)
    if args.db is not None and args.db.expanduser().exists():
        peek, corpus = open_store_read_only(args, required=True)
        peek.close()
        print(f"claimdesk: importing into the corpus the annotation file was made for: {clean_line(str(corpus))}",
              file=sys.stderr)
        return corpus
    print("claimdesk: importing into the bundled sample corpus's annotations (give CORPUS for another)",
          file=sys.stderr)
    return checked_corpus(None)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.export.importing import detect_format, import_file
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.session import SessionError
    from claimdesk.annotations.store import StoreError, StoreLockedError, StoreWriteError, open_store

    from .corpus_arg import db_path, review_session
    from .progress import progress_bar

    corpus = _target(args)  # a bad corpus is reported first, as by every command
    if not args.file.is_file():
        raise CliError(f"file not found: {clean_line(str(args.file))}")
    try:
        fmt = detect_format(args.file) if args.format == "auto" else args.format
    except (OSError, ValueError) as error:
        raise CliError(clean_line(str(error))) from None
    try:
        store = open_store(db_path(args, corpus), corpus=corpus, reviewer=args.reviewer)
    except StoreLockedError as error:
        raise CliError(f"{clean_line(str(error))}; close that session and import again") from None
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    try:  # matching Prodigy spans needs the claims and entities; our own JSONL only the articles
        session = review_session(corpus, store, extract=fmt == "prodigy")
        with progress_bar("Importing") as progress:
            report = import_file(args.file, session, fmt=fmt, replace=args.replace, progress=progress)
    except StoreWriteError as error:  # a full disk: the import is one journal entry, and it was not written
        store.close(discard_pending=True)
        raise CliError(f"nothing imported: {clean_line(error.reason)} ({clean_line(str(error.path))}); the "
                       "annotation file is as it was", code=1) from None
    except (OSError, ValueError, SessionError) as error:
        raise CliError(clean_line(str(error)), code=1) from None
    finally:
        store.close()
    name = clean_line(args.file.name)
    for number, problem in report.problems:
        print(f"claimdesk: {name} line {number}: {clean_line(problem)}", file=sys.stderr)
    written = ", ".join(_count(n, SINGULAR[table], table) for table, n in report.written.items() if n) or "nothing new"
    print(f"claimdesk: imported {written} from {name} ({fmt}) into {clean_line(str(store.path))}; "
          f"{report.unchanged} already there, {report.ignored} with nothing to import", file=sys.stderr)
    if report.total_skipped:
        print(f"claimdesk: not replaced: {_count(report.total_skipped, 'record', 'records')} already in the "
              "annotation file with other content (use --replace to overwrite)", file=sys.stderr)
    if report.problems:
        print(f"claimdesk: {_count(len(report.problems), 'line was', 'lines were')} not imported", file=sys.stderr)
    return 0 if report.complete else 1


SINGULAR = {"claims": "claim", "entities": "entity", "links": "link", "clusters": "cluster"}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"
