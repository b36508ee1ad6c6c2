"""Titles of saved pages: the headline a reader sees, the site's name cut only where it names the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.corpus.titles import agrees, domain_names, names_site, strip_site_name

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = FIXTURES / "pages"  # pages written for these tests in the ways news sites state headlines
EXPECTED = json.loads((FIXTURES / "pages_titles.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def pages():
    return load_corpus(PAGES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_page_gets_the_headline_a_reader_sees(pages, name):
    article = pages.by_path(name)
    assert article.title == EXPECTED[name]
    assert article.words == 99  # the whole story, no navigation, sidebar or footer
    assert "All rights reserved" not in article.text and "Most read" not in article.text


# Patterns seen on real saved pages (bench/titles.py), each reproduced on a page written for the test.
MORE_PAGES = {
    "13_slash_separator.html": "Ferry crews vote to accept new rota",  # "… / The Pier Post", no <h1>
    "14_dated_suffix.html": "Harbour dredging to start in May",  # "… | Harbour Wire | 10.06.2021", no <h1>
    "15_unclosed_menu.html": "Night ferry to run all winter",  # the story ends up inside an unclosed <nav>
}


@pytest.mark.parametrize("name", sorted(MORE_PAGES))
def test_site_name_after_a_slash_or_before_a_date_is_cut_and_the_story_kept(pages, name):
    article = pages.by_path(name)
    assert article.title == MORE_PAGES[name]
    assert article.words == 99
    assert "Most read" not in article.text and "All rights reserved" not in article.text


def test_a_story_the_precise_extraction_misses_is_read_with_the_balanced_one(pages):
    article = pages.by_path("15_unclosed_menu.html")
    assert not article.problems  # no "no article text found": the second reading found it
    assert article.text.startswith("The harbour board approved 12 new ferries")


@pytest.mark.parametrize("title, expected", [
    ("Talks resume | Wire | 10.06.2021", "Talks resume"),
    ("Talks resume | Wire | 2021-06-10", "Talks resume"),
    ("Talks resume - Wire - June 10, 2021", "Talks resume"),
    ("Talks resume / Wire", "Talks resume"),
    ("Talks resume on 10.06.2021", "Talks resume on 10.06.2021"),  # no separator: part of the headline
    ("Live | 10.06.2021", "Live | 10.06.2021"),  # too little would be left
    ("AC / DC tour dates for 2021", "AC / DC tour dates for 2021"),  # "DC tour…" names no site
])
def test_dates_and_slashes_at_the_end(title, expected):
    assert strip_site_name(title, ("Wire",)) == expected


def test_a_suffix_is_cut_only_where_several_pages_repeat_it(tmp_path):
    shutil.copy(PAGES / "11_repeated_a.html", tmp_path)  # alone, nothing says "Coast Daily Record" is the site
    (article,) = load_corpus(tmp_path).articles
    assert article.title == "Ferry workers plan strike over pay - Coast Daily Record"


@pytest.mark.parametrize("part, sites, expected", [
    ("CNN Politics", ("cnn", "cnn.com"), True),
    ("BBC News", ("bbc", "bbc.co.uk"), True),
    ("The Guardian", ("theguardian", "theguardian.com"), True),
    ("NYTimes.com", ("nytimes", "nytimes.com"), True),
    ("day 2", ("BBC",), False),
    ("Japan", ("ap", "apnews.com"), False),
    ("'You can be friendly with people without being naive'", ("cnn",), False),
])
def test_names_site(part, sites, expected):
    assert names_site(part, sites) is expected


def test_strip_site_name_keeps_headline_parts_and_colons():
    title = "Gates on Tillerson and Russia: 'You can be friendly…' - CNNPolitics"
    assert strip_site_name(title, ("cnn",)) == "Gates on Tillerson and Russia: 'You can be friendly…'"
    assert strip_site_name("CNN | Markets", ("cnn",)) == "CNN | Markets"  # too little would be left


def test_domain_names():
    assert domain_names("https://edition.cnn.com/2023/05/04/x.html") == ("cnn", "cnn.com")
    assert domain_names("https://www.bbc.co.uk/news") == ("bbc", "bbc.co.uk")
    assert domain_names("not a url") == ()


def test_agrees():
    assert agrees("Senate passes flood bill", "Senate passes flood bill")
    assert not agrees("CNN", "Senate passes flood bill")  # a logo
    assert not agrees("Senate passes flood bill", "Flood cash: what it means for you")
