"""``claimdesk articles``: list a corpus's articles as a table or as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys

from .corpus_arg import add_corpus_argument, load_or_fail


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "articles", help="list the articles of a corpus",
        description="List the articles of a corpus: id, title, source, date, words and problems. "
                    "Files that cannot be loaded are reported on stderr; the rest still load.",
    )
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines), with the clean text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = load_or_fail(args.corpus)
    if args.json:
        for article in corpus.articles:
            sys.stdout.write(json.dumps(article.to_record(), ensure_ascii=False) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name, kwargs in (("id", {}), ("title", {"ratio": 1, "overflow": "fold"}), ("source", {}),
                         ("date", {}), ("words", {"justify": "right"}), ("problems", {"overflow": "fold"})):
        table.add_column(name, **kwargs)
    for a in corpus.articles:  # Text cells: article strings are never read as markup
        table.add_row(*(Text(v) for v in (a.id, a.title, a.source, a.date or "—", str(a.words), "; ".join(a.problems))))
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(Text(f"{len(corpus.articles)} articles, {len(corpus.skipped)} skipped", style="dim"))
    return 0
