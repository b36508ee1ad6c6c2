"""``claimdesk import``: our own JSON Lines export, or Prodigy JSONL tasks, into an annotation file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CliError
from .export import add_store_arguments, extracted_session, recorded_corpus


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import a claimdesk jsonl export or Prodigy JSONL into an annotation file",
        description="Import annotations: a claimdesk JSON Lines export (written back exactly, reviewer and time "
                    "kept) or Prodigy JSONL tasks (matched to articles by meta.article, else by their text; spans "
                    "become entity annotations or claim decisions, answer the decision). Nothing already in the "
                    "annotation file is overwritten without --replace. One undo step. Exit code 1 when some "
                    "lines were not imported (each is named on stderr).",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to import")
    add_store_arguments(parser)
    parser.add_argument("--format", choices=("auto", "jsonl", "prodigy"), default="auto",
                        help="what FILE holds (default: told from its first line)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite records already in the annotation file with the imported ones")
    parser.add_argument("--reviewer", metavar="NAME", default=None,
                        help="name recorded where the file names none (default: your login name)")
    parser.set_defaults(run=run)


def _header_corpus(path: Path) -> Path | None:
    """The corpus folder a claimdesk export names in its header line, if it is there."""
    from claimdesk.annotations.export.importing import read_lines

    for _, record in read_lines(path):
        if isinstance(record, dict) and record.get("kind") == "header" and record.get("corpus"):
            folder = Path(str(record["corpus"]))
            return folder if folder.is_dir() else None
        return None
    return None


def _open_store(args: argparse.Namespace, fmt: str):
    """(store opened for writing, corpus folder): --corpus, else the file's recorded corpus, else the
    export's header, else the bundled corpus."""
    from claimdesk.annotations.corpus import bundled_corpus_path
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import (
        StoreError,
        StoreLockedError,
        StoreNotFoundError,
        default_db_path,
        open_store,
    )

    corpus = args.corpus.expanduser() if args.corpus else None
    if args.db is None:
        corpus = corpus or (_header_corpus(args.file) if fmt == "jsonl" else None) or bundled_corpus_path()
        db = default_db_path(corpus)
    else:
        db = args.db.expanduser()
        if corpus is None:
            try:
                with open_store(db, read_only=True) as existing:
                    corpus = recorded_corpus(existing)
            except StoreNotFoundError:
                pass
            except StoreError as error:
                raise CliError(clean_line(str(error))) from None
        corpus = corpus or (_header_corpus(args.file) if fmt == "jsonl" else None) or bundled_corpus_path()
    try:
        return open_store(db, corpus=corpus, reviewer=args.reviewer), corpus
    except StoreLockedError as error:
        raise CliError(f"{clean_line(str(error))}; close that session and import again") from None
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.export.importing import detect_format, import_file
    from claimdesk.annotations.sanitize import clean_line

    from .corpus_arg import load_or_fail
    from .progress import progress_bar

    if not args.file.is_file():
        raise CliError(f"file not found: {clean_line(str(args.file))}")
    try:
        fmt = detect_format(args.file) if args.format == "auto" else args.format
    except (OSError, ValueError) as error:
        raise CliError(clean_line(str(error))) from None
    store, corpus = _open_store(args, fmt)
    try:
        if fmt == "prodigy":  # matching spans needs the claims and entities already there
            session, _ = extracted_session(corpus, store)
        else:
            from claimdesk.annotations.session import ReviewSession

            session = ReviewSession(load_or_fail(str(corpus)), store)
        with progress_bar("Importing") as progress:
            report = import_file(args.file, session, fmt=fmt, replace=args.replace, progress=progress)
    except (OSError, ValueError) as error:
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
