"""Durations found on news copy (issue 15), on sentences written for these tests: race times written with
colons and glued decimal seconds are clock durations in seconds, a time of day stays no claim; hours that only
give the window over which another figure of the clause accrued are no claim; cycles, terms of keeping, a study's
follow-up, statistics of periods, measures of time of a record and a record's span in years are claims."""

from __future__ import annotations

import pytest

from extraction_helpers import claims, counted, fields


@pytest.mark.parametrize("text, value", [
    ("Chebet won the Berlin race in 2:17:08, a personal best.", 8228),
    ("His quickest lap of 1:29.874 put him on pole.", 89.874),
    ("The 19-year-old clocked 1:56.31 in the heats.", 116.31),
    ("She set a winning time of 4:02.7 at the indoor meet.", 242.7),
    ("Ingebrigtsen ran the mile in 3:46 on a wet track.", 226),
    ("The relay team finished in 3:11:02 after the second leg.", 11462),
])
def test_a_race_time_with_colons_is_a_duration_in_seconds(nlp, text, value):
    assert (value, "s") in fields(nlp, text)


def test_a_record_cut_from_one_race_time_to_another_is_one_change(nlp):
    found = claims(nlp, "She lowered the course record from 2:18:47 to 2:17:56.")
    assert [(c.value, c.from_value, c.unit, c.change) for c in found] == [(8276, 8327, "s", "down")]


@pytest.mark.parametrize("text", [
    "The council meets at 2:30 on Tuesday.",
    "The marathon starts at 7:30:00 local time.",
    "The stage starts at 9:00:00 and ends by 11:00:00.",
    "Polls closed at 21:00 and counting began at 21:45.",
    "The quake struck at 04:17:32 local time.",
    "The shop is open from 9:00 to 17:30.",
    "The ferry sails at 7:15 am.",
])
def test_a_time_of_day_with_colons_is_no_claim(nlp, text):
    assert fields(nlp, text) == []


@pytest.mark.parametrize("text, value", [
    ("Hamilton was 0.317s slower than his team-mate.", 0.317),
    ("Stewards gave him a 2.5s penalty for the collision.", 2.5),
    ("The car reaches 100km/h in 2.9s.", 2.9),
])
def test_seconds_glued_to_a_decimal_are_seconds(nlp, text, value):
    assert (value, "s") in fields(nlp, text)


def test_a_plural_s_after_digits_is_no_second(nlp):
    assert fields(nlp, "Interest rates last reached that level in the 1980s.") == []


@pytest.mark.parametrize("text, kept", [
    ("About 95mm of rain fell on the town in 12 hours.", (95, "mm")),
    ("The exchange liquidated $410m of bets in 24 hours.", (410e6, "USD")),
    ("The station logged 61mm in the 24 hours to 9am.", (61, "mm")),
    ("Police detained 218 protesters over 48 hours.", (218, "")),
    ("The furnace consumed 12 tonnes of coke in under six hours.", (12, "t")),
    ("The index lost 7% within two hours of the open.", (7, "percent")),
    ("Rain totals reached 150mm over 24 hours.", (150, "mm")),
    ("The token climbed 12% in 24 hours.", (12, "percent")),
])
def test_a_clock_window_of_another_figure_is_no_claim(nlp, text, kept):
    assert fields(nlp, text) == [kept]


@pytest.mark.parametrize("text", [
    "Nothing fell in the 24 hours to 9am.",
    "No rain was recorded in the 48 hours until midnight.",
    "Unions called a stoppage for the 24 hours to Friday.",
])
def test_hours_that_end_at_a_time_are_a_window(nlp, text):
    assert fields(nlp, text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("The runner finished in 31 minutes.", 31, "min"),
    ("The blockade of the port lasted 16 hours.", 16, "h"),
    ("The ceasefire collapsed within 36 hours.", 36, "h"),
    ("Ortiz ran the 10km in 28 minutes.", 28, "min"),
    ("The car reaches 100km/h in 3.1s.", 3.1, "s"),
])
def test_a_clock_duration_that_measures_the_event_stays_a_claim(nlp, text, value, unit):
    assert (value, unit) in fields(nlp, text)


@pytest.mark.parametrize("text, value, unit", [
    ("The pump moved 3,000 litres of water in 14 minutes.", 14, "min"),
    ("The striker scored 3 goals in 21 minutes.", 21, "min"),
    ("The new battery can store 60 kWh in 2 hours.", 2, "h"),
])
def test_minutes_and_a_capability_time_the_event_itself(nlp, text, value, unit):
    assert (value, unit) in fields(nlp, text)


def test_a_window_of_a_figure_in_another_clause_stays_a_claim(nlp):
    found = fields(nlp, "The charger supplies 120W and tops up the phone in 25 minutes.")
    assert found == [(120, "W"), (25, "min")]


@pytest.mark.parametrize("text, value, unit", [
    ("The moon circles the gas giant every 16.7 days.", 16.7, "d"),
    ("The comet swings past the Sun every 133 years.", 133, "a"),
    ("Auditors found the insurer had stored the recordings for as long as seven years.", 7, "a"),
    ("Clinics may retain the samples for up to 10 years.", 10, "a"),
    ("Some 41,000 nurses were followed for 12 years.", 12, "a"),
    ("After a median follow-up of 5.2 years, the gap had closed.", 5.2, "a"),
    ("The statin cut deaths by 18% over a mean follow-up of 6.1 years.", 6.1, "a"),
    ("The lake sediments hold 250,000 years of climate history.", 250000, "a"),
    ("The observatory has 160 years of records.", 160, "a"),
    ("It was the worst defeat in the club's 131-year history.", 131, "a"),
])
def test_a_reported_period_is_a_duration(nlp, text, value, unit):
    assert (value, unit) in fields(nlp, text)


def test_a_statistic_of_periods_has_no_direction(nlp):
    found = claims(nlp, "Survival improved over a median follow-up of 4.8 years.")
    assert [(c.value, c.unit, c.change) for c in found] == [(4.8, "a", "")]


@pytest.mark.parametrize("text", [
    "The accord ends two decades of stalled negotiations.",
    "The bridge reopened after three weeks of repairs.",
])
def test_a_background_of_years_of_something_stays_no_claim(nlp, text):
    assert fields(nlp, text) == []


@pytest.mark.parametrize("text, surface, noun", [
    ("She lowered the 400m hurdles world record by 0.29 seconds.", "0.29 seconds", "hurdles world record"),
    ("The festival sold 2.3m tickets worth £96m.", "2.3m", "tickets"),
    ("The carrier added 2.1 million 5G subscribers.", "2.1 million", "subscribers"),
])
def test_letters_glued_to_a_number_are_never_part_of_what_is_counted(nlp, text, surface, noun):
    assert counted(nlp, text)[surface] == noun
