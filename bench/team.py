"""Agreement and merge for a team: 3 reviewers × 10,000 decisions each (target: each < 2 s).

    python bench/team.py [--decisions 10000] [--reviewers 3] [--repeat 3]

Builds a throwaway project whose reviewers each decided ``--decisions`` claims, every claim decided by
two of them (so every decision is in the agreement), about 80% alike, a tenth corrected. Prints the best
of ``--repeat`` runs of:

- ``agreement``: what ``claimdesk agreement --no-entities`` computes: every store opened read-only,
  versions, Krippendorff's alpha, kappa per pair, fields, disagreements;
- ``view``: the project merged into one read-only store (what every export of a project reads);
- ``merge``: ``claimdesk project add`` of a 10,000-decision store from another machine into a reviewer's
  store of 10,000 (half the records the same claims: a third newer, the rest older or identical);

and, as the baseline measured in the same run, opening the reviewers' stores read-only (the reading no
approach can skip), with each figure as a ratio of it. Under each, the same work done again step by
step (the best of each step): where the time goes — with, beside the agreement's read of the decisions
(``Store.records``, shared), what the copying read (``Store.claims``) costs, which it replaced.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import open_store
from claimdesk.annotations.team import Deal, create_project, load_project
from claimdesk.annotations.team.agreement import measure
from claimdesk.annotations.team.merge import merge_store, plan_merge, write_merge
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import read_stores
from claimdesk.annotations.team.versions import versions_of
from claimdesk.annotations.team.view import ProjectView, open_view

TEXT = "Officials said 1,119 troops had been killed since the fighting began, and 400 civilians were wounded."
SELECTOR = make_selector(TEXT, 15, 27)
ORIGINAL = {"value": 1119, "approx": "exact", "counted": "troops", "predicate": "killed",
            "source": "Officials", "date": "2020-10-29"}
STATUSES = ("accepted", "accepted", "accepted", "rejected", "corrected")


def record(claim: int, status: str, reviewer: str, at: str) -> dict:
    fields = {**ORIGINAL, "value": 1100 + claim % 7} if status == "corrected" else {}
    return {"id": f"c{claim}", "article": f"a{claim // 20}", "status": status, "fields": fields,
            "original": ORIGINAL, "selector": SELECTOR, "reviewer": reviewer, "at": at}


def build(root: Path, reviewers: tuple[str, ...], decisions: int, seed: int = 7):
    """A project whose reviewers each decided ``decisions`` claims, each claim by two of them."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    project = create_project(root / "proj", corpus, reviewers, [], Deal(0.2, 2, 0))
    rng = random.Random(seed)
    n = len(reviewers)
    claims = decisions * n // 2
    docs: dict[str, list[dict]] = {name: [] for name in reviewers}
    for claim in range(claims):
        first, second = reviewers[claim % n], reviewers[(claim + 1 + claim // n % (n - 1)) % n]
        status = rng.choice(STATUSES)
        docs[first].append(record(claim, status, first, "2026-01-01T00:00:00.000Z"))
        other = status if rng.random() < 0.8 else rng.choice(STATUSES)
        docs[second].append(record(claim, other, second, "2026-01-01T00:00:00.000Z"))
    for name, records in docs.items():
        with open_store(project.store_path(name), corpus=corpus, reviewer=name) as store:
            store.put_records("claims", records)
    return project, docs


def laptop_store(path: Path, own: list[dict], decisions: int) -> None:
    """A copy of a reviewer's store made elsewhere: half the same claims (a third of them later), half new."""
    records = []
    for n, doc in enumerate(own[: decisions // 2]):
        records.append(dict(doc, status="rejected", at="2026-02-01T00:00:00.000Z") if n % 3 == 0 else doc)
    records += [record(10_000_000 + n, "accepted", "alice", "2026-02-01T00:00:00.000Z")
                for n in range(decisions - len(records))]
    with open_store(path, reviewer=own[0]["reviewer"]) as store:
        store.put_records("claims", records)


def timed(phases: dict[str, list[float]], name: str, run):
    """Run ``run()``, adding its seconds to ``phases[name]``; its result."""
    started = time.perf_counter()
    result = run()
    phases.setdefault(name, []).append(time.perf_counter() - started)
    return result


def agreement_phases(project, phases: dict[str, list[float]]) -> None:
    """project_agreement's steps one by one (report.project_agreement is the same calls), with the
    copying read (Store.claims) the records replace, for comparison."""
    stores = timed(phases, "open the stores read-only", lambda: read_stores(project))
    timed(phases, "  (Store.claims(), copying: not used)", lambda: [s.claims() for s in stores.values()])
    records = timed(phases, "read the decisions (Store.records)", lambda: {n: s.records("claims")
                                                                          for n, s in stores.items()})
    versions = timed(phases, "versions of each claim", lambda: {n: versions_of(n, docs) for n, docs in records.items()})
    timed(phases, "alpha, kappa, fields, disagreements", lambda: measure(versions))
    for store in stores.values():
        store.close()


def view_phases(project, phases: dict[str, list[float]]) -> None:
    stores = timed(phases, "open the stores and gold read-only", lambda: read_stores(project, gold=True))
    timed(phases, "merge them into one view", lambda: ProjectView(project, stores))
    for store in stores.values():
        store.close()


def merge_phases(project, copy: Path, phases: dict[str, list[float]]):
    """merge.merge_store's steps one by one."""
    incoming = timed(phases, "open the copy read-only", lambda: open_store(copy, read_only=True))
    target = timed(phases, "open the reviewer's store (lock)", lambda: open_store(
        project.store_path(project.reviewers[0]), corpus=project.corpus, reviewer=project.reviewers[0]))
    result, writes = timed(phases, "compare every record", lambda: plan_merge(incoming, target, project.reviewers[0]))
    timed(phases, "write (one journal entry)", lambda: write_merge(target, writes))
    timed(phases, "close (checkpoint)", lambda: (target.close(), incoming.close()))
    return result


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def merged_copy(tmp: Path, project, docs: dict[str, list[dict]], decisions: int, n: int):
    """A fresh copy of the project, and a laptop store of its first reviewer to merge into it."""
    target = tmp / f"merge-{n}"
    shutil.copytree(project.root, target / "proj")
    copy = target / "laptop" / f"{project.reviewers[0]}.json"
    laptop_store(copy, docs[project.reviewers[0]], decisions)
    return load_project(target / "proj"), copy


def print_phases(phases: dict[str, list[float]]) -> None:
    for name, times in phases.items():
        print(f"  {name:<40}{min(times):>9.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--decisions", type=int, default=10_000, help="decisions per reviewer (default 10,000)")
    ap.add_argument("--reviewers", type=int, default=3, help="reviewers (default 3)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measure; the best is shown (default 3)")
    args = ap.parse_args()
    names = tuple(f"r{n}" for n in range(args.reviewers))
    tmp = Path(tempfile.mkdtemp(prefix="claimdesk-bench-team-"))
    try:
        started = time.perf_counter()
        project, docs = build(tmp, names, args.decisions)
        print(f"built {args.reviewers} stores × {args.decisions:,} decisions in {time.perf_counter() - started:.1f} s")

        def open_all():
            for store in read_stores(project).values():
                store.close()

        baseline = best(args.repeat, open_all)
        report = project_agreement(project)
        agreement = best(args.repeat, lambda: project_agreement(project))
        merged_view = best(args.repeat, lambda: open_view(project))
        merges = []
        for n in range(args.repeat):
            moved, copy = merged_copy(tmp, project, docs, args.decisions, n)
            started = time.perf_counter()
            result = merge_store(moved, copy)
            merges.append(time.perf_counter() - started)
        merge = min(merges)
        splits: dict[str, dict[str, list[float]]] = {"agreement": {}, "view": {}, "merge": {}}
        for n in range(args.repeat):  # the same work again, step by step: where the time goes
            agreement_phases(project, splits["agreement"])
            view_phases(project, splits["view"])
            merge_phases(*merged_copy(tmp, project, docs, args.decisions, args.repeat + n), splits["merge"])
        print(f"agreement: {report.units:,} claims decided twice, alpha {report.alpha:.3f}, "
              f"{len(report.disagreements):,} disagreements")
        print(f"merge: {result.written:,} records written ({sum(result.added.values()):,} new, "
              f"{sum(result.replaced.values()):,} later), {result.same:,} identical")
        print(f"{'measure (best of ' + str(args.repeat) + ')':<42}{'seconds':>9}{'× baseline':>12}   target")
        print(f"{'baseline: open the stores':<42}{baseline:>9.3f}{1:>12.2f}")
        for (name, seconds), split in zip((("agreement (claimdesk agreement)", agreement),
                                           ("merged view (project export)", merged_view),
                                           ("merge (claimdesk project add)", merge)), splits.values(), strict=True):
            verdict = "ok" if seconds < 2 else "OVER"
            print(f"{name:<42}{seconds:>9.3f}{seconds / baseline:>12.2f}   < 2 s {verdict}")
            print_phases(split)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
