"""The link picker: a claim's links and its ranked partners in other articles; link, retype, unlink.

The claim's existing links come first, then the suggestions, best first, each with its outlet,
date, value and sentence. Typing filters by the starts of words (numbers too: "11,000") and searches
every claim of the corpus, not only the suggestions: the suggestions are filtered at once, and once
typing pauses a worker looks for the words in the corpus
(:mod:`claimdesk.annotations.links.claim_search`: the articles the index finds them in, and those
whose claims it does not hold yet), the claims it finds listed as they come, so no key waits for it
whatever the corpus's size (the typing pause and the worker are those of every filtered list).
``enter`` links the highlighted claim with the proposed type. From the list (``tab``), ``1``–``4``
link as same, update, contradicts or related (on a linked claim: change the type) and ``L`` unlinks.
The keys are those of every filtered list (:mod:`.filtered_list`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.links import LINK_TYPES, link, unlink
from claimdesk.annotations.links.claim_search import haystack, matches, matching_claims, typed_words
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

    @cached_property
    def haystack(self) -> str:
        """What typed words are looked for in."""
        return haystack(self.mention, self.type, self.linked)


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
    own = f"{entry.claim.text} {entry.mention.value}".lower()
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
    SEARCHED = 10 * FOUND  # claims the corpus search finds before it stops (the best FOUND of them shown)
    WIDTH = 110  # the dialog's width (link_picker.tcss), on a screen wide enough
    POST_EVERY = 0.1  # seconds between the batches of found claims the search sends to the list

    def __init__(self, session, claim: ReviewClaim, index) -> None:
        """``index``: a built :class:`~claimdesk.annotations.links.SuggestionIndex`, or None while it builds."""
        super().__init__()
        self.session = session
        self.claim = claim
        self.index = index
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.corpus_found: list[Entry] = []  # what the corpus search found for ``self._found_for`` so far
        self._found_for: str | None = None
        self._profiles: dict[str, ClaimProfile] = {}  # written by the search worker only

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
        words = typed_words(typed)
        self.shown = [e for e in self.entries if matches(words, e.haystack)]
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
            empty = ("Searching every claim of the corpus…" if self.searching
                     else "No claim in the corpus matches the filter.")
        elif self.index is None:
            empty = "Suggestions are still being ranked in the background: type to search every claim."
        else:
            empty = "No suggestions: no claim in another article counts the same thing (yet). Type to search."
        self.query_one("#link-empty", Static).update(Content(empty))
        self.query_one("#link-empty").display = bool(empty)

    def found_entries(self, words: list[str]) -> list[Entry]:
        """The claims the corpus search found so far that match every word (those found for fewer letters
        still match or are left out), best partners first."""
        found = [e for e in self.corpus_found if matches(words, e.haystack)]
        found.sort(key=lambda e: (-own_matches(e, words), -(e.score or 0.0)))
        return found[:self.FOUND]

    # -- the corpus search, in a worker --------------------------------------------------------------

    def searches(self, typed: str) -> bool:
        return bool(typed.split())  # the suggestions alone are listed for no words

    def search_in_worker(self, typed: str, found, cancelled) -> None:
        """The claims of the corpus matching ``typed``, sent to the list in batches as they come."""
        listed = frozenset({self.claim.id} | {e.claim.id for e in self.entries})
        after_keys = getattr(self.app, "after_keys", None)  # the review app: wait while keys come
        stop = after_keys(cancelled) if after_keys else cancelled
        batch: list[Entry] = []
        posted = time.monotonic()
        for claims in matching_claims(self.session, typed, listed, self.SEARCHED, stop):
            batch += [self._entry(m) for m, _ in claims]
            if time.monotonic() - posted >= self.POST_EVERY:
                found(batch, False)
                batch, posted = [], time.monotonic()
        found(batch, True)

    def found(self, typed: str, results: list[Entry], done: bool) -> None:
        if self._found_for != typed:
            self.corpus_found, self._found_for = [], typed
        # a query typed again ("times3", backspace) is searched again: its claims are listed once
        known = {e.claim.id for e in self.corpus_found}
        for entry in results:
            if entry.claim.id not in known:
                known.add(entry.claim.id)
                self.corpus_found.append(entry)
        self.refill()

    def _entry(self, found: Mention) -> Entry:
        """A claim the search found, scored as a partner of the picker's claim."""
        mine = self._profile(self.claim)
        pair = explain(mine, self._profile(found.claim)) if mine is not None else None
        return Entry(found, pair.type if pair else "related", linked=False,
                     score=pair.score if pair else 0.0, reasons=pair.reasons if pair else ())

    def _profile(self, claim: ReviewClaim) -> ClaimProfile | None:
        """The claim's link profile (what it counts, its value and date …), to score it as a partner."""
        if claim.id not in self._profiles:
            article = self.session.article(claim.article)
            # the article's place in the corpus is no part of a pair's score (looking it up walks the corpus)
            for profile in profile_claims(self.session.claims(article.id), article, 0):
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
