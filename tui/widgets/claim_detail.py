"""The detail pane: every field of the selected claim (current and original), its sentence, who
decided and when, and its links. A share of a stated figure shows the fraction in words ("Value  0.5
(half)") and its whole with the whole's unit and the figure the share comes to ("Of  140,000 → ≈ 70,000
residents", "Of  3,000,000,000 USD → ≈ 900,000,000 USD budget")."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from claimdesk.annotations.fields import (
    CHANGE_MARKS,
    CLAIM_FIELDS,
    FIELD_LABELS,
    QUALIFIER_LABELS,
    describe_share,
    describe_whole,
    format_value,
    share_text,
    with_unit,
)
from claimdesk.annotations.reviewed import ReviewClaim

from .hanging import Row, wrap_rows
from .highlight import CLAIM_MARKS

STATUS_STYLES = {"pending": "bold #ffd75f", "accepted": "bold #87d787", "corrected": "bold italic #87afff",
                 "rejected": "bold #d78787", "added": "bold #87afff"}


OPTIONAL_ROWS = ("change", "from_value", "of_value")  # shown only when the claim has one (or a correction changed it)
FOLDED_ROWS = {"of_unit": "of_value"}  # shown in another field's row: the whole's unit with the whole


def whole_text(fields: dict, *, derived: bool = True) -> str:
    """A share's whole with its unit and, ``derived``, the figure the share comes to: "140,000 → ≈ 70,000
    residents", "3,000,000,000 USD → ≈ 900,000,000 USD budget"."""
    whole = describe_whole(fields) or "—"
    share = describe_share(fields) if derived else ""
    return f"{whole} → {share} {fields.get('counted') or ''}".rstrip() if share else whole


def value_text(fields: dict) -> str:
    """The value with its unit, and a fraction of a stated figure in words: "6.5%", "0.5 (half)"."""
    value, unit = fields.get("value"), str(fields.get("unit") or "")
    text = with_unit(format_value(value), unit, value) or "—"
    words = share_text(fields) if not unit else ""
    return f"{text} ({words})" if words and words != text else text


def field_text(name: str, fields: dict, *, derived: bool = True) -> str:
    """One field of ``fields`` as the pane shows it; ``derived``: a share's whole with the figure it comes to."""
    value, unit = fields.get(name), str(fields.get("unit") or "")
    if name == "of_value":
        return whole_text(fields, derived=derived)
    if name == "value":
        return value_text(fields)
    if name == "from_value":
        return with_unit(format_value(value), unit, value) or "—"
    if name == "approx":
        return QUALIFIER_LABELS.get(value, str(value)) if value else "—"
    if name == "unit":
        return str(value) if value else "— (a count)"
    if name == "change":
        return f"{CHANGE_MARKS[value]} {value}" if value in CHANGE_MARKS else "—"
    return str(value) if value not in (None, "") else "—"


def when(at: str) -> str:
    """ "2026-11-22T10:31:05.123Z" → "2026-11-22 10:31 UTC"."""
    return f"{at[:10]} {at[11:16]} UTC" if len(at) >= 16 else at


def sentence_content(claim: ReviewClaim) -> Content:
    sentence = claim.sentence
    i = sentence.find(claim.text)
    if i < 0:
        return Content.assemble(("“", "dim"), sentence, ("”", "dim"))
    return Content.assemble(("“", "dim"), sentence[:i], (claim.text, "reverse bold"),
                            sentence[i + len(claim.text):], ("”", "dim"))


def detail_rows(claim: ReviewClaim | None, links: list[tuple[str, str]] | None = None) -> list[Row]:
    """The pane's rows (field rows keep their values under the value column when they wrap). ``links``:
    (type, description) pairs, already plain text."""
    if claim is None:
        return [Content.styled("No claim selected.", "dim"),
                Content.styled("n / p move between pending claims; v selects text to add one.", "dim")]
    glyph = CLAIM_MARKS.get(claim.status, CLAIM_MARKS["pending"])[0]
    head: list = [(f"{glyph} {claim.status}", STATUS_STYLES.get(claim.status, "bold"))]
    if claim.reviewer:
        head.append((f" · {claim.reviewer} · {when(claim.at)}", "dim"))
    if not claim.extracted:
        head.append((" · added by a reviewer" if claim.status == "added" else " · no longer extracted", "dim"))
    rows: list[Row] = [Content.assemble(*head)]
    changed = set(claim.changed_fields)
    changed |= {FOLDED_ROWS[name] for name in changed if name in FOLDED_ROWS}
    for name in CLAIM_FIELDS:
        if name in FOLDED_ROWS or (
                name in OPTIONAL_ROWS and claim.fields.get(name) in (None, "") and name not in changed):
            continue
        body: list = [field_text(name, claim.fields)]
        if name in changed:
            body.append((f"  (was {field_text(name, claim.original, derived=False)})", "italic #87afff"))
        rows.append((Content.styled(f"{FIELD_LABELS[name]:<16}", "dim"), Content.assemble(*body)))
    rows += [Content(""), sentence_content(claim)]
    if claim.note:
        rows.append((Content.styled("Note: ", "dim"), Content(claim.note)))
    rows.append(Content(""))
    if links:
        rows.append(Content.styled("Links", "bold"))
        for link_type, description in links:
            rows.append((Content.styled(f" {link_type:<11}", "bold #87afff"), Content(description)))
    else:
        rows.append(Content.styled("No links yet (l links this claim to others).", "dim"))
    return rows


class ClaimDetail(Widget):
    """The selected claim's detail, wrapped to the pane; the mouse wheel scrolls what does not fit.

    The pane has a fixed size and draws the lines itself: showing another claim repaints this pane
    alone, where a scrolling container of auto-height text would lay the whole screen out twice."""

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = detail_rows(None)
        self.top = 0  # the first line shown
        self._wrapped: tuple[list[Row], int, list[Content]] | None = None  # (rows, width, their lines)

    @property
    def content(self) -> Content:
        """What the pane says, unwrapped."""
        return Content("\n").join(row if isinstance(row, Content) else row[0] + row[1] for row in self.rows)

    @content.setter
    def content(self, content: Content) -> None:
        self.rows = content.split("\n")

    def on_mount(self) -> None:
        self.border_title = "Detail"

    def show_claim(self, claim: ReviewClaim | None, links: list[tuple[str, str]] | None = None) -> None:
        self.rows = detail_rows(claim, links)
        self.top = 0
        self.refresh()

    def lines(self, width: int) -> list[Content]:
        """The detail wrapped to ``width`` cells, field values under their column (kept until the claim or
        the width changes)."""
        cached = self._wrapped
        if cached is None or cached[0] is not self.rows or cached[1] != width:
            cached = self._wrapped = (self.rows, width, wrap_rows(self.rows, width))
        return cached[2]

    def render(self) -> Content:
        width, height = self.content_size
        lines = self.lines(width)
        if height <= 0 or len(lines) <= height:
            self.top = 0
            return Content("\n").join(lines)
        self.top = max(0, min(self.top, len(lines) - height + 1))
        rows = height - (1 if self.top else 0)
        below = len(lines) - (self.top + rows)
        if below > 0:
            rows -= 1
            below += 1
        shown = lines[self.top:self.top + rows]
        if self.top:
            shown.insert(0, Content.styled(f"↑ {self.top} more lines", "dim italic"))
        if below > 0:
            shown.append(Content.styled(f"↓ {below} more lines (scroll)", "dim italic"))
        return Content("\n").join(shown)

    def _scroll_by(self, lines: int) -> None:
        self.top = max(0, self.top + lines)
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_by(2)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_by(-2)
