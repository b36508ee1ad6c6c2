"""Write an N-article benchmark corpus, generated deterministically from the bundled samples.

usage: python bench/make_corpus.py OUT_DIR [-n 1000] [--seed 0]

Article k is sample ``k % 5`` (as the corpus loader reads it), changed so that every text is distinct
(each distinct text is parsed once by the model, since the parse cache is keyed by text):
  - paragraphs shuffled (never the same order twice for one sample),
  - some figures scaled (never years, dates, times, decimals or numbers inside names like "Su-25"),
  - the date shifted by -30..+60 days (articles with no date get one), the title varied,
  - its own path: ``OUTLET/YYYY-MM/KKKK-slug.EXT``.
Each file keeps its sample's format (plain-text scrape, Markdown or WordPress JSON), with the
source, byline, date and URL written the way that format states them, so the loader reads them back.

OUT_DIR must be empty (or not exist yet) and outside the repository: the generated corpus is
never committed.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATE = date(2020, 10, 10)  # for samples that state no date
TITLE_PREFIXES = ("", "", "Update: ", "Analysis: ", "Live: ", "Explainer: ")
EXTENSIONS = {"plaintext": ".txt", "markdown": ".md", "wordpress": ".json"}
SCALE_SHARE = 0.3  # share of the figures that are scaled
SCALES = (2, 3, 4, 5)

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A bare figure: digits (with thousands commas), not part of a word, a name ("Su-25"), a decimal, a time.
_FIGURE = re.compile(r"(?<![\w.,:/\-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:/]|[.,]\d|-\w)")
_MONTH_NEAR = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")[a-z]*\.?$|^,?\s+(" + "|".join(_MONTH_NAMES) + r")",
                         re.IGNORECASE)
# Markdown marks that could change a paragraph's text: escaped so the renderer gives back the words.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&])")
_MD_ORDERED = re.compile(r"^(\d+)(?=[.)])")
_PERCENT = re.compile(r"\s*(?:%|percent|per cent)")


def keep_figure(text: str, start: int, end: int) -> bool:
    """A figure left as it is: a year (1900-2099), the day of a date ("October 9", "9 October"), a
    percentage (scaled, it could pass 100)."""
    figure = text[start:end]
    if len(figure) == 4 and figure[:2] in ("19", "20"):
        return True
    before = text[max(0, start - 12):start].rstrip()
    after = text[end:end + 12]
    return bool(_MONTH_NEAR.search(before) or _MONTH_NEAR.match(after) or _PERCENT.match(after))


def scale_figures(text: str, rng: random.Random) -> str:
    """Multiply about SCALE_SHARE of the text's plain figures by 2-5, keeping their comma style."""

    def replace(m: re.Match) -> str:
        if keep_figure(text, m.start(), m.end()) or rng.random() >= SCALE_SHARE:
            return m.group(0)
        value = int(m.group(0).replace(",", "")) * rng.choice(SCALES)
        return f"{value:,}" if "," in m.group(0) or value >= 10_000 else str(value)

    return _FIGURE.sub(replace, text)


def slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "article"


def credit_line(source: str, byline: str) -> str:
    """The line the loader reads source and byline from ("By NAME for AGENCY", "Source: OUTLET")."""
    if byline and source:
        return f"By {byline} for {source}"
    if byline:
        return f"By {byline}"
    return f"Source: {source}" if source else ""


def date_line(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def escape_markdown(paragraph: str) -> str:
    """The paragraph as Markdown that renders back to exactly its words (marks and list starts escaped)."""
    escaped = _MD_INLINE.sub(r"\\\1", paragraph)
    if _MD_ORDERED.match(escaped):  # "1. " would start a list
        return _MD_ORDERED.sub(r"\1\\", escaped, count=1)
    return "\\" + escaped if escaped[:1] in "#>-+=" else escaped


def render(fmt: str, article: dict) -> str:
    """The file text of one generated article in the format of its sample."""
    credit = credit_line(article["source"], article["byline"])
    paragraphs = article["paragraphs"]
    if fmt == "wordpress":
        body = ([credit] if credit else []) + paragraphs
        post = {
            "id": article["number"],
            "date": f"{article['date'].isoformat()}T12:00:00",
            "link": article["url"],
            "title": {"rendered": html.escape(article["title"])},
            "content": {"rendered": "\n".join(f"<p>{html.escape(p)}</p>" for p in body)},
        }
        return json.dumps(post, ensure_ascii=False)
    head = [credit] if credit else []
    head.append(date_line(article["date"]))
    trailer = [f"Original url: {article['url']}"] if article["url"] else []
    if fmt == "markdown":
        blocks = ["# " + escape_markdown(article["title"])] + head + [escape_markdown(p) for p in paragraphs]
    else:  # plain-text scrape: the title on the first line
        blocks = [article["title"]] + head + paragraphs
    return "\n\n".join(blocks + trailer) + "\n"


def vary(sample, number: int, variant: int, rng: random.Random, seen: set) -> dict:
    """Generated article ``number``, the sample's ``variant``-th: new order, figures, date, title and URL."""
    paragraphs = list(sample.paragraphs)
    if variant > 0:  # the first variant of each sample keeps its order
        for _ in range(100):  # an order this sample has not had yet
            rng.shuffle(paragraphs)
            if tuple(paragraphs) not in seen:
                break
    seen.add(tuple(paragraphs))
    day = (date.fromisoformat(sample.date) if sample.date else DEFAULT_DATE) + timedelta(days=rng.randint(-30, 60))
    title = sample.title if variant == 0 else f"{rng.choice(TITLE_PREFIXES)}{sample.title} #{variant}"
    return {
        "number": number,
        "title": title,
        "paragraphs": [scale_figures(p, rng) for p in paragraphs],
        "source": sample.source,
        "byline": sample.byline,
        "date": day,
        "url": f"{sample.url}{'&' if '?' in sample.url else '?'}copy={number}" if sample.url else "",
    }


def check_out_dir(out: Path) -> None:
    """OUT_DIR must be empty or new, and outside the repository."""
    resolved = out.expanduser().resolve()
    if resolved == REPO or REPO in resolved.parents:
        raise SystemExit(f"make_corpus: {out} is inside the repository; write the corpus elsewhere (it is never committed)")
    if resolved.exists() and (not resolved.is_dir() or any(resolved.iterdir())):
        raise SystemExit(f"make_corpus: {out} exists and is not an empty folder")


def make_corpus(out: Path, n: int = 1000, seed: int = 0) -> list[Path]:
    """Write ``n`` generated articles below ``out``; returns their paths (article k is the k-th)."""
    from claimdesk.annotations.corpus import load_corpus

    check_out_dir(out)
    samples = load_corpus().articles
    seen: list[set] = [set() for _ in samples]
    written = []
    for number in range(n):
        which, variant = number % len(samples), number // len(samples)
        sample = samples[which]
        article = vary(sample, number, variant, random.Random(f"{seed}:{number}"), seen[which])
        folder = out / slug(sample.source or "unknown", 3) / f"{article['date']:%Y-%m}"
        path = folder / f"{number:04d}-{slug(sample.title)}{EXTENSIONS[sample.format]}"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(render(sample.format, article), "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", metavar="OUT_DIR", type=Path, help="folder to write (new or empty, outside the repo)")
    ap.add_argument("-n", type=int, default=1000, help="number of articles (default: 1000)")
    ap.add_argument("--seed", type=int, default=0, help="variation seed (default: 0)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("-n must be at least 1")
    written = make_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(written)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
