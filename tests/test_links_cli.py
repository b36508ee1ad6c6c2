"""`claimdesk ledger`: the clusters as a table or JSON Lines, and `--suggest --json` one line per claim."""

from __future__ import annotations

import json
import shutil

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path
from claimdesk.annotations.links import link
from claimdesk.annotations.store import open_store
from claimdesk.tui.cli import main
from links_helpers import claim_of, new_session

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


@pytest.fixture
def db(tmp_path):
    """A store for the bundled corpus with the issue's links (written, then closed)."""
    path = tmp_path / "review.json"
    session = new_session(path)
    link(session, claim_of(session, "003", "1,119"), claim_of(session, "004", "1,166"), "update")
    link(session, claim_of(session, "000", "376"), claim_of(session, "001", "350"), "contradicts")
    session.reject(claim_of(session, "000", "five"))
    session.store.close()
    return path


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_suggest_json_one_line_per_claim_best_first(db, capsys):
    assert main(["ledger", "--db", str(db), "--suggest", "--json"]) == 0
    records = lines(capsys)
    assert len(records) == 44  # 45 claims, one rejected
    assert all(list(r) == ["claim", "article", "text", "suggestions"] for r in records)
    troops = next(r for r in records if r["text"] == "1,119")
    assert troops["article"] == "003_d568364d6ed7874f.txt"
    best = troops["suggestions"][0]
    assert list(best) == ["claim", "article", "text", "type", "score"]
    assert (best["article"], best["text"], best["type"]) == ("004_03ecfe603f463cb4.txt", "1,166", "update")
    for record in records:
        scores = [s["score"] for s in record["suggestions"]]
        assert scores == sorted(scores, reverse=True)
        assert all(s["article"] != record["article"] for s in record["suggestions"])
        assert all(s["text"] != "five" or s["article"][:3] != "000" for s in record["suggestions"])


def test_ledger_json_and_table(db, capsys):
    assert main(["ledger", "--db", str(db), "--json"]) == 0
    records = {r["name"]: r for r in lines(capsys)}
    assert set(records) == {"Nagorno-Karabakh troops killed", "Armenian soldiers died"}
    troops = records["Nagorno-Karabakh troops killed"]
    assert (troops["latest"], troops["range"], troops["articles"]) == ("1,166", "1,119–1,166", 2)
    assert troops["contradiction"] is False
    assert [m["text"] for m in troops["mentions"]] == ["1,119", "1,166"]
    assert set(troops["mentions"][0]) >= {"claim", "article", "date", "outlet", "source", "value", "status"}
    assert records["Armenian soldiers died"]["contradiction"] is True
    assert main(["ledger", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    for expected in ("Nagorno-Karabakh troops killed", "1,119–1,166", "⚠", "2 clusters, 1 with a contradiction"):
        assert expected in out


def test_ledger_reads_the_corpus_the_store_was_made_for(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name in ("003_d568364d6ed7874f.txt", "004_03ecfe603f463cb4.txt"):
        shutil.copy(bundled_corpus_path() / name, corpus / name)
    db = tmp_path / "news.json"
    open_store(db, corpus=corpus).close()
    assert main(["ledger", "--db", str(db), "--suggest", "--json"]) == 0
    assert {r["article"] for r in lines(capsys)} == {"003_d568364d6ed7874f.txt", "004_03ecfe603f463cb4.txt"}


def test_ledger_while_a_review_holds_the_store(db, capsys):
    with open_store(db, reviewer="ana"):  # the writer's lock: the ledger opens the store read-only
        assert main(["ledger", "--db", str(db), "--json"]) == 0
    assert len(lines(capsys)) == 2


def test_no_store_and_a_missing_store(tmp_path, capsys):
    assert main(["ledger"]) == 0
    assert "No clusters yet" in capsys.readouterr().out
    assert main(["ledger", "--db", str(tmp_path / "nope.json")]) == 2
    assert "annotation file not found" in capsys.readouterr().err
