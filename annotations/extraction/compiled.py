"""The enabled rules, compiled into what the :class:`~claimdesk.annotations.extract.Extractor` applies.

:class:`ExtractionRules` takes the store's rule documents (``{"id", "kind", "data", "enabled"}``, as
:func:`rules_for_extractor` lists them) or bare entity-ruler patterns, and works on a parsed Doc from
the cache — the model never runs again when rules change:

1. entity label rules (a :class:`~claimdesk.annotations.entities.RuleSet`), then entity suppression,
   change ``doc.ents`` before the claim finder reads them;
2. the claim lexicon (counted nouns, predicates, attribution verbs) is handed to ``find_claims``;
3. claim suppression, boilerplate lines and the paragraphs a reviewer marked as chrome filter what
   was found.

A rule that fails validation is listed in ``rejected`` and left out, never applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..anchoring import anchor
from ..corpus.boilerplate import validate as validate_chrome
from ..entities import RuleError, RuleSet, is_longer_name
from .roles import ClaimLexicon
from .rule_kinds import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    KINDS,
    bare_vocab,
    validate_rule,
)

MARK = "boilerplate_mark"  # a paragraph a reviewer marked as chrome, in one article (a mark, not a stored rule)


class ExtractionRules:
    """Every kind of learned rule, ready to apply to cached Docs. ``vocab``: the vocabulary the Docs
    are read into (pass the previous rules' to keep it across rule changes)."""

    def __init__(self, rules: Iterable[dict] | RuleSet = (), *, vocab=None, lang: str = "en"):
        from spacy.matcher import Matcher

        if isinstance(rules, RuleSet):
            self.entity_rules, rules, vocab = rules, (), rules.vocab
        self.vocab = vocab if vocab is not None else bare_vocab()
        self.rules: list[dict] = []  # the stored rules applied (validated data), in order
        self.rejected: list[tuple[dict, str]] = []
        self._suppress = Matcher(self.vocab)  # entity suppression
        self._before, self._after = Matcher(self.vocab), Matcher(self.vocab)
        self._keys: dict[str, tuple[str, str]] = {}  # matcher key → (rule id, label)
        self._lines: list[re.Pattern] = []  # claim_suppress "line": claims on such lines are dropped
        self._chrome: list[re.Pattern] = []  # boilerplate: claims and entities on such lines are dropped
        self._marks: dict[str, list[dict]] = {}  # article id → selectors of marked paragraphs
        words: dict[str, set[str]] = {"counted": set(), "predicate": set(), "source_verb": set()}
        label_patterns: list[dict] = []
        for n, rule in enumerate(rules):
            if "kind" not in rule:  # a bare entity-ruler pattern
                label_patterns.append(rule)
                continue
            if not rule.get("enabled", True):
                continue
            kind, rule_id = rule["kind"], str(rule.get("id") or f"rule-{n}")
            if kind == MARK:
                selector = (rule.get("data") or {}).get("selector")
                if not isinstance(selector, dict):
                    self.rejected.append((rule, "a chrome mark needs its selector"))
                    continue
                self._marks.setdefault(rule.get("article", ""), []).append(selector)
                self.rules.append(rule)
                continue
            try:
                data = validate_rule(kind, rule.get("data") or {}, self.vocab)
            except RuleError as error:
                self.rejected.append((rule, str(error)))
                continue
            self.rules.append({**rule, "id": rule_id, "data": data})
            if kind == ENTITY_LABEL:
                label_patterns.append({"label": data["label"], "pattern": data["pattern"], "id": rule_id})
            elif kind == ENTITY_SUPPRESS:
                self._add(self._suppress, rule_id, data["pattern"], data["label"])
            elif kind == CLAIM_SUPPRESS and data["where"] == "line":
                self._lines.append(_line_regex(rule_id, data["pattern"]))
            elif kind == CLAIM_SUPPRESS:
                self._add(self._before if data["where"] == "before" else self._after, rule_id, data["pattern"], "")
            elif kind == CLAIM_LEXICON:
                words[data["role"]].add(data["word"])
            elif kind == BOILERPLATE:
                self._chrome.append(_line_regex(rule_id, data["pattern"]))
        if not hasattr(self, "entity_rules"):
            self.entity_rules = RuleSet(label_patterns, lang=lang, vocab=self.vocab)
            self.rejected[:0] = self.entity_rules.rejected
        self.lexicon = ClaimLexicon(frozenset(words["counted"]), frozenset(words["predicate"]),
                                    frozenset(words["source_verb"]))

    def _add(self, matcher, rule_id: str, pattern: list, label: str) -> None:
        key = f"{rule_id}\x1f{len(self._keys)}"
        self._keys[key] = (rule_id, label)
        matcher.add(key, [pattern])

    # -- what the Extractor and the tests ask --------------------------------------------------

    @property
    def patterns(self) -> list[dict]:
        """The entity label patterns applied."""
        return self.entity_rules.patterns

    @property
    def changes_entities(self) -> bool:
        return bool(self.entity_rules)

    def __len__(self) -> int:
        return len(self.entity_rules) + sum(1 for r in self.rules if r.get("kind") != ENTITY_LABEL)

    def __bool__(self) -> bool:
        return len(self) > 0

    @property
    def key(self) -> str:
        """A fingerprint of what these rules do (two rule sets with the same key give the same results)."""
        stored = sorted((r.get("id", ""), r.get("kind", ""), r.get("article", ""), json.dumps(r.get("data"), sort_keys=True))
                        for r in self.rules)
        return json.dumps([stored, self.entity_rules.patterns], sort_keys=True, default=str)

    # -- applying ------------------------------------------------------------------------------

    def apply(self, doc):
        """Entity label rules, then entity suppression, on ``doc.ents`` (in place); returns ``doc``."""
        doc = self.entity_rules.apply(doc)
        if len(self._suppress):
            drops = []
            for match_id, start, end in self._suppress(doc):
                drops.append((start, end, self._keys[self.vocab.strings[match_id]][1]))
            if drops:
                doc.ents = [e for e in doc.ents if not any(_drops(e, s, t, label) for s, t, label in drops)]
        return doc

    def filter(self, article, doc, claims: list, entities: list) -> tuple[list, list]:
        """Drop the claims that suppression rules rule out, and claims and entities on chrome lines."""
        marks = _anchored(self._marks.get(article.id, []), article.text)
        if not (marks or self._chrome or self._lines or len(self._before) or len(self._after)):
            return claims, entities
        chrome, lines = _LineTest(article.text, self._chrome), _LineTest(article.text, self._lines)
        ends = {e for _, _, e in self._before(doc)} if len(self._before) else set()
        starts = {s for _, s, _ in self._after(doc)} if len(self._after) else set()

        def in_chrome(item) -> bool:
            return chrome(item.start) or any(s < item.end and item.start < e for s, e in marks)

        def not_a_claim(claim) -> bool:
            if in_chrome(claim) or lines(claim.start):
                return True
            if not (ends or starts):
                return False
            span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
            if span is None:
                return False
            return any(span.start <= t < span.end for t in ends) or any(span.start < t <= span.end for t in starts)

        return [c for c in claims if not not_a_claim(c)], [e for e in entities if not in_chrome(e)]


def _anchored(selectors: list[dict], text: str) -> list[tuple[int, int]]:
    """The spans of marked paragraphs in the article's text now (a mark whose text is gone is ignored)."""
    spans = []
    for selector in selectors:
        pos, exact = selector["position"], selector["quote"]["exact"]
        if text[pos["start"]:pos["end"]] == exact:
            spans.append((pos["start"], pos["end"]))
            continue
        found = anchor(selector, text)
        if found is not None:
            spans.append((found.start, found.end))
    return spans


def _drops(ent, start: int, end: int, label: str) -> bool:
    """Does a suppression match at tokens ``start:end`` drop ``ent`` (same words, maybe with "the"/"'s")?"""
    if label and ent.label_ != label:
        return False
    if (ent.start, ent.end) == (start, end):
        return True
    return ent.start <= start and end <= ent.end and not is_longer_name(ent, ent.doc[start:end])


def _line_regex(rule_id: str, pattern: str) -> re.Pattern:
    """A line pattern compiled as the corpus cleaner compiles its own (case-insensitive)."""
    return validate_chrome({"id": rule_id, "scope": "line", "pattern": pattern}).compile()


class _LineTest:
    """Does the line holding a character offset match any of ``patterns``? (each line tested once)"""

    def __init__(self, text: str, patterns: list[re.Pattern]):
        self.text, self.patterns, self.seen = text, patterns, {}

    def __call__(self, offset: int) -> bool:
        if not self.patterns:
            return False
        start = self.text.rfind("\n", 0, offset) + 1
        if start not in self.seen:
            end = self.text.find("\n", offset)
            line = self.text[start:end if end >= 0 else len(self.text)].strip()
            self.seen[start] = any(rx.search(line) for rx in self.patterns)
        return self.seen[start]


# -- from the store -------------------------------------------------------------------------------

def rules_for_extractor(store) -> list[dict]:
    """What ``Extractor(rules=...)`` and ``extractor.set_rules(...)`` take: the enabled rules in the store,
    and each paragraph a reviewer marked as chrome (that article only)."""
    rules = [r for r in store.rules(enabled=True) if r.get("kind") in KINDS]
    for mark in store.boilerplate():
        if mark.get("orphan"):
            continue
        rules.append({"id": mark["id"], "kind": MARK, "article": mark.get("article", ""), "enabled": True,
                      "data": {"selector": mark["selector"]}})
    return rules


def learned_boilerplate(store) -> list[dict]:
    """The enabled boilerplate rules as chrome patterns for ``load_corpus(..., extra_boilerplate=...)``
    (``{"id", "scope": "line", "pattern"}``, the records of ``corpus/boilerplate.json``)."""
    return [{"id": r["id"], "scope": "line", "pattern": r["data"]["pattern"]}
            for r in store.rules(kind=BOILERPLATE, enabled=True) if isinstance((r.get("data") or {}).get("pattern"), str)]


def may_apply(rule: dict, article) -> bool:
    """A quick test: could ``rule`` change anything in ``article``? (False means surely not.)"""
    kind, data = rule.get("kind"), rule.get("data") or {}
    if kind == MARK:
        return rule.get("article") == article.id
    text = article.text
    if kind == CLAIM_LEXICON:
        return str(data.get("word", "")).lower() in text.lower()
    pattern = data.get("pattern")
    if isinstance(pattern, str):
        if kind in (BOILERPLATE, CLAIM_SUPPRESS):
            return bool(rule_lines(rule, text, first=True))
        return pattern.lower() in text.lower()
    lowered = None
    for token in pattern or []:
        for attr in ("TEXT", "ORTH"):
            if isinstance(token.get(attr), str) and token[attr] not in text:
                return False
        if isinstance(token.get("LOWER"), str):
            lowered = text.lower() if lowered is None else lowered
            if token["LOWER"] not in lowered:
                return False
    return True


SLACK = 20  # characters of leeway around where a before/after context must be to touch a claim


def may_drop(rule: dict, article, claims: list) -> bool:
    """A quick test, with no parse: could the claim suppression ``rule`` drop any of ``claims`` (found in
    ``article``)? False means surely not: a line rule matches none of their lines; a before/after
    context has a word missing from the few characters right before a claim (``before``: the words
    end where the claim's first token starts) or from the claim and the few characters after it
    (``after``: they start inside it or right after)."""
    data = rule.get("data") or {}
    if data.get("where") == "line":
        lines = rule_lines(rule, article.text)
        return any(start <= claim.start <= end for claim in claims for start, end in lines)
    words = []
    for token in data.get("pattern") or []:
        word = next((token[a] for a in ("TEXT", "ORTH", "LOWER") if isinstance(token.get(a), str)), None)
        if word is None:  # a token this test cannot read: maybe
            return True
        words.append(word.lower())
    reach = sum(len(word) + 1 for word in words) + SLACK  # the words, a space after each, some leeway
    text = article.text

    def near(claim) -> str:
        if data.get("where") == "before":
            return text[max(0, claim.start - reach):claim.start].lower()
        return text[claim.start:claim.end + reach].lower()

    return any(all(word in near(claim) for word in words) for claim in claims)


def rule_lines(rule: dict, text: str, first: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` that a line rule (``boilerplate``, or ``claim_suppress`` on
    a ``line``) matches, as the cleaner tests them (stripped, case-insensitive); only the first one
    when ``first``. A pattern that does not compile matches nothing."""
    pattern = (rule.get("data") or {}).get("pattern")
    if not isinstance(pattern, str) or not pattern:
        return []
    try:
        rx = _line_regex(str(rule.get("id", "")), pattern)
    except ValueError:  # PatternError: not a regular expression
        return []
    found, start = [], 0
    for line in text.split("\n"):
        if rx.search(line.strip()):
            found.append((start, start + len(line)))
            if first:
                break
        start += len(line) + 1
    return found


__all__ = [
    "MARK",
    "ExtractionRules",
    "learned_boilerplate",
    "may_apply",
    "may_drop",
    "rule_lines",
    "rules_for_extractor",
]
