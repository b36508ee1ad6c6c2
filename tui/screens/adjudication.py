"""The adjudication screen: every disagreement, each reviewer's version side by side, settled by a key.

The list (left) has every claim and every entity span the reviewers left differently, article by
article in text order, ✓ once settled; the right shows the claim (or entity) in its sentence and a table
with one column per reviewer's version — for a claim its decision, each field, when (the fields they
differ on in bold); for an entity the label each leaves, their edit (as extracted; relabelled,
removed, added) and when — and the gold record once there is one. ``1``-``9`` keep that
reviewer's version; ``e`` makes a new one (a claim: the correction form, from the gold or the first
version; an entity: the label picker); ``u`` undoes the last settlement, ``n`` goes to the next
unsettled one, ``q`` quits. Each settlement is one journal entry of the project's gold store.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from claimdesk.annotations.fields import FIELD_LABELS, QUALIFIER_LABELS, describe_value, format_value
from claimdesk.annotations.reviewed import sentence_around
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import FieldsInvalid, SessionError
from claimdesk.annotations.team.adjudication import Case, adjudicate, form_fields, gold_record
from claimdesk.annotations.team.entity_versions import EntityVersion
from claimdesk.annotations.team.versions import COMPARED_FIELDS, Version, field_key

from .. import messages
from .columns import fit
from .label_picker import MODEL_LABELS, LabelPicker

COLUMN_WIDTH = 28  # the widest a version's column gets
GLYPHS = {"accepted": "✓", "corrected": "✎", "rejected": "✗", "added": "+"}  # as the claims pane marks them
ENTITY_ROWS = {"label": "Label", "done": "Edit", "when": "When"}
KEYS = Content.assemble(("1-9", "bold"), " keep that version  ", ("e", "bold"), " edit a new one  ", ("u", "bold"),
                        " undo  ", ("n", "bold"), " next unsettled  ", ("j k", "bold"), " move  ", ("q", "bold"),
                        " quit")


def version_cell(version: Version | None, name: str, differs: bool) -> Content:
    """One cell of the versions table (plain text, bold where the versions differ)."""
    if version is None:
        return Content("")
    if name == "decision":
        value = version.status
    elif name == "when":
        value = version.at[5:16].replace("T", " ")  # month-day hours:minutes
    elif version.status == "rejected":
        value = "—"
    elif name == "value":
        value = describe_value(version.fields)
    elif name in ("from_value", "of_value"):
        value = format_value(version.fields.get(name))
    elif name == "approx":
        value = QUALIFIER_LABELS.get(version.fields.get(name, ""), str(version.fields.get(name, "")))
    else:
        value = str(version.fields.get(name, "") or "")
    return Content.styled(clean_line(value), "bold $warning" if differs else "")


def entity_cell(version: EntityVersion | None, name: str, differs: bool) -> Content:
    """One cell of an entity's versions table (plain text, bold where the versions differ)."""
    if version is None:
        return Content("")
    value = {"label": version.label or "none", "done": version.done,
             "when": version.at[5:16].replace("T", " ")}[name]
    return Content.styled(clean_line(value), "bold $warning" if differs else "")


@dataclass(eq=False)
class Loading(Message):
    """How far loading the cases is: files read, or articles with entity edits extracted."""

    stage: str  # reading | extracting
    done: int
    total: int


class AdjudicationScreen(Screen):
    """Disagreements, versions side by side, settled into the gold store."""

    BINDINGS = [
        *(Binding(str(n), f"keep({n - 1})", f"Keep {n}", show=False) for n in range(1, 10)),
        Binding("e", "edit", "Edit a new version", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("n", "next_unsettled", "Next unsettled", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, project) -> None:
        super().__init__(id="adjudication")
        self.project = project
        self.session = None
        self.cases: list[Case] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Adjudication · {self.project.name} · loading…"), id="adj-title")
        with Horizontal(id="adj-main"):
            yield OptionList(id="adj-cases")
            with Vertical(id="adj-side"):
                yield Static(id="adj-claim")
                yield DataTable(id="adj-versions", cursor_type="none", zebra_stripes=True)
        yield Static(KEYS, id="adj-keys")

    def on_mount(self) -> None:
        self.query_one("#adj-cases", OptionList).focus()
        self.app.load_cases()

    # -- loading ---------------------------------------------------------------------------------

    def on_corpus_failed(self, message: messages.CorpusFailed) -> None:
        self.notify(message.reason, title="Cannot load the corpus", severity="error", timeout=30, markup=False)

    def on_extraction_failed(self, message: messages.ExtractionFailed) -> None:
        self.notify(f"Entity disagreements are not listed: {message.reason}", title="No extraction",
                    severity="warning", timeout=30, markup=False)

    def on_loading(self, message: Loading) -> None:
        what = "files read" if message.stage == "reading" else "articles with entity edits extracted"
        self.query_one("#adj-title", Static).update(Content(
            f"Adjudication · {self.project.name} · loading… {message.done}/{message.total} {what}"))

    def on_cases_ready(self, message: messages.CasesReady) -> None:
        self.session = message.session
        self.cases = list(message.cases)
        options = self.query_one("#adj-cases", OptionList)
        options.clear_options()
        for n, case in enumerate(self.cases):
            options.add_option(Option(self._case_prompt(case), id=str(n)))
        if not self.cases:
            options.add_option(Option(Content.styled("No disagreements: nothing to settle.", "$text-muted"),
                                      disabled=True))
        else:
            options.highlighted = next((i for i, c in enumerate(self.cases) if not c.settled), 0)
        self._title()
        if self.session.read_only:
            self.notify(f"{self.session.read_only_reason}; nothing you do will be saved.".capitalize(),
                        title="Read-only", severity="warning", timeout=15, markup=False)

    def _title(self) -> None:
        settled = sum(1 for c in self.cases if c.settled)
        entities = sum(1 for c in self.cases if c.on_entity)
        editor = clean_line(self.session.store.reviewer) if self.session else ""
        kinds = f" ({len(self.cases) - entities} claims, {entities} entities)" if entities else ""
        self.query_one("#adj-title", Static).update(Content.assemble(
            ("Adjudication", "bold"), f" · {self.project.name} · {len(self.cases)} disagreements{kinds}, "
            f"{settled} settled · editor {editor}"))

    def _case_prompt(self, case: Case) -> Content:
        d = case.disagreement
        article = self.session.article(d.article) if self.session else None
        if case.on_entity:
            who = " · ".join(f"{n} {v.label or 'none'}" for n, v in d.versions.items())
            what = "entity label"
        else:
            who = " · ".join(f"{n} {GLYPHS.get(v.status, '?')}" for n, v in d.versions.items())
            what = d.what
        mark = ("✓ ", "$success") if case.settled else ("○ ", "$warning")
        kept = f" → {case.kept or 'new version'}" if case.settled else ""
        return Content.assemble(mark, (clean_line(f"“{self._quote(case)}”"), "bold"), f"  {clean_line(what)}\n  ",
                                (clean_line(f"{who}{kept}"), "$text-muted"), "\n  ",
                                (fit(clean_line(article.title if article else d.article), 38), "$text-muted"))

    @staticmethod
    def _quote(case: Case) -> str:
        if case.on_entity:
            return case.disagreement.text
        doc = next(iter(case.disagreement.versions.values())).doc
        return ((doc.get("selector") or {}).get("quote") or {}).get("exact", "")

    # -- showing the highlighted case ------------------------------------------------------------

    @property
    def current(self) -> Case | None:
        highlighted = self.query_one("#adj-cases", OptionList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.cases):
            return None
        return self.cases[highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_case()

    def show_case(self) -> None:
        case = self.current
        claim = self.query_one("#adj-claim", Static)
        table = self.query_one("#adj-versions", DataTable)
        table.clear(columns=True)
        if case is None:
            claim.update("")
            return
        d = case.disagreement
        article = self.session.article(d.article)
        if case.on_entity:
            start, end = d.start, d.end
        else:
            doc = next(iter(d.versions.values())).doc
            start, end = doc["selector"]["position"]["start"], doc["selector"]["position"]["end"]
        quote = self._quote(case)
        if article is not None and article.text[start:end] == quote:
            sentence = sentence_around(article.text, start, end)
            where = " · ".join(v for v in (article.title, article.source, article.date) if v)
        else:
            sentence, where = quote, d.article
        sentence, quote = clean_line(sentence), clean_line(quote)
        at = sentence.find(quote)
        before, after = (sentence[:at], sentence[at + len(quote):]) if at >= 0 else ("", "")
        said = ("\n", ("the extractor says: ", "$text-muted"), clean_line(d.model_label or "no entity")) \
            if case.on_entity else ()
        claim.update(Content.assemble((clean_line(where), "$text-muted"), "\n", before, (quote, "bold reverse"),
                                      after, *said))
        versions: list[tuple[str, Version | EntityVersion | None]] = [
            (f"{n} {name}", v) for n, (name, v) in enumerate(d.versions.items(), 1)]
        if case.settled:
            versions.append((f"gold ({case.kept or 'new'})", case.gold_version))
        values = [v for _, v in versions if v is not None]
        if case.on_entity:
            rows = list(ENTITY_ROWS)
            cells = [[Content.styled(ENTITY_ROWS[name], "$text-muted"),
                      *(entity_cell(v, name, name != "when" and len({getattr(x, name) for x in values}) > 1)
                        for _, v in versions)] for name in rows]
        else:
            rows = ["decision", *(n for n in COMPARED_FIELDS if any(v and n in v.fields for _, v in versions)),
                    "when"]
            cells = []
            for name in rows:
                differs = name != "when" and len({(v.status if name == "decision" else field_key(v.fields.get(name, ""), name))
                                                  for v in values}) > 1
                cells.append([Content.styled(FIELD_LABELS.get(name, name.capitalize()), "$text-muted"),
                              *(version_cell(v, name, differs) for _, v in versions)])
        headers = [Content(""), *(Content.styled(clean_line(label), "bold") for label, _ in versions)]
        widths = [max(c.cell_length for c in [header, *(row[n] for row in cells)]) for n, header in enumerate(headers)]
        room = table.scrollable_content_region.width - widths[0] - 2 * len(headers)  # cells are padded by 1
        share = max(8, room // max(1, len(versions)))  # every version fits side by side, cut if need be
        widths = [widths[0], *(min(COLUMN_WIDTH, share, w) for w in widths[1:])]
        for n, header in enumerate(headers):
            table.add_column(header, key=str(n), width=widths[n])
        for row in cells:
            table.add_row(*(cell if cell.cell_length <= widths[n] else Content.styled(
                fit(cell.plain, widths[n]), "bold $warning" if cell.spans else "") for n, cell in enumerate(row)))

    # -- settling --------------------------------------------------------------------------------

    def _settled(self, case: Case) -> None:
        index = self.cases.index(next(c for c in self.cases if c.disagreement is case.disagreement))
        self.cases[index] = case
        options = self.query_one("#adj-cases", OptionList)
        options.replace_option_prompt_at_index(index, self._case_prompt(case))
        self._title()
        self.show_case()

    def action_keep(self, index: int) -> None:
        case = self.current
        if case is None or self.session is None:
            return
        names = list(case.disagreement.versions)
        if index >= len(names):
            self.notify(f"There are {len(names)} versions: 1-{len(names)}.", markup=False)
            return
        try:
            settled = adjudicate(self.session, case, kept=names[index])
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._settled(settled)
        self.notify(f"Kept {names[index]}'s version. u undoes.", markup=False, timeout=3)
        self.action_next_unsettled(quiet=True)

    def action_edit(self) -> None:
        case = self.current
        if case is None or self.session is None:
            return
        if self.session.read_only:
            self.notify(f"Nothing was saved: {self.session.read_only_reason}.", severity="warning", markup=False)
            return
        if case.on_entity:
            self._pick_label(case)
            return
        from .correction_form import CorrectionForm, form_values

        kept = [case.gold_version] if case.settled else []
        base = next((v for v in [*kept, *case.disagreement.versions.values()] if v.status != "rejected"), None)
        values = form_values(form_fields(base) if base is not None else {})
        quote = self._quote(case)

        def done(result) -> None:
            if result is None or not result.saved:
                return
            self._new_version(case, fields=result.values)

        self.app.push_screen(CorrectionForm("New version", quote, clean_line(quote), values), done)

    def _pick_label(self, case: Case) -> None:
        """The label picker for a new version of an entity: the model's labels and every one a reviewer left."""
        d = case.disagreement
        labels = sorted({*MODEL_LABELS, *(v.label for v in d.versions.values() if v.label)})
        current = case.gold_version.label if case.settled else d.model_label

        def done(label: str | None) -> None:
            if label:
                self._new_version(case, label=label)

        self.app.push_screen(LabelPicker(clean_line(f"New label for “{d.text}”"), labels, current=current), done)

    def _new_version(self, case: Case, **new) -> None:
        try:
            settled = adjudicate(self.session, case, **new)
        except (FieldsInvalid, SessionError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._settled(settled)
        self.notify("A new version is the gold one. u undoes.", markup=False, timeout=3)

    def action_undo(self) -> None:
        if self.session is None:
            return
        try:
            touched = self.session.undo()
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if self.session.last_change is None:
            self.notify("Nothing to undo.", markup=False)
            return
        store = self.session.store
        for case in list(self.cases):
            if case.disagreement.article in touched:
                self._settled(Case(case.disagreement, gold_record(store, case.disagreement)))
        self.notify("Undone.", markup=False, timeout=2)

    def action_move(self, step: int) -> None:
        options = self.query_one("#adj-cases", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_next_unsettled(self, quiet: bool = False) -> None:
        options = self.query_one("#adj-cases", OptionList)
        start = options.highlighted or 0
        order = list(range(start + 1, len(self.cases))) + list(range(0, start + 1))
        found = next((i for i in order if not self.cases[i].settled), None)
        if found is None:
            if not quiet:
                self.notify("Every disagreement is settled.", markup=False)
            return
        options.highlighted = found
