"""The chrome patterns' prefilters and the sanitiser's and space folding's fast paths change nothing: the
same lines are chrome (with the same pattern id), the same texts come out clean."""

from __future__ import annotations

import random
import re
import sys

import pytest

from claimdesk.annotations.corpus import draft as drafts
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter, builtin_patterns
from claimdesk.annotations.corpus.htmltext import _SPACE, block_text
from claimdesk.annotations.corpus.prefilter import (
    ASCII_FOLDERS,
    anchored,
    folded_utf8,
    folded_view,
    literal_prefilter,
    required_words,
    union_at_start,
)
from claimdesk.annotations.sanitize import _ANY_UNSAFE, _CONTROLS, _CSI_SEQ, _ESC_SEQ, _STRING_SEQ, clean, fold_spaces


def slow_first_match(patterns, text: str) -> str | None:
    """What the filter answered before prefilters: every pattern searched, in order."""
    return next((p.id for p in patterns if p.compile().search(text)), None)


def tricky_lines() -> list[str]:
    """Chrome lines, their near misses, and letters that re.IGNORECASE folds to ASCII ones."""
    lines = [
        "We use cookies to improve your experience.", "WE USE COOKIES", "Accept all cookies", "Cookie policy",
        "cookies accepted", "Copyright 2020 Reuters. All rights reserved.", "(© AFP) all rights reserved",
        "ALL RIGHTS RESERVED", "Your support helps us keep going", "Make a donation today",
        "This story was published from a syndicated feed.", "has not been edited by NDTV staff",
        "Read more: the rest", "Share on Facebook", "Sign up for our newsletter today", "SUBSCRIBE to updates inbox",
        "----", "Advertisement", "3 comments", "Click here to watch the video", "Photos: the aftermath",
        # letters re takes for ASCII ones under IGNORECASE: ſ (s), ı and İ (i), the Kelvin sign (k)
        "We uſe cookies", "we use cookıes", "We use cookİes", "cooKie policy", "Cooſie policy",
        "all rights reſerved", "Your ſupport helps", "donatİon", "Published from a ſyndicated feed",
        "Sign up for the newſletter today", "ſubscribe for updates today",
        "", "   ", "cookie", "rights reserved all", "ß ẞ ǅ Ω Å",
    ]
    return lines + [line.upper() for line in lines] + [line.swapcase() for line in lines]


def corpus_lines() -> list[str]:
    return [line for article in load_corpus().articles for line in article.text.split("\n")] + \
        [article.title for article in load_corpus().articles]


def test_every_builtin_unanchored_pattern_has_a_prefilter():
    """Otherwise the speed-up is lost unnoticed (an anchored pattern needs none)."""
    for p in builtin_patterns():
        if not p.pattern.startswith("^"):
            assert required_words(p.pattern, p.flags) is not None, p.id


def test_prefiltered_matching_equals_searching_every_pattern():
    chrome = BoilerplateFilter()
    line_patterns = [p for p in chrome.patterns if p.scope == "line"]
    para_patterns = [p for p in chrome.patterns if p.scope == "paragraph"]
    lines = tricky_lines() + corpus_lines()
    assert any(chrome.line_match(line) for line in lines) and any(chrome.paragraph_match(line) for line in lines)
    for line in lines:
        assert chrome.line_match(line) == slow_first_match(line_patterns, line.strip()), line
        assert chrome.paragraph_match(line) == slow_first_match(para_patterns, line), line


EXTRA = [
    {"id": "verbose", "pattern": r"(?x) all \s+ rights \ reserved"},
    {"id": "inline-flags", "pattern": r"(?i:watch)\s+now", "case": True},
    {"id": "backref", "pattern": r"\b(\w+) \1 again\b"},
    {"id": "optional-word", "pattern": r"(breaking )?news alert"},
    {"id": "repeat", "pattern": r"(?:ha){2,} funny"},
    {"id": "case", "pattern": r"BREAKING", "case": True},
    {"id": "lookaround", "pattern": r"(?<=\()live(?= updates)"},
    {"id": "accents", "pattern": r"édition spéciale"},
    {"id": "short", "pattern": r"\bad\b", "scope": "paragraph"},
    {"id": "anchored", "pattern": r"^(breaking|live)\b"},
    {"id": "anchored-case", "pattern": r"^BREAKING", "case": True},
    {"id": "anchored-backref", "pattern": r"^(\w+) \1"},
    {"id": "anchored-name", "pattern": r"^(?P<w>ha)+ funny"},
    {"id": "start-of-text", "pattern": r"\Anews"},
    {"id": "not-anchored", "pattern": r"^watch|alert"},
    {"id": "anchored-paragraph", "pattern": r"^all rights", "scope": "paragraph"},
]


@pytest.mark.parametrize("record", EXTRA, ids=[r["id"] for r in EXTRA])
def test_reviewer_patterns_match_as_before(record):
    chrome = BoilerplateFilter(patterns=[], extra=[record])
    pattern = chrome.patterns[0]
    rng = random.Random(record["id"])
    words = ["all", "rights", "reserved", "RIGHTS", "watch", "WATCH", "now", "again", "word", "breaking", "news",
             "alert", "ha", "haha", "funny", "BREAKING", "Breaking", "(live", "updates", "live", "édition",
             "ÉDITION", "spéciale", "ad", "AD", "ſ", "ı", "İ", "\u212a", "  ", "\t"]
    texts = tricky_lines() + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    hits = 0
    for text in texts:
        expected = slow_first_match([pattern], text.strip() if pattern.scope == "line" else text)
        got = chrome.line_match(text) if pattern.scope == "line" else chrome.paragraph_match(text)
        assert got == expected, (record, text)
        hits += got is not None
    assert hits > 0


def test_many_patterns_together_match_as_before():
    """Anchored patterns tried at once and prefilters, in one filter: still the first pattern in order."""
    chrome = BoilerplateFilter(extra=EXTRA)
    rng = random.Random(3)
    words = ["breaking", "BREAKING", "news", "alert", "watch", "word", "word word", "all", "rights", "reserved", "ha",
             "funny", "live", "we", "use", "cookies", "Advertisement", "ſ", "  "]
    texts = tricky_lines() + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for _ in range(5000)]
    line_patterns = [p for p in chrome.patterns if p.scope == "line"]
    para_patterns = [p for p in chrome.patterns if p.scope == "paragraph"]
    found = set()
    for text in texts:
        assert chrome.line_match(text) == slow_first_match(line_patterns, text.strip()), text
        assert chrome.paragraph_match(text) == slow_first_match(para_patterns, text), text
        assert chrome.chrome_flags([text])[0] in (chrome.line_match(text) or chrome.paragraph_match(text), "echo")
        found.add(chrome.line_match(text) or chrome.paragraph_match(text))
    assert len(found) >= 8


def test_articles_flag_the_lines_their_patterns_match():
    """A pattern whose words are nowhere in an article is not tried on its lines: in articles of many
    lines, each line is still flagged with the first pattern it matches (or by a rule of its neighbours)."""
    chrome = BoilerplateFilter(extra=EXTRA)
    rng = random.Random(5)
    lines = tricky_lines() + ["body text of the story", "we said our piece", "Another line here"]
    flagged = 0
    for _ in range(400):
        article = [rng.choice(lines) for _ in range(rng.randint(1, 12))]
        for line, flag in zip(article, chrome.chrome_flags(article), strict=True):
            expected = chrome.line_match(line) or chrome.paragraph_match(line)
            assert flag == expected or (expected is None and flag in ("echo", "appeal-block")), (article, line)
            flagged += expected is not None
    assert flagged > 400


def test_no_prefilter_where_the_words_cannot_be_told():
    assert required_words(r"\d+ comments?") == (frozenset({" comment"}), False)
    assert required_words(r"(?i:watch)\s+now") is None  # flags switched inside
    assert required_words(r"[a-z]+") is None
    assert required_words(r"(?:x|yz)ab") is None  # words shorter than 3 letters save nothing
    assert required_words(r"(breaking )?news alert")[0] == frozenset({"news alert"})
    assert literal_prefilter(r"a{0,3}") is None
    assert anchored(r"^(a|b)c") and anchored(r"\Ax") and not anchored(r"^a|b") and not anchored(r"(?m)^a")
    assert union_at_start([(r"^(a)\1", 0)]) is None and union_at_start([(r"^(?P<w>a)", 0)]) is None
    assert union_at_start([(r"^a", re.IGNORECASE), (r"^B", 0)]).match("A") is not None
    assert union_at_start([(r"^a", re.IGNORECASE), (r"^B", 0)]).match("b") is None


def test_ascii_folders_are_every_letter_ignorecase_takes_for_an_ascii_one():
    """Checked against re itself, over every code point: the lower-cased comparison is exact elsewhere."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(c))}
    assert found == set(ASCII_FOLDERS)


def slow_clean(text: str) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for rx in (_STRING_SEQ, _CSI_SEQ, _ESC_SEQ, _CONTROLS):
        text = rx.sub("", text)
    return text


def test_clean_fast_path_gives_what_every_substitution_gives():
    rng = random.Random(7)
    alphabet = ["a", "b", " ", "\n", "\t", "\r", "\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\x9c", "\x9d",
                "\x7f", "\x00", "\x0b", "\u202e", "\u2067", "1", ";", "m", "é", "—"]
    texts = ["plain text, “quoted” — done", "line\r\nend", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07after"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in texts:
        assert clean(text) == slow_clean(text), repr(text)


SPACES = ["a", "b", "é", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2003",
          "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\xad", "\ufeff", "x y"]


def test_space_folding_fast_paths_give_what_splitting_and_substituting_give():
    rng = random.Random(11)
    texts = ["plain words, one space each", " lead", "trail ", "two  spaces", ""]
    texts += ["".join(rng.choice(SPACES) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    for text in texts:
        assert fold_spaces(text) == " ".join(text.split()), repr(text)
        line = text.replace("\n", "")
        assert block_text(line) == (_SPACE.sub(" ", line).strip()), repr(text)


def test_no_character_the_sanitiser_removes_is_printable():
    """clean() returns a printable text as it is: that is safe only while this holds."""
    unsafe = [c for c in map(chr, range(sys.maxunicode + 1)) if _ANY_UNSAFE.match(c)]
    assert len(unsafe) > 60 and not any(c.isprintable() for c in unsafe)


def test_lines_are_sanitised_and_folded_as_clean_line_gives():
    rng = random.Random(13)
    pieces = SPACES + ["\x1b", "[31m", "\x1b]0;t", "\x07", "\x9b", "\u202e", "\r\n", "\r"]
    paragraphs = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    expected = [line for par in paragraphs for line in (" ".join(clean(raw).split()) for raw in clean(par).split("\n"))
                if line]  # what clean_line gave each line
    assert drafts._lines(paragraphs) == expected


def test_words_are_found_in_utf8_as_in_the_lower_cased_text():
    """An article is looked at lower-cased in UTF-8 (folded_utf8): each prefilter says what it says of the
    lower-cased text (folded_view), letters beyond ASCII, re's ASCII folders and surrogates included."""
    prefilters = [p for p in (literal_prefilter(r["pattern"], 0 if r.get("case") else re.IGNORECASE) for r in
                              [*({"pattern": p.pattern, "case": p.case} for p in builtin_patterns()), *EXTRA]) if p]
    assert any(p.folded for p in prefilters) and any(not p.folded for p in prefilters)
    rng = random.Random(17)
    words = ["We", "USE", "cookies", "Cookie ", "ALL", "rights", "reserved", "support", "SUPPORT", "donate ", "Paywall",
             "BREAKING", "news", "alert", "édition", "ÉDITION", "spéciale", "Σ", "ΣΟΦΟΣ", "ǅ", "ß", "ſ", "ı", "İ",
             "\u212a", "\ud800", "😀", " ", "\n", "accept ", "become a ", "k"]
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        view, utf8 = folded_view(text), folded_utf8(text)
        for prefilter in prefilters:
            assert prefilter.may_occur(text, utf8) == prefilter.may_match(text, view), (prefilter, text)
            found += prefilter.may_match(text, view)
    assert found > 1000
