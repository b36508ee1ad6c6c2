"""Search the corpus (text, claims, entities): results as you type; ``enter`` jumps to the highlighted hit.

The keys are those of every filtered list (:mod:`.filtered_list`). The query is kept by the review screen
and shown (selected, so typing replaces it) the next time the search opens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.search import Hit, search

from .filtered_list import FilterBox, FilteredListScreen

KIND_STYLES = {"claim": "bold #ffd75f", "entity": "bold #87afff", "text": "dim", "title": "bold"}


def hit_key(hit: Hit) -> str:
    """An id that names the same hit at every search."""
    return f"{hit.article}:{hit.kind}:{hit.start}:{hit.end}:{hit.claim}"


class SearchScreen(FilteredListScreen[Hit | None]):
    """Type a query; the list shows hits with their article; ``enter`` dismisses with the highlighted hit."""

    CSS_PATH = "search.tcss"
    FILTER_DELAY = 0.15  # a corpus-wide search per key would lag behind fast typing
    LIMIT = 200

    def __init__(self, session, query: str = "") -> None:
        super().__init__(query)
        self.session = session
        self.hits: dict[str, Hit] = {}

    @property
    def query_text(self) -> str:
        return self.typed

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Static(Content.assemble(("Search the corpus", "bold"), ("  text, claims, entities", "dim")),
                         id="search-title")
            yield FilterBox(self.typed, placeholder="words to find", id="search-input")
            yield Static(Content(""), id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        super().on_mount()
        if self.typed:
            self.filter_box.select_all()  # the last query, ready to be typed over

    def options(self, typed: str) -> tuple[list[Option], int]:
        found = search(self.session, typed, limit=self.LIMIT) if typed.strip() else []
        self.hits = {hit_key(hit): hit for hit in found}
        options = []
        for key, hit in self.hits.items():
            title = self.session.article(hit.article).title
            label = hit.kind if not hit.detail else f"{hit.kind} {hit.detail}"
            options.append(Option(Content.assemble((f"{label:<16}", KIND_STYLES.get(hit.kind, "")), (title, "bold"),
                                                    "\n  ", hit.snippet), id=key))
        return options, 0

    def filled(self, count: int) -> None:
        more = "+" if count >= self.LIMIT else ""
        note = "" if self.session.extracted_count >= len(self.session.articles) else \
            "  (claims and entities of articles still being extracted are not searched yet)"
        self.query_one("#search-count", Static).update(
            Content(f"{count}{more} hit{'s' if count != 1 else ''}{note}" if self.typed.strip() else ""))

    def chosen(self, option_id: str) -> None:
        self.dismiss(self.hits[option_id])
