"""Plain-text page scrapes: the title on the first line, one paragraph per line, chrome mixed in."""

from __future__ import annotations

import re

from .draft import Draft

_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]$")


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


def parse(text: str) -> list[Draft]:
    lines = [line.strip() for line in text.split("\n")]
    return [Draft(paragraphs=_unwrap([line for line in lines if line]), format="plaintext")]
