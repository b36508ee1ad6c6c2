"""Markdown marks are counted where one can start, yet the count is what searching the whole text gives."""

from __future__ import annotations

import random

from claimdesk.annotations.corpus import detect

PIECES = ["a", "word", " ", "\n", "\n\n", "#", "# ", "## ", "*", "**", "[", "]", "(", ")", "](", "> ", ">", "-", "- ",
          "  - ", "\t", "\u2003", "x"]


def test_marks_are_counted_as_searching_every_character_counts():
    rng = random.Random(5)
    texts = ["# Title\n\n**bold** and [a link](http://x.y)\n> quote\n- item", "plain text\nof two lines", ""]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) for _ in range(20000)]
    marked = 0
    for text in texts:
        found = len(detect._MD_MARKS.findall(text))
        assert detect.markdown_marks(text, enough=10**9) == found, repr(text)
        assert detect.markdown_marks(text, enough=4) == min(found, 4), repr(text)
        marked += found >= 4
    assert marked > 100  # some are Markdown: the count was compared past its threshold
