"""``claimdesk agreement PROJECT``: how much the team agrees (Krippendorff's alpha, Cohen's kappa per
pair, field and entity agreement) and where it disagrees; as text, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "agreement", help="a team project's agreement: alpha, kappa per pair, fields, entities, disagreements",
        description="On the claims more than one reviewer decided: Krippendorff's alpha over the decisions "
                    "(accept, correct, reject, add) and, per pair of reviewers, Cohen's kappa; per-field "
                    "agreement on corrections; span-level F1 of entity labels on the articles both reviewed; "
                    "and the disagreements. Reads every store read-only.",
    )
    parser.add_argument("project", metavar="PROJECT", type=Path, help="the project folder")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    parser.add_argument("--csv", metavar="FILE", type=Path, default=None,
                        help="also write the disagreements as CSV, one row per claim and per entity span, each "
                             "reviewer's version in columns ('-' for stdout)")
    parser.add_argument("--no-entities", action="store_true",
                        help="skip entity agreement (it needs the corpus extracted: the model's entities)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.team.report import project_agreement, report_json, report_lines, write_disagreements_csv

    from .corpus_arg import review_session
    from .project import open_project, project_view

    project = open_project(args.project)
    view, corpus = project_view(project.root)
    session = review_session(corpus, view, extract=not args.no_entities)
    report = project_agreement(project, None if args.no_entities else session)
    articles = {a.id: a for a in session.articles}
    if args.csv is not None:
        try:
            if str(args.csv) == "-":
                write_disagreements_csv(report, sys.stdout, articles)
            else:
                with open(args.csv.expanduser(), "w", encoding="utf-8", newline="") as out:
                    rows = write_disagreements_csv(report, out, articles)
                print(f"claimdesk: {rows} disagreement(s) written to {clean_line(str(args.csv))}", file=sys.stderr)
        except OSError as error:
            raise CliError(f"cannot write {clean_line(str(args.csv))}: {error.strerror or error}", code=1) from None
    if args.json:
        print(json.dumps(report_json(report, articles), ensure_ascii=False, indent=1))
    elif str(args.csv) != "-":
        print("\n".join(report_lines(report, project.name, articles)))
    return 0
