"""The ledger: every cluster of linked claims with its latest value, range, articles, contradictions, status.

``s`` cycles the sort order, ``enter`` opens the cluster's timeline (whose ``enter`` jumps to a
mention), ``n`` renames the cluster under the cursor.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from claimdesk.annotations.links import SORT_KEYS, LedgerRow, next_sort_key, rename_cluster, sort_rows
from claimdesk.annotations.links.ledger import row_of, timelines
from claimdesk.annotations.session import SessionError
from claimdesk.annotations.store import StoreError

from ..outcome import Outcome
from ..unsaved import keep
from .columns import column_widths, fit, wanted_width
from .timeline import CONTRADICTED, TimelineScreen

KEYS = Content.assemble(("enter", "bold"), " timeline  ", ("s", "bold"), " sort  ", ("n", "bold"), " rename  ",
                       ("esc", "bold"), " close  ", ("⚠", CONTRADICTED), " contradiction")
RENAME_KEYS = Content.assemble(("enter", "bold"), " save the name  ", ("esc", "bold"), " cancel")


class LedgerScreen(ModalScreen[Outcome | None]):
    """Every cluster of the session's store. Dismisses with a jump (from a timeline), or None."""

    CSS_PATH = "ledger.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close"),
        Binding("s", "sort", "Sort"),
        Binding("n", "rename", "Rename"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    WIDTH = 110  # the dialog's width (ledger.tcss), on a screen wide enough

    def __init__(self, session, sort: str = "latest") -> None:
        super().__init__()
        self.session = session
        self.sort = sort if sort in SORT_KEYS else "latest"
        self.rows: list[LedgerRow] = []
        self.lines: dict = {}  # cluster id → Timeline
        self.renamed: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="ledger") as box:
            box.border_title = "Ledger"
            yield Static(Content(""), id="ledger-title")
            yield DataTable(id="ledger-rows", cursor_type="row", zebra_stripes=False)
            yield Static(Content(""), id="ledger-detail")
            yield Input(placeholder="a name for this ledger entry", id="ledger-name", compact=True)
            yield Static(KEYS, id="ledger-keys")

    def on_mount(self) -> None:
        self.query_one("#ledger-name").display = False
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self, keep: str | None = None) -> None:
        """Read the clusters again and show them in the current order, the cursor on ``keep``."""
        self.lines = {t.cluster_id: t for t in timelines(self.session)}
        self.rows = sort_rows([row_of(t) for t in self.lines.values()], self.sort)
        count = len(self.rows)
        title = [("Clusters: one quantity tracked across articles", "bold"), "\n",
                 (f"{count} cluster{'s' if count != 1 else ''} · sorted by {SORT_KEYS[self.sort][0]}", "dim")]
        self.query_one("#ledger-title", Static).update(Content.assemble(*title))
        self.fill(keep)

    def fill(self, keep: str | None) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        if not self.rows:
            table.display = False
            self.query_one("#ledger-detail", Static).update(Content(
                "No clusters yet. Link claims across articles (l on a claim) and they gather here."))
            return
        table.display = True
        widest = {name: wanted_width(name.capitalize(), (getattr(r, name) for r in self.rows))
                  for name in ("name", "latest", "range", "status")}
        wanted = {"flag": 1, "name": widest["name"], "latest": widest["latest"], "range": widest["range"],
                  "articles": len("Articles"), "status": widest["status"]}
        available = min(self.WIDTH, self.app.size.width) - 7 - 2 * len(wanted)
        widths = column_widths(available, wanted, ("name", "status"))
        for name, width in widths.items():
            table.add_column("" if name == "flag" else name.capitalize(), key=name, width=width)
        for row in self.rows:
            table.add_row(
                Content.styled("⚠" if row.contradiction else "", CONTRADICTED),
                Content.styled(fit(row.name, widths["name"]), "bold"),
                Content(fit(row.latest, widths["latest"])),
                Content(fit(row.range, widths["range"])),
                Content(str(row.articles)),
                Content(fit(row.status, widths["status"])),
                key=row.cluster_id,
            )
        index = next((i for i, r in enumerate(self.rows) if r.cluster_id == keep), 0)
        table.move_cursor(row=index, animate=False)
        self.show_detail()

    @property
    def current(self) -> LedgerRow | None:
        table = self.query_one(DataTable)
        if self.rows and table.display and 0 <= table.cursor_row < len(self.rows):
            return self.rows[table.cursor_row]
        return None

    def show_detail(self) -> None:
        row = self.current
        if row is None:
            return
        date = f" ({row.latest_date})" if row.latest_date else ""
        seen = f" · last dated {row.last_seen}" if row.last_seen and row.last_seen != row.latest_date else ""
        parts: list = [(row.name, "bold"), "\n", "latest ", (row.latest, "bold"), date, " · range ", row.range,
                       f" · {row.mentions} mentions in {row.articles} articles{seen}"]
        if row.contradiction:
            parts += [" · ", ("contradicted", CONTRADICTED)]
        if row.missing:
            parts.append(f" · {row.missing} no longer in the corpus")
        self.query_one("#ledger-detail", Static).update(Content.assemble(*parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current
        line = self.lines.get(row.cluster_id) if row else None
        if line is None or not line.mentions:
            self.notify("None of this cluster's claims is in the corpus any more.", markup=False)
            return
        self.app.push_screen(TimelineScreen(self.session, line.mentions[0].claim), self.after_timeline)

    def after_timeline(self, outcome: Outcome | None) -> None:
        if outcome is not None and outcome.jump is not None:
            self.dismiss(outcome)

    def action_sort(self) -> None:
        row = self.current
        self.sort = next_sort_key(self.sort)
        self.reload(keep=row.cluster_id if row else None)

    def action_rename(self) -> None:
        row = self.current
        if row is None:
            return
        name = self.query_one("#ledger-name", Input)
        name.value = row.name
        name.display = True
        name.focus()
        self.query_one("#ledger-keys", Static).update(RENAME_KEYS)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = self.current
        if row is None:
            return
        try:
            cluster = keep(self.app, self.session, lambda: rename_cluster(self.session, row.cluster_id, event.value))
        except (ValueError, KeyError, SessionError, StoreError) as error:
            self.notify(str(error), title="Not renamed", severity="error", markup=False)
            return
        self.renamed.append(cluster.name if cluster is not None else event.value.strip())
        self.close_rename()
        self.reload(keep=row.cluster_id)

    def close_rename(self) -> None:
        self.query_one("#ledger-name").display = False
        self.query_one("#ledger-keys", Static).update(KEYS)
        self.query_one(DataTable).focus()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_cancel(self) -> None:
        if self.query_one("#ledger-name").display:
            self.close_rename()
            return
        message = f"Renamed: {', '.join(self.renamed)}" if self.renamed else ""
        self.dismiss(Outcome(message=message) if message else None)
