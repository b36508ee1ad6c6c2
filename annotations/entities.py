"""Named entities of a parsed Doc, and the learned entity rules applied on top of the model.

:class:`RuleSet` applies entity-ruler patterns with ``overwrite_ents`` semantics to a Doc that was
parsed earlier (and cached), so changing rules never re-runs the statistical model. One refinement
over spaCy's ruler: a match inside a longer name the model found ("Nagorno-Karabakh" inside "the
Nagorno-Karabakh Defense Ministry") leaves that name alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .extraction.claims import quote_id

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


def find_entities(doc, article_id: str = "", model_ents: set[tuple[int, int, str]] | None = None,
                  text: str | None = None) -> list[Entity]:
    """The Doc's entities (after rules). ``model_ents`` — (start, end, label) token spans the model found
    before rules ran — tells model entities from rule ones; without it every entity counts as "model"."""
    out = []
    text = doc.text if text is None else text
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
    """Entity patterns (``{"label", "pattern", "id"}`` dicts, as for spaCy's ``entity_ruler``) applied to
    already-parsed Docs with the ruler's ``overwrite_ents`` semantics: a rule match replaces the model's
    entities it overlaps, the longest match wins; but a model entity that holds the match and more
    name words (a longer proper name) is kept, and the match dropped.

    Phrase patterns (a string, or token dicts with only ``LOWER``, or only ``TEXT``) go to a
    ``PhraseMatcher`` on LOWER (or ORTH), which stays fast with thousands of rules; other token patterns
    to a ``Matcher``. Each pattern is
    validated on its own (a bad one is listed in ``rejected`` and left out, so it can never be saved and
    then break loading). An empty rule set is a no-op. ``vocab`` is the vocabulary cached Docs are read
    into; pass ``vocab`` to keep it across rule changes.
    """

    def __init__(self, patterns: Iterable[dict] = (), lang: str = "en", vocab=None):
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc
        from spacy.util import get_lang_class
        from spacy.vocab import create_vocab

        self.lang = lang
        # A bare English vocabulary (lexical attributes, no pipeline): much cheaper than spacy.blank().
        self.vocab = vocab if vocab is not None else create_vocab(lang, get_lang_class(lang).Defaults)
        self._nlp = None
        self.patterns: list[dict] = []
        self.rejected: list[tuple[dict, str]] = []
        self._phrases = PhraseMatcher(self.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.vocab, attr="ORTH")
        self._tokens = Matcher(self.vocab)
        self._n_phrases = self._n_exact = self._n_tokens = 0
        for pattern in patterns:
            try:
                pattern = validate_pattern(pattern, self.vocab)
            except RuleError as error:
                self.rejected.append((pattern, str(error)))
                continue
            self.patterns.append(pattern)
            key = f"{pattern['label']}\x1f{pattern.get('id', '')}"
            body = pattern["pattern"]
            if isinstance(body, str):
                self._phrases.add(key, [self.nlp.make_doc(body)])
                self._n_phrases += 1
            elif all(set(t) == {"LOWER"} and isinstance(t["LOWER"], str) for t in body):
                self._phrases.add(key, [Doc(self.vocab, words=[t["LOWER"] for t in body])])
                self._n_phrases += 1
            elif all(set(t) == {"TEXT"} and isinstance(t["TEXT"], str) for t in body):
                self._exact.add(key, [Doc(self.vocab, words=[t["TEXT"] for t in body])])
                self._n_exact += 1
            else:
                self._tokens.add(key, [body])
                self._n_tokens += 1

    @property
    def nlp(self):
        """A blank pipeline on the same vocabulary (its tokenizer splits phrase patterns)."""
        if self._nlp is None:
            import spacy

            self._nlp = spacy.blank(self.lang, vocab=self.vocab)
        return self._nlp

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)

    def apply(self, doc):
        """Run the rules over ``doc`` (its entities are replaced in place) and return it."""
        if not self.patterns:
            return doc
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matches = []
        if self._n_phrases:
            matches += self._phrases(doc)
        if self._n_exact:
            matches += self._exact(doc)
        if self._n_tokens:
            matches += self._tokens(doc)
        if not matches:
            return doc
        spans = []
        for match_id, start, end in matches:
            label, _, rule_id = self.vocab.strings[match_id].partition("\x1f")
            spans.append(Span(doc, start, end, label=label, span_id=rule_id or 0))
        ents = doc.ents
        covering = {}  # token index → the model's entity there (entities never overlap)
        for e in ents:
            for i in range(e.start, e.end):
                covering[i] = e
        spans = [s for s in filter_spans(spans)
                 if not (s.start in covering and is_longer_name(covering[s.start], s))]
        taken = bytearray(len(doc))
        for span in spans:
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
        keep = [e for e in ents if not any(taken[e.start:e.end])]
        doc.ents = sorted(keep + spans, key=lambda span: span.start)
        return doc


_NOT_NAME_WORDS = {"the", "a", "an", "'s", "’s", "'", "’"}


def is_longer_name(ent, match) -> bool:
    """Does the model's entity ``ent`` hold the rule ``match`` and other name words (a longer proper name)?"""
    if not (ent.start <= match.start and match.end <= ent.end) or (ent.start, ent.end) == (match.start, match.end):
        return False
    doc = ent.doc
    extra = [doc[i] for i in range(ent.start, ent.end) if not match.start <= i < match.end]
    return any(t.lower_ not in _NOT_NAME_WORDS and (t.pos_ == "PROPN" or t.is_title or t.is_upper) and t.is_alpha
               for t in extra)


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


ENTITY_RULE_KIND = "entity_label"  # store rule kind whose data is an entity-ruler pattern dict
