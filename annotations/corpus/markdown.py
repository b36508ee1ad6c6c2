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
from .htmltext import Block, block_text, html_blocks
from .reading import read_text

_MD = MarkdownIt("commonmark", {"html": True})

# What only markdown-it reads right: a character an inline rule acts on (escapes, code, emphasis, links
# and images, HTML and autolinks, entities), a control character (normalised or dropped on the way), any
# white space but the space and the newline (tabs indent; others are stripped in places).
_NOT_PLAIN_CHAR = re.compile(r"[\\`*_\[\]<&\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufdd0-\ufdef\ufffe\uffff]|[^\S \n]")
# A line that starts anything but a paragraph line or a plain heading (one to six "#"s, a space, words
# that do not end in a "#", which could close the heading): indentation, a quote, a list item, a rule or
# setext underline, a fence, an HTML block.
_NOT_PLAIN_LINE = re.compile(r"^(?:[ >+*=~`<\[-]|\d+[.)]|#(?!#{0,5} [^\n]*[^#\n ] *$))", re.MULTILINE)


def is_plain(text: str) -> bool:
    """Is ``text`` Markdown of ``#`` headings and paragraphs of plain text only (see the module)?"""
    return _NOT_PLAIN_CHAR.search(text) is None and _NOT_PLAIN_LINE.search(text) is None


def _plain_blocks(text: str) -> list[Block]:
    """The blocks of a :func:`is_plain` text: a heading per ``#`` line, a paragraph per run of lines."""
    blocks: list[Block] = []
    lines: list[str] = []

    def add(tag: str, raw: str) -> None:
        block = block_text(raw)
        if block:
            blocks.append(Block(tag, block))

    for line in text.split("\n"):
        if line.startswith("#"):  # a heading ends a paragraph, with or without a blank line
            if lines:
                add("p", "\n".join(lines))
                lines = []
            level = len(line) - len(line.lstrip("#"))
            add(f"h{level}", line[level:])
        elif line:
            lines.append(line)
        elif lines:
            add("p", "\n".join(lines))
            lines = []
    if lines:
        add("p", "\n".join(lines))
    return blocks


def blocks(text: str) -> list[Block]:
    """The text blocks of a Markdown text, in reading order."""
    return _plain_blocks(text) if is_plain(text) else html_blocks(_MD.render(text))


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
