"""Number words joined by commas, "and" and "&" as one number; units written as products or powers
(unicode minus, superscripts, "^-1", "·"), "tpd", "absolute zero"; counting words ("a gross", "a baker's
dozen"); on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimdesk.annotations.extraction.units import canonical_unit
from claimdesk.annotations.numbers import parse_number
from extraction_helpers import claims


def read(nlp, text):
    return [(c.text, c.value, c.unit) for c in claims(nlp, text)]


@pytest.mark.parametrize("sentence, surface, value", [
    ("The council approved a grant of three million, two hundred thousand and fifty dollars on Tuesday.",
     "three million, two hundred thousand and fifty dollars", 3_200_050),
    ("Officials had counted three million, two hundred & forty ballots by noon.",
     "three million, two hundred & forty", 3_000_240),
    ("The charity raised one thousand, four hundred and twelve pounds sterling at the fair.",
     "one thousand, four hundred and twelve pounds sterling", 1412),
    ("The estate sold for two hundred and forty-five thousand euros.",
     "two hundred and forty-five thousand euros", 245_000),
])
def test_number_words_joined_by_commas_and_ampersands_are_one_number(nlp, sentence, surface, value):
    found = read(nlp, sentence)
    assert [(s, v) for s, v, _ in found] == [(surface, value)]


@pytest.mark.parametrize("sentence, values", [
    # a list of figures, not one number: the part after the comma is no smaller group
    ("Turnout was two million, three million and four million in the three regions.", [2e6, 3e6, 4e6]),
    # a comma before a period is no part of the number
    ("Sales reached two million, three years after launch.", [2e6]),
])
def test_a_comma_between_figures_of_one_order_still_separates_them(nlp, sentence, values):
    assert [v for _, v, _ in read(nlp, sentence)][:len(values)] == values


def test_parse_number_reads_commas_and_ampersands_in_number_words():
    assert parse_number("three million, two hundred & forty") == 3_000_240
    assert parse_number("one thousand, four hundred and twelve") == 1412


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("The detector collected 30 fb−1 of collision data this year.", "30 fb−1", 30, "1/fb"),
    ("The collider delivered 140 fb-1 to each experiment.", "140 fb-1", 140, "1/fb"),
    ("The reaction ran at a rate of 0.5 s^-1 in the lab.", "0.5 s^-1", 0.5, "1/s"),
    ("Wind speeds averaged 15 m s−1 near the summit.", "15 m s−1", 15, "m/s"),
    ("Solar input reached 340 W m^-2 at noon.", "340 W m^-2", 340, "W/m²"),
    ("Methane flux was 12 g m⁻² over the bog.", "12 g m⁻²", 12, "g/m²"),
    ("The hammer delivered an impulse of 12 kg·m/s on impact.", "12 kg·m/s", 12, "kg·m/s"),
    ("The measured action was 6.6 J·s in the experiment.", "6.6 J·s", 6.6, "J·s"),
    # "tpd" spells "tons per day" as "bpd" spells "barrels per day"; "tons" is pint's ton
    ("Production at the smelter rose to 4,500 tpd last month.", "4,500 tpd", 4500, "ton/d"),
    ("The plant handles 1,200 tons per day of scrap.", "1,200 tons per day", 1200, "ton/d"),
    # the temperature named by its words
    ("The probe's sensors are cooled to near absolute zero before launch.", "absolute zero", 0, "K"),
])
def test_units_written_as_products_powers_rates_and_names(nlp, sentence, surface, value, unit):
    assert (surface, value, unit) in read(nlp, sentence)


@pytest.mark.parametrize("sentence, surface, value", [
    ("The wholesaler shipped a gross of pencils to each school.", "gross", 144),
    ("Each family received a baker's dozen of bread rolls.", "baker's dozen", 13),
])
def test_counting_words(nlp, sentence, surface, value):
    assert [(s, v) for s, v, _ in read(nlp, sentence)] == [(surface, value)]


@pytest.mark.parametrize("sentence", [
    "The bank reported a gross margin of 40 per cent.",
    "Critics called it a gross violation of the ceasefire.",
])
def test_gross_as_an_adjective_is_no_count(nlp, sentence):
    assert all(v != 144 for _, v, _ in read(nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The film made a gross of $40 million in its first week.",
    "It was a gross, shameful error.",
])
def test_gross_as_takings_or_an_adjective_is_no_count(nlp, sentence):
    assert all(v != 144 for _, v, _ in read(nlp, sentence))


def test_zero_tolerance_is_no_temperature(nlp):
    assert all(u != "K" for _, _, u in read(nlp, "The airline has an absolute zero tolerance policy on drink."))


@pytest.mark.parametrize("typed, code", [("1/s", "1/s"), ("1/fb", "1/fb"), ("J·s", "J·s"), ("1/m²", "1/m²")])
def test_a_reviewer_can_type_the_units_extraction_writes(typed, code):
    assert canonical_unit(typed) == code
