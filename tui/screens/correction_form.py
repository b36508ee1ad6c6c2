"""The correction form: value, qualifier, unit, change and where it started, the whole a share is of and
its unit, what is counted, predicate, source and date of one claim.

Every field is validated by the core (``annotations.fields.validate_fields``) and every problem is
shown under its field at once. The form dismisses with a :class:`FormResult`, saved or not, so the
app can keep what was typed when the reviewer cancels: nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from claimdesk.annotations.fields import (
    CHANGE_LABELS,
    CHANGES,
    CLAIM_FIELDS,
    FIELD_LABELS,
    QUALIFIER_LABELS,
    QUALIFIERS,
    format_value,
    validate_fields,
)

HINTS = {
    "value": "a number (1,119 · 3.5 · five thousand) or a range like 10-20",
    "unit": "USD, GBX, percent, km, °C …; empty for a plain count",
    "from_value": "for a change from X to the value: X, or empty",
    "of_value": "for a share (half of X, 40% of X): X, or empty",
    "of_unit": "the unit of X: USD, km …; empty for a count",
    "counted": "what is counted or measured: troops, civilians, core inflation",
    "predicate": "killed, wounded, displaced …",
    "source": "who says so: Nagorno-Karabakh officials",
    "date": "2020-10-29, or empty",
}


@dataclass(frozen=True)
class FormResult:
    saved: bool
    values: dict  # what the form held (strings for the text fields)


SHORT = 30  # screen lines under which the rows lose the blank line between them (the buttons stay in view)
# Fields chosen from a list, not typed: their choices (value, label).
CHOICES = {"approx": [(QUALIFIER_LABELS[q], q) for q in QUALIFIERS],
           "change": [(CHANGE_LABELS[c], c) for c in CHANGES]}


def form_values(fields: dict) -> dict:
    """Stored fields → what the form's inputs show."""
    values = {name: "" if fields.get(name) is None else str(fields.get(name)) for name in CLAIM_FIELDS}
    values["value"] = format_value(fields.get("value"))
    values["from_value"] = format_value(fields.get("from_value"))
    values["of_value"] = format_value(fields.get("of_value"))
    values["approx"] = fields.get("approx") if fields.get("approx") in QUALIFIERS else "exact"
    values["change"] = fields.get("change") if fields.get("change") in CHANGES else ""
    return values


class CorrectionForm(ModalScreen[FormResult]):
    """Edit a claim's fields; ``enter`` (or ctrl+s) saves, ``escape`` cancels keeping the draft."""

    CSS_PATH = "correction_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("ctrl+s", "save", "Save", show=True),
    ]

    def __init__(self, title: str, quote: str, sentence: str, values: dict, *, note: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.quote = quote
        self.sentence = sentence
        self.values = {**form_values({}), **values}
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Content.assemble((self.form_title, "bold"), "  ", (self.quote, "reverse bold")),
                         id="form-title")
            yield Static(Content(self.sentence), id="form-sentence")
            if self.note:
                yield Static(Content(self.note), id="form-note")
            with VerticalScroll(id="form-fields"):
                for name in CLAIM_FIELDS:
                    with Horizontal(classes="form-row"):
                        yield Label(Content(FIELD_LABELS[name]), classes="form-label")
                        if name in CHOICES:
                            yield Select(CHOICES[name], value=self.values.get(name) or CHOICES[name][0][1],
                                         allow_blank=False, id=f"field-{name}", compact=True)
                        else:
                            yield Input(self.values.get(name, ""), placeholder=HINTS.get(name, ""),
                                        id=f"field-{name}", compact=True)
                    yield Static(Content(""), id=f"error-{name}", classes="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save  enter", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT, "-short")
        self.query_one("#field-value", Input).focus()
        for error in self.query(".form-error"):
            error.display = False

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")

    def current_values(self) -> dict:
        values = {}
        for name in CLAIM_FIELDS:
            if name in CHOICES:
                values[name] = self.query_one(f"#field-{name}", Select).value
            else:
                values[name] = self.query_one(f"#field-{name}", Input).value
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in CLAIM_FIELDS:
            widget = self.query_one(f"#error-{name}", Static)
            message = errors.get(name, "")
            widget.update(Content(message))
            widget.display = bool(message)
        first = next((n for n in CLAIM_FIELDS if n in errors), None)
        if first:
            self.query_one(f"#field-{first}").focus()

    def action_save(self) -> None:
        values = self.current_values()
        _, errors = validate_fields(values)
        if errors:
            self.show_errors(errors)
            return
        self.dismiss(FormResult(True, values))

    def action_cancel(self) -> None:
        self.dismiss(FormResult(False, self.current_values()))

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field's error goes as soon as the field is edited (the next save checks it again)."""
        name = (event.input.id or "").removeprefix("field-")
        errors = self.query(f"#error-{name}")
        if errors and errors.first().display:
            errors.first().display = False

    def on_select_changed(self, event: Select.Changed) -> None:
        errors = self.query(f"#error-{(event.select.id or '').removeprefix('field-')}")
        if errors and errors.first().display:
            errors.first().display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
