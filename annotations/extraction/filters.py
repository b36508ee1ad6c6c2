"""The not-a-claim filters: dates, times, years, periods, ages, ordinals, numbers inside names, codes,
scores, list markers. :func:`why_not_claim` returns the name of the filter that fired (or None), so a
rule screen can say why a number was dropped.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .dates import DEICTIC, when_it_holds
from .durations import clock_background
from .finder import Mention, is_number_token, quarter_is_share
from .names import NAME_FILTERS
from .words import (
    CALIBRE_NOUNS,
    COLLECTIVE_NOUNS,
    DETERMINERS,
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
_DECADE = re.compile(r"(1[0-9]|20|21)\d0s|'\d0s")  # "1990s", "'80s"
_CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?", re.I)  # "12:00", "5:30pm"
_DASHED_DIGITS = re.compile(r"\d+-\d+")  # "3-1", "747-400"
# Words before a four-digit number that make it a count, not a year: "about 1000", "an average of 1700".
_COUNT_LEADS = ({q.split()[-1] for q in QUALIFIERS} - {"of", "in", "to", "a", "an", "over"}) | {"another", "extra", "only"}
# The entity labels of what "the two sides" may name again (the small model often calls a country a PERSON).
_PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
# Bounds of an age after a plural of people: "children under 5", "adults over 75".
AGE_BOUNDS = {"under", "over", "above", "below"}
PEOPLE = {"children", "kids", "babies", "infants", "toddlers", "people", "adults", "men", "women", "boys", "girls",
          "patients", "pupils", "students", "residents", "those", "anyone", "everyone", "drivers", "workers"}
_TOTALS = {"average", "total", "sum", "maximum", "minimum", "tally", "count", "number", "estimated"}


def _is_digits(tok) -> bool:
    return is_number_token(tok)


def why_not_claim(doc, m: Mention, ents: tuple | None = None) -> str | None:
    """The filter that rules the mention out as a claim ("date", "year", "period", "name" …), or None.
    ``ents``: the Doc's entities when the caller has read them once (``doc.ents`` builds them anew)."""
    a = _around(doc, m, ents)
    for name, test in FILTERS:
        if test(doc, m, a):
            return name
    return None


class Around(NamedTuple):
    """The number's first and last tokens, and the two tokens either side (None past the Doc's ends); the
    Doc's entities when the caller read them (None: a filter that needs them reads ``doc.ents``)."""

    first: object
    last: object
    prev: object
    prev2: object
    nxt: object
    nxt2: object
    ents: tuple | None = None


def _around(doc, m: Mention, ents: tuple | None = None) -> Around:
    n = len(doc)
    return Around(doc[m.num_start], doc[m.num_end - 1],
                  doc[m.num_start - 1] if m.num_start > 0 else None,
                  doc[m.num_start - 2] if m.num_start > 1 else None,
                  doc[m.num_end] if m.num_end < n else None,
                  doc[m.num_end + 1] if m.num_end + 1 < n else None,
                  ents)


def _period(doc, m: Mention, a: Around) -> bool:
    """"two weeks", "three decades", "a 72-hour truce", "an 18-year-old", "66 million years old", "in the past 24
    hours", "40 hours after the quake" — not a duration the sentence reports (:mod:`.durations`)."""
    if "duration" in m.notes or "multiple" in m.notes:  # "tripled last year", "double last year's field"
        return False
    if "period" in m.notes:
        return True
    if m.unit:
        return clock_background(doc, m)
    if a.nxt is not None and when_it_holds(doc, a.nxt.i):  # "rose by 360,000 year on year", "1,273 last year"
        return False
    if a.nxt is not None and a.nxt.lower_ in PERIOD_NOUNS and not (
            quarter_is_share(doc, a.nxt.i) if a.nxt.lower_ in ("quarter", "quarters")
            else a.nxt.lower_ in ("season", "term") and a.nxt2 is not None and a.nxt2.lower_ == "of"):
        return True
    if a.nxt is not None and a.nxt2 is not None and a.nxt.pos_ == "ADJ" and a.nxt2.lower_ in PERIOD_NOUNS \
            and a.nxt.lower_ not in DEICTIC:  # "three straight years"; not "4,310 last year"
        return True
    head = doc[m.num_start].head
    return head.lower_ in PERIOD_NOUNS and not m.start <= head.i < m.end and abs(head.i - a.first.i) <= 3


def _date(doc, m: Mention, a: Around) -> bool:
    """"Sept. 27", "October 8, 2020", "27 September", "on 3/4"."""
    if m.unit:
        return False
    if a.prev is not None and a.prev.lower_.rstrip(".") in MONTHS and (a.prev.is_title or a.prev.is_upper):
        return True
    if a.prev is not None and a.prev.text == "." and a.prev2 is not None and a.prev2.lower_ in MONTHS:
        return True
    if a.nxt is not None and a.nxt.lower_.rstrip(".") in MONTHS and a.nxt.is_title and isinstance(m.value, int) and m.value <= 31:
        return True
    return (a.prev is not None and a.prev.text == "," and a.prev2 is not None and _is_digits(a.prev2)
            and m.num_start > 2 and doc[m.num_start - 3].lower_.rstrip(".") in MONTHS)


# Nouns of a year's level: "below 2019 levels", "above 2008 highs".
_YEAR_LEVELS = {"level", "levels", "high", "highs", "low", "lows", "peak", "peaks"}


def _year(doc, m: Mention, a: Around) -> bool:
    """"1994", "in 2023", "its 2019 sales", "between 2011 and 2015", "2020s" — not "about 1000", "an
    average of 1700", "1500 new firms"."""
    if m.unit or m.kind != "count":
        return False
    if _DECADE.fullmatch(a.first.text):
        return True
    values = m.value if isinstance(m.value, tuple) else (m.value,)
    if not all(isinstance(v, int) and 1000 <= v <= 2199 for v in values):
        return False
    if not all(_YEARISH.match(t.text) or t.lower_ in ("and", "to", "-", "–", "or", "between") for t in doc[m.num_start:m.num_end]):
        return False
    if a.nxt is not None and a.nxt.lower_ in _YEAR_LEVELS and all(1900 <= v <= 2100 for v in values):
        return True  # "6% below 2019 levels", "above 2008 highs": a year's level compared with
    if _year_compared(doc, m, a):  # "still 3% above 2019", "12 per cent below 2019's"
        return True
    qualified = m.start < m.num_start and doc[m.start].lower_ != "between"
    if qualified or (a.prev is not None and a.prev.lower_ in _COUNT_LEADS) or (
            a.prev is not None and a.prev.lower_ == "of" and a.prev2 is not None and a.prev2.lower_ in _TOTALS):
        return False  # "about 1000", "an average of 1700"
    if a.prev is not None and a.prev.lower_ in YEAR_WORDS:
        return True
    if a.nxt is not None and a.nxt.tag_ in ("NNS", "NNPS") and a.nxt.lower_ not in PERIOD_NOUNS and not (
            a.prev is not None and a.prev.lower_ in ("the", "its", "their", "his", "her", "our", "this", "that")):
        return False  # "1500 new firms" reads as a count below; "its 2019 sales" as a year
    return not (a.nxt is not None and a.nxt.pos_ == "ADJ" and a.nxt2 is not None and a.nxt2.tag_ in ("NNS",))


# Words after a year that a figure is compared with (besides its levels, :data:`_YEAR_LEVELS`): "below 2019's".
_YEAR_COMPARED = {"'s", "’s", "figures", "figure", "average", "prices", "rates", "volumes", "totals"}
_COMPARING = {"above", "below", "over", "under", "beyond"}
_PERCENT_WRITTEN = {"%", "percent", "cent", "pc", "pct", "points", "point"}


def _year_compared(doc, m: Mention, a: Around) -> bool:
    """Is a year-like figure after "above"/"below"/"over"/"under" the year a figure is compared with ("still
    about 6% below 2019 levels", "3% above 2019"), not a bound ("over 1500 people")?"""
    if m.num_start - m.start != 1 or doc[m.start].lower_ not in _COMPARING or not isinstance(m.value, int) \
            or not 1900 <= m.value <= 2100 or not _YEARISH.match(a.first.text):
        return False
    if a.nxt is not None and a.nxt.lower_ in _YEAR_COMPARED:
        return True
    before = doc[m.start - 1] if m.start > 0 else None
    return before is not None and (before.lower_ in _PERCENT_WRITTEN or before.like_num or before.text.endswith("%"))


def _time(doc, m: Mention, a: Around) -> bool:
    """"12:00 p.m.", "at 5 pm", "6 a.m. local time" — not "a size of 2.1 pm" (picometres: :mod:`.units`)."""
    if "race time" in m.notes:  # "2:05:31", "1:54.20" (:func:`.durations.race_time`)
        return False
    if a.nxt is not None and a.nxt.lower_ in TIME_MARKERS and m.unit not in ("pm", "am"):
        return True
    return bool(_CLOCK_TIME.fullmatch(a.first.text)) and ":" in a.first.text


def _age(doc, m: Mention, a: Around) -> bool:
    """"aged 18", "aged 25 to 49", "Smith, 34, said", "the minister, 58, will", "children under 5"."""
    if a.prev is not None and a.prev.lower_ in ("aged", "age", "ages"):
        return True
    if not (isinstance(m.value, int) and 0 < m.value < 120) or m.unit:
        return False
    if a.prev is not None and a.prev.lower_ in AGE_BOUNDS and a.prev2 is not None and a.prev2.lower_ in PEOPLE:
        return True  # "children under 5", "adults over 75"
    start = doc[m.start - 1] if m.start > 0 else None
    name = doc[m.start - 2] if m.start > 1 else None
    if not (start is not None and start.text == "," and a.nxt is not None and a.nxt.text in (",", ")")
            and name is not None and m.start == m.num_start):
        return False
    if name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and name.is_title):
        return True
    # a person named by a common noun: "the minister, 58,", "her husband, 49," (not "the total, 58,")
    return name.tag_ == "NN" and name.lower_ not in _TOTALS and any(
        t.tag_ in ("DT", "PRP$") or t.dep_ == "poss" for t in name.lefts)


def _ordinal(doc, m: Mention, a: Around) -> bool:
    first = doc[m.num_start]
    return first.ent_type_ == "ORDINAL" and not _is_digits(first) and first.lower_ not in NUMBER_WORDS


def _label(doc, m: Mention, a: Around) -> bool:
    """"Flight 302", "Resolution 2334", "Row 9", "ZIP code 10027", "No. 10", "Covid-19", "Windows 11"."""
    if a.prev is None or m.start < m.num_start or m.unit:
        return False
    if a.prev.lower_ in LABEL_WORDS and (a.prev.lower_ != "no" or a.nxt is None or a.nxt.tag_ != "NNS"):
        return not (a.prev.lower_ in ("number",) and a.nxt is not None and a.nxt.lower_ == "of")
    return False


def _code(doc, m: Mention, a: Around) -> bool:
    """Codes and scores, not quantities: "Su-25", "747-400", "3-1", "24/7", "737-MAX", "B-52", "777X", "5G",
    "J1149.5+6663"."""
    if "code" in m.notes:
        return True
    if a.prev is not None and not a.prev.whitespace_ and a.prev.text[-1:].isalnum() and a.prev.text[-1:] not in "$":
        return True
    if a.prev is not None and a.prev.text == "+" and not a.prev.whitespace_ and a.prev2 is not None \
            and not a.prev2.whitespace_ and a.prev2.text[-1:].isalnum():
        return True  # "J1149.5+6663": a "+" inside a code is no sign
    if a.prev is not None and a.prev.text == "-" and not a.prev.whitespace_ and a.prev2 is not None and a.prev2.is_alpha \
            and not a.prev2.whitespace_ and a.prev2.lower_ not in NUMBER_WORDS and a.prev2.lower_ not in ("sub", "minus"):
        return True
    if "range" in m.notes:
        return False
    if a.prev is not None and a.prev.text in ("-", "/") and not a.prev.whitespace_ and a.prev2 is not None \
            and _is_digits(a.prev2) and not a.prev2.whitespace_:
        return True
    if a.nxt is not None and a.nxt.text in ("-", "/", "–") and not a.last.whitespace_ and not a.nxt.whitespace_ \
            and a.nxt2 is not None and _is_digits(a.nxt2):
        return True
    if a.nxt is not None and a.nxt.text == "-" and not a.last.whitespace_ and a.nxt2 is not None and a.nxt2.is_upper \
            and len(a.nxt2.text) <= 3:
        return True
    return bool(_DASHED_DIGITS.fullmatch(a.first.text)) and m.num_end - m.num_start == 1


def _score(doc, m: Mention, a: Around) -> bool:
    """"won 3-1", "101-98 after overtime" (the first number is larger, or a result word is near); the sets and
    tiebreaks of a tennis score ("won 7-5 (7-3), 6-7 (4-7), 6-2"), whichever number the finder read."""
    if not m.unit and _in_set_scores(doc, m):
        return True
    if "range" not in m.notes or m.unit:
        return False
    window = {t.lower_ for t in doc[max(0, m.start - 4):min(len(doc), m.end + 3)]}
    return bool(window & SCORE_WORDS) and all(_is_digits(t) or t.text in "-–" for t in doc[m.num_start:m.num_end])


# A set's score, maybe with its tiebreak in brackets: "7-5", "6-7 (4-7)"; never a range of a unit ("5-7%").
_SET = r"\d{1,2}[-–]\d{1,2}(?![\d%.,]?[\dA-Za-z%])(?:\s*\(\d{1,2}[-–]\d{1,2}\))?"
# Two or more sets in a row ("6-4, 3-6, 7-6"), or one set with its tiebreak ("7-6 (10-8)").
_SET_SCORES = re.compile(_SET + r"(?:\s*,\s*(?:and\s+)?" + _SET + r")+|\d{1,2}[-–]\d{1,2}\s*\(\d{1,2}[-–]\d{1,2}\)")


_SET_REACH = 24  # tokens either side of a figure searched for the rest of its score


def _in_set_scores(doc, m: Mention) -> bool:
    """Does the mention lie inside a tennis score (:data:`_SET_SCORES`)? Read on the text of the tokens around
    it, and only where a dash stands in or next to it (most figures have none)."""
    if not any("-" in t.text or "–" in t.text for t in doc[max(0, m.start - 1):m.end + 1]):
        return False
    around = doc[max(0, m.start - _SET_REACH):min(len(doc), m.end + _SET_REACH)]
    start = doc[m.start].idx - around.start_char
    end = doc[m.end - 1].idx + len(doc[m.end - 1].text) - around.start_char
    return any(match.start() <= start and end <= match.end() for match in _SET_SCORES.finditer(around.text))


def _name(doc, m: Mention, a: Around) -> bool:
    """A number inside a proper name: "S&P 500", "FTSE 100", "iPhone 15 Pro", "The 777X", "412 Harbour
    Road", "155mm artillery" — not "12 Armenian soldiers", "Brent crude … $84"."""
    if "word" in m.notes and a.first.is_title and not a.first.is_sent_start and a.prev is not None \
            and a.prev.pos_ == "PROPN" and a.prev.is_title:
        return True  # "Formula One", "Apollo Eleven"
    if m.kind in ("money", "percent") or len(m.notes & {"range", "vague", "word", "multiple"}) or m.start < m.num_start:
        return False
    if m.unit == "mm" and a.nxt is not None and a.nxt.lower_ in CALIBRE_NOUNS:
        return True
    if m.unit:
        return False
    if (a.nxt is not None and a.nxt.is_title and not a.nxt.is_sent_start and a.nxt.lower_ in STREET_WORDS | {"main"}) or (
            a.nxt is not None and a.nxt2 is not None and a.nxt.is_title and a.nxt2.lower_ in STREET_WORDS and a.nxt2.is_title):
        return True
    name_before = a.prev is not None and not a.prev.is_sent_start and a.prev.ent_type_ not in ("NORP", "DATE", "CARDINAL") \
        and (a.prev.pos_ == "PROPN" or (a.prev.is_upper and len(a.prev.text) > 1 and any(c.isalpha() for c in a.prev.text))) \
        and a.prev.lower_.rstrip(".") not in MONTHS and a.prev.whitespace_ != ""
    if name_before and (a.first.head == a.prev or a.prev.head == a.first or a.first.dep_ in ("compound", "nummod", "appos", "npadvmod")
                        or a.nxt is None or a.nxt.is_punct or a.nxt.pos_ in ("VERB", "AUX", "ADP", "CCONJ") or a.nxt.is_title) \
            and not (a.nxt is not None and a.nxt.tag_ in ("NNS",) and a.first.head == a.nxt):
        return True
    if a.prev is not None and a.prev.lower_ == "the" and a.first.text.isdigit() and len(a.first.text) >= 3 \
            and a.nxt is not None and a.nxt.tag_ in ("VBD", "VBZ", "VBP", "MD", "POS"):
        return True  # "the 737 returned", "the 747's engines": a model named by its number alone
    if _determined(a) and a.first.text.isdigit() and m.value != 1 and a.nxt is not None and a.nxt.tag_ == "NN" \
            and a.nxt.dep_ != "compound" and a.first.head == a.nxt and a.nxt.lower_ not in PERIOD_NOUNS | COLLECTIVE_NOUNS:
        return True  # "the 220 jet", "the 7 train", "its first 787 freighter": a number that counts no plural
    # "the 777X", "787 Dreamliner": a number before a capitalised name word that it does not count
    return bool(a.nxt is not None and a.nxt.pos_ == "PROPN" and a.nxt.is_title and a.nxt.tag_ == "NNP" and a.nxt.ent_type_ not in (
        "NORP", "GPE", "LOC") and a.prev is not None and a.prev.lower_ in ("the", "a", "an", "its", "their")
        and a.first.head == a.nxt and not a.nxt.is_sent_start and _is_digits(a.first))


def _determined(a: Around) -> bool:
    """Is the number after a determiner, or after a determiner and one adjective ("its first 787")?"""
    return a.prev is not None and (a.prev.lower_ in DETERMINERS or (
        a.prev.pos_ == "ADJ" and a.prev2 is not None and a.prev2.lower_ in DETERMINERS))


def _reference(doc, m: Mention, a: Around) -> bool:
    """"the two of them"; "the two sides", "the two countries' long conflict" once the article has named at
    least that many parties before the sentence: the story's parties named again, no count it asserts.
    Before any such names ("The two sides exchanged 230 prisoners" opening a story) the count is news."""
    if not (a.prev is not None and a.prev.lower_ in ("the", "these", "those") and m.start == m.num_start
            and isinstance(m.value, int) and m.value <= 10 and not m.unit and a.nxt is not None):
        return False
    if a.nxt.lower_ == "of" and a.nxt2 is not None and a.nxt2.pos_ == "PRON":
        return True  # "the two of them", "the three of us"
    names_parties = a.nxt.lower_ in PARTICIPANT_NOUNS or (
        a.nxt2 is not None and a.nxt.pos_ == "ADJ" and a.nxt2.lower_ in PARTICIPANT_NOUNS)
    return names_parties and _names_before_sentence(doc, a.first, a.ents, enough=m.value) >= m.value


def _names_before_sentence(doc, tok, ents: tuple | None = None, enough: int | None = None) -> int:
    """How many different names of people, organisations and places the Doc gives before ``tok``'s sentence
    (before ``tok`` where the Doc has no sentences), counted up to ``enough`` when given. ``ents``: the
    Doc's entities, if read already."""
    start = tok.sent.start if doc.has_annotation("SENT_START") else tok.i
    names = set()
    for e in doc.ents if ents is None else ents:
        if e.end > start or len(names) == enough:  # entities are in order: the rest are later
            break
        if e.label_ in _PARTY_LABELS:
            names.add(e.text.lower())
    return len(names)


def _identifier(doc, m: Mention, a: Around) -> bool:
    """9+ digits without separators, leading zeros."""
    first = doc[m.num_start]
    return _is_digits(first) and "," not in first.text and "." not in first.text and first.text.isdigit() and (
        len(first.text) >= 9 or (len(first.text) > 1 and first.text.startswith("0")))


def _list_marker(doc, m: Mention, a: Around) -> bool:
    """"1." or "(2)" opening a line."""
    return bool(m.num_end - m.num_start == 1 and a.nxt is not None and a.nxt.text in (".", ")") and (
        a.prev is None or "\n" in a.prev.text or a.prev.text == "(" or a.prev.is_space) and not m.unit)


FILTERS = (
    ("period", _period),
    ("ordinal", _ordinal),
    ("date", _date),
    ("year", _year),
    ("time", _time),
    ("age", _age),
    *NAME_FILTERS,  # names, places, ages and categories in other wordings (:mod:`.names`)
    ("label", _label),
    ("code", _code),
    ("score", _score),
    ("name", _name),
    ("reference", _reference),
    ("identifier", _identifier),
    ("list marker", _list_marker),
)
FILTER_NAMES = tuple(dict.fromkeys(name for name, _ in FILTERS))
