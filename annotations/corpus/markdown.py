"""Markdown articles: ``# Title``, byline and date lines, inline marks, embeds, a URL trailer.

The Markdown is rendered with markdown-it (CommonMark, inline HTML allowed) and read back as text
blocks, so every mark (emphasis, links, headings, ``<u>``) goes and only the words stay.

Much Markdown is its plainest kind: ``#`` headings and paragraphs of plain text, without a mark,
list, quote, code, entity or HTML. Such a text (:func:`is_plain`) is split into its blocks here, the
same blocks rendering and reading back would give, in a tenth of the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt

from .draft import Draft
from .htmltext import Block, fold_line, html_blocks
from .reading import read_text

_MD = MarkdownIt("commonmark", {"html": True})

# What only markdown-it reads right: a character an inline rule acts on (escapes, code, emphasis, links
# and images, HTML and autolinks, entities); an unprintable one (controls, normalised or dropped on the way;
# white space but the space and the newline, since tabs indent and others are stripped in places; format
# characters; noncharacters); a line that starts anything but a paragraph line or a plain heading:
# indentation, a quote, a list item, a rule or setext underline, a fence, an HTML block, or "#"s that are no
# plain heading (one to six, a space, words that do not end in a "#", which could close the heading).
_MARK_CHARS = "\\`*_[]<&"
_NOT_PLAIN_STARTS = " >+*=~`<[-"
_ORDERED_ITEM = re.compile(r"\d+[.)]")
_PLAIN_HEADING = re.compile(r"#{1,6} [^\n]*[^#\n ] *")


def _plain_blocks(text: str) -> list[Block] | None:
    """The blocks of plain Markdown (see the module): a heading per ``#`` line, a paragraph per run of
    lines; None for any other text."""
    for char in _MARK_CHARS:
        if char in text:
            return None
    blocks: list[Block] = []
    paragraph: list[str] = []
    for line in text.split("\n"):
        if not line:
            if paragraph:
                blocks.append(Block("p", "\n".join(paragraph)))
                paragraph = []
            continue
        first = line[0]
        if (first in _NOT_PLAIN_STARTS or not line.isprintable()
                or (first.isdigit() and _ORDERED_ITEM.match(line))):
            return None
        if first == "#":  # a heading ends a paragraph, with or without a blank line
            if _PLAIN_HEADING.fullmatch(line) is None:
                return None
            if paragraph:
                blocks.append(Block("p", "\n".join(paragraph)))
                paragraph = []
            level = len(line) - len(line.lstrip("#"))
            heading = fold_line(line[level:])
            if heading:
                blocks.append(Block(f"h{level}", heading))
        else:
            paragraph.append(fold_line(line))  # never empty: the line starts with no space
    if paragraph:
        blocks.append(Block("p", "\n".join(paragraph)))
    return blocks


def is_plain(text: str) -> bool:
    """Is ``text`` Markdown of ``#`` headings and paragraphs of plain text only (see the module)?"""
    return _plain_blocks(text) is not None


def blocks(text: str) -> list[Block]:
    """The text blocks of a Markdown text, in reading order."""
    found = _plain_blocks(text)
    return found if found is not None else html_blocks(_MD.render(text))


def parse(text: str) -> list[Draft]:
    found = blocks(text)
    title = ""
    if found and found[0].tag == "h1":
        title = found.pop(0).text
    return [Draft(paragraphs=[b.text for b in found], format="markdown", title=title)]


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft]:
    decoded = read_text(path, head=head)
    for draft in parse(decoded.text):
        draft.problems[:0] = decoded.problems
        yield draft
