"""The label picker: the model's entity labels, filtered as you type; ``enter`` picks one."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.highlight import ENTITY_COLOURS, OTHER_ENTITY
from .filtered_list import FilterBox, FilteredListScreen

# en_core_web_sm's NER labels and what they mean (spacy.explain), for when the model is not loaded.
MODEL_LABELS = {
    "PERSON": "People, including fictional",
    "NORP": "Nationalities or religious or political groups",
    "FAC": "Buildings, airports, highways, bridges, etc.",
    "ORG": "Companies, agencies, institutions, etc.",
    "GPE": "Countries, cities, states",
    "LOC": "Non-GPE locations, mountain ranges, bodies of water",
    "PRODUCT": "Objects, vehicles, foods, etc. (not services)",
    "EVENT": "Named hurricanes, battles, wars, sports events, etc.",
    "WORK_OF_ART": "Titles of books, songs, etc.",
    "LAW": "Named documents made into laws",
    "LANGUAGE": "Any named language",
    "DATE": "Absolute or relative dates or periods",
    "TIME": "Times smaller than a day",
    "PERCENT": "Percentage, including \"%\"",
    "MONEY": "Monetary values, including unit",
    "QUANTITY": "Measurements, as of weight or distance",
    "ORDINAL": "\"first\", \"second\", etc.",
    "CARDINAL": "Numerals that do not fall under another type",
}
_LABEL = re.compile(r"^[A-Z][A-Z0-9_]{1,30}$")


def label_option(label: str, description: str) -> Option:
    colour = ENTITY_COLOURS.get(label, OTHER_ENTITY)
    return Option(Content.assemble((f" {label} ", f"#000000 on {colour}"), "  ", (description, "dim")), id=label)


class LabelPicker(FilteredListScreen[str | None]):
    """Pick an entity label (typing filters; a new label can be typed). Dismisses with the label, or None."""

    CSS_PATH = "label_picker.tcss"

    def __init__(self, title: str, labels: list[str] | None = None, current: str = "") -> None:
        super().__init__()
        self.picker_title = title
        order = list(MODEL_LABELS)  # the familiar order (people, groups, places …), others after
        self.labels = sorted(labels or MODEL_LABELS, key=lambda label: (order.index(label) if label in order
                                                                       else len(order), label))
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content.assemble((self.picker_title, "bold")), id="picker-title")
            yield FilterBox(placeholder="type to filter, enter to choose", id="picker-filter")
            yield OptionList(id="picker-options")

    def options(self, typed: str) -> tuple[list[Option], int]:
        key = typed.strip().upper()
        found = [label for label in self.labels if key in label or key.lower() in MODEL_LABELS.get(label, "").lower()]
        options = [label_option(label, MODEL_LABELS.get(label, "")) for label in found]
        if key and key not in found and _LABEL.match(key):
            options.append(Option(Content.assemble(("new label ", "dim"), (key, "bold")), id=key))
        return options, next((i for i, label in enumerate(found) if label == (key or self.current)), 0)

    def chosen(self, option_id: str) -> None:
        self.dismiss(option_id)
