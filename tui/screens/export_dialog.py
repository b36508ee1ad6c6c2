"""The export dialog: choose a format, which claims, and where; the export runs in a worker thread.

Dismissed with an :class:`~claimdesk.tui.outcome.Outcome` whose message says what was written, or
"Export cancelled" when the reviewer leaves with escape or Cancel. Errors stay in the dialog; nothing is ever shown as
markup (file names and paths are untrusted too).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.segment import Segment
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import Worker, WorkerState, get_current_worker

from claimdesk.annotations.export import FORMATS, REVIEWED_STATUSES, ExportCancelled, export
from claimdesk.annotations.reviewed import CLAIM_STATES
from claimdesk.annotations.sanitize import clean_line

from ..outcome import Outcome
from ..widgets.work_bar import WorkBar

PROGRESS_EVERY = 0.05  # seconds between progress bar updates from the worker


class FormatSelect(Select):
    """The format list: ``space`` or the arrows open it, ``enter`` exports (as in every field of the dialog)."""

    BINDINGS = [Binding("enter", "screen.export", "Export", show=False)]


class StatusTicks(SelectionList):
    """The statuses to export, ticked ``[x]`` or not ``[ ]`` (told apart without colour); ``space`` ticks,
    ``enter`` exports."""

    BINDINGS = [Binding("enter", "screen.export", "Export", show=False)]

    def render_line(self, y: int) -> Strip:
        segments = list(super().render_line(y))
        index = self.scroll_offset.y + y
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return Strip(segments)
        ticked = self.get_option_at_index(index).value in self.selected
        style = segments[3].style  # the prompt's own style (the button's colours are no longer needed)
        return Strip([Segment("[x]" if ticked else "[ ]", style), *segments[3:]])


class ExportScreen(ModalScreen[Outcome | None]):
    """``ExportScreen(session)``: export the session's claims in any format, from the keyboard.

    ``parses``: the parse cache the session was extracted from (default: the app's extractor's, if it
    has one), where the ``spacy`` format reads each article's tokens."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True),
                Binding("space", "press_button", show=False)]  # on a button: press it, as enter does

    def __init__(self, session, *, directory: str | Path | None = None, format: str = "jsonl", parses=None) -> None:
        super().__init__()
        self.session = session
        self.parses = parses
        self.directory = Path(directory) if directory is not None else Path.cwd()
        self.format = format if format in FORMATS else "jsonl"
        self.counts = Counter(c.status for c in session.all_claims())
        self._confirm: Path | None = None  # a file that exists and may now be replaced
        self._worker: Worker | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                yield FormatSelect([(Content(f.title), f.name) for f in FORMATS.values()], value=self.format,
                                   allow_blank=False, compact=True, id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("Claims", classes="export-label")
                statuses = StatusTicks(
                    *[Selection(Content(f"{status} ({self.counts.get(status, 0)})"), status,
                                status in REVIEWED_STATUSES) for status in CLAIM_STATES],
                    id="export-status",
                )
                statuses.compact = True
                yield statuses
            with Horizontal(classes="export-row"):
                yield Label("Save to", classes="export-label")
                yield Input(FORMATS[self.format].default_name, compact=True, id="export-path")
            yield Static(id="export-summary")
            yield WorkBar(id="export-progress", show_eta=False)
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", compact=True, id="export-run")
                yield Button("Cancel", compact=True, id="export-cancel")
            yield Static(Content.assemble(
                ("tab", "bold"), " next field  ", ("space", "bold"), " open the list, tick  ",
                ("enter", "bold"), " export  ", ("esc", "bold"), " cancel"), id="export-keys")

    def on_mount(self) -> None:
        self.query_one("#export-progress", WorkBar).display = False
        self._summarise()

    # -- the form --------------------------------------------------------------------------------

    @property
    def statuses(self) -> tuple[str, ...]:
        chosen = set(self.query_one("#export-status", SelectionList).selected)
        return tuple(s for s in CLAIM_STATES if s in chosen)

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        if path.value == FORMATS[self.format].default_name:  # not typed by the reviewer: follow the format
            path.value = FORMATS[event.value].default_name
        self.format = str(event.value)
        self._confirm = None
        self._summarise()

    @on(SelectionList.SelectedChanged, "#export-status")
    def _statuses_changed(self) -> None:
        self._summarise()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm = None

    def _summarise(self) -> None:
        chosen = sum(self.counts.get(s, 0) for s in self.statuses)
        parts: list = [(f"{chosen}", "bold"), f" of {sum(self.counts.values())} claims will be exported"]
        if self.statuses:
            parts.append(f" ({', '.join(self.statuses)})")
        if self.format == "claimreview" and "pending" in self.statuses:
            parts.append(" (pending claims have no review: ClaimReview leaves them out)")
        missing = len(self.session.articles) - self.session.extracted_count
        if missing > 0:
            parts.append(f"; {missing} articles not extracted yet (only their decisions)")
        self.query_one("#export-summary", Static).update(Content.assemble(*parts))

    def _say(self, text: str, style: str = "") -> None:
        self.query_one("#export-message", Static).update(Content.styled(clean_line(text), style) if style
                                                         else Content(clean_line(text)))

    def target(self) -> Path | None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.directory / path

    def action_press_button(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()

    # -- running ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-run")
    def action_export(self) -> None:
        if self._worker is not None and self._worker.is_running:
            return
        target = self.target()
        statuses = self.statuses
        if target is None:
            self._say("Give a file name to save to.", "$error")
            return
        if not statuses:
            self._say("Tick at least one status.", "$error")
            return
        folder = FORMATS[self.format].output == "folder"
        if target.exists() and (folder != target.is_dir()):
            kind = "a folder" if target.is_dir() else "a file"
            self._say(f"{target} is {kind}; choose another name.", "$error")
            return
        if target.exists() and not folder and self._confirm != target:
            self._confirm = target
            self._say(f"{target} exists: press Export again to replace it.", "$warning")
            return
        bar = self.query_one("#export-progress", WorkBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#export-run", Button).disabled = True
        self._say("Exporting…")
        self._worker = self.run_export(self.format, target, statuses, bar)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, fmt: str, target: Path, statuses: tuple[str, ...], bar: WorkBar):
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int, _what: str) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise ExportCancelled()
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done >= total:
                last = now
                bar.report(done, total)

        parses = self.parses
        if parses is None and self.session.extractor is not None:  # the session's extractor reads the parse cache
            parses = self.session.extractor.cache
        return export(self.session, fmt, target, statuses=statuses, progress=progress, parses=parses)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            where = result.path + ("/" if FORMATS[result.format].output == "folder" else "")
            message = f"Exported {result.claims} claims to {where}"
            if result.warnings:
                message += " (" + "; ".join(result.warnings) + ")"
            self.dismiss(Outcome(message=clean_line(message)))
            return
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-progress", WorkBar).display = False
        error = event.worker.error
        if isinstance(error, OSError) and error.strerror:
            reason = f"{error.strerror}: {error.filename}" if error.filename else error.strerror
        else:
            reason = str(error) or type(error).__name__
        self._say(f"Export failed: {reason}", "$error")

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without exporting (stopping an export that runs), and say so."""
        if self._worker is not None and self._worker.is_running:
            self._worker.cancel()
        self.dismiss(Outcome(message="Export cancelled."))
