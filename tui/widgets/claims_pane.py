"""The claims pane: the open article's claims with value, what is counted, source and status."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from claimdesk.annotations.fields import format_value
from claimdesk.annotations.reviewed import ReviewClaim

from .highlight import CLAIM_MARKS

QUALIFIER_MARKS = {"approx": "~", "at_least": "≥", "at_most": "≤", "range": "", "exact": ""}
FILTERS = ("all", "pending", "accepted", "corrected", "rejected")


def value_cell(claim: ReviewClaim) -> str:
    return QUALIFIER_MARKS.get(claim.fields.get("approx", "exact"), "") + format_value(claim.fields.get("value"))


def status_cell(claim: ReviewClaim, suggested: bool = False) -> Text:
    glyph, style = CLAIM_MARKS.get(claim.status, CLAIM_MARKS["pending"])
    text = Text(glyph, style=style)
    if suggested:
        text.append("⇄", style="bold #87afff")
    return text


class ClaimsPane(DataTable):
    """One row per claim (filtered); posts :class:`ClaimsPane.Highlighted` as the cursor moves."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Highlighted(Message):
        def __init__(self, claim: ReviewClaim) -> None:
            self.claim = claim
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.claims: list[ReviewClaim] = []
        self.filter = "all"
        self._signature: tuple = ()

    def on_mount(self) -> None:
        self.add_column("", key="status", width=2)
        self.add_column("Value", key="value")
        self.add_column("Counted", key="counted")
        self.add_column("Source", key="source")
        self.border_title = "Claims"

    def visible(self, claims: list[ReviewClaim]) -> list[ReviewClaim]:
        if self.filter == "all":
            return list(claims)
        if self.filter == "accepted":
            return [c for c in claims if c.status in ("accepted", "added")]
        return [c for c in claims if c.status == self.filter]

    def show_claims(self, claims: list[ReviewClaim], selected: str | None = None,
                    suggested: frozenset[str] = frozenset()) -> None:
        """Fill the table, keeping the cursor on ``selected`` when it is shown.

        Only the reviewer's own moves post :class:`Highlighted`; these programmatic ones do not.
        When the rows are the same as shown, only the cursor moves (a rebuild re-lays out the screen)."""
        visible = self.visible(claims)
        signature = (self.filter, tuple((c.id, c.status, tuple(sorted(c.fields.items(), key=str)),
                                         c.id in suggested) for c in visible), len(claims))
        if signature == self._signature:
            if selected:
                self.select(selected)
            return
        self._signature = signature
        self.claims = visible
        with self.prevent(DataTable.RowHighlighted):
            self.clear()
            for claim in self.claims:
                self.add_row(
                    status_cell(claim, claim.id in suggested),
                    Text(value_cell(claim), no_wrap=True),
                    Text(claim.fields.get("counted", "") or "—", no_wrap=True),
                    Text(claim.fields.get("source", "") or "—", no_wrap=True),
                    key=claim.id,
                )
            index = next((i for i, c in enumerate(self.claims) if c.id == selected), None)
            if index is not None:
                self.move_cursor(row=index, animate=False, scroll=True)
        shown, total = len(self.claims), len(claims)
        self.border_title = f"Claims {total}" if self.filter == "all" else f"Claims {shown}/{total} · {self.filter}"

    def select(self, claim_id: str) -> None:
        index = next((i for i, c in enumerate(self.claims) if c.id == claim_id), None)
        if index is not None and index != self.cursor_row:
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=index, animate=False, scroll=True)

    @property
    def current(self) -> ReviewClaim | None:
        if self.claims and 0 <= self.cursor_row < len(self.claims):
            return self.claims[self.cursor_row]
        return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.claims):
            self.post_message(self.Highlighted(self.claims[event.cursor_row]))
