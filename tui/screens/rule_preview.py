"""The rule preview: what a rule proposed from a correction would change, before it is saved.

``RulePreviewScreen(session, extractor, proposal)`` computes the preview in a worker thread (cached
parses, no model run) with a progress bar, and shows the counts and the first few mentions (article
title, the sentence with the span marked). ``enter`` saves the rule for the whole corpus and
re-extracts the articles it changes; ``o`` or ``escape`` keeps the correction for this instance only
and remembers the "no" (:func:`~claimdesk.annotations.rules.decline`: the rule is kept off and not
proposed again; the Rules screen can switch it on). Either way the screen dismisses with an
:class:`~claimdesk.tui.outcome.Outcome`. With ``stored=True`` it previews a rule already saved (the
Rules screen's ``p``) and only closes.
"""

from __future__ import annotations

import time

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from claimdesk.annotations.rules import (
    KIND_NAMES,
    Effect,
    Preview,
    Proposal,
    RuleSaveError,
    decline,
    describe_provenance,
    preview,
    reextract,
    save,
)
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import SessionError
from claimdesk.annotations.store import StoreError
from claimdesk.annotations.stored import Rule

from ..cancel import progress_until_cancelled
from ..outcome import Outcome
from ..unsaved import keep
from ..widgets.work_bar import WorkBar

PROGRESS_EVERY = 0.05  # seconds between progress bar updates from the worker
ACTION_MARKS = {"add": ("+", "$success"), "remove": ("−", "$error"), "change": ("~", "$warning")}


def worker_progress(bar: WorkBar):
    """A ``(done, total, name)`` callback for the current thread worker: it drives ``bar`` (at most every
    50 ms) and raises :class:`~claimdesk.tui.cancel.Cancelled` once the worker is cancelled."""
    last = 0.0

    def show(done: int, total: int, _name: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or done >= total:
            last = now
            bar.report(done, total)

    return progress_until_cancelled(show)


def rule_lines(proposal: Proposal, source_title: str = "") -> Content:
    """The rule in two lines: what it says, then its kind, pattern and label, and where it came from."""
    origin = describe_provenance(proposal.provenance)
    where = f" in {source_title}" if source_title else ""
    return Content.assemble(
        (clean_line(proposal.summary), "bold"), "\n",
        (KIND_NAMES.get(proposal.kind, proposal.kind), "$accent"), "  ", clean_line(proposal.pattern), " → ",
        (clean_line(proposal.label), "bold"),
        ("  · from " + clean_line(origin + where), "$text-muted") if origin else "",
    )


def change_text(effect: Effect) -> str:
    """"ORG → GPE", "+ GPE", "− claim: 25 soldiers"."""
    what = "" if effect.what == "entity" else "claim "
    if effect.action == "add":
        return f"+ {what}{effect.after}"
    if effect.action == "remove":
        return f"− {what}{effect.before}"
    return f"{what}{effect.before} → {effect.after}"


def effect_content(effect: Effect) -> Content:
    """An example: the article's title and the change, then the sentence with the span marked."""
    glyph, style = ACTION_MARKS.get(effect.action, ("·", ""))
    sentence = Content(clean_line(effect.context)).stylize("bold reverse", effect.context_start,
                                                           effect.context_end)
    return Content.assemble((glyph, style), " ", (clean_line(effect.title), "bold"), "  ",
                            (clean_line(change_text(effect)), style), "\n", sentence)


def say(message: Static, text: str, style: str = "") -> None:
    """Show ``text`` (plain, sanitised) in a message line, styled, and make the line visible."""
    message.update(Content.styled(clean_line(text), style) if style else Content(clean_line(text)))
    message.display = True


def counts_content(shown: Preview) -> Content:
    """The counts line: "25 other mentions in 5 articles: 0 added, 0 removed, 25 changed"."""
    parts: list = [(shown.summary(), "bold")]
    if shown.unparsed:
        parts.append((f"  ({shown.unparsed} articles not parsed yet, not counted)", "$text-muted"))
    return Content.assemble(*parts)


class RulePreviewScreen(ModalScreen[Outcome | None]):
    """Preview a proposed rule; ``enter`` saves it for the corpus, ``o``/``escape`` keeps one instance."""

    CSS_PATH = "rule_preview.tcss"
    BINDINGS = [
        Binding("enter", "save", "Save for the corpus", priority=True),
        Binding("o", "instance", "This instance only"),
        Binding("escape", "instance", "This instance only", show=False),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    def __init__(self, session, extractor, proposal: Proposal, *, stored: bool = False) -> None:
        super().__init__()
        self.session = session
        self.extractor = extractor
        self.proposal = proposal
        self.stored = stored
        self.shown: Preview | None = None
        self._preview: Worker | None = None
        self._saver: Worker | None = None

    def compose(self) -> ComposeResult:
        article = self.session.article(self.proposal.article_id)
        with Vertical(id="rule-preview-box") as box:
            box.border_title = "Rule" if self.stored else "Learn a rule?"
            yield Static(rule_lines(self.proposal, article.title if article else ""), id="rule-summary")
            yield WorkBar(id="rule-progress", show_eta=False, show_percentage=False)
            yield Static(Content("Looking at the other mentions…"), id="rule-counts")
            yield OptionList(id="rule-examples")
            yield Static(id="rule-message")
            if self.stored:
                keys = Content.assemble(("enter", "bold"), "/", ("escape", "bold"), " close")
            else:
                keys = Content.assemble(("enter", "bold"), " save for the whole corpus   ", ("o", "bold"), "/",
                                        ("escape", "bold"), " this instance only")
            yield Static(keys, id="rule-keys")

    def on_mount(self) -> None:
        self.query_one("#rule-examples", OptionList).display = False
        self.query_one("#rule-message", Static).display = False
        self._preview = self.compute(self.query_one("#rule-progress", WorkBar))

    # -- the preview -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="rule-preview", exit_on_error=False)
    def compute(self, bar: WorkBar) -> Preview:
        return preview(self.session, self.extractor, self.proposal, progress=worker_progress(bar))

    def show(self, shown: Preview) -> None:
        self.shown = shown
        self.query_one("#rule-progress", WorkBar).display = False
        self.query_one("#rule-counts", Static).update(counts_content(shown))
        examples = self.query_one("#rule-examples", OptionList)
        examples.clear_options()
        examples.add_options([Option(effect_content(e)) for e in shown.examples])
        examples.display = bool(shown.examples)

    def action_scroll(self, step: int) -> None:
        examples = self.query_one("#rule-examples", OptionList)
        examples.action_cursor_down() if step > 0 else examples.action_cursor_up()

    # -- saving or not ---------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.stored:
            self.dismiss(None)
            return
        if self._saver is not None and self._saver.is_running:
            return
        if self._preview is not None and self._preview.is_running:
            self._preview.cancel()
        self._say("Saving the rule and re-extracting…")
        self._saver = self.save_rule()

    @work(thread=True, exclusive=True, group="rule-save", exit_on_error=False)
    def save_rule(self) -> tuple[Rule, list[str]]:
        rule = keep(self.app, self.session, lambda: save(self.session, self.proposal))  # None: not on disk yet
        articles = self.shown.articles if self.shown is not None else None
        return rule, reextract(self.session, self.extractor, articles,
                               progress=progress_until_cancelled())  # quitting stops it at the next article

    def action_instance(self) -> None:
        if self._saver is not None and self._saver.is_running:
            return
        if self._preview is not None and self._preview.is_running:
            self._preview.cancel()
        if self.stored:
            self.dismiss(None)
            return
        self.dismiss(Outcome(refresh=(self.proposal.article_id,), message=self._decline()))

    def _decline(self) -> str:
        """Remember the "no" in the annotation file; what to tell the reviewer."""
        kept = "Kept for this instance only; no rule saved"
        if self.session.read_only:
            return kept + "."
        try:
            keep(self.app, self.session, lambda: decline(self.session, self.proposal))
        except (RuleSaveError, SessionError, StoreError) as error:
            return clean_line(f"{kept}. (Could not note that it was declined: {error})")
        return kept + ", and this rule will not be proposed again (R lists it; u undoes this)."

    def _say(self, text: str, style: str = "") -> None:
        say(self.query_one("#rule-message", Static), text, style)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        error = event.worker.error
        if event.worker is self._preview:
            if event.state == WorkerState.SUCCESS:
                self.show(event.worker.result)
            else:  # (a cancelled preview ends CANCELLED, not here)
                self.query_one("#rule-progress", WorkBar).display = False
                self._say(f"Preview failed: {error or type(error).__name__}", "$error")
        elif event.worker is self._saver:
            if event.state == WorkerState.SUCCESS:
                rule, changed = event.worker.result
                refresh = tuple(dict.fromkeys([self.proposal.article_id, *changed]))
                count = f"{len(changed)} article{'s' if len(changed) != 1 else ''} updated"
                saved = f"Rule saved ({rule.id})" if rule is not None else "Rule saved (not on disk yet)"
                self.dismiss(Outcome(refresh=refresh, message=clean_line(f"{saved}: {count}. u undoes it.")))
            else:
                known = isinstance(error, (RuleSaveError, SessionError))
                message = str(error) if known else f"{type(error).__name__}: {error}"
                self._say(f"Not saved: {message}", "$error")

