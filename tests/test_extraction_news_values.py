"""Values, units and changes of wire copy that an unseen set showed read wrong, on sentences written for these
tests: a range whose first figure is bare after a verb of change ("climbed 12 to 15 percent"), multiples in one
word or in digits ("nearly fifteenfold", "a 20-fold rise"), a fraction of a unit ("a quarter of a percentage
point"), proportions with hyphens ("a one-in-three chance"), changes "to X … from Y" with time phrases and a noun
after the from-figure, figures before when they hold ("360,000 year on year"), a figure restated after ", or",
currency prefixes of regional copy ("Tk 50 crore"), a year after "below", "a" as 1 of a unit after a qualifier,
and ranges with the currency written once ("$2-3 million")."""

from __future__ import annotations

import pytest

from extraction_helpers import by_text, claims, one

# -- a range after a verb of change -----------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, value, unit, change", [
    ("Rents in the outer suburbs climbed 12 to 15 percent last year.", "12 to 15 percent", [12, 15], "percent", "up"),
    ("Bus fares will rise 4 to 6 per cent in January.", "4 to 6 per cent", [4, 6], "percent", "up"),
    ("Output at the smelter dropped 20 to 25% after the strike.", "20 to 25%", [20, 25], "percent", "down"),
    ("Temperatures on the plateau dropped 8 to 10C overnight.", "8 to 10C", [8, 10], "°C", "down"),
    ("Pump prices rose 15 to 20 cents a litre.", "15 to 20 cents", [0.15, 0.2], "USD", "up"),
])
def test_a_bare_first_figure_after_a_verb_of_change_starts_a_range(nlp, text, surface, value, unit, change):
    found = by_text(nlp, text)
    c = found[surface]
    assert (c.value, c.unit, c.approx, c.change) == (value, unit, "range", change)
    assert len(found) == 1


@pytest.mark.parametrize("text, level", [
    ("The index fell 12 to 18,400 by the close.", "18,400"),  # a change in points and the level reached
    ("The jobless rate rose 0.2 to 4.1% in May.", "4.1%"),  # 4.1 is far more than twice 0.2: the level
    ("Shares in the miner rose 5 to 120p.", "120p"),
])
def test_a_change_and_the_level_it_reached_stay_two_figures(nlp, text, level):
    found = by_text(nlp, text)
    assert len(found) == 2 and not isinstance(found[level].value, list)


def test_from_x_to_y_after_a_verb_of_change_stays_a_change(nlp):
    c = one(nlp, "Rents rose from 12 to 15 percent last year.", "from 12 to 15 percent")
    assert (c.value, c.from_value, c.unit, c.change) == (15, 12, "percent", "up")


# -- multiples (in one word or in digits: with the other multiples in test_extraction_values.py) ----------------

@pytest.mark.parametrize("text, surface, value, change", [
    ("Yields rose 4-fold in field trials.", "4-fold", 4, "up"),  # "fold" tagged a verb
    ("Yields rose 2- to 4-fold in field trials.", "2- to 4-fold", [2, 4], "up"),
    ("The risk was two- to three-fold higher among smokers.", "two- to three-fold", [2, 3], ""),  # a comparison
])
def test_multiples_tagged_as_verbs_and_suspended(nlp, text, surface, value, change):
    c = one(nlp, text, surface)
    assert (c.value, c.change) == (value, change)


# -- a fraction of a unit ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, value, unit, change", [
    ("The Riksbank cut its policy rate by a quarter of a percentage point on Thursday.",
     "a quarter of a percentage point", 0.25, "percentage point", "down"),
    ("The bank raised rates by half a percentage point to 5.25%.", "half a percentage point", 0.5,
     "percentage point", "up"),
    ("Ten-year yields fell three-quarters of a point over the week.", "three-quarters of a point", 0.75,
     "percentage point", "down"),
    ("The Kenyan finished a tenth of a second behind the winner.", "a tenth of a second", 0.1, "s", ""),
    ("Villagers walk a quarter of a mile to the nearest well.", "a quarter of a mile", 0.25, "mi", ""),
    ("The bank trimmed rates by a quarter of one percentage point.", "a quarter of one percentage point", 0.25,
     "percentage point", "down"),
    ("Card fees fell by half of one percent.", "half of one percent", 0.5, "percent", "down"),
])
def test_a_fraction_of_a_unit_is_in_that_unit(nlp, text, surface, value, unit, change):
    c = one(nlp, text, surface)
    assert (c.value, c.unit, c.change) == (pytest.approx(value), unit, change)


def test_a_fraction_of_a_scale_or_a_thing_keeps_its_reading(nlp):
    assert one(nlp, "Half a million people fled the floods.", "Half a million").value == 500_000
    c = one(nlp, "The shares lost a third of their value.", "a third")
    assert (c.value, c.unit) == (pytest.approx(1 / 3), "")


# -- proportions (with hyphens: with the other proportions in test_extraction_values.py) ----------------------

def test_a_proportion_up_from_another(nlp):
    c = one(nlp, "Analysts now see a one-in-three chance of a recession, up from one in five in March.",
            "one-in-three")
    assert (c.value, c.from_value, c.unit, c.change) == (pytest.approx(33.3), 20, "percent", "up")


def test_a_return_period_is_no_proportion(nlp):
    assert not any(c.unit == "percent" for c in claims(nlp, "A one-in-100-year flood swept the valley."))


# -- changes "to X … from Y", a noun after the from-figure, verbs of moving up and down ------------------------

@pytest.mark.parametrize("text, surface, value, from_value, unit, change, counted", [
    ("Burglaries in the county rose to 1,273 last year from 307 in 2023.", "1,273", 1273, 307, "", "up",
     "Burglaries"),
    ("The garrison will shrink from 13,500 troops to 4,000 by the end of next year.",
     "from 13,500 troops to 4,000", 4000, 13500, "", "down", "troops"),
    ("The fleet will grow from 40 aircraft to 65 by 2030.", "from 40 aircraft to 65", 65, 40, "", "up", "aircraft"),
    ("The crew had to descend from 38,000 feet to 10,000 feet after the cabin lost pressure.",
     "from 38,000 feet to 10,000 feet", 10000, 38000, "ft", "down", None),
    ("A cracked windscreen forced the jet to descend from 38,000 feet to 10,000 feet.",
     "from 38,000 feet to 10,000 feet", 10000, 38000, "ft", "down", "jet"),  # what was made to move, not its cause
    ("The balloon ascended from 2,000 metres to 9,000 metres in an hour.",
     "from 2,000 metres to 9,000 metres", 9000, 2000, "m", "up", None),
    ("Floodwaters in the valley receded from 3 metres to 1.2 metres.", "from 3 metres to 1.2 metres", 1.2, 3, "m",
     "down", None),
    ("Membership of the club dwindled from 300 to 40.", "from 300 to 40", 40, 300, "", "down", None),
    ("Cases of mumps rose from 307 last year to 1,273 this year.", "from 307 last year to 1,273", 1273, 307, "",
     "up", None),
    ("Margins climbed from 12% the previous quarter to 15%.", "from 12% the previous quarter to 15%", 15, 12,
     "percent", "up", None),
])
def test_one_change_with_its_from_value(nlp, text, surface, value, from_value, unit, change, counted):
    found = by_text(nlp, text)
    c = found[surface]
    assert (c.value, c.from_value, c.unit, c.change) == (value, from_value, unit, change)
    assert not any(other.value == from_value for other in found.values())
    if counted is not None:
        assert c.counted == counted


def test_figures_from_one_place_to_another_are_no_change(nlp):
    found = claims(nlp, "Volunteers came from 12 countries to 30 cities.")
    assert [(c.value, c.from_value) for c in found] == [(12, None), (30, None)]


# -- a figure followed by when it holds -----------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, value, change", [
    ("The number of people in work rose by 360,000 year on year.", "360,000", 360_000, "up"),
    ("Payrolls in the sector grew 48,000 month-on-month.", "48,000", 48_000, "up"),
    ("Exports fell by 2,100 quarter on quarter.", "2,100", 2_100, "down"),
    ("Arrivals climbed to 5,400 last month.", "5,400", 5_400, "up"),
])
def test_a_count_before_when_it_holds_is_a_claim(nlp, text, surface, value, change):
    c = one(nlp, text, surface)
    assert (c.value, c.change) == (value, change)


def test_a_period_that_is_counted_stays_a_period(nlp):
    assert [(c.value, c.unit) for c in claims(nlp, "The drought has lasted three years.")] == [(3, "a")]
    assert claims(nlp, "Two years on, the town has been rebuilt.") == []


# -- a figure restated after ", or" keeps its own unit ---------------------------------------------------------

@pytest.mark.parametrize("text, surface, value", [
    ("Joblessness rose by 21,000 to 1.94 million, or 5.8 percent of the labour force.", "1.94 million", 1_940_000),
    ("The carmaker shed 1,200, or 9 percent of its staff.", "1,200", 1200),
])
def test_a_figure_restated_as_a_percentage_keeps_its_own_unit(nlp, text, surface, value):
    c = one(nlp, text, surface)
    assert (c.value, c.unit) == (value, "")


def test_a_list_with_an_oxford_comma_shares_its_unit(nlp):
    found = claims(nlp, "Doses of 3, 4, or 5 mg were tested.")
    assert [(c.value, c.unit) for c in found] == [(3, "mg"), (4, "mg"), (5, "mg")]


# -- letters that look like a currency prefix (the prefixes read: test_money_and_its_currency) -------------------

@pytest.mark.parametrize("text", [
    "Nurses still need N95 masks.",  # "N" is naira only with a scale glued on
    "Traffic on the N2 was diverted at 9 junctions.",
    "The TK 40 tank rolled into the square.",  # taka only as "Tk"
])
def test_letters_that_look_like_a_currency_prefix(nlp, text):
    assert not any(c.unit for c in claims(nlp, text))


# -- a year a figure is compared with ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kept", [
    ("Passenger numbers are still about 6% below 2019 levels.", ["about 6%"]),
    ("Industrial output remains 3% above 2019.", ["3%"]),
    ("Traffic is 12 per cent below 2019's peak.", ["12 per cent"]),
    ("Hotel bookings were below 2019 levels.", []),
])
def test_a_year_after_above_or_below_is_no_claim(nlp, text, kept):
    assert [c.text for c in claims(nlp, text)] == kept


@pytest.mark.parametrize("text, surface", [
    ("The village has over 1500 residents.", "over 1500"),
    ("Over 2000 people marched on Sunday.", "Over 2000"),
])
def test_a_bound_that_looks_like_a_year_stays_a_count(nlp, text, surface):
    assert one(nlp, text, surface).approx == "at_least"


def test_up_from_reaches_over_a_range_of_another_unit(nlp):
    found = by_text(nlp, "Porters now earn about Rp 60,000 a day after 9- or 11-hour shifts, down from Rp 90,000 "
                         "two years ago.")
    assert (found["about Rp 60,000"].from_value, found["about Rp 60,000"].change) == (90_000, "down")
    assert "Rp 90,000" not in found and found["9- or 11-hour"].from_value is None



# -- "a" as the figure 1 of a unit, after a qualifier ------------------------------------------------------------

@pytest.mark.parametrize("text, surface, unit, approx", [
    ("The Dutch swimmer lowered her own record by nearly a second.", "nearly a second", "s", "at_most"),
    ("Ten-year yields rose almost a percentage point in a month.", "almost a percentage point", "percentage point",
     "at_most"),
    ("The queue outside the stadium stretched more than a mile.", "more than a mile", "mi", "at_least"),
    ("The meteorite weighs about a tonne.", "about a tonne", "t", "approx"),
])
def test_a_qualified_article_before_a_unit_is_one_of_it(nlp, text, surface, unit, approx):
    c = one(nlp, text, surface)
    assert (c.value, c.unit, c.approx) == (1, unit, approx)


@pytest.mark.parametrize("text, kept", [
    ("I'd like a gallon of milk.", []),  # no qualifier: an article
    ("He stayed in the city for over a year.", []),  # a calendar period: read where durations are
    ("About a dozen people were hurt.", ["About a dozen"]),
    ("More than a million people marched.", ["More than a million"]),
])
def test_an_article_that_is_no_figure_of_a_unit(nlp, text, kept):
    assert [c.text for c in claims(nlp, text)] == kept


# -- a range with its currency written once, before the first figure --------------------------------------------

@pytest.mark.parametrize("text, surface, value, unit", [
    ("The refit will cost $2-3 million.", "$2-3 million", [2e6, 3e6], "USD"),
    ("Analysts value the unit at $10-15bn.", "$10-15bn", [10e9, 15e9], "USD"),
    ("The club expects to pay €5-6m for the striker this summer.", "€5-6m", [5e6, 6e6], "EUR"),
    ("The council set aside $2 to 3 million for repairs.", "$2 to 3 million", [2e6, 3e6], "USD"),
    ("Each family will get Rs 2-3 lakh in compensation.", "Rs 2-3 lakh", [2e5, 3e5], "INR"),
    ("Bankers value the stake at $1.5bn-$2bn.", "$1.5bn-$2bn", [1.5e9, 2e9], "USD"),
    ("Bankers value the stake at £300m-£400m.", "£300m-£400m", [3e8, 4e8], "GBP"),
    ("The pay rise is worth £1,000-£1,500 a year.", "£1,000-£1,500", [1000, 1500], "GBP"),
    ("Tickets will cost $5 to 10.", "$5 to 10", [5, 10], "USD"),
    ("Growth of 2.5%-3.5% is expected next year.", "2.5%-3.5%", [2.5, 3.5], "percent"),
])
def test_a_range_with_its_currency_written_once(nlp, text, surface, value, unit):
    found = by_text(nlp, text)
    c = found[surface]
    assert (c.value, c.unit, c.approx) == (value, unit, "range")
    assert len(found) == 1


def test_a_change_in_money_and_a_bare_level_stay_two_figures(nlp):
    found = by_text(nlp, "Shares in the lender rose $2 to $45.")
    assert [(c.value, c.unit) for c in found.values()] == [(2, "USD"), (45, "USD")]


@pytest.mark.parametrize("text, surface, value, approx, counted", [
    ("Some 40-odd protesters gathered outside the court.", "Some 40-odd", 40, "approx", "protesters"),
    ("The club paid a six-figure sum for the teenager.", "six-figure", [100_000, 999_999], "range", "sum"),
    ("The chief executive earns a seven-figure salary.", "seven-figure", [1_000_000, 9_999_999], "range", "salary"),
])
def test_odd_and_figure_after_a_hyphen(nlp, text, surface, value, approx, counted):
    c = one(nlp, text, surface)
    assert (c.value, c.approx, c.counted) == (value, approx, counted)
