"""Site chrome: recognise and drop the lines and paragraphs a page scrape carries around the story.

The patterns are data (``boilerplate.json`` beside this module, plus any a reviewer adds), so the
review app can extend them. Two structural rules work on top of the patterns:

* an *echo* line, one that repeats the quoted or captioned text of an adjacent chrome line (a video
  title under "Click to play video: '…'", the alt text before a "(Copyright …)" credit), is chrome;
* an *appeal block*: a paragraph in the outlet's own voice ("we", "our") standing between two
  paragraphs of a donation appeal is part of that appeal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files

from .prefilter import LiteralPrefilter, anchored, folded_utf8, folded_view, literal_prefilter, union_at_start

_QUOTED = re.compile(r"['\"‘“]([^'\"‘’“”]{8,})['\"’”]")
_WE_VOICE = re.compile(r"\b(we|our|us)\b", re.I)
_QUOTE_MARKS = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class ChromePattern:
    """One boilerplate pattern: ``scope`` is "line" or "paragraph"."""

    id: str
    scope: str
    pattern: str
    case: bool = False

    @property
    def flags(self) -> int:
        return 0 if self.case else re.IGNORECASE

    def compile(self) -> re.Pattern:
        return re.compile(self.pattern, self.flags)


class PatternError(ValueError):
    """A boilerplate pattern that is not a valid regular expression or scope."""


def validate(pattern: dict) -> ChromePattern:
    """Check a pattern record (from the data file or a reviewer) and return it typed."""
    try:
        cp = ChromePattern(
            id=str(pattern["id"]),
            scope=str(pattern.get("scope", "line")),
            pattern=str(pattern["pattern"]),
            case=bool(pattern.get("case", False)),
        )
    except KeyError as missing:
        raise PatternError(f"boilerplate pattern lacks {missing}") from None
    if cp.scope not in ("line", "paragraph"):
        raise PatternError(f"boilerplate pattern {cp.id}: scope must be 'line' or 'paragraph'")
    try:
        cp.compile()
    except re.error as error:
        raise PatternError(f"boilerplate pattern {cp.id}: {error}") from None
    return cp


def builtin_patterns() -> list[ChromePattern]:
    data = json.loads(files(__package__).joinpath("boilerplate.json").read_text("utf-8"))
    return [validate(p) for p in data["patterns"]]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[‘’“”'\"]", "", text).lower().split())


def _echoes(line: str, chrome_line: str) -> bool:
    """Does ``line`` only repeat what an adjacent chrome line shows (its quoted or captioned text)?"""
    line_n = _norm(line)
    if not line_n:
        return False
    candidates = {_norm(q) for q in _QUOTED.findall(chrome_line)}
    for sep in (" (", ": ", " – ", " — ", " - "):
        head, found, tail = chrome_line.partition(sep)
        if found:
            candidates.add(_norm(head))
            candidates.add(_norm(tail))
    return line_n in candidates


@dataclass(frozen=True)
class _Scope:
    """The patterns of one scope, compiled once, in order: each with its prefilter where it is
    unanchored, and the anchored ones joined (``any_anchored.match``: does one of them match?)."""

    patterns: list[tuple[str, re.Pattern, LiteralPrefilter | None, bool]]  # (id, regex, prefilter, anchored)
    any_anchored: re.Pattern | None

    @classmethod
    def of(cls, patterns: list[ChromePattern]) -> _Scope:
        compiled = []
        for p in patterns:
            is_anchored = anchored(p.pattern, p.flags)  # fails at the first characters: needs no prefilter
            compiled.append((p.id, p.compile(), None if is_anchored else literal_prefilter(p.pattern, p.flags),
                             is_anchored))
        return cls(compiled, union_at_start([(p.pattern, p.flags) for p, (*_, is_anchored) in zip(patterns, compiled, strict=True)
                                             if is_anchored]))

    @property
    def needs_folded(self) -> bool:
        """Does a pattern's prefilter look at the lower-cased text?"""
        return any(prefilter is not None and prefilter.folded for _, _, prefilter, _ in self.patterns)

    def within(self, whole: str, folded: bytes | None) -> _Scope:
        """The scope for the parts of ``whole`` (the article's paragraphs joined; ``folded``: its
        :func:`~.prefilter.folded_utf8`): without the unanchored patterns whose words are nowhere in it,
        which then match none of its parts."""
        kept = [p for p in self.patterns if p[3] or p[2] is None or p[2].may_occur(whole, folded)]
        return self if len(kept) == len(self.patterns) else _Scope(kept, self.any_anchored)

    @cached_property
    def unanchored(self) -> list[tuple[str, re.Pattern, LiteralPrefilter | None, bool]]:
        """The patterns to try on a text none of the anchored patterns matches, in order."""
        return [p for p in self.patterns if not p[3]]

    def first_match(self, text: str, folded: str | None) -> str | None:
        """The id of the first pattern that ``text`` matches; ``folded`` is
        :func:`~.prefilter.folded_view` of ``text``."""
        skip_anchored = self.any_anchored is not None and self.any_anchored.match(text) is None
        for pid, rx, prefilter, _ in self.unanchored if skip_anchored else self.patterns:
            if prefilter is not None and not prefilter.may_match(text, folded):  # (an anchored pattern has none)
                continue
            if rx.search(text):
                return pid
        return None


class BoilerplateFilter:
    """Drops chrome from a list of paragraphs (each a string; a line is a paragraph here). Compile one
    per corpus read and reuse it: each pattern is compiled, and its prefilter worked out, once."""

    def __init__(self, patterns: Iterable[ChromePattern] | None = None, extra: Iterable[dict] = ()):
        chosen = list(patterns) if patterns is not None else builtin_patterns()
        chosen += [validate(p) for p in extra]
        self.patterns = chosen
        self._line = _Scope.of([p for p in chosen if p.scope == "line"])
        self._para = _Scope.of([p for p in chosen if p.scope == "paragraph"])

    def line_match(self, line: str) -> str | None:
        """The id of the first line pattern that ``line`` matches, else None."""
        text = line.strip()
        return self._line.first_match(text, folded_view(text))

    def paragraph_match(self, paragraph: str) -> str | None:
        return self._para.first_match(paragraph, folded_view(paragraph))

    @staticmethod
    def _match(paragraph: str, line: _Scope, para: _Scope, fold: bool) -> str | None:
        """:meth:`line_match` or else :meth:`paragraph_match` (with the scopes of the article; ``fold``:
        does a prefilter of theirs need the lower-cased text?), lower-casing the text once."""
        text = paragraph.strip()
        folded = folded_view(text) if fold else None
        found = line.first_match(text, folded)
        if found is None:
            found = para.first_match(paragraph, folded if text == paragraph or not fold else folded_view(paragraph))
        return found

    def chrome_flags(self, paragraphs: list[str]) -> list[str | None]:
        """For each paragraph, the reason it is chrome (a pattern id or rule name), or None."""
        whole = "\n".join(paragraphs)  # a pattern whose words are nowhere in the article is not tried on its lines
        folded = folded_utf8(whole)
        line, para = self._line.within(whole, folded), self._para.within(whole, folded)
        fold = line.needs_folded or para.needs_folded
        flags: list[str | None] = [self._match(p, line, para, fold) for p in paragraphs]
        if not any(flags):  # the rules below each need a flagged neighbour
            return flags
        for i, par in enumerate(paragraphs):
            if flags[i]:
                continue
            neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(paragraphs) and flags[j]]
            if any(_echoes(par, paragraphs[j]) for j in neighbours):
                flags[i] = "echo"
        for i, par in enumerate(paragraphs):
            if flags[i] or not 0 < i < len(paragraphs) - 1:
                continue
            between_appeals = flags[i - 1] == "donation-appeal" and flags[i + 1] == "donation-appeal"
            if between_appeals and _WE_VOICE.search(par) and not _QUOTE_MARKS.search(par):
                flags[i] = "appeal-block"
        return flags
