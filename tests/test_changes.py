"""`change` and the qualifiers a change brings (issue 15): the level a change reached, a change set off by a
comma, "up to" after a verb of moving, bounds passed, changes by adding or removing, and figures that only
look like changes. Sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy

from extraction_helpers import claims


def _read(nlp, sentence: str) -> list[tuple]:
    return [(c.text, c.approx, c.change) for c in claims(nlp, sentence)]


def _of(nlp, sentence: str, text: str) -> tuple:
    """(approx, change) of the claim written ``text`` in ``sentence``."""
    found = [c for c in claims(nlp, sentence) if c.text == text]
    assert found, f"{text!r} not found in {[c.text for c in claims(nlp, sentence)]}"
    return found[0].approx, found[0].change


# Figures stated as the level a change reached, by class: the level after "at" (1) or "to" (3) that follows a
# change, a figure with its change set off by a comma (2), and "up to" after a verb of moving, the direction and
# the level, never the bound (4).
_LEVELS = {
    "at": [
        ("The FTSE 250 closed down 0.6% at 19,230 on Friday.", "19,230", "down"),
        ("Copper settled up $85 at $9,410 a tonne in London.", "$9,410", "up"),
        ("Brent settled down $1.17, or 1.4%, at $81.64 a barrel.", "$81.64", "down"),
        ("The Nikkei ended 1.2% higher at 38,410.", "38,410", "up"),
        ("The German two-year yield was up 7 basis points at 2.91pc.", "2.91pc", "up"),
        ("Asking prices are up 5pc on the year at £376,400.", "£376,400", "up"),
    ],
    "to": [
        ("Jobless claims were up 12,000 to 1.38 million last week.", "1.38 million", "up"),
        ("Housing starts fell 3.1% to an annual rate of 1.29 million units.", "1.29 million", "down"),
        ("The ringgit-listed lender rose 35 sen, or 4pc, to RM9.80.", "RM9.80", "up"),
        ("The storm was his fourth landfall, bringing the season's tally to 11.", "11", "up"),
        ("The win stretched their unbeaten run to 23 games.", "23", "up"),
        ("The round brings total investment in the startup to $310 million.", "$310 million", "up"),
    ],
    "comma": [
        ("The group reported revenue of $9.2 billion, up 8% from a year earlier.", "$9.2 billion", "up"),
        ("It posted an underlying profit of A$1.7bn for the half, down 11pc.", "A$1.7bn", "down"),
        ("The state's debt now stands at ₹3,450 crore, up 9.4 per cent.", "₹3,450 crore", "up"),
        ("Farmers harvested 4.1 billion bushels of soybeans, down 3%.", "4.1 billion bushels", "down"),
        ("The Greens won 14.2% of the vote, up 3.1 percentage points.", "14.2%", "up"),
    ],
    "up-to": [
        ("Inflation edged up to 3.4% in April.", "3.4%", "up"),
        ("Unemployment ticked up to 4.3 per cent.", "4.3 per cent", "up"),
        ("Mortgage rates crept up to 7.1pc this week.", "7.1pc", "up"),
        ("The jobless rate edged down to 3.9%.", "3.9%", "down"),
    ],
}


@pytest.mark.parametrize("sentence, level, change", [
    pytest.param(*case, id=f"{kind}-{case[1]}") for kind, cases in _LEVELS.items() for case in cases])
def test_the_level_a_change_reached(nlp, sentence, level, change):
    assert _of(nlp, sentence, level) == ("exact", change)


def test_a_place_after_at_is_no_level(nlp):
    # "at 12 plants" counts plants: where the cut falls, not the level it reached
    assert _of(nlp, "The carmaker will cut 900 jobs at 12 plants.", "12") == ("exact", "")


def test_a_figure_before_up_from_keeps_its_own_reading(nlp):
    # "including 57 deaths, up from 1,450 cases": the change is the cases'; the deaths are a part of them
    found = claims(nlp, "The outbreak has caused 2,310 cases, including 57 deaths, up from 1,450 cases a week ago.")
    assert [(c.text, c.change) for c in found if c.text == "57"] == [("57", "")]


def test_up_to_after_other_verbs_is_a_bound(nlp):
    assert _read(nlp, "The plant will draw up to 90MW.") == [("up to 90MW", "at_most", "")]


# 5. a level passed is a lower bound
@pytest.mark.parametrize("sentence, level, approx, change", [
    ("Wheat stocks crossed 250 lakh tonnes this month.", "250 lakh tonnes", "at_least", ""),
    ("The acquisition pushed its subscriber count past 3 million.", "past 3 million", "at_least", "up"),
    ("The yen slid past 152 per dollar.", "past 152", "at_least", "down"),
])
def test_a_level_passed(nlp, sentence, level, approx, change):
    assert _of(nlp, sentence, level) == (approx, change)


def test_the_past_few_days_is_no_bound(nlp):
    assert [c.approx for c in claims(nlp, "Prices rose 4% in the past 30 days.")] == ["exact"]


# 6. changes by adding or removing
@pytest.mark.parametrize("sentence, level, change", [
    ("The carrier trims its workforce by 2,400 jobs.", "2,400", "down"),
    ("OPEC+ agreed output cuts of 1.6 million barrels per day.", "1.6 million barrels per day", "down"),
    ("The deal could tighten supply by 300,000 to 400,000 bpd.", "300,000 to 400,000 bpd", "down"),
    ("The central bank tightened policy by 75 basis points in June.", "75 basis points", "up"),
    ("The upgrade adds six charging bays to the car park.", "six", "up"),
    ("The airline will add 22 routes this summer.", "22", "up"),
    ("The council will run 120 more buses at peak times.", "120", "up"),
    ("Season tickets will cost £60 more next year.", "£60", "up"),
    ("Diesel now costs 12 cents more than a month ago.", "12 cents", "up"),
])
def test_changes_by_adding_or_removing(nlp, sentence, level, change):
    assert _of(nlp, sentence, level)[1] == change


# 7. figures that only look like changes
@pytest.mark.parametrize("sentence, text", [
    ("The battalion lost five or six armoured vehicles in the assault.", "five or six"),
    ("Ranchers lost about 1,200 head of sheep in the blizzard.", "about 1,200"),
    ("He was jailed for stealing £85,000 from the charity.", "£85,000"),
    ("He was convicted of stealing £85,000 from the charity.", "£85,000"),
    ("Inflation is still above the Fed's 2 per cent inflation target.", "2 per cent"),
    ("The turbines keep working in air that can drop to -41°C in winter.", "-41°C"),
    ("The charger can add 200 km of range in 18 minutes.", "200 km"),
    ("Prices fell to A$18 a tray, roughly a quarter of what growers were paid.", "roughly a quarter"),
    ("The towers rise 280m (919ft) above the bay.", "280m"),
    ("The towers rise 280m (919ft) above the bay.", "919ft"),
])
def test_no_change_where_none_is_stated(nlp, sentence, text):
    assert _of(nlp, sentence, text)[1] == ""


def test_a_sign_is_no_change_but_a_fall_to_it_is(nlp):
    assert _of(nlp, "Overnight lows of -11°C are forecast.", "-11°C") == ("exact", "")
    assert _of(nlp, "Temperatures plunged to -41°C overnight.", "-41°C") == ("exact", "down")


def test_without_a_parse(nlp):
    """The word rules hold on a blank pipeline (no tags, no parse)."""
    blank = spacy.blank("en")
    assert [(c.text, c.approx, c.change) for c in claims(blank, "Unemployment ticked up to 4.3 per cent.")] == [
        ("4.3 per cent", "exact", "up")]
    assert [(c.text, c.change) for c in claims(blank, "The index closed down 0.6% at 19,230.")] == [
        ("0.6%", "down"), ("19,230", "down")]
    assert [(c.text, c.approx) for c in claims(blank, "The yen slid past 152 per dollar.")] == [
        ("past 152", "at_least")]
    assert [(c.text, c.change) for c in claims(blank, "Air defences shot down 29 of the 34 drones.")] == [
        ("29", ""), ("34", "")]
    assert [(c.text, c.change) for c in claims(blank, "Sales were down 12,000 on the year.")] == [("12,000", "down")]


def test_counts_of_changes_and_things_crossed(nlp):
    # a count of changes is no change; a count of things a verb of passing crosses is no bound
    assert _of(nlp, "Traders expect two to three rate hikes next year.", "two to three") == ("range", "")
    assert _of(nlp, "The new ring road crosses six rivers.", "six") == ("exact", "")


def test_a_conjunct_verb_has_its_own_object(nlp):
    found = claims(nlp, "The mayor's budget trims the city workforce by 640 jobs and sets aside $400 million "
                        "in reserves.")
    assert [(c.text, c.change) for c in found] == [("640", "down"), ("$400 million", "")]


@pytest.mark.parametrize("sentence, text, change", [
    # a definite figure after a preposition of comparison is a level compared with
    ("Wage growth slowed to 4.1 per cent, still well above the central bank's 2 per cent target.", "2 per cent", ""),
    ("The river dropped to 80 centimetres, below the 95cm that ferries need.", "95cm", ""),
    # the level a change reached, set off by a comma after a figure
    ("Overseas students will pay $24,300, an increase of $900.", "$24,300", "up"),
    ("Burglaries hit 61,400 in the year to June, a 12pc rise on the year before.", "61,400", "up"),
    # a conjunct shares its first member's verb of change; a parse that hangs "7%" on the next figure
    ("The line adds 4.5 miles and three stations.", "three", "up"),
    ("From July the tariff cap falls 7% to £1,520 a year for a typical home.", "7%", "down"),
])
def test_comparisons_commas_and_conjuncts(nlp, sentence, text, change):
    assert _of(nlp, sentence, text)[1] == change


def test_a_change_from_to_later_in_the_sentence_is_its_own(nlp):
    found = claims(nlp, "Average prices fell 2.4% to $512,300 in May as listings rose from 1,900 to 2,450.")
    assert [(c.text, c.change, c.from_value) for c in found] == [
        ("2.4%", "down", None), ("$512,300", "down", None), ("from 1,900 to 2,450", "up", 1900)]


def test_money_taken_from_people_is_no_change_from_them(nlp):
    found = claims(nlp, "A court jailed a former bank clerk for 18 months for stealing £130,000 from 22 elderly "
                        "customers.")
    assert [(c.text, c.change, c.from_value) for c in found if c.unit == "GBP"] == [("£130,000", "", None)]


# 8. a comparison is a change only over time: between two things at one time it states no change
@pytest.mark.parametrize("sentence, text", [
    ("Snowfall in the Alps was 22% below the 30-year norm this winter.", "22%"),
    ("The new turbine is 15 per cent more efficient and 30 per cent lighter than its predecessor.", "30 per cent"),
    ("The chip runs 35% faster than the rival design.", "35%"),
    ("Smokers face a 60% higher risk of stroke than non-smokers.", "60%"),
    ("Ocean surface temperatures were 1.2C above pre-industrial levels in the study.", "1.2C"),
    ("Boys in the sample scored 14 points lower on average.", "14"),
    ("The sedan is 9% cheaper than its nearest rival.", "9%"),
    ("The new phone's battery lasts a quarter longer than last year's model.", "a quarter"),
    ("The club has 4,000 more members than its city rival.", "4,000"),
    ("Rainfall in the north was 35% below the 30-year norm this spring.", "35%"),
    ("He ran the mile 0.2 seconds faster than the record that had stood for 12 years.", "0.2 seconds"),
    ("Nurses earn £7,000 a year more than care workers.", "£7,000"),
    ("The petition was signed by 40,000 people.", "40,000"),
])
def test_a_comparison_between_two_things_is_no_change(nlp, sentence, text):
    assert _of(nlp, sentence, text)[1] == ""


@pytest.mark.parametrize("sentence, text, change", [
    ("Passenger numbers are still 11% below 2019 levels.", "11%", "down"),
    ("The department spent £2.4bn more than a year earlier.", "£2.4bn", "up"),
    ("Rents are now 18% higher than before the pandemic.", "18%", "up"),
    ("Imports were 7% lower than in the previous quarter.", "7%", "down"),
    ("Footfall remains 9% below pre-pandemic levels.", "9%", "down"),
    ("Car sales were 3.2% higher than last year.", "3.2%", "up"),
    ("Wholesale gas prices were 40% lower on the year in June.", "40%", "down"),
    ("Tolls will be 6% higher from April.", "6%", "up"),
    ("The county has 2,300 fewer teachers than it did in 2015.", "2,300", "down"),
    ("Diesel prices are 18% lower than at the start of the year.", "18%", "down"),
    ("Bus fares are 25% higher than when the cap was introduced.", "25%", "up"),
    ("Factory output was 1.4% lower than in the second quarter.", "1.4%", "down"),
    ("Mortgage costs are now 40% higher.", "40%", "up"),
    # a verb of change or of a market's session states a change whatever is compared
    ("The Hang Seng closed 1.9% lower.", "1.9%", "down"),
    ("Gold was 0.8% higher at $2,405 an ounce.", "0.8%", "up"),
])
def test_a_comparison_over_time_is_a_change(nlp, sentence, text, change):
    assert _of(nlp, sentence, text)[1] == change


def test_a_year_compared_with_is_no_claim(nlp):
    assert [c.text for c in claims(nlp, "Air traffic is 4% below 2019 levels.")] == ["4%"]


# 9. verbs with a particle, vote results, rain and snow, things cut off: no change
@pytest.mark.parametrize("sentence, text", [
    ("Air defences shot down 29 of the 34 drones overnight.", "29"),
    ("Rescuers picked up 16 survivors from the water.", "16"),
    ("The amendment was lost by 318 votes to 104.", "318"),
    ("The amendment was lost by 318 votes to 104.", "104"),
    ("The speaker narrowly lost the ballot by 27 votes.", "27"),
    ("Mudslides cut off 38 villages in the hills.", "38"),
    ("The gale knocked out power to 86,000 homes.", "86,000"),
    ("Forecasters warn of falls of 150mm or more on high ground.", "150mm or more"),
    ("The blizzard dropped 30 inches of snow on the city.", "30 inches"),
    ("The drought is forecast to last another six weeks.", "six weeks"),
])
def test_figures_that_are_no_change(nlp, sentence, text):
    assert _of(nlp, sentence, text)[1] == ""


# 10. additions, the level a session's change reached, and the margin of a record
@pytest.mark.parametrize("sentence, text, change", [
    ("Donors pledged a further $2.3bn in relief.", "$2.3bn", "up"),
    ("The statement includes £11bn of tax rises.", "£11bn", "up"),
    ("The plan makes $40bn in spending cuts.", "$40bn", "down"),
    ("The rail firm will lay on 900 additional services at Easter.", "900", "up"),
    ("The trust will open an extra 2,500 beds this winter.", "2,500", "up"),
    ("The Nifty fell 402 points, or 1.7%, to close at 23,118.6.", "23,118.6", "down"),
    ("The Kospi rose 38.4 points, or 1.5%, to end at 2,641.9.", "2,641.9", "up"),
    ("The Kospi gained 41 points, or 1.6%, and closed at 2,610.", "2,610", "up"),
    ("The Sensex sank 732 points or 0.9% to close at 79,410.2 on Monday.", "0.9%", "down"),
    ("The Sensex sank 732 points or 0.9% to close at 79,410.2 on Monday.", "79,410.2", "down"),
    ("The index added 18.6 points, or 0.3 per cent, to end the session at 6,402.7.", "6,402.7", "up"),
    ("She beat the world record by 0.27 seconds.", "0.27 seconds", "down"),
    ("He won in 2:04:11, shaving 31 seconds off the course record.", "31 seconds", "down"),
    ("The vaulter broke the record by 4cm.", "4cm", "up"),
    ("Sea levels rose 21cm over the century.", "21cm", "up"),
    # a verb of change the parse did not link to "by N", a descent, a rate before its comparative
    ("The scheme reduced hospital readmissions by 34%.", "34%", "down"),
    ("The airliner descended 8,000 feet in two minutes.", "8,000 feet", "down"),
    ("Renters will pay about £960 a year more from October.", "about £960", "up"),
    # a count of jobs cut or lost is the size of a change
    ("The insurer announced 1,700 job cuts.", "1,700", "down"),
    ("The closures will mean 650 job losses.", "650", "down"),
    ("The blockade has cost the region 90,000 jobs.", "90,000", "down"),
])
def test_additions_levels_and_record_margins(nlp, sentence, text, change):
    assert _of(nlp, sentence, text)[1] == change


@pytest.mark.parametrize("sentence, surface, from_value, change", [
    ("Some 14,200 runners finished, up from 12,900 last year.", "Some 14,200", 12900, "up"),
    ("About 3,100 volunteers signed up, down from 3,600 the previous year.", "About 3,100", 3600, "down"),
])
def test_a_from_value_followed_by_when_it_held_is_no_count_of_years(nlp, sentence, surface, from_value, change):
    """"up from 12,900 last year": the parse hangs the figure on "year", which says when, not what is counted."""
    assert [(c.text, c.from_value, c.change) for c in claims(nlp, sentence)] == [(surface, from_value, change)]
