"""Citation lines are built from the claim's own words in the article."""

from __future__ import annotations

from claimdesk.annotations.article import Article
from claimdesk.annotations.citation import citation, own_words
from claimdesk.annotations.reviewed import ReviewClaim


def claim_in(text: str, quote: str, **fields) -> tuple[ReviewClaim, Article]:
    article = Article(path="a.txt", title="T", text=text, source="AFP", date="2020-10-09")
    start = text.index(quote)
    sentence = text
    full = {"value": 1, "approx": "exact", "counted": "", "predicate": "", "source": "", "date": "", **fields}
    return ReviewClaim("c", article.id, start, start + len(quote), quote, sentence, "pending",
                       original=dict(full), fields=dict(full)), article


def test_the_counted_noun_and_verb_are_quoted_as_written():
    claim, article = claim_in("Armenia said that 376 of its soldiers had died in the fighting.", "376",
                              counted="soldiers", predicate="died", source="Armenia")
    assert citation(claim, article) == "376 of its soldiers had died — according to Armenia — AFP, 2020-10-09"


def test_a_verb_just_before_the_number_is_kept():
    claim, article = claim_in("The war has claimed some 400 lives and forced thousands of people from their homes.",
                              "thousands", counted="people", predicate="forced")
    assert own_words(claim, article) == "forced thousands of people"


def test_words_the_text_does_not_say_there_are_named_and_a_far_verb_is_left_out():
    claim, article = claim_in("Officials said 31 civilians have been killed and 178 wounded by artillery fire.", "178",
                              counted="civilians", predicate="wounded")
    assert own_words(claim, article) == "178 civilians wounded"
    far, article = claim_in("The death toll from the fighting, they said, was nearing 5,000.", "nearing 5,000",
                            counted="deaths", predicate="death toll")
    assert own_words(far, article) == "nearing 5,000 deaths"
    percent, article = claim_in("It forced some 90% of its women from their homes.", "some 90%", counted="percent",
                                predicate="forced")
    assert own_words(percent, article) == "forced some 90%"
