"""The keys of a dialog that filters an option list as one types: up and down move the list while the
text box keeps the focus, escape closes the dialog with nothing."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

LIST_KEYS = [Binding("down", "down", show=False), Binding("up", "up", show=False)]


class FilteredListKeys:
    """Actions for :data:`LIST_KEYS` and ``cancel``, for a ModalScreen with one OptionList."""

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
