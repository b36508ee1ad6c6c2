"""Import of our own jsonl: export → import → export is the same file (apart from line order)."""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.export import export
from claimdesk.annotations.export.importing import detect_format, import_file
from claimdesk.annotations.reviewed import CLAIM_STATES as ALL
from export_helpers import fresh, reviewed  # noqa: F401 (fixtures)


@pytest.fixture
def exported(reviewed, tmp_path):
    """The reviewed session exported as jsonl (reviewed claims)."""
    path = tmp_path / "x.jsonl"
    export(reviewed, "jsonl", path)
    return path


@pytest.mark.parametrize("statuses", [("accepted", "corrected", "added"), ALL])
def test_export_import_export_is_byte_identical(reviewed, fresh, tmp_path, statuses):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    export(reviewed, "jsonl", first, statuses=statuses)
    report = import_file(first, fresh)
    assert report.complete and report.problems == []
    assert report.written == {"claims": 4 if len(statuses) == 3 else 5, "entities": 3, "links": 1, "clusters": 1}
    export(fresh, "jsonl", second, statuses=statuses)
    assert sorted(first.read_bytes().splitlines()) == sorted(second.read_bytes().splitlines())
    assert fresh.store.claim(reviewed.store.claims()[0]["id"])["reviewer"] == "ana"  # not bob, who imported
    again = import_file(first, fresh)
    assert again.total_written == 0 and again.total_skipped == 0 and again.unchanged == report.total_written


def test_import_is_one_undo_step_and_refreshes_the_session(exported, fresh):
    article = fresh.corpus.articles[3]
    assert {c.status for c in fresh.claims(article.id)} == {"pending"}  # merged before the import
    import_file(exported, fresh)
    assert {"accepted", "corrected", "added"} <= {c.status for c in fresh.claims(article.id)}
    change = fresh.store.undo()
    assert change.action == "import" and fresh.store.claims() == [] and fresh.store.links() == []


def test_existing_decisions_are_kept_unless_replace(reviewed, exported, fresh):
    corrected = next(c for c in reviewed.all_claims() if c.status == "corrected")
    fresh.reject(fresh.claim(corrected.article, corrected.id))
    report = import_file(exported, fresh)
    assert report.skipped["claims"] == [corrected.id] and not report.complete
    assert fresh.store.claim(corrected.id)["status"] == "rejected"
    report = import_file(exported, fresh, replace=True)
    assert report.written["claims"] == 1 and report.complete
    assert fresh.store.claim(corrected.id)["status"] == "corrected"


def test_bad_lines_are_reported_by_number_and_the_rest_imported(exported, fresh):
    lines = exported.read_text("utf-8").splitlines()
    claim = json.loads(lines[1])
    stray = dict(claim, id="c-stray", article=dict(claim["article"], id="ffffffffffffffff", path="gone.txt"))
    bad_fields = dict(claim, id="c-bad", status="corrected", fields=dict(claim["fields"], value="lots"))
    lines[1:1] = ["{not json", json.dumps(stray), json.dumps(bad_fields), json.dumps({"kind": "poem"})]
    exported.write_text("\n".join(lines) + "\n", "utf-8")
    report = import_file(exported, fresh)
    problems = dict(report.problems)
    assert problems[2].startswith("not JSON")
    assert problems[3] == "article 'gone.txt' is not in this corpus"
    assert problems[4].startswith("invalid fields: value must be a number")
    assert problems[5] == "unknown record kind 'poem'"
    assert report.written["claims"] == 4


def test_a_changed_article_text_reanchors_or_orphans(exported, fresh):
    records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    accepted = next(r for r in records if r.get("status") == "accepted")
    accepted["selector"]["position"] = {"type": "TextPositionSelector", "start": 3, "end": 6}  # moved
    gone = next(r for r in records if r.get("status") == "added")
    gone["selector"]["quote"].update(exact="a sixth week", prefix="nowhere ", suffix=" at all")
    exported.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    import_file(exported, fresh)
    placed = fresh.store.claim(accepted["id"])["selector"]["position"]
    assert (placed["start"], placed["end"]) == (accepted["start"], accepted["end"])
    assert fresh.store.claim(gone["id"]).get("orphan") is True


def test_format_detection(tmp_path):
    ours, prodigy, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    ours.write_text('\n{"kind": "header", "schema": "claimdesk.export/1"}\n')
    prodigy.write_text('{"text": "Some text", "answer": "accept"}\n')
    other.write_text('{"title": "x"}\n')
    assert detect_format(ours) == "jsonl" and detect_format(prodigy) == "prodigy"
    with pytest.raises(ValueError, match="neither"):
        detect_format(other)
