"""What a claim counts or measures (`counted`), read off the parse: the noun a count counts, the subject of
a verb of change or of measure, "of", "worth" and "in", the noun a participle or a figure describes, the
object a figure is put at, a conversion in brackets and a figure coordinated with another; and the classes
the first reading missed: a period after a percentage ("year on year"), a measure a verb takes as its
object, a passive "estimated at", a speed, a multiple stated by a verb, a proportion, "N% of" a plural
after a preposition, what is sold for a sum or a sum is wiped off, "N of the M", a total, "head of cattle",
an index's level, verbless market lists and what a duration measures. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extraction_helpers import counted


@pytest.mark.parametrize("sentence, text, what", [
    # the subject of a verb of change or of measure
    ("Output grew 0.4% in the quarter.", "0.4%", "Output"),
    ("Night temperatures plunged to minus 25 degrees in the valley.", "minus 25 degrees", "Night temperatures"),
    ("Wholesale inflation, which excludes fuel, held at 2.9% in June.", "2.9%", "Wholesale inflation"),
    ("The current account deficit narrowed to $41.2 billion in May from a revised $44.9 billion.",
     "$41.2 billion", "current account deficit"),
    ("Entry-level salaries at the bank rose to £41k from £37k.", "£41k", "Entry-level salaries"),
    # a figure put or estimated at
    ("Loss adjusters estimate claims from the storm at €800m.", "€800m", "claims"),
    ("The central bank held its deposit rate at 3.75%.", "3.75%", "deposit rate"),
    ("Rescuers put the number of people trapped at about 70.", "about 70", "people"),
    # of, worth, in
    ("The group cut 1.4 million barrels per day of output.", "1.4 million barrels per day", "output"),
    ("Mudslides covered 3km to 4km of the coast road.", "3km to 4km", "coast road"),
    ("The shipyard won a contract worth $2.3bn.", "$2.3bn", "contract"),
    ("Ministers approved €7bn in farm subsidies.", "€7bn", "farm subsidies"),
    # a participle or a figure describing a noun
    ("Lenders charge fees ranging from 2 per cent to 3 per cent.", "2 per cent to 3 per cent", "fees"),
    ("Bids peaking at more than $9 billion came in.", "more than $9 billion", "Bids"),
    ("The studio won a 22% share of the box office.", "22%", "share"),
    ("Nations pledged to stay under the 2C ceiling.", "2C", "ceiling"),
    # who: the noun a relative clause hangs from
    ("The new bridge, which cost 95 million euros, opened on Monday.", "95 million euros", "new bridge"),
    # what a count counts: the whole compound
    ("The rider lost the four stage wins he had taken.", "four", "stage wins"),
])
def test_what_a_figure_counts_or_measures(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what


@pytest.mark.parametrize("sentence, expected", [
    # a conversion in brackets measures what the figure before it measures
    ("Storms flooded 20,000 hectares (49,400 acres) of farmland.",
     {"20,000 hectares": "farmland", "49,400 acres": "farmland"}),
    # coordinated figures, and a figure continuing a list in the same unit
    ("The plants made profits of 300 and 450 million euros.",
     {"300": "profits", "450 million euros": "profits"}),
    ("Snowfall of 25cm is expected, with up to 80cm on the hills.",
     {"25cm": "Snowfall", "up to 80cm": "Snowfall"}),
    # a bare count counts what an earlier count of the sentence counted
    ("Of the 400 seats, the ruling party won 212 and the opposition 150.",
     {"400": "seats", "212": "seats", "150": "seats"}),
    ("The motion passed by 301 votes to 250.", {"301": "votes", "250": "votes"}),
    ("Kidnappers freed 12 hostages but still hold 30 others.", {"12": "hostages", "30": "hostages"}),
])
def test_what_figures_share(nlp, sentence, expected):
    assert counted(nlp, sentence) == expected


def test_a_multiplier_is_not_what_is_counted(nlp):
    found = counted(nlp, "Profit at the refiner jumped 3.5 times to $812 million.")
    assert found.get("3.5 times", found.get("3.5")) != "times"


@pytest.mark.parametrize("sentence, text, what", [
    # a period after a percentage says when, not what: the subject is measured
    ("Factory output rose 3.1% year on year in March.", "3.1%", "Factory output"),
    ("Card spending fell 1.2% month on month, the bank said.", "1.2%", "Card spending"),
    # a measure a verb takes as its object measures the verb's subject
    ("The new dam will generate 2,400 megawatts.", "2,400 megawatts", "new dam"),
    ("The refinery can process 240,000 bpd.", "240,000 bpd", "refinery"),
    # a passive verb that sets a figure: its subject
    ("Losses were estimated at $3.5bn.", "$3.5bn", "Losses"),
    ("The ore was heated to 1,500 degrees Celsius.", "1,500 degrees Celsius", "ore"),
    # a speed: what moves at it
    ("The storm was moving west at 18 mph.", "18 mph", "storm"),
    ("The fire was spreading at 3 kilometres an hour.", "3 kilometres an hour", "fire"),
    # a multiple stated by its verb: what multiplied
    ("Operating profit more than tripled to $480m.", "more than tripled", "Operating profit"),
    ("Wheat prices have doubled since March.", "doubled", "Wheat prices"),
    # a proportion of a plural: the plural
    ("One in four adults in the city smokes.", "One in four", "adults"),
    # "N% of" a plural after a preposition: the plural (not a ratio to GDP)
    ("Engineers restored service to 40% of subscribers by noon.", "40%", "subscribers"),
    ("The update runs on about 55% of handsets.", "about 55%", "handsets"),
    ("Public debt climbed to 104% of GDP.", "104%", "Public debt"),
    # what is sold or bought for a sum, and what a sum is wiped off
    ("The airline sold its headquarters for £210m.", "£210m", "headquarters"),
    ("Seats were resold for $900 each.", "$900", "Seats"),
    ("The profit warning wiped $3bn off the company's market value.", "$3bn", "company's market value"),
    # a counting noun: "head of cattle"
    ("Floods drowned 4,000 head of cattle.", "4,000", "cattle"),
    # "the number of X": X
    ("The number of homeless rose to 3,400.", "3,400", "homeless"),
    ("The number of flights cancelled climbed to 1,200.", "1,200", "flights"),
    # a level stated by "start at": what starts there
    ("The new handset starts at $649 in Europe.", "$649", "new handset"),
    # market copy without verbs: the name before each figure
    ("Japan's Topix +0.4%, France's CAC 40 -0.3%, oil $82.10, silver ~$29.", "-0.3%", "France's CAC 40"),
    ("Japan's Topix +0.4%, France's CAC 40 -0.3%, oil $82.10, silver ~$29.", "$82.10", "oil"),
    ("Japan's Topix +0.4%, France's CAC 40 -0.3%, oil $82.10, silver ~$29.", "~$29", "silver"),
    # what a duration measures: the subject of a verb of lasting or taking; none for a closure
    ("The voyage took 41 days.", "41 days", "voyage"),
    ("The repairs will take six weeks, the council said.", "six weeks", "repairs"),
    ("The bakery will close its shop for three weeks in July.", "three weeks", ""),
])
def test_what_a_figure_counts_or_measures_in_later_classes(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what


@pytest.mark.parametrize("sentence, expected", [
    # "N of the M": what the M counted
    ("Inspectors visited 40 schools and found that 9 of the 40 had faults.", {"40": "schools", "9": "schools"}),
    # a total counts what the sentence's count counted
    ("The app gained 2 million users in May, taking the total to 9 million.",
     {"2 million": "users", "9 million": "users"}),
    # an index's move in points and the level it reached are the index's (points are the unit of its move)
    ("The Hang Seng index fell 310 points, or 1.8%, to 16,940 on Monday.",
     {"310": "Hang Seng index", "16,940": "Hang Seng index"}),
    ("The Kospi gained 21 points to close at 2,655.", {"21": "Kospi", "2,655": "Kospi"}),
    # a vote "by N X to M": M counts X too
    ("The bill cleared the 90-seat senate by 52 votes to 31.", {"52": "votes", "31": "votes"}),
])
def test_a_figure_counts_what_another_counted(nlp, sentence, expected):
    found = counted(nlp, sentence)
    assert {text: found.get(text) for text in expected} == expected


# An index's move and level in market copy, what a figure is "of", what a comparative qualifies
@pytest.mark.parametrize("sentence, text, what", [
    ("The Nifty slid 402 points, or 1.7%, to close at 23,118.6.", "402", "Nifty"),
    ("The Hang Seng ended 221.5 points lower at 17,840.2.", "221.5", "Hang Seng"),
    ("The benchmark index rose 38.4 points.", "38.4", "benchmark index"),
    ("The Topix closed at 2,741.3 on Thursday.", "2,741.3", "Topix"),
    ("The Jakarta Composite Index rose 51.3 points, or 0.7%, to end the session at 7,246.9.", "7,246.9",
     "Jakarta Composite Index"),
    ("The striker scored 31 points in the final.", "31", "points"),
    ("The carmaker reported a 9% rise in net profit to ₹2,410 crore.", "₹2,410 crore", "net profit"),
    ("The bank posted a net profit of ₹1,207 crore for the quarter.", "₹1,207 crore", "net profit"),
    ("The governor signed a bill raising the minimum wage to $16.50 an hour.", "$16.50", "minimum wage"),
    ("The assembly passed the Fair Pay Act, which lifts the minimum wage to $17 an hour.", "$17", "minimum wage"),
    ("The ordinance raises the city's minimum wage from $13 to $16 an hour.", "from $13 to $16",
     "city's minimum wage"),
    ("Daily cyclists had a 31% lower risk of heart failure.", "31%", "risk"),
    ("The vaccine lowered the risk of infection by 64%.", "64%", "risk"),
    # a comparison states no change, yet measures what the sentence compares
    ("The laptop's battery holds 72Wh, a third more than its rival's.", "a third", "laptop's battery"),
])
def test_what_a_market_or_health_figure_measures(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what
