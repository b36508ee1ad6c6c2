"""The kinds of learned rule the extractor applies, what each keeps in its ``data``, and validation: a bad
rule is never saved, and never applied. (:mod:`claimdesk.annotations.rules.kinds` describes them for people.)
"""

from __future__ import annotations

import re

from ..entities import ENTITY_RULE_KIND, RuleError, validate_pattern

ENTITY_LABEL = ENTITY_RULE_KIND
ENTITY_SUPPRESS = "entity_suppress"
CLAIM_SUPPRESS = "claim_suppress"
CLAIM_LEXICON = "claim_lexicon"
BOILERPLATE = "boilerplate"
KINDS = (ENTITY_LABEL, ENTITY_SUPPRESS, CLAIM_SUPPRESS, CLAIM_LEXICON, BOILERPLATE)

WHERE = ("before", "after", "line")
ROLES = ("counted", "predicate", "source_verb")

_LABEL = re.compile(r"^[A-Z][A-Z0-9_]{0,29}$")
_WORD = re.compile(r"^[a-z][a-z'-]{1,39}$")
_PROBES = ("x", "The", "7", "Officials said five people died.")  # a pattern matching all these matches any line
MAX_TEXT = 120


def validate_rule(kind: str, data: dict, vocab=None) -> dict:
    """The rule's data, checked and normalised; raises :class:`RuleError` with a one-line reason.

    Token patterns are checked by a throwaway validating ``Matcher`` (spaCy's ruler would keep a bad
    one, save it, and then fail to load), regular expressions by compiling them.
    """
    if not isinstance(data, dict):
        raise RuleError("rule data must be an object")
    text = str(data.get("text", ""))[:MAX_TEXT]
    if kind in (ENTITY_LABEL, ENTITY_SUPPRESS):
        label = str(data.get("label", ""))
        if kind == ENTITY_LABEL or label:
            _check_label(label)
        checked = validate_pattern({"label": label or "ANY", "pattern": data.get("pattern")}, bare_vocab(vocab))
        return _with_text({"label": label, "pattern": checked["pattern"]}, text)
    if kind == CLAIM_SUPPRESS:
        where = data.get("where")
        if where not in WHERE:
            raise RuleError(f"claim_suppress 'where' must be one of {', '.join(WHERE)}")
        pattern = data.get("pattern")
        if where == "line":
            check_line_pattern(pattern)
        else:
            if not isinstance(pattern, list) or not pattern:
                raise RuleError("a before/after context is a non-empty list of token dicts")
            pattern = validate_pattern({"label": "CONTEXT", "pattern": pattern}, bare_vocab(vocab))["pattern"]
        return _with_text({"where": where, "pattern": pattern}, text)
    if kind == CLAIM_LEXICON:
        role, word = data.get("role"), str(data.get("word", "")).strip().lower()
        if role not in ROLES:
            raise RuleError(f"claim_lexicon 'role' must be one of {', '.join(ROLES)}")
        if not _WORD.match(word):
            raise RuleError(f"not a single lower-case word: {word[:40]!r}")
        return {"role": role, "word": word}
    if kind == BOILERPLATE:
        pattern = data.get("pattern")
        check_line_pattern(pattern)
        return _with_text({"pattern": pattern}, text)
    raise RuleError(f"unknown rule kind {str(kind)[:40]!r} (one of {', '.join(KINDS)})")


def check_line_pattern(pattern) -> re.Pattern:
    """A line pattern: a regular expression that compiles and does not match just any line."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise RuleError("a line pattern is a non-empty regular expression")
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise RuleError(f"not a valid regular expression: {error}") from None
    if compiled.search("") or all(compiled.search(probe) for probe in _PROBES):
        raise RuleError("the line pattern would match every line")
    return compiled


def _check_label(label: str) -> None:
    if not _LABEL.match(label):
        raise RuleError(f"an entity label is upper-case letters, digits and _ (got {label[:30]!r})")


def _with_text(data: dict, text: str) -> dict:
    if text:
        data["text"] = text
    return data


def bare_vocab(vocab=None):
    """``vocab``, or a bare English vocabulary (lexical attributes only: what cached Docs are read into)."""
    if vocab is not None:
        return vocab
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    return create_vocab("en", get_lang_class("en").Defaults)
