"""``claimdesk status PROJECT``: per reviewer, the articles done, in progress and not started, and the
claims decided; then what agreement and adjudication stand at (claims and entity spans)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "status", help="a team project's progress: per reviewer, done / assigned / pending",
        description="Per reviewer: the articles dealt to them, how many are done (every claim decided), in "
                    "progress and not started, and their claims decided; then the disagreements and how many "
                    "the editor settled. Reads every store read-only: safe while the team reviews.",
    )
    parser.add_argument("project", metavar="PROJECT", type=Path, help="the project folder")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.reviewed import merge_claims
    from claimdesk.annotations.team.adjudication import open_cases
    from claimdesk.annotations.team.report import project_agreement
    from claimdesk.annotations.team.stores import read_stores

    from .corpus_arg import review_session
    from .project import article_ids, open_project, project_view

    project = open_project(args.project)
    article_ids(project)
    project = open_project(args.project)
    view, corpus = project_view(project.root)
    session = review_session(corpus, view)
    rows = []
    stores = read_stores(project, gold=True)
    try:
        for name in project.reviewers:
            store = stores.get(name)
            done = started = decided = total = 0
            assigned = [a for a in project.assigned(name) if session.article(a) is not None]
            worked = set(store.articles()) if store else set()
            for article_id in assigned:
                result = session.extraction(article_id)
                claims = merge_claims(session.article(article_id), result.claims if result else [],
                                      store.claims(article_id) if store else [])
                reviewed = sum(1 for c in claims if c.reviewed)
                decided, total = decided + reviewed, total + len(claims)
                done += reviewed == len(claims) and (reviewed > 0 or article_id in worked)  # no claims: looked at
                started += 0 < reviewed < len(claims)
            rows.append({"reviewer": name, "assigned": len(assigned), "done": done, "in_progress": started,
                         "pending": len(assigned) - done, "claims_decided": decided, "claims": total})
        gold = stores.get("gold")
        report = project_agreement(project, session)
        settled = sum(1 for case in open_cases(report, gold) if case.settled) if gold is not None else 0
    finally:
        for store in stores.values():
            store.close()
    summary = {"project": project.name, "articles": len(session.articles),
               "reviewed_twice": sum(1 for n in project.assignment.values() if len(n) > 1),
               "reviewers": rows, "disagreements": len(report.disagreements),
               "entity_disagreements": len(report.entity_disagreements), "adjudicated": settled}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    print(f"project {project.name}: {summary['articles']} articles, {summary['reviewed_twice']} dealt to several "
          "reviewers")
    print(f"  {'reviewer':<14}{'done':>6}{'assigned':>10}{'pending':>9}{'started':>9}   claims decided")
    for row in rows:
        print(f"  {row['reviewer']:<14}{row['done']:>6}{row['assigned']:>10}{row['pending']:>9}"
              f"{row['in_progress']:>9}   {row['claims_decided']}/{row['claims']}")
    spans = summary["entity_disagreements"]
    total = summary["disagreements"] + spans
    print(f"disagreements: {summary['disagreements']}" + (f" + {spans} entity span(s)" if spans else "")
          + f", adjudicated {settled}" + (" (claimdesk review PROJECT --adjudicate)" if settled < total else ""))
    return 0
