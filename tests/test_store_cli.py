"""``claimdesk db info``: counts, schema, lock holder, backups; clear one-line errors with exit code 2."""

from __future__ import annotations

import json
import os

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.store import SCHEMA_VERSION, open_store
from claimdesk.tui.cli import main

TEXT = "Officials said some 400 people were killed."
SELECTOR = make_selector(TEXT, 15, 23)


def test_db_info_prints_counts_schema_lock_and_backups(tmp_path, capsys):
    path = tmp_path / "db.json"
    with open_store(path, reviewer="ana") as store:
        store.accept("c1", "a1", SELECTOR)
        store.correct("c2", "a2", SELECTOR, {"value": 401})
        store.relabel_entity("a1", SELECTOR, "GPE", model_label="ORG")
        store.add_rule("entity_label", {"text": "x"})
    with open_store(path, reviewer="ana") as store:
        assert main(["db", "info", "--db", str(path)]) == 0
        out = capsys.readouterr().out
        for expected in ("claims:     2 (1 accepted, 1 corrected) in 2 articles", "entities:   1 (1 relabel)",
                         "rules:      1 (1 enabled)", f"schema:     {SCHEMA_VERSION}", f"held by pid {os.getpid()}", "(ana)",
                         "backups:    1", ".start", str(path)):
            assert expected in out, expected
        assert main(["db", "info", "--db", str(path), "--json"]) == 0
        info = json.loads(capsys.readouterr().out)
        assert info["counts"]["claims"] == 2 and info["lock"]["held"] and info["lock"]["pid"] == os.getpid()
    assert main(["db", "info", "--db", str(path)]) == 0
    assert "lock:       free" in capsys.readouterr().out


def test_db_info_on_a_missing_store_is_a_one_line_error(tmp_path, capsys):
    assert main(["db", "info", "--db", str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert "none.json" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none.json").exists()
    assert main(["db"]) == 2


def test_db_info_sanitises_untrusted_paths_and_names(tmp_path, capsys):
    evil = tmp_path / "evil\x1b]52;c;aGk=\x07\x1b[2Jdir"
    evil.mkdir()
    path = evil / "db.json"
    with open_store(path, reviewer="mallory\x1b[31m"):
        assert main(["db", "info", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "mallory" in out
    path.write_text("not json")
    assert main(["db", "info", "--db", str(path)]) == 2
    assert "\x1b" not in capsys.readouterr().err
