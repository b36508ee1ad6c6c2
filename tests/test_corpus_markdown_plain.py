"""Plain Markdown (headings and paragraphs of plain text) is read without rendering it, into the very
blocks rendering with markdown-it and reading back the HTML gives."""

from __future__ import annotations

import random

import pytest

from claimdesk.annotations.corpus import markdown
from claimdesk.annotations.corpus.htmltext import html_blocks


def rendered(text: str):
    return html_blocks(markdown._MD.render(text))


TRICKY = [
    "# Title\n\nBy Ann Lee\n\nA paragraph\nwrapped here.\n\n## Sub head\nText right after it.",
    "# Title #8 (5041)\n\nBody with #hashtags and ! and (1) and \"quotes\" > here.",
    "# Title #\n\nA closing sequence goes.",
    "# Title#\n\nNo space: the # stays.",
    "#hashtag at a line start is text\n\nmore",
    "####### seven is text\n\nmore",
    "# \n\nAn empty heading.",
    "Title\n=====\n\nA setext heading.",
    "Title\n---\n\nA setext heading, or a rule.",
    "a line  \nafter a hard break",
    "- a list\n- of items",
    "1. ordered\n2) items",
    "    indented code\n\ntext",
    "> a quote",
    "text with *emphasis*, _this_, `code`, [a link](http://x.y), <u>html</u> &amp; \\escapes",
    "tab\tinside and\u00a0no-break space",
    "control \x1b[31m red",
    "\ufeffa byte-order mark inside",
    "a\r\nwindows line\r\n\r\nends",
    "",
    "\n\n\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_blocks_are_those_rendering_gives(text):
    assert markdown.blocks(text) == rendered(text)


def test_plain_texts_are_told_apart():
    assert markdown.is_plain(TRICKY[0]) and markdown.is_plain(TRICKY[1])
    for text in ("# Title #\n\nx", "Title\n===", "- item", "1. item", "    code", "> quote", "*em*", "a\tb", "a &amp; b"):
        assert not markdown.is_plain(text), text


PIECES = ["word", "Title", "é", "😀", " ", "  ", "\n", "\n\n", "#", "# ", "## ", "###### ", "####### ", " #", "#8",
          "!", ")", ".", "1", "9.", "-", "=", "+", ">", '"', "'", "(", ":", "|", "~", "\u0301", "\u200b", "x y", "İ",
          "\U0010ffff", "*", "_", "[", "]", "<", "&", "`", "\\", "\t", "\u00a0", "\r", "\x1b"]


def test_random_plain_texts_read_as_rendering_gives():
    rng = random.Random(19)
    plain = 0
    for _ in range(4000):
        text = "".join(rng.choice(PIECES[:-9] if rng.random() < 0.8 else PIECES) for _ in range(rng.randint(1, 30)))
        text = "# " + text if rng.random() < 0.5 else text
        if markdown.is_plain(text):
            plain += 1
            assert markdown._plain_blocks(text) == rendered(text), repr(text)
    assert plain > 400  # many are plain: the comparison ran
