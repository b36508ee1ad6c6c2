"""The help screen: every key, from the one command table (and the keys widgets bind)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands import COMMANDS, WIDGET_KEYS


def help_text() -> Content:
    rows: dict[str, list[tuple[str, str]]] = {}
    for command in COMMANDS:
        rows.setdefault(command.group, []).append((command.key_display, command.help))
    for keys, text, group in WIDGET_KEYS:
        rows.setdefault(group, []).append((keys, text))
    parts: list = []
    for group, entries in rows.items():
        parts += [(group, "bold $accent"), "\n"]
        for keys, text in entries:
            parts += [(f"  {keys:<20}", "bold"), text, "\n"]
        parts.append("\n")
    parts.append(("Press escape, q or ? to close.", "dim"))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            yield Static(help_text(), id="help-text")
