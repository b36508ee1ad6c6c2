"""A cheap test that a text cannot match a regular expression: the words any match must contain.

A chrome pattern such as ``\\b(we use cookies|accept (all )?cookies|cookie (policy|…))\\b`` is searched
at every position of every line of every article (unanchored, case-insensitive: the slowest kind of
search for Python's ``re``), yet almost no line holds it. Every match of it holds "we use cookies",
"accept " or "cookie ", and looking for those with ``in`` over the lower-cased line costs a tenth of
the search. :func:`literal_prefilter` finds such words in the pattern's parse tree; the search then
runs only on lines that hold one of them, so what matches is exactly what matched before.

Where the words cannot be told for certain (a pattern any text may match, flags switched inside the
pattern, a construct not understood here, a future ``re`` whose parser changed), there is no
prefilter and the pattern is always searched. Under ``re.IGNORECASE`` the words are compared in lower
case, which is exact for ASCII words unless the text holds one of the four non-ASCII letters that
``re`` takes for an ASCII one (:data:`ASCII_FOLDERS`): such a text is always searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

try:  # the parser behind re.compile; private, so its absence only means no prefilter
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover (Python < 3.11 names them sre_parse / sre_constants)
    _sre = _sre_parse = None

# The non-ASCII letters re.IGNORECASE matches with an ASCII letter: İ and ı (i), ſ (s), the Kelvin sign (k).
ASCII_FOLDERS = "\u0130\u0131\u017f\u212a"
_HANDLED_FLAGS = re.IGNORECASE | re.UNICODE | re.ASCII | re.VERBOSE | re.DOTALL | re.MULTILINE
_MIN_WORD = 3  # words shorter than this are too common to save a search


class _Unknown(Exception):
    """A construct whose required words are not worked out here."""


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets of words each of which a match must hold one of, the most selective."""
    usable = [c for c in candidates if c and all(len(w) >= _MIN_WORD for w in c)]
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _required(items, fold: bool) -> frozenset[str] | None:
    """Words one of which every match of the parsed sequence ``items`` holds (None: none known)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            char = chr(av)
            if fold and not char.isascii():  # compared in lower case: ASCII only
                end_run()
            else:
                run.append(char.lower() if fold else char)
            continue
        end_run()
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown("flags switched inside the pattern")
            found = _required(sub, fold)
        elif op is _sre.BRANCH:
            alternatives = [_required(alt, fold) for alt in av[1]]
            found = None if any(a is None for a in alternatives) else frozenset().union(*alternatives)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            found = _required(sub, fold) if low >= 1 else None
        elif op is _sre.ATOMIC_GROUP:
            found = _required(av, fold)
        elif op in (_sre.AT, _sre.IN, _sre.ANY, _sre.NOT_LITERAL, _sre.CATEGORY, _sre.ASSERT, _sre.ASSERT_NOT,
                    _sre.GROUPREF, _sre.GROUPREF_EXISTS, _sre.RANGE):
            found = None  # consumes no fixed word (or one not worked out): no requirement from it
        else:
            raise _Unknown(f"{op}")
        if found is not None:
            candidates.append(found)
    end_run()
    return _best(candidates)


def required_words(pattern: str, flags: int = 0) -> tuple[frozenset[str], bool] | None:
    """(words, folded): every match of ``pattern`` holds one of the words (lower-cased when
    ``folded``, i.e. the pattern ignores case); None when they cannot be told."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        all_flags = parsed.state.flags
        if all_flags & ~_HANDLED_FLAGS:
            return None
        fold = bool(all_flags & re.IGNORECASE)
        words = _required(parsed.data, fold)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError, RecursionError):
        return None
    return (words, fold) if words else None


@dataclass(frozen=True)
class LiteralPrefilter:
    """The words one of which every match of a pattern holds (lower-cased when ``folded``)."""

    words: tuple[str, ...]
    folded: bool

    def may_match(self, text: str, folded_text: str | None) -> bool:
        """False only when the pattern cannot match ``text``; ``folded_text`` is :func:`folded_view`
        of it (computed once per text by a caller that tries several patterns)."""
        if not self.folded:
            haystack = text
        elif folded_text is None:
            return True  # a letter re folds to ASCII: only the search can tell
        else:
            haystack = folded_text
        for word in self.words:  # noqa: SIM110 (a loop: any() over a generator costs twice the time here)
            if word in haystack:
                return True
        return False

    @cached_property
    def _utf8_words(self) -> tuple[bytes, ...]:
        return tuple(word.encode("utf-8") for word in self.words)

    def may_occur(self, text: str, folded_utf8: bytes | None) -> bool:
        """:meth:`may_match` for a long text (an article), lower-cased as :func:`folded_utf8` gives."""
        if not self.folded:
            return self.may_match(text, None)
        if folded_utf8 is None:
            return True
        for word in self._utf8_words:  # noqa: SIM110 (as above)
            if word in folded_utf8:
                return True
        return False


def _has_ascii_folder(text: str) -> bool:
    if not text.isascii():  # four looks for one letter each: a tenth of the time of a search for any of them
        for letter in ASCII_FOLDERS:
            if letter in text:
                return True
    return False


def folded_view(text: str) -> str | None:
    """``text`` lower-cased, to look for the words of a pattern that ignores case; None when ``text``
    holds a letter ``re.IGNORECASE`` takes for an ASCII one (then the words cannot be looked for)."""
    return None if _has_ascii_folder(text) else text.lower()


def folded_utf8(text: str) -> bytes | None:
    """:func:`folded_view` for the words of a pattern that ignores case (ASCII words) in a long text, in a
    third of the time: ``text`` in UTF-8 with its ASCII letters lower-cased. Where ``text`` holds no
    letter of :data:`ASCII_FOLDERS`, no other letter lower-cases to an ASCII one, and a character beyond
    ASCII is bytes beyond ASCII in UTF-8: an ASCII word is in one exactly where it is in the other."""
    return None if _has_ascii_folder(text) else text.encode("utf-8", "surrogatepass").lower()


def literal_prefilter(pattern: str, flags: int = 0) -> LiteralPrefilter | None:
    """The prefilter of ``re.compile(pattern, flags)``: its :meth:`~LiteralPrefilter.may_match` is
    False only when the search finds nothing; None when no such test is known for the pattern."""
    found = required_words(pattern, flags)
    if found is None:
        return None
    words = found[0]
    # a word that holds another is found only where that one is: looking for it adds nothing
    needed = {w for w in words if not any(other != w and other in w for other in words)}
    return LiteralPrefilter(tuple(sorted(needed, key=len, reverse=True)), found[1])


def _ops(items) -> set:
    """Every operation in a parse tree."""
    found = set()
    for op, av in items:
        found.add(op)
        subs = av if isinstance(av, (list, tuple)) else ()
        for sub in subs:
            if isinstance(sub, _sre_parse.SubPattern):
                found |= _ops(sub)
            elif isinstance(sub, list):  # a branch's alternatives
                for alt in sub:
                    if isinstance(alt, _sre_parse.SubPattern):
                        found |= _ops(alt)
    return found


def anchored(pattern: str, flags: int = 0) -> bool:
    """Can ``pattern`` match only at the start of a text (``^`` or ``\\A`` first, at the top level, not
    in multi-line mode)? False when that cannot be told."""
    if _sre_parse is None:
        return False
    try:
        parsed = _sre_parse.parse(pattern, flags)
        first = parsed.data[0] if len(parsed.data) else None
        return (first is not None and first[0] is _sre.AT and first[1] in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
                and not parsed.state.flags & re.MULTILINE)
    except (re.error, AttributeError, TypeError, ValueError, RecursionError, IndexError):
        return False


def union_at_start(patterns: list[tuple[str, int]]) -> re.Pattern | None:
    """One regular expression whose ``match`` finds something exactly when one of the :func:`anchored`
    ``(pattern, flags)`` searches would (one try at the start of a line instead of one per pattern);
    None when they cannot be joined (a back-reference or a group name, whose numbering joining would
    change, flags other than IGNORECASE, a pattern that does not compile joined)."""
    if _sre_parse is None or not patterns:
        return None
    branches = []
    try:
        for pattern, flags in patterns:
            parsed = _sre_parse.parse(pattern, flags)
            if (flags & ~re.IGNORECASE or parsed.state.groupdict
                    or _ops(parsed.data) & {_sre.GROUPREF, _sre.GROUPREF_EXISTS, _sre.GROUPREF_IGNORE}):
                return None
            branches.append(f"(?i:{pattern})" if flags & re.IGNORECASE else f"(?:{pattern})")
        return re.compile("|".join(branches))
    except (re.error, AttributeError, TypeError, ValueError, RecursionError):
        return None


__all__ = ["ASCII_FOLDERS", "LiteralPrefilter", "anchored", "folded_utf8", "folded_view", "literal_prefilter",
           "required_words", "union_at_start"]
