"""The kinds of learned rule, what each keeps in its ``data``, and validation: a bad rule is never saved.

=================== ============================================================================
kind                data
=================== ============================================================================
``entity_label``    ``{"label", "pattern", "text"}``: a token pattern (case-sensitive ``TEXT`` by
                    default) labelled everywhere it occurs, over the model's entities
``entity_suppress`` ``{"label", "pattern", "text"}``: where the pattern occurs with that label (any
                    label when ``""``), the entity is dropped
``claim_suppress``  ``{"where", "pattern", "text"}``: a number is not a claim when ``pattern`` (tokens)
                    comes right ``before`` or ``after`` it, or when its ``line`` matches ``pattern`` (a
                    regular expression)
``claim_lexicon``   ``{"role", "word"}``: a ``counted`` noun, a ``predicate`` or an attribution verb
                    (``source_verb``) the claim finder did not know
``boilerplate``     ``{"pattern", "text"}``: a line pattern (regular expression) of site chrome; the
                    cleaner drops such lines at load, extraction ignores them until then
=================== ============================================================================
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
ROLE_NAMES = {"counted": "counted noun", "predicate": "predicate", "source_verb": "attribution verb"}

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


def pattern_text(pattern) -> str:
    """A token pattern as a reviewer reads it: ``Nagorno-Karabakh``, ``su - <digits>``, ``[LOWER=x]``."""
    if isinstance(pattern, str):
        return pattern
    words = []
    for token in pattern or []:
        if not isinstance(token, dict):
            words.append("?")
        elif "TEXT" in token and isinstance(token["TEXT"], str):
            words.append(token["TEXT"])
        elif "ORTH" in token and isinstance(token["ORTH"], str):
            words.append(token["ORTH"])
        elif "LOWER" in token and isinstance(token["LOWER"], str):
            words.append(token["LOWER"])
        else:
            words.append("[" + ",".join(f"{k}={v}" for k, v in token.items()) + "]")
    return " ".join(words)


def describe(kind: str, data: dict) -> tuple[str, str]:
    """(pattern, label) of a rule, as the Rules screen and ``rules list`` show them."""
    data = data or {}
    text = data.get("text") or ""
    if kind in (ENTITY_LABEL, ENTITY_SUPPRESS):
        label = data.get("label", "")
        pattern = text or pattern_text(data.get("pattern"))
        return pattern, (label if kind == ENTITY_LABEL else f"not {label or 'an entity'}")
    if kind == CLAIM_SUPPRESS:
        where = data.get("where", "")
        shown = text or (data.get("pattern") if where == "line" else pattern_text(data.get("pattern")))
        if where == "line":
            return f"line /{shown}/", "not a claim"
        return (f"{shown} N" if where == "before" else f"N{shown}" if shown.startswith("-") else f"N {shown}"), \
            "not a claim"
    if kind == CLAIM_LEXICON:
        return data.get("word", ""), ROLE_NAMES.get(data.get("role", ""), data.get("role", ""))
    if kind == BOILERPLATE:
        return f"line /{data.get('pattern', '')}/", "site chrome"
    return pattern_text(data.get("pattern")), data.get("label", "")


KIND_NAMES = {ENTITY_LABEL: "label", ENTITY_SUPPRESS: "no entity", CLAIM_SUPPRESS: "no claim",
              CLAIM_LEXICON: "claim word", BOILERPLATE: "chrome"}


def describe_provenance(provenance: dict) -> str:
    """Where a rule came from, in a few words: 'relabel of "Nagorno-Karabakh" (ORG → GPE)'."""
    prov = provenance or {}
    words = f'{prov.get("decision", "")} of "{prov.get("text", "")}"' if prov.get("text") else prov.get("decision", "")
    if prov.get("before") or prov.get("after"):
        field = f'{prov["field"]}: ' if prov.get("field") else ""
        words += f' ({field}{prov.get("before") or "—"} → {prov.get("after") or "—"})'
    return words
