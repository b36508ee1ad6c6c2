"""How a first line is told to be a headline, and the title of an article without one."""

from __future__ import annotations

import pytest

from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.corpus.headline import NO_HEADLINE, first_sentence, is_headline, title_from_text

STORY = "The council approved 40 new buses on Tuesday, officials said, after a long debate over the budget."
SECOND = "Fares will not rise this year, the mayor said."


@pytest.mark.parametrize("line", [
    "Buses approved",
    "Council approves 40 new buses after long budget debate",
    "Will the new buses run on time?",
    "Gates on Tillerson and Russia: 'You can be friendly with people without being naive'",
    "Mayor: “We can do it…”",
    "[UPDATE] Armenia says talks will resume",
])
def test_short_lines_without_a_final_period_followed_by_text_are_headlines(line):
    assert is_headline(line, followed_by_text=True)


@pytest.mark.parametrize("line, followed", [
    ("Buses approved", False),  # nothing follows: a one-line article is body text
    ("Officials approved 40 buses.", True),  # a final period
    ("He said: “We will win.”", True),  # a final period inside closing quotes
    (" ".join([STORY.rstrip(".")] * 2), True),  # a paragraph that lost its full stop: 34 words, too long
])
def test_counter_examples_are_body_text(line, followed):
    assert not is_headline(line, followed_by_text=followed)


def load_one(tmp_path, text: str):
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (article,) = load_corpus(tmp_path).articles
    return article


def test_a_one_paragraph_article_keeps_all_its_text(tmp_path):
    article = load_one(tmp_path, f"{STORY} {SECOND}\n")
    assert article.text == f"{STORY} {SECOND}"
    assert article.title == "The council approved 40 new buses on Tuesday, officials said, after a long debate over the…"
    assert article.problems == (NO_HEADLINE,)
    assert article.words == len(f"{STORY} {SECOND}".split())


def test_paragraphs_without_a_short_first_line_keep_all_their_text(tmp_path):
    article = load_one(tmp_path, f"{SECOND}\n\n{STORY}\n\n{SECOND}\n")
    assert article.title == "Fares will not rise this year, the mayor said"
    assert article.text == f"{SECOND}\n\n{STORY}\n\n{SECOND}"
    assert article.problems == (NO_HEADLINE,)


def test_a_headline_then_a_blank_line_or_body_lines(tmp_path):
    for text in (f"Buses approved\n\n{STORY}\n", f"Buses approved\n{STORY}\n{SECOND}\n"):
        article = load_one(tmp_path, text)
        assert (article.title, article.problems) == ("Buses approved", ())
        assert article.text.startswith(STORY)


def test_hard_wrapped_text_is_joined_and_its_first_line_is_not_a_headline(tmp_path):
    wrapped = (
        "The council approved 40 new buses on Tuesday, officials said, after a\n"
        "long debate over the budget that ran late into the night and split the\n"
        "members of the transport committee. Fares will not rise this year, the\n"
        "Mayor said, though she expects them to rise in 2026 as fuel costs climb\n"
        "and the new depot opens.\n"
    )
    article = load_one(tmp_path, wrapped)
    assert article.text == " ".join(wrapped.split())
    assert article.title.startswith("The council approved 40 new buses") and article.problems == (NO_HEADLINE,)
    titled = load_one(tmp_path, "Buses approved\n\n" + wrapped)
    assert titled.title == "Buses approved" and titled.text == " ".join(wrapped.split())


@pytest.mark.parametrize("paragraph, title", [
    ("MOSCOW — Azerbaijan and Armenia opened talks on Friday. More later.",
     "Azerbaijan and Armenia opened talks on Friday"),
    ("WASHINGTON (AP) — Sen. Ann Lee said the U.S. plan works. Others disagreed.",
     "Sen. Ann Lee said the U.S. plan works"),
    ("President Vladimir V. Putin warned on Tuesday. Then he left.", "President Vladimir V. Putin warned on Tuesday"),
    ("Short one!", "Short one!"),
])
def test_title_is_the_first_sentence_without_dateline(paragraph, title):
    assert title_from_text(paragraph) == title


def test_first_sentence_does_not_end_at_an_abbreviation():
    assert first_sentence("Mr. Aliyev said 12 people died. Others fled.") == "Mr. Aliyev said 12 people died."
