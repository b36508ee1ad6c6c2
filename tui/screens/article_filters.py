"""The article list's filters: how they are named in the list's title, and the dialogs that set the outlet
(``O``) and the date range (``D``). Pending only (``P``) and contradictions only (``C``) are toggles of the
review screen; every filter is a query of the corpus index
(:class:`~claimdesk.annotations.index.Filter`).
"""

from __future__ import annotations

import re

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.sanitize import clean_line

from .filtered_list import FilterBox, FilteredListScreen

EVERY = "*"  # the option id of "every outlet"
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def describe_filter(where, *, team: bool) -> str:
    """The filters that are on, for the list's title: "AP · 2020-10-01…2020-10-15 · pending · mine"."""
    if where is None:
        return ""
    parts = []
    if where.outlet is not None:
        parts.append(clean_line(where.outlet) or "no outlet")
    if where.since or where.until:
        parts.append(f"{where.since or '…'}…{where.until or '…'}" if where.since and where.until else
                     f"from {where.since}" if where.since else f"until {where.until}")
    if where.pending:
        parts.append("pending")
    if where.contradictions:
        parts.append("contradictions")
    if team:
        parts.append("mine" if where.assigned else "all")
    return " · ".join(parts)


def full_date(typed: str, *, end: bool) -> str | None:
    """An ISO date from "2020", "2020-10" or "2020-10-05" (the first day of a year or month, or its last
    with ``end``); "" for nothing typed; None for anything else."""
    typed = typed.strip()
    if not typed:
        return ""
    found = DATE.match(typed)
    if found is None:
        return None
    year, month, day = found.groups()
    if (month is not None and not 1 <= int(month) <= 12) or (day is not None and not 1 <= int(day) <= 31):
        return None
    month = month or ("12" if end else "01")
    return f"{year}-{month}-{day or ('31' if end else '01')}"


class OutletPicker(FilteredListScreen[tuple[str | None] | None]):
    """Pick the outlet to list, with its number of articles (typing filters). Dismisses with ``(outlet,)``
    (``(None,)``: every outlet), or None."""

    CSS_PATH = "article_filters.tcss"

    def __init__(self, outlets: list[tuple[str, int]], current: str | None) -> None:
        super().__init__()
        self.outlets = outlets
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content.styled("List the articles of", "bold"), id="picker-title")
            yield FilterBox(placeholder="type to filter, enter to choose", id="picker-filter")
            yield OptionList(id="picker-options")

    def options(self, typed: str) -> tuple[list[Option], int]:
        key = typed.strip().lower()
        options = [] if key else [Option(Content.styled("every outlet", "italic"), id=EVERY)]
        for number, (outlet, count) in enumerate(self.outlets):
            name = clean_line(outlet) or "no outlet named"
            if key in name.lower():
                options.append(Option(Content.assemble((name, "bold"), (f"  {count:,}", "dim")), id=str(number)))
        current = next((i for i, o in enumerate(options) if o.id != EVERY and self.outlets[int(o.id)][0] ==
                        self.current), 0)
        return options, current

    def chosen(self, option_id: str) -> None:
        self.dismiss((None,) if option_id == EVERY else (self.outlets[int(option_id)][0],))


class DateRangeScreen(ModalScreen[tuple[str, str] | None]):
    """Type the first and last dates to list ("2020", "2020-10" or "2020-10-05"; either may stay empty).
    Dismisses with (since, until) as ISO dates ("" for an open end), or None."""

    CSS_PATH = "article_filters.tcss"
    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, since: str, until: str, corpus_range: tuple[str, str] | None) -> None:
        super().__init__()
        self.since, self.until = since, until
        self.corpus_range = corpus_range

    def compose(self) -> ComposeResult:
        known = (f"articles are dated {self.corpus_range[0]} to {self.corpus_range[1]}" if self.corpus_range
                 else "no article states a date")
        with Vertical(id="picker"):
            yield Static(Content.assemble(("List the articles dated", "bold"), "\n", (known, "dim")),
                         id="picker-title")
            yield Input(self.since, placeholder="from (YYYY-MM-DD, YYYY-MM or YYYY; empty: the first)",
                        compact=True, id="dates-since")
            yield Input(self.until, placeholder="until (empty: the last)", compact=True, id="dates-until")
            yield Static(Content(""), id="dates-error")

    def on_mount(self) -> None:
        self.query_one("#dates-since", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        since = full_date(self.query_one("#dates-since", Input).value, end=False)
        until = full_date(self.query_one("#dates-until", Input).value, end=True)
        if since is None or until is None:
            self.query_one("#dates-error", Static).update(
                Content.styled("Dates look like 2020-10-05, 2020-10 or 2020.", "$error"))
            return
        if since and until and since > until:
            self.query_one("#dates-error", Static).update(Content.styled("The first date is after the last.", "$error"))
            return
        self.dismiss((since, until))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up"):  # move between the two boxes
            event.stop()
            self.focus_next() if event.key == "down" else self.focus_previous()

    def action_cancel(self) -> None:
        self.dismiss(None)
