"""One reviewer's version of an entity span: the label they leave there, and what they did to get it.

A reviewer who worked in an article leaves each span of it with a label or with none: the extractor's
entity where they did nothing (``model``, or ``rule`` for one a learned rule made), or their own edit
(``relabelled``, ``removed``: no label, ``added``). Two reviewers agree on a span when they leave the
same label there (or both none). An edit record alone says what its reviewer leaves (:func:`edit_label`);
the extractor's label at its span is the one the edit record names (``model_label``), none for an
addition.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reviewed import ReviewEntity

DONE = {"model": "as extracted", "rule": "as a rule made", "relabelled": "relabelled", "removed": "removed",
        "added": "added", "": "none"}  # the edit a reviewer made to a span, in words
STATUS_OF_ACTION = {"relabel": "relabelled", "remove": "removed", "add": "added"}


@dataclass(frozen=True)
class EntityVersion:
    """What one reviewer leaves on one span: ``label`` ("" none), ``status`` (model, rule, relabelled,
    removed, added; "" where they have no entity there and never had one), the entity's ``id``, what the
    extractor says there (``model_label``, "" none) and when they edited it."""

    reviewer: str
    text: str
    label: str
    status: str = ""
    id: str = ""
    model_label: str = ""
    at: str = ""

    @classmethod
    def of(cls, reviewer: str, entity: ReviewEntity) -> EntityVersion:
        """A reviewer's entity as the review shows it (a removed one leaves no label)."""
        return cls(reviewer, entity.text, entity.label if entity.visible else "", entity.status, entity.id,
                   entity.model_label, entity.at)

    @classmethod
    def from_edit(cls, reviewer: str, doc: dict) -> EntityVersion:
        """The version an edit record leaves (the gold store's, say)."""
        return cls(reviewer, doc["selector"]["quote"]["exact"], edit_label(doc),
                   STATUS_OF_ACTION.get(doc.get("action", ""), ""), doc["id"], doc.get("model_label", ""),
                   doc.get("at", ""))

    @property
    def done(self) -> str:
        """The reviewer's edit, in words ("relabelled", "as extracted", "none", …)."""
        return DONE.get(self.status, self.status)


def edit_label(doc: dict) -> str:
    """The label an entity edit record leaves on its span ("" for a removal)."""
    return "" if doc.get("action") == "remove" else doc.get("label", "")
