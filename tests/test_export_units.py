"""Every export carries a claim's unit, change and start value, and the imports read them back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.export import export
from claimdesk.annotations.export.importing import import_file
from claimdesk.annotations.reviewed import CLAIM_STATES
from session_helpers import session_over

TEXT = ("Markets\n\n"
        "Shares of Halvern Group fell 6.5% to 164p in London on Tuesday, the company said. "
        "Gold futures fell from $2,415 to $2,315 an ounce over the week.\n\n"
        "The race covers 20 kilometres, or about 12 miles. Unemployment narrowed to 138,285 from 212,577, "
        "officials said.\n")


def open_session(folder: Path, db: Path, reviewer: str = "ana"):
    return session_over(load_corpus(folder), db, reviewer)


@pytest.fixture
def markets(tmp_path):
    """(corpus folder, a session over it with decisions on claims with units and changes)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "markets.txt").write_text(TEXT, "utf-8")
    session = open_session(folder, tmp_path / "review.json")
    article = session.articles[0]
    claims = {c.text: c for c in session.claims(article.id)}
    session.accept(claims["6.5%"])
    session.accept(claims["164p"])
    session.accept(claims["from $2,415 to $2,315"])
    session.correct(claims["20 kilometres"], dict(claims["20 kilometres"].fields, value="32", unit="miles"))
    session.reject(claims["about 12 miles"])
    start = article.text.index("Tuesday")
    session.add_claim(article.id, start, start + len("Tuesday"),
                      {"value": "3", "unit": "percent", "change": "up", "from_value": "2", "counted": "rate"})
    yield folder, session
    session.store.close()


def records(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in map(json.loads, text.splitlines()) if r["kind"] == "claim"}


def test_jsonl_carries_the_fields_and_round_trips_byte_for_byte(markets, tmp_path):
    folder, session = markets
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    export(session, "jsonl", first, statuses=CLAIM_STATES)
    claims = records(first.read_text("utf-8"))
    gold = claims["from $2,415 to $2,315"]["fields"]
    assert (gold["value"], gold["unit"], gold["change"], gold["from_value"]) == (2315, "USD", "down", 2415)
    assert claims["164p"]["fields"]["unit"] == "GBX" and claims["164p"]["fields"]["change"] == "down"
    corrected = claims["20 kilometres"]
    assert corrected["fields"]["unit"] == "mi" and corrected["original"]["unit"] == "km"
    assert set(corrected["changed"]) == {"value", "unit"}
    assert claims["Tuesday"]["fields"]["from_value"] == 2 and claims["Tuesday"]["fields"]["change"] == "up"
    fresh = open_session(folder, tmp_path / "fresh.json", "bob")
    try:
        report = import_file(first, fresh)
        assert report.complete and report.written["claims"] == 6
        export(fresh, "jsonl", second, statuses=CLAIM_STATES)
    finally:
        fresh.store.close()
    assert sorted(first.read_bytes().splitlines()) == sorted(second.read_bytes().splitlines())


def test_a_0_1_export_without_the_new_fields_leaves_them_to_the_extractor(markets, tmp_path):
    folder, session = markets
    path = tmp_path / "old.jsonl"
    export(session, "jsonl", path)
    lines = []
    for line in path.read_text("utf-8").splitlines():  # as claimdesk 0.1 wrote it: six fields
        record = json.loads(line)
        for part in ("fields", "original"):
            for name in ("unit", "change", "from_value"):
                record.get(part, {}).pop(name, None)
        if record.get("text") == "20 kilometres":
            record["fields"]["counted"] = "course"  # a 0.1 correction of what is counted
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    fresh = open_session(folder, tmp_path / "fresh.json", "bob")
    try:
        assert import_file(path, fresh).complete
        corrected = next(c for c in fresh.all_claims() if c.text == "20 kilometres")
        assert corrected.status == "corrected" and corrected.counted == "course"
        assert corrected.unit == "km" and corrected.value == 32  # the unit: the extractor's, not a blank
        assert "unit" not in fresh.store.claim(corrected.id)["fields"]
    finally:
        fresh.store.close()


def test_csv_has_unit_change_and_from_value_columns(markets):
    _, session = markets
    out = io.StringIO()
    export(session, "csv", out)
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    gold = rows["from $2,415 to $2,315"]
    assert (gold["value"], gold["unit"], gold["change"], gold["from_value"]) == ("2315", "USD", "down", "2415")
    assert rows["6.5%"]["from_value"] == "" and rows["20 kilometres"]["original"].startswith("value: 20; unit: km")
    assert ',"USD","down",2415,' in out.getvalue()  # the start value is a number, unquoted


def test_w3c_and_claimreview_say_the_unit_and_the_change(markets):
    _, session = markets
    out = io.StringIO()
    export(session, "w3c", out)
    items = {i["target"]["selector"][0]["exact"]: i for i in json.loads(out.getvalue())["first"]["items"]}
    level = items["164p"]["body"]
    assert level[1]["value"] == "Halvern Group Shares fell to 164 GBX, according to the company"
    assert json.loads(level[2]["value"])["fields"]["unit"] == "GBX"
    assert items["20 kilometres"]["body"][1]["value"].startswith("32 mi ")
    out = io.StringIO()
    export(session, "claimreview", out)
    reviews = {r["itemReviewed"]["text"] + r["claimReviewed"]: r for r in json.loads(out.getvalue())["@graph"]}
    about = {r["claimReviewed"]: r["itemReviewed"].get("about") for r in reviews.values()}
    assert about["Gold futures fell from 2,415 to 2,315 USD"] == {
        "@type": "MonetaryAmount", "currency": "USD", "value": 2315, "name": "Gold futures",
        "additionalProperty": [{"@type": "PropertyValue", "name": "change", "value": "down"},
                               {"@type": "PropertyValue", "name": "from", "value": 2415}]}
    pence = about["Halvern Group Shares fell to 164 GBX, according to the company"]
    assert pence["@type"] == "QuantitativeValue" and pence["unitText"] == "GBX"  # pence are no ISO 4217 money
    assert about["Halvern Group Shares fell 6.5%, according to the company"]["unitText"] == "percent"
    assert not any(r["reviewRating"]["ratingValue"] == 1 and "about" in r["itemReviewed"] for r in reviews.values())


def test_prodigy_meta_carries_them_and_imports_back(markets, tmp_path):
    folder, session = markets
    path = tmp_path / "tasks.jsonl"
    export(session, "prodigy", path)
    tasks = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    gold = next(t for t in tasks if t["meta"].get("claim") and t["meta"]["fields"].get("from_value") == 2415)
    assert gold["meta"]["unit"] == "USD" and gold["meta"]["change"] == "down"
    fresh = open_session(folder, tmp_path / "fresh.json", "bob")
    try:
        assert import_file(path, fresh).problems == []
        after = {c.text: c for c in fresh.all_claims()}
        assert after["20 kilometres"].status == "corrected" and after["20 kilometres"].unit == "mi"
        assert after["164p"].status == "accepted" and after["164p"].unit == "GBX"
        added = after["Tuesday"]
        assert (added.status, added.unit, added.change, added.from_value) == ("added", "percent", "up", 2)
    finally:
        fresh.store.close()


def test_a_task_without_the_new_fields_accepts_the_claim_as_extracted(markets, tmp_path):
    folder, _ = markets
    fresh = open_session(folder, tmp_path / "fresh.json", "bob")
    try:
        article = fresh.articles[0]
        claim = next(c for c in fresh.claims(article.id) if c.text == "164p")
        old = {k: v for k, v in claim.fields.items() if k not in ("unit", "change", "from_value")}
        paragraph = next(p for p in article.paragraphs if "164p" in p)
        start = paragraph.index("164p")
        task = {"text": paragraph, "spans": [{"start": start, "end": start + 4, "label": "CLAIM"}], "answer": "accept",
                "meta": {"claim": claim.id, "fields": old}}
        (tmp_path / "t.jsonl").write_text(json.dumps(task) + "\n", "utf-8")
        assert import_file(tmp_path / "t.jsonl", fresh).complete
        assert fresh.store.claim(claim.id)["status"] == "accepted"
    finally:
        fresh.store.close()


def test_brat_notes_and_change_attribute_spacy_user_data(markets, tmp_path):
    _, session = markets
    export(session, "brat", tmp_path / "brat")
    [ann] = (tmp_path / "brat").glob("*.ann")
    lines = ann.read_text("utf-8").splitlines()
    assert sum(line.split("\t")[1].startswith("Change ") for line in lines) == 4  # 6.5%, 164p, gold, the added
    note = next(line for line in lines if "from_value=2,415" in line)
    assert "unit=USD" in note and "change=down" in note
    assert "Change\tArg:Claim, Value:up|down" in (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    export(session, "spacy", tmp_path / "x.spacy")
    [doc] = DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("en").vocab)
    fields = {c["text"]: c["fields"] for c in doc.user_data["claimdesk"]["claims"]}
    assert fields["164p"]["unit"] == "GBX" and fields["from $2,415 to $2,315"]["from_value"] == 2415
