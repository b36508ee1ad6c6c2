"""Search the corpus (text, claims, entities): results as you type; ``enter`` jumps there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.search import Hit, search

from .list_keys import LIST_KEYS, FilteredListKeys

KIND_STYLES = {"claim": "bold #ffd75f", "entity": "bold #87afff", "text": "dim", "title": "bold"}


class SearchScreen(FilteredListKeys, ModalScreen[Hit | None]):
    """Type a query; the list shows hits with their article; ``enter`` dismisses with the hit."""

    CSS_PATH = "search.tcss"
    BINDINGS = [Binding("escape", "cancel", "Close"), *LIST_KEYS]
    LIMIT = 200

    def __init__(self, session, query: str = "") -> None:
        super().__init__()
        self.session = session
        self.query_text = query
        self.hits: list[Hit] = []
        self._timer = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Static(Content.assemble(("Search the corpus", "bold"), ("  text, claims, entities", "dim")),
                         id="search-title")
            yield Input(self.query_text, placeholder="words to find", id="search-input", compact=True)
            yield Static(Content(""), id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self.run_search()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.run_search)

    def run_search(self) -> None:
        self.hits = search(self.session, self.query_text, limit=self.LIMIT)
        results = self.query_one(OptionList)
        results.clear_options()
        options = []
        for i, hit in enumerate(self.hits):
            title = self.session.article(hit.article).title
            label = hit.kind if not hit.detail else f"{hit.kind} {hit.detail}"
            options.append(Option(Content.assemble((f"{label:<16}", KIND_STYLES.get(hit.kind, "")), (title, "bold"),
                                                    "\n  ", hit.snippet), id=str(i)))
        results.add_options(options)
        if options:
            results.highlighted = 0
        count = len(self.hits)
        more = "+" if count >= self.LIMIT else ""
        note = "" if self.session.extracted_count >= len(self.session.articles) else \
            "  (claims and entities of articles still being extracted are not searched yet)"
        self.query_one("#search-count", Static).update(
            Content(f"{count}{more} hit{'s' if count != 1 else ''}{note}" if self.query_text.strip() else ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self.run_search()
        results = self.query_one(OptionList)
        if results.highlighted is not None and self.hits:
            self.dismiss(self.hits[results.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.hits[int(event.option.id)])
