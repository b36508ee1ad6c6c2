"""The help screen: every key, from the one command table (and the keys widgets bind); a wrapped line
stays under its text, not under the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands import COMMANDS, WIDGET_KEYS
from ..widgets.hanging import Row, wrap_rows

KEYS_WIDTH = 22  # the keys column


def help_rows() -> list[Row]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for command in COMMANDS:
        groups.setdefault(command.group, []).append((command.key_display, command.help))
    for keys, text, group in WIDGET_KEYS:
        groups.setdefault(group, []).append((keys, text))
    rows: list[Row] = []
    for group, entries in groups.items():
        rows.append(Content.styled(group, "bold $accent"))
        rows += [(Content.styled(f"  {keys:<{KEYS_WIDTH - 2}}", "bold"), Content(text)) for keys, text in entries]
        rows.append(Content(""))
    rows.append(Content.styled("Press escape, q or ? to close.", "dim"))
    return rows


class HelpText(Static):
    """The help rows, wrapped again whenever the width changes."""

    def on_resize(self) -> None:
        self.update(Content("\n").join(wrap_rows(help_rows(), self.content_region.width)))


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            yield HelpText(Content("\n").join(wrap_rows(help_rows(), 200)), id="help-text")
