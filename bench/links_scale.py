"""Link suggestions at scale: time and peak memory of ranking 1,000 / 10,000 / 100,000 articles, with the
all-pairs ranking used before as the baseline.

usage: python bench/links_scale.py [--sizes 1000,10000,100000] [--baseline-up-to 10000] [--recall 300]
       python bench/links_scale.py --corpus DIR --cache DIR   (a corpus generated and extracted for real)

Every measurement runs in a process of its own, so its peak RSS is its own. The process makes a review
session over the claims of N articles (bench/links_corpus.py: the samples' extracted claims, varied as
bench/make_corpus.py varies the text; with --corpus, the corpus's claims from its warm parse cache), reads
every article's claims once (as the app has by the time it ranks), then measures one ranker:

  index      SuggestionIndex.build (in the app: a worker thread), then one suggest() (median of 200
             claims), update() after a correction and after a rejection;
  all pairs  the ranking used before (bench/links_allpairs.py): every claim against every claim that
             counts something alike. Run up to --baseline-up-to articles (it grows with the square).

Printed per size and ranker: claims, wall and CPU seconds, RSS before ranking (the session), peak RSS, and
the growth per 10x articles; for the index, the recall against all pairs on --recall random claims (the
all-pairs top 3, exact scores >= 0.3, found among the index's candidates; claims whose top-3 scores
differ; the largest score lost), measured after the peak is taken.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_env import XDG_VARS
from links_allpairs import all_pairs_ranking
from links_corpus import synthetic_session

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.links import SuggestionIndex
from claimdesk.annotations.links.terms import stop_words
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store

BENCH = Path(__file__).resolve().parent


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """The process's peak resident memory (Linux VmHWM: unlike getrusage's maxrss, not inherited from the
    parent that started it), in MB."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


# -- in the measuring process -------------------------------------------------------------------------

def load_session(args):
    """The session to rank: synthetic claims of ``args.articles`` articles, or ``args.corpus`` extracted."""
    stop_words()  # spaCy's stop words: the app has them loaded before it ranks
    db = Path(tempfile.mkdtemp(prefix="claimdesk-bench-links-scale-")) / "review.json"
    if args.corpus:
        corpus = load_corpus(args.corpus)
        session = ReviewSession(corpus, open_store(db, corpus=corpus.root, reviewer="bench"))
        for result in Extractor().extract(corpus.articles):
            session.set_extraction(result)
    else:
        with open(args.samples, "rb") as f:
            extractions = pickle.load(f)
        store = open_store(db, corpus=bundled_corpus_path(), reviewer="bench")
        session = synthetic_session(extractions, args.articles, store=store)
    for article in session.articles:
        session.claims(article.id)
    return session


def recall(session, index, sample_size: int) -> dict:
    """The all-pairs top 3 of ``sample_size`` random claims against the index's candidates and suggestions."""
    claims = [c.id for c in session.all_claims() if c.status != "rejected"]
    sample = set(random.Random(0).sample(claims, min(sample_size, len(claims))))
    reference = all_pairs_ranking(session, sample)
    pairs = missed = differ = 0
    lost = 0.0
    for claim_id in sample:
        best = [(partner, s) for partner, s in reference.get(claim_id, [])[:3] if s >= 0.3]
        candidates = index.candidates(claim_id)
        pairs += len(best)
        missed += sum(partner not in candidates for partner, _ in best)
        got = [s.score for s in index.suggest(claim_id, k=3)]
        differ += [round(s, 4) for _, s in best] != got
        lost = max([lost] + [s - g for (_, s), g in zip(best, got + [0.0] * 3, strict=False)])
    return {"sample": len(sample), "pairs": pairs, "missed": missed, "differ": differ, "lost": lost}


def measure(args) -> dict:
    session = load_session(args)
    before = rss_mb()
    out = {"ranker": args.child, "articles": len(session.articles), "rss_before": before}
    if args.child == "all-pairs":
        ranked, out["wall"], out["cpu"] = timed(all_pairs_ranking, session)
        out["claims"] = len(ranked)
        out["peak"] = peak_mb()
        return out
    index, out["wall"], out["cpu"] = timed(SuggestionIndex.build, session)
    out["claims"] = len(index)
    claims = [c for c in session.all_claims() if c.status != "rejected"]
    out["suggest_ms"] = statistics.median(timed(index.suggest, c)[1] for c in claims[::max(1, len(claims) // 200)]) * 1000
    target = next(c for c in claims[len(claims) // 2:] if c.fields.get("approx") == "exact")
    session.correct(target, dict(target.fields, value="1,234"))
    out["correct_ms"] = timed(index.update, session, [target.article])[1] * 1000
    rejected = claims[len(claims) // 3]
    session.reject(rejected)
    out["reject_ms"] = timed(index.update, session, [rejected.article])[1] * 1000
    out["peak"] = peak_mb()
    if args.recall:
        out["recall"] = recall(session, index, args.recall)
    return out


# -- the parent: one process per measurement, then the table ---------------------------------------------

def extract_samples(tmp: Path) -> Path:
    """The samples' extraction (the model parses them once), pickled for the measuring processes."""
    samples = load_corpus()
    path = tmp / "samples.pickle"
    with open(path, "wb") as f:
        pickle.dump(list(Extractor().extract(samples.articles)), f)
    return path


def run_child(args, ranker: str, articles: int, samples: Path | None, env: dict) -> dict:
    command = [sys.executable, str(BENCH / "links_scale.py"), "--child", ranker, "--articles", str(articles),
               "--recall", str(args.recall if ranker == "index" else 0)]
    command += ["--corpus", str(args.corpus)] if args.corpus else ["--samples", str(samples)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"links_scale: {ranker} at {articles:,} articles failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def print_table(rows: list[dict]) -> None:
    print(f"{'ranker':<10} {'articles':>9} {'claims':>9} {'wall s':>8} {'CPU s':>8} {'session MB':>11} "
          f"{'peak MB':>8} {'ranking MB':>11}")
    for row in rows:
        print(f"{row['ranker']:<10} {row['articles']:>9,} {row['claims']:>9,} {row['wall']:>8.2f} {row['cpu']:>8.2f} "
              f"{row['rss_before']:>11.0f} {row['peak']:>8.0f} {row['peak'] - row['rss_before']:>11.0f}")
    for ranker in ("index", "all-pairs"):
        mine = [r for r in rows if r["ranker"] == ranker]
        for small, big in itertools.pairwise(mine):
            print(f"growth {ranker}: {small['articles']:,} → {big['articles']:,} articles "
                  f"({big['claims'] / small['claims']:.1f}x claims): {big['cpu'] / small['cpu']:.1f}x CPU time, "
                  f"{(big['peak'] - big['rss_before']) / max(small['peak'] - small['rss_before'], 1):.1f}x ranking memory")
    for row in rows:
        base = next((r for r in rows if r["ranker"] == "all-pairs" and r["articles"] == row["articles"]), None)
        if row["ranker"] == "index" and base:
            print(f"at {row['articles']:,} articles the index takes {row['cpu'] / base['cpu']:.3f}x the all-pairs "
                  f"CPU time and {(row['peak'] - row['rss_before']) / max(base['peak'] - base['rss_before'], 1):.2f}x "
                  f"its memory")
    print()
    for row in (r for r in rows if r["ranker"] == "index"):
        line = (f"index at {row['articles']:,}: suggest() {row['suggest_ms']:.2f} ms (median), update() after a "
                f"correction {row['correct_ms']:.1f} ms, after a rejection {row['reject_ms']:.1f} ms")
        print(line)
        if "recall" in row:
            r = row["recall"]
            print(f"  recall against all pairs on {r['sample']} random claims: {r['pairs'] - r['missed']} of "
                  f"{r['pairs']} top-3 partners are candidates; {r['differ']} claims' top-3 scores differ, by at "
                  f"most {r['lost']:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="articles per run, comma-separated")
    ap.add_argument("--baseline-up-to", type=int, default=10000, metavar="N",
                    help="run the all-pairs ranking up to N articles (default 10000; it grows with the square)")
    ap.add_argument("--recall", type=int, default=300, metavar="K", help="claims sampled for the recall (0: none)")
    ap.add_argument("--corpus", type=Path, help="an extracted corpus instead of synthetic claims")
    ap.add_argument("--cache", type=Path, help="its parse cache (XDG_CACHE_HOME; default: a temporary folder)")
    ap.add_argument("--child", choices=("index", "all-pairs"), help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--samples", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="claimdesk-bench-links-scale-"))
    env = dict(os.environ)
    for var in XDG_VARS:
        env[var] = str(args.cache if var == "XDG_CACHE_HOME" and args.cache else tmp / var.lower())
        os.environ[var] = env[var]
    sizes = [0] if args.corpus else [int(n) for n in args.sizes.split(",")]
    samples = None if args.corpus else extract_samples(tmp)
    print(f"Link suggestions: {'corpus ' + str(args.corpus) if args.corpus else 'synthetic claims'}, "
          f"{os.cpu_count()} cores\n")
    rows = []
    for articles in sizes:
        rows.append(run_child(args, "index", articles, samples, env))
        if args.corpus or articles <= args.baseline_up_to:
            rows.append(run_child(args, "all-pairs", articles, samples, env))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
