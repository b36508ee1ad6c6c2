"""Time from "accept" to durable, for our store and for plain TinyDB (JSONStorage), in the same run.

    python bench/store.py [--dir DIR] [--sizes 100,1000,10000]

For each size N (existing annotations), it prints p50 / p95 / p99 / max of the time one ``accept``
takes until it is on disk (fsynced), for claimdesk's store (journal append + fdatasync; a full
checkpoint of the TinyDB file every 500 actions is included in the samples) and for plain TinyDB
(``JSONStorage``: rewrite the whole file, flush, fsync), and the p95 ratio. Also: open time and
checkpoint time at N. Targets: p95 <= 30 ms at 10,000 and ours <= 1.2x plain TinyDB.
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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def build_ours(path: Path, n: int) -> None:
    """N existing decisions, one journal entry each (fsync skipped while building, not while measuring)."""
    real_sync = journal_mod._sync
    journal_mod._sync = lambda fd: None
    try:
        with open_store(path, reviewer="bench") as store:
            for i in range(n):
                store.accept(f"c{i}", f"art{i // 10}", SELECTOR, original=ORIGINAL)
    finally:
        journal_mod._sync = real_sync


def doc(i: int | str, article: str) -> dict:
    return {"id": f"c{i}", "article": article, "status": "accepted", "fields": {}, "selector": SELECTOR,
            "original": ORIGINAL, "reviewer": "bench", "at": "2024-01-01T00:00:00.000Z"}


def measure_ours(path: Path, samples: int) -> tuple[list[float], float, float]:
    started = time.perf_counter()
    store = open_store(path, reviewer="bench")
    opened = time.perf_counter() - started
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        store.accept(f"new{i}", f"art{i % 50}", SELECTOR, original=ORIGINAL)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    store.checkpoint()
    checkpoint = time.perf_counter() - t0
    store.close()
    return times, opened, checkpoint


def measure_plain(path: Path, n: int, samples: int) -> list[float]:
    db = TinyDB(path)  # JSONStorage: rewrites the file in place, flush + fsync
    claims = db.table("claims")
    claims.insert_multiple(doc(i, f"art{i // 10}") for i in range(n))
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        claims.insert(doc(f"new{i}", f"art{i % 50}"))
        times.append(time.perf_counter() - t0)
    db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: a temp dir)")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--samples", type=int, default=500, help="accepts timed for our store (default 500)")
    parser.add_argument("--plain-samples", type=int, default=150, help="accepts timed for plain TinyDB")
    args = parser.parse_args()
    ms = 1000.0
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print(f"accept -> durable, in ms ({args.samples} accepts ours incl. checkpoints every 500; "
              f"{args.plain_samples} plain TinyDB)")
        header = f"{'existing':>9} | {'ours p50':>8} {'p95':>6} {'p99':>6} {'max':>6} | " \
                 f"{'TinyDB p50':>10} {'p95':>6} | {'p95 ratio':>9} | {'open':>6} {'checkpt':>7} {'file':>8}"
        print(header)
        print("-" * len(header))
        for n in (int(s) for s in args.sizes.split(",")):
            ours_path, plain_path = Path(tmp) / f"ours{n}.json", Path(tmp) / f"plain{n}.json"
            build_ours(ours_path, n)
            ours, opened, checkpoint = measure_ours(ours_path, args.samples)
            plain = measure_plain(plain_path, n, args.plain_samples)
            ratio = percentile(ours, 95) / percentile(plain, 95)
            print(f"{n:>9,} | {percentile(ours, 50) * ms:8.2f} {percentile(ours, 95) * ms:6.2f} "
                  f"{percentile(ours, 99) * ms:6.2f} {max(ours) * ms:6.1f} | "
                  f"{statistics.median(plain) * ms:10.2f} {percentile(plain, 95) * ms:6.2f} | {ratio:8.3f}x | "
                  f"{opened * ms:6.0f} {checkpoint * ms:7.1f} {ours_path.stat().st_size / 1e6:6.1f}MB")
        print("targets: ours p95 <= 30 ms at 10,000; p95 ratio <= 1.2x")


if __name__ == "__main__":
    main()
