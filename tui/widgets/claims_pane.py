"""The claims pane: the open article's claims with value (its unit and the arrow of a change), what is
counted, source and status."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.message import Message
from textual.style import Style

from claimdesk.annotations.fields import CHANGE_MARKS, describe_share, format_value, race_clock, share_text, with_unit
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.sanitize import clean_line

from .highlight import CLAIM_MARKS
from .row_list import RowList

QUALIFIER_MARKS = {"approx": "~", "at_least": "≥", "at_most": "≤", "range": "", "exact": ""}
FILTERS = ("all", "pending", "accepted", "corrected", "rejected")


COLUMN_CAPS = (14, 24)  # widest the value and counted columns grow; the source takes what is left
SOURCE_ROOM = 10  # cells the source keeps in a narrow pane, the counted column giving way
COUNTED_LEAST = 7
STATUS_CELLS, GAP = 3, 2


def value_cell(claim: ReviewClaim, width: int = 0) -> str:
    """The value with its qualifier's mark, its change's arrow and its unit: "~400", "▼164 GBX", "6.5%"; a
    share of a stated figure as a share of it ("~half of"), or with the figure it comes to where that fits
    in ``width`` cells ("~half ≈ 70,000")."""
    fields = claim.fields
    value = fields.get("value")
    marks = QUALIFIER_MARKS.get(fields.get("approx", "exact"), "") + CHANGE_MARKS.get(fields.get("change") or "", "")
    share = share_text(fields)
    if share:
        derived = f"{marks}{share} {describe_share(fields)}"
        return derived if cell_len(derived) <= width else f"{marks}{share} of"
    unit = str(fields.get("unit") or "")
    # a race time as the clock reads it: "2:05:31", never "7,531 s (2:0…"
    return marks + (race_clock(unit, value) or with_unit(format_value(value), unit, value))


def status_cell(claim: ReviewClaim, suggested: bool = False) -> Content:
    glyph, style = CLAIM_MARKS.get(claim.status, CLAIM_MARKS["pending"])
    return Content.assemble((glyph, Style.from_rich_style(style)),
                            ("⇄", "bold #87afff") if suggested else " ")


def cells(claim: ReviewClaim) -> tuple[str, str, str]:
    """Value, counted and source of a claim, as plain one-line text."""
    return (value_cell(claim), clean_line(claim.fields.get("counted", "") or "—"),
            clean_line(claim.fields.get("source", "") or "—"))


def column_widths(rows: list[tuple[str, ...]], room: int = 0) -> tuple[int, int]:
    """Widths of the value and counted columns: their longest cell (or heading), within the caps; in
    ``room`` cells (0: any), the counted column gives way until the source has ``SOURCE_ROOM``."""
    headings = ("Value", "Counted")
    value, counted = (min(cap, max([cell_len(heading)] + [cell_len(row[i]) for row in rows]))
                      for i, (cap, heading) in enumerate(zip(COLUMN_CAPS, headings, strict=True)))
    if room:
        counted = max(COUNTED_LEAST, min(counted, room - STATUS_CELLS - value - 2 * GAP - SOURCE_ROOM))
    return value, counted


def fit(text: str, width: int) -> Content:
    return Content(text).truncate(width, ellipsis=True, pad=True)


def claim_row(claim: ReviewClaim, widths: tuple[int, int], suggested: bool = False) -> Content:
    _, counted, source = cells(claim)
    value = value_cell(claim, widths[0])  # the columns are fitted to the short cells, a share's figure shown where it fits
    return Content.assemble(status_cell(claim, suggested), " ", fit(value, widths[0]), " " * GAP,
                            fit(counted, widths[1]), " " * GAP, source)


def header_row(widths: tuple[int, int]) -> Content:
    return Content.assemble(" " * STATUS_CELLS, fit("Value", widths[0]), " " * GAP, fit("Counted", widths[1]),
                            " " * GAP, "Source")


class ClaimsPane(RowList):
    """One row per claim (filtered) under a heading; posts :class:`ClaimsPane.Highlighted` when the
    reviewer moves to another claim (programmatic moves post nothing)."""

    class Highlighted(Message):
        def __init__(self, claim: ReviewClaim) -> None:
            self.claim = claim
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claims: list[ReviewClaim] = []
        self.filter = "all"
        self._shown: dict[str, tuple] = {}  # claim id -> what its row shows
        self._widths: tuple[int, int] = (0, 0)
        self._last: tuple | None = None  # what show_claims was given, to fit the columns again on a resize
        self._note = ""  # shown instead of rows when no claim is
        self.set_title("Claims")

    def visible(self, claims: list[ReviewClaim]) -> list[ReviewClaim]:
        if self.filter == "all":
            return list(claims)
        if self.filter == "accepted":
            return [c for c in claims if c.status in ("accepted", "added")]
        return [c for c in claims if c.status == self.filter]

    def empty_note(self, claims: list[ReviewClaim], extracted: bool) -> str:
        """What the pane says when it shows no claim."""
        if not extracted:
            return "Claims are being extracted…"
        if not claims:
            return "No claims found in this article (v selects text to add one)."
        return f"No {self.filter} claims in this article (f shows the others)."

    def show_claims(self, claims: list[ReviewClaim], selected: str | None = None,
                    suggested: frozenset[str] = frozenset(), extracted: bool = True) -> None:
        """Show ``claims`` (filtered), the highlight on ``selected`` when it is shown; a note when none is
        (``extracted`` False: the article's claims are still being extracted).

        When the same claims are shown in the same columns, only the rows that changed are repainted."""
        self._last = (claims, selected, suggested, extracted)
        visible = self.visible(claims)
        if not visible:
            note = self.empty_note(claims, extracted)
            if self.claims or self._note != note:
                self.claims, self._shown, self._widths, self._note = [], {}, (0, 0), note
                self.set_rows([Content.styled(note, "dim italic")], highlighted=None)
            self._show_title(claims, visible)
            return
        self._note = ""
        shown = {c.id: (c.status, cells(c), c.id in suggested) for c in visible}
        widths = column_widths([row[1] for row in shown.values()], self.scrollable_content_region.width)
        index = next((i for i, c in enumerate(visible) if c.id == selected), None)
        if [c.id for c in visible] == [c.id for c in self.claims] and widths == self._widths:
            for i, claim in enumerate(visible):
                if shown[claim.id] != self._shown.get(claim.id):
                    self.replace_row(i, claim_row(claim, widths, claim.id in suggested))
            self.claims = visible
            if index is not None:
                self.highlight(index)
        else:
            self.claims = visible
            self.set_rows([claim_row(c, widths, c.id in suggested) for c in visible], highlighted=index,
                          header=header_row(widths))
        self._shown, self._widths = shown, widths
        self._show_title(claims, visible)

    def _show_title(self, claims: list[ReviewClaim], visible: list[ReviewClaim]) -> None:
        total = len(claims)
        self.set_title(f"Claims {total}" if self.filter == "all" else f"Claims {len(visible)}/{total} · {self.filter}")

    def on_resize(self, event) -> None:
        if self._last is not None:
            self.show_claims(*self._last)  # the columns fit the new width (rows rebuilt only if they change)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        if 0 <= event.index < len(self.claims):
            self.post_message(self.Highlighted(self.claims[event.index]))
