"""A claim's unit, change and start value: validated as typed, said in words, filled in for a new claim."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from claimdesk.annotations.article import Article
from claimdesk.annotations.citation import citation
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.fields import CLAIM_FIELDS, describe_change, describe_value, validate_fields
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.unit_input import suggest_unit, unit_code
from claimdesk.tui.widgets.claims_pane import value_cell
from session_helpers import session_over

DEV_SET = Path(__file__).parent / "data" / "quantities_dev.jsonl"


def test_every_unit_extraction_writes_reads_back_as_itself():
    units = {c["unit"] for line in DEV_SET.read_text("utf-8").splitlines() for c in json.loads(line)["claims"]}
    assert len(units) > 40
    assert {u: unit_code(u) for u in units} == {u: u for u in units}


@pytest.mark.parametrize("typed, code", [
    ("usd", "USD"), ("US$", "USD"), ("£", "GBP"), ("pence", "GBX"), ("%", "percent"), ("per cent", "percent"),
    ("percentage points", "percentage point"), ("bps", "basis point"), ("kilometres", "km"), ("miles", "mi"),
    ("km/h", "km/h"), ("m/s", "m/s"), ("degC", "°C"), ("tonnes", "t"), ("hectares", "ha"), ("in", "in"),
    ("  ", ""),
])
def test_a_typed_unit_becomes_its_code(typed, code):
    fields, errors = validate_fields({"value": "3", "unit": typed})
    assert not errors and fields["unit"] == code


@pytest.mark.parametrize("typed, hint", [("kms", "km"), ("KM", "km"), ("C", "°C"), ("kilometrs", "km"),
                                         ("dolars", "USD"), ("percnt", "percent"), ("Kg", "kg")])
def test_an_unknown_unit_is_an_error_with_a_suggestion(typed, hint):
    _, errors = validate_fields({"value": "3", "unit": typed})
    assert errors == {"unit": f"unknown unit {typed!r}: did you mean {hint}?"}
    assert suggest_unit(typed) == hint


def test_a_unit_nothing_resembles_says_what_to_write():
    _, errors = validate_fields({"value": "3", "unit": "troops\x1b[2J"})
    assert errors["unit"].startswith("unknown unit 'troops': write a currency code (USD)")


def test_change_and_from_value_are_checked_with_the_value():
    fields, errors = validate_fields({"value": "2,315", "unit": "USD", "change": "down", "from_value": "2,415"})
    assert not errors and (fields["from_value"], fields["change"]) == (2415, "down")
    fields, errors = validate_fields({"value": "273", "from_value": "240"})  # the change follows from the two
    assert not errors and fields["change"] == "up"
    fields, errors = validate_fields({"value": "6.5", "unit": "%", "change": "↓"})
    assert not errors and (fields["change"], fields["from_value"]) == ("down", None)
    _, errors = validate_fields({"value": "5", "change": "sideways", "from_value": "lots"})
    assert errors.keys() == {"change", "from_value"}
    _, errors = validate_fields({"value": "10-20", "from_value": "5"})
    assert "one number" in errors["from_value"]
    _, errors = validate_fields({"value": "5", "from_value": "5"})
    assert "cannot equal" in errors["from_value"]


def test_a_record_from_before_the_new_fields_leaves_them_to_the_extractor():
    fields, errors = validate_fields({"value": 5, "counted": "troops"}, keep_absent=True)
    assert not errors and not {"unit", "change", "from_value"} & set(fields)
    fields, _ = validate_fields({"value": 5, "counted": "troops"})
    assert (fields["unit"], fields["change"], fields["from_value"]) == ("", "", None)


@pytest.mark.parametrize("fields, value, change", [
    ({"value": 6.5, "unit": "percent", "change": "down"}, "6.5%", "▼ 6.5%"),
    ({"value": 164, "unit": "GBX", "change": "down"}, "164 GBX", "▼ 164 GBX"),
    ({"value": 2315, "unit": "USD", "change": "down", "from_value": 2415}, "from 2,415 to 2,315 USD",
     "▼ from 2,415 to 2,315 USD"),
    ({"value": 6.5, "unit": "percent", "change": "up", "from_value": 5}, "from 5% to 6.5%", "▲ from 5% to 6.5%"),
    ({"value": 273, "approx": "approx", "change": "up", "from_value": 240}, "from 240 to about 273",
     "▲ from 240 to about 273"),
    ({"value": [800000, 1300000], "approx": "range", "unit": "USD"}, "800,000-1,300,000 USD", None),
    ({"value": 0.25, "unit": "percentage point"}, "0.25 percentage points", None),
    ({"value": 1, "unit": "percentage point"}, "1 percentage point", None),
    ({"value": 0.5, "approx": "approx", "of_value": 140_000}, "about half of 140,000 (≈ 70,000)", None),
    ({"value": 12, "approx": "approx", "unit": "mi"}, "about 12 mi", None),
    ({"value": 400, "approx": "approx"}, "about 400", None),
    ({"value": 7531, "unit": "s"}, "7,531 s (2:05:31)", None),  # a race time, as the clock reads it
    ({"value": 91.442, "unit": "s", "change": "down"}, "91.442 s (1:31.442)", "▼ 91.442 s (1:31.442)"),
    ({"value": 119.9996, "unit": "s"}, "120 s (2:00)", None),
    ({"value": 0.118, "unit": "s"}, "0.118 s", None),
])
def test_values_are_said_with_their_unit_and_change(fields, value, change):
    assert describe_value(fields) == value
    assert describe_change(fields) == (change or value)


def claim_at(text: str, quote: str, **fields) -> tuple[ReviewClaim, Article]:
    article = Article(path="a.txt", title="T", text=text, source="Wire", date="2021-03-02")
    start = text.index(quote)
    full = {"value": 1, "approx": "exact", "unit": "", "change": "", "from_value": None, "counted": "",
            "predicate": "", "source": "", "date": "", **fields}
    return ReviewClaim("c", article.id, start, start + len(quote), quote, text, "pending",
                       original=dict(full), fields=dict(full)), article


def test_the_citation_line_says_the_unit_and_the_change():
    text = ("Shares of Halvern fell 4.7% to 178p in London, the company said. Gold fell from $2,380 to $2,290. "
            "Unemployment narrowed to 138,285 from 212,577. The index closed at 31,820, its lowest this year.")
    amount, article = claim_at(text, "4.7%", value=4.7, unit="percent", change="down", counted="Halvern shares",
                               predicate="fell", source="the company")
    assert citation(amount, article) == "Halvern shares fell 4.7% — according to the company — Wire, 2021-03-02"
    level, _ = claim_at(text, "178p", value=178, unit="GBX", change="down", counted="Halvern shares",
                        predicate="fell")
    assert citation(level, article).startswith("Halvern shares fell 4.7% to 178 GBX — ")  # the article's words
    gold, _ = claim_at(text, "from $2,380 to $2,290", value=2290, unit="USD", change="down", from_value=2380,
                       counted="gold", predicate="fell")
    assert citation(gold, article).startswith("gold fell from 2,380 to 2,290 USD — ")
    jobless, _ = claim_at(text, "138,285", value=138285, change="down", from_value=212577, counted="Unemployment",
                          predicate="narrowed")
    assert citation(jobless, article).startswith("Unemployment narrowed to 138,285 (from 212,577) — ")
    index, _ = claim_at(text, "31,820", value=31820, change="down", counted="index", predicate="closed")
    assert citation(index, article).startswith("index closed at 31,820 (down) — ")  # no word says the change
    distance, race = claim_at("The race covers 20 kilometres.", "20 kilometres", value=20, unit="km", counted="race")
    assert citation(distance, race).startswith("20 km race — ")
    corrected = dataclasses.replace(distance, fields=dict(distance.fields, value=21, unit="mi"))
    assert citation(corrected, race).startswith("21 mi race — ")  # as corrected
    count, plain = claim_at("Officials said 1,119 troops were killed.", "1,119", value=1119, counted="troops",
                            predicate="killed")
    assert citation(count, plain).startswith("1,119 troops were killed — ")


def test_the_form_order_puts_the_unit_and_change_after_the_value():
    assert CLAIM_FIELDS[:5] == ("value", "approx", "unit", "change", "from_value")


def test_a_new_claim_is_drafted_with_its_unit_and_change(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = "Gold prices\n\nGold futures fell from $2,415 to $2,315 an ounce. The fund holds $3.1 billion.\n"
    (folder / "a.txt").write_text(text, "utf-8")
    corpus = load_corpus(folder)
    article = corpus.articles[0]
    start = article.text.index("$3.1 billion")
    bare = ReviewSession(corpus)  # nothing extracted: the span's own reading
    drafted = bare.draft_claim(article.id, start, start + len("$3.1 billion"))
    assert {k: drafted[k] for k in ("value", "unit", "change", "from_value", "counted")} == {
        "value": 3100000000, "unit": "USD", "change": "", "from_value": None, "counted": ""}
    assert not validate_fields(drafted)[1]
    extracted = session_over(corpus, None)  # an extracted claim there: its fields
    start = article.text.index("$2,315")
    drafted = extracted.draft_claim(article.id, start, start + 6)
    assert (drafted["value"], drafted["unit"], drafted["change"], drafted["from_value"]) == (2315, "USD", "down", 2415)


def test_the_claims_pane_shows_a_race_time_as_the_clock_reads_it():
    fields = {"value": 8467, "approx": "exact", "unit": "s", "change": ""}
    claim = ReviewClaim("c", "a", 0, 7, "2:21:07", "", "pending", original=fields, fields=dict(fields))
    assert value_cell(claim) == "2:21:07"
    short = dict(fields, value=0.41, change="down")
    assert value_cell(dataclasses.replace(claim, fields=short)) == "▼0.41 s"
