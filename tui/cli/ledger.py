"""``claimdesk ledger``: the clusters of linked claims (the ledger), or link suggestions for every claim."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ledger", help="the ledger of linked claims, or link suggestions",
        description="Print the ledger: every cluster of linked claims (one quantity tracked across articles) "
                    "with its latest value, range, articles, contradictions and review status. With --suggest, "
                    "the best link partners in other articles for every claim. The annotation file is opened "
                    "read-only: safe while a review runs.",
    )
    parser.add_argument("--corpus", metavar="DIR", default=None,
                        help="the corpus folder (default: the one the annotation file was made for, "
                             "else the bundled sample corpus)")
    parser.add_argument("--db", metavar="FILE", type=Path,
                        help="the annotation file (default: the corpus's own, in your data folder)")
    parser.add_argument("--json", action="store_true",
                        help="JSON Lines: one object per cluster (with --suggest: one per claim)")
    parser.add_argument("--suggest", action="store_true", help="link suggestions for every claim, best first")
    parser.set_defaults(run=run)


def _open_store(args: argparse.Namespace):
    """The annotation file, read-only; None when the corpus has none yet (and none was named)."""
    from claimdesk.annotations.corpus import bundled_corpus_path
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError, default_db_path, open_store

    path = args.db.expanduser() if args.db else default_db_path(args.corpus or bundled_corpus_path())
    if not path.exists():
        if args.db:
            raise CliError(f"annotation file not found: {clean_line(str(args.db))}")
        return None
    try:
        return open_store(path, read_only=True)
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None


def _session(args: argparse.Namespace, store):
    """The corpus (named, or the one the store was made for), extracted with the store's learned rules."""
    from claimdesk.annotations.entities import learned_rules
    from claimdesk.annotations.extract import Extractor
    from claimdesk.annotations.nlp import ModelNotFound
    from claimdesk.annotations.session import ReviewSession

    from .corpus_arg import load_or_fail
    from .progress import progress_bar

    recorded = store.meta.get("corpus") if store is not None else ""
    corpus = load_or_fail(args.corpus or recorded or None)
    try:
        extractor = Extractor(rules=learned_rules(store.path) if store is not None else ())
        with progress_bar("Extracting") as progress:
            results = extractor.extract(corpus.articles, progress=progress)
    except ModelNotFound as error:
        raise CliError(str(error)) from None
    session = ReviewSession(corpus, store)
    for result in results:
        session.set_extraction(result)
    return session


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
    store = _open_store(args)
    try:
        session = _session(args, store)
        if args.suggest:
            print_suggestions(session, args.json)
        else:
            print_ledger(session, args.json)
    finally:
        if store is not None:
            store.close()
    return 0
