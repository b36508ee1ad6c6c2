"""Guard for work on the corpus readers: what they read, saved once and compared after a change.

Every file of the chosen corpora is read as an index build reads it (one file at a time, the built-in
chrome patterns) and each article's every field (path, title, text, metadata, format, problems), and
each skipped file or record with its reason, is written as one JSON line. ``--compare`` reads the
same files again and names every file whose articles or skips differ from the saved ones.

    python bench/reader_guard.py --save /tmp/readers-work/before.jsonl
    python bench/reader_guard.py --compare /tmp/readers-work/before.jsonl

By default the files are the bundled samples, the test fixtures (saved pages, feeds, tables, JSON),
every third file of a generated corpus given with ``--corpus`` (several may be given), and
``--variants`` copies of its files (default 600) with lines of chrome, credits, dates, URL labels,
Markdown marks, odd white space and control characters put in at random places (the same each run).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
from pathlib import Path

from claimdesk.annotations.corpus import bundled_corpus_path, corpus_files, relative_name
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter
from claimdesk.annotations.corpus.parallel import FileTask, read_one

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "tests" / "fixtures" / "shapes", ROOT / "tests" / "fixtures" / "pages",
            ROOT / "tests" / "fixtures" / "cnn_page.html"]


# Lines a variant gets: chrome and its near misses, credit, date and URL lines, Markdown marks, white space
# of every kind, escapes and controls, letters re folds to ASCII ones.
VARIANT_LINES = [
    "We use cookies to improve your experience.", "Accept all cookies", "Cookie policy", "cookies accepted",
    "Copyright 2020 Reuters. All rights reserved.", "(© AFP) all rights reserved", "Your support helps us",
    "Make a donation today", "We are a small newsroom and our work is free.", "This story was published from a syndicated feed.",
    "Read more: the rest", "Share on Facebook", "Sign up for our newsletter today", "----", "Advertisement",
    "3 comments", "Click here to watch the video: 'Troops move into the city'", "Troops move into the city",
    "Photos: the aftermath", "By Ann Lee and Bo Chen, Reuters", "By John O'Neil", "Source: AFP", "Via AP Wire",
    "(With inputs from Reuters)", "Reporting by the Associated Press.", "Reuters writers Ann Lee contributed to this report.",
    "(Copyright 2020 AP) x)", "(AP) — The talks", "October 9, 2020", "Published: Friday, 9 Oct 2020 at 10:30 GMT",
    "2020-10-09T10:00:00Z", "Original url: https://news.example/a", "Source link", "<https://news.example/b>",
    "# A heading", "## Sub #2", "# Closed #", "Title\n====", "- a list item", "1. an ordered item", "> a quote",
    "    indented", "**bold** text and _emphasis_", "[a link](http://x.y) and `code`", "<u>html</u> &amp; entities",
    "a line with  two spaces", "tab\tinside", "no-break\u00a0space", "em\u2003space", "soft\u00adhyphen",
    "zero\u200bwidth", "\x1b[31mred\x1b[0m text", "\x1b]0;title\x07after", "bidi \u202eevil\u202c", "cr\r\nlf",
    "We uſe cookies", "cookİe policy", "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ", "", "   ", "Ellipsis…", "\"Quoted headline?\"",
]


def _mutated(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(VARIANT_LINES))
    return "\n".join(lines)


def write_variants(sources: list[Path], count: int, folder: Path) -> None:
    """``count`` mutated copies of ``sources`` in ``folder`` (a WordPress post's title and HTML paragraphs
    mutated alike), the same every run."""
    rng = random.Random(19)
    for i in range(count):
        source = sources[rng.randrange(len(sources))]
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".json":
            post = json.loads(text)
            post["title"]["rendered"] = _mutated(post["title"]["rendered"], rng) if rng.random() < 0.2 else \
                post["title"]["rendered"]
            html = post["content"]["rendered"].split("\n")
            for _ in range(rng.randint(1, 8)):
                line = rng.choice(VARIANT_LINES)
                tag = rng.choice(["<p>{}</p>", "<p>{} <strong>AFP</strong></p>", "<h2>{}</h2>", "<li>{}</li>", "{}"])
                html.insert(rng.randint(0, len(html)), tag.format(line))
            post["content"]["rendered"] = "\n".join(html)
            text = json.dumps(post, ensure_ascii=rng.random() < 0.5)
        else:
            text = _mutated(text, rng)
        (folder / f"{i:04d}{source.suffix}").write_text(text, encoding="utf-8")


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
    parser.add_argument("--variants", type=int, default=600, help="mutated copies of corpus files (default: 600)")
    args = parser.parse_args()
    corpora = args.corpus or [p for p in [Path("/tmp/bigapp/work/corpus-10000")] if p.is_dir()]
    with tempfile.TemporaryDirectory() as scratch:
        files = chosen_files(corpora, args.step)
        if args.variants and corpora:
            variants = Path(scratch) / "variants"
            variants.mkdir()
            write_variants(corpus_files(corpora[0])[:300], args.variants, variants)
            files += [(variants, path) for path in corpus_files(variants)]
        read = read_all(files)
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
