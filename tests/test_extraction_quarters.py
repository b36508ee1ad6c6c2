""""quarter": a share ("three quarters of the budget", "cut by a quarter", "a quarter-point") or a quarter of a
year ("two quarters later", "the last two quarters of 2023"), decided in one place for the finder and the
filters. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extraction_helpers import claims


@pytest.mark.parametrize("sentence, value, unit", [
    ("Three quarters of the budget goes on salaries.", 0.75, ""),
    ("The reservoir was three quarters full.", 0.75, ""),
    ("Prices fell by a quarter.", 0.25, ""),
    ("A quarter more people voted this time.", 0.25, ""),
    ("Sales are a quarter higher than a year ago.", 0.25, ""),
    ("Costs are now a third lower.", 1 / 3, ""),
    ("The bank cut rates by a quarter-point.", 0.25, "percentage point"),
])
def test_a_quarter_that_is_a_share(nlp, sentence, value, unit):
    assert [(c.value, c.unit) for c in claims(nlp, sentence)] == [(pytest.approx(value), unit)]


@pytest.mark.parametrize("sentence", [
    "Profit recovered two quarters later.",
    "Growth slowed in the last two quarters of 2023.",
    "Sales fell for two quarters in a row.",
    "The economy shrank in two consecutive quarters.",
    "The firm lost money in each of the past three quarters.",
    "Margins widened from a quarter earlier.",
])
def test_a_quarter_of_a_year_is_no_share(nlp, sentence):
    assert claims(nlp, sentence) == []
