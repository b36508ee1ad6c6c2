"""What a claim counts or measures (`counted`), read off the parse: the noun a count counts, the subject of
a verb of change or of measure, "of", "worth" and "in", the noun a participle or a figure describes, the
object a figure is put at, a conversion in brackets and a figure coordinated with another. Sentences
written for these tests."""

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
