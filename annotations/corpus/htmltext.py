"""HTML (a fragment or a page's main content) → a list of text blocks in reading order.

Block elements (paragraphs, headings, list items, quotes) become one block each; inline markup is
flattened; scripts, styles, images and figure captions are dropped; entities are decoded. Text
that stands between block children (a tweet's "— Name (@handle) date" trailer) becomes a block too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
    "figure", "hr", "body", "html", "address", "details", "summary", "center",
}
DROP_TAGS = {"script", "style", "noscript", "img", "picture", "video", "audio", "iframe", "svg",
             "figcaption", "button", "form", "input", "select", "textarea", "template", "head", "nav"}

_SPACE = re.compile(r"[ \t\r\f\v\n\u00a0]+")
# lxml.html's parser without its element classes (the same tree, built and walked in half the time), and
# an element's text as lxml.html's text_content() gives it
_PARSER = etree.HTMLParser()
_STRING = etree.XPath("string()", smart_strings=False)


@dataclass(frozen=True)
class Block:
    tag: str  # the block element's tag: "p", "h1", "li", …
    text: str


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _inline_text(el) -> str:
    """Text of an inline element, with <br> as a newline and dropped elements left out."""
    if _tag(el) == "br":
        return "\n"
    if _tag(el) in DROP_TAGS or not isinstance(el.tag, str):
        return ""
    parts = [el.text or ""]
    for child in el:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _has_block(el) -> bool:
    return any(_tag(d) in BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str))


def fold_line(line: str) -> str:
    """A line of a block as read: every run of white space one space, none at either end."""
    if line.isprintable() and "  " not in line:  # no white space but single spaces (see sanitize.fold_spaces)
        return line.strip()
    return _SPACE.sub(" ", line).strip()


def block_text(text: str) -> str:
    """A block's text as read: every run of white space in a line one space, lines stripped, blank lines gone."""
    lines = (fold_line(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _caption_credit(el) -> bool:
    """A paragraph that is a photo caption ending in a bold credit: "… fighting. <b>Kremlin.ru</b>"."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children or _tag(children[-1]) not in ("strong", "b") or (children[-1].tail or "").strip():
        return False
    credit = (_STRING(children[-1]) or "").strip()
    before = block_text(_inline_text(el))[: -len(credit) or None].strip() if credit else ""
    return 0 < len(credit.split()) <= 3 and len(credit) <= 40 and before.endswith((".", "!", "?"))


def _walk(el, out: list[Block], tag: str) -> None:
    _walk_parts(el.text, el, out, tag)


def _walk_parts(text: str | None, children, out: list[Block], tag: str) -> None:
    """The blocks of an element's ``text`` and ``children`` (with their tails)."""
    buffer = [text or ""]

    def flush() -> None:
        text = block_text("".join(buffer))
        if text:
            out.append(Block(tag, text))
        buffer.clear()

    for child in children:
        ctag = _tag(child)
        if ctag in DROP_TAGS or not isinstance(child.tag, str):
            pass
        elif ctag in BLOCK_TAGS or _has_block(child):
            flush()
            if not (ctag == "p" and _caption_credit(child)):
                _walk(child, out, ctag if ctag in BLOCK_TAGS else tag)
        else:
            buffer.append(_inline_text(child))
        buffer.append(child.tail or "")
    flush()


def html_blocks(html: str) -> list[Block]:
    """The text blocks of an HTML fragment or page."""
    if not html.strip():
        return []
    try:  # as fragment_fromstring(html, create_parent="div") parses it: its leading text, then its elements
        parts = lxml.html.fragments_fromstring(html, no_leading_text=False, parser=_PARSER)
        leading = parts.pop(0) if parts and isinstance(parts[0], str) else None
        if leading is not None:  # which that puts in a new element: a control character there is a ValueError
            etree.Element("div").text = leading
    except (etree.ParserError, ValueError):
        return []
    out: list[Block] = []
    _walk_parts(leading, parts, out, "p")
    return out
