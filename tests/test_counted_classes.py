"""What a claim counts or measures (`counted`), for the classes the first reading missed: a period after a
percentage ("year on year"), a measure a verb takes as its object, a passive "estimated at", a speed, a
multiple stated by a verb, a proportion, "N% of" a plural after a preposition, what is sold or bought for a
sum, what a sum is wiped off, "N of the M", "the number of X", a total, "head of cattle", a vote "by N to M"
and what a duration measures. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimdesk.annotations.nlp import load_model
from extraction_helpers import claims


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def counted(nlp, sentence):
    return {c.text: c.counted for c in claims(nlp, sentence)}


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
def test_what_a_figure_counts_or_measures(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what


@pytest.mark.parametrize("sentence, expected", [
    # "N of the M": what the M counted
    ("Inspectors visited 40 schools and found that 9 of the 40 had faults.", {"40": "schools", "9": "schools"}),
    # a total counts what the sentence's count counted
    ("The app gained 2 million users in May, taking the total to 9 million.",
     {"2 million": "users", "9 million": "users"}),
    # the level an index reached after a move in points is the index's, not a count of points
    ("The Hang Seng index fell 310 points, or 1.8%, to 16,940 on Monday.",
     {"310": "points", "16,940": "Hang Seng index"}),
    ("The Kospi gained 21 points to close at 2,655.", {"21": "points", "2,655": "Kospi"}),
    # a vote "by N X to M": M counts X too
    ("The bill cleared the 90-seat senate by 52 votes to 31.", {"52": "votes", "31": "votes"}),
])
def test_a_figure_counts_what_another_counted(nlp, sentence, expected):
    found = counted(nlp, sentence)
    assert {text: found.get(text) for text in expected} == expected
