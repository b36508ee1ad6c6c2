"""Dialogs that filter a list as one types — the search, the label picker and the link picker — all behave
the same way, defined here once:

- the filter box has the focus, and every printable key typed there is text (digits too);
- ``↑`` ``↓`` ``pgup`` ``pgdn`` move the list's highlight while the filter keeps the focus;
- ``enter`` chooses the highlighted entry (the list is brought up to date with what was typed first);
- typing puts the highlight on the dialog's best entry for the new text; a refill for the same text (the
  data changed) keeps it on the same entry while that entry is still listed;
- ``tab`` moves to the list, where the dialog's own keys (the link picker's ``1``–``4``) work; any other
  printable key pressed there goes back to the filter box and is typed into it;
- ``escape`` closes the dialog with nothing.

A dialog subclasses :class:`FilteredListScreen` and gives :meth:`~FilteredListScreen.options` (the entries
for what was typed, each Option with a stable id) and :meth:`~FilteredListScreen.chosen`.

A dialog whose entries take a search too slow for a key (the corpus search, the link picker's search of
every claim) says what it :meth:`~FilteredListScreen.searches` and gives
:meth:`~FilteredListScreen.search_in_worker`: once typing pauses (:attr:`~FilteredListScreen.TYPING_PAUSE`),
it runs in a worker thread
(one at a time: a newer search cancels the older), and what it finds is handed to
:meth:`~FilteredListScreen.found` on the app's thread — only while it is still what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

Result = TypeVar("Result")

LIST_KEYS = [
    Binding("escape", "cancel", "Close"),
    Binding("down", "move('down')", show=False),
    Binding("up", "move('up')", show=False),
    Binding("pagedown", "move('page_down')", show=False),
    Binding("pageup", "move('page_up')", show=False),
]


class FilterBox(Input):
    """The filter: plain text, never selected on focus (a key typed from the list is appended)."""

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(value, select_on_focus=False, compact=True, **kwargs)

    def _watch_value(self, value: str) -> None:
        """Input's, without laying the whole screen out at every letter: Input gives itself a new virtual
        size (its text's width) as a reactive that lays the screen out, which only a box sized by its
        text needs; this box's size is set, and its scrolling reads the virtual size as set here."""
        if self.is_mounted and not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)


class FilteredListScreen(ModalScreen[Result]):
    """A dialog with one :class:`FilterBox` over one OptionList (see the module for the keys)."""

    BINDINGS = LIST_KEYS
    TYPING_PAUSE = 0.08  # seconds of quiet typing before search_in_worker runs (a search per key would queue up)
    REFILL_WHILE_TYPING = True  # refill at every key (False: only when the search's results come)

    class Found(Message):
        """What the search for ``typed`` found since its last message; ``done``: it has finished."""

        def __init__(self, typed: str, results: Any, done: bool) -> None:
            self.typed = typed
            self.results = results
            self.done = done
            super().__init__()

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        self.typed = typed
        self.searching = False  # a search for what is typed is under way (or waits for typing to pause)
        self._typing_timer = None
        self._filled_for: str | None = None  # what was typed when the list was last filled

    @property
    def filter_box(self) -> FilterBox:
        return self.query_one(FilterBox)

    @property
    def option_list(self) -> OptionList:
        return self.query_one(OptionList)

    # -- what a dialog defines -------------------------------------------------------------------

    def options(self, typed: str) -> tuple[list[Option], int]:
        """The entries for ``typed`` (each with an id that names the same entry at every refill) and the
        index to highlight when the highlighted entry is no longer listed."""
        raise NotImplementedError

    def chosen(self, option_id: str) -> None:
        """The reviewer chose this entry (enter, or a click)."""
        raise NotImplementedError

    def filled(self, count: int) -> None:
        """The list was refilled with ``count`` entries (say so, or why there are none)."""

    def searches(self, typed: str) -> bool:
        """Whether ``typed`` is searched (:meth:`search_in_worker`) once typing pauses: never, unless a dialog says."""
        return False

    def search_in_worker(self, typed: str, found: Callable[[Any, bool], None], cancelled: Callable[[], bool]) -> None:
        """Search for ``typed``, in a worker thread: hand what is found to ``found(results, done)`` (once, or
        in parts, the last with ``done`` true); stop when ``cancelled()`` (typing went on)."""
        raise NotImplementedError

    def found(self, typed: str, results: Any, done: bool) -> None:
        """What the search for ``typed`` — still what is typed — found (see :meth:`search_in_worker`)."""

    # -- the shared behaviour --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.refill()
        self.filter_box.focus()

    def refill(self) -> None:
        """Fill the list for what is typed now; for the same text as before, the highlight stays on its entry."""
        listed = self.option_list
        kept = self.highlighted_id if self._filled_for == self.typed else None
        self._filled_for = self.typed
        options, default = self.options(self.typed)
        if options:
            listed.set_options(options)  # at once: an empty list in between would lay the screen out twice
            ids = [option.id for option in options]
            listed.highlighted = ids.index(kept) if kept in ids else max(0, min(default, len(options) - 1))
        else:
            listed.clear_options()
        self.filled(len(options))

    @property
    def highlighted_id(self) -> str | None:
        listed = self.option_list
        if listed.highlighted is None or not listed.option_count:
            return None
        return listed.get_option_at_index(listed.highlighted).id

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.filter_box:
            return
        event.stop()
        self.typed = event.value
        self._search_later()
        if self.REFILL_WHILE_TYPING:
            self.refill()

    # -- the search, once typing pauses, in a worker -------------------------------------------------

    def _search_later(self) -> None:
        self._stop_typing_timer()
        self.searching = self.searches(self.typed)
        if self.searching:
            self._typing_timer = self.set_timer(self.TYPING_PAUSE, self._search_now)
        else:
            self.workers.cancel_group(self, "filter-search")

    def _stop_typing_timer(self) -> None:
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None

    def _search_now(self) -> None:
        self._typing_timer = None
        typed = self.typed

        def work() -> None:
            worker = get_current_worker()

            def found(results: Any, done: bool) -> None:
                if not worker.is_cancelled:
                    self.post_message(self.Found(typed, results, done))

            self.search_in_worker(typed, found, lambda: worker.is_cancelled)

        self.run_worker(work, thread=True, exclusive=True, group="filter-search", exit_on_error=False)

    def on_filtered_list_screen_found(self, message: Found) -> None:
        message.stop()
        if message.typed != self.typed:  # typing went on meanwhile: a newer search is coming
            return
        self.searching = not message.done
        self.found(message.typed, message.results, message.done)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.filter_box:
            return
        event.stop()
        if self._filled_for != self.typed:  # typed faster than the search: the list must show it first
            self._stop_typing_timer()
            self.refill()
        chosen = self.highlighted_id
        if chosen is not None:
            self.chosen(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.chosen(event.option.id)

    def action_move(self, how: str) -> None:
        getattr(self.option_list, f"action_{'cursor_' if how in ('up', 'down') else ''}{how}")()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        """On the list, a printable key that is not one of the dialog's keys is typed into the filter."""
        if not self.option_list.has_focus or not event.is_printable or event.key in self._own_keys():
            return
        event.stop()
        event.prevent_default()
        box = self.filter_box
        box.focus()
        box.cursor_position = len(box.value)
        box.insert_text_at_cursor(event.character or "")

    def _own_keys(self) -> set[str]:
        return {key.strip() for binding in self.BINDINGS for key in binding.key.split(",")}
