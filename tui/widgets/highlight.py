"""How annotations look in the reader: entity colours, claim marks, and the legend.

Entities use displaCy's colours (black text on the label's colour), so spaCy users recognise them.
Claims are marked by status so that each is distinguishable without colour too (monochrome terminals,
colour-blind reviewers): pending is underlined, accepted bold, corrected bold italic, rejected struck
through, added double-underlined. The selected claim or entity is shown in reverse video.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.style import Style
from textual.content import Content

# displaCy's default colours (spacy/displacy/render.py), by label.
ENTITY_COLOURS = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9", "MONEY": "#e4e7d2", "QUANTITY": "#e4e7d2",
    "ORDINAL": "#e4e7d2", "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
}
OTHER_ENTITY = "#dddddd"

# Claim status → (glyph, style). The glyph is used in lists; the style in the text.
CLAIM_MARKS = {
    "pending": ("○", Style(underline=True, bold=True, color="#ffd75f")),
    "accepted": ("✓", Style(bold=True, color="#87d787")),
    "corrected": ("✎", Style(bold=True, italic=True, color="#87afff")),
    "rejected": ("✗", Style(strike=True, color="#d78787")),
    "added": ("+", Style(underline2=True, bold=True, color="#87afff")),
}
SELECTED = Style(reverse=True, bold=True)
SELECTED_ENTITY = Style(reverse=True, underline=True)


@lru_cache(maxsize=256)
def entity_style(label: str) -> Style:
    """An entity label's style (one object a label: the reader builds the marks at every key)."""
    return Style(color="#000000", bgcolor=ENTITY_COLOURS.get(label, OTHER_ENTITY))


def status_glyph(status: str) -> str:
    return CLAIM_MARKS.get(status, ("?", Style()))[0]


@dataclass(frozen=True)
class Mark:
    start: int  # offsets in the article text
    end: int
    style: Style


class LineSpans:
    """Marks of one article cut into per-line column ranges, for a TextArea's ``get_line``."""

    def __init__(self, text: str):
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.by_line: dict[int, list[tuple[int, int, Style]]] = {}

    def location(self, offset: int) -> tuple[int, int]:
        """(line, column) of a text offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def offset(self, location: tuple[int, int]) -> int:
        line, column = location
        line = max(0, min(line, len(self.line_starts) - 1))
        return self.line_starts[line] + column

    def set_marks(self, marks: list[Mark]) -> None:
        """Replace the marks; later marks are drawn over earlier ones."""
        by_line: dict[int, list[tuple[int, int, Style]]] = {}
        for mark in marks:
            line, col = self.location(mark.start)
            end_line, end_col = self.location(max(mark.start, mark.end))
            while line <= end_line:
                stop = end_col if line == end_line else self._line_length(line)
                by_line.setdefault(line, []).append((col, stop, mark.style))
                line, col = line + 1, 0
        self.by_line = by_line

    def _line_length(self, line: int) -> int:
        if line + 1 < len(self.line_starts):
            return self.line_starts[line + 1] - 1 - self.line_starts[line]
        return 10**9

    def marks_of(self, line: int) -> list[tuple[int, int, Style]]:
        return self.by_line.get(line, [])


def legend(labels: list[str]) -> Content:
    """One line: the entity labels present (in their colours), then the claim marks."""
    parts: list = []
    for label in labels:
        parts += [(f" {label} ", f"#000000 on {ENTITY_COLOURS.get(label, OTHER_ENTITY)}"), " "]
    if labels:
        parts.append("  ")
    content_styles = {"pending": "bold underline #ffd75f", "accepted": "bold #87d787",
                      "corrected": "bold italic #87afff", "rejected": "strike #d78787"}
    for status, style in content_styles.items():
        parts += [(f"{status_glyph(status)} {status}", style), "  "]
    return Content.assemble(*parts)
