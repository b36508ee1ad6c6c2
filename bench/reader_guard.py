"""Guard for work on the corpus readers: what they read, saved once and compared after a change.

Every file of the chosen corpora is read as an index build reads it (one file at a time, the built-in
chrome patterns) and each article's every field (path, title, text, metadata, format, problems), and
each skipped file or record with its reason, is written as one JSON line. ``--compare`` reads the
same files again and names every file whose articles or skips differ from the saved ones.

    python bench/reader_guard.py --save /tmp/readers-work/before.jsonl
    python bench/reader_guard.py --compare /tmp/readers-work/before.jsonl

By default the files are the bundled samples, the test fixtures (saved pages, feeds, tables, JSON)
and every third file of a generated corpus given with ``--corpus`` (several may be given).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from claimdesk.annotations.corpus import bundled_corpus_path, corpus_files, relative_name
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter
from claimdesk.annotations.corpus.parallel import FileTask, read_one

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "tests" / "fixtures" / "shapes", ROOT / "tests" / "fixtures" / "pages",
            ROOT / "tests" / "fixtures" / "cnn_page.html"]


def chosen_files(corpora: list[Path], step: int) -> list[tuple[Path, Path]]:
    """(corpus root, file) of every file to read: all of the samples and fixtures, every ``step``-th
    file of each of ``corpora``."""
    chosen = []
    for root in [bundled_corpus_path(), *FIXTURES]:
        chosen += [(root, path) for path in corpus_files(root)]
    for root in corpora:
        chosen += [(root, path) for path in corpus_files(root)[::step]]
    return chosen


def read_all(files: list[tuple[Path, Path]]) -> dict[str, dict]:
    """Per file (named by its corpus and path): its articles' fields and its skips."""
    chrome = BoilerplateFilter()
    out = {}
    for root, path in files:
        rel = relative_name(root, path)
        articles, skipped = read_one(FileTask(str(path), rel, 0, None, path == root), chrome)
        read = {"articles": [dataclasses.asdict(a) for a in articles], "skipped": [[s.path, s.reason] for s in skipped]}
        out[f"{root.name}/{rel}"] = json.loads(json.dumps(read))  # as saved: tuples are lists
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write what is read to this JSON Lines file")
    action.add_argument("--compare", type=Path, help="compare what is read with this saved file")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a generated corpus to sample (default: /tmp/bigapp/work/corpus-10000 if present)")
    parser.add_argument("--step", type=int, default=3, help="read every STEP-th file of each corpus (default: 3)")
    args = parser.parse_args()
    corpora = args.corpus or [p for p in [Path("/tmp/bigapp/work/corpus-10000")] if p.is_dir()]
    read = read_all(chosen_files(corpora, args.step))
    articles = sum(len(v["articles"]) for v in read.values())
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for name, value in read.items():
                out.write(json.dumps({"file": name, **value}, ensure_ascii=False) + "\n")
        print(f"saved {len(read):,} files, {articles:,} articles to {args.save}")
        return 0
    saved = {}
    with args.compare.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            saved[record.pop("file")] = record
    differing = [name for name in sorted(saved.keys() | read.keys()) if saved.get(name) != read.get(name)]
    for name in differing[:20]:
        print(f"differs: {name}")
        before, after = saved.get(name), read.get(name)
        if before and after:
            for a, b in zip(before["articles"], after["articles"], strict=False):
                for key in a:
                    if a[key] != b.get(key):
                        print(f"    {key}: {a[key]!r:.200}\n      → {b.get(key)!r:.200}")
    print(f"compared {len(read):,} files, {articles:,} articles: {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
