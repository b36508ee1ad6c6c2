"""The error classes of issue 15, one test each, on sentences written for these tests: glued units and
currencies, ranges, scales, signs, time phrases, names, years, fractions, qualifiers, small counts,
fractions of figures; and the new fields (unit, change, from_value)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.extract import quote_id, read_claims
from extraction_helpers import claims, fields


# 1. a number glued to its unit, currency code or prefix
@pytest.mark.parametrize("sentence, value, unit", [
    ("Brickfield shares slipped to 231p in early trade.", 231, "GBX"),
    ("The heat pump draws 7kW at full load.", 7, "kW"),
    ("Rural lines now carry 80Mbps downloads.", 80, "Mbps"),
    ("The yield rose to 3.72pc on the news.", 3.72, "percent"),
    ("The plantation group sold its stake for RM41.75 a share.", 41.75, "MYR"),
    ("The lender booked US$12,480,000 in fees.", 12_480_000, "USD"),
    ("The miner earned A$1.9bn in the year.", 1_900_000_000, "AUD"),
    ("The club paid £6.4m for the winger.", 6_400_000, "GBP"),
    ("Brussels set aside €12bn for the scheme.", 12_000_000_000, "EUR"),
    ("The ferry took 28,000t of cargo.", 28_000, "t"),
])
def test_glued_units_and_currencies(nlp, sentence, value, unit):
    assert fields(nlp, sentence) == [(pytest.approx(value), unit)]


def test_glued_approx_million_and_sub_prefix(nlp):
    c = claims(nlp, "The streaming app counts ~3.1mm paying members.")[0]
    assert (c.value, c.approx) == (3_100_000, "approx")
    c = claims(nlp, "Analysts expect a sub-400 price for the handset.")[0]
    assert (c.value, c.approx) == (400, "at_most")


def test_glued_range_with_unit(nlp):
    c = claims(nlp, "The lamps draw 4-7W each.")[0]
    assert (c.value, c.unit, c.approx) == ([4, 7], "W", "range")


# 2. a range whose second number repeats its currency or unit
@pytest.mark.parametrize("sentence, value, unit", [
    ("The offer values the stock between $18 and $21 a share.", [18, 21], "USD"),
    ("Rates will move from 3 per cent to 3.5 per cent of salary.", [3, 3.5], "percent"),
    ("Bats call at 20kHz to 25kHz.", [20, 25], "kHz"),
    ("The farm hires 1,200 - 1,400 pickers.", [1200, 1400], ""),
])
def test_ranges_that_repeat_their_unit(nlp, sentence, value, unit):
    found = claims(nlp, sentence)
    assert [(c.value, c.unit, c.approx) for c in found] == [(value, unit, "range")]


# 3. a scale shared by both ends of a range; "X or Y" is approximate
def test_scale_distributed_over_a_range(nlp):
    assert fields(nlp, "The agency will spend $14 to $16 billion on roads.") == [([14e9, 16e9], "USD")]
    c = claims(nlp, "The film drew two to three thousand viewers.")[0]
    assert c.value == [2000, 3000]
    c = claims(nlp, "A ticket costs six or seven euros.")[0]
    assert (c.value, c.unit, c.approx) == ([6, 7], "EUR", "approx")


# 4. a scale word after a glued currency prefix
def test_scale_after_a_prefixed_currency(nlp):
    assert fields(nlp, "Sovereign funds hold $US12 trillion in assets.") == [(12e12, "USD")]


# 5. signs
def test_signs_are_kept_and_market_signs_are_changes(nlp):
    c = claims(nlp, "Nights on the plateau fall to minus 40 degrees.")[0]
    assert c.value == -40
    c = claims(nlp, "Futures were -2.4% before the open.")[0]
    assert (c.value, c.change) == (-2.4, "down")
    c = claims(nlp, "The peso was +0.7% against the dollar.")[0]
    assert (c.value, c.change) == (0.7, "up")


# 6. a figure followed by a time phrase is still a claim
@pytest.mark.parametrize("sentence, value", [
    ("Prices should rise 2.7% next year.", 2.7),
    ("The charity raised $3 billion last year.", 3e9),
    ("Rents climbed 5.1% year over year.", 5.1),
    ("Mortgage approvals fell 3.35% last week.", 3.35),
])
def test_figures_before_time_phrases(nlp, sentence, value):
    assert [c.value for c in claims(nlp, sentence)] == [pytest.approx(value)]


# 7. numbers inside names are not claims
@pytest.mark.parametrize("sentence", [
    "The iPhone 14 Pro went on sale in Tokyo.",
    "Airlines grounded the 737 Max again.",
    "The update is for Windows 11 users.",
    "The carrier switched on 5G in the capital.",
    "The FTSE 100 and the Nikkei 225 were closed.",
    "Police were called to 18 Station Road at night.",
    "Homes in ZIP code 60614 sold quickly.",
    "Fans in Section 210 Row 4 waited for hours.",
    "The visitors won 4-1 on Sunday.",
    "The match ended 97-93 after overtime.",
    "Sales were weak between 2016 and 2019.",
    "The seawall must hold until 2140.",
    "Its 2022 results disappointed investors.",
    "The survey polled adults aged 30 to 44.",
    "Jones, 58, declined to comment.",
])
def test_numbers_inside_names_dates_ages_scores(nlp, sentence):
    assert claims(nlp, sentence) == []


def test_why_a_number_was_dropped(nlp):
    text = "The seawall must hold until 2140, and the 737 Max flew again."
    reading = read_claims(nlp(text), text=text)
    assert reading.claims == []
    assert reading.why_not(text.index("2140"), text.index("2140") + 4) == "year"
    assert reading.why_not(text.index("737"), text.index("737") + 3) in ("name", "code")


# 8. a bare four-digit number that is not a year
def test_four_digit_counts(nlp):
    assert [c.value for c in claims(nlp, "The clinic sees an average of 1800 patients a week.")] == [1800]
    assert [c.value for c in claims(nlp, "About 1200 arrive from the coast each spring.")] == [1200]


# 9. fractions and leading-dot decimals; "m" is a metre when a length follows
def test_fractions_and_leading_dots(nlp):
    assert fields(nlp, "Stir in 1/4 pound of butter.") == [(0.25, "lb")]
    assert fields(nlp, "The hail stones were 1 1/2 inches across.") == [(1.5, "in")]
    assert fields(nlp, "Only .005 per cent of votes were spoiled.") == [(0.005, "percent")]
    assert fields(nlp, "A 52m (171ft) mast stands on the hill.") == [(52, "m"), (171, "ft")]
    assert fields(nlp, "The bank lent £52m to builders.") == [(52_000_000, "GBP")]


# 10. qualifiers from the words around, and a conversion sharing its bound
def test_qualifiers_around(nlp):
    found = claims(nlp, "The pipeline runs more than 300 kilometres (186 miles).")
    assert [(c.value, c.unit, c.approx) for c in found] == [(300, "km", "at_least"), (186, "mi", "at_least")]
    for sentence, approx in [("Wages rose above 4% in May.", "at_least"), ("Output stayed below 2%.", "at_most"),
                             ("The fund lost in excess of $2 billion.", "at_least"),
                             ("As many as 900 homes lost power.", "at_most"),
                             ("No more than 30 people may gather.", "at_most"),
                             ("Upwards of 10,000 fans marched.", "at_least")]:
        assert claims(nlp, sentence)[0].approx == approx, sentence


# 11. small counts after "the" and suspended hyphens
def test_small_counts_after_the_and_suspended_hyphens(nlp):
    found = claims(nlp, "Two of the three launches failed.")
    assert [c.value for c in found] == [2, 3]
    found = claims(nlp, "The maker sells two-, four- and six-door models.")
    assert [c.value for c in found] == [2, 4, 6]
    c = claims(nlp, "The shop stocks 5- or 6-inch pots.")[0]
    assert (c.value, c.unit) == ([5, 6], "in")


# 12. a fraction of a stated figure is a share of it, a fraction with no unit (as the seed gold reads
# "around half"), counting what the figure counts
def test_fraction_of_a_figure(nlp):
    found = claims(nlp, "About a third of the town's 90,000 residents left.")
    assert [(c.value, c.approx, c.unit, c.of_value, c.counted) for c in found] == [
        (pytest.approx(1 / 3), "approx", "", 90_000, "residents"), (90_000, "exact", "", None, "residents")]


# the new fields: change and from_value
@pytest.mark.parametrize("sentence, value, change, from_value", [
    ("Copper fell from $9,100 to $8,750 a tonne.", 8750, "down", 9100),
    ("The surplus narrowed to $41.2 billion from $55.9 billion.", 41.2e9, "down", 55.9e9),
    ("Visitor numbers jumped from 310 to 365.", 365, "up", 310),
    ("Unemployment eased to 4.4%, down from 4.6%.", 4.4, "down", 4.6),
])
def test_changes_from_to(nlp, sentence, value, change, from_value):
    c = claims(nlp, sentence)
    assert [(x.value, x.change, x.from_value) for x in c] == [(pytest.approx(value), change, pytest.approx(from_value))]


def test_from_to_without_a_change_is_a_range(nlp):
    c = claims(nlp, "Flats in the block range from $400,000 to $1.1 million.")
    assert [(x.value, x.approx, x.from_value) for x in c] == [([400_000, 1_100_000], "range", None)]


@pytest.mark.parametrize("sentence, change", [
    ("Sales rose 8.5% in March.", "up"), ("Shares were down 1.9%.", "down"),
    ("The index shed 260 points.", "down"), ("The bank cut rates by a half-point.", "down"),
    ("Analysts see a 6 percent drop in orders.", "down"), ("The firm employs 4,000 people.", ""),
])
def test_change(nlp, sentence, change):
    assert claims(nlp, sentence)[0].change == change


def test_counted_names_what_a_measure_is_of(nlp):
    c = claims(nlp, "Core inflation slowed to 2.9% in June.")[0]
    assert (c.unit, c.counted) == ("percent", "Core inflation")
    c = claims(nlp, "The group reported a pre-tax profit of £310m.")[0]
    assert (c.unit, c.counted) == ("GBP", "pre-tax profit")


def test_record_has_the_new_fields(nlp):
    c = claims(nlp, "Copper fell from $9,100 to $8,750 a tonne.")[0]
    rec = c.to_record("a.txt")
    assert (rec["unit"], rec["change"], rec["from_value"]) == ("USD", "down", 9100)


def test_claim_ids_depend_on_the_span_only(nlp):
    text = "Officials said 12 people died."
    c = claims(nlp, text)[0]
    assert c.id == quote_id("t", text, c.start, c.end)  # the new fields leave ids as they were
