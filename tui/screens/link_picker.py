"""The link picker: a claim's links and its ranked partners in other articles; link, retype, unlink.

The claim's existing links come first, then the suggestions, best first, each with its outlet,
date, value and sentence. Typing filters by words; ``enter`` links with the proposed type; ``1``–``4``
link as same, update, contradicts or related (on a linked claim: change the type); ``L`` unlinks.
Those five keys are commands even while the filter has the focus (filter by words, not numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.links import LINK_TYPES, link, unlink
from claimdesk.annotations.links.timeline import Mention, mention
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.session import SessionError

from ..outcome import Outcome
from .list_keys import LIST_KEYS, FilteredListKeys

TYPE_STYLES = {"same": "bold #000000 on #87d787", "update": "bold #000000 on #87afff",
               "contradicts": "bold #000000 on #ff8787", "related": "bold #000000 on #bcbcbc"}
SNIPPET = 150  # characters of the sentence shown around the number


@dataclass(frozen=True)
class Entry:
    """One row of the picker: a partner claim, and either its link (``linked``) or a suggestion."""

    mention: Mention
    type: str
    linked: bool
    score: float | None = None
    reasons: tuple[str, ...] = ()

    @property
    def claim(self) -> ReviewClaim:
        return self.mention.claim

    def haystack(self) -> str:
        m = self.mention
        parts = (m.outlet, m.article.title, m.article.path, m.source, m.value, m.claim.sentence, self.type,
                 str(m.claim.fields.get("counted") or ""), m.date, "linked" if self.linked else "")
        return " ".join(parts).casefold()


def type_badge(link_type: str) -> tuple[str, str]:
    return f" {link_type} ", TYPE_STYLES.get(link_type, "reverse")


def snippet(sentence: str, text: str, width: int = SNIPPET) -> Content:
    """The sentence around the claim's words, the words in bold."""
    at = sentence.find(text)
    if at < 0:
        return Content(sentence[:width] + ("…" if len(sentence) > width else ""))
    start = max(0, at - (width - len(text)) // 2)
    end = min(len(sentence), start + width)
    start = max(0, end - width)
    return Content.assemble("…" if start else "", sentence[start:at], (text, "bold underline"),
                            sentence[at + len(text):end], "…" if end < len(sentence) else "")


def describe(m: Mention) -> list:
    """outlet · date · value counted predicate — the parts of a mention's first line."""
    words = " ".join(str(m.claim.fields.get(n) or "") for n in ("counted", "predicate")).strip()
    return [(m.outlet, "bold"), " · ", m.date or "undated", " · ", (m.value, "bold"), f" {words}" if words else ""]


def entry_prompt(entry: Entry, width: int) -> Content:
    """Three lines: type, score (or "linked") and the mention; the sentence; why it is suggested."""
    head = [type_badge(entry.type), " "]
    head.append(("linked", "bold $accent") if entry.linked else (f"{entry.score:.2f}", "dim"))
    parts = [*head, "  ", *describe(entry.mention), "\n  ", snippet(entry.claim.sentence, entry.claim.text, width)]
    if entry.reasons:
        reasons = ", ".join(entry.reasons)
        parts += ["\n  ", (reasons if len(reasons) <= width else reasons[:width - 1] + "…", "dim italic")]
    return Content.assemble(*parts)


COMMAND_KEYS = frozenset(str(i) for i in range(1, len(LINK_TYPES) + 1)) | {"L"}


class FilterInput(Input):
    """The filter: it takes every printable key except the picker's commands (1-4, L)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key not in COMMAND_KEYS and super().check_consume_key(key, character)


class LinkPickerScreen(FilteredListKeys, ModalScreen[Outcome | None]):
    """Link ``claim`` to a claim in another article. Dismisses with an :class:`Outcome`, or None."""

    CSS_PATH = "link_picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        *LIST_KEYS,
        *(Binding(str(i), f"link('{t}')", t, priority=True) for i, t in enumerate(LINK_TYPES, 1)),
        Binding("L", "unlink", "Unlink", priority=True),
    ]
    SUGGESTIONS = 15
    WIDTH = 110  # the dialog's width (link_picker.tcss), on a screen wide enough

    def __init__(self, session, claim: ReviewClaim, index) -> None:
        """``index``: a built :class:`~claimdesk.annotations.links.SuggestionIndex`, or None while it builds."""
        super().__init__()
        self.session = session
        self.claim = claim
        self.index = index
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="link-picker") as box:
            box.border_title = "Link claim"
            yield Static(self.title_content(), id="link-title")
            yield FilterInput(placeholder="type words to filter (outlet, source, sentence)", id="link-filter",
                              compact=True)
            yield Static(Content(""), id="link-empty")
            yield OptionList(id="link-options")
            yield Static(Content.assemble(
                ("enter", "bold"), " link as proposed  ",
                *[part for i, t in enumerate(LINK_TYPES, 1) for part in ((str(i), "bold"), f" {t}  ")],
                ("L", "bold"), " unlink  ", ("esc", "bold"), " close"), id="link-keys")

    def title_content(self) -> Content:
        article = self.session.article(self.claim.article)
        me = mention(self.claim, article)
        width = 2 * max(30, min(self.WIDTH, self.app.size.width) - 8)  # two lines of sentence
        parts: list = [*describe(me), "\n", snippet(self.claim.sentence, self.claim.text, width)]
        cluster = self.session.cluster_of(self.claim.id)
        if cluster is not None:
            parts += ["\n", ("in the ledger as ", "dim"), (cluster.name, "bold"),
                      (f" ({len(cluster.claims)} claims)", "dim")]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.entries = self.linked_entries() + self.suggested_entries()
        self.fill("")
        self.query_one(Input).focus()

    def _mention(self, article_id: str, claim_id: str) -> Mention | None:
        if article_id not in self.session.corpus_ids:
            return None
        claim = self.session.claim(article_id, claim_id)
        return mention(claim, self.session.article(article_id)) if claim is not None else None

    def linked_entries(self) -> list[Entry]:
        out = []
        for kept in self.session.links(self.claim.id):
            other = kept.other(self.claim.id)
            found = self._mention(other.article, other.claim)
            if found is not None:
                out.append(Entry(found, kept.type, linked=True))
        return out

    def suggested_entries(self) -> list[Entry]:
        if self.index is None:
            return []
        return [Entry(mention(s.claim, s.article), s.type, linked=False, score=s.score, reasons=s.reasons)
                for s in self.index.suggest(self.claim, self.SUGGESTIONS, unlinked=True)]

    def fill(self, typed: str) -> None:
        words = typed.casefold().split()
        self.shown = [e for e in self.entries if all(w in e.haystack() for w in words)]
        options = self.query_one(OptionList)
        options.clear_options()
        width = max(30, min(self.WIDTH, self.app.size.width) - 14)  # one line of sentence each
        options.add_options([Option(entry_prompt(e, width), id=str(i)) for i, e in enumerate(self.shown)])
        if self.shown:
            options.highlighted = next((i for i, e in enumerate(self.shown) if not e.linked), 0)
        if self.shown:
            empty = ""
        elif words:
            empty = "Nothing matches the filter."
        elif self.index is None:
            empty = "Suggestions are still being ranked in the background: try again in a moment."
        else:
            empty = "No suggestions: no claim in another article counts the same thing (yet)."
        self.query_one("#link-empty", Static).update(Content(empty))
        self.query_one("#link-empty").display = bool(empty)

    @property
    def current(self) -> Entry | None:
        highlighted = self.query_one(OptionList).highlighted
        return self.shown[highlighted] if highlighted is not None and self.shown else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose()

    def choose(self) -> None:
        entry = self.current
        if entry is None:
            return
        if entry.linked:
            self.notify(f"Already linked as {entry.type}: 1-4 change the type, L unlinks.", markup=False)
            return
        self.action_link(entry.type)

    def action_link(self, link_type: str) -> None:
        entry = self.current
        if entry is None:
            return
        try:
            touched = link(self.session, self.claim, entry.claim, link_type)
        except (SessionError, ValueError) as error:
            self.notify(str(error), title="Not linked", severity="error", markup=False)
            return
        verb = "Relinked" if entry.linked else "Linked"
        self.dismiss(Outcome(refresh=touched, message=f"{verb} as {link_type}: {self.claim.text} and "
                                                      f"{entry.claim.text} ({entry.mention.outlet})"))

    def action_unlink(self) -> None:
        entry = self.current
        if entry is None or not entry.linked:
            self.notify("Not linked: choose a linked claim (at the top) to unlink it.", markup=False)
            return
        try:
            touched = unlink(self.session, self.claim, entry.claim)
        except SessionError as error:
            self.notify(str(error), title="Not unlinked", severity="error", markup=False)
            return
        self.dismiss(Outcome(refresh=touched, message=f"Unlinked {self.claim.text} and {entry.claim.text} "
                                                      f"({entry.mention.outlet})"))
