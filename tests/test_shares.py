"""A share of a stated figure ("around half of the region's 140,000 residents"): the claim keeps the share
as its value and gets the whole in ``of_value``; every view says the figure the share comes to (≈ 70,000)."""

from __future__ import annotations

import csv
import io
import json
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
from claimdesk.annotations.extraction.claims import find_claims
from claimdesk.annotations.fields import describe_share, describe_value, share_figure, validate_fields
from claimdesk.annotations.index.extractions import decode, encode
from claimdesk.annotations.links.profile import profile_claims
from claimdesk.annotations.links.score import propose_type
from claimdesk.annotations.nlp import load_model
from claimdesk.annotations.reviewed import CLAIM_STATES
from claimdesk.annotations.store import open_store
from claimdesk.annotations.team.versions import COMPARED_FIELDS, Version
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.adjudication import version_cell
from claimdesk.tui.screens.correction_form import CorrectionForm
from claimdesk.tui.widgets.claim_detail import ClaimDetail
from session_helpers import app_ready, session_over


@pytest.fixture(scope="module")
def nlp():
    return load_model()


# -- extraction ----------------------------------------------------------------------------------------

SHARES = [
    ("Around half of the region's 140,000 residents fled.", "Around half", 0.5, "approx", "fraction", 140_000,
     "residents"),
    ("A third of its 9,000 voters stayed home.", "A third", 1 / 3, "exact", "fraction", 9_000, "voters"),
    ("About 40% of the 2,500 workers were laid off.", "About 40%", 40, "approx", "percent", 2_500, "workers"),
    ("The council cut two-thirds of the $3 billion budget.", "two-thirds", 2 / 3, "exact", "fraction", 3e9,
     "budget"),
]


@pytest.mark.parametrize("sentence, quote, value, approx, unit, of_value, counted", SHARES)
def test_a_share_of_a_figure_keeps_the_share_and_names_the_whole(nlp, sentence, quote, value, approx, unit,
                                                                  of_value, counted):
    claims = {c.text: c for c in find_claims(nlp(sentence))}
    share = claims[quote]
    assert (share.value, share.approx, share.unit, share.of_value, share.counted) == (
        pytest.approx(value), approx, unit, pytest.approx(of_value), counted)
    [whole] = [c for c in claims.values() if c is not share]
    assert whole.value == pytest.approx(of_value) and whole.of_value is None  # the whole stays a claim of its own


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
    assert (drafted["value"], drafted["unit"], drafted["of_value"]) == (0.5, "fraction", 140_000)
    assert not validate_fields(drafted)[1]
    drafted = draft_fields(nlp(text), article, text.index("140,000"), text.index(" residents"))
    assert (drafted["value"], drafted["unit"], drafted["of_value"]) == (140_000, "", None)


def test_the_extract_record_and_the_stored_result_carry_the_whole(nlp):
    text = "Around half of the region's 140,000 residents fled."
    article = Article(path="a.txt", title="T", text=text)
    result = ArticleExtraction(article=article, claims=find_claims(nlp(text), article.id), entities=[], dropped=[])
    [share, _] = result.claims
    assert share.to_record("a.txt")["of_value"] == 140_000
    assert decode(article, encode(result)).claims == result.claims


def test_the_cluster_output_has_an_of_value_column(nlp, tmp_path):
    output = pytest.importorskip("claimdesk.annotations.cluster.output", reason="the cluster extra is not installed")
    parquet = pytest.importorskip("pyarrow.parquet", reason="the cluster extra is not installed")
    text = "Around half of the region's 140,000 residents fled."
    article = Article(path="a.txt", title="T", text=text)
    result = ArticleExtraction(article=article, claims=find_claims(nlp(text), article.id), entities=[], dropped=[])
    output.write_part(str(tmp_path), "part-00000", [result], "parquet")
    table = parquet.read_table(tmp_path / "claims" / "part-00000.parquet")
    assert table.column("of_value").to_pylist() == [140_000.0, None]


# -- the figure a share comes to -------------------------------------------------------------------------

def test_the_figure_a_share_comes_to():
    assert share_figure({"value": 0.5, "unit": "fraction", "of_value": 140_000}) == 70_000
    assert share_figure({"value": 0.3333333333, "unit": "fraction", "of_value": 9_000}) == 3_000
    assert share_figure({"value": 40, "unit": "percent", "of_value": 2_500}) == 1_000
    assert share_figure({"value": [40, 50], "unit": "percent", "of_value": 2_000}) == [800, 1_000]
    assert share_figure({"value": 0.5, "unit": "fraction", "of_value": None}) is None
    assert share_figure({"value": 12, "unit": "", "of_value": 100}) is None  # a count is no share
    assert describe_share({"value": 0.5, "approx": "approx", "unit": "fraction", "of_value": 140_000}) == "≈ 70,000"
    assert describe_share({"value": 60, "approx": "at_most", "unit": "percent", "of_value": 3.2e6}) == "≤ 1,920,000"
    assert describe_value({"value": 0.5, "approx": "approx", "unit": "fraction", "of_value": 140_000}) == \
        "about half (≈ 70,000) of 140,000"
    assert describe_value({"value": 40, "approx": "exact", "unit": "percent", "of_value": 2_500}) == \
        "40% (≈ 1,000) of 2,500"


def test_the_whole_is_validated_as_a_number_of_a_share():
    fields, errors = validate_fields({"value": "0.5", "unit": "fraction", "of_value": "140,000"})
    assert not errors and fields["of_value"] == 140_000
    fields, errors = validate_fields({"value": "40", "unit": "percent", "of_value": ""})
    assert not errors and fields["of_value"] is None
    _, errors = validate_fields({"value": "0.5", "unit": "fraction", "of_value": "lots"})
    assert "number" in errors["of_value"]
    _, errors = validate_fields({"value": "12", "unit": "", "of_value": "100"})
    assert "fraction or a percent" in errors["of_value"]
    _, errors = validate_fields({"value": "0.5", "unit": "fraction", "of_value": "10-20"})
    assert "one number" in errors["of_value"]


# -- a session, its store, the exports and the imports ----------------------------------------------------

TEXT = ("Exodus\n\n"
        "Around half of the region's 140,000 residents fled, officials said. "
        "About 40% of the 2,500 workers were laid off.\n\n"
        "Half of the residents have returned.\n")


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
    yield folder, session
    session.store.close()


def shares_of(session) -> dict:
    return {c.text: c for c in session.all_claims() if c.text in ("Around half", "About 40%", "Half")}


def test_the_whole_survives_the_store(exodus, tmp_path):
    folder, session = exodus
    session.store.close()
    again = session_over(load_corpus(folder), tmp_path / "review.json")
    try:
        claims = shares_of(again)
        assert claims["Around half"].of_value == 140_000 and claims["Around half"].status == "accepted"
        assert claims["About 40%"].of_value == 2_400 and claims["About 40%"].changed_fields == ["of_value"]
        assert claims["Half"].of_value is None
    finally:
        again.store.close()


def test_a_store_written_before_the_field_opens_and_reads_the_extractors(exodus, tmp_path):
    folder, session = exodus
    session.store.close()
    path = tmp_path / "review.json"
    data = json.loads(path.read_text("utf-8"))
    for doc in data["claims"].values():  # as a store written before claims had the field
        for part in ("fields", "original"):
            (doc.get(part) or {}).pop("of_value", None)
    path.write_text(json.dumps(data), "utf-8")
    (tmp_path / "review.json.journal").unlink(missing_ok=True)
    again = session_over(load_corpus(folder), path)
    try:
        claims = shares_of(again)
        assert claims["Around half"].of_value == 140_000  # the extractor's
        assert claims["About 40%"].status == "corrected" and claims["About 40%"].of_value == 2_500
    finally:
        again.store.close()


def test_jsonl_carries_the_whole_and_imports_back_byte_for_byte(exodus, tmp_path):
    folder, session = exodus
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    export(session, "jsonl", first, statuses=CLAIM_STATES)
    claims = {r["text"]: r for r in map(json.loads, first.read_text("utf-8").splitlines()) if r["kind"] == "claim"}
    assert claims["Around half"]["fields"]["of_value"] == 140_000
    assert claims["About 40%"]["fields"]["of_value"] == 2_400 and claims["About 40%"]["original"]["of_value"] == 2_500
    assert claims["Half"]["fields"]["of_value"] is None
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(first, fresh).complete
        assert shares_of(fresh)["About 40%"].of_value == 2_400
        export(fresh, "jsonl", second, statuses=CLAIM_STATES)
    finally:
        fresh.store.close()
    assert sorted(first.read_bytes().splitlines()) == sorted(second.read_bytes().splitlines())


def test_csv_has_an_of_value_column(exodus):
    _, session = exodus
    out = io.StringIO()
    export(session, "csv", out)
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["Around half"]["of_value"] == "140000" and rows["Half"]["of_value"] == ""
    assert rows["About 40%"]["original"] == "of_value: 2,500"


def test_w3c_claimreview_brat_prodigy_and_spacy_carry_it(exodus, tmp_path):
    folder, session = exodus
    out = io.StringIO()
    export(session, "w3c", out)
    items = {i["target"]["selector"][0]["exact"]: i for i in json.loads(out.getvalue())["first"]["items"]}
    body = items["Around half"]["body"]
    assert body[1]["value"] == "about half (≈ 70,000) of 140,000 residents fled, according to officials"
    assert json.loads(body[2]["value"])["fields"]["of_value"] == 140_000
    out = io.StringIO()
    export(session, "claimreview", out)
    about = {r["claimReviewed"]: r["itemReviewed"].get("about") for r in json.loads(out.getvalue())["@graph"]}
    share = about["about half (≈ 70,000) of 140,000 residents fled, according to officials"]
    assert {"@type": "PropertyValue", "name": "of", "value": 140_000} in share["additionalProperty"]
    export(session, "brat", tmp_path / "brat")
    [ann] = (tmp_path / "brat").glob("*.ann")
    assert any("of_value=140,000" in line for line in ann.read_text("utf-8").splitlines())
    export(session, "prodigy", tmp_path / "tasks.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()]
    assert {t["meta"]["fields"].get("of_value") for t in tasks if t["meta"].get("claim")} >= {140_000, 2_400}
    fresh = session_over(load_corpus(folder), tmp_path / "fresh.json", "bob")
    try:
        assert import_file(tmp_path / "tasks.jsonl", fresh).problems == []
        assert shares_of(fresh)["About 40%"].of_value == 2_400
    finally:
        fresh.store.close()
    export(session, "spacy", tmp_path / "x.spacy")
    [doc] = DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("en").vocab)
    fields = {c["text"]: c["fields"] for c in doc.user_data["claimdesk"]["claims"]}
    assert fields["Around half"]["of_value"] == 140_000


def test_the_citation_line_says_the_figure_the_share_comes_to(exodus):
    _, session = exodus
    article = session.articles[0]
    claims = shares_of(session)
    assert citation(claims["Around half"], article).startswith(
        "Around half (≈ 70,000) of the region's 140,000 residents fled — according to officials")
    # a corrected whole is said as corrected, not in the article's words (which say 2,500)
    assert citation(claims["About 40%"], article).startswith("about 40% (≈ 960) of 2,400 workers")
    assert citation(claims["Half"], article).startswith("Half of the residents")  # no figure to come to
    unknown = {**claims["Around half"].fields, "of_value": None}  # a share whose whole is not known (an old store)
    said = citation(replace(claims["Around half"], fields=unknown, original=unknown), article)
    assert said.startswith("about half of the region's 140,000 residents fled")  # not "about half of of"


def test_the_linker_compares_a_share_by_the_figure_it_comes_to(exodus):
    _, session = exodus
    article = session.articles[0]
    claims = session.claims(article.id)
    profiles = {p.claim_id: p for p in profile_claims(claims, article, 0)}
    share = profiles[next(c.id for c in claims if c.text == "Around half")]
    whole = profiles[next(c.id for c in claims if c.text == "140,000")]
    assert (share.low, share.high, share.unit, share.whole) == (70_000, 70_000, "", 140_000)
    assert propose_type(share, whole) == propose_type(whole, share) == "related"  # the whole is no revision
    fled = replace(whole, low=70_000.0, high=70_000.0)  # "70,000 residents fled", said elsewhere
    assert propose_type(share, fled) == "same"
    assert propose_type(share, replace(fled, low=50_000.0, high=50_000.0)) in ("update", "contradicts")


# -- the app ----------------------------------------------------------------------------------------------

async def test_the_detail_pane_and_the_form_show_the_whole(tmp_path, warm_cache):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(exodus_corpus(tmp_path), store=store)
        async with app.run_test(size=(120, 40)) as pilot:
            await app_ready(app, pilot)
            review = app.review
            claim = next(c for c in app.session.claims(review.article.id) if c.text == "Around half")
            review.select_claim(claim.id)
            await pilot.pause()
            detail = app.query_one(ClaimDetail).content.plain
            assert "Of              140,000 → ≈ 70,000 residents" in detail
            await pilot.press("e")
            form = app.screen
            assert isinstance(form, CorrectionForm) and form.current_values()["of_value"] == "140,000"
            form.query_one("#field-of_value").value = "lots"
            await pilot.press("enter")
            assert app.screen is form and form.query_one("#error-of_value").display
            form.query_one("#field-of_value").value = "150,000"
            await pilot.press("enter")
            await pilot.pause()
            saved = app.session.claim(claim.article, claim.id)
            assert (saved.status, saved.of_value) == ("corrected", 150_000)
            detail = app.query_one(ClaimDetail).content.plain
            assert "150,000 → ≈ 75,000 residents  (was 140,000)" in detail


def test_the_adjudication_table_compares_the_whole():
    share = {"value": 0.5, "approx": "approx", "unit": "fraction", "of_value": 140_000, "counted": "residents"}
    ana, bob = (Version("ana", "c", "a", "accepted", share),
                Version("bob", "c", "a", "corrected", {**share, "of_value": 150_000}))
    assert "of_value" in COMPARED_FIELDS and not ana.agrees(bob)
    assert version_cell(ana, "of_value", True).plain == "140,000"
    assert version_cell(bob, "value", True).plain == "about half (≈ 75,000) of 150,000"
