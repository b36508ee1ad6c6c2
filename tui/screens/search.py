"""Search the corpus (titles, text, claims) as you type: the best articles first, each with a passage where the
words are; ``enter`` opens the highlighted one where they are (the claim, else the words).

The search is the corpus index's full-text search (FTS5, ranked; :meth:`CorpusIndex.search
<claimdesk.annotations.index.CorpusIndex.search>`) over the articles the list shows (its filters),
run in a worker once typing pauses, so no key waits for it. The keys are those of every filtered list
(:mod:`.filtered_list`). The query is kept by the review screen and shown (selected, so typing
replaces it) the next time the search opens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from claimdesk.annotations.sanitize import clean_line

from .filtered_list import FilterBox, FilteredListScreen

MARK = "bold $accent"  # the words found, in a passage


def hit_option(hit) -> Option:
    """A found article: its title and outlet path, then the passage with the words found marked."""
    passage = Content(hit.snippet)
    for start, end in hit.marks:
        passage = passage.stylize(MARK, start, end)
    return Option(Content.assemble((clean_line(hit.title), "bold"), ("  " + clean_line(hit.path), "dim"),
                                   "\n  ", passage), id=hit.id)


class SearchScreen(FilteredListScreen):
    """Type a query; the list shows the articles found; ``enter`` dismisses with the highlighted one (an
    index :class:`~claimdesk.annotations.index.Hit`), or None."""

    CSS_PATH = "search.tcss"
    TYPING_PAUSE = 0.08  # seconds of quiet typing before a search starts (a search per key would queue up)
    LIMIT = 50

    class Found(Message):
        """What the worker found for ``typed``."""

        def __init__(self, typed: str, hits: list) -> None:
            self.typed = typed
            self.hits = hits
            super().__init__()

    def __init__(self, index, where=None, query: str = "", within: str = "") -> None:
        """``index``: the corpus index; ``where``: the article list's filters (``within`` names them)."""
        super().__init__(query)
        self.index = index
        self.where = where
        self.within = within
        self.hits: list = []
        self._found: tuple[str, list] | None = None  # the last search's text and hits
        self._typing_timer = None
        self._listed_for: str | None = None

    @property
    def query_text(self) -> str:
        return self.typed

    def compose(self) -> ComposeResult:
        where = f"  titles, text, claims{' · within ' + self.within if self.within else ''}"
        with Vertical(id="search"):
            yield Static(Content.assemble(("Search the corpus", "bold"), (where, "dim")), id="search-title")
            yield FilterBox(self.typed, placeholder="words to find", id="search-input")
            yield Static(Content(""), id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        super().on_mount()
        if self.typed:
            self.filter_box.select_all()  # the last query, ready to be typed over

    # -- searching -------------------------------------------------------------------------------

    def search(self, typed: str) -> list:
        filters = () if self.where is None else (self.where,)
        return self.index.search(typed, *filters, limit=self.LIMIT) if typed.strip() else []

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search once typing pauses, in a worker (not at every key on the UI thread, as other lists do)."""
        if event.input is not self.filter_box:
            return
        event.stop()
        event.prevent_default()
        self.typed = event.value
        if self._typing_timer is not None:
            self._typing_timer.stop()
        self._typing_timer = self.set_timer(self.TYPING_PAUSE, self._search_in_background)

    def _search_in_background(self) -> None:
        self._typing_timer = None
        typed = self.typed

        def work() -> None:
            hits = self.search(typed)
            if not get_current_worker().is_cancelled:
                self.post_message(self.Found(typed, hits))

        self.run_worker(work, thread=True, exclusive=True, group="search", exit_on_error=False)

    def on_search_screen_found(self, message: Found) -> None:
        if message.typed == self.typed:  # (typing went on meanwhile: a newer search is coming)
            self._found = (message.typed, message.hits)
            self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """``enter`` before the results of what was typed are in: search now (then the list chooses)."""
        if event.input is self.filter_box and self._listed_for != self.typed:
            if self._typing_timer is not None:
                self._typing_timer.stop()
                self._typing_timer = None
            self.refill()

    # -- the list --------------------------------------------------------------------------------

    def options(self, typed: str) -> tuple[list[Option], int]:
        found = self._found[1] if self._found is not None and self._found[0] == typed else self.search(typed)
        self._listed_for = typed
        self.hits = found
        return [hit_option(hit) for hit in found], 0

    def filled(self, count: int) -> None:
        more = "+" if count >= self.LIMIT else ""
        self.query_one("#search-count", Static).update(
            Content(f"{count}{more} article{'s' if count != 1 else ''}" if self.typed.strip() else ""),
            layout=False)  # one line, always

    def chosen(self, option_id: str) -> None:
        self.dismiss(next(hit for hit in self.hits if hit.id == option_id))
