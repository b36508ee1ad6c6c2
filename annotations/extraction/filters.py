"""The not-a-claim filters: dates, times, years, periods, ages, ordinals, numbers inside names, codes,
scores, list markers. :func:`why_not_claim` returns the name of the filter that fired (or None), so a
rule screen can say why a number was dropped.
"""

from __future__ import annotations

import re

from .finder import Mention, is_number_token
from .words import (
    CALIBRE_NOUNS,
    LABEL_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PARTICIPANT_NOUNS,
    PERIOD_NOUNS,
    QUALIFIERS,
    SCORE_WORDS,
    STREET_WORDS,
    TIME_MARKERS,
    YEAR_WORDS,
)

_YEARISH = re.compile(r"^\d{4}$")
# Words before a four-digit number that make it a count, not a year: "about 1000", "an average of 1700".
_COUNT_LEADS = ({q.split()[-1] for q in QUALIFIERS} - {"of", "in", "to", "a", "an", "over"}) | {"another", "extra", "only"}
_TOTALS = {"average", "total", "sum", "maximum", "minimum", "tally", "count", "number", "estimated"}


def _is_digits(tok) -> bool:
    return is_number_token(tok)


def why_not_claim(doc, m: Mention, ents=()) -> str | None:
    """The filter that rules the mention out as a claim ("date", "year", "period", "name" …), or None."""
    for name, test in FILTERS:
        if test(doc, m):
            return name
    return None


def _around(doc, m: Mention):
    n = len(doc)
    first, last = doc[m.num_start], doc[m.num_end - 1]
    prev = doc[m.num_start - 1] if m.num_start > 0 else None
    prev2 = doc[m.num_start - 2] if m.num_start > 1 else None
    nxt = doc[m.num_end] if m.num_end < n else None
    nxt2 = doc[m.num_end + 1] if m.num_end + 1 < n else None
    return first, last, prev, prev2, nxt, nxt2


def _period(doc, m: Mention) -> bool:
    """"two weeks", "three decades", "a 72-hour truce", "an 18-year-old", "66 million years old"."""
    if "period" in m.notes:
        return True
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if m.unit:
        return False
    if nxt is not None and nxt.lower_ in PERIOD_NOUNS and not (nxt.lower_ in ("quarter", "quarters", "season", "term")
                                                             and nxt2 is not None and nxt2.lower_ == "of"):
        return True
    if nxt is not None and nxt2 is not None and nxt.pos_ == "ADJ" and nxt2.lower_ in PERIOD_NOUNS:
        return True
    head = doc[m.num_start].head
    return head.lower_ in PERIOD_NOUNS and head.i != first.i and abs(head.i - first.i) <= 3


def _date(doc, m: Mention) -> bool:
    """"Sept. 27", "October 8, 2020", "27 September", "on 3/4"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if m.unit:
        return False
    if prev is not None and prev.lower_.rstrip(".") in MONTHS and (prev.is_title or prev.is_upper):
        return True
    if prev is not None and prev.text == "." and prev2 is not None and prev2.lower_ in MONTHS:
        return True
    if nxt is not None and nxt.lower_.rstrip(".") in MONTHS and nxt.is_title and isinstance(m.value, int) and m.value <= 31:
        return True
    return (prev is not None and prev.text == "," and prev2 is not None and _is_digits(prev2)
            and m.num_start > 2 and doc[m.num_start - 3].lower_.rstrip(".") in MONTHS)


def _year(doc, m: Mention) -> bool:
    """"1994", "in 2023", "its 2019 sales", "between 2011 and 2015", "2020s" — not "about 1000", "an
    average of 1700", "1500 new firms"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if m.unit or m.kind != "count":
        return False
    if re.fullmatch(r"(1[0-9]|20|21)\d0s", first.text) or re.fullmatch(r"'\d0s", first.text):
        return True
    values = m.value if isinstance(m.value, tuple) else (m.value,)
    if not all(isinstance(v, int) and 1000 <= v <= 2199 for v in values):
        return False
    if not all(_YEARISH.match(t.text) or t.lower_ in ("and", "to", "-", "–", "or", "between") for t in doc[m.num_start:m.num_end]):
        return False
    if m.start < m.num_start or (prev is not None and prev.lower_ in _COUNT_LEADS) or (
            prev is not None and prev.lower_ == "of" and prev2 is not None and prev2.lower_ in _TOTALS):
        return False  # "about 1000", "an average of 1700"
    if prev is not None and prev.lower_ in YEAR_WORDS:
        return True
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in PERIOD_NOUNS and not (
            prev is not None and prev.lower_ in ("the", "its", "their", "his", "her", "our", "this", "that")):
        return False  # "1500 new firms" reads as a count below; "its 2019 sales" as a year
    if nxt is not None and nxt.pos_ == "ADJ" and nxt2 is not None and nxt2.tag_ in ("NNS",):
        return False
    return True


def _time(doc, m: Mention) -> bool:
    """"12:00 p.m.", "at 5 pm", "6 a.m. local time"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if nxt is not None and nxt.lower_ in TIME_MARKERS:
        return True
    return bool(re.fullmatch(r"\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?", first.text, re.I)) and ":" in first.text


def _age(doc, m: Mention) -> bool:
    """"aged 18", "aged 25 to 49", "Smith, 34, said"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    start = doc[m.start - 1] if m.start > 0 else None
    return (start is not None and start.text == "," and nxt is not None and nxt.text in (",", ")")
            and m.start > 1 and doc[m.start - 2].ent_type_ == "PERSON" and isinstance(m.value, int) and m.value < 120)


def _ordinal(doc, m: Mention) -> bool:
    first = doc[m.num_start]
    return first.ent_type_ == "ORDINAL" and not _is_digits(first) and first.lower_ not in NUMBER_WORDS


def _label(doc, m: Mention) -> bool:
    """"Flight 302", "Resolution 2334", "Row 9", "ZIP code 10027", "No. 10", "Covid-19", "Windows 11"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if prev is None or m.start < m.num_start or m.unit:
        return False
    if prev.lower_ in LABEL_WORDS and (prev.lower_ != "no" or nxt is None or nxt.tag_ != "NNS"):
        return not (prev.lower_ in ("number",) and nxt is not None and nxt.lower_ == "of")
    return False


def _code(doc, m: Mention) -> bool:
    """Codes and scores, not quantities: "Su-25", "747-400", "3-1", "24/7", "737-MAX", "B-52"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if prev is not None and prev.text == "-" and not prev.whitespace_ and prev2 is not None and prev2.is_alpha \
            and not prev2.whitespace_ and prev2.lower_ not in NUMBER_WORDS and prev2.lower_ not in ("sub", "minus"):
        return True
    if "range" in m.notes:
        return False
    if prev is not None and prev.text in ("-", "/") and not prev.whitespace_ and prev2 is not None \
            and _is_digits(prev2) and not prev2.whitespace_:
        return True
    if nxt is not None and nxt.text in ("-", "/", "–") and not last.whitespace_ and not nxt.whitespace_ \
            and nxt2 is not None and _is_digits(nxt2):
        return True
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and nxt2 is not None and nxt2.is_upper \
            and len(nxt2.text) <= 3:
        return True
    return bool(re.fullmatch(r"\d+-\d+", first.text)) and m.num_end - m.num_start == 1


def _score(doc, m: Mention) -> bool:
    """"won 3-1", "101-98 after overtime" (the first number is larger, or a result word is near)."""
    if "range" not in m.notes or m.unit:
        return False
    lo, hi = m.value if isinstance(m.value, tuple) else (None, None)
    window = {t.lower_ for t in doc[max(0, m.start - 4):min(len(doc), m.end + 3)]}
    return bool(window & SCORE_WORDS) and all(_is_digits(t) or t.text in "-–" for t in doc[m.num_start:m.num_end])


def _name(doc, m: Mention) -> bool:
    """A number inside a proper name: "S&P 500", "FTSE 100", "iPhone 15 Pro", "The 777X", "412 Harbour
    Road", "155mm artillery" — not "12 Armenian soldiers", "Brent crude … $84"."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    if m.kind in ("money", "percent") or len(m.notes & {"range", "vague", "word"}) or m.start < m.num_start:
        return False
    if m.unit == "mm" and nxt is not None and nxt.lower_ in CALIBRE_NOUNS:
        return True
    if m.unit:
        return False
    if nxt is not None and nxt.is_title and not nxt.is_sent_start and nxt.lower_ in STREET_WORDS | {"main"} or (
            nxt is not None and nxt2 is not None and nxt.is_title and nxt2.lower_ in STREET_WORDS and nxt2.is_title):
        return True
    name_before = prev is not None and not prev.is_sent_start and prev.ent_type_ not in ("NORP", "DATE", "CARDINAL") \
        and (prev.pos_ == "PROPN" or (prev.is_upper and len(prev.text) > 1 and any(c.isalpha() for c in prev.text))) \
        and prev.lower_.rstrip(".") not in MONTHS and prev.whitespace_ != ""
    if name_before and (first.head == prev or prev.head == first or first.dep_ in ("compound", "nummod", "appos", "npadvmod")
                        or nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX", "ADP", "CCONJ") or nxt.is_title) \
            and not (nxt is not None and nxt.tag_ in ("NNS",) and first.head == nxt):
        return True
    # "the 777X", "787 Dreamliner": a number before a capitalised name word that it does not count
    return bool(nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.tag_ == "NNP" and nxt.ent_type_ not in (
        "NORP", "GPE", "LOC") and prev is not None and prev.lower_ in ("the", "a", "an", "its", "their")
        and first.head == nxt and not nxt.is_sent_start and _is_digits(first))


def _reference(doc, m: Mention) -> bool:
    """"the two sides", "the two countries' long conflict": the story's parties named again."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    return (prev is not None and prev.lower_ in ("the", "these", "those", "both") and m.start == m.num_start
            and isinstance(m.value, int) and m.value <= 10 and not m.unit and nxt is not None
            and (nxt.lower_ in PARTICIPANT_NOUNS or (nxt2 is not None and nxt.pos_ == "ADJ"
                                                      and nxt2.lower_ in PARTICIPANT_NOUNS)))


def _identifier(doc, m: Mention) -> bool:
    """9+ digits without separators, leading zeros."""
    first = doc[m.num_start]
    return _is_digits(first) and "," not in first.text and "." not in first.text and first.text.isdigit() and (
        len(first.text) >= 9 or (len(first.text) > 1 and first.text.startswith("0")))


def _list_marker(doc, m: Mention) -> bool:
    """"1." or "(2)" opening a line."""
    first, last, prev, prev2, nxt, nxt2 = _around(doc, m)
    return bool(m.num_end - m.num_start == 1 and nxt is not None and nxt.text in (".", ")") and (
        prev is None or "\n" in prev.text or prev.text == "(" or prev.is_space) and not m.unit)


FILTERS = (
    ("period", _period),
    ("ordinal", _ordinal),
    ("date", _date),
    ("year", _year),
    ("time", _time),
    ("age", _age),
    ("label", _label),
    ("code", _code),
    ("score", _score),
    ("name", _name),
    ("reference", _reference),
    ("identifier", _identifier),
    ("list marker", _list_marker),
)
FILTER_NAMES = tuple(name for name, _ in FILTERS)
