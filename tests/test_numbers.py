"""Number normalisation and qualifiers (pure strings, no spaCy)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.numbers import parse_number, parse_quantity, qualifier_kind, split_qualifier


@pytest.mark.parametrize("surface, value", [
    ("1,119", 1119), ("140,000", 140000), ("2.5", 2.5), ("five", 5), ("Nineteen", 19), ("twenty-five", 25),
    ("one hundred and fifty", 150), ("two thousand three hundred", 2300), ("3 million", 3_000_000),
    ("1.5 million", 1_500_000), ("a dozen", 12), ("two dozen", 24), ("half", 0.5), ("a quarter", 0.25),
    ("half a million", 500_000), ("48M", 48_000_000), ("3.1bn", 3_100_000_000), ("1.2m", 1_200_000),
    ("half a dozen", 6), ("half a hundred", 50), ("two and a half dozen", 30),
])
def test_parse_number(surface, value):
    assert parse_number(surface) == pytest.approx(value)


@pytest.mark.parametrize("surface", ["", "several", "third", "12th", "five five", "10 20", "Su-25"])
def test_not_numbers(surface):
    assert parse_number(surface) is None


@pytest.mark.parametrize("surface, value, unit", [
    ("90%", 90, "percent"), ("80 per cent", 80, "per cent"), ("90 percent", 90, "percent"),
    ("0.25 percentage points", 0.25, "percentage points"),
    ("$3.1 billion", 3_100_000_000, "dollars"), ("$48M", 48_000_000, "dollars"), ("€5m", 5_000_000, "euros"),
    ("US$3.1bn", 3_100_000_000, "dollars"), ("2,000-pound", 2000, "pound"), ("a quarter-point", 0.25, "point"),
])
def test_units(surface, value, unit):
    q = parse_quantity(surface)
    assert q.value == pytest.approx(value) and q.unit == unit and q.approx == "exact"


@pytest.mark.parametrize("surface, low, high", [
    ("dozens", 24, 99), ("Dozens", 24, 99), ("hundreds", 200, 999), ("thousands", 2000, 9999),
    ("tens of thousands", 20_000, 99_999), ("hundreds of thousands", 200_000, 999_999),
    ("between 10 and 20", 10, 20), ("10 to 20", 10, 20), ("10-20", 10, 20), ("two or three", 2, 3),
    ("Hundreds and possibly thousands", 200, 9999), ("hundreds — perhaps thousands", 200, 9999),
])
def test_ranges_and_vague(surface, low, high):
    q = parse_quantity(surface)
    assert q.value == (low, high) and q.approx == "range"


@pytest.mark.parametrize("surface, approx", [
    ("some 400", "approx"), ("about 3", "approx"), ("around half", "approx"), ("an estimated 2 million", "approx"),
    ("roughly 10", "approx"), ("approximately 10", "approx"),
    ("at least 91", "at_least"), ("more than 2,000", "at_least"), ("over 300", "at_least"),
    ("nearly 1.2 million", "at_most"), ("almost a third", "at_most"), ("up to 300", "at_most"),
    ("nearing 5,000", "at_most"), ("fewer than 100", "at_most"), ("within 5", "at_most"),
    ("1,119", "exact"),
])
def test_qualifiers(surface, approx):
    assert parse_quantity(surface).approx == approx


def test_split_qualifier_prefers_longest():
    assert split_qualifier("no more than 5") == ("no more than", "5")
    assert qualifier_kind("at least") == "at_least"
    assert qualifier_kind("unknown") == "exact"


def test_inverted_range_is_not_a_quantity():
    assert parse_quantity("3-2") is None
