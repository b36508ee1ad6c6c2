"""Named entities of a parsed Doc, and the learned entity rules applied on top of the model.

:class:`RuleSet` wraps an ``entity_ruler`` (``overwrite_ents``) on a blank English pipeline: it runs
over a Doc that was parsed earlier (and cached), so changing rules never re-runs the statistical model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from .claims import quote_id

# Numeric labels: the model's numbers are reviewed as claims, not as entities.
NUMERIC_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


@dataclass(frozen=True)
class Entity:
    """A named entity: a span of the article's clean text with a label, from the model or a rule."""

    id: str
    start: int  # char offsets in the article's clean text
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, FAC, DATE …
    origin: str  # "model" | "rule"

    def to_record(self, article_path: str) -> dict:
        """The ``claimdesk extract --json`` record."""
        return {"kind": "entity", "article": article_path, **asdict(self)}


def find_entities(doc, article_id: str = "", model_ents: set[tuple[int, int, str]] | None = None) -> list[Entity]:
    """The Doc's entities (after rules). ``model_ents`` — (start, end, label) token spans the model found
    before rules ran — tells model entities from rule ones; without it every entity counts as "model"."""
    out = []
    text = doc.text
    for ent in doc.ents:
        key = (ent.start, ent.end, ent.label_)
        origin = "model" if model_ents is None or key in model_ents else "rule"
        if origin == "model" and ent.label_ in NUMERIC_LABELS:
            continue
        if not ent.text.strip() or all(not c.isalnum() for c in ent.text):
            continue
        out.append(Entity(
            id=quote_id(article_id, text, ent.start_char, ent.end_char, kind="entity"),
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            label=ent.label_,
            origin=origin,
        ))
    return out


class RuleError(ValueError):
    """A rule pattern that spaCy would reject."""


class RuleSet:
    """Entity-ruler patterns (``{"label", "pattern", "id"}`` dicts) applied to already-parsed Docs.

    Patterns are validated one by one (a bad one is listed in ``rejected`` and left out, so it can never
    be saved and then break loading). An empty rule set is a no-op. ``vocab`` is the vocabulary cached
    Docs are read into.
    """

    def __init__(self, patterns: Iterable[dict] = (), lang: str = "en"):
        import spacy

        self.nlp = spacy.blank(lang)
        self.patterns: list[dict] = []
        self.rejected: list[tuple[dict, str]] = []
        self._ruler = None
        for pattern in patterns:
            try:
                self.patterns.append(validate_pattern(pattern, self.nlp.vocab))
            except RuleError as error:
                self.rejected.append((pattern, str(error)))
        if self.patterns:
            self._ruler = self.nlp.add_pipe(
                "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
            self._ruler.add_patterns(self.patterns)

    @property
    def vocab(self):
        return self.nlp.vocab

    def __bool__(self) -> bool:
        return self._ruler is not None

    def __len__(self) -> int:
        return len(self.patterns)

    def apply(self, doc):
        """Run the rules over ``doc`` (in place) and return it."""
        if self._ruler is not None:
            doc = self._ruler(doc)
        return doc


def validate_pattern(pattern: dict, vocab) -> dict:
    """Check one entity-ruler pattern with a throwaway validating Matcher; return it, or raise RuleError."""
    from spacy.matcher import Matcher

    if not isinstance(pattern, dict) or not isinstance(pattern.get("label"), str) or not pattern["label"]:
        raise RuleError("a pattern needs a non-empty string label")
    body = pattern.get("pattern")
    if isinstance(body, str):
        if not body.strip():
            raise RuleError("empty phrase pattern")
        return dict(pattern)
    if not isinstance(body, list) or not body:
        raise RuleError("a pattern is a phrase string or a non-empty list of token dicts")
    try:
        Matcher(vocab, validate=True).add("check", [body])
    except Exception as error:  # spaCy raises ValueError/MatchPatternError with a long message
        raise RuleError(str(error).splitlines()[0]) from None
    return dict(pattern)


def learned_rules(db_path: str | Path | None) -> list[dict]:
    """The learned entity rules stored in the annotation file ``db_path``.

    TODO(issue 7): read the rules the reviewer's corrections produced from the annotation store.
    Until then there are none.
    """
    return []
