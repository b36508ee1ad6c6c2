"""Every command of the app, defined once: its key, its palette title and its help line.

``BINDINGS``, the command palette and the help screen are all derived from ``COMMANDS``, so a key
can never be documented in one place and bound differently in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    id: str
    keys: str  # Textual key names, comma-separated: "j,down"
    title: str  # palette entry and footer label
    help: str  # the help screen's line
    action: str  # the app action it runs
    group: str = "Navigation"
    show: bool = True  # shown in the footer

    @property
    def key_display(self) -> str:
        names = {"question_mark": "?", "right_square_bracket": "]", "left_square_bracket": "[",
                 "slash": "/", "down": "↓", "up": "↑", "tab": "tab", "shift+tab": "shift+tab"}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


COMMANDS: list[Command] = [
    Command("next_article", "right_square_bracket", "Next article", "Open the next article", "next_article"),
    Command("previous_article", "left_square_bracket", "Previous article", "Open the previous article",
            "previous_article"),
    Command("focus_next", "tab", "Next pane", "Move to the next pane", "focus_next", show=False),
    Command("focus_previous", "shift+tab", "Previous pane", "Move to the previous pane", "focus_previous",
            show=False),
    Command("help", "question_mark", "Help", "Show every key", "show_help", group="App"),
    Command("palette", "ctrl+p", "Commands", "Open the command palette", "command_palette", group="App",
            show=False),
    Command("quit", "q", "Quit", "Quit claimdesk (every decision is already saved)", "quit", group="App"),
]

# Keys that widgets bind for themselves (listed on the help screen; not app bindings).
WIDGET_KEYS: list[tuple[str, str, str]] = [
    ("j k ↑ ↓", "Move in the focused list, or scroll the reader", "Navigation"),
    ("enter", "Open the highlighted article", "Navigation"),
    ("home end pgup pgdn", "Jump in the focused pane", "Navigation"),
]


def bindings() -> list[Binding]:
    return [
        Binding(c.keys, c.action, c.title, show=c.show, key_display=c.key_display, id=c.id)
        for c in COMMANDS
        if c.id != "palette"  # the App binds ctrl+p itself
    ]


class CommandsProvider(Provider):
    """The command palette's entries: every command, by title, with its key."""

    def _commands(self):
        return [c for c in COMMANDS if c.id != "palette"]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(f"{command.title}  ({command.key_display})",
                               partial(self.app.run_action, command.action), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), partial(self.app.run_action, command.action),
                          help=command.help)
