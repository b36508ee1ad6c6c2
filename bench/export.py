"""Export speed: 10,000 reviewed claims in every format, against plain ``json.dumps`` of the same records.

    python bench/export.py [--claims 10000] [--repeat 3]

A synthetic corpus repeats the five sample articles under new paths until it holds enough claims
(their parses come from the cache, so the model runs at most once). Every claim up to the target is
accepted or corrected in one store batch; each article gets an entity relabel, and every tenth
claim is linked to its twin in the previous copy. For each format the time covers a cold session
(merging decisions included) to the file on disk, as the CLI runs it (the ``spacy`` format reads
each article's tokens from the parse cache the session was extracted from); each format runs
``--repeat`` times and the best and the median are shown. The baseline is ``json.dumps`` of the
claim records, already built, joined into one string; the DocBin is also set against reading every
article's tokens from the cache, and against tokenising them. Then the ``jsonl`` file is imported
into a fresh store. Target: every format under 2 s for 10,000 claims.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
import time
from pathlib import Path

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.corpus import Corpus, bundled_corpus_path, load_corpus
from claimdesk.annotations.export import FORMATS, build, export
from claimdesk.annotations.export.importing import import_file
from claimdesk.annotations.export.tokens import make_doc, tokenizer
from claimdesk.annotations.extract import ArticleExtraction, Extractor, quote_id
from claimdesk.annotations.nlp import ParseCache
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import open_store


def synthetic(claims_wanted: int, root: Path) -> tuple[Corpus, list[ArticleExtraction], ParseCache]:
    """The sample articles repeated under new paths, with their extractions re-keyed to each copy, and
    the parse cache they were extracted from."""
    sample = load_corpus(bundled_corpus_path())
    extractor = Extractor()
    extracted = extractor.extract(sample.articles)
    per_copy = sum(len(r.claims) for r in extracted)
    copies = -(-claims_wanted // per_copy)
    articles, results = [], []
    for n in range(copies):
        for result in extracted:
            article = dataclasses.replace(result.article, path=f"copy{n:04d}/{result.article.path}")
            text = article.text
            claims = [dataclasses.replace(c, id=quote_id(article.id, text, c.start, c.end)) for c in result.claims]
            entities = [dataclasses.replace(e, id=quote_id(article.id, text, e.start, e.end, kind="entity"))
                        for e in result.entities]
            articles.append(article)
            results.append(ArticleExtraction(article, claims, entities, cached=True))
    return Corpus(root, articles), results, extractor.cache


def review(store, results: list[ArticleExtraction], claims_wanted: int) -> int:
    """Decide ``claims_wanted`` claims (every fifth corrected), relabel one entity per article, link twins."""
    decided = 0
    previous: dict[int, tuple[str, str]] = {}
    with store.batch("bench"):
        for k, result in enumerate(results):
            article = result.article
            for i, claim in enumerate(result.claims):
                if decided >= claims_wanted:
                    break
                selector = make_selector(article.text, claim.start, claim.end)
                original = {n: getattr(claim, n) for n in ("value", "approx", "counted", "predicate", "source",
                                                           "date")}
                if decided % 5 == 4:
                    store.correct(claim.id, article.id, selector, dict(original, counted="people"), original=original)
                else:
                    store.accept(claim.id, article.id, selector, original=original)
                slot = (k % 5) * 100 + i
                if decided % 10 == 0 and slot in previous:
                    other_article, other = previous[slot]
                    store.add_link(claim.id, other, "same", a_article=article.id, b_article=other_article)
                previous[slot] = (article.id, claim.id)
                decided += 1
            if result.entities:
                entity = result.entities[0]
                store.relabel_entity(article.id, make_selector(article.text, entity.start, entity.end), "GPE",
                                     model_label=entity.label, entity_id=entity.id)
    return decided


def session_of(corpus: Corpus, results: list[ArticleExtraction], store) -> ReviewSession:
    session = ReviewSession(corpus, store)
    for result in results:
        session.set_extraction(result)
    return session


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each format (default: 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, results, parses = synthetic(args.claims, folder / "corpus")
        with open_store(folder / "review.json", reviewer="bench") as store:
            decided = review(store, results, args.claims)
            print(f"{len(corpus.articles)} articles, {sum(len(r.claims) for r in results)} claims, {decided} "
                  f"reviewed, {sum(len(r.entities) for r in results)} entities")

            data = build(session_of(corpus, results, store))
            baseline_text = ""

            def dump() -> None:
                nonlocal baseline_text
                baseline_text = "".join(json.dumps(r) + "\n" for r in data.claims)

            baseline = timed(dump)
            print(f"baseline: json.dumps of the {len(data.claims)} claim records: {baseline:.3f} s "
                  f"({len(baseline_text) / 1e6:.1f} MB)")
            texts = [a.text for a in data.articles.values()]
            vocab = tokenizer().vocab
            cached = timed(lambda: [parses.tokens(text, vocab) for text in texts])
            tokenised = timed(lambda: [make_doc(text) for text in texts])
            print(f"tokens of the {len(texts)} articles for the spacy format: {cached:.3f} s from the parse cache "
                  f"({tokenised:.3f} s with spaCy's tokenizer)\n")
            print(f"{'format':<12} {'best s':>7} {'median s':>9} {'claims/s':>10} {'vs baseline':>12} {'size':>9}")
            best: dict[str, float] = {}
            for name, spec in FORMATS.items():
                out = folder / spec.default_name
                runs = []
                for _ in range(max(1, args.repeat)):
                    session = session_of(corpus, results, store)  # cold: decisions merged inside the timing
                    started = time.perf_counter()
                    result = export(session, name, out, parses=parses)
                    runs.append(time.perf_counter() - started)
                seconds = best[name] = min(runs)
                size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else out.stat().st_size
                print(f"{name:<12} {seconds:>7.3f} {statistics.median(runs):>9.3f} {result.claims / seconds:>10,.0f} "
                      f"{seconds / baseline:>11.1f}x {size / 1e6:>7.1f} MB")
        with open_store(folder / "imported.json", reviewer="bench") as fresh:
            started = time.perf_counter()
            report = import_file(folder / FORMATS["jsonl"].default_name, session_of(corpus, results, fresh))
            imported = time.perf_counter() - started
        print(f"\nimport of the jsonl file into a fresh store: {imported:.3f} s ({report.total_written:,} records)")
        slowest = max(best, key=best.get)
        verdict = "meets" if best[slowest] < 2.0 else "MISSES"
        print(f"slowest format for {decided:,} claims: {slowest} {best[slowest]:.3f} s (best run) — {verdict} "
              f"the < 2 s target")


if __name__ == "__main__":
    main()
