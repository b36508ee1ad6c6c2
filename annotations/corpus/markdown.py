"""Markdown articles: ``# Title``, byline and date lines, inline marks, embeds, a URL trailer.

The Markdown is rendered with markdown-it (CommonMark, inline HTML allowed) and read back as text
blocks, so every mark (emphasis, links, headings, ``<u>``) goes and only the words stay.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt

from .draft import Draft
from .htmltext import html_blocks
from .reading import read_text

_MD = MarkdownIt("commonmark", {"html": True})


def parse(text: str) -> list[Draft]:
    blocks = html_blocks(_MD.render(text))
    title = ""
    if blocks and blocks[0].tag == "h1":
        title = blocks.pop(0).text
    return [Draft(paragraphs=[b.text for b in blocks], format="markdown", title=title)]


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft]:
    decoded = read_text(path)
    for draft in parse(decoded.text):
        draft.problems[:0] = decoded.problems
        yield draft
