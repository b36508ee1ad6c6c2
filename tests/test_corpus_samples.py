"""The five bundled sample articles load with the right metadata, no chrome, and all their story."""

from __future__ import annotations

import re
import shutil

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter

EXPECTED = {
    "000_27c0f59227408853.txt": dict(
        title="Warring Sides in Nagorno-Karabakh Agree to Cease-Fire Talks", source="NY Times", date="", url="",
        format="plaintext"),
    "001_829c07235f5e537d.txt": dict(
        title="Moscow Hosts Armenia-Azerbaijan Talks as Fighting Continues", source="AFP", byline="Hervé Bar",
        date="2020-10-09",
        url="https://www.themoscowtimes.com/2020/10/09/moscow-hosts-armenia-azerbaijan-talks-as-hopes-rise-for-truce-a71700",
        format="markdown"),
    "002_f93a9859808a0027.txt": dict(
        title="Moscow Hosts Armenia-Azerbaijan Talks as Hopes Rise for Ceasefire", date="2020-10-09",
        url="https://kashmir.watch/?p=34102", format="wordpress"),
    "003_d568364d6ed7874f.txt": dict(
        title="Nagorno-Karabakh fighting grinds on amid more peace talks", source="AP", date="2020-10-29",
        format="plaintext"),
    "004_03ecfe603f463cb4.txt": dict(
        title="Armenia seeks help from Russia as Nagorno-Karabakh fighting continues", source="AP", date="",
        format="plaintext"),
}

# Chrome that must not survive in any clean text (from the raw sample files).
CHROME = [
    "Also Read", "Read more:", "Read next:", "Click to play video", "Story continues below advertisement",
    "WATCH:", "Your support", "donation", "paywalls", "Leave a Comment", "Pin It on Pinterest", "Share This",
    "Stay up to date with notifications", "Notifications can be managed", "Thank you for registering",
    "Please refresh", "Sponsored content", "Source NY Times", "Via AP news wire", "Copyright 2020",
    "Embed:", "Original url", "Kremlin.ru", "syndicated feed", "With inputs from", "**", "<u>", "&#8217;",
    "<p>", "###", "Covid-19 Live Updates", "Kamala Harris", "gibbon", "Tourist booed", "18-year-old",
    "WHO working with governments", "Pope praises", "Ottawa suspends", "\\u",
]


def norm(s: str) -> str:
    """The gold scorer's normalisation: curly quotes, dashes and white space folded."""
    for a, b in {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\xa0": " "}.items():
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def test_all_five_load_without_problems(sample_corpus):
    assert sorted(a.path for a in sample_corpus.articles) == sorted(EXPECTED)
    assert sample_corpus.skipped == []
    assert all(a.problems == () for a in sample_corpus.articles)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_metadata(sample_corpus, path):
    article = sample_corpus.by_path(path)
    for key, value in EXPECTED[path].items():
        assert getattr(article, key) == value, key


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_no_chrome_survives(sample_corpus, path):
    text = sample_corpus.by_path(path).text
    for chrome in CHROME:
        assert chrome not in text, chrome


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_paragraphs_separated_by_one_blank_line(sample_corpus, path):
    text = sample_corpus.by_path(path).text
    assert "\n\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
    assert all(p.strip() == p and "\n" not in p for p in text.split("\n\n"))


def test_every_gold_context_survives_cleaning(sample_corpus, gold):
    # The story's claims; some not-claims ("Covid-19 Live Updates") sit in chrome lines that must go.
    missing = []
    for item in gold["claims"]:
        article = sample_corpus.by_path(item["article"])
        if norm(item["context"]) not in norm(article.text):
            missing.append((item["article"], item["context"]))
    assert missing == []


def test_video_caption_date_is_not_the_article_date(sample_corpus):
    article = sample_corpus.by_path("004_03ecfe603f463cb4.txt")
    assert article.date == ""
    assert "Oct 9, 2020" not in article.text


def test_tweet_text_is_kept_with_its_attribution(sample_corpus):
    for path in ("001_829c07235f5e537d.txt", "002_f93a9859808a0027.txt"):
        text = sample_corpus.by_path(path).text
        assert "#Shushi 20 kilometer from #Stepanakert" in text
        assert "Paul Ronzheimer (@ronzheimer) October 8, 2020" in text


def test_ids_are_stable_and_unique(sample_corpus, tmp_path):
    ids = [a.id for a in sample_corpus.articles]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    moved = tmp_path / "elsewhere"  # the same files read again, from another folder: the same ids
    shutil.copytree(bundled_corpus_path(), moved)
    again = load_corpus(moved)
    assert {a.path: a.id for a in again.articles} == {a.path: a.id for a in sample_corpus.articles}


def test_donation_appeal_block_goes_but_first_person_quotes_stay():
    lines = [
        "Your support helps us to tell the story",
        "From climate to politics, the Gazette is on the ground, and we know how important the facts are.",
        "Your donation allows us to keep sending journalists to both sides of the story.",
        "“We are winning,” the president said, and we heard him say it twice.",
    ]
    flags = BoilerplateFilter().chrome_flags(lines)
    assert flags[:3] == ["donation-appeal", "appeal-block", "donation-appeal"]
    assert flags[3] is None


def test_echo_of_a_video_caption_is_chrome_but_a_similar_story_line_is_not():
    lines = [
        "Click to play video: 'Flooding closes 12 roads'",
        "Flooding closes 12 roads",
        "Flooding closes 12 roads across the county, officials said on Monday, and more may follow.",
    ]
    assert BoilerplateFilter().chrome_flags(lines) == ["click-to-play", "echo", None]
