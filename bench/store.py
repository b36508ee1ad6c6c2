"""The annotation store at scale: time from "accept" to durable, the longest pause, open time and file
sizes, for claimdesk's store and for plain TinyDB (JSONStorage) in the same run.

    python bench/store.py [--dir DIR] [--sizes 10000,100000] [--samples 1500]

For each size N (existing decisions, one journal entry each, as a long review leaves them):

- ours: p50 / p95 / max of one ``accept`` until it is on disk (journal append + fdatasync), over
  ``--samples`` accepts, which include the checkpoints due every 500 actions (written by a background
  thread); the open time (warm file cache; wall clock and CPU time: on a shared machine the wall clock
  also counts other processes' turns); close time; the database file and journal sizes;
- "sync ckpt": what one checkpoint costs when it is written in the caller's thread, as before
  (the pause one accept in 500 used to take);
- plain TinyDB: p50 / p95 / max of one insert (rewrite the whole file, flush, fsync), its open (the
  first read parses the file) and its file size.

Targets (issue 19): no pause a reviewer can feel (ours max well under 33 ms), open <= 1 s at 100,000.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import journal as journal_mod
from claimdesk.annotations.store import open_store

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


def measure_ours(path: Path, samples: int) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    store = open_store(path, reviewer="bench")
    opened, opened_cpu = time.perf_counter() - started, time.process_time() - cpu
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        store.accept(f"new{i}", f"art{i % 50}", SELECTOR, original=ORIGINAL)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    store.checkpoint()  # in this thread: the pause every 500th accept took before checkpoints moved out
    sync_checkpoint = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.close()
    closed = time.perf_counter() - t0
    journal = journal_mod.journal_path(path)
    return {"times": times, "open": opened, "open_cpu": opened_cpu, "sync": sync_checkpoint, "close": closed,
            "db": path.stat().st_size, "journal": journal.stat().st_size, "warnings": store.warnings}


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
        header = (f"{'existing':>9} | {'ours p50':>8} {'p95':>6} {'max':>6} {'open':>6} {'(cpu)':>6} {'close':>6} "
                  f"{'sync ckpt':>9} {'db':>6} {'journal':>7} | {'TinyDB p50':>10} {'p95':>7} {'max':>7} "
                  f"{'open':>6} {'(cpu)':>6} {'db':>6} | {'p95 ratio':>9} {'max ratio':>9} {'open ratio':>10}")
        print(header)
        print("-" * len(header))
        for n in (int(s) for s in args.sizes.split(",")):
            ours_path, plain_path = Path(tmp) / f"ours{n}.json", Path(tmp) / f"plain{n}.json"
            build_ours(ours_path, n)
            ours = measure_ours(ours_path, args.samples)
            plain = measure_plain(plain_path, n, args.plain_samples)
            o, p = ours["times"], plain["times"]
            print(f"{n:>9,} | {statistics.median(o) * MS:8.2f} {percentile(o, 95) * MS:6.2f} {max(o) * MS:6.1f} "
                  f"{ours['open'] * MS:6.0f} {ours['open_cpu'] * MS:6.0f} {ours['close'] * MS:6.0f} "
                  f"{ours['sync'] * MS:9.0f} "
                  f"{ours['db'] / 1e6:6.1f} {ours['journal'] / 1e6:7.1f} | "
                  f"{statistics.median(p) * MS:10.1f} {percentile(p, 95) * MS:7.1f} {max(p) * MS:7.1f} "
                  f"{plain['open'] * MS:6.0f} {plain['open_cpu'] * MS:6.0f} {plain['db'] / 1e6:6.1f} | "
                  f"{percentile(o, 95) / percentile(p, 95):8.4f}x {max(o) / max(p):8.4f}x "
                  f"{ours['open'] / plain['open']:9.2f}x")
            for warning in ours["warnings"]:
                print(f"  warning: {warning}")
            ours_path.unlink()
            plain_path.unlink()
        print("targets: ours max (the longest pause) well under 33 ms; open <= 1000 ms at 100,000")


if __name__ == "__main__":
    main()
