"""``claimdesk project add PROJECT FILE``: merge a reviewer's store copied from another machine; and how
every command opens a project folder given as CORPUS (the merged view, a reviewer's store, the gold one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "project", help="manage a team project (merge a reviewer's store from another machine)",
        description="Manage a team project made with claimdesk init.",
    )
    commands = parser.add_subparsers(dest="project_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add", help="merge a reviewer's annotation file copied from another machine",
        description="Merge an annotation file (e.g. alice.json, copied from Alice's laptop) into the reviewer's "
                    "store in the project: new records are added, a record made later replaces the project's. "
                    "One undoable step; refused while the reviewer has the store open.",
    )
    add.add_argument("project", metavar="PROJECT", type=Path, help="the project folder")
    add.add_argument("file", metavar="FILE", type=Path, help="the annotation file to merge (its journal beside it "
                                                             "is read too)")
    add.add_argument("--reviewer", metavar="NAME", default=None,
                     help="whose store it is (default: the file's name, alice.json → alice)")
    add.set_defaults(run=run_add)


def open_project(path: Path | None):
    """The project at ``path`` (a CliError saying why not)."""
    from claimdesk.annotations.team import ProjectError, load_project

    try:
        return load_project(path)
    except ProjectError as error:
        raise CliError(str(error)) from None


def project_view(path: Path, *, say: bool = True):
    """(the project's merged read-only store, its corpus): what export, ledger, articles read; ``say``:
    where the decisions come from, on stderr."""
    from claimdesk.annotations.corpus import CorpusError, check_corpus
    from claimdesk.annotations.store import StoreError
    from claimdesk.annotations.team.view import open_view

    project = open_project(path)
    try:
        corpus = check_corpus(project.corpus)
    except CorpusError as error:
        raise CliError(f"the project's corpus: {error}") from None
    try:
        view = open_view(project)
    except StoreError as error:
        raise CliError(str(error)) from None
    if say:
        print(f"claimdesk: project {project.name}: {view.describe_sources()}", file=sys.stderr)
    return view, corpus


def article_ids(project) -> list[str]:
    """The ids of the project's articles (the corpus read, with progress); new ones are dealt and saved."""
    from claimdesk.annotations.corpus import CorpusError
    from claimdesk.annotations.pipeline import load
    from claimdesk.annotations.store.empty import EmptyStore
    from claimdesk.annotations.team import ProjectError

    from .corpus_arg import stage_progress

    try:
        with stage_progress() as report:
            corpus = load(project.corpus, EmptyStore(), progress=report)
    except CorpusError as error:
        raise CliError(f"the project's corpus: {error}") from None
    ids = [a.id for a in corpus.articles]
    dealt = project.with_articles(ids)
    if dealt is not project:
        try:
            dealt.save()
        except ProjectError as error:
            raise CliError(str(error)) from None
        print(f"claimdesk: {len(dealt.assignment) - len(project.assignment)} new article(s) dealt", file=sys.stderr)
    return ids


def run_add(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.team import ProjectError
    from claimdesk.annotations.team.merge import merge_store

    project = open_project(args.project)
    if not args.file.expanduser().is_file():
        raise CliError(f"annotation file not found: {clean_line(str(args.file))}")
    ids = frozenset(article_ids(project))
    try:
        result = merge_store(project, args.file, args.reviewer, corpus_ids=ids)
    except ProjectError as error:
        raise CliError(str(error)) from None
    added = ", ".join(f"{n} {t}" for t, n in result.added.items()) or "nothing new"
    replaced = ", ".join(f"{n} {t}" for t, n in result.replaced.items())
    print(f"merged into {result.reviewer}'s store: {added}" + (f"; replaced by later versions: {replaced}"
                                                                 if replaced else "")
          + (f"; {result.kept} kept (the project's were later)" if result.kept else "")
          + (f"; {result.same} already there" if result.same else ""))
    if result.outside:
        print(f"claimdesk: {result.outside} record(s) are on articles not in the project's corpus (kept)",
              file=sys.stderr)
    return 0


def run_review(args: argparse.Namespace) -> int:
    """``claimdesk review PROJECT --reviewer NAME`` (the reviewer's own store, their articles first), or
    ``--adjudicate`` (the editor settles disagreements in the gold store)."""
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store.records import default_reviewer
    from claimdesk.annotations.team import ProjectError
    from claimdesk.annotations.team.stores import open_gold_store, open_reviewer_store

    from .review import store_for_review

    project = open_project(args.corpus or args.corpus_option)
    article_ids(project)
    project = open_project(project.root)  # as dealt now
    if args.adjudicate:
        editor = clean_line(args.reviewer or default_reviewer())
        store = store_for_review(lambda: open_gold_store(project, editor))
    else:
        try:
            reviewer = project.reviewer(args.reviewer or _login_if_reviewer(project))
        except ProjectError as error:
            raise CliError(str(error)) from None
        store = store_for_review(lambda: open_reviewer_store(project, reviewer))
    try:
        if args.adjudicate:
            from ..adjudicate_app import AdjudicationApp

            app = AdjudicationApp(project, store)
        else:
            from ..app import ClaimdeskApp

            app = ClaimdeskApp(corpus=project.corpus, store=store, reviewer=reviewer, project=project)
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def _login_if_reviewer(project) -> str | None:
    from claimdesk.annotations.store.records import default_reviewer

    login = default_reviewer()
    return login if login in project.reviewers else None
