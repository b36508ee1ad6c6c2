"""The detail pane: every field of the selected claim (current and original), its sentence, who
decided and when, and its links."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from claimdesk.annotations.fields import CLAIM_FIELDS, FIELD_LABELS, QUALIFIER_LABELS, format_value
from claimdesk.annotations.reviewed import ReviewClaim

from .highlight import CLAIM_MARKS

STATUS_STYLES = {"pending": "bold #ffd75f", "accepted": "bold #87d787", "corrected": "bold italic #87afff",
                 "rejected": "bold #d78787", "added": "bold #87afff"}


def field_text(name: str, value) -> str:
    if name == "value":
        return format_value(value) or "—"
    if name == "approx":
        return QUALIFIER_LABELS.get(value, str(value)) if value else "—"
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


def detail_content(claim: ReviewClaim | None, links: list[tuple[str, str]] | None = None) -> Content:
    """The pane's text. ``links``: (type, description) pairs, already plain text."""
    if claim is None:
        return Content.assemble(("No claim selected.", "dim"), "\n",
                                ("n / p move between pending claims; v selects text to add one.", "dim"))
    glyph = CLAIM_MARKS.get(claim.status, CLAIM_MARKS["pending"])[0]
    parts: list = [(f"{glyph} {claim.status}", STATUS_STYLES.get(claim.status, "bold"))]
    if claim.reviewer:
        parts.append((f" · {claim.reviewer} · {when(claim.at)}", "dim"))
    if not claim.extracted:
        parts.append((" · added by a reviewer" if claim.status == "added" else " · no longer extracted", "dim"))
    parts.append("\n")
    changed = set(claim.changed_fields)
    for name in CLAIM_FIELDS:
        parts += [(f"{FIELD_LABELS[name]:<16}", "dim"), field_text(name, claim.fields.get(name))]
        if name in changed:
            parts.append((f"  (was {field_text(name, claim.original.get(name))})", "italic #87afff"))
        parts.append("\n")
    parts += ["\n", sentence_content(claim), "\n"]
    if claim.note:
        parts += [("Note: ", "dim"), claim.note, "\n"]
    parts.append("\n")
    if links:
        parts.append(("Links", "bold"))
        for link_type, description in links:
            parts += ["\n", (f" {link_type:<11}", "bold #87afff"), description]
    else:
        parts.append(("No links yet (l links this claim to others).", "dim"))
    return Content.assemble(*parts)


class ClaimDetail(VerticalScroll):
    """Scrollable detail of one claim."""

    can_focus = False

    def compose(self):
        yield Static(detail_content(None), id="detail-text")

    def on_mount(self) -> None:
        self.border_title = "Detail"

    def show_claim(self, claim: ReviewClaim | None, links: list[tuple[str, str]] | None = None) -> None:
        self.query_one("#detail-text", Static).update(detail_content(claim, links))
        self.scroll_home(animate=False)
