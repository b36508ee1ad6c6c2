"""`claimdesk export` and `claimdesk import` on the command line: outputs, filters, round trip, errors."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.cli import main
from export_helpers import reviewed_session

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "review.json"
    reviewed_session(path).store.close()
    return path


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_export_to_stdout_uses_the_corpus_the_store_records(db, capsys):
    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    records = lines(captured.out)
    assert records[0]["kind"] == "header" and records[0]["counts"]["claims"] == 4
    assert {r["status"] for r in records if r["kind"] == "claim"} == {"accepted", "corrected", "added"}
    assert "exported 4 claims and 3 entity annotations (accepted, corrected, added) to stdout" in captured.err


def test_export_status_filter_and_output_file(db, tmp_path, capsys):
    out = tmp_path / "claims.csv"
    assert main(["export", "--db", str(db), "-f", "csv", "--status", "rejected,accepted", "-o", str(out)]) == 0
    rows = out.read_text("utf-8").splitlines()
    assert len(rows) == 4 and sum('"rejected"' in r for r in rows) == 1
    assert capsys.readouterr().out == ""


def test_spacy_export_reads_tokens_from_the_parse_cache(db, tmp_path, monkeypatch):
    from spacy.tokens import DocBin

    from claimdesk.annotations.nlp import ParseCache

    served = []
    tokens = ParseCache.tokens

    def counted(self, text, vocab):
        served.append(text)
        return tokens(self, text, vocab)

    monkeypatch.setattr(ParseCache, "tokens", counted)
    out = tmp_path / "train.spacy"
    assert main(["export", "--db", str(db), "-f", "spacy", "-o", str(out)]) == 0
    assert len(served) == len(DocBin().from_disk(out)) == 2


@pytest.mark.parametrize("argv, message", [
    (["-f", "brat"], "--format brat writes a folder: give -o claimdesk-brat"),
    (["-f", "spacy"], "--format spacy writes a binary file: give -o claimdesk-export.spacy"),
    (["-f", "csv", "--status", "aproved"], "unknown status 'aproved'"),
])
def test_export_usage_errors(db, capsys, argv, message):
    assert main(["export", "--db", str(db), *argv]) == 2
    assert message in capsys.readouterr().err


def test_export_names_a_missing_file_or_corpus(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "nope.json"), "-f", "jsonl"]) == 2
    assert "annotation file not found" in capsys.readouterr().err
    gone = tmp_path / "gone"
    gone.mkdir()
    open_store(tmp_path / "orphan.json", corpus=gone).close()
    gone.rmdir()
    assert main(["export", "--db", str(tmp_path / "orphan.json"), "-f", "jsonl"]) == 2
    err = capsys.readouterr().err
    assert f"made for the corpus {gone}, which is missing; give CORPUS" in err
    open_store(tmp_path / "bare.json").close()
    assert main(["export", "--db", str(tmp_path / "bare.json"), "-f", "jsonl"]) == 2
    assert "records no corpus; give CORPUS" in capsys.readouterr().err


def test_export_of_an_empty_store(tmp_path, capsys, sample_corpus):
    open_store(tmp_path / "empty.json", corpus=sample_corpus.root).close()
    assert main(["export", "--db", str(tmp_path / "empty.json"), "-f", "jsonl"]) == 0
    assert [r["kind"] for r in lines(capsys.readouterr().out)] == ["header"]


def test_import_round_trip_conflicts_and_exit_codes(db, tmp_path, capsys):
    first, second, fresh = tmp_path / "first.jsonl", tmp_path / "second.jsonl", tmp_path / "fresh.json"
    assert main(["export", "--db", str(db), "-f", "jsonl", "--status", "all", "-o", str(first)]) == 0
    assert main(["import", str(first), "--db", str(fresh)]) == 0
    err = capsys.readouterr().err
    assert "imported 5 claims, 3 entities, 1 link, 1 cluster from first.jsonl (jsonl)" in err
    assert main(["export", "--db", str(fresh), "-f", "jsonl", "--status", "all", "-o", str(second)]) == 0
    assert sorted(first.read_bytes().splitlines()) == sorted(second.read_bytes().splitlines())
    assert main(["import", str(first), "--db", str(fresh)]) == 0
    assert "imported nothing new" in capsys.readouterr().err
    with open_store(fresh, reviewer="bob") as store:  # a different decision on one claim
        claim = next(d for d in store.claims() if d["status"] == "accepted")
        store.reject(claim["id"], claim["article"], claim["selector"])
    assert main(["import", str(first), "--db", str(fresh)]) == 1
    assert "not replaced: 1 record already in the annotation file with other content (use --replace" in capsys.readouterr().err
    assert main(["import", str(first), "--db", str(fresh), "--replace"]) == 0


def test_import_reports_unmatched_prodigy_tasks_by_line(db, tmp_path, capsys):
    tasks = tmp_path / "tasks.jsonl"
    assert main(["export", "--db", str(db), "-f", "prodigy", "-o", str(tasks)]) == 0
    with tasks.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Words in no article \x1b[31mat all", "answer": "accept", "spans": []}) + "\n")
    count = len(tasks.read_text("utf-8").splitlines())
    assert main(["import", str(tasks), "--db", str(tmp_path / "fresh.json")]) == 1
    err = capsys.readouterr().err
    assert f"tasks.jsonl line {count}: task matches no article: 'Words in no article at all'" in err
    assert "\x1b" not in err and "1 line was not imported" in err


def test_import_of_a_missing_or_unknown_file(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "x.json")]) == 2
    assert "file not found" in capsys.readouterr().err
    (tmp_path / "odd.jsonl").write_text('{"title": "x"}\n')
    assert main(["import", str(tmp_path / "odd.jsonl"), "--db", str(tmp_path / "x.json")]) == 2
    assert "not a claimdesk JSON Lines export nor Prodigy JSONL" in capsys.readouterr().err
