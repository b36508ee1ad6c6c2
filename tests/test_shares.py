"""A share of a stated figure keeps the share as its value, as the seed gold reads it: a fraction word
("around half of the region's 140,000 residents") is the fraction (0.5, no unit: a ratio), a percent ("30%
of the $3 billion budget") stays a percent; the whole is in ``of_value`` and its unit in ``of_unit``. What a
share comes to (≈ 70,000; ≈ 900,000,000 USD) is derived, never stored, and every view says it. The unit
``fraction`` is retired: stores and files written with it are read with no unit, the value unchanged."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from claimdesk.annotations.article import Article
from claimdesk.annotations.citation import citation
from claimdesk.annotations.claim_draft import draft_fields
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.export import export
from claimdesk.annotations.export.importing import import_file
from claimdesk.annotations.extract import ArticleExtraction
from claimdesk.annotations.extraction.claims import find_claims, quote_id
from claimdesk.annotations.fields import (
    describe_share,
    describe_value,
    is_share,
    retire_fraction,
    share_figure,
    share_unit,
    validate_fields,
)
from claimdesk.annotations.index.extractions import decode, encode
from claimdesk.annotations.links.profile import profile_claims
from claimdesk.annotations.links.score import propose_type
from claimdesk.annotations.reviewed import CLAIM_STATES, ReviewClaim
from claimdesk.annotations.store import SCHEMA_VERSION, open_store
from claimdesk.annotations.store.backup import list_backups
from claimdesk.annotations.store.schema import upgrade_claim
from claimdesk.annotations.team.agreement import measure
from claimdesk.annotations.team.versions import COMPARED_FIELDS, Version
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.adjudication import version_cell
from claimdesk.tui.screens.correction_form import CorrectionForm
from claimdesk.tui.widgets.claim_detail import ClaimDetail
from claimdesk.tui.widgets.claims_pane import value_cell
from session_helpers import app_ready, session_over

# -- extraction ----------------------------------------------------------------------------------------

SHARES = [  # sentence, quote, value, approx, unit, of_value, of_unit, counted
    ("Around half of the region's 140,000 residents fled.", "Around half", 0.5, "approx", "", 140_000, "",
     "residents"),
    ("A third of its 9,000 voters stayed home.", "A third", 1 / 3, "exact", "", 9_000, "", "voters"),
    ("The brigade lost nearly a third of its 3,000 men.", "nearly a third", 1 / 3, "at_most", "", 3_000, "", "men"),
    ("Only a quarter of the 8,000 homes had flood insurance.", "a quarter", 0.25, "exact", "", 8_000, "",
     "homes"),
    ("More than half of the 4,000 residents fled.", "More than half", 0.5, "at_least", "", 4_000, "",
     "residents"),
    ("A tenth of the 500 employees were laid off.", "A tenth", 0.1, "exact", "", 500, "", "employees"),
    ("The council cut two-thirds of the $3 billion budget.", "two-thirds", 2 / 3, "exact", "", 3e9, "USD",
     "budget"),
    ("Three quarters of the 12 km road is paved.", "Three quarters", 0.75, "exact", "", 12, "km", "road"),
    ("About 40% of the 2,500 workers were laid off.", "About 40%", 40, "approx", "percent", 2_500, "", "workers"),
    ("Some 30% of the $3 billion budget went to schools.", "Some 30%", 30, "approx", "percent", 3e9, "USD",
     "budget"),
]


@pytest.mark.parametrize("sentence, quote, value, approx, unit, of_value, of_unit, counted", SHARES)
def test_a_share_of_a_figure_names_the_whole_and_its_unit(nlp, sentence, quote, value, approx, unit, of_value,
                                                           of_unit, counted):
    claims = {c.text: c for c in find_claims(nlp(sentence))}
    share = claims[quote]
    assert (share.value, share.approx, share.unit, share.of_value, share.of_unit, share.counted) == (
        pytest.approx(value), approx, unit, pytest.approx(of_value), of_unit, counted)
    [whole] = [c for c in claims.values() if c is not share]
    assert whole.value == pytest.approx(of_value) and whole.of_value is None  # the whole stays a claim of its own
    assert whole.unit == of_unit and whole.of_unit == ""


def test_a_fraction_word_is_the_fraction_of_its_whole_with_no_unit(nlp):
    """Class 12 of the issue, as the seed gold labels it: "around half of the region's 140,000 residents"
    is 0.5 (a ratio: no unit) of 140,000 residents, counted as the whole is; never the part (70,000), and
    no claim is in the retired unit ``fraction``."""
    text = ("Around half of the region's 140,000 residents fled. Two-fifths of its 2,000 workers struck. "
            "½ of the 600 seats went to the party. About half of the 20,000 tonnes was lost.")
    claims = find_claims(nlp(text))
    assert all(c.unit != "fraction" for c in claims), claims
    shares = {c.text: (c.value, c.unit, c.of_value, c.of_unit, c.counted) for c in claims if c.of_value is not None}
    assert shares == {"Around half": (0.5, "", 140_000, "", "residents"), "Two-fifths": (0.4, "", 2_000, "", "workers"),
                      "½": (0.5, "", 600, "", "seats"),
                      "About half": (0.5, "", 20_000, "t", "")}  # "half" is not what is counted


@pytest.mark.parametrize("sentence", [
    "Half of the residents fled.",  # the 'of' object has no number
    "About 30% of adults smoke.",
    "Prices rose 40% in the 2,500 stores it tracks.",  # no 'of'
    "He sold half of the shares to 3,000 investors.",  # the figure is not what the share is of
])
def test_no_whole_without_a_figure_in_the_of_phrase(nlp, sentence):
    claims = find_claims(nlp(sentence))
    assert claims and all(c.of_value is None for c in claims), claims


def test_a_selected_share_is_drafted_with_its_whole(nlp):
    text = "Around half of the region's 140,000 residents fled."
    article = Article(path="a.txt", title="T", text=text)
    drafted = draft_fields(nlp(text), article, 0, len("Around half"))
    assert (drafted["value"], drafted["unit"], drafted["of_value"], drafted["of_unit"]) == (0.5, "", 140_000, "")
    assert not validate_fields(drafted)[1]
    drafted = draft_fields(nlp(text), article, text.index("140,000"), text.index(" residents"))
    assert (drafted["value"], drafted["unit"], drafted["of_value"], drafted["of_unit"]) == (140_000, "", None, "")
    text = "Some 30% of the $3 billion budget went to schools."
    article = Article(path="a.txt", title="T", text=text)
    drafted = draft_fields(nlp(text), article, 0, len("Some 30%"))
    assert (drafted["value"], drafted["unit"], drafted["of_value"], drafted["of_unit"]) == (30, "percent", 3e9, "USD")
    assert not validate_fields(drafted)[1]


def test_the_extract_record_and_the_stored_result_carry_the_whole_and_its_unit(nlp):
    text = "Some 30% of the $3 billion budget went to schools."
    article = Article(path="a.txt", title="T", text=text)
    result = ArticleExtraction(article=article, claims=find_claims(nlp(text), article.id), entities=[], dropped=[])
    [share, _] = result.claims
    record = share.to_record("a.txt")
    assert (record["of_value"], record["of_unit"]) == (3e9, "USD")
    assert decode(article, encode(result)).claims == result.claims


def test_the_cluster_output_has_of_value_and_of_unit_columns(nlp, tmp_path):
    output = pytest.importorskip("claimdesk.annotations.cluster.output", reason="the cluster extra is not installed")
    parquet = pytest.importorskip("pyarrow.parquet", reason="the cluster extra is not installed")
    text = "Some 30% of the $3 billion budget went to schools."
    article = Article(path="a.txt", title="T", text=text)
    result = ArticleExtraction(article=article, claims=find_claims(nlp(text), article.id), entities=[], dropped=[])
    output.write_part(str(tmp_path), "part-00000", [result], "parquet")
    table = parquet.read_table(tmp_path / "claims" / "part-00000.parquet")
    assert table.column("of_value").to_pylist() == [3e9, None]
    assert table.column("of_unit").to_pylist() == ["USD", ""]


# -- the figure a share comes to -------------------------------------------------------------------------

def test_the_figure_a_share_comes_to():
    half = {"value": 0.5, "approx": "approx", "unit": "", "of_value": 140_000, "of_unit": ""}
    assert is_share(half) and share_figure(half) == 70_000
    assert share_figure({"value": 1 / 3, "unit": "", "of_value": 9_000}) == 3_000
    assert share_figure({"value": [0.25, 0.5], "unit": "", "of_value": 8_000}) == [2_000, 4_000]
    assert share_figure({"value": 2 / 3, "unit": "", "of_value": 3e9, "of_unit": "USD"}) == 2e9
    assert share_figure({"value": 40, "unit": "percent", "of_value": 2_500}) == 1_000
    assert share_figure({"value": [40, 50], "unit": "percent", "of_value": 2_000}) == [800, 1_000]
    assert share_figure({"value": 30, "unit": "percent", "of_value": 3e9, "of_unit": "USD"}) == 900_000_000
    assert share_figure({"value": 40, "unit": "percent", "of_value": None}) is None  # "40% of adults"
    assert share_figure({"value": 0.5, "unit": "", "of_value": None}) is None  # "half of the residents"
    assert share_figure({"value": 12, "unit": "km", "of_value": 20}) is None  # no share's unit
    assert share_unit({"value": 30, "unit": "percent", "of_value": 3e9, "of_unit": "USD"}) == "USD"
    assert share_unit(half) == ""
    assert describe_share(half) == "≈ 70,000"
    assert describe_share({"value": 60, "approx": "at_most", "unit": "percent", "of_value": 3.2e6}) == "≤ 1,920,000"
    assert describe_share({"value": 30, "approx": "exact", "unit": "percent", "of_value": 3e9, "of_unit": "USD"}) \
        == "≈ 900,000,000 USD"
    assert describe_value(half) == "about half of 140,000 (≈ 70,000)"
    assert describe_value(half, "residents") == "about half of 140,000 residents (≈ 70,000)"
    assert describe_value({"value": 2 / 3, "approx": "exact", "unit": "", "of_value": 3e9, "of_unit": "USD"}) == \
        "two thirds of 3,000,000,000 USD (≈ 2,000,000,000 USD)"
    assert describe_value({"value": 0.45, "approx": "exact", "unit": "", "of_value": 140_000}) == \
        "0.45 of 140,000 (≈ 63,000)"  # no fraction word says it
    assert describe_value({"value": 40, "approx": "exact", "unit": "percent", "of_value": 2_500}) == \
        "40% of 2,500 (≈ 1,000)"
    assert describe_value({"value": 30, "approx": "exact", "unit": "percent", "of_value": 3e9, "of_unit": "USD"}) == \
        "30% of 3,000,000,000 USD (≈ 900,000,000 USD)"


def test_the_whole_and_its_unit_are_validated():
    fields, errors = validate_fields({"value": "0.5", "unit": "", "of_value": "140,000"})
    assert not errors and (fields["value"], fields["of_value"], fields["of_unit"]) == (0.5, 140_000, "")
    fields, errors = validate_fields({"value": "0.6667", "unit": "", "of_value": "3 billion", "of_unit": "usd"})
    assert not errors and (fields["of_value"], fields["of_unit"]) == (3e9, "USD")  # a ratio of a sum of money
    fields, errors = validate_fields({"value": "30", "unit": "percent", "of_value": "3 billion", "of_unit": "usd"})
    assert not errors and (fields["of_value"], fields["of_unit"]) == (3e9, "USD")
    fields, errors = validate_fields({"value": "40", "unit": "percent", "of_value": "", "of_unit": ""})
    assert not errors and (fields["of_value"], fields["of_unit"]) == (None, "")
    fields, errors = validate_fields({"value": "120", "unit": "percent", "of_value": "2,000"})
    assert not errors  # a percent may be more than its whole ("120% of last year's 2,000")
    _, errors = validate_fields({"value": "30", "unit": "percent", "of_value": "3e9", "of_unit": "dolars"})
    assert errors == {"of_unit": "unknown unit 'dolars': did you mean USD?"}  # as the unit is checked
    _, errors = validate_fields({"value": "30", "unit": "percent", "of_value": "", "of_unit": "USD"})
    assert "whole" in errors["of_unit"]  # a unit of no whole
    _, errors = validate_fields({"value": "1.5", "unit": "", "of_value": "140,000"})
    assert "at most 1" in errors["value"]  # "1.5 of the residents" says nothing
    _, errors = validate_fields({"value": "70,000", "unit": "", "of_value": "140,000"})
    assert "fraction" in errors["value"]  # the part is no share: the share is its fraction
    _, errors = validate_fields({"value": "2 billion", "unit": "USD", "of_value": "3 billion", "of_unit": "USD"})
    assert "fraction" in errors["of_value"] and "percent" in errors["of_value"]
    _, errors = validate_fields({"value": "0.5", "unit": "", "of_value": "lots"})
    assert "number" in errors["of_value"]
    _, errors = validate_fields({"value": "40", "unit": "percent", "of_value": "10-20"})
    assert "one number" in errors["of_value"]


def test_the_unit_fraction_is_retired_with_a_message_that_says_what_to_write():
    _, errors = validate_fields({"value": "0.5", "unit": "fraction", "of_value": "140,000"})
    assert "no unit" in errors["unit"] and "whole in Of" in errors["unit"] and "retired" in errors["unit"]


@pytest.mark.parametrize("written, read", [
    ({"value": 0.5, "approx": "approx", "unit": "fraction", "of_value": 140_000, "counted": "residents"},
     {"value": 0.5, "approx": "approx", "unit": "", "of_value": 140_000, "counted": "residents"}),
    ({"value": 0.6666666667, "unit": "fraction", "of_value": 3e9, "of_unit": "USD"},
     {"value": 0.6666666667, "unit": "", "of_value": 3e9, "of_unit": "USD"}),
    ({"value": [0.25, 0.5], "approx": "range", "unit": "fraction", "of_value": 8_000},
     {"value": [0.25, 0.5], "approx": "range", "unit": "", "of_value": 8_000}),
    ({"value": 0.5, "approx": "approx", "unit": "Fraction"}, {"value": 0.5, "approx": "approx", "unit": ""}),
])
def test_fields_in_the_retired_unit_fraction_read_with_no_unit_and_the_value_unchanged(written, read):
    unit = written["unit"]
    assert retire_fraction(written) == read
    assert written["unit"] == unit  # a new dict: what was read is left as it was
    assert retire_fraction(read) is read


def test_other_fields_are_left_as_they_are():
    fields = {"value": 40, "unit": "percent", "of_value": 2_500}
    assert retire_fraction(fields) is fields
    assert retire_fraction({}) == {}


# -- a session, its store, the exports and the imports ----------------------------------------------------

TEXT = ("Exodus\n\n"
        "Around half of the region's 140,000 residents fled, officials said. "
        "About 40% of the 2,500 workers were laid off.\n\n"
        "Half of the residents have returned. Some 30% of the $3 billion budget went to schools.\n")
QUOTES = ("Around half", "About 40%", "Half", "Some 30%")


def exodus_corpus(tmp_path: Path) -> Path:
    """A corpus folder holding :data:`TEXT`."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "exodus.txt").write_text(TEXT, "utf-8")
    return folder


@pytest.fixture
def exodus(tmp_path):
    """(corpus folder, a session with the shares accepted and one corrected)."""
    folder = exodus_corpus(tmp_path)
    session = session_over(load_corpus(folder), tmp_path / "review.json")
    claims = {c.text: c for c in session.claims(session.articles[0].id)}
    session.accept(claims["Around half"])
    session.correct(claims["About 40%"], dict(claims["About 40%"].fields, of_value="2,400"))
    session.accept(claims["Half"])
    session.accept(claims["Some 30%"])
    yield folder, session
    session.store.close()


def shares_of(session) -> dict:
    return {c.text: c for c in session.all_claims() if c.text in QUOTES}


def test_the_whole_survives_the_store(exodus, tmp_path):
    folder, session = exodus
    session.store.close()
    again = session_over(load_corpus(folder), tmp_path / "review.json")
    try:
        claims = shares_of(again)
        half = claims["Around half"]
        assert (half.value, half.unit, half.of_value, half.status) == (0.5, "", 140_000, "accepted")
        assert claims["About 40%"].of_value == 2_400 and claims["About 40%"].changed_fields == ["of_value"]
        assert claims["Half"].of_value is None
        assert (claims["Some 30%"].of_value, claims["Some 30%"].of_unit) == (3e9, "USD")
    finally:
        again.store.close()


def test_a_store_written_before_the_fields_opens_and_reads_the_extractors(exodus, tmp_path):
    folder, session = exodus
    session.store.close()
    path = tmp_path / "review.json"
    data = json.loads(path.read_text("utf-8"))
    for doc in data["claims"].values():  # as a store written before claims had the fields
        for part in ("fields", "original"):
            (doc.get(part) or {}).pop("of_value", None)
            (doc.get(part) or {}).pop("of_unit", None)
    path.write_text(json.dumps(data), "utf-8")
    (tmp_path / "review.json.journal").unlink(missing_ok=True)
    again = session_over(load_corpus(folder), path)
    try:
        claims = shares_of(again)
        assert claims["Around half"].of_value == 140_000  # the extractor's
        assert claims["About 40%"].status == "corrected" and claims["About 40%"].of_value == 2_500
        assert claims["Some 30%"].of_unit == "USD"
    finally:
        again.store.close()


# What a store of schema 3 held for shares in the unit "fraction" (before it was retired).
WRITE_V3_FRACTIONS = r"""
import os, sys
from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.store import SCHEMA_VERSION, open_store
from claimdesk.annotations.store.backup import list_backups
from claimdesk.annotations.store.schema import upgrade_claim

corpus = load_corpus(sys.argv[1])
article = corpus.articles[0]
def at(quote):
    start = article.text.index(quote)
    return make_selector(article.text, start, start + len(quote))
half = {"value": 0.5, "approx": "approx", "unit": "fraction", "change": "", "from_value": None,
        "of_value": 140000, "counted": "residents", "predicate": "fled", "source": "officials", "date": ""}
store = open_store(sys.argv[2], corpus=corpus.root, reviewer="ana", checkpoint_every=10000)
store.accept(sys.argv[3], article.id, at("Around half"), original=half)
store.checkpoint()  # the decision above is in the database file; the one below only in the journal
bare = dict(half, value=0.5, of_value=None, counted="residents", predicate="returned", source="")
store.correct(sys.argv[4], article.id, at("Half"), dict(bare, value=[0.4, 0.5], approx="range"), original=bare)
sys.stdout.flush()
os._exit(0)  # no close: the last entry stays in the journal, as after a killed session
"""


def test_a_store_written_with_the_unit_fraction_is_migrated_to_no_unit(tmp_path):
    folder = exodus_corpus(tmp_path)
    article = load_corpus(folder).articles[0]
    path = tmp_path / "review.json"
    ids = {q: quote_id(article.id, article.text, article.text.index(q), article.text.index(q) + len(q))
           for q in ("Around half", "Half")}
    subprocess.run([sys.executable, "-c", WRITE_V3_FRACTIONS, str(folder), str(path), ids["Around half"],
                    ids["Half"]], check=True)
    data = json.loads(path.read_text("utf-8"))
    data["meta"]["1"]["schema"] = 3  # as claimdesk wrote it before the unit fraction was retired
    path.write_text(json.dumps(data), "utf-8")
    before = path.read_bytes()
    with open_store(path, reviewer="ana") as store:
        half, bare = store.claim(ids["Around half"]), store.claim(ids["Half"])
        assert {k: half["original"][k] for k in ("value", "approx", "unit", "of_value")} == {
            "value": 0.5, "approx": "approx", "unit": "", "of_value": 140_000}
        # only in the journal, and no whole: the same fraction, with no unit
        assert {k: bare["fields"][k] for k in ("value", "approx", "unit")} == {
            "value": [0.4, 0.5], "approx": "range", "unit": ""}
        assert bare["original"]["value"] == 0.5 and bare["original"]["unit"] == ""
        store.undo()  # back to no decision on "Half"; redo reads the journal's entry upgraded again
        store.redo()
        assert store.claim(ids["Half"])["fields"]["unit"] == ""
    [backup] = [b for b in list_backups(path) if b.name.endswith(".pre-migration-v3")]
    assert backup.read_bytes() == before
    assert json.loads(path.read_text("utf-8"))["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    session = session_over(load_corpus(folder), path)
    try:
        claims = shares_of(session)
        assert (claims["Around half"].value, claims["Around half"].status) == (0.5, "accepted")
        assert not any(c.unit == "fraction" for c in session.all_claims())
    finally:
        session.store.close()


def test_a_claim_decision_in_the_unit_fraction_is_upgraded_as_it_is_read():
    doc = {"id": "c", "status": "corrected", "selector": {"quote": {"exact": "around half"}},
           "fields": {"value": 0.4, "unit": "fraction", "of_value": 140_000},
           "original": {"value": 0.5, "approx": "approx", "unit": "fraction", "change": "", "from_value": None,
                        "of_value": 140_000, "counted": "residents", "predicate": "", "source": "", "date": ""}}
    upgraded = upgrade_claim(doc)
    assert upgraded["fields"] == {"value": 0.4, "unit": "", "of_value": 140_000}
    assert (upgraded["original"]["value"], upgraded["original"]["unit"]) == (0.5, "")
    assert doc["fields"]["unit"] == "fraction" and upgrade_claim(upgraded) == upgraded


def test_jsonl_carries_the_whole_and_imports_back_byte_for_byte(exodus, tmp_path):
    folder, session = exodus
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    export(session, "jsonl", first, statuses=CLAIM_STATES)
    claims = {r["text"]: r for r in map(json.loads, first.read_text("utf-8").splitlines()) if r["kind"] == "claim"}
    assert (claims["Around half"]["fields"]["value"], claims["Around half"]["fields"]["of_value"]) == (0.5, 140_000)
    assert claims["About 40%"]["fields"]["of_value"] == 2_400 and claims["About 40%"]["original"]["of_value"] == 2_500
    assert claims["Half"]["fields"]["of_value"] is None and claims["Half"]["fields"]["of_unit"] == ""
    assert claims["Some 30%"]["fields"]["of_unit"] == "USD"
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(first, fresh).complete
        assert shares_of(fresh)["About 40%"].of_value == 2_400
        assert shares_of(fresh)["Some 30%"].of_unit == "USD"
        export(fresh, "jsonl", second, statuses=CLAIM_STATES)
    finally:
        fresh.store.close()
    assert sorted(first.read_bytes().splitlines()) == sorted(second.read_bytes().splitlines())


def test_an_export_written_with_the_unit_fraction_imports_with_no_unit(exodus, tmp_path):
    folder, session = exodus
    path = tmp_path / "old.jsonl"
    export(session, "jsonl", path, statuses=CLAIM_STATES)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for record in records:  # as claimdesk wrote a share before the unit fraction was retired
        if record.get("text") == "Around half":
            for part in ("fields", "original"):
                record[part] = {**record[part], "value": 0.4, "unit": "fraction"}
                record[part].pop("of_unit")
            record["status"] = "corrected"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(path, fresh).complete
        half = shares_of(fresh)["Around half"]
        assert (half.status, half.value, half.unit, half.of_value) == ("corrected", 0.4, "", 140_000)
    finally:
        fresh.store.close()


def test_a_prodigy_task_written_with_the_unit_fraction_imports_with_no_unit(exodus, tmp_path):
    folder, session = exodus
    export(session, "prodigy", tmp_path / "tasks.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()]
    for task in tasks:  # an older task: the share, in the unit fraction, with no of_unit
        fields = task["meta"].get("fields") or {}
        if fields.get("of_value") == 140_000:
            fields.update(value=0.5, unit="fraction")
            fields.pop("of_unit")
    (tmp_path / "tasks.jsonl").write_text("".join(json.dumps(t) + "\n" for t in tasks), "utf-8")
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(tmp_path / "tasks.jsonl", fresh).problems == []
        half = shares_of(fresh)["Around half"]
        assert (half.status, half.value, half.unit) == ("accepted", 0.5, "")  # what the extractor says too
    finally:
        fresh.store.close()


def test_csv_has_of_value_and_of_unit_columns(exodus):
    _, session = exodus
    out = io.StringIO()
    export(session, "csv", out)
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["Around half"]["value"] == "0.5" and rows["Around half"]["unit"] == ""
    assert rows["Around half"]["of_value"] == "140000"
    assert rows["Half"]["of_value"] == "" and rows["Half"]["of_unit"] == ""
    assert (rows["Some 30%"]["of_value"], rows["Some 30%"]["of_unit"]) == ("3000000000", "USD")
    assert rows["About 40%"]["original"] == "of_value: 2,500"


def test_w3c_claimreview_brat_prodigy_and_spacy_carry_it(exodus, tmp_path):
    folder, session = exodus
    out = io.StringIO()
    export(session, "w3c", out)
    items = {i["target"]["selector"][0]["exact"]: i for i in json.loads(out.getvalue())["first"]["items"]}
    body = items["Around half"]["body"]
    assert body[1]["value"] == "about half of 140,000 residents (≈ 70,000) fled, according to officials"
    assert json.loads(body[2]["value"])["fields"]["of_value"] == 140_000
    assert items["Some 30%"]["body"][1]["value"] == \
        "about 30% of 3,000,000,000 USD budget (≈ 900,000,000 USD) went"
    assert json.loads(items["Some 30%"]["body"][2]["value"])["fields"]["of_unit"] == "USD"
    out = io.StringIO()
    export(session, "claimreview", out)
    about = {r["claimReviewed"]: r["itemReviewed"].get("about") for r in json.loads(out.getvalue())["@graph"]}
    share = about["about half of 140,000 residents (≈ 70,000) fled, according to officials"]
    assert share["value"] == 0.5
    assert {"@type": "PropertyValue", "name": "of", "value": 140_000} in share["additionalProperty"]
    budget = about["about 30% of 3,000,000,000 USD budget (≈ 900,000,000 USD) went"]
    assert {"@type": "PropertyValue", "name": "of", "value": 3e9, "unitText": "USD"} in budget["additionalProperty"]
    export(session, "brat", tmp_path / "brat")
    [ann] = (tmp_path / "brat").glob("*.ann")
    notes = ann.read_text("utf-8").splitlines()
    assert any("of_value=140,000" in line for line in notes)
    assert any("of_value=3,000,000,000 | of_unit=USD" in line for line in notes)
    export(session, "prodigy", tmp_path / "tasks.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()]
    assert {t["meta"]["fields"].get("of_value") for t in tasks if t["meta"].get("claim")} >= {140_000, 2_400}
    assert "USD" in {t["meta"]["fields"].get("of_unit") for t in tasks if t["meta"].get("claim")}
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(tmp_path / "tasks.jsonl", fresh).problems == []
        assert shares_of(fresh)["About 40%"].of_value == 2_400
        assert shares_of(fresh)["Some 30%"].of_unit == "USD"
    finally:
        fresh.store.close()
    export(session, "spacy", tmp_path / "x.spacy")
    [doc] = DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("en").vocab)
    fields = {c["text"]: c["fields"] for c in doc.user_data["claimdesk"]["claims"]}
    assert fields["Around half"]["of_value"] == 140_000 and fields["Some 30%"]["of_unit"] == "USD"


def test_the_citation_line_says_the_figure_the_share_comes_to(exodus):
    _, session = exodus
    article = session.articles[0]
    claims = shares_of(session)
    assert citation(claims["Around half"], article).startswith(
        "Around half of the region's 140,000 residents (≈ 70,000) fled — according to officials")
    assert citation(claims["Some 30%"], article).startswith(
        "Some 30% of the $3 billion budget (≈ 900,000,000 USD) went")
    # a corrected whole is said as corrected, not in the article's words (which say 2,500)
    assert citation(claims["About 40%"], article).startswith("about 40% of 2,400 workers (≈ 960) laid")
    assert citation(claims["Half"], article).startswith("Half of the residents")  # no figure to come to
    moved = {**claims["Around half"].fields, "value": 0.6}
    said = citation(replace(claims["Around half"], fields=moved), article)
    assert said.startswith("about three fifths of 140,000 residents (≈ 84,000) fled")  # a corrected share
    text = "Half of 600 were lost."  # nothing names what is counted: the figure follows the whole's number
    fields = {"value": 0.5, "approx": "exact", "unit": "", "change": "", "from_value": None, "of_value": 600,
              "of_unit": "", "counted": "", "predicate": "lost", "source": "", "date": ""}
    lost = ReviewClaim("c", "a", 0, 4, "Half", text, "accepted", original=fields, fields=dict(fields))
    assert citation(lost, Article(path="a.txt", title="", text=text)) == "Half of 600 (≈ 300) were lost"


def test_the_linker_compares_a_share_by_the_figure_it_comes_to_in_the_wholes_unit(exodus):
    _, session = exodus
    article = session.articles[0]
    claims = session.claims(article.id)
    profiles = {p.claim_id: p for p in profile_claims(claims, article, 0)}
    share = profiles[next(c.id for c in claims if c.text == "Around half")]
    whole = profiles[next(c.id for c in claims if c.text == "140,000")]
    assert (share.low, share.high, share.unit, share.whole) == (70_000, 70_000, "", 140_000)  # not 0.5
    assert propose_type(share, whole) == propose_type(whole, share) == "related"  # the whole is no revision
    fled = replace(whole, low=70_000.0, high=70_000.0)  # "70,000 residents fled", said elsewhere
    assert propose_type(share, fled) == "same"
    assert propose_type(share, replace(fled, low=50_000.0, high=50_000.0)) in ("update", "contradicts")
    budget = profiles[next(c.id for c in claims if c.text == "Some 30%")]
    dollars = profiles[next(c.id for c in claims if c.text == "$3 billion")]
    assert (budget.low, budget.unit, budget.whole) == (900_000_000, "USD", 3e9)
    assert propose_type(budget, dollars) == "related"  # its whole
    schools = replace(dollars, low=900_000_000.0, high=900_000_000.0)  # "$900 million went to schools"
    assert propose_type(budget, schools) == "same"
    count = replace(schools, scale=whole.scale)  # 900,000,000 of something counted: never one figure with USD
    assert propose_type(budget, count) == "related"


# -- the app ----------------------------------------------------------------------------------------------

async def test_the_detail_pane_and_the_form_show_the_whole_and_its_unit(tmp_path, warm_cache):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(exodus_corpus(tmp_path), store=store)
        async with app.run_test(size=(120, 40)) as pilot:
            await app_ready(app, pilot)
            review = app.review
            claims = {c.text: c for c in app.session.claims(review.article.id)}
            review.select_claim(claims["Around half"].id)
            await pilot.pause()
            detail = app.query_one(ClaimDetail).content.plain
            assert "Value           0.5 (half)" in detail
            assert "Of              140,000 → ≈ 70,000 residents" in detail
            review.select_claim(claims["Some 30%"].id)
            await pilot.pause()
            detail = app.query_one(ClaimDetail).content.plain
            assert "Value           30%" in detail
            assert "Of              3,000,000,000 USD → ≈ 900,000,000 USD budget" in detail
            await pilot.press("e")
            form = app.screen
            assert isinstance(form, CorrectionForm)
            assert (form.current_values()["of_value"], form.current_values()["of_unit"]) == ("3,000,000,000", "USD")
            form.query_one("#field-of_unit").value = "dolars"
            await pilot.press("enter")
            assert app.screen is form and form.query_one("#error-of_unit").display
            form.query_one("#field-of_unit").value = "EUR"
            form.query_one("#field-of_value").value = "2 billion"
            await pilot.press("enter")
            await pilot.pause()
            saved = app.session.claim(claims["Some 30%"].article, claims["Some 30%"].id)
            assert (saved.status, saved.of_value, saved.of_unit) == ("corrected", 2e9, "EUR")
            detail = app.query_one(ClaimDetail).content.plain
            assert "2,000,000,000 EUR → ≈ 600,000,000 EUR budget  (was 3,000,000,000 USD)" in detail


def test_the_claims_pane_says_the_figure_a_share_comes_to_where_it_fits():
    fields = {"value": 0.5, "approx": "approx", "unit": "", "of_value": 140_000, "of_unit": "", "counted": "residents"}
    half = ReviewClaim("c", "a", 0, 11, "Around half", "", "pending", original=fields, fields=dict(fields))
    assert value_cell(half) == "~half of"
    assert value_cell(half, 14) == "~half ≈ 70,000"
    budget = {"value": 30, "approx": "exact", "unit": "percent", "of_value": 3e9, "of_unit": "USD"}
    assert value_cell(replace(half, fields=budget), 14) == "30% of"  # "30% ≈ 900,000,000 USD" does not fit
    assert value_cell(replace(half, fields={**fields, "of_value": None})) == "~0.5"  # no stated whole


def test_the_adjudication_table_compares_the_whole_and_its_unit():
    share = {"value": 30, "approx": "approx", "unit": "percent", "of_value": 3e9, "of_unit": "USD",
             "counted": "budget"}
    ana, bob = (Version("ana", "c", "a", "accepted", share),
                Version("bob", "c", "a", "corrected", {**share, "of_unit": "EUR"}))
    assert {"of_value", "of_unit"} <= set(COMPARED_FIELDS) and not ana.agrees(bob)
    assert version_cell(ana, "of_value", True).plain == "3,000,000,000"
    assert version_cell(bob, "of_unit", True).plain == "EUR"
    assert version_cell(bob, "value", True).plain == "about 30% of 3,000,000,000 EUR (≈ 900,000,000 EUR)"


def test_a_decision_stored_before_the_fields_agrees_with_one_that_leaves_them_empty():
    """Team agreement: a field a decision stored before of_value / of_unit existed lacks is the same as one
    left empty (no whole, no unit), in the decision agreement, the field figures and the disagreements."""
    old = {"value": 400, "approx": "approx", "unit": "", "change": "", "from_value": None, "counted": "lives",
           "predicate": "", "source": "", "date": ""}
    new = {**old, "of_value": None, "of_unit": ""}
    docs = {"ana": {"id": "c", "article": "a", "status": "corrected", "fields": dict(old, value=410), "original": old},
            "bob": {"id": "c", "article": "a", "status": "corrected", "fields": dict(new, value=410), "original": new}}
    ana, bob = (Version.from_doc(name, doc) for name, doc in docs.items())
    assert ana.agrees(bob) and bob.agrees(ana)
    report = measure({"ana": {"c": ana}, "bob": {"c": bob}})
    assert report.disagreements == []
    assert {(f.field, f.agreed, f.compared) for f in report.fields if f.field in ("of_value", "of_unit")} == {
        ("of_value", 1, 1), ("of_unit", 1, 1)}
