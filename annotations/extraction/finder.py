"""Finding a number in a parsed Doc and extending it into a quantity: currency, sign, scale, unit,
range partner, qualifier, the direction of a change.

spaCy's tokenizer splits glued forms unevenly ("178p", "4.6bn" stay whole, "3.9m" and "-10°C" split),
so a number token is read with one regex (:data:`NUMBER_TOKEN`) and what follows it is read on the
characters of the text (:func:`~.units.unit_after`), then snapped back to tokens.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from ..numbers import parse_number, tidy
from .units import (
    CALENDAR_SYMBOLS,
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    PERCENT,
    SCALED_ONLY_PREFIXES,
    WORDLIKE_PREFIXES,
    UnitMatch,
    currency_before,
    unit_after,
    wordlike_prefix_written,
)
from .words import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    BAKERS_DOZEN,
    CALIBRE_NOUNS,
    COUNTING_NOUNS,
    DETERMINERS,
    DOWN,
    DOWN_WORDS,
    EXACT,
    FRACTIONS,
    HEDGES,
    HYPHEN_PERIODS,
    LABEL_WORDS,
    MONTHS,
    MOVE_VERBS,
    MULTIPLES,
    NEEDS_OF,
    NUMBER_WORDS,
    PERIOD_NOUNS,
    POST_QUALIFIERS,
    QUALIFIERS,
    RANGE,
    SCALE_ABBREV,
    SCALES,
    UNICODE_FRACTIONS,
    UP,
    UP_NOUNS,
    UP_WORDS,
    VAGUE,
    VAGUE_WORDS,
)

# A token that holds a number in digits, maybe with a glued currency, sign, scale or unit:
# "1,119", "178p", "12kW", "RM18.20", "4.6bn", "~2.4", "sub-250", "~$61,000", "sub-£300", "-1.7", "+0.4", "±3",
# ".002", "1/2", "1½", "9-".
_NUM = r"\d+(?:\.\d+)?[eE][+\-−]?\d+|\d+[½⅓⅔¼¾⅕⅛]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|\d+/\d+"
NUMBER_TOKEN = re.compile(
    r"^(?P<mod>~|sub-)?(?P<pre>[A-Za-z]{1,3}[$£₵¢]?|\$[A-Z]{1,2}|[$£€¥₹₽₩₺₦₪₱₵₭₮₾₼৳₴₸₫៛])?(?P<sign>[+\-−–±])?"
    r"(?P<num>" + _NUM + r")(?P<rest>[A-Za-zµ°%²³/\-]*(?:\^[23])?)\.?$")
# Two numbers glued by a dash in one token: "3.5–4.0", "10-15" (a range when the first is the smaller); each
# with its scale and the second with its currency ("1.5bn-$2bn"), or each with a percent sign ("5%-10" "%").
RANGE_TOKEN = re.compile(r"^(?P<lo>\d[\d,]*(?:\.\d+)?)(?:(?P<lscale>bn|mn|m|k|tn|trn)|(?P<lpct>%))?[-–](?P<cur>[$£€¥₹])?"
                         r"(?P<hi>\d[\d,]*(?:\.\d+)?)(?P<rest>[A-Za-zµ°%]*)$")
# A token's text is matched several times as a mention is read (finding, extending, filtering): once per text.
_number_match = functools.lru_cache(maxsize=8192)(NUMBER_TOKEN.match)
_range_match = functools.lru_cache(maxsize=8192)(RANGE_TOKEN.match)
_SCALE_GLUED = re.compile(r"(bn|mn|mln|bln|tn|trn|tln|mm|[kKmMbBtT])(?![A-Za-z])")
_SCALE_SPACED = re.compile(r"\s(bn|mn|mln|bln|tn|trn|[mMbBkK]|mm)\b")
_SCALE_HYPHENED = re.compile(r"-(" + "|".join(SCALES) + r")\b", re.I)
ORDINAL_REST = {"st", "nd", "rd", "th", "s"}
FRACTION_WORDS = set(FRACTIONS)
SIGNS = {"+": 1, "-": -1, "−": -1, "–": -1, "±": 1}
_FRACTION_TOKEN = re.compile(r"\d+/\d+")  # "1/2" of "2 1/2"
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")  # "-year" of "a 72-year-old"
_LETTERS = re.compile(r"[A-Za-z]+")
# " of a" of "a quarter of a point", " a" of "half a mile", " of one" of "half of one percent"
_OF_A_UNIT = re.compile(r"\s+(?:of\s+)?(?:an?|one)(?=\s)", re.I)
_FOLD = re.compile(r"[-\s]?fold\b", re.I)  # "-fold" of "a 20-fold rise", " fold" of "up 3.5 fold"
# Scientific notation: "2.1×10^10", "2.2 x 10^-6", "5×10⁻³", "2.48×10−5", "8x2^10" (a base other than 10
# needs a caret; a signed exponent without one needs "×" or "·", never a bare "x": "3 x 10-15 metres").
_SCIENTIFIC = re.compile(r"(?P<mantissa>\d+(?:\.\d+)?)\s?(?P<times>[×xX·*])\s?(?P<base>\d+)"
                         r"(?:(?P<caret>\^|\*\*)\s?(?P<exp>[-−+]?\d+)|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?P<signed>[-−+]\d+))")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
# "±", "+/-", "plus or minus" between a figure and its uncertainty.
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+/−|\+-|plus or minus|plus/minus)\s*", re.I)
# Digits grouped by spaces ("38 400", "2 317 000"): one space (or a no-break or thin one) between groups.
_GROUP_SPACES = {" ", "\xa0", "\u2009", "\u202f"}
# What a metre or a millimetre is measured by ("45m tall", "200mm of rain"): then "m" is not a million.
MEASURE_AFTER = {"tall", "high", "long", "wide", "deep", "away", "across", "above", "below", "under", "in",
                 "of", "into", "up", "down", "thick", "apart", "offshore", "inland", "underground", "radius",
                 "diameter", "length", "height", "depth", "rain", "rainfall", "snow", "water", "from", "(", ",",
                 ".", ")", ";", "and", "to", "or", "on", "at", "by", "over", "per"}


@dataclass
class Number:
    """A number read off one or more tokens, before its context is known."""

    start: int  # token span of the number proper
    end: int
    value: float | int | tuple | None
    currency: str = ""  # written before it or glued ("US$", "RM")
    cur_start: int | None = None  # token where that currency starts
    sign: int = 1
    signed: bool = False  # "+0.4%", "-1.7%"
    scaled: bool = False
    scale: int = 1  # the scale word or abbreviation applied ("crore": 10**7), 1 for none
    unit_pos: int = 0  # character offset where a unit may start
    notes: set = field(default_factory=set)  # vague, word, fraction, suspended, sub, tilde


SHARES_UNIT = "unit of the next"  # a mention's note: "45 and 50 mg", its unit is the next one's


@dataclass
class Mention:
    """A quantity found in the text: its tokens, value, qualifier, unit and change."""

    start: int  # token span of the whole surface (qualifier … unit), end exclusive
    end: int
    num_start: int  # the number proper
    num_end: int
    value: float | int | tuple
    approx: str = EXACT
    unit: str = ""
    kind: str = "count"  # count | money | percent | measure
    change: str = ""
    from_value: float | int | None = None
    notes: set = field(default_factory=set)
    scale: int = 1  # the scale applied to the number (see :class:`Number`)
    quoted: int | None = None  # "the yen weakened to 151.2 per dollar": the token naming the currency (yen)
    counts: int | None = None  # "from 13,500 troops to 4,000": the token of the noun the from-figure counts


# -- tokens ---------------------------------------------------------------------------------------

def number_token(tok):
    """The NUMBER_TOKEN match of a token, or None ("Su-25" and "S24" are codes: None)."""
    m = _number_match(tok.text)
    if m is None:
        return None
    pre = m.group("pre")
    if pre:
        key = pre.lower()
        if key == "us" and tok.i > 0 and tok.doc[tok.i - 1].text == "$":
            return m
        if pre in SCALED_ONLY_PREFIXES and _scale_glued_on(tok, m.group("rest")):
            return m  # "N5bn": naira only with a scale glued on ("N95" is a mask)
        if key not in CURRENCY_PREFIXES:
            return None
        if key in WORDLIKE_PREFIXES:  # "Rs500", "Tk1,200", "KSh172": written with a capital
            if not wordlike_prefix_written(pre):
                return None
        elif pre.isalpha() and not pre.isupper():
            return None
    rest = m.group("rest")
    if rest.lower() in ORDINAL_REST and not (rest == "s" and "." in m.group("num")):  # "0.9s" is seconds
        return None
    return m


def _scale_glued_on(tok, rest: str) -> bool:
    """Is a scale abbreviation glued to the number of ``tok``: in the token ("N5bn") or the next ("N500" "m")?"""
    if rest:
        return _SCALE_GLUED.fullmatch(rest) is not None
    doc = tok.doc
    return not tok.whitespace_ and tok.i + 1 < len(doc) and _SCALE_GLUED.fullmatch(doc[tok.i + 1].text) is not None


def is_number_token(tok) -> bool:
    return number_token(tok) is not None


def range_token(tok) -> tuple | None:
    """(low, high, match) of a token like "3.5–4.0" whose first number is the smaller, or None."""
    m = _range_match(tok.text)
    if m is None:
        return None
    lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
    if m.group("lscale"):  # "$1.5bn-$2bn", "£300m-£400" "m": the same scale on both (see read_number)
        if lo is None or hi is None or m.group("rest").lower() not in ("", m.group("lscale").lower()) or (
                not m.group("rest") and _glued_scale_after(tok) != m.group("lscale").lower()) or not (
                m.group("cur") or _currency_just_before(tok)):  # (money only: "300m-400m" are metres)
            return None
    elif m.group("cur") and not _currency_just_before(tok):
        return None  # "£1,000-£1,500": the currency written on both
    if m.group("lpct") and not (m.group("rest") == "%" or (
            not m.group("rest") and not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "%")):
        return None  # "5%-10" "%": a percent on both
    if lo is None or hi is None or not lo < hi:
        return None
    return lo, hi, m


def _text_from(doc, i: int, n: int) -> str:
    """The text of tokens ``i`` to ``i + n`` with their spaces: a window to read a few words on (``Doc.text``
    joins the whole Doc anew at each call)."""
    return "".join(t.text_with_ws for t in doc[i:i + n])


def _currency_just_before(tok) -> bool:
    """Is a currency written right before ``tok`` ("$" of "$" "1.5bn-$2bn")?"""
    doc = tok.doc
    window = "".join(t.text_with_ws for t in doc[max(0, tok.i - 3):tok.i])
    return currency_before(window, len(window)) is not None


def _glued_scale_after(tok) -> str:
    """The scale abbreviation the token after ``tok`` starts with when glued to it ("m" of "300m-£400" "m."),
    lower case, or ""."""
    doc = tok.doc
    if tok.whitespace_ or tok.i + 1 >= len(doc):
        return ""
    hit = _SCALE_GLUED.match(doc[tok.i + 1].text)
    return hit.group(1).lower() if hit else ""


def _is_plain_digits(tok) -> bool:
    m = _number_match(tok.text)
    return m is not None and not m.group("mod") and not m.group("pre") and not m.group("rest") and not m.group("sign")


def proportion_end(doc, i: int) -> int | None:
    """The token after the denominator of a proportion whose numerator ends before token ``i`` ("in four"
    of "one in four", "in every 10" of "1 in every 10"), or None: not "one in 2019", "5 in 10 days"."""
    n = len(doc)
    if i + 1 >= n or doc[i].lower_ != "in":
        return None
    k = i + 2 if doc[i + 1].lower_ == "every" else i + 1
    if k >= n:
        return None
    tok = doc[k]
    if not (tok.lower_ in NUMBER_WORDS or _is_plain_digits(tok)) or _YEAR_LIKE.fullmatch(tok.text):
        return None
    end = number_end(doc, k)
    if end < n and (doc[end].lower_ in PERIOD_NOUNS or doc[end].text == "-" or doc[end].lower_ in MONTHS) \
            and not _label_of_a_group(doc, end):
        return None
    return end


def _label_of_a_group(doc, i: int) -> bool:
    """Is token ``i`` a capitalised period word that labels a group by its number ("Year 9 students", "Week 3"),
    no period?"""
    return doc[i].is_title and doc[i].lower_ in PERIOD_NOUNS and i + 1 < len(doc) and doc[i + 1].text.isdigit()


_YEAR_LIKE = re.compile(r"1[89]\d\d|20\d\d")
# "one-in-three", "1-in-83", "one-in-every-10": a proportion written with hyphens
_HYPHENED_PROPORTION = re.compile(r"(?:\d+|[A-Za-z]+)-in-(?:every-)?(?P<whole>\d[\d,]*|[A-Za-z]+(?:-[A-Za-z]+)?)(?![\w-])")


def one_counts(tok) -> bool:
    """"one" is a count only as "one <noun>" — not "one of", "no one", "one another", "one day"; and it
    is the numerator of "one in four"."""
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return False
    if proportion_end(doc, tok.i + 1) is not None or hyphened_proportion(doc, tok.i) is not None:  # "one in four"
        return True
    nxt = doc[tok.i + 1]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt.lower_ in FRACTIONS or (nxt.text == "-" and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in FRACTIONS):
        return True  # "one sixth", "one-half"
    if nxt.lower_ in ("of", "another", "day", "time", "point", "way", "side", "thing", "hand", "by", "in"):
        return False
    if prev is not None and prev.lower_ in ("no", "the", "this", "that", "every", "any", "each", "at", "which"):
        return False
    return nxt.pos_ in ("NOUN", "PROPN") and tok.head == nxt


# Words after "quarter(s)" that place it in time: "two quarters later", "a quarter earlier", "three quarters running".
_AFTER_A_PERIOD = {"earlier", "later", "ago", "before", "after", "running", "apart", "back", "on", "ahead"}
_YEARISH = re.compile(r"(1[0-9]|20|21)\d\d")
_YEAR_WORDS_AFTER_OF = {"year", "years", "fiscal", "financial", "calendar"}


def quarter_is_share(doc, j: int) -> bool:
    """Is "quarter"/"quarters" at token ``j`` a share ("three quarters of the budget", "a quarter-point", "fell
    by a quarter", "a quarter more", "three quarters full") rather than a quarter of a year ("two quarters
    later", "the last two quarters of 2023", "two consecutive quarters")? The one place this is decided."""
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if j >= 2 and doc[j - 2].lower_ == "by" and doc[j - 1].lower_ in ("a", "one"):
        return True  # the size of a change: "cut by a quarter"
    if nxt is None:
        return False
    if nxt.text == "-":
        return True  # "a quarter-point" (what a hyphen joins is judged where the fraction is read)
    if nxt.lower_ == "of":  # "of the budget", not "of 2023", "of the fiscal year", "of this year"
        whole = next((t for t in doc[j + 2:j + 5] if t.lower_ not in ("the", "this", "next", "last", "its", "their")), None)
        return whole is None or not (_YEARISH.fullmatch(whole.text) or whole.lower_ in _YEAR_WORDS_AFTER_OF)
    if nxt.lower_ in _AFTER_A_PERIOD:
        return False
    return nxt.lower_ in ("more", "less", "fewer") or nxt.pos_ in ("ADJ", "ADV")


def _digit_groups_end(doc, i: int) -> int:
    """The end of a number written in groups of three digits after a space: "38 400", "2 317 000" (i + 1
    when token ``i`` starts none). Not after a month or a label ("March 9 300 workers", "Route 9 300")."""
    first = doc[i]
    n = len(doc)
    if not (first.text.isdigit() and len(first.text) <= 3) or i + 1 >= n:
        return i + 1
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and (prev.lower_.rstrip(".") in MONTHS or prev.lower_ in LABEL_WORDS):
        return i + 1
    j = i
    while j + 1 < n:
        gap = doc[j].whitespace_
        k = j + 1
        if not gap and doc[k].is_space and doc[k].text in _GROUP_SPACES and k + 1 < n:
            gap, k = doc[k].text, k + 1
        nxt = doc[k]
        if gap not in _GROUP_SPACES or not (nxt.text.isdigit() and len(nxt.text) == 3):
            break
        j = k
    if j == i or (j + 1 < n and doc[j + 1].text.isdigit()):  # "12 500 300": no telling where a number ends
        return i + 1
    return j + 1


def fraction_counts(tok, prev, nxt) -> bool:
    """"half of", "half the", "a quarter-point", "two-thirds of", "a fifth more" — not "second half",
    "quarter-century", "the third"."""
    low = tok.lower_
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc):
        unit = tok.doc[tok.i + 2].lower_
        if unit in PERIOD_NOUNS or unit in ("final", "finals", "hearted", "century"):
            return False
    if prev is not None and (prev.lower_ in ("the", "first", "second", "third", "fourth", "last", "this", "that")
                             or prev.ent_type_ == "ORDINAL"):
        return False
    if low == "half":
        if _size_of_change(tok) and not (nxt is not None and nxt.lower_ == "past"):
            return True  # "rates rose by half", "were down by roughly half"
        return nxt is not None and (nxt.lower_ in ("of", "the", "a", "an", "its", "their", "his", "her", "what")
                                    or (nxt.text == "-" and prev is not None and prev.lower_ in ("a", "one"))
                                    or (nxt.pos_ == "NOUN" and nxt.dep_ == "dobj"))
    if low in ("quarter", "quarters") and prev is not None and prev.text != "-" and not quarter_is_share(tok.doc, tok.i):
        return False  # "the last two quarters", "in a quarter" of a year; not "fell by a quarter"
    # quarter, third, fifth: need "a"/"one"/"two" before ("a third of", "two-thirds", "a fifth more"), and
    # after it "of", a comparison ("a third higher"), or the change it is the size of ("cut yields by a third")
    return prev is not None and (prev.lower_ in ("a", "one", "two", "three", "four") or prev.text == "-") and (
        nxt is not None and (nxt.lower_ in ("of", "more", "less", "since", "in", "over", ",", ".")
                             or (nxt.tag_ in ("JJR", "RBR") and nxt.lower_ not in _AFTER_A_PERIOD)
                             or nxt.text == "-" or (tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "by")))


def _size_of_change(tok) -> bool:
    """Does "by" come before the fraction word ``tok``, maybe over a qualifier ("by half", "by roughly half",
    "by more than half")?"""
    doc = tok.doc
    for j in range(tok.i - 1, max(-1, tok.i - 4), -1):
        if doc[j].lower_ == "by":
            return True
        if doc[j].lower_ not in _QUALIFIER_WORDS:
            return False
    return False


# After a verb of multiplying, a particle that makes it no multiple ("double as", "doubled down").
_NOT_MULTIPLE_AFTER = {"as", "down", "up", "back", "check", "checked"}
# What a multiple that is no verb needs after it to state a figure ("double the", "nearly triple its").
_MULTIPLE_OF = {"the", "that", "this", "those", "these", "its", "their", "his", "her", "our", "last", "what",
                "a", "an"}
_IMPROVEMENT = UP_NOUNS | {"improvement", "growth", "expansion"}


def multiple_counts(tok) -> bool:
    """Is a word of multiplying a figure here: a verb ("more than doubled", "could triple by 2030"), a
    multiplier before what it multiplies ("nearly triple the amount", "twice the price"), or "-fold"
    ("a fivefold gain") — not "double as", "doubled down", "double digits", "triple-A", "the triple jump"?"""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and not tok.whitespace_:
        return False
    low = tok.lower_
    if low.endswith("fold") or low in ("twice", "thrice"):
        return True
    if tok.tag_.startswith("VB"):
        return nxt is None or nxt.lower_ not in _NOT_MULTIPLE_AFTER
    return tok.tag_ == "PDT" or (nxt is not None and nxt.lower_ in _MULTIPLE_OF)


def multiple_change(tok) -> str:
    """"up"/"down" for a multiple stated as a change: a verb ("tripled", "halved"), or "-fold" before a
    noun of change ("a tenfold improvement"); "" else ("twice the price")."""
    if tok.tag_.startswith("VB") and tok.lower_ in MULTIPLES:  # (not "fold" of "4-fold", tagged a verb)
        return DOWN if MULTIPLES[tok.lower_] < 1 else UP
    head = tok.head
    if tok.lower_.endswith("fold") and head.i > tok.i:
        if head.lower_ in _IMPROVEMENT:
            return UP
        if head.lower_ in DOWN_WORDS:
            return DOWN
    return ""


def starts_quantity(tok) -> bool:
    low = tok.lower_
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if low in ("a", "an"):
        return one_of_a_unit(tok)
    if is_number_token(tok) or range_token(tok) is not None:
        return True
    if tok.text in UNICODE_FRACTIONS:
        return True
    if low in NUMBER_WORDS:
        if low == "one":
            return one_counts(tok)
        return low not in ("million", "billion", "trillion", "thousand", "hundred") or (
            prev is not None and prev.lower_ in ("a", "one"))  # not "several hundred", "a few hundred"
    if low.endswith("-") and low[:-1] in NUMBER_WORDS:  # "four-, five- and six-storey"
        return True
    if low in COUNTING_NOUNS:  # "a gross of pencils", never "a gross margin" or "a gross of $40 million"
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        return prev is not None and prev.lower_ in ("a", "one") and nxt is not None and nxt.lower_ == "of" and (
            after is not None and after.tag_ == "NNS")
    if low in VAGUE_WORDS:
        if low in NEEDS_OF:
            return nxt is not None and nxt.lower_ == "of"
        return True
    if low in MULTIPLES:
        return multiple_counts(tok)
    if low in FRACTION_WORDS:
        return fraction_counts(tok, prev, nxt)
    return False


# Qualifiers after which "a"/"an" before a unit is the figure 1: "by nearly a second", "almost a percentage point".
# ("just a minute" is an idiom: "just over a mile" reads "over".)
_BEFORE_ONE_OF_A_UNIT = {"nearly", "almost", "about", "around", "roughly", "approximately", "than", "least", "over",
                         "under"}
_CALENDAR_UNITS = set(CALENDAR_SYMBOLS.values())


def one_of_a_unit(tok) -> bool:
    """Is the article ``tok`` the figure 1 of the unit after it, after a qualifier ("by nearly a second", "almost
    a percentage point", "more than a mile")? Not "a gallon of beer" (no qualifier: an article), nor a calendar
    period ("over a year": a duration, read where durations are)."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].lower_ not in _BEFORE_ONE_OF_A_UNIT:
        return False
    unit = unit_after(_text_from(doc, tok.i, 6), len(tok.text))
    return unit is not None and unit.kind in ("measure", "percent", "money") and unit.factor == 1.0 \
        and unit.unit not in _CALENDAR_UNITS


def _word(tok) -> str:
    return tok.lower_.rstrip("-")


def number_end(doc, i: int) -> int:
    """Extend a number from token i over number words, hyphens ("twenty-five"), "and" ("hundred and five"),
    a spaced fraction ("2 1/2"), scale words ("3.1 billion"), "tens of thousands"."""
    grouped = _digit_groups_end(doc, i)
    if grouped > i + 1:
        return grouped
    j = i + 1
    n = len(doc)
    while j < n:
        tok = doc[j]
        low = tok.lower_
        prev = doc[j - 1]
        if low in SCALES and (is_number_token(prev) or _word(prev) in NUMBER_WORDS or prev.lower_ in FRACTION_WORDS):
            j += 1
            continue
        if low in NUMBER_WORDS and _word(prev) in NUMBER_WORDS and low not in ("one",):
            if _word(prev) in ("hundred", "thousand", "million", "billion") or low in (
                    "hundred", "thousand", "million", "billion", "trillion", "dozen") or (
                    prev.lower_ in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")):
                j += 1
                continue
            break
        if low == "one" and prev.lower_ in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                            "ninety", "hundred", "thousand", "and"):
            j += 1
            continue
        if low == "-" and j + 1 < n and doc[j + 1].lower_ in NUMBER_WORDS and _word(prev) in NUMBER_WORDS:
            j += 2
            continue
        if low in ("and", "&") and j + 1 < n and doc[j + 1].lower_ in NUMBER_WORDS and prev.lower_ == "hundred":
            j += 2  # "two hundred and forty-five thousand"
            continue
        if low in ("and", "&", ",") and prev.lower_ in _GROUP_ORDER:
            end = _lower_group_end(doc, j + 1, _GROUP_ORDER[prev.lower_], needs_group=low == ",")
            if end is not None:  # "three million, two hundred & forty", "a thousand and fifty"
                j = end
                continue
        if low == "of" and prev.lower_ in ("tens", "hundreds") and j + 1 < n and doc[j + 1].lower_ in (
                "thousands", "millions", "billions"):
            j += 2
            continue
        if low in FRACTIONS and (prev.text == "-" or (_word(prev) in UNITS_AND_TENS and (
                low.endswith("s") or prev.lower_ == "one"))) and (low != "quarters" or prev.text == "-"
                                                                 or quarter_is_share(doc, j)):
            j += 1  # "two-thirds", "two thirds", "three halves", "one sixth"; "two quarters" of a year is a period
            continue
        if low == "-" and j + 1 < n and doc[j + 1].lower_ in FRACTIONS and not tok.whitespace_:
            j += 2
            continue
        if low in ("a", "an") and prev.lower_ == "half" and j + 1 < n and doc[j + 1].lower_ in (
                "million", "billion", "trillion", "thousand", "dozen"):
            j += 2
            continue
        if low == "and" and j + 2 < n and doc[j + 1].lower_ == "a" and doc[j + 2].lower_ == "half" and (
                _word(prev) in NUMBER_WORDS or _is_plain_digits(prev)):
            j += 3  # "two and a half"
            continue
        if _FRACTION_TOKEN.fullmatch(tok.text) and _is_plain_digits(prev) and prev.whitespace_:
            j += 1  # "2 1/2"
            continue
        break
    return j


_GROUP_ORDER = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _lower_group_end(doc, i: int, order: int, *, needs_group: bool) -> int | None:
    """Where number words from token i end when they continue a number whose last group is of ``order``
    ("million" in "three million, two hundred & forty"): only a lower group continues it, so "two million,
    three million" and "three million and four million" stay two figures. After a comma the words must
    name a group ("two hundred", "fifty thousand"), so "two million, three years" is no number."""
    if i >= len(doc) or doc[i].lower_ not in UNITS_AND_TENS:
        return None
    end = number_end(doc, i)
    orders = [100 if t.lower_ == "hundred" else SCALES[t.lower_] for t in doc[i:end]
              if t.lower_ == "hundred" or t.lower_ in SCALES]
    if max(orders, default=1) >= order or (needs_group and not orders):
        return None
    return end


# -- reading a number -----------------------------------------------------------------------------

def scientific_at(text: str, pos: int) -> tuple[float, int] | None:
    """(value, end offset) of a number in scientific notation at ``text[pos:]`` ("2.1×10^10"), or None."""
    m = _SCIENTIFIC.match(text, pos)
    if m is None:
        return None
    if m.group("caret"):
        exponent = m.group("exp")
    elif m.group("sup"):
        exponent = m.group("sup").translate(_SUPERSCRIPTS)
    elif m.group("times") in "×·":
        exponent = m.group("signed")
    else:
        return None
    base = int(m.group("base"))
    if base != 10 and not m.group("caret"):
        return None
    try:
        value = float(m.group("mantissa")) * float(base) ** int(exponent.replace("−", "-"))
    except (OverflowError, ValueError):
        return None
    return tidy(value), m.end()


def read_number(doc, text: str, start: int, end: int) -> Number | None:
    """The value of tokens ``start:end`` with what is glued to them (currency, sign, scale); where a unit
    may start is left in ``unit_pos``."""
    first = doc[start]
    num = Number(start, end, None)
    scientific = scientific_at(text, first.idx)
    if scientific is not None:
        num.value, num.unit_pos = scientific
        return num
    if end - start > 1 and all(t.text.isdigit() or t.is_space for t in doc[start:end]):  # "38 400"
        num.value, num.unit_pos = int("".join(t.text for t in doc[start:end] if not t.is_space)), doc[end - 1].idx + len(
            doc[end - 1].text)
        num.notes.add("grouped")
        return num
    ranged = range_token(first) if end - start == 1 else None
    if ranged is not None:
        lo, hi, rm = ranged
        num.value, num.unit_pos = (lo, hi), first.idx + rm.start("rest")
        num.notes.add("range")
        if rm.group("lscale"):  # "1.5bn-$2bn": the scale written on both
            num.scale = SCALE_ABBREV[rm.group("lscale").lower()]
            num.value, num.scaled = (tidy(lo * num.scale), tidy(hi * num.scale)), True
            num.unit_pos = first.idx + rm.end("rest") if rm.group("rest") else \
                doc[start + 1].idx + len(rm.group("lscale"))  # "300m-£400" "m."
        return num
    m = number_token(first)
    if m is not None and (end - start == 1 or all(t.lower_ in SCALES or _FRACTION_TOKEN.fullmatch(t.text)
                                                  for t in doc[start + 1:end])):
        pre, sign, digits, rest = m.group("pre") or "", m.group("sign") or "", m.group("num"), m.group("rest")
        if m.group("mod") == "~":
            num.notes.add("tilde")
        elif m.group("mod") == "sub-":
            num.notes.add("sub")
        if pre:
            num.currency = SCALED_ONLY_PREFIXES.get(pre) or CURRENCY_PREFIXES.get(
                ("$" + pre) if pre.lower() == "us" else pre.lower(), "")
            num.cur_start = start - 1 if pre.lower() == "us" else start
        if sign == "±":
            num.notes.add("plus-minus")  # "±3 points": a margin, no sign and no change
        elif sign:
            num.sign, num.signed = SIGNS[sign], True
        value = parse_number(digits)
        if value is None:
            return None
        for t in doc[start + 1:end]:  # "US104 trillion", "2 1/2"
            if t.lower_ in SCALES:
                value = tidy(value * SCALES[t.lower_])
                num.scale = max(num.scale, SCALES[t.lower_])
                num.notes.add("scaled")
            else:
                value = tidy(value + (parse_number(t.text) or 0))
        pos = first.idx + m.start("rest") if end - start == 1 else doc[end - 1].idx + len(doc[end - 1].text)
        if rest.startswith("-") and rest != "-" and rest[1:2].isalpha():
            num.notes.add("hyphen")
        elif rest == "-":
            num.notes.add("suspended")
        num.value, num.unit_pos = value, pos
        return num
    words = doc[start:end]
    surface = text[words.start_char:words.end_char]
    low = " ".join(surface.lower().split())
    if low in ("a", "an"):  # "nearly a second" (see :func:`one_of_a_unit`)
        num.value, num.unit_pos = 1, words.end_char
        num.notes.update(("word", "article"))
        return num
    if low in VAGUE:
        num.value, num.unit_pos = VAGUE[low], words.end_char
        num.notes.add("vague")
        return num
    if low in COUNTING_NOUNS and end - start == 1:
        num.value, num.unit_pos = COUNTING_NOUNS[low], words.end_char
        num.notes.add("word")
        return num
    if low in MULTIPLES and end - start == 1:
        num.value, num.unit_pos = MULTIPLES[low], words.end_char
        num.notes.update(("multiple", "word"))
        return num
    if low.endswith("-") and low[:-1] in NUMBER_WORDS:
        num.notes.add("suspended")
        low = low[:-1]
    if m is not None and m.group("sign"):
        num.sign, num.signed = SIGNS[m.group("sign")], True
        low = low.lstrip("+-−–")
    value = parse_number(low)
    if value is None:
        return None
    if any(t.lower_ in FRACTIONS for t in words) or (isinstance(value, float) and value < 1 and not any(
            c.isdigit() for c in low)):
        num.notes.add("fraction")
    if not any(c.isdigit() for c in low):
        num.notes.add("word")
    if any(t.lower_ in SCALES for t in words):
        num.notes.add("scaled")
        num.scale = max(SCALES.get(t.lower_, 1) for t in words)
    num.value, num.unit_pos = value, words.end_char
    return num


def scale_after(text: str, num: Number) -> int:
    """Apply an abbreviated scale at ``num.unit_pos`` ("bn", "m", "M", "k"); returns the new position.
    "m" and "mm" are a million only after a currency or before a counted noun, else metres."""
    pos = num.unit_pos
    hyphened = _SCALE_HYPHENED.match(text, pos)
    if hyphened is not None and isinstance(num.value, (int, float)):  # "a ₹2,000-crore scheme", "$5-billion"
        num.scale = SCALES[hyphened.group(1).lower()]
        num.value = tidy(num.value * num.scale)
        num.scaled = True
        return hyphened.end()
    glued = pos < len(text) and text[pos] not in " \n\t"
    m = _SCALE_GLUED.match(text, pos) if glued else _SCALE_SPACED.match(text, pos)
    if m is None or isinstance(num.value, tuple):
        return pos
    abbrev = m.group(1)
    low = abbrev.lower()
    after = text[m.end():m.end() + 24]
    nxt_word = re.match(r"\s*([\w(]+)", after)
    nxt = nxt_word.group(1).lower() if nxt_word else ""
    money = bool(num.currency)
    if nxt in CALIBRE_NOUNS:
        return pos  # "155mm artillery": a calibre
    if low in ("m", "mm"):
        if not money:
            if nxt in MEASURE_AFTER or not nxt or re.match(r"\s*\(\s*[\d.,]+\s*(?:ft|feet|foot|in|yd)", after):
                return pos  # a length: "45m (148ft)", "200mm of rain"
            if low == "m" and abbrev == "m" and not glued:
                return pos
    elif low == "t" and not money:
        return pos  # "278,000 t" is tonnes
    if not glued and low in ("m", "b", "k") and not money and abbrev.islower():
        return pos
    num.value = tidy(num.value * SCALE_ABBREV[low])
    num.scale = SCALE_ABBREV[low]
    num.scaled = True
    return m.end()


# -- mentions --------------------------------------------------------------------------------------

def char_to_token_end(doc, offset: int, lo: int) -> int:
    """The token index after the token that holds character ``offset - 1`` (search from token ``lo``)."""
    j = lo
    n = len(doc)
    while j < n and doc[j].idx + len(doc[j].text) < offset:
        j += 1
    return min(n, j + 1)


def extend(doc, text: str, start: int, end: int, carried: str = "") -> Mention | None:
    """A number at tokens ``start:end`` with its currency, sign, scale, unit, qualifier, and its range
    partner; None when the tokens hold no number. ``carried``: the currency written before the first figure of
    a range, for its second figure written without one ("$2-3 million", "€5-6m")."""
    num = read_number(doc, text, start, end)
    if num is None:
        return None
    surface_start, surface_end = start, end
    notes = set(num.notes)
    # currency before ("$", "US$", "£", "A$"); glued currency already read
    currency = num.currency
    if currency:
        surface_start = min(surface_start, num.cur_start)
    else:
        found = currency_before(text, doc[start].idx)
        if found is not None:
            currency, cstart = found
            j = start
            while j > 0 and doc[j - 1].idx >= cstart:
                j -= 1
            if j < start:
                surface_start = j
    # a sign written as a word: "minus 173 degrees"
    word_before = doc[surface_start - 1].lower_ if surface_start > 0 else ""
    if word_before == "minus" and surface_start > 2 and doc[surface_start - 2].lower_ == "or" \
            and doc[surface_start - 3].lower_ == "plus":
        notes.add("plus-minus")  # "a margin of plus or minus 3.1 points": a margin, no sign and no change
        surface_start -= 3
    elif word_before in ("minus", "negative") and not isinstance(num.value, tuple):
        num.sign, num.signed = -1, True
        notes.add("minus")
        surface_start -= 1
    if surface_start > 0 and doc[surface_start - 1].text in ("-", "−", "+") and not doc[surface_start - 1].whitespace_ \
            and (surface_start < 2 or doc[surface_start - 2].whitespace_ or doc[surface_start - 2].text == "("):
        num.sign, num.signed = SIGNS.get(doc[surface_start - 1].text, 1), True  # "$-99.99", "- 5"
        surface_start -= 1
    if num.value == 12 and end - start == 1 and doc[start].lower_ == "dozen" and surface_start > 1 and [
            t.lower_ for t in doc[surface_start - 2:surface_start]] == ["baker", "'s"]:
        num.value = BAKERS_DOZEN  # "a baker's dozen"
        surface_start -= 2
    num.currency = currency or carried
    pos = scale_after(text, num)
    small = isinstance(num.value, (int, float)) and 0 < num.value < 1
    fold = _FOLD.match(text, pos) if not currency and isinstance(num.value, (int, float)) and num.value > 1 else None
    if fold is not None:  # "a 20-fold rise", "up 3.5 fold": a multiple written in digits
        notes.add("multiple")
        notes.discard("hyphen")
        surface_end = char_to_token_end(doc, fold.end(), end - 1)
        pos = fold.end()
    unit = None if "multiple" in notes else unit_after(text, pos, currency=currency, fraction=small)
    if unit is None and "fraction" in notes and small:  # "a quarter of a percentage point", "half a mile"
        of_a = _OF_A_UNIT.match(text, pos)
        unit = unit_after(text, of_a.end(), fraction=True) if of_a is not None else None
        if unit is not None and unit.kind not in ("measure", "percent", "money"):
            unit = None
    if unit is None and "article" in notes:
        return None  # "a" stands for 1 only before a unit
    if unit is None and not currency:
        currency = carried
    if unit is None and "vague" in notes and text.startswith(" of ", pos):  # "hundreds of litres"
        unit = unit_after(text, pos + 3)
        if unit is not None and unit.kind not in ("measure", "money"):
            unit = None
    if fold is None and ("hyphen" in notes or (pos + 1 < len(text) and text[pos] == "-" and text[pos + 1].isalpha())):
        notes.add("hyphen")
        word = _HYPHEN_WORD.match(text[pos:pos + 30])
        if word and word.group(1).lower() in HYPHEN_PERIODS | PERIOD_NOUNS:
            notes.add("period")
    value = num.value
    kind = "count"
    code = ""
    factor = 1.0
    if unit is None and value == 0 and doc[start].lower_ == "zero" and surface_start > 0 and doc[
            surface_start - 1].lower_ == "absolute" and (end == len(doc) or doc[end].pos_ != "NOUN"):
        unit = UnitMatch("K", pos, "measure")  # "absolute zero": 0 K
        surface_start -= 1
    if unit is not None:
        code, kind, factor = unit.unit, unit.kind, unit.factor
        end_tok = char_to_token_end(doc, unit.end, end - 1)
        surface_end = max(surface_end, end_tok)
    elif pos > doc[end - 1].idx + len(doc[end - 1].text):  # a spaced scale ("3.9 m", "$3 bn")
        surface_end = char_to_token_end(doc, pos, end - 1)
    elif "hyphen" in notes:
        word = _HYPHEN_WORD.match(text[pos:pos + 30])
        if word:
            surface_end = char_to_token_end(doc, pos + word.end(), end - 1)
            notes.add("hyphen-word:" + word.group(1).lower())
    if currency and kind != "money":
        if kind in ("count",) or code == "" or (code and currency and kind == "measure"):
            kind, code = "money", currency
    elif currency and code == "USD" and currency != "USD" and factor == 1.0:
        code = currency  # "HK$5 dollars": the written prefix says which dollars
    if factor != 1.0 and not isinstance(value, tuple):
        value = tidy(value * factor)
        notes.add("hundredths")
    if unit is not None and unit.subunit and not currency:
        notes.add(SUBUNIT)  # "95 cents": in the currency of the story (see :func:`in_story_currency`)
    if num.sign < 0 and not isinstance(value, tuple):
        value = -value
    mention = Mention(surface_start, surface_end, surface_start, surface_end, value, EXACT, code, kind,
                      notes=notes)
    if num.signed:
        mention.notes.add("signed")
    if "vague" in notes:
        mention.approx = RANGE
    if "tilde" in notes:
        mention.approx = APPROX
    if "sub" in notes:
        mention.approx = AT_MOST
    if "hyphen-word:plus" in notes:  # "500-plus stores"
        mention.approx = AT_LEAST
        mention.notes -= {"hyphen", "hyphen-word:plus"}
    if "hyphen-word:odd" in notes:  # "40-odd protesters"
        mention.approx = APPROX
        mention.notes -= {"hyphen", "hyphen-word:odd"}
    if "hyphen-word:figure" in notes and isinstance(value, int) and 1 < value < 16 and not currency:
        mention.value, mention.approx = (10 ** (value - 1), 10 ** value - 1), RANGE  # "a six-figure sum"
        mention.notes -= {"hyphen", "hyphen-word:figure"}
    if num.scaled:
        mention.notes.add("scaled")
    mention.scale = num.scale
    if "multiple" in notes:
        mention.change = multiple_change(doc[surface_end - 1] if fold is not None else doc[start])
    if "range" in notes:
        mention.approx = RANGE
    glued = _LETTERS.match(text[pos:pos + 12]) if pos < len(text) and unit is None else None
    if glued and not text[pos - 1:pos].isspace() and pos > doc[start].idx:
        mention.notes.add("code")  # "777X", "5G", "S24": letters glued on that are no unit or scale
    return mention


_SERIES_GAPS = ([","], ["and"], ["or"], [",", "and"], [",", "or"], ["to"])


def suspended_series(doc, found: list[Mention]) -> list[Mention]:
    """"four-, five- and six-storey", "two-, five- and 10-year": a suspended figure ("four-") takes the
    hyphenated word its series ends on, and whether that word is a period, so that each figure of the
    series is read as the last one is."""
    for a, b in reversed(list(pairwise(found))):
        if "suspended" not in a.notes or a.unit or [t.lower_ for t in doc[a.end:b.start]] not in _SERIES_GAPS:
            continue
        words = {n for n in b.notes if n.startswith("hyphen-word:")}
        if words:
            a.notes |= words | (b.notes & {"hyphen", "period"})
    return found


SUBUNIT = "subunit"  # a mention's note: "95 cents", "42 sen" with no currency written before


def sentence_numbers(doc) -> list[int]:
    """The number of the sentence each token is in (0 for the first; all 0 without sentence boundaries),
    read off the Doc's array in one pass."""
    import numpy  # lazy, as spaCy is (see claims._candidates)

    if not len(doc):
        return []
    starts = doc.to_array(["SENT_START"]) == 1
    starts[0] = False
    return numpy.cumsum(starts).tolist()


def in_story_currency(doc, found: list[Mention], sentence_of: list[int]) -> list[Mention]:
    """A subunit written without its currency ("95 cents", "14c a share", "42 sen") is in the currency
    named last before it in the sentence ("A$3.2bn … 95 cents" is AUD); else the subunit's own (cents:
    USD, sen: MYR). ``sentence_of``: :func:`sentence_numbers` of the Doc."""
    last, sentence = "", -1
    for m in found:
        if sentence_of[m.start] != sentence:
            last, sentence = "", sentence_of[m.start]
        if SUBUNIT in m.notes:
            if last:
                m.unit = last
        elif m.kind == "money" and m.unit:
            last = m.unit
    return found


def _mention_after(doc, text: str, k: int, carried: str = "") -> Mention | None:
    """The quantity starting at token ``k`` (or right after a currency token there: "$41 and $45"); ``carried``:
    the currency of the figure before it, when written before that figure (see :func:`extend`)."""
    if k >= len(doc):
        return None
    if not starts_quantity(doc[k]):
        if k + 1 < len(doc) and starts_quantity(doc[k + 1]) and currency_before(text, doc[k + 1].idx) is not None:
            k += 1
        else:
            return None
    return extend(doc, text, k, number_end(doc, k), carried)


def with_uncertainty(doc, text: str, m: Mention) -> Mention:
    """"1,850 ± 120", "3.4 +/- 0.5 mg", "1.2C plus or minus 0.2C": the range the figure spans, one claim."""
    if isinstance(m.value, tuple):
        return m
    last = doc[m.end - 1]
    pm = _PLUS_MINUS.match(text, last.idx + len(last.text))
    if pm is None:
        return m
    k = m.end
    while k < len(doc) and doc[k].idx < pm.end():
        k += 1
    other = _mention_after(doc, text, k) if k < len(doc) and doc[k].idx == pm.end() else None
    if other is None or isinstance(other.value, tuple) or (m.unit and other.unit and m.unit != other.unit):
        return m
    spread = -other.value if "minus" in other.notes else other.value  # "plus or minus 0.2C"
    if not spread > 0:
        return m
    if not m.unit:
        m.unit, m.kind = other.unit, other.kind
    m.value = (tidy(m.value - spread), tidy(m.value + spread))
    m.approx = RANGE
    m.end = m.num_end = other.end
    m.notes.add("uncertainty")
    return m


# A currency a figure is quoted against ("151.2 per dollar", "18.2 against the dollar", "92 to the dollar").
# After a number "pound" is a weight, so it is no currency word; named as a currency, it is sterling.
_POUND = {"pound": "GBP"}
_SENTENCE_REACH = 30  # tokens either side searched for the currency quoted (without sentence boundaries)


def currency_quoted(doc, m: Mention) -> Mention:
    """A plain figure quoted per another currency is in the currency the sentence names: "the yen weakened
    to 151.2 per dollar" is 151.2 JPY (the yen's price of a dollar)."""
    if m.unit or m.kind != "count" or isinstance(m.value, tuple) or m.end >= len(doc) \
            or doc[m.end].lower_ not in ("to", "against", "per", "a"):
        return m
    words = [t.lower_ for t in doc[m.end:m.end + 3]]
    if words[:2] in (["to", "the"], ["against", "the"]) and len(words) == 3:
        against = doc[m.end + 2]
    elif words[:1] in (["per"], ["a"], ["against"]) and len(words) >= 2:
        against = doc[m.end + 1]
    else:
        return m
    other = _currency_word(against.lower_) or (against.text if against.text in CURRENCY_CODES else "")
    if not other:
        return m
    named = _currency_named(doc, m.start - 1, -1, other)
    if named is None:
        named = _currency_named(doc, m.end, 1, other)
    if named is not None:
        m.unit, m.kind, m.quoted = _currency_word(doc[named].lower_), "money", named
    return m


def _currency_word(word: str) -> str:
    """The ISO 4217 code of a currency named by a word ("dollar", "baht", "pound"), or ""."""
    return CURRENCY_WORDS.get(word) or _POUND.get(word, "")


def _currency_named(doc, i: int, step: int, other: str) -> int | None:
    """The token of the first currency other than ``other`` named from token ``i`` on, in direction
    ``step``, within the sentence ("The Thai baht fell …" → baht), or None."""
    for _ in range(_SENTENCE_REACH):
        if not 0 <= i < len(doc):
            return None
        tok = doc[i]
        code = _currency_word(tok.lower_)
        if code and code != other and tok.pos_ != "VERB":
            return i
        if (step < 0 and tok.is_sent_start) or (step > 0 and i + 1 < len(doc) and doc[i + 1].is_sent_start):
            return None
        i += step
    return None


UNITS_AND_TENS = set(NUMBER_WORDS) - {"hundred", "thousand", "million", "billion", "trillion", "dozen", "lakh", "crore"}
RANGE_SEPARATORS = ("to", "or", "-", "–", "—", "and", "--")


def with_range(doc, text: str, m: Mention, change_verb_before: Callable[[], bool]) -> Mention:
    """Merge a range partner: "10 to 20", "two or three", "$41 and $45" after "between", "10-20",
    "hundreds — perhaps thousands", "$57 to $61 billion" (the scale is shared), "9- or 10-inch",
    "35C to 38C" (the unit repeats). "from X to Y" after a verb of change is a change, not a range
    (``change_verb_before()`` says whether a verb of change comes before the figure: asked only then)."""
    n = len(doc)
    j = m.end
    if j >= n or doc[j].lower_ not in RANGE_SEPARATORS:
        return m
    sep = doc[j].lower_
    k = j + 1
    hedged = False
    while k < n and doc[k].lower_ in HEDGES:
        k += 1
        hedged = True
    if k >= n:
        return m
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    between = before == "between"
    if sep in ("and", "—", "--") and not (hedged or between):
        return m
    if sep == "-" and (doc[j - 1].whitespace_ or doc[j].whitespace_) and not (hedged or (
            doc[j - 1].whitespace_ and doc[j].whitespace_ and is_number_token(doc[k]))):
        return m
    if sep == "to" and (before == "from" or (
            m.unit in ("h", "min", "s") and m.start > 1 and doc[clock_lead(doc, m.start - 1)].lower_ == "from")) \
            and change_verb_before():
        return m  # a change "from X to Y" ("from 2h 20min to 50min"): read by the caller
    if before in ("in", "since", "during") and not m.unit and isinstance(m.value, int) and 1900 <= m.value <= 2100:
        return m  # "from 1.2 million in 2019 to 1.5 million": a year, then the figure a change reached
    # "cut by 25bp to 3.75%", "fell 12% to 18,400": a change and the level it reached
    change_then_level = sep == "to" and (before == "by" or before in UP_WORDS or before in DOWN_WORDS)
    # "$2-3 million", "€5 to 6bn": the currency written before the first figure is the second's too
    carried = m.unit if m.kind == "money" and not doc[m.start].text[:1].isdigit() and SUBUNIT not in m.notes else ""
    other = _mention_after(doc, text, k, carried)
    if other is not None and "suspended" in m.notes and "multiple" in other.notes:
        m.notes.add("multiple")  # "two- to three-fold": the suspended figure is a multiple too
    if other is None or ("multiple" in m.notes) != ("multiple" in other.notes):
        return m  # "quadrupled to 80 million": a multiple and the level it reached
    a, b = m.value, other.value
    if change_then_level and not ("suspended" in m.notes or _one_unit_written_once(m, other)):
        return m  # save "by 500,000 to 700,000 bpd", "climbed 12 to 15 percent": a range of the change's size
    if isinstance(a, tuple) or isinstance(b, tuple):
        lo = a[0] if isinstance(a, tuple) else a
        hi = b[1] if isinstance(b, tuple) else b
        if not ("vague" in m.notes or "vague" in other.notes):
            return m
    else:
        lo, hi = a, b
        # units: one unit for both, or none; a scale written once applies to both ("$57 to $61 billion")
        if (m.unit and other.unit and m.unit != other.unit) or (m.unit and not other.unit):
            return m
        if "scaled" in other.notes and "scaled" not in m.notes and lo < hi and lo * _scale_of(other) <= hi:
            lo = tidy(lo * _scale_of(other))
        if not m.unit and other.unit and m.kind == "count":
            m.unit, m.kind = other.unit, other.kind
            if "hundredths" in other.notes:  # "10 to 15 cents"
                lo = tidy(lo / 100)
    if not (isinstance(lo, (int, float)) and isinstance(hi, (int, float))):
        return m
    if lo > hi:
        if lo < 0 and hi < 0:
            lo, hi = hi, lo
        else:
            return m
    if lo == hi:
        return m
    m.value = (lo, hi)
    m.approx = APPROX if sep == "or" and "vague" not in m.notes else RANGE
    m.end = other.end
    m.num_end = other.end
    m.notes.add("range")
    if between:
        m.start -= 1
    return m


def _one_unit_written_once(first: Mention, second: Mention) -> bool:
    """Are two figures joined by "to" after a change one range of its size, the unit written on the second only
    and both of one size ("rose 12 to 15 percent", "by 500,000 to 700,000 bpd"), not a change and the level it
    reached ("fell 12% to 18,400", "rose 0.2 to 4.1%")?"""
    a, b = first.value, second.value
    if "hundredths" in second.notes and isinstance(b, (int, float)):
        b = b * 100  # "rose 15 to 20 cents": the figures as written
    return not first.unit and bool(second.unit) and isinstance(a, (int, float)) and isinstance(b, (int, float)) \
        and 0 < a < b <= 2 * a


def hyphened_proportion(doc, i: int) -> tuple[float | int, int] | None:
    """(the denominator, the token after it) of a proportion written with hyphens whose numerator starts at
    token ``i``: "one-in-three" of "a one-in-three chance", "1-in-83" of "a 1-in-83 chance"; or None."""
    hit = _HYPHENED_PROPORTION.match(_text_from(doc, i, 8))
    if hit is None:
        return None
    whole = parse_number(hit.group("whole"))
    if not isinstance(whole, (int, float)) or _YEAR_LIKE.fullmatch(hit.group("whole")):
        return None
    return whole, char_to_token_end(doc, doc[i].idx + hit.end(), i)


def with_proportion(doc, text: str, m: Mention) -> Mention:
    """"one in four", "1 in 10", "two in every five", "a one-in-three chance", "a 1-in-83 chance": the share
    they state, in percent (25, 10, 40; to three significant figures), one claim over both numbers."""
    if m.unit or m.kind != "count" or not isinstance(m.value, (int, float)) or m.value <= 0:
        return m
    hyphened = hyphened_proportion(doc, m.num_start) if "hyphen" in m.notes else None
    if hyphened is not None:
        whole_value, end = hyphened
        m.notes -= {n for n in m.notes if n.startswith("hyphen")}
    else:
        end = proportion_end(doc, m.end)
        if end is None:
            return m
        k = end - 1
        while k > m.end and doc[k - 1].lower_ not in ("in", "every"):
            k -= 1
        whole = read_number(doc, text, k, end)
        whole_value = whole.value if whole is not None else None
    if not isinstance(whole_value, (int, float)) or not whole_value > m.value:
        return m
    m.value = tidy(float(f"{100 * m.value / whole_value:.3g}"))
    m.unit, m.kind = PERCENT, "percent"
    m.end = m.num_end = end
    m.notes.add("proportion")
    return m


_CLOCK_GLUED = re.compile(r"\d+(?:\.\d+)?(?:h|hr|hrs|min|mins|s|sec|secs)", re.I)


def clock_lead(doc, i: int) -> int:
    """The token before a clock figure ending at token ``i`` ("2h" or "2 hours" of "from 2h 20min"), or
    ``i`` when token ``i`` ends none."""
    if _CLOCK_GLUED.fullmatch(doc[i].text):
        return max(0, i - 1)
    if i > 0 and doc[i].lower_ in ("h", "hr", "hrs", "hour", "hours", "min", "mins", "minutes") and doc[i - 1].like_num:
        return max(0, i - 2)
    return i


def _scale_of(m: Mention) -> int:
    """The scale written with ``m`` ("crore": 10**7), or failing that the power of a thousand its value reaches."""
    if m.scale > 1:
        return m.scale
    v = m.value
    for s in (10**12, 10**9, 10**6, 10**3):
        if isinstance(v, (int, float)) and abs(v) >= s:
            return s
    return 1


def qualifier_before(doc, m: Mention) -> tuple[int, str]:
    """(tokens, approx) of the longest qualifier phrase ending right before the mention."""
    start = m.start
    if start == 0 or doc[start - 1].lower_ not in _QUALIFIER_ENDS:
        return 0, ""
    lows = [t.lower_ for t in doc[max(0, start - 4):start]]
    best, kind = 0, ""
    for q, approx in _QUALIFIERS_BY_END[lows[-1]]:
        words = q.split()
        if len(words) <= len(lows) and lows[len(lows) - len(words):] == words and len(words) > best:
            best, kind = len(words), approx
    if not best:
        return 0, ""
    qtok = doc[start - best]
    if qtok.lower_ in ("over", "under", "above", "below", "within") and best == 1:
        head = doc[m.num_start]
        # "fighting over two districts", "under 5 metres of mud" is a bound; "over the 3 days" is not
        if qtok.dep_ == "prep" and qtok.head.pos_ in ("VERB", "NOUN") and head.head != qtok and head.lower_ in NUMBER_WORDS \
                and head.head.pos_ == "NOUN":
            return 0, ""
    if qtok.lower_ == "some" and doc[start].lower_ == "of":
        return 0, ""
    if qtok.lower_ == "just" and best == 1:
        return 0, ""
    before = doc[start - best - 1].lower_ if start - best > 0 else ""
    if qtok.lower_ == "up" and best == 2 and before in MOVE_VERBS:
        return 0, ""  # "ticked up to 4.1%": the direction and the level a move reached, not a bound
    if qtok.lower_ == "past" and (before in DETERMINERS or before in ("last", "next") or qtok.pos_ == "ADJ"):
        return 0, ""  # "in the past 24 hours": a window, not a level passed
    return best, kind


def qualifier_after(doc, m: Mention) -> tuple[int, str]:
    """(tokens, approx) of "or more", "or so", "-plus", "+" right after the mention."""
    n = len(doc)
    if m.end >= n or doc[m.end].lower_ not in _POST_FIRST:
        return 0, ""
    for phrase, approx in POST_QUALIFIERS.items():
        words = phrase.split()
        if m.end + len(words) <= n and [t.lower_ for t in doc[m.end:m.end + len(words)]] == words:
            if phrase == "plus" and m.end + 1 < n and _adds_a_figure(doc[m.end + 1]):
                return 0, ""  # "a fee of €48m plus up to €12m": a sum, not "500-plus"
            return len(words), approx
    return 0, ""


def _adds_a_figure(tok) -> bool:
    """Does ``tok``, after "plus", start another figure ("plus up to €12m", "plus $5 a share", "plus a fifth")?"""
    return tok.like_num or tok.text[:1] in "$£€¥₹" or tok.lower_ in _QUALIFIER_STARTS or starts_quantity(tok)


_POST_FIRST = {phrase.split()[0] for phrase in POST_QUALIFIERS}
_QUALIFIER_STARTS = {phrase.split()[0] for phrase in QUALIFIERS} | {"a", "an", "another"}
_QUALIFIERS_BY_END: dict[str, list[tuple[str, str]]] = {}
for _phrase, _approx in QUALIFIERS.items():
    _QUALIFIERS_BY_END.setdefault(_phrase.split()[-1], []).append((_phrase, _approx))
_QUALIFIER_ENDS = set(_QUALIFIERS_BY_END)
_QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()}  # "roughly", "more", "than" …
