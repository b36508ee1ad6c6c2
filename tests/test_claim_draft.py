"""The form's prefill for a selection: where the claim finder reads a claim over it, the draft is that claim's
fields, sentence-wide passes included (a change after a comma, the level a change reached, what a bare count
counts from elsewhere in its sentence); a number the finder ruled out is still drafted from its sentence."""

from __future__ import annotations

import pytest

from claimdesk.annotations.article import Article
from claimdesk.annotations.claim_draft import draft_fields
from claimdesk.annotations.extraction.claims import find_claims

FIELDS = ("approx", "unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate", "source", "date")


@pytest.mark.parametrize("text", [
    "Orvale Foods reported annual sales of $2.31 billion, up 9% from a year earlier.",  # a change after a comma
    "Shares of Pellham Mining fell 14 cents to $3.02 in Sydney.",  # the level a change reached
    "Officials said 12 fishermen drowned and 40 were missing after the storm.",  # a count's noun from elsewhere
    "Ticket sales for the festival topped 48,000, organisers said on Monday.",  # the subject of a verb of reaching
])
def test_a_selection_over_a_claim_is_drafted_as_the_finder_reads_it(nlp, text):
    article = Article(path="a.txt", title="T", text=text, date="2026-03-02")
    doc = nlp(text)
    claims = find_claims(doc, article.id, article.date, text=text)
    assert claims
    for claim in claims:
        drafted = draft_fields(doc, article, claim.start, claim.end)
        assert drafted["value"] == (list(claim.value) if isinstance(claim.value, tuple) else claim.value)
        assert {f: drafted[f] for f in FIELDS} == {f: getattr(claim, f) for f in FIELDS}, claim.text


def test_a_number_the_finder_ruled_out_is_drafted_from_its_sentence(nlp):
    text = "The talks dragged on for nearly two weeks before the deal was signed."
    article = Article(path="a.txt", title="T", text=text)
    doc = nlp(text)
    start = text.index("nearly two weeks")
    assert not [c for c in find_claims(doc, text=text) if c.start <= start < c.end]
    drafted = draft_fields(doc, article, start, start + len("nearly two weeks"))
    assert (drafted["value"], drafted["approx"], drafted["unit"]) == (2, "at_most", "week")


def test_the_from_figure_of_a_change_selected_alone_is_drafted_as_itself(nlp):
    text = "Bus fares rose from $2.40 to $2.75 on Monday."
    article = Article(path="a.txt", title="T", text=text)
    doc = nlp(text)
    start = text.index("$2.40")
    assert draft_fields(doc, article, start, start + len("$2.40"))["value"] == 2.4
    start = text.index("$2.75")
    drafted = draft_fields(doc, article, start, start + len("$2.75"))
    assert (drafted["value"], drafted["from_value"], drafted["change"]) == (2.75, 2.4, "up")
