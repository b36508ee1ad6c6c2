"""Classes of quantity found missing after the first development set, one test each, on sentences written
for these tests: a measure per another unit, a change between prices per unit, a currency quoted per
dollar, uncertainties, fractions glued to a number or before a unit, inches, digits grouped by spaces,
scientific notation, one unit for coordinated figures, quarters of a year, and what is no unit at all."""

from __future__ import annotations

import pytest

from claimdesk.annotations.unit_input import unit_code
from extraction_helpers import claims


def read(nlp, text):
    return [(c.text, c.value, c.unit) for c in claims(nlp, text)]


# a measure per another unit: "per", "a"/"an" for a period, glued ratios and powers, industry abbreviations
@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("OPEC+ agreed to cut output by 2 million barrels per day from next month.", "2 million barrels per day",
     2_000_000, "barrel/d"),
    ("Russian exports slipped to 3.1 million bpd in March.", "3.1 million bpd", 3_100_000, "barrel/d"),
    ("The refinery processes 650,000 b/d of crude.", "650,000 b/d", 650_000, "barrel/d"),
    ("The smelter produces 1,200 tonnes per day of aluminium.", "1,200 tonnes per day", 1200, "t/d"),
    ("Lead levels reached 48 micrograms per litre in the samples.", "48 micrograms per litre", 48, "µg/l"),
    ("The new fertiliser raised yields to 9.6 tonnes per hectare.", "9.6 tonnes per hectare", 9.6, "t/ha"),
    ("The solar farm receives 5.5 kWh per square metre per day.", "5.5 kWh per square metre per day", 5.5,
     "kWh/m²/d"),
    ("Nitrate levels hit 62 mg/l at the intake.", "62 mg/l", 62, "mg/l"),
    ("The car accelerates at 9.8 m/s2 in the first second.", "9.8 m/s2", 9.8, "m/s²"),
    ("The signal repeats at 4e14 s-1 in the lab.", "4e14 s-1", 4e14, "1/s"),
    ("The glacier moved 3 metres a day at its peak.", "3 metres a day", 3, "m/d"),
])
def test_a_measure_per_another_unit(nlp, sentence, surface, value, unit):
    assert read(nlp, sentence) == [(surface, pytest.approx(value), unit)]
    assert unit_code(unit) == unit  # the form and the import read it back as itself


def test_what_is_no_unit_ends_the_rate(nlp):
    # a money rate keeps its currency; a count per area has no unit; "per person" is no unit
    assert read(nlp, "Copper hit $9,800 per tonne on Friday.") == [("$9,800", 9800, "USD")]
    assert read(nlp, "Population density is 420 people per square kilometre.") == [("420", 420, "")]
    assert read(nlp, "Each family receives 12 kg per person.") == [("12 kg", 12, "kg")]
    assert read(nlp, "The plant emits 4.5 million tonnes of carbon dioxide a year.") == [
        ("4.5 million tonnes", 4_500_000, "t")]


@pytest.mark.parametrize("sentence, value, from_value, unit", [
    ("The stock rose from 310 pence per share to 355 pence per share over the week.", 355, 310, "GBX"),
    ("Fuel prices climbed from $1.20 per litre to $1.65 per litre in a year.", 1.65, 1.2, "USD"),
])
def test_a_change_between_prices_per_unit_is_one_claim(nlp, sentence, value, from_value, unit):
    (c,) = claims(nlp, sentence)
    assert (c.value, c.from_value, c.unit, c.change) == (value, from_value, unit, "up")


@pytest.mark.parametrize("sentence, value, unit", [
    ("The won slid to 1,385 per dollar on Tuesday.", 1385, "KRW"),
    ("The lira weakened past 32 to the dollar for the first time.", 32, "TRY"),
    ("The peso firmed to 17.1 against the dollar after the rate decision.", 17.1, "MXN"),
    ("The yuan was fixed at 7.1 per dollar by the central bank.", 7.1, "CNY"),
])
def test_a_currency_quoted_per_dollar_is_in_the_currency_named(nlp, sentence, value, unit):
    assert [(c.value, c.unit) for c in claims(nlp, sentence)] == [(value, unit)]


def test_a_figure_per_dollar_with_no_currency_named_keeps_no_unit(nlp):
    assert [(c.value, c.unit) for c in claims(nlp, "Traders paid 7.1 per dollar of face value.")] == [(7.1, "")]


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("The probe measured the mass at 7.35 ± 0.02 units in the survey.", "7.35 ± 0.02", [7.33, 7.37], ""),
    ("Global temperatures rose 1.1C plus or minus 0.1C since the pre-industrial era.", "1.1C plus or minus 0.1C",
     [1.0, 1.2], "°C"),
    ("The sample weighed 12.4 +/- 0.3 grams.", "12.4 +/- 0.3 grams", [12.1, 12.7], "g"),
])
def test_an_uncertainty_is_the_range_it_spans(nlp, sentence, surface, value, unit):
    (c,) = claims(nlp, sentence)
    assert (c.text, c.value, c.unit, c.approx) == (surface, pytest.approx(value), unit, "range")


def test_a_margin_alone_has_no_sign_and_no_change(nlp):
    c = claims(nlp, "The poll has a margin of error of ±3 percentage points.")[0]
    assert (c.value, c.unit, c.change) == (3, "percentage point", "")


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("The river rose 2½ metres overnight.", "2½ metres", 2.5, "m"),
    ("Rates were cut by ¼ point on Wednesday.", "¼ point", 0.25, "percentage point"),
    ("Add 1 1/2 cups of flour.", "1 1/2 cups", 1.5, "cup"),
    ("There is a ⅓ cup of sugar in the mix.", "⅓ cup", 1 / 3, "cup"),
])
def test_fractions_glued_to_a_number_or_before_a_unit(nlp, sentence, surface, value, unit):
    assert read(nlp, sentence) == [(surface, pytest.approx(value), unit)]


def test_cups_are_a_unit_only_before_of(nlp):
    assert read(nlp, "The club has won 5 cups since 1990.") == [("5", 5, "")]


@pytest.mark.parametrize("sentence, surface, value", [
    ("The hailstones were 1.5 in across.", "1.5 in", 1.5),
    ("The storm dumped 14 in of snow on the city.", "14 in", 14),
    ("Forecasters expect 6 to 8 in of rain.", "6 to 8 in", [6, 8]),
    ("The screen is 6.1 in diagonally.", "6.1 in", 6.1),
    ("The length of the blade is 9 in.", "9 in", 9),
    ("It sells a 55-in screen for $400.", "55-in", 55),
])
def test_in_after_a_number_is_the_inch_where_it_governs_nothing(nlp, sentence, surface, value):
    assert read(nlp, sentence)[0] == (surface, value, "in")


@pytest.mark.parametrize("sentence", [
    "Police arrested 12 in the capital on Friday.",
    "The team scored 3 in the first half.",
    "One in 5 adults smokes.",
])
def test_in_before_its_object_is_the_preposition(nlp, sentence):
    assert all(c.unit != "in" for c in claims(nlp, sentence))


@pytest.mark.parametrize("sentence, surface, value", [
    ("The ministry counted 12 500 displaced families.", "12 500", 12_500),
    ("Officials said 1 250 000 people had registered.", "1 250 000", 1_250_000),
    ("The fund holds 3\u00a0400 tonnes of grain.", "3\u00a0400 tonnes", 3400),
])
def test_digits_grouped_by_spaces_are_one_number(nlp, sentence, surface, value):
    assert read(nlp, sentence)[0][:2] == (surface, value)


@pytest.mark.parametrize("sentence, value", [
    ("On May 5 200 protesters gathered outside.", 200),  # a date, then a count
    ("Trains on Route 9 300 times a day.", 300),
])
def test_a_number_after_a_date_or_label_is_not_grouped(nlp, sentence, value):
    assert [c.value for c in claims(nlp, sentence)] == [value]


@pytest.mark.parametrize("sentence, value, unit", [
    ("The particle decays within 2.2×10^-6 seconds.", 2.2e-6, "s"),
    ("The dose was 3.2 x 10^4 units.", 32_000, ""),
    ("Lead exposure of 5×10⁻³ mg was recorded.", 0.005, "mg"),
    ("Errors fell to 1.5×10−4 after the fix.", 1.5e-4, ""),
    ("A kibibyte holds 8x2^10 bits.", 8192, "bit"),
])
def test_scientific_notation(nlp, sentence, value, unit):
    assert [(c.value, c.unit) for c in claims(nlp, sentence)] == [(pytest.approx(value), unit)]


def test_a_product_of_numbers_without_a_power_is_no_scientific_notation(nlp):
    assert [c.value for c in claims(nlp, "The room is 3 x 4 metres.")] != [12]


@pytest.mark.parametrize("sentence, first, second", [
    ("Prices rose 3 and 5 per cent in the two regions.", (3, "percent", "up"), (5, "percent", "up")),
    ("The two devices weigh 45 and 50 kg.", (45, "kg", ""), (50, "kg", "")),
    ("The towers are 300 and 320 metres tall.", (300, "m", ""), (320, "m", "")),
    ("Stamps cost 10 and 15 cents each.", (0.1, "USD", ""), (0.15, "USD", "")),
])
def test_coordinated_figures_share_the_unit_and_the_change(nlp, sentence, first, second):
    found = [(c.value, c.unit, c.change) for c in claims(nlp, sentence) if c.value not in (2,)]
    assert found == [first, second]


def test_a_year_before_a_percentage_takes_no_unit(nlp):
    found = [(c.value, c.unit) for c in claims(nlp, "Output rose 3% in 2019 and 5% in 2020.")]
    assert found == [(3, "percent"), (5, "percent")]


def test_quarters_of_a_year_are_no_fraction(nlp):
    assert claims(nlp, "Sales fell in each of the last two quarters.") == []
    assert [c.value for c in claims(nlp, "Three quarters of the budget goes on salaries.")] == [0.75]
    assert [c.value for c in claims(nlp, "Oil has fallen by a quarter since June.")] == [0.25]
    assert [c.value for c in claims(nlp, "The drought cut yields by a quarter this year.")] == [0.25]


def test_a_full_stop_glued_to_the_last_word_is_not_in_the_claim(nlp):
    assert [c.text for c in claims(nlp, "Temperatures will range from 28C to 31C.")] == ["28C to 31C"]
    assert [c.text for c in claims(nlp, "The group reported a profit of £310m.")] == ["£310m"]


def test_a_plus_inside_a_code_is_no_sign(nlp):
    assert claims(nlp, "The quasar J1149.5+6663 was observed again.") == []


def test_a_physical_constant_is_no_unit(nlp):
    # pint's "sigma" is the Stefan-Boltzmann constant; "R" the gas constant
    assert [(c.value, c.unit) for c in claims(nlp, "The result has 5-sigma significance.")] == [(5, "")]


def test_us_coins(nlp):
    assert [(c.value, c.unit) for c in claims(nlp, "That one costs 3 dimes.")] == [(pytest.approx(0.3), "USD")]


def test_cents_named_by_their_currency_in_a_sentence(nlp):
    found = claims(nlp, "Net profit fell 23% to HK$4.6bn, or 36 HK cents a share.")
    assert [(c.value, c.unit) for c in found] == [(23, "percent"), (4.6e9, "HKD"), (0.36, "HKD")]


@pytest.mark.parametrize("sentence", [
    "Up to 40mm of rain fell in two hours.",
    "About 25cm of snow fell on the capital overnight.",
    "Dozens of shells fell on the town.",
    "On the exchange, 1,840 stocks rose and 960 fell.",
])
def test_a_figure_that_is_the_subject_of_a_verb_of_change_is_no_change(nlp, sentence):
    # what moves is counted or measured; the size of a move is the object or follows "by"/"to"
    assert [c.change for c in claims(nlp, sentence)] == [""] * len(claims(nlp, sentence))


def test_the_size_of_a_move_is_still_a_change(nlp):
    assert [c.change for c in claims(nlp, "Shares fell 4% and 2,000 jobs were cut.")] == ["down", "down"]
