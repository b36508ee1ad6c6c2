"""Plain-text articles: page scrapes (one paragraph a line, chrome mixed in), pasted or exported text
(paragraphs split by blank lines), hard-wrapped text (lines cut at a fixed width).

The text is split into blocks at blank lines. In hard-wrapped text (most lines near one width of at
most 100 characters, most not ending a sentence) each block is one paragraph; elsewhere each line is
one, and a line cut mid-sentence is joined to a next line that starts in lower case. Whether the first
line is a headline is decided later, for every format alike (:mod:`.headline`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .draft import Draft
from .reading import read_text

_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]$")
_WRAP_MAX_WIDTH = 100
_WRAP_MIN_LINES = 4


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (a long line not ending a sentence, then one starting in lower case)."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev and len(prev) >= 40 and not _ENDS_SENTENCE.search(prev) and line[:1].islower():
            out[-1] = prev + " " + line
        else:
            out.append(line)
    return out


def hard_wrapped(lines: list[str]) -> bool:
    """Text cut into lines of about one width: most lines near the longest (≤ 100 characters), and
    most of them not at the end of a sentence."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < _WRAP_MIN_LINES or max(lengths) > _WRAP_MAX_WIDTH:
        return False
    width = max(lengths)
    near = sum(1 for n in lengths if n >= 0.7 * width)
    open_ended = sum(1 for line in lines if line and not _ENDS_SENTENCE.search(line))
    return near >= 0.6 * len(lengths) and open_ended >= 0.5 * len(lengths)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def parse(text: str) -> list[Draft]:
    lines = [line.strip() for line in text.split("\n")]
    blocks = _blocks(lines)
    if hard_wrapped(lines):
        paragraphs = [" ".join(block) for block in blocks]
    else:
        paragraphs = ["\n".join(_unwrap(block)) for block in blocks]
    return [Draft(paragraphs=paragraphs, format="plaintext")]


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft]:
    decoded = read_text(path, head=head)
    for draft in parse(decoded.text):
        draft.problems[:0] = decoded.problems
        yield draft
