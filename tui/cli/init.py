"""``claimdesk init PROJECT --corpus CORPUS --reviewers alice,bob``: make a team project folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "init", help="make a team project: a corpus, one store per reviewer, articles dealt with overlap",
        description="Make a project folder for a team reviewing one corpus: each reviewer writes their own "
                    "store (reviewers/NAME.json), articles are dealt to reviewers deterministically, and a "
                    "share of them to several, on which agreement is measured.",
    )
    parser.add_argument("project", metavar="PROJECT", type=Path, help="the project folder to make")
    parser.add_argument("--corpus", required=True, metavar="CORPUS", type=Path,
                        help="the corpus folder or file (kept as a reference: nothing is copied)")
    parser.add_argument("--reviewers", required=True, metavar="NAMES", help="comma-separated: alice,bob,carol")
    parser.add_argument("--overlap", type=float, default=0.2, metavar="SHARE",
                        help="share of articles reviewed by several reviewers (0-1, default 0.2)")
    parser.add_argument("--per-article", type=int, default=2, metavar="N",
                        help="reviewers per article in the overlap (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the deal (default 0)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.corpus import CorpusError
    from claimdesk.annotations.pipeline import load
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store.empty import EmptyStore
    from claimdesk.annotations.team import Deal, ProjectError, create_project, parse_reviewers

    from .corpus_arg import checked_corpus, stage_progress

    try:
        reviewers = parse_reviewers(args.reviewers)
        deal = Deal(args.overlap, args.per_article, args.seed)
    except (ProjectError, ValueError) as error:
        raise CliError(str(error)) from None
    corpus_path = checked_corpus(args.corpus.expanduser())
    try:
        with stage_progress() as report:
            corpus = load(corpus_path, EmptyStore(), progress=report)
    except CorpusError as error:
        raise CliError(str(error)) from None
    try:
        project = create_project(args.project, corpus_path, reviewers, [a.id for a in corpus.articles], deal)
    except ProjectError as error:
        raise CliError(str(error)) from None
    shared = sum(1 for names in project.assignment.values() if len(names) > 1)
    loads = ", ".join(f"{name} {len(project.assigned(name))}" for name in reviewers)
    print(clean_line(f"made project {project.name}: {len(corpus.articles)} articles, {len(reviewers)} reviewers "
                     f"({loads} articles); {shared} reviewed by {min(deal.per_article, len(reviewers))}"))
    print(clean_line(f"next: claimdesk review {args.project} --reviewer {reviewers[0]}"))
    return 0
