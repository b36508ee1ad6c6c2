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

from ..extraction.rule_kinds import (  # noqa: F401  (re-exported: the kinds are named here for the rules package)
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    KINDS,
    MAX_TEXT,
    ROLES,
    WHERE,
    bare_vocab,
    check_line_pattern,
    validate_rule,
)

ROLE_NAMES = {"counted": "counted noun", "predicate": "predicate", "source_verb": "attribution verb"}


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
