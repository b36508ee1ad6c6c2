"""``claimdesk articles``: list a corpus's articles as a table or as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys

from .corpus_arg import add_corpus_arguments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "articles", help="list the articles of a corpus",
        description="List the articles of a corpus: id, title, source, date, words and problems, one line "
                    "each (the lines reviewers marked as site chrome are dropped, as in the app). Files that "
                    "cannot be loaded are reported on stderr; the rest still load.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines), with the clean text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .corpus_arg import corpus_index, open_store_read_only, print_skipped, review_session

    store, corpus = open_store_read_only(args)
    try:
        with corpus_index(corpus, store) as index:
            if index is None:  # no index: the corpus read whole, as the app reads it
                loaded = review_session(corpus, store, extract=False).corpus
                articles, skipped = loaded.articles, loaded.skipped
            else:  # the texts streamed from the index, never all in memory
                articles, skipped = index.articles(), index.skipped()
                print_skipped(skipped)
            if args.json:
                for article in articles:
                    sys.stdout.write(json.dumps(article.to_record(), ensure_ascii=False) + "\n")
                return 0
            listed = index.rows() if index is not None else list(articles)
    finally:
        store.close()
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [(a.id, a.title, a.source, a.date or "—", str(a.words), "; ".join(a.problems)) for a in listed]
    console = Console(soft_wrap=False)
    names = ("id", "title", "source", "date", "words", "problems")
    caps = {"source": 16, "problems": 30}  # cut with …; ids, dates and counts never are
    widths = {name: min(caps.get(name, 10_000), max([len(name), *(len(row[n]) for row in rows)]))
              for n, name in enumerate(names)}
    others = sum(w for name, w in widths.items() if name != "title") + 2 * (len(names) - 1)
    widths["title"] = max(12, min(widths["title"], console.width - others))  # the column that gives way
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in names:
        table.add_column(name, width=widths[name], no_wrap=True, overflow="ellipsis",
                         justify="right" if name == "words" else "left")
    for row in rows:  # Text cells: article strings are never read as markup
        table.add_row(*(Text(v) for v in row))
    console.print(table)
    console.print(Text(f"{len(listed)} articles, {len(skipped)} skipped", style="dim"))
    return 0
