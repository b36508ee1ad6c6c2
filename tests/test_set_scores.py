"""Tennis scores are game scores, no claims (issue 15 class 7), on sentences written for these tests: sets and
their tiebreaks, in a series or alone; a range with a unit, or a range of a count, stays a range."""

from __future__ import annotations

import pytest

from extraction_helpers import fields


@pytest.mark.parametrize("text", [
    "Alcaraz won 6-3, 4-6, 7-6 (7-4) in the final.",
    "Swiatek beat Rybakina 7-5 (7-3), 6-7 (2-7), 6-1 on Sunday.",
    "The Greek took the second set 7-6 (9-7) after an hour.",
    "She lost the opening set 4-6 and the tiebreak 5-7.",
    "Djokovic came back from 2-6, 3-6 down to win.",
])
def test_a_tennis_score_is_no_claim(nlp, text):
    assert fields(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Rovers won 3-1 at home.",
    "The Kings beat the Suns 112-104 after overtime.",
])
def test_other_game_scores_stay_no_claims(nlp, text):
    assert fields(nlp, text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("Economists see growth of 5-7%, then 3-4% in 2026.", [5, 7], "percent"),
    ("The bulbs draw 5-10W each.", [5, 10], "W"),
    ("Most tutorial groups have 6-9 students.", [6, 9], ""),
])
def test_a_range_stays_a_range(nlp, text, value, unit):
    assert (value, unit) in fields(nlp, text)
