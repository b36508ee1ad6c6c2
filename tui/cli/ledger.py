"""``claimdesk ledger``: the clusters of linked claims (the ledger), or link suggestions for every claim."""

from __future__ import annotations

import argparse
import json
import sys

from .corpus_arg import add_corpus_arguments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ledger", help="the ledger of linked claims, or link suggestions",
        description="Print the ledger: every cluster of linked claims (one quantity tracked across articles) "
                    "with its latest value, range, articles, contradictions and review status. With --suggest, "
                    "the best link partners in other articles for every claim. The annotation file is opened "
                    "read-only: safe while a review runs.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--json", action="store_true",
                        help="JSON Lines: one object per cluster (with --suggest: one per claim)")
    parser.add_argument("--suggest", action="store_true", help="link suggestions for every claim, best first")
    parser.set_defaults(run=run)


def _write(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _claim_record(session, claim) -> dict:
    return {"claim": claim.id, "article": session.article(claim.article).path, "text": claim.text}


def print_suggestions(session, as_json: bool) -> None:
    from claimdesk.annotations.fields import describe_value
    from claimdesk.annotations.links import SuggestionIndex

    from .progress import progress_bar

    with progress_bar("Ranking link suggestions") as progress:
        index = SuggestionIndex.build(session, progress=progress)
    for claim in session.all_claims():
        if claim.status == "rejected":
            continue
        found = index.suggest(claim)
        if as_json:
            _write(dict(_claim_record(session, claim), suggestions=[
                dict(_claim_record(session, s.claim), type=s.type, score=s.score) for s in found]))
            continue
        if not found:
            continue
        print(f"{session.article(claim.article).path}  {describe_value(claim.fields)} {claim.fields.get('counted', '')}"
              f"  ({claim.text})")
        for s in found[:3]:
            print(f"    {s.score:.2f} {s.type:<11} {s.article.path}  {s.claim.text}: {', '.join(s.reasons)}")


def print_ledger(session, as_json: bool) -> None:
    from claimdesk.annotations.links.ledger import row_of, sort_rows, timelines

    lines = {t.cluster_id: t for t in timelines(session)}
    rows = sort_rows([row_of(t) for t in lines.values()], "name")
    if as_json:
        for row in rows:
            mentions = [dict(_claim_record(session, m.claim), date=m.date, outlet=m.outlet, source=m.source,
                             value=m.value, status=m.claim.status, contradicted=m.contradicted)
                        for m in lines[row.cluster_id].mentions]
            _write(dict(row.to_record(), mentions=mentions))
        return
    if not rows:
        print("No clusters yet: link claims in the review app (l on a claim), or see `claimdesk ledger --suggest`.")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name, kwargs in (("cluster", {"ratio": 1, "overflow": "fold"}), ("latest", {"justify": "right"}),
                         ("range", {"justify": "right"}), ("articles", {"justify": "right"}), ("!", {}),
                         ("status", {})):
        table.add_column(name, **kwargs)
    for row in rows:  # Text cells: names and values are never read as markup
        table.add_row(*(Text(v) for v in (row.name, row.latest, row.range, str(row.articles),
                                          "⚠" if row.contradiction else "", row.status)))
    console = Console(soft_wrap=False)
    console.print(table)
    contradicted = sum(1 for row in rows if row.contradiction)
    console.print(Text(f"{len(rows)} clusters, {contradicted} with a contradiction (⚠)", style="dim"))


def run(args: argparse.Namespace) -> int:
    from .corpus_arg import corpus_index, open_store_read_only, review_session

    store, corpus = open_store_read_only(args)
    try:
        with corpus_index(corpus, store) as index:  # open while printing: results are read from it
            session = review_session(corpus, store, index=index)
            if args.suggest:
                print_suggestions(session, args.json)
            else:
                print_ledger(session, args.json)
    finally:
        store.close()
    return 0
