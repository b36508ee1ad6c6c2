"""The annotation store at scale: time from "accept" to durable, the longest pause, open time and file
sizes, for claimdesk's store and for plain TinyDB (JSONStorage) in the same run.

    python bench/store.py [--dir DIR] [--sizes 10000,100000] [--samples 1500]

For each size N (existing decisions, one journal entry each, as a long review leaves them):

- ours: p50 / p95 / max of one ``accept`` until it is on disk (journal append + fdatasync) over
  ``--samples`` accepts, which include the checkpoints due every 500 actions (written by a background
  thread), and how many took over 33 ms (two frames);
- "no ckpt max": the same accepts with no checkpoint at all — what this machine's scheduler and disk
  alone give (2 shared cores: other processes' turns show up as pauses);
- "old ckpt": the pause the previous design took in the caller's thread every 500 actions (the whole
  database serialised and written, as ``AtomicJSONStorage.write``);
- open time (warm file cache; wall clock and CPU time), close time, the database file and journal
  sizes, and the journal after ``compact(undo_depth=1000)``;
- plain TinyDB: p50 / p95 / max of one insert (rewrite the whole file, flush, fsync), its open (the
  first read parses the file) and its file size.

Targets (issue 19): no pause a reviewer can feel (ours max near the no-checkpoint max, well under the
old checkpoint), open <= 1 s at 100,000.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import AtomicJSONStorage, open_store
from claimdesk.annotations.store import journal as journal_mod

TEXT = ("Nagorno-Karabakh officials said 1,119 troops had been killed since the fighting began, "
        "and the Azerbaijani side said some 400 civilians were wounded, according to AP reports.")
SELECTOR = make_selector(TEXT, TEXT.index("1,119 troops"), TEXT.index("1,119 troops") + len("1,119 troops"))
ORIGINAL = {"value": 1119, "approx": "exact", "counted": "troops", "predicate": "killed",
            "source": "Nagorno-Karabakh officials", "date": "2020-10-29"}
MS = 1000.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def build_ours(path: Path, n: int) -> None:
    """N decisions, one journal entry each (fsync skipped and one checkpoint at the end, to build fast)."""
    real_sync = journal_mod._sync
    journal_mod._sync = lambda fd: None
    try:
        with open_store(path, reviewer="bench", checkpoint_every=10**9) as store:
            for i in range(n):
                store.accept(f"c{i}", f"art{i // 10}", SELECTOR, original=ORIGINAL)
            store.checkpoint()
    finally:
        journal_mod._sync = real_sync


def doc(i: int | str, article: str) -> dict:
    return {"id": f"c{i}", "article": article, "status": "accepted", "fields": {}, "selector": SELECTOR,
            "original": ORIGINAL, "reviewer": "bench", "at": "2024-01-01T00:00:00.000Z"}


def timed_accepts(store, samples: int, prefix: str) -> list[float]:
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        store.accept(f"{prefix}{i}", f"art{i % 50}", SELECTOR, original=ORIGINAL)
        times.append(time.perf_counter() - t0)
    return times


def measure_ours(path: Path, samples: int) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    store = open_store(path, reviewer="bench")
    opened, opened_cpu = time.perf_counter() - started, time.process_time() - cpu
    times = timed_accepts(store, samples, "new")
    t0 = time.perf_counter()
    store.close()
    closed = time.perf_counter() - t0
    warnings = list(store.warnings)
    with open_store(path, reviewer="bench", checkpoint_every=10**9) as store:  # the machine's own noise
        quiet = timed_accepts(store, samples, "quiet")
    data = json.loads(path.read_bytes())
    t0 = time.perf_counter()
    AtomicJSONStorage(path.with_name("old-checkpoint.json")).write(data)  # the previous design's pause
    old_checkpoint = time.perf_counter() - t0
    del data
    journal = journal_mod.journal_path(path)
    size = journal.stat().st_size
    with open_store(path, reviewer="bench") as store:
        t0 = time.perf_counter()
        store.compact(undo_depth=1000)
        compacted = time.perf_counter() - t0
    return {"times": times, "quiet": quiet, "open": opened, "open_cpu": opened_cpu, "old": old_checkpoint,
            "close": closed, "db": path.stat().st_size, "journal": size, "compacted": journal.stat().st_size,
            "compact_time": compacted, "warnings": warnings}


def measure_plain(path: Path, n: int, samples: int) -> dict:
    db = TinyDB(path)  # JSONStorage: rewrites the file in place, flush + fsync
    db.table("claims").insert_multiple(doc(i, f"art{i // 10}") for i in range(n))
    db.close()
    started, cpu = time.perf_counter(), time.process_time()
    db = TinyDB(path)
    claims = db.table("claims")
    claims.get(doc_id=1)  # TinyDB reads (parses) the whole file on first access
    opened, opened_cpu = time.perf_counter() - started, time.process_time() - cpu
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        claims.insert(doc(f"new{i}", f"art{i % 50}"))
        times.append(time.perf_counter() - t0)
    db.close()
    return {"times": times, "open": opened, "open_cpu": opened_cpu, "db": path.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: a temp dir)")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--samples", type=int, default=1500, help="accepts timed for our store (default 1500: "
                                                                   "three background checkpoints)")
    parser.add_argument("--plain-samples", type=int, default=20, help="inserts timed for plain TinyDB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print(f"accept -> durable, in ms ({args.samples} accepts ours, checkpoints every 500 included; "
              f"{args.plain_samples} inserts plain TinyDB); open and close in ms; sizes in MB")
        header = (f"{'existing':>9} | {'ours p50':>8} {'p95':>5} {'max':>5} {'>33':>4} {'no ckpt max':>11} "
                  f"{'old ckpt':>8} {'open':>5} {'(cpu)':>5} {'close':>5} {'db':>5} {'journal':>7} "
                  f"{'compacted':>9} | {'TinyDB p50':>10} {'p95':>6} {'open':>5} {'(cpu)':>5} {'db':>5} | "
                  f"{'p95 ratio':>9} {'max ratio':>9} {'open ratio':>10}")
        print(header)
        print("-" * len(header))
        for n in (int(s) for s in args.sizes.split(",")):
            ours_path, plain_path = Path(tmp) / f"ours{n}.json", Path(tmp) / f"plain{n}.json"
            build_ours(ours_path, n)
            ours = measure_ours(ours_path, args.samples)
            plain = measure_plain(plain_path, n, args.plain_samples)
            o, p = ours["times"], plain["times"]
            print(f"{n:>9,} | {statistics.median(o) * MS:8.2f} {percentile(o, 95) * MS:5.1f} {max(o) * MS:5.0f} "
                  f"{sum(t > 0.033 for t in o):4d} {max(ours['quiet']) * MS:11.0f} {ours['old'] * MS:8.0f} "
                  f"{ours['open'] * MS:5.0f} {ours['open_cpu'] * MS:5.0f} {ours['close'] * MS:5.0f} "
                  f"{ours['db'] / 1e6:5.1f} {ours['journal'] / 1e6:7.1f} "
                  f"{ours['compacted'] / 1e6:5.1f} {ours['compact_time']:2.0f}s | "
                  f"{statistics.median(p) * MS:10.1f} {percentile(p, 95) * MS:6.0f} "
                  f"{plain['open'] * MS:5.0f} {plain['open_cpu'] * MS:5.0f} {plain['db'] / 1e6:5.1f} | "
                  f"{percentile(o, 95) / percentile(p, 95):8.4f}x {max(o) / max(p):8.4f}x "
                  f"{ours['open'] / plain['open']:9.2f}x")
            for warning in ours["warnings"]:
                print(f"  warning: {warning}")
            for leftover in Path(tmp).iterdir():
                if leftover.is_file():
                    leftover.unlink()
        print("sizes in MB; compacted: the journal after compact(undo_depth=1000), and how long that took")
        print("targets: ours max near the no-checkpoint max and far under the old checkpoint; "
              "open <= 1000 ms at 100,000")


if __name__ == "__main__":
    main()
