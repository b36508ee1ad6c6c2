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
                        help="also write the disagreements as CSV, one row per claim, each reviewer's version in "
                             "columns ('-' for stdout)")
    parser.add_argument("--no-entities", action="store_true",
                        help="skip entity agreement (it needs the corpus extracted: the model's entities)")
    parser.set_defaults(run=run)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def fig(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def report_lines(report, project_name: str, articles: dict) -> list[str]:
    """The report as text lines (plain: the names and titles are cleaned)."""
    from claimdesk.annotations.sanitize import clean_line

    lines = [f"Agreement in {project_name}: {len(report.reviewers)} reviewers, {report.units} claims decided by "
             "two or more",
             f"Decisions (accepted / corrected / rejected / added): Krippendorff's alpha {fig(report.alpha)}",
             f"  {'pair':<24}{'claims':>7}{'agreed':>8}{'kappa':>7}{'alpha':>7}"]
    for p in report.pairs:
        lines.append(f"  {p.a + ' – ' + p.b:<24}{p.units:>7}{pct(p.observed):>8}{fig(p.kappa):>7}{fig(p.alpha):>7}")
    if report.fields:
        lines.append("Fields, on claims both kept and at least one corrected (pairs agreeing):")
        lines += [f"  {f.field:<12}{f.agreed:>4}/{f.compared:<4}{pct(f.share):>6}" for f in report.fields]
    if report.entities:
        lines.append("Entities, span-level F1 on the articles both worked in:")
        lines += [f"  {e.a + ' – ' + e.b:<24}{e.articles:>3} articles  F1 {fig(e.f1)} ({e.matched} matched of "
                  f"{e.a_entities} / {e.b_entities})" for e in report.entities]
    lines.append(f"Disagreements: {len(report.disagreements)} claims"
                 + (f", {len(report.entity_disagreements)} entity spans" if report.entities else ""))
    for d in report.disagreements:
        article = articles.get(d.article)
        doc = next(iter(d.versions.values())).doc
        quote = ((doc.get("selector") or {}).get("quote") or {}).get("exact", "")
        who = " · ".join(f"{n}: {v.status}" for n, v in d.versions.items())
        lines.append(clean_line(f"  {article.title[:40] if article else d.article} · “{quote}” · {d.what} · {who}"))
    for e in report.entity_disagreements:
        article = articles.get(e.article)
        labels = " · ".join(f"{n}: {label or 'none'}" for n, label in e.labels.items())
        lines.append(clean_line(f"  {article.title[:40] if article else e.article} · entity “{e.text}” · {labels}"))
    return lines


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.team.report import project_agreement, report_json, write_disagreements_csv

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
