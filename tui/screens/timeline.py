"""The timeline of a claim's cluster: every mention in date order, a plot of the value, contradictions flagged.

One row per mention (date, outlet, source, value with its qualifier, review status, article);
``enter`` dismisses with a jump to the mention under the cursor.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Sparkline, Static

from claimdesk.annotations.links import Timeline, timeline
from claimdesk.annotations.reviewed import ReviewClaim

from ..outcome import Outcome
from .columns import column_widths, fit, wanted_width

CONTRADICTED = "bold #ff8787"
PLOT_WIDTH = 48  # columns of the value plot
SCALE_WIDTH = 15  # characters of an axis label (timeline.tcss: #timeline-scale is one more)


def plot_data(numbers: list[float], width: int = PLOT_WIDTH) -> list[float]:
    """Each value repeated so that the sparkline shows one bar a mention, as wide as fits."""
    if not numbers:
        return []
    repeat = max(1, width // len(numbers))
    return [n for n in numbers for _ in range(repeat)]


def scale_labels(line: Timeline) -> str:
    """The plot's axis: the highest and the lowest value as the claims say them ("at least 91"), one label
    when every mention gives the same value; never a number no claim says (a range's middle)."""
    plotted = [m for m in line.mentions if m.number is not None]
    if not plotted:
        return ""
    top = max(plotted, key=lambda m: m.number)
    bottom = min(plotted, key=lambda m: m.number)
    if top.number == bottom.number:
        return fit(top.value, SCALE_WIDTH)
    return f"{fit(top.value, SCALE_WIDTH)}\n\n{fit(bottom.value, SCALE_WIDTH)}"


class TimelineScreen(ModalScreen[Outcome | None]):
    """The timeline of the cluster holding ``claim``. Dismisses with a jump, or None."""

    CSS_PATH = "timeline.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    WIDTH = 110  # the dialog's width (timeline.tcss), on a screen wide enough

    def __init__(self, session, claim: ReviewClaim) -> None:
        super().__init__()
        self.session = session
        self.claim = claim
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline") as box:
            box.border_title = "Timeline"
            yield Static(Content(""), id="timeline-title")
            with Horizontal(id="timeline-plot"):
                yield Static(Content(""), id="timeline-scale")
                yield Sparkline([], id="timeline-spark")
            yield DataTable(id="timeline-rows", cursor_type="row", zebra_stripes=False)
            yield Static(Content.assemble(("enter", "bold"), " go to the mention  ", ("esc", "bold"), " close  ",
                                          ("⚠", CONTRADICTED), " contradicted"), id="timeline-keys")

    def on_mount(self) -> None:
        cluster = self.session.cluster_of(self.claim.id)
        if cluster is None:
            self.query_one("#timeline-title", Static).update(Content.assemble(
                ("This claim is not linked to any other yet.", "bold"), "\n",
                "Link it first (l on a claim); its timeline then shows every mention across articles."))
            self.query_one("#timeline-plot").display = False
            self.query_one(DataTable).display = False
            return
        self.timeline = timeline(self.session, cluster.id)
        self.show(self.timeline)
        self.query_one(DataTable).focus()

    def show(self, line: Timeline) -> None:
        articles = len({m.article.id for m in line.mentions})
        summary = f"{len(line.mentions)} mentions in {articles} article{'s' if articles != 1 else ''}"
        parts: list = [(line.name, "bold"), "\n", (summary, "dim")]
        if line.contradictions:
            parts += ["  ", (f"⚠ {line.contradictions} contradicted", CONTRADICTED)]
        if line.missing:
            parts += ["  ", (f"{line.missing} no longer in the corpus", "dim")]
        self.query_one("#timeline-title", Static).update(Content.assemble(*parts))
        numbers = line.numbers
        spark = self.query_one(Sparkline)
        spark.data = plot_data(numbers)
        spark.styles.width = max(1, len(spark.data))
        self.query_one("#timeline-scale", Static).update(Content(scale_labels(line)))
        self.fill(line)

    def fill(self, line: Timeline) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        mentions = line.mentions
        wanted = {
            "flag": 1, "date": 10,
            "outlet": wanted_width("Outlet", (m.outlet for m in mentions)),
            "source": wanted_width("Source", (m.source for m in mentions)),
            "value": wanted_width("Value", (m.value for m in mentions)),
            "status": wanted_width("Status", (m.claim.status for m in mentions)),
            "article": wanted_width("Article", (m.article.title for m in mentions)),
        }
        available = min(self.WIDTH, self.app.size.width) - 7 - 2 * len(wanted)  # borders, scrollbar, padding
        widths = column_widths(available, wanted, ("outlet", "source", "article"))
        for name, width in widths.items():
            table.add_column("" if name == "flag" else name.capitalize(), key=name, width=width)
        for m in mentions:
            style = CONTRADICTED if m.contradicted else ""
            table.add_row(
                Content.styled("⚠" if m.contradicted else "", CONTRADICTED),
                Content(m.date or "undated"),
                Content(fit(m.outlet, widths["outlet"])),
                Content(fit(m.source or "—", widths["source"])),
                Content.styled(fit(m.value, widths["value"]), style or "bold"),
                Content(m.claim.status),
                Content(fit(m.article.title, widths["article"])),
                key=m.claim.id,
            )
        here = line.index_of(self.claim.id)
        if here is not None:
            table.move_cursor(row=here, animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.timeline is None:
            return
        m = self.timeline.mentions[event.cursor_row]
        self.dismiss(Outcome(jump=(m.article.id, m.claim.id)))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
