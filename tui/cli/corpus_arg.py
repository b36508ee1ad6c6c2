"""How every subcommand takes its corpus and annotation file, and opens them for review.

Every command that reads a corpus takes it the same way: a positional ``CORPUS`` (a folder or a file;
``--corpus`` is an alias), and ``--db FILE`` for the annotation file (default: the corpus's own).
Without a corpus, the one the annotation file records, else the bundled samples. A missing or
empty corpus is reported first, before any annotation file is opened or created. The session then
comes from :func:`claimdesk.annotations.pipeline.open_review`, as in the app.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.annotations.corpus import CorpusError, bundled_corpus_path, check_corpus
from claimdesk.annotations.sanitize import clean_line

from . import CliError
from .progress import progress_bar

if TYPE_CHECKING:  # the pipeline (and the store) load when a command runs, not for --help
    from claimdesk.annotations.index import CorpusIndex
    from claimdesk.annotations.pipeline import StageProgress

STAGES = {"load": "Loading corpus", "extract": "Extracting"}


def add_corpus_arguments(parser: argparse.ArgumentParser, *, db: bool = True) -> None:
    """``CORPUS`` (positional, optional), its ``--corpus`` alias, and ``--db FILE``."""
    parser.add_argument("corpus", nargs="?", default=None, metavar="CORPUS", type=Path,
                        help="a corpus folder (searched recursively) or file (default: the corpus the annotation "
                             "file was made for, else the bundled sample corpus)")
    parser.add_argument("--corpus", dest="corpus_option", metavar="CORPUS", type=Path, default=None,
                        help="the same as CORPUS")
    if db:
        parser.add_argument("--db", metavar="FILE", type=Path, default=None,
                            help="the annotation file (default: the corpus's own, in your data folder)")


def given_corpus(args: argparse.Namespace) -> Path | None:
    """The corpus named on the command line (positional or ``--corpus``), or None."""
    named = [p.expanduser() for p in (args.corpus, getattr(args, "corpus_option", None)) if p is not None]
    if len(named) == 2 and named[0] != named[1]:
        raise CliError(f"two corpora given: {clean_line(str(named[0]))} and {clean_line(str(named[1]))}")
    return named[0] if named else None


def checked_corpus(path: Path | None) -> Path:
    """``path`` (default: the bundled samples) if it is a corpus; else a CliError (exit 2) saying why."""
    refuse_project(path)
    try:
        return check_corpus(path)
    except CorpusError as error:
        raise CliError(str(error)) from None


def db_path(args: argparse.Namespace, corpus: Path | None = None) -> Path:
    """``--db``, else the default annotation file of the corpus (of the bundled samples). A corpus named
    on the command line is checked first (its problem is the one reported)."""
    from claimdesk.annotations.store import default_db_path

    named = given_corpus(args)
    refuse_project(named)  # one annotation file: a team project has one per reviewer
    if corpus is None and named is not None:
        corpus = checked_corpus(named)
    if getattr(args, "db", None) is not None:
        return args.db.expanduser()
    return default_db_path(corpus or bundled_corpus_path())


def refuse_project(path: Path | None) -> None:
    """A CliError when a command that writes one annotation file, or reads a corpus as such, is given a
    team project folder (its files are no articles, and its stores are one per reviewer)."""
    from claimdesk.annotations.team import is_project

    if is_project(path):
        raise CliError(f"{clean_line(str(path))} is a team project, not a corpus: give its corpus and one "
                       f"reviewer's store (--db {clean_line(str(path))}/reviewers/NAME.json), or use "
                       "claimdesk review / status / agreement / export with the project")


def open_store_read_only(args: argparse.Namespace, *, required: bool = False):
    """(the annotation file opened read-only — an empty store when the corpus has none yet —, the
    corpus): the corpus is checked first; without one named, the annotation file's own corpus is used."""
    from claimdesk.annotations.store import StoreError, StoreNotFoundError, open_store
    from claimdesk.annotations.store.empty import EmptyStore
    from claimdesk.annotations.team import is_project

    corpus = given_corpus(args)
    if is_project(corpus):  # a team project: its decisions merged, the gold store's first
        from .project import project_view

        return project_view(corpus)
    if corpus is not None:
        corpus = checked_corpus(corpus)
    path = db_path(args, corpus)
    try:
        store = open_store(path, read_only=True)
    except StoreNotFoundError:
        if required or args.db is not None:
            raise CliError(f"annotation file not found: {clean_line(str(path))}") from None
        return EmptyStore(), checked_corpus(corpus)
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    try:
        return store, corpus or recorded_corpus(store, named_db=args.db is not None)
    except CliError:
        store.close()
        raise


def recorded_corpus(store, *, named_db: bool) -> Path:
    """The corpus an annotation file was made for (checked), when none was named: with ``--db`` the
    file's own, else the bundled samples (whose default file it is)."""
    if not named_db:
        return checked_corpus(None)
    recorded = store.meta.get("corpus") or ""
    if not recorded:
        raise CliError(f"{clean_line(str(store.path))} records no corpus; give CORPUS")
    if not Path(recorded).exists():
        raise CliError(f"the annotation file was made for the corpus {clean_line(recorded)}, which is missing; "
                       "give CORPUS")
    return checked_corpus(Path(recorded))


@contextmanager
def stage_progress() -> Iterator[StageProgress]:
    """A pipeline progress callback (stage, done, total, item) drawing one bar per stage on a terminal."""
    with ExitStack() as bars:
        shown: dict = {}

        def report(stage: str, done: int, total: int, item: str) -> None:
            if shown.get("stage") != stage:
                bars.close()  # the last stage's bar goes
                shown.update(stage=stage, update=bars.enter_context(progress_bar(STAGES.get(stage, stage))))
            shown["update"](done, total, item)

        yield report


@contextmanager
def corpus_index(corpus: Path, store) -> Iterator[CorpusIndex | None]:
    """The corpus's index (:func:`claimdesk.annotations.pipeline.open_index`), brought up to date with a
    progress bar, closed on leaving; a corpus that cannot be read is a CliError. An index that cannot
    be made (a cache folder that cannot be written, a full disk) is said in one line, and the command
    runs without it (None)."""
    from claimdesk.annotations.pipeline import open_index

    try:
        with stage_progress() as report:
            index = open_index(corpus, store, progress=report)
    except CorpusError as error:
        raise CliError(str(error)) from None
    except (OSError, sqlite3.Error) as error:
        print(f"claimdesk: the corpus index cannot be made in the cache folder ({clean_line(str(error))}); "
              "reading the corpus without it", file=sys.stderr)
        yield None
        return
    try:
        yield index
    finally:
        index.close()


def print_skipped(skipped) -> None:
    """Name each file or record the corpus loader could not read, on stderr."""
    for item in skipped:
        print(f"claimdesk: skipped {clean_line(str(item))}", file=sys.stderr)


def review_session(corpus, store, *, extract: bool = True, model: str | None = None, use_cache: bool = True,
                   jobs: int = 1, report_skipped: bool = True, index: CorpusIndex | None = None,
                   paged: bool = False):
    """The review session of ``corpus`` (a path, or a Corpus already read) over ``store`` (None or an
    empty store: no annotation file), loaded and extracted as in the app, with progress bars; a missing model or
    corpus is a CliError. With ``index`` (:func:`corpus_index`), the articles and the stored
    extraction results are read from it, and new results are stored there; with ``paged`` too, the
    articles are read from it a page at a time (a command that goes through them once)."""
    from claimdesk.annotations.nlp import ModelNotFound
    from claimdesk.annotations.pipeline import open_review, orphans_note

    try:
        with stage_progress() as report:
            session = open_review(corpus, store, model=model, progress=report, extract=extract,
                                  use_cache=use_cache, jobs=jobs, index=index, paged=paged)
    except CorpusError as error:
        raise CliError(str(error)) from None
    except ModelNotFound as error:
        raise CliError(str(error)) from None
    if report_skipped:
        print_skipped(session.corpus.skipped)
    if session.orphans:
        print(f"claimdesk: {orphans_note(session.orphans)}", file=sys.stderr)
    extractor = session.extractor
    for note in [*extractor.notes, *(extractor.cache.warnings if extractor.cache else ())] if extractor else ():
        print(f"claimdesk: {clean_line(note)}", file=sys.stderr)
    return session
