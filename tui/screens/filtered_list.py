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
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

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
    FILTER_DELAY = 0.0  # seconds of quiet typing before the list is refilled (0: at every key)

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        self.typed = typed
        self._refill_timer = None
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

    # -- the shared behaviour --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.refill()
        self.filter_box.focus()

    def refill(self) -> None:
        """Fill the list for what is typed now; for the same text as before, the highlight stays on its entry."""
        if self._refill_timer is not None:
            self._refill_timer.stop()
            self._refill_timer = None
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
        if self._refill_timer is not None:
            self._refill_timer.stop()
        if self.FILTER_DELAY:
            self._refill_timer = self.set_timer(self.FILTER_DELAY, self.refill)
        else:
            self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.filter_box:
            return
        event.stop()
        if self._refill_timer is not None:  # typed faster than the delay: the list must show it first
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
