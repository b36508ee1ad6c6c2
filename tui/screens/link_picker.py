"""The link picker: a claim's links and its ranked partners in other articles; link, retype, unlink.

The claim's existing links come first, then the suggestions, best first, each with its outlet,
date, value and sentence. Typing filters by words (numbers too: "11,000") and searches every claim
of the corpus, not only the suggestions; ``enter`` links the highlighted claim with the proposed
type. From the list (``tab``), ``1``–``4`` link as same, update, contradicts or related (on a linked
claim: change the type) and ``L`` unlinks. The keys are those of every filtered list
(:mod:`.filtered_list`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.links import LINK_TYPES, link, unlink
from claimdesk.annotations.links.profile import ClaimProfile, profile_claims
from claimdesk.annotations.links.score import explain
from claimdesk.annotations.links.timeline import Mention, mention
from claimdesk.annotations.reviewed import ReviewClaim
from claimdesk.annotations.session import SessionError

from ..outcome import Outcome
from ..unsaved import keep
from .filtered_list import LIST_KEYS, FilterBox, FilteredListScreen

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


def own_matches(entry: Entry, words: list[str]) -> int:
    """How many of ``words`` are in the claim's own words or value (not elsewhere in its sentence)."""
    own = f"{entry.claim.text} {entry.mention.value}".casefold()
    return sum(w in own for w in words)


class LinkPickerScreen(FilteredListScreen[Outcome | None]):
    """Link ``claim`` to a claim in another article. Dismisses with an :class:`Outcome`, or None."""

    CSS_PATH = "link_picker.tcss"
    BINDINGS = [  # the digits and L act from the list only: in the filter box they are text
        *LIST_KEYS,
        *(Binding(str(i), f"link('{t}')", t) for i, t in enumerate(LINK_TYPES, 1)),
        Binding("L", "unlink", "Unlink"),
    ]
    SUGGESTIONS = 15
    FOUND = 30  # claims found in the whole corpus, shown after the matching suggestions
    WIDTH = 110  # the dialog's width (link_picker.tcss), on a screen wide enough

    def __init__(self, session, claim: ReviewClaim, index) -> None:
        """``index``: a built :class:`~claimdesk.annotations.links.SuggestionIndex`, or None while it builds."""
        super().__init__()
        self.session = session
        self.claim = claim
        self.index = index
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self._corpus: list[tuple[str, ReviewClaim]] | None = None  # (haystack, claim) of every other claim
        self._profiles: dict[str, ClaimProfile] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="link-picker") as box:
            box.border_title = "Link claim"
            yield Static(self.title_content(), id="link-title")
            yield FilterBox(placeholder="type to search every claim: words, numbers, outlet, source",
                            id="link-filter")
            yield Static(Content(""), id="link-empty")
            yield OptionList(id="link-options")
            yield Static(Content.assemble(
                ("enter", "bold"), " link as proposed  ", ("tab", "bold"), " then ",
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
        super().on_mount()

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

    def options(self, typed: str) -> tuple[list[Option], int]:
        words = typed.casefold().split()
        self.shown = [e for e in self.entries if all(w in e.haystack() for w in words)]
        if words:  # the claims whose own words match first (not a neighbour's in the same sentence)
            self.shown = sorted(self.shown + self.found_entries(words), key=lambda e: (
                not e.linked, -own_matches(e, words), e.score is None or e not in self.entries))
        width = max(30, min(self.WIDTH, self.app.size.width) - 14)  # one line of sentence each
        options = [Option(entry_prompt(e, width), id=e.claim.id) for e in self.shown]
        return options, next((i for i, e in enumerate(self.shown) if not e.linked), 0)

    def filled(self, count: int) -> None:
        if count:
            empty = ""
        elif self.typed.split():
            empty = "No claim in the corpus matches the filter."
        elif self.index is None:
            empty = "Suggestions are still being ranked in the background: type to search every claim."
        else:
            empty = "No suggestions: no claim in another article counts the same thing (yet). Type to search."
        self.query_one("#link-empty", Static).update(Content(empty))
        self.query_one("#link-empty").display = bool(empty)

    def found_entries(self, words: list[str]) -> list[Entry]:
        """Claims of the whole corpus that match every word and are not listed yet, best partners first."""
        if self._corpus is None:
            self._corpus = []
            for article in self.session.articles:
                if not self.session.extracted(article.id):
                    continue
                for claim in self.session.claims(article.id):
                    if claim.id != self.claim.id and claim.status != "rejected":
                        self._corpus.append((Entry(mention(claim, article), "", linked=False).haystack(), claim))
        listed = {e.claim.id for e in self.entries}
        matches = [claim for haystack, claim in self._corpus
                   if claim.id not in listed and all(w in haystack for w in words)]
        mine = self._profile(self.claim)
        entries = []
        for claim in matches[:10 * self.FOUND]:
            pair = explain(mine, self._profile(claim)) if mine is not None else None
            entries.append(Entry(mention(claim, self.session.article(claim.article)),
                                 pair.type if pair else "related", linked=False,
                                 score=pair.score if pair else 0.0, reasons=pair.reasons if pair else ()))
        entries.sort(key=lambda e: (-own_matches(e, words), -(e.score or 0.0)))
        return entries[:self.FOUND]

    def _profile(self, claim: ReviewClaim) -> ClaimProfile | None:
        """The claim's link profile (what it counts, its value and date …), to score it as a partner."""
        if claim.id not in self._profiles:
            article = self.session.article(claim.article)
            position = self.session.articles.index(article)
            for profile in profile_claims(self.session.claims(article.id), article, position):
                self._profiles[profile.claim_id] = profile
        return self._profiles.get(claim.id)

    @property
    def current(self) -> Entry | None:
        chosen = self.highlighted_id
        return next((e for e in self.shown if e.claim.id == chosen), None) if chosen else None

    def chosen(self, option_id: str) -> None:
        entry = next((e for e in self.shown if e.claim.id == option_id), None)
        if entry is None:
            return
        if entry.linked:
            self.notify(f"Already linked as {entry.type}: 1-4 change the type, L unlinks.", markup=False)
            return
        self.link_to(entry, entry.type)

    def action_link(self, link_type: str) -> None:
        if self.current is not None:
            self.link_to(self.current, link_type)

    def link_to(self, entry: Entry, link_type: str) -> None:
        try:
            touched = keep(self.app, self.session, lambda: link(self.session, self.claim, entry.claim, link_type))
        except (SessionError, ValueError) as error:
            self.notify(str(error), title="Not linked", severity="error", markup=False)
            return
        verb = "Relinked" if entry.linked else "Linked"
        self.dismiss(Outcome(refresh=touched if touched is not None else ("*",), message=f"{verb} as {link_type}: {self.claim.text} and "
                                                      f"{entry.claim.text} ({entry.mention.outlet})"))

    def action_unlink(self) -> None:
        entry = self.current
        if entry is None or not entry.linked:
            self.notify("Not linked: choose a linked claim (at the top) to unlink it.", markup=False)
            return
        try:
            touched = keep(self.app, self.session, lambda: unlink(self.session, self.claim, entry.claim))
        except SessionError as error:
            self.notify(str(error), title="Not unlinked", severity="error", markup=False)
            return
        self.dismiss(Outcome(refresh=touched if touched is not None else ("*",), message=f"Unlinked {self.claim.text} and {entry.claim.text} "
                                                      f"({entry.mention.outlet})"))
