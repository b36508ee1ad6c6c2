"""The Rules screen: every learned rule, what it does now and how reviewers judged it.

``RulesScreen(session, extractor)`` lists each rule with its kind, pattern and label, who made it and
when, the annotation it came from, how many mentions it changes now and its precision (reviewers'
later decisions on what it produced; see :mod:`claimdesk.annotations.rules.stats`), measured in a
worker thread. Rules the reviewer declined when they were proposed are listed last, marked
"declined": switching one on is changing one's mind. ``space``/``e`` switch a rule on or off, ``d``
deletes it, ``u`` undoes the last change, ``p`` previews it again; each change re-extracts the
articles it touches from cached parses.
Dismissed with an :class:`~claimdesk.tui.outcome.Outcome` naming the articles that changed (or
``None`` when nothing did).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from claimdesk.annotations.chrome_marks import ChromeMark, chrome_marks
from claimdesk.annotations.rules import (
    KIND_NAMES,
    RuleStats,
    articles_for,
    delete_rule,
    describe,
    describe_provenance,
    proposal_from_rule,
    reextract,
    rule_stats,
    switch_rule,
)
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import SessionError
from claimdesk.annotations.store import StoreError
from claimdesk.annotations.stored import Rule
from claimdesk.annotations.team.conflicts import Conflict, conflict_flag, project_conflicts

from ..cancel import progress_until_cancelled
from ..outcome import Outcome
from ..unsaved import keep
from ..widgets.hanging import Row, wrap_rows
from ..widgets.work_bar import WorkBar
from .rule_preview import RulePreviewScreen, say, worker_progress


def precision_text(stats: RuleStats | None) -> tuple[str, str]:
    """("precision 90% (9 of 10)", style), or a dash when no reviewer has judged what it produced."""
    if stats is None:
        return "precision …", "$text-muted"
    if stats.precision is None:
        return "precision — (not reviewed yet)", "$text-muted"
    judged = stats.accepted + stats.rejected
    style = "$success" if stats.precision >= 0.9 else "$warning" if stats.precision >= 0.6 else "$error"
    return f"precision {stats.precision:.0%} ({stats.accepted} of {judged})", style


def rule_rows(rule: Rule, stats: RuleStats | None, source_title: str = "",
              conflicts: tuple[Conflict, ...] | list[Conflict] = ()) -> list[Row]:
    """A rule in three rows: on/off (or declined), kind, pattern → label; its matches and precision; who,
    when, from what (wrapped lines stay under their text). In a team project, who proposed it, and a
    fourth row when another reviewer's decisions contradict it."""
    enabled = rule.enabled
    pattern, label = describe(rule.kind, rule.data)
    if stats is None:
        matches = "matches …"
    else:
        articles = "article" if stats.articles == 1 else "articles"
        matches = f"{stats.matches} matches in {stats.articles} {articles}"
    precision, style = precision_text(stats)
    when = rule.at[:16].replace("T", " ")
    origin = describe_provenance(rule.provenance)
    who = ", ".join(rule.proposers) or rule.reviewer
    origin_line = f"by {who}, {when}" + (f" · from {origin}" if origin else "") + (
        f" in {source_title}" if source_title else "")
    indent = Content("  ")
    rows: list[Row] = [
        (Content.assemble(("● " if enabled else "○ ", "$success" if enabled else "$text-muted"),
                          (f"{KIND_NAMES.get(rule.kind, rule.kind):<10}", "$accent"), " "),
         Content.assemble((clean_line(pattern), "bold" if enabled else "dim"), " → ", (clean_line(label), "bold"),
                          ("" if enabled else f"  ({rule.state})", "$text-muted"))),
        (indent, Content.assemble((matches, "" if enabled else "$text-muted"), " · ", (precision, style))),
        (indent, Content.styled(clean_line(origin_line), "$text-muted")),
    ]
    if conflicts:
        rows.append((indent, Content.styled(clean_line(conflict_flag(conflicts)), "bold $warning")))
    return rows


def mark_rows(mark: ChromeMark, title: str) -> list[Row]:
    """A paragraph marked as site chrome (B), in two rows: its words; where, who and when."""
    when = mark.at[:16].replace("T", " ")
    return [
        (Content.assemble(("▪ ", "$accent"), (f"{'marked':<10}", "$accent"), " "),
         Content.assemble(("“", "dim"), (clean_line(mark.paragraph), "bold"), ("” → site chrome", "dim"))),
        (Content("  "), Content.styled(clean_line(f"cut from {title} at every load · by {mark.reviewer}, {when}"
                                                  " · u on the review screen undoes the latest mark"),
                                       "$text-muted")),
    ]


class RulesScreen(ModalScreen[Outcome | None]):
    """Every learned rule; switch on/off, delete, undo, preview again."""

    CSS_PATH = "rules.tcss"
    BINDINGS = [
        Binding("space,e", "toggle", "On/off"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("p", "preview", "Preview"),
        Binding("escape,q", "close", "Close"),
        Binding("j", "cursor(1)", show=False),
        Binding("k", "cursor(-1)", show=False),
    ]

    WIDTH = 110  # the box's width (rules.tcss), on a screen wide enough

    def __init__(self, session, extractor) -> None:
        super().__init__()
        self.session = session
        self.extractor = extractor
        self.rules: list[Rule] = []
        self.stats: dict[str, RuleStats] = {}
        self.conflicts: dict[str, list[Conflict]] = {}  # in a team project: rules others' decisions contradict
        self.refreshed: dict[str, None] = {}  # ids of articles whose results changed here
        self.changes = 0  # store actions made here, not undone (what ``u`` may undo)
        self.changed = False
        self._measure: Worker | None = None
        self._apply: Worker | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-box") as box:
            box.border_title = "Rules"
            yield OptionList(id="rules-list")
            yield WorkBar(id="rules-progress", show_eta=False, show_percentage=False)
            yield Static(id="rules-message")
            yield Static(Content.assemble(
                ("space", "bold"), "/", ("e", "bold"), " on/off  ", ("d", "bold"), " delete  ", ("u", "bold"),
                " undo  ", ("p", "bold"), " preview  ", ("escape", "bold"), " close"), id="rules-keys")

    def on_mount(self) -> None:
        self.query_one("#rules-message", Static).display = False
        self.reload()
        self.start_measuring()
        self.query_one("#rules-list", OptionList).focus()

    # -- the list --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the rules again and show them (the declined ones last)."""
        self.rules = sorted(self.session.rules(), key=lambda rule: rule.declined)
        self.stats = {rid: s for rid, s in self.stats.items() if any(r.id == rid for r in self.rules)}
        self.fill()

    def fill(self) -> None:
        options = self.query_one("#rules-list", OptionList)
        highlighted = options.highlighted
        current = self.current  # stays highlighted when it moves (a declined rule switched on)
        options.clear_options()
        width = min(self.WIDTH, self.app.size.width) - 6  # rules.tcss: the box's border and padding, the options'
        if options.max_scroll_y or len(self.rules) > 3:
            width -= 2  # room for a scroll bar
        for n, rule in enumerate(self.rules):
            if n:
                options.add_option(None)  # a separator line
            article = self.session.article(rule.article) if rule.article else None
            rows = rule_rows(rule, self.stats.get(rule.id), article.title if article else "",
                             self.conflicts.get(rule.id, []))
            options.add_option(Option(Content("\n").join(wrap_rows(rows, width)), id=rule.id))
        if not self.rules:
            options.add_option(Option(Content.styled(
                "No rules yet. Correct an entity or a claim and save the proposed rule, or run "
                "`claimdesk rules learn`.", "$text-muted"), disabled=True))
        for mark in chrome_marks(self.session):  # listed, not rules: u on the review screen undoes one
            article = self.session.article(mark.article)
            options.add_option(None)
            options.add_option(Option(Content("\n").join(wrap_rows(mark_rows(mark, article.title), width)),
                                      id=f"mark:{mark.id}", disabled=True))
        if not self.rules:
            options.highlighted = None
        elif current is not None and any(r.id == current.id for r in self.rules):
            options.highlighted = options.get_option_index(current.id)
        else:
            options.highlighted = min(highlighted or 0, options.option_count - 1)
        enabled = sum(1 for r in self.rules if r.enabled)
        declined = sum(1 for r in self.rules if r.declined)
        self.query_one("#rules-box").border_title = f"Rules ({len(self.rules)}, {enabled} on" + (
            f", {declined} declined)" if declined else ")")

    def on_resize(self) -> None:
        if self.rules:
            self.fill()

    @property
    def current(self) -> Rule | None:
        options = self.query_one("#rules-list", OptionList)
        if options.highlighted is None or not self.rules:
            return None
        rule_id = options.get_option_at_index(options.highlighted).id
        return next((r for r in self.rules if r.id == rule_id), None)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#rules-list", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def start_measuring(self) -> None:
        bar = self.query_one("#rules-progress", WorkBar)
        bar.update(total=None, progress=0)
        bar.display = bool(self.rules)
        self._measure = self.measure(list(self.rules), bar)

    @work(thread=True, exclusive=True, group="rules-measure", exit_on_error=False)
    def measure(self, rules: list[Rule], bar: WorkBar) -> tuple[list[RuleStats], dict[str, list[Conflict]]]:
        stats = rule_stats(self.session, self.extractor, rules, progress=worker_progress(bar))
        return stats, project_conflicts(self.session, self.extractor, rules)

    # -- changes ---------------------------------------------------------------------------------

    def action_toggle(self) -> None:
        rule = self.current
        if rule is None:
            return
        on = not rule.enabled
        if self._write(lambda: switch_rule(self.session, rule, on)):
            mind = " (no longer declined)" if rule.declined else ""
            self._say(f"Rule {'on' if on else 'off'}{mind}: re-extracting…")
            self._apply = self.apply_rules([rule])

    def action_delete(self) -> None:
        rule = self.current
        if rule is None:
            return
        if self._write(lambda: delete_rule(self.session, rule)):
            self._say("Rule deleted (u undoes it): re-extracting…")
            self._apply = self.apply_rules([rule])

    def action_undo(self) -> None:
        """Undo the last change made here (the screen is modal: nothing else was done since)."""
        if not self.changes:
            self._say("Nothing changed here to undo.")
            return
        touched: list[str] = []
        if self._write(lambda: touched.extend(self.session.undo()), undo=True):
            self._say("Undone: re-extracting…")
            self._apply = self.apply_rules(None, touched)

    def _write(self, change, undo: bool = False) -> bool:
        """Make one change through the session (then re-read the rules); False, with the reason shown, if it
        failed."""
        if self._apply is not None and self._apply.is_running:
            self._say("Still re-extracting; try again in a moment.", "$warning")
            return False
        try:
            keep(self.app, self.session, change)
        except (SessionError, StoreError, KeyError) as error:
            self._say(f"Not changed: {error}", "$error")
            return False
        self.changes += -1 if undo else 1
        self.changed = True
        self.reload()
        return True

    @work(thread=True, exclusive=True, group="rules-apply", exit_on_error=False)
    def apply_rules(self, rules: list[Rule] | None, touched: list[str] = ()) -> list[str]:
        """Re-extract the articles ``rules`` may change (all when None) from cached parses."""
        ids = articles_for(self.session, rules) if rules is not None else None
        changed = reextract(self.session, self.extractor, ids, force=rules is None,
                            progress=progress_until_cancelled())  # quitting stops it at the next article
        return list(dict.fromkeys([*touched, *changed]))

    def action_preview(self) -> None:
        rule = self.current
        if rule is not None:
            self.app.push_screen(RulePreviewScreen(self.session, self.extractor, proposal_from_rule(rule), stored=True))

    def action_close(self) -> None:
        for worker in (self._measure, self._apply):
            if worker is not None and worker.is_running:
                worker.cancel()
        if not self.changed:
            self.dismiss(None)
            return
        self.dismiss(Outcome(refresh=tuple(self.refreshed),
                             message=f"Rules changed; {len(self.refreshed)} articles updated."))

    def _say(self, text: str, style: str = "") -> None:
        say(self.query_one("#rules-message", Static), text, style)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.worker is self._measure:
            self.query_one("#rules-progress", WorkBar).display = False
            if event.state == WorkerState.SUCCESS:
                stats, self.conflicts = event.worker.result
                self.stats.update({s.rule.id: s for s in stats})
                self.fill()
            else:  # (a cancelled measure ends CANCELLED, not here)
                self._say(f"Could not measure the rules: {event.worker.error}", "$error")
        elif event.worker is self._apply:
            if event.state == WorkerState.SUCCESS:
                self.refreshed.update(dict.fromkeys(event.worker.result))
                self._say(f"{len(event.worker.result)} articles updated.")
                self.start_measuring()
            else:
                self._say(f"Re-extraction failed: {event.worker.error}", "$error")
