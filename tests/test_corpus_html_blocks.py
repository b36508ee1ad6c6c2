"""HTML is parsed without lxml.html's element classes, into the very blocks parsing it with them gave."""

from __future__ import annotations

import random

import lxml.html
from lxml import etree

from claimdesk.annotations.corpus import htmltext

PIECES = ["<p>", "</p>", "<strong>", "</strong>", "<b>", "</b>", "<em>", "</em>", "<br>", "<div>", "</div>", "<ul>",
          "<li>", "</li>", "<h1>", "</h1>", "<a href='x'>", "</a>", "<span>", "</span>", "<script>var x;</script>",
          "<img alt='photo'>", "<figcaption>caption</figcaption>", "<!-- a comment -->", "<?pi x?>", "&amp;", "&nbsp;",
          "&#x1b;", "text", "Words here", " ", "  ", "\n", "\t", "Kremlin.ru", ".", "!", "AFP", "\x1b[31m", "\x00",
          "\x0c", "\u2003", "é", "<html>", "<body>", "</body>", "<!doctype html>", "<head><title>T</title></head>",
          "<table><tr><td>cell</td></tr></table>", "<pre>a\n  b</pre>"]


def blocks_with_lxml_html(html: str) -> list[htmltext.Block]:
    """What html_blocks gave when it parsed with lxml.html (its element classes, its fragment root)."""
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    out: list[htmltext.Block] = []
    htmltext._walk(root, out, "p")
    return out


def test_blocks_are_those_lxml_html_gave():
    rng = random.Random(23)
    texts = ["", "  ", "plain", "<p>One.</p><p>A caption here. <strong>Kremlin.ru</strong></p>", "lead \x1b text <u>x</u>",
             "<html><body><p>x</p></body></html>", "<html></html>"]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    found = 0
    for html in texts:
        try:
            expected = blocks_with_lxml_html(html)
        except AssertionError:  # lxml.html's own check (one body): html_blocks raises it alike
            expected = AssertionError
        try:
            got = htmltext.html_blocks(html)
        except AssertionError:
            got = AssertionError
        assert got == expected, repr(html)
        found += bool(expected) and expected is not AssertionError
        try:
            root = lxml.html.fragment_fromstring(html, create_parent="div")
        except (etree.ParserError, ValueError, AssertionError):
            continue
        for el in root.iter():  # a caption's credit is read as text_content() read it
            if isinstance(el.tag, str):
                assert htmltext._STRING(el) == el.text_content(), repr(html)
    assert found > 1000
