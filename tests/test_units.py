"""Units: currencies before and after a number, percentages, pint's physical units, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdesk.annotations.extraction.units import (
    canonical_unit,
    compound_symbol,
    currency_before,
    pint_symbol,
    same_unit,
    unit_after,
)
from claimdesk.annotations.unit_input import unit_code
from extraction_helpers import claims


@pytest.mark.parametrize("text, code", [
    ("A$5", "AUD"), ("US$5", "USD"), ("$US5", "USD"), ("HK$5", "HKD"), ("C$5", "CAD"), ("NZ$5", "NZD"),
    ("S$5", "SGD"), ("$5", "USD"), ("£5", "GBP"), ("€5", "EUR"), ("RM5", "MYR"), ("Rs 5", "INR"),
])
def test_currency_before(text, code):
    assert currency_before(text, len(text) - 1)[0] == code


@pytest.mark.parametrize("text", ["FORM5", "farm5", "rm5", "eur5"])
def test_letters_of_a_word_are_no_currency(text):
    assert currency_before(text, len(text) - 1) is None


@pytest.mark.parametrize("after, unit", [
    ("%", "percent"), (" per cent", "percent"), (" percentage points", "percentage point"),
    (" basis points", "basis point"), ("pc", "percent"), ("p", "GBX"), (" pence", "GBX"), (" euros", "EUR"),
    (" yen", "JPY"), ("kW", "kW"), (" miles per hour", "mph"), (" kilometres an hour", "km/h"), (" km/h", "km/h"),
    (" degrees Celsius", "°C"), ("°F", "°F"), ("C", "°C"), (" square feet", "ft²"), ("km2", "km²"),
    (" gigawatt-hours", "GWh"), ("Mbps", "Mbps"), (" bhp", "bhp"), (" barrels", "barrel"), (" tonnes", "t"),
    (" minutes", "min"), (" hours", "h"), (" parts per million", "ppm"),
])
def test_unit_after(after, unit):
    assert unit_after("5" + after, 1).unit == unit


@pytest.mark.parametrize("after", [" points", " quarters", " drops", " in 2020", " at noon", " people", " a day",
                                   " units", " won the cup", " EU members", " MU staff"])
def test_words_pint_knows_that_are_no_units_here(after):
    assert unit_after("5" + after, 1) is None


def test_cents_are_hundredths_of_the_currency():
    found = unit_after("88 cents", 2, currency="CAD")
    assert (found.unit, found.factor) == ("CAD", 0.01)


@pytest.mark.parametrize("after, unit", [
    (" HK cents a share", "HKD"), (" US cents", "USD"), (" Singapore cents", "SGD"), (" euro cents", "EUR"),
    (" Hong Kong cents", "HKD"), (" Australian cents", "AUD"),
])
def test_cents_named_by_their_currency(after, unit):
    found = unit_after("36" + after, 2)
    assert (found.unit, found.factor, found.kind) == (unit, 0.01, "money")


def test_pint_symbols():
    assert (pint_symbol("kilometres"), pint_symbol("MW"), pint_symbol("point"), pint_symbol("people")) == (
        "km", "MW", "", "")


@pytest.mark.parametrize("typed, code", [
    ("usd", "USD"), ("%", "percent"), ("per cent", "percent"), ("percentage points", "percentage point"),
    ("kilometres", "km"), ("km", "km"), ("pence", "GBX"), ("", ""),
])
def test_canonical_unit(typed, code):
    assert canonical_unit(typed) == code


def test_unknown_unit_is_none():
    assert canonical_unit("furlongs of joy") is None


def test_same_unit():
    assert same_unit("ml", "cm³") and same_unit("km", "km") and not same_unit("km", "mi")
    assert not same_unit("USD", "EUR") and not same_unit("", "km")


def test_every_unit_of_the_added_development_set_reads_back_as_itself():
    added = Path(__file__).parent / "data" / "quantities_dev_added.jsonl"
    units = {c["unit"] for line in added.read_text("utf-8").splitlines() for c in json.loads(line)["claims"]}
    assert {"barrel/d", "t/ha", "µg/l", "m/s²", "cup", "in", "THB"} <= units
    assert {u: unit_code(u) for u in units} == {u: u for u in units}


@pytest.mark.parametrize("written, symbol", [
    ("km/h", "km/h"), ("m/s2", "m/s²"), ("J/m^2", "J/m²"), ("t/ha", "t/ha"), ("km2", "km²"), ("s-1", "1/s"),
    ("mi/h", "mph"), ("kg/x", ""), ("per/s", ""),
])
def test_a_unit_written_as_one_word_of_factors(written, symbol):
    assert compound_symbol(written) == symbol


def test_a_constant_is_no_unit():
    assert pint_symbol("sigma") == "" and pint_symbol("kg") == "kg" and pint_symbol("atm") == "atm"


def claims_in(nlp, text):
    return {c.text: (c.value, c.unit) for c in claims(nlp, text)}


@pytest.mark.parametrize("text, surface, value, unit", [
    # "am"/"pm" after a number no clock can show, where the words ask for a length
    ("The etched lines have a width of 4.7 pm.", "4.7 pm", 4.7, "pm"),
    ("Each pore has a diameter of 0.85 pm across the film.", "0.85 pm", 0.85, "pm"),
    ("The probe resolves a separation of 3.456 am between the quarks.", "3.456 am", 3.456, "am"),
    ("A carbon bond length of 154 pm was confirmed.", "154 pm", 154, "pm"),
    # two symbols glued into a product; millions and billions of years
    ("The flywheel stores 40 kWs per spin-up.", "40 kWs", 40, "kW·s"),
    ("Zircons from the belt crystallised 4.1 Ga, the team said.", "4.1 Ga", 4.1, "Ga"),
    ("The ocean crust there is dated to 180 Myr.", "180 Myr", 180, "Ma"),
])
def test_a_unit_pint_reads_where_news_words_would_not_be_one(nlp, text, surface, value, unit):
    assert claims_in(nlp, text)[surface] == (value, unit)


@pytest.mark.parametrize("text", [
    "Markets closed at 4pm in New York.", "The ferry sailed at 9.15pm on Sunday.",
    "Shortly after 2am the roof collapsed.", "Voting ends at 10:30 pm.", "The width of the queue grew by 7 pm.",
    "Police were called at 6.05 am.", "He was last seen at 3.5 pm near the station.",
])
def test_news_clock_times_stay_dropped(nlp, text):
    assert claims_in(nlp, text) == {}


@pytest.mark.parametrize("after, unit", [
    ("kWs", "kW·s"), (" mVs", "mV·s"), (" Ga", "Ga"), ("Ga", "Ga"), (" Myr", "Ma"), (" Gyr", "Ga"),
])
def test_symbols_pint_parses_glued_or_spaced(after, unit):
    assert unit_after("5" + after, 1).unit == unit


@pytest.mark.parametrize("after", [" PCs", " TVs", " MWs", " Pam", " Jan", " is", " as", " ka", " kms", " cds", " As",
                                   " Ws", " Vs", " Js", " Rs"])
def test_no_product_of_symbols_out_of_a_word_or_an_acronyms_plural(after):
    found = unit_after("5" + after, 1)
    assert found is None or ("·" not in found.unit and found.unit != "ka")


@pytest.mark.parametrize("text", [
    "The asteroid struck about 66 Ma ago.", "The oldest rocks found there are 3.9 Ga old.",
    "Shops sold 400 PCs and 250 TVs.",
])
def test_deep_time_that_places_an_event_and_acronym_plurals_are_no_measures(nlp, text):
    assert not [u for _, u in claims_in(nlp, text).values() if u in ("Ma", "Ga") or "·" in u]
