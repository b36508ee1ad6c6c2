"""Cutting a marked paragraph from a text and putting it back (annotations/corpus/marks.py)."""

from __future__ import annotations

import pytest

from claimdesk.annotations.article import Article
from claimdesk.annotations.corpus.marks import (
    apply_marks,
    cut_paragraph,
    find_paragraph,
    paragraph_at,
    restore_paragraph,
)

TEXT = "Lead paragraph.\n\nCredit line: AP.\n\nBody with 12 people.\n\nLast words."


@pytest.mark.parametrize("paragraph", ["Lead paragraph.", "Credit line: AP.", "Body with 12 people.", "Last words."])
def test_a_cut_paragraph_comes_back_exactly(paragraph):
    start = TEXT.index(paragraph)
    assert paragraph_at(TEXT, start + 3) == (start, start + len(paragraph))
    cut, at = cut_paragraph(TEXT, start, start + len(paragraph))
    assert paragraph not in cut and "\n\n\n" not in cut and not cut.endswith("\n") and not cut.startswith("\n")
    assert restore_paragraph(cut, at, paragraph) == TEXT


def test_marks_are_cut_in_the_order_they_were_made_and_found_if_the_page_moved():
    first_cut, first_at = cut_paragraph(TEXT, 17, 33)  # the credit line
    second = first_cut.index("Last words.")
    marks = [{"id": "b", "at": "2", "pattern": "Last words.", "selector": {"position": {"start": second - 2}}},
             {"id": "a", "at": "1", "pattern": "Credit line: AP.", "selector": {"position": {"start": first_at}}}]
    article = Article("a.txt", "T", TEXT)
    assert apply_marks(article, marks).text == "Lead paragraph.\n\nBody with 12 people."
    moved = Article("a.txt", "T", "New first paragraph.\n\n" + TEXT)  # re-scraped: the line is further down
    assert "Credit line" not in apply_marks(moved, marks[1:]).text
    assert apply_marks(Article("a.txt", "T", "Credit line: AP."), marks[1:]).text == "Credit line: AP."  # never all
    assert find_paragraph(TEXT, "Credit  line: AP.", 0) == (17, 33)  # white space aside
