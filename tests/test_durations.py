"""Durations, on sentences written for these tests: a period the sentence reports is a claim in pint's
unit of time; a period that only places or frames an event is dropped as a "period"; a reviewer can type a
period's unit, and the linker converts between periods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdesk.annotations.article import Article
from claimdesk.annotations.citation import citation
from claimdesk.annotations.extraction.claims import read_claims
from claimdesk.annotations.extraction.durations import CALENDAR_SYMBOLS, CLOCK_SYMBOLS
from claimdesk.annotations.extraction.units import registry
from claimdesk.annotations.fields import validate_fields
from claimdesk.annotations.links.conversion import comparable, convert, scale_of
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.unit_input import unit_code


def found(nlp, text):
    return {c.text: (c.value, c.unit) for c in read_claims(nlp(text)).claims}


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The tribunal sentenced him to seven years in jail.", "seven years", 7, "a"),
    ("The walkout by bus drivers lasted nine days.", "nine days", 9, "d"),
    ("Astronauts will spend eight months on the station.", "eight months", 8, "month"),
    ("Regulators suspended the broker for six months.", "six months", 6, "month"),
    ("The city extended its curfew by two weeks.", "two weeks", 2, "week"),
    ("Rebuilding the bridge could take 18 months.", "18 months", 18, "month"),
    ("She served 11 years of a life sentence.", "11 years", 11, "a"),
    ("The club handed its coach a three-year contract.", "three-year", 3, "a"),
    ("Rebels announced a 24-hour truce on Sunday.", "24-hour", 24, "h"),
    ("The peso fell to a 20-year low.", "20-year", 20, "a"),
    ("Ministers imposed a 10 year ban on the pesticide.", "10 year", 10, "a"),
    ("The curfew will run for three more weeks.", "three more weeks", 3, "week"),
])
def test_a_duration_the_sentence_reports_is_a_claim(nlp, text, surface, value, unit):
    assert found(nlp, text).get(surface) == (value, unit)


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The crossing took 3 hours 45 minutes.", "3 hours 45 minutes", 225, "min"),
    ("The hearing lasted two hours and 10 minutes.", "two hours and 10 minutes", 130, "min"),
    ("He was jailed for two years and three months.", "two years and three months", 27, "month"),
])
def test_a_duration_in_two_units_is_one_figure_in_the_smaller(nlp, text, surface, value, unit):
    assert found(nlp, text) == {surface: (value, unit)}


@pytest.mark.parametrize("text, surface, value, unit", [
    ("Sales reached their highest level in 12 years.", "12 years", 12, "a"),
    ("Inflation hit 6.8%, the highest in four decades.", "four decades", 40, "a"),
    ("Jobless claims hit their lowest in at least three decades.", "at least three decades", 30, "a"),
    ("The council approved its first tax rise in 11 years.", "11 years", 11, "a"),
    ("It was the first strike at the plant in 25 years.", "25 years", 25, "a"),
    ("The bank's first rate cut there in 14 months lifted shares.", "14 months", 14, "month"),
    ("Wages grew 5% for the first time in 15 years.", "15 years", 15, "a"),
    ("Prices rose at the fastest pace in 30 years.", "30 years", 30, "a"),
    ("It was the deadliest attack on the city in 10 years.", "10 years", 10, "a"),
])
def test_the_span_of_a_record_is_a_claim(nlp, text, surface, value, unit):
    assert found(nlp, text).get(surface) == (value, unit)


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The governor has been in power for nine years.", "nine years", 9, "a"),
    ("The old course record had stood for 21 years.", "21 years", 21, "a"),
    ("The crew trained in the desert for five weeks before the launch.", "five weeks", 5, "week"),
    ("Members of the board serve an average tenure of 12 years.", "12 years", 12, "a"),
    ("The fraudster faces a maximum of 14 years in jail.", "a maximum of 14 years", 14, "a"),
    ("Some 3,000 patients have waited in excess of 18 months for surgery.", "in excess of 18 months", 18, "month"),
    ("Rescue crews must reach callers within a 15-minute target.", "15-minute", 15, "min"),
    ("Patients on the new diet lived 1.8 years longer on average.", "1.8 years", 1.8, "a"),
])
def test_more_durations_the_sentence_reports(nlp, text, surface, value, unit):
    assert found(nlp, text).get(surface) == (value, unit)


def test_a_list_of_periods_keeps_each(nlp):
    got = found(nlp, "The blockade lasted 2 years, 5 months and 9 days.")
    assert {k: got.get(k) for k in ("2 years", "5 months", "9 days")} == {
        "2 years": (2, "a"), "5 months": (5, "month"), "9 days": (9, "d")}


@pytest.mark.parametrize("text, surface", [
    ("Troops withdrew after four months of fighting.", "four"),
    ("The plant reopened two weeks ago.", "two"),
    ("Voters will go to the polls in three weeks.", "three"),
    ("Output rose 3% in two years, officials said.", "two"),
    ("A 45-year-old woman was arrested at the scene.", "45-year"),
    ("The 30-year mortgage rate rose to 6.9%.", "30-year"),
    ("Output rose 3% in the past 12 months.", "12"),
    ("Police detained 20 people in the past 48 hours.", "48 hours"),
    ("Divers found a survivor 30 hours after the ferry sank.", "30 hours"),
    ("The talks broke down after 12 hours of negotiations.", "12 hours"),
    ("Two hours into the match, rain stopped play.", "Two hours"),
    ("The mill closed three years ago.", "three"),
    ("The line should be finished within six years.", "six"),
    ("The heatwave kept temperatures above 40 degrees for five days.", "five"),
    ("Buyers took out 20-year fixed loans at 5.9%.", "20-year"),
    ("The council will complete the first phase in two years.", "two"),
])
def test_a_period_that_places_or_frames_an_event_is_no_claim(nlp, text, surface):
    doc = nlp(text)
    reading = read_claims(doc)
    start = text.index(surface)
    assert not [c for c in reading.claims if c.start < start + len(surface) and start < c.end]
    assert reading.why_not(start, start + len(surface)) == "period"


@pytest.mark.parametrize("text, surface, value, unit", [
    # a compound period before a term, nouns between: the term may come after other nouns
    ("The ferry line was suspended for a six-week refit period.", "six-week", 6, "week"),
    ("Patients join a four-month observation period before surgery.", "four-month", 4, "month"),
    ("Buyers get a 14-day cooling-off period.", "14-day", 14, "d"),
    ("The lender offered a 25-year mortgage repayment term.", "25-year", 25, "a"),
    ("The club agreed a two-year shirt sponsorship deal.", "two-year", 2, "a"),
    # a period stated as a measure
    ("A sidereal year is a span of time equal to 365.26 days.", "365.26 days", 365.26, "d"),
    ("The back pay is equivalent to 18 months of wages.", "18 months", 18, "month"),
    ("One orbit of the moon equals about 27 days.", "about 27 days", 27, "d"),
])
def test_a_named_term_or_a_period_stated_as_a_measure_is_a_claim(nlp, text, surface, value, unit):
    assert found(nlp, text).get(surface) == (value, unit)


@pytest.mark.parametrize("text, surface", [
    ("Sales doubled over a three-year period.", "three-year"),
    ("Rents rose 9% over a five-year reporting period.", "five-year"),
])
def test_a_bare_or_framing_compound_period_is_no_claim(nlp, text, surface):
    assert surface not in found(nlp, text)


def test_a_clock_duration_that_measures_stays_a_claim(nlp):
    assert found(nlp, "He finished the course in 41 minutes.") == {"41 minutes": (41, "min")}
    # the window over which another figure of the clause accrued is none (tests/test_durations_news.py)
    assert "12 hours" not in found(nlp, "More than 150mm of rain fell in 12 hours.")


def test_the_period_symbols_are_pints():
    reg = registry()
    names = {w for w in (*CALENDAR_SYMBOLS, *CLOCK_SYMBOLS) if w.isalpha() and len(w) > 2 and not w.endswith("s")}
    assert {"day", "week", "month", "year", "decade", "century", "hour", "minute", "second"} <= names
    assert {w: CALENDAR_SYMBOLS.get(w) or CLOCK_SYMBOLS[w] for w in names} == {w: reg.get_symbol(w) for w in names}


@pytest.mark.parametrize("typed, code", [("year", "a"), ("years", "a"), ("yr", "a"), ("a", "a"), ("days", "d"),
                                         ("d", "d"), ("weeks", "week"), ("month", "month"), ("hours", "h"),
                                         ("h", "h"), ("min", "min"), ("decades", "decade")])
def test_a_reviewer_can_type_a_period(typed, code):
    assert unit_code(typed) == code
    fields, errors = validate_fields({"value": "12", "unit": typed})
    assert not errors and fields["unit"] == code


def test_the_linker_converts_between_periods():
    months, years, days = scale_of("month"), scale_of("a"), scale_of("d")
    assert comparable(months, years) and comparable(days, scale_of("h"))
    assert convert(18, months, years) == pytest.approx(1.5)
    assert convert(2, scale_of("week"), days) == pytest.approx(14)
    assert not comparable(years, scale_of("km"))


def test_the_citation_line_says_a_period_in_words():
    text = "The tribunal sentenced him to seven years in jail. The walkout lasted nine days."
    article = Article(path="a.txt", title="T", text=text, source="Wire", date="2021-03-02")
    for quote, value, unit, said in (("seven years", 7, "a", "7 years"), ("nine days", 9, "d", "9 d")):
        start = text.index(quote)
        fields = {"value": value, "approx": "exact", "unit": unit, "change": "", "from_value": None, "counted": "",
                  "predicate": "", "source": "", "date": ""}
        claim = ReviewClaim("c", article.id, start, start + len(quote), quote, text, "pending",
                            original=dict(fields), fields=dict(fields))
        assert citation(claim, article).split(" — ")[0].endswith(said)


def test_every_unit_of_the_durations_development_set_reads_back_as_itself():
    rows = (Path(__file__).parent / "data" / "quantities_dev_durations.jsonl").read_text("utf-8").splitlines()
    units = {c["unit"] for line in rows for c in json.loads(line)["claims"]}
    assert {"a", "d", "week", "month", "h", "min"} <= units
    assert {u: unit_code(u) for u in units} == {u: u for u in units}


@pytest.mark.parametrize("text, surface", [
    ("House prices jumped at the fastest pace in 17 years.", "17 years"),
    ("The index plunged in 15 minutes before recovering.", "15 minutes"),
])
def test_a_time_span_has_no_direction(nlp, text, surface):
    c = next(c for c in read_claims(nlp(text)).claims if c.text == surface)
    assert c.change == ""


def test_a_term_changed_from_one_length_to_another(nlp):
    c = read_claims(nlp("The appeal judges cut her sentence from nine years to six.")).claims[0]
    assert (c.value, c.unit, c.from_value, c.change) == (6, "a", 9, "down")


def test_several_hundred_years_is_no_figure_of_100(nlp):
    assert found(nlp, "The bunker will stay sealed for several hundred years.") == {}
