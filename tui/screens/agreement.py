"""The agreement screen (``A`` in a team project): how much the reviewers agree, and where they do not.

Measured in a worker from every reviewer's store as it is now (read-only snapshots) and the session's
extraction (for entity agreement); ``r`` measures again, ``x`` writes the report beside the project
(``agreement.json`` and ``disagreements.csv``), ``escape`` closes.
"""

from __future__ import annotations

import io
import json

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from claimdesk.annotations.atomic_file import AtomicWriteError, atomic_write_bytes
from claimdesk.annotations.team.report import project_agreement, report_json, report_lines, write_disagreements_csv

KEYS = Content.assemble(("r", "bold"), " measure again  ", ("x", "bold"), " write agreement.json and "
                        "disagreements.csv  ", ("esc", "bold"), " close")


class AgreementScreen(ModalScreen[None]):
    """The project's agreement figures and disagreements."""

    CSS_PATH = "agreement.tcss"
    BINDINGS = [
        Binding("r", "measure", "Measure again"),
        Binding("x", "write", "Write report"),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, project, session) -> None:
        super().__init__()
        self.project = project
        self.session = session
        self.report = None
        self._worker: Worker | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="agreement-box") as box:
            box.border_title = f"Agreement · {self.project.name}"
            with VerticalScroll(id="agreement-body"):
                yield Static(Content("measuring…"), id="agreement-text")
            yield Static(KEYS, id="agreement-keys")

    def on_mount(self) -> None:
        self.action_measure()

    def action_measure(self) -> None:
        if self._worker is None or not self._worker.is_running:
            self._worker = self.measure()

    @work(thread=True, exclusive=True, group="agreement", exit_on_error=False)
    def measure(self):
        return project_agreement(self.project, self.session)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        text = self.query_one("#agreement-text", Static)
        if event.state == WorkerState.SUCCESS:
            self.report = event.worker.result
            articles = {a.id: a for a in self.session.articles}
            lines = report_lines(self.report, self.project.name, articles)
            text.update(Content("\n".join(lines)))
        elif event.state == WorkerState.ERROR:
            text.update(Content(f"Could not measure: {event.worker.error}"))

    def action_write(self) -> None:
        if self.report is None:
            self.notify("Still measuring.", markup=False)
            return
        articles = {a.id: a for a in self.session.articles}
        csv_text = io.StringIO()
        write_disagreements_csv(self.report, csv_text, articles)
        data = json.dumps(report_json(self.report, articles), ensure_ascii=False, indent=1) + "\n"
        try:
            atomic_write_bytes(self.project.root / "agreement.json", data.encode("utf-8"))
            atomic_write_bytes(self.project.root / "disagreements.csv", csv_text.getvalue().encode("utf-8"))
        except AtomicWriteError as error:
            self.notify(f"Not written: {error.reason}", severity="error", markup=False)
            return
        self.notify(f"Wrote agreement.json and disagreements.csv in {self.project.root}", markup=False)

    def action_close(self) -> None:
        if self._worker is not None and self._worker.is_running:
            self._worker.cancel()
        self.dismiss(None)
