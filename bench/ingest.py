"""Ingest speed and memory of the streamed corpus shapes: a CSV, a JSON Lines file, a web archive.

usage: python bench/ingest.py [--rows 100000] [--lines 200000] [--docs 100000] [--pages 2000] [--small 10]

Builds, in a temporary folder (never committed), from the bundled sample articles:
  - a CSV of ``--rows`` rows (headline, body, published_at, link, outlet columns; quoted newlines),
  - a JSON Lines file of ``--lines`` records,
  - a news-API style JSON document (``{"status": "ok", "articles": [...]}``) of ``--docs`` records,
  - a .warc.gz of ``--pages`` HTML responses (the saved pages under tests/fixtures, each under its own
    URL), plus a request record for each page (skipped and counted),
and the same at 1/``--small`` of the size. Each file is read in a fresh process with ``iter_corpus``
(articles handled one at a time and dropped, as an exporter or an indexer would), which reports
articles/s and its peak resident memory (ru_maxrss) above the memory it had after importing the
loader. Streaming means the peak must be about the same at both sizes: it is printed for both, with
their ratio. ``--hold`` also measures ``load_corpus``, which keeps every article (so its memory grows
with the corpus, by the articles' own size).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [*sorted((REPO / "tests" / "fixtures" / "pages").glob("*.html")), REPO / "tests" / "fixtures" / "cnn_page.html"]


def sample_records() -> list[dict]:
    from claimdesk.annotations.corpus import load_corpus

    return [{"headline": a.title, "body": a.text, "published_at": a.date or "2020-10-10", "link": a.url,
             "outlet": a.source} for a in load_corpus().articles]


def varied(samples: list[dict], n: int):
    for i in range(n):
        record = dict(samples[i % len(samples)])
        record["headline"] = f"{record['headline']} ({i})"
        record["link"] = f"https://example.test/story/{i}"
        yield record


def write_csv(path: Path, samples: list[dict], n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(samples[0]))
        writer.writeheader()
        writer.writerows(varied(samples, n))


def write_jsonl(path: Path, samples: list[dict], n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in varied(samples, n):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_api_json(path: Path, samples: list[dict], n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f'{{"status": "ok", "totalResults": {n}, "articles": [')
        for i, record in enumerate(varied(samples, n)):
            api = {"source": {"id": None, "name": record["outlet"]}, "title": record["headline"],
                   "url": record["link"], "publishedAt": record["published_at"], "content": record["body"]}
            handle.write(("," if i else "") + json.dumps(api, ensure_ascii=False))
        handle.write("]}")


def write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [p.read_bytes() for p in PAGES]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(n):
            url = f"https://example.test/page/{i}"
            request = StatusAndHeaders(f"GET /page/{i} HTTP/1.1", [("Host", "example.test")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(pages[i % len(pages)]),
                                                          http_headers=headers))


def measure(path: Path, hold: bool) -> dict:
    """Run the loader on ``path`` in a fresh process: articles, skips, seconds, memory in MB."""
    code = f"""
import json, resource, time
from claimdesk.annotations.corpus import iter_corpus, load_corpus, Skipped
import claimdesk.annotations.corpus.delimited, claimdesk.annotations.corpus.jsonlines, claimdesk.annotations.corpus.warc
import claimdesk.annotations.corpus.htmlpage, claimdesk.annotations.corpus.jsondoc, ijson, trafilatura
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
articles = skipped = 0
if {hold!r}:
    corpus = load_corpus({str(path)!r})
    articles, skipped = len(corpus.articles), len(corpus.skipped)
else:
    for item in iter_corpus({str(path)!r}):
        if isinstance(item, Skipped):
            skipped += 1
        else:
            articles += 1
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(dict(articles=articles, skipped=skipped, seconds=seconds, base_mb=base / 1024,
                      peak_mb=peak / 1024)))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000, help="CSV rows (default: 100000)")
    ap.add_argument("--lines", type=int, default=200_000, help="JSON Lines records (default: 200000)")
    ap.add_argument("--docs", type=int, default=100_000, help="news-API JSON records (default: 100000)")
    ap.add_argument("--pages", type=int, default=2_000, help="web archive pages (default: 2000)")
    ap.add_argument("--small", type=int, default=10, help="the smaller size is 1/SMALL of each (default: 10)")
    ap.add_argument("--only", choices=("csv", "jsonl", "json", "warc.gz"), action="append",
                    help="measure only this shape (may be given again)")
    ap.add_argument("--hold", action="store_true", help="also measure load_corpus, which keeps every article")
    args = ap.parse_args()
    samples = sample_records()
    shapes = (("csv", ".csv", args.rows, lambda p, n: write_csv(p, samples, n)),
              ("jsonl", ".jsonl", args.lines, lambda p, n: write_jsonl(p, samples, n)),
              ("json", ".json", args.docs, lambda p, n: write_api_json(p, samples, n)),
              ("warc.gz", ".warc.gz", args.pages, write_warc))
    print(f"{'file':<9} {'records':>8} {'MB':>7} {'loader':<11} {'articles':>8} {'skipped':>7} "
          f"{'art/s':>7} {'peak MB':>8} {'above base':>10}")
    with tempfile.TemporaryDirectory(prefix="claimdesk-ingest-") as tmp:
        for name, suffix, full, write in shapes:
            if args.only and name not in args.only:
                continue
            peaks = []
            for n in (max(1, full // args.small), full):
                path = Path(tmp) / f"{name}-{n}{suffix}"
                write(path, n)
                for hold in (False, True) if args.hold else (False,):
                    r = measure(path, hold)
                    growth = r["peak_mb"] - r["base_mb"]
                    if not hold:
                        peaks.append(growth)
                    print(f"{name:<9} {n:>8} {path.stat().st_size / 2**20:>7.0f} "
                          f"{'load_corpus' if hold else 'iter_corpus':<11} {r['articles']:>8} {r['skipped']:>7} "
                          f"{r['articles'] / r['seconds']:>7.0f} {r['peak_mb']:>8.0f} {growth:>10.1f}")
                path.unlink()
            print(f"{name:<9} memory above base, full size / small size: {peaks[1]:.1f} / {peaks[0]:.1f} MB "
                  f"(x{peaks[1] / max(peaks[0], 0.1):.2f} for x{args.small} the records)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
