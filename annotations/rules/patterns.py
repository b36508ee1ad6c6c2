"""Patterns made from what a reviewer corrected: the words of a span, the context of a number, a line.

Token patterns are built from the article's cached parse, so they split words exactly as the Docs
they will run on ("Nagorno-Karabakh" is ``Nagorno`` ``-`` ``Karabakh``).
"""

from __future__ import annotations

import re

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVES = {"'s", "’s", "'", "’"}
LINE_END = tuple(".!?\"”'’)")
MAX_LINE_WORDS = 4
MAX_CHROME_WORDS = 12


def span_of(doc, start: int, end: int):
    """The tokens covering characters ``start:end`` (snapped outwards to whole tokens), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def name_tokens(doc, start: int, end: int):
    """The tokens of a name at ``start:end`` without a leading "the" or a trailing "'s" (None if nothing is left)."""
    span = span_of(doc, start, end)
    if span is None:
        return None
    first, last = span.start, span.end
    while first < last and (doc[first].lower_ in DETERMINERS or doc[first].is_space):
        first += 1
    while last > first and (doc[last - 1].text in POSSESSIVES or doc[last - 1].is_space
                            or (doc[last - 1].is_punct and doc[last - 1].text != ".")):
        last -= 1
    return doc[first:last] if last > first else None


def token_pattern(tokens, case: bool = True) -> list[dict]:
    """A token pattern matching these words: ``TEXT`` (case-sensitive) or ``LOWER``."""
    return [{"TEXT": t.text} if case else {"LOWER": t.lower_} for t in tokens if not t.is_space]


def number_tokens(doc, start: int, end: int):
    """(first, last) token indexes of the number inside a claim's span (its first and last digit or
    number-word token), or None."""
    span = span_of(doc, start, end)
    if span is None:
        return None
    nums = [t.i for t in span if t.like_num or any(c.isdigit() for c in t.text)]
    return (nums[0], nums[-1]) if nums else None


def hyphen_unit_after(doc, number_end: int) -> list[dict] | None:
    """The hyphenated words glued after a number ("-year-old", "-strong"), as a pattern, or None."""
    pattern, i = [], number_end + 1
    while i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
            and doc[i + 1].is_alpha:
        pattern += [{"TEXT": "-"}, {"LOWER": doc[i + 1].lower_}]
        i += 2
    return pattern or None


def name_before(doc, number_start: int) -> list[dict] | None:
    """The name a number belongs to ("Su-25", "F-16", "Flight 752", "Resolution 2532"), as a pattern of the
    words before the number, or None when the word before is not part of a name with it."""
    if number_start < 1:
        return None
    prev, number = doc[number_start - 1], doc[number_start]
    if prev.text == "-" and not prev.whitespace_ and number_start >= 2:
        word = doc[number_start - 2]
        if word.is_alpha and not word.whitespace_:
            return [{"TEXT": word.text}, {"TEXT": "-"}]
        return None
    if not (prev.is_alpha and prev.whitespace_ and (prev.pos_ == "PROPN" or prev.is_title)):
        return None
    if prev.ent_type_ in ("DATE", "TIME") or prev.lower_ in DETERMINERS:
        return None
    same_name = number.ent_iob_ == "I" and number.ent_type_ == prev.ent_type_ and prev.ent_type_ != ""
    return [{"TEXT": prev.text}] if same_name or _labels(prev, number) else None


def noun_before(doc, number_start: int) -> list[dict] | None:
    """A common noun right before a number that labels it ("page 5", "grade 3"), or None."""
    if number_start < 1:
        return None
    prev = doc[number_start - 1]
    if prev.is_alpha and prev.whitespace_ and prev.pos_ == "NOUN" and _labels(prev, doc[number_start]):
        return [{"LOWER": prev.lower_}]
    return None


def words_before(doc, number_start: int, count: int = 2) -> list[dict] | None:
    """The two words right before a number ("a day or two": ``day or``), lower-cased, as a pattern; None
    when they are not both words, are only function words ("of the") or hold a verb ("officials said")."""
    if number_start < count:
        return None
    words = doc[number_start - count:number_start]
    if not all(t.is_alpha for t in words) or all(t.is_stop for t in words) or words[-1].whitespace_ == "":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in words):  # "officials said 12": the claim's own verb
        return None
    return [{"LOWER": t.lower_} for t in words]


def _labels(word, number) -> bool:
    """Does ``number`` hang off ``word`` in the parse ("Flight 752": 752 is a modifier of Flight)?"""
    return number.head == word and number.dep_ in ("nummod", "appos", "npadvmod", "compound", "nmod")


def line_at(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line (a paragraph of the clean text) holding ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (end if end >= 0 else len(text))


def looks_like_chrome(doc, text: str, offset: int) -> bool:
    """Is the line at ``offset`` short, without a closing full stop and without a verb (a site's menu,
    share line or caption credit rather than a sentence of the story)?"""
    start, end = line_at(text, offset)
    line = text[start:end].strip()
    words = line.split()
    if not words or len(words) > MAX_CHROME_WORDS or line.endswith(LINE_END):
        return False
    span = doc.char_span(start, end, alignment_mode="contract") if doc is not None else None
    return span is None or not any(t.pos_ in ("VERB", "AUX") for t in span)


def _word_regex(word: str) -> str:
    """A word of a line pattern: numbers become ``\\d[\\d,.]*``, the rest is literal."""
    return r"\d[\d,.]*" if re.fullmatch(r"\d[\d,.]*", word) else re.escape(word)


def line_pattern(line: str) -> str | None:
    """A regular expression for lines like ``line``, anchored at the start: its opening words up to a ':'
    or '|' ("Read more:"), else its first four words (the whole line when it is that short); numbers
    become ``\\d+``. None when too little is left to tell chrome from the story (one short word)."""
    line = " ".join(line.split())
    labelled = re.match(r"^(.{1,60}?)\s*([:|])", line)
    if labelled and len(labelled.group(1).split()) <= 6:
        words, tail = labelled.group(1).split(), r"\s*" + re.escape(labelled.group(2))
    else:
        every = line.split()
        words = every[:MAX_LINE_WORDS]
        if len(every) <= MAX_LINE_WORDS:
            tail = r"\W*$"
        else:
            tail = r"\b" if words and words[-1][-1].isalnum() else ""
    if not words or (len(words) == 1 and len(re.sub(r"\W", "", words[0])) < 4):
        return None
    return "^" + r"\s+".join(_word_regex(w) for w in words) + tail


NEAR_LINE = 75  # rapidfuzz ratio (0-100) at which another article's line is "near-identical"
SHARED_WORDS = 4  # at most this many opening and closing words make a pattern for lines alike


def shared_line_pattern(line: str, alike: list[str]) -> str | None:
    """A pattern for ``line`` and near-identical lines of other articles (``alike``): the opening and the
    closing words they all share, anything between ("Associated Press writer(s) … contributed to this
    report."). None when they share too little at either end."""
    words = line.split()
    head = tail = min(SHARED_WORDS, len(words) // 2)
    for other in alike:
        theirs = other.split()
        head = min(head, next((i for i, (a, b) in enumerate(zip(words, theirs, strict=False)) if a != b),
                              min(len(words), len(theirs))))
        tail = min(tail, next((i for i, (a, b) in enumerate(zip(reversed(words), reversed(theirs), strict=False))
                               if a != b), min(len(words), len(theirs))))
    if head < 1 or tail < 1 or head + tail < 3:
        return None
    opening = r"\s+".join(_word_regex(w) for w in words[:head])
    closing = r"\s+".join(_word_regex(w) for w in words[len(words) - tail:])
    pattern = f"^{opening}\\s.*\\s{closing}\\W*$"
    return pattern if all(re.search(pattern, text.strip()) for text in [line, *alike]) else None
