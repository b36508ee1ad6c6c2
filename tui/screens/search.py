"""Search the corpus (titles, text, claims) as you type: the best articles first, each with a passage where the
words are; ``enter`` opens the highlighted one where they are (the claim, else the words).

The search is the corpus index's full-text search (FTS5, ranked; :meth:`CorpusIndex.search
<claimdesk.annotations.index.CorpusIndex.search>`) over the articles the list shows (its filters),
run in a worker once typing pauses, so no key waits for it (the search of every filtered list, as are
its keys: :mod:`.filtered_list`). The query is kept by the review screen and shown (selected, so
typing replaces it) the next time the search opens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

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
    REFILL_WHILE_TYPING = False  # the list is the search's: refilled when its results come
    LIMIT = 50

    def __init__(self, index, where=None, query: str = "", within: str = "") -> None:
        """``index``: the corpus index; ``where``: the article list's filters (``within`` names them)."""
        super().__init__(query)
        self.index = index
        self.where = where
        self.within = within
        self.hits: list = []
        self._found: tuple[str, list] | None = None  # the last search's text and hits

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

    def searches(self, typed: str) -> bool:
        return True  # the empty text too: the list is emptied

    def search_in_worker(self, typed: str, found, cancelled) -> None:
        found(self.search(typed), True)

    def found(self, typed: str, results: list, done: bool) -> None:
        self._found = (typed, results)
        self.refill()

    # -- the list --------------------------------------------------------------------------------

    def options(self, typed: str) -> tuple[list[Option], int]:
        found = self._found[1] if self._found is not None and self._found[0] == typed else self.search(typed)
        self.hits = found
        return [hit_option(hit) for hit in found], 0

    def filled(self, count: int) -> None:
        more = "+" if count >= self.LIMIT else ""
        self.query_one("#search-count", Static).update(
            Content(f"{count}{more} article{'s' if count != 1 else ''}" if self.typed.strip() else ""),
            layout=False)  # one line, always

    def chosen(self, option_id: str) -> None:
        self.dismiss(next(hit for hit in self.hits if hit.id == option_id))
