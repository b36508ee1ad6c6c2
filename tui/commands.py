"""Every command of the app, defined once: its key, its palette title and its help line.

``BINDINGS``, the command palette and the help screen are all derived from ``COMMANDS``, so a key
can never be documented in one place and bound differently in another. A command's ``scope`` says
who runs it: the review screen (every review action) or the app (help, the palette, quit).
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
    show: bool = False  # shown in the footer (the keys used most: they fit in 80 columns)
    scope: str = "screen"  # "screen": an action of the review screen; "app": of the app
    footer: str = ""  # the footer's shorter label (default: the title)

    @property
    def key_display(self) -> str:
        names = {"question_mark": "?", "right_square_bracket": "]", "left_square_bracket": "[",
                 "slash": "/", "down": "↓", "up": "↑", "tab": "tab", "shift+tab": "shift+tab", "escape": "esc"}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


COMMANDS: list[Command] = [
    # Review
    Command("next_pending", "n", "Next pending", "Select the next pending claim (on to the next article when "
            "this one is done)", "next_pending", group="Review", show=True, footer="Next"),
    Command("previous_pending", "p", "Previous pending", "Select the previous pending claim", "previous_pending",
            group="Review"),
    Command("accept", "a", "Accept", "Accept the selected claim and move to the next pending one", "accept",
            group="Review", show=True),
    Command("reject", "r", "Reject", "Reject the selected claim and move to the next pending one", "reject",
            group="Review", show=True),
    Command("correct", "e", "Correct", "Correct the selected claim: value, qualifier, what is counted, predicate, "
            "source, date", "correct", group="Review", show=True),
    Command("copy", "y", "Copy citation", "Copy the claim as a citation line (OSC 52, works over SSH)", "copy",
            group="Review"),
    Command("filter", "f", "Filter claims", "Show all / pending / accepted / corrected / rejected claims (cycles)",
            "cycle_filter", group="Review"),
    Command("undo", "u", "Undo", "Undo the latest decision (unlimited, across sessions)", "undo", group="Review",
            show=True),
    Command("redo", "U", "Redo", "Redo the latest undone decision", "redo", group="Review"),
    # Entities and missing annotations
    Command("next_entity", "w", "Next entity", "Move to the next entity in the reader", "next_entity",
            group="Entities"),
    Command("previous_entity", "b", "Previous entity", "Move to the previous entity in the reader",
            "previous_entity", group="Entities"),
    Command("label", "t", "Label", "Change the selected entity's label, or make the text selection an entity",
            "label", group="Entities"),
    Command("remove_entity", "x", "Remove entity", "Remove the selected entity", "remove_entity",
            group="Entities"),
    Command("select", "v", "Select", "Start a keyboard selection in the reader (then c: claim, t: entity)",
            "select", group="Entities"),
    Command("make_claim", "c", "Make claim", "Make the selection a claim (the form opens prefilled)",
            "make_claim", group="Entities"),
    Command("cancel_selection", "escape", "Cancel selection", "Cancel the keyboard selection", "cancel_selection",
            group="Entities", show=True),  # only while a selection is on (ReviewScreen.check_action)
    # Links across articles
    Command("link", "l", "Link", "Link the claim to the same or an evolving figure in other articles (ranked "
            "suggestions; type to search every claim; enter links as proposed; from the list, 1-4 choose the "
            "type)", "link", group="Links"),
    Command("unlink", "L", "Unlink", "Remove the selected claim's links", "unlink", group="Links"),
    Command("timeline", "T", "Timeline", "The timeline of the claim's cluster: every mention, its value over time, "
            "contradictions", "timeline", group="Links"),
    Command("ledger", "g", "Ledger", "Every cluster: latest value, range, articles, contradictions, review status",
            "ledger", group="Links"),
    Command("rules", "R", "Rules", "The rules learned from corrections: matches, precision; switch on/off, delete, "
            "preview", "rules", group="Rules"),
    Command("boilerplate", "B", "Mark as chrome", "Mark the paragraph at the cursor as site chrome (a rule for "
            "lines like it is proposed)", "boilerplate", group="Rules"),
    Command("export", "X", "Export", "Export the reviewed claims: jsonl, csv, prodigy, spacy, w3c, claimreview, brat",
            "export", group="App"),
    # Navigation
    Command("next_article", "right_square_bracket", "Next article", "Open the next article", "next_article"),
    Command("previous_article", "left_square_bracket", "Previous article", "Open the previous article",
            "previous_article"),
    Command("next_article_pending", "N", "Next article with pending work",
            "Open the next article that still has pending claims", "next_article_pending"),
    Command("search", "slash", "Search", "Search the whole corpus: titles, text, claims (ranked, as you type)",
            "search", show=True),
    Command("articles", "o", "Article list", "Show or hide the article list", "toggle_articles"),
    # The article list's filters (each one an index query; the list's title names those on)
    Command("outlet", "O", "Outlet filter", "List the articles of one outlet (or of every outlet)", "outlet",
            group="Article filters"),
    Command("dates", "D", "Date filter", "List the articles dated within a range (either end open)", "dates",
            group="Article filters"),
    Command("pending_only", "P", "Pending only", "List only the articles with claims still pending, or every "
            "article", "pending_only", group="Article filters"),
    Command("contradictions_only", "C", "Contradictions only", "List only the articles with a figure its "
            "cluster contradicts, or every article", "contradictions_only", group="Article filters"),
    Command("clear_filters", "F", "Clear filters", "List every article again (outlet, dates, pending, "
            "contradictions off)", "clear_filters", group="Article filters"),
    # A team project (claimdesk init)
    Command("mine", "m", "Mine / all articles", "In a team project: list only the articles dealt to you, or every "
            "article", "toggle_mine", group="Team"),
    Command("agreement", "A", "Agreement", "In a team project: how much the reviewers agree, and where they "
            "disagree", "agreement", group="Team"),
    Command("focus_next", "tab", "Next pane", "Move to the next pane", "focus_next", scope="app"),
    Command("focus_previous", "shift+tab", "Previous pane", "Move to the previous pane", "focus_previous",
            scope="app"),
    # App
    Command("help", "question_mark", "Help", "Show every key", "show_help", group="App", scope="app", show=True),
    Command("palette", "ctrl+p", "Commands", "Open the command palette", "command_palette", group="App",
            scope="app"),
    Command("quit", "q", "Quit", "Quit claimdesk (every decision is already saved)", "quit", group="App",
            scope="app", show=True),
]

# Keys that widgets bind for themselves (listed on the help screen; not app bindings).
WIDGET_KEYS: list[tuple[str, str, str]] = [
    ("j k ↑ ↓", "Move in the focused list, or move the reader's cursor", "Navigation"),
    ("home end pgup pgdn", "Jump in the focused pane", "Navigation"),
    ("shift+arrows", "Select text in the reader (like v, then moving)", "Entities"),
]


def bindings(scope: str) -> list[Binding]:
    """The key bindings of the commands in ``scope`` ("screen" or "app")."""
    return [
        Binding(c.keys, c.action, c.footer or c.title, show=c.show, key_display=c.key_display, id=c.id)
        for c in COMMANDS
        if c.scope == scope and c.id != "palette"  # the App binds ctrl+p itself
    ]


class CommandsProvider(Provider):
    """The command palette's entries: every command, by title, with its key."""

    def _commands(self):
        return [c for c in COMMANDS if c.id != "palette"]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(f"{command.title}  ({command.key_display})",
                               partial(self.app.run_command, command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), partial(self.app.run_command, command),
                          help=command.help)
