"""Quantity surfaces → values: "1,119", "twenty-five", "$3.1 billion", "some 90 percent", "dozens".

Pure string functions, no spaCy. :func:`parse_quantity` reads the whole surface of a claim (qualifier,
number, unit) and returns a :class:`Quantity`; the claim finder decides which words form the surface.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from text_to_num import text2num

from .extraction.words import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    EXACT,
    FRACTIONS,
    NUMBER_WORDS,
    QUALIFIERS,
    RANGE,
    SCALE_ABBREV,
    SCALES,
    TENS,
    UNICODE_FRACTIONS,
    UNITS,
    VAGUE,
)

__all__ = ["APPROX", "AT_LEAST", "AT_MOST", "EXACT", "NUMBER_WORDS", "RANGE", "Quantity", "normalise",
           "parse_number", "parse_quantity", "qualifier_kind", "split_qualifier", "tidy", "vague_range"]

Value = int | float | tuple  # a number, or (low, high) for ranges and vague quantities

_QUALIFIER_RE = re.compile(
    r"^(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True) if q[-1] != "-") + r")\s+", re.I
)

CURRENCIES = {
    "$": "dollars", "us$": "dollars", "usd": "dollars", "a$": "dollars", "c$": "dollars", "€": "euros",
    "eur": "euros", "£": "pounds", "gbp": "pounds", "¥": "yen", "₹": "rupees", "rs": "rupees", "rs.": "rupees",
    "₽": "rubles", "₩": "won",
}
CURRENCY_WORDS = {
    "dollar": "dollars", "dollars": "dollars", "euro": "euros", "euros": "euros", "pounds sterling": "pounds",
    "yen": "yen", "yuan": "yuan", "rupees": "rupees", "rubles": "rubles", "roubles": "rubles",
    "francs": "francs", "manat": "manat", "lira": "lira", "pesos": "pesos", "rand": "rand",
}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per cent": "per cent", "pct": "percent",
                 "percentage points": "percentage points", "percentage point": "percentage points"}

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "—", "\u2212": "-", "\xa0": " ", "\u2009": " ", "\u202f": " "})
_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(" + "|".join(SCALE_ABBREV) + r")$", re.I)
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?e[+\-−]?\d+$")
_FRACTION = re.compile(r"^(?:(\d+)[\s-]+)?(\d+)/(\d+)$")
_RANGE_SEP = re.compile(
    r"^(?:between\s+)?(?P<a>.+?)\s*(?:\s(?:and|or|to)\s+(?:possibly\s+|perhaps\s+|maybe\s+|probably\s+|even\s+|likely\s+)?"
    r"|\s*[-—]\s*(?:possibly\s+|perhaps\s+|maybe\s+|probably\s+|even\s+)?)(?P<b>.+?)\s*[-—]?$",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """What a quantity surface says: a value (number or (low, high)), its qualifier, and its unit."""

    value: Value
    approx: str = EXACT
    unit: str = ""  # "percent", "per cent", "dollars", "pound" … or "" for a plain count


def normalise(text: str) -> str:
    return " ".join(text.translate(_DASHES).split())


def tidy(value: float) -> int | float:
    """An integral float as an int (3.1e9 → 3100000000); floats rounded to 10 significant digits."""
    if isinstance(value, float):
        value = float(f"{value:.10g}")
        return int(value) if value.is_integer() else value
    return value


@functools.lru_cache(maxsize=4096)  # number texts recur ("two", "1,000"), and text2num is slow on words
def parse_number(text: str) -> int | float | None:
    """A number written in digits, words or both: "1,119", "Nineteen", "twenty-five", "3.1 billion",
    "$48M" (without the sign), "a dozen", "half", "a quarter", "two-thirds", "half a million", "2 1/2",
    "½", ".5". None when it is not a number. Number words go through ``text2num``."""
    s = normalise(text).lower().strip()
    if not s:
        return None
    if _DIGITS.match(s) and any(c.isdigit() for c in s):
        return tidy(float(s.replace(",", "")))
    m = _DIGITS_SCALED.match(s)
    if m:
        return tidy(float(m.group(1).replace(",", "")) * SCALE_ABBREV[m.group(2).lower()])
    if _SCIENTIFIC.match(s):
        return tidy(float(s.replace("−", "-")))
    m = _FRACTION.match(s)
    if m:
        whole, num, den = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
        return tidy(whole + num / den) if den and num < den else None
    if s in UNICODE_FRACTIONS:
        return tidy(UNICODE_FRACTIONS[s])
    if s[:-1].isdigit() and s[-1:] in UNICODE_FRACTIONS:  # "1½"
        return tidy(int(s[:-1]) + UNICODE_FRACTIONS[s[-1]])
    words = [w for w in re.split(r"[\s,-]+", s.replace("&", " and ")) if w]  # "three million, two hundred & forty"
    if not words:
        return None
    if all(w in _TEXT2NUM_WORDS for w in words) and words[0] != "and":
        try:
            return text2num(" ".join(words), "en")
        except ValueError:  # "five five": not one number
            pass
    words = [w for w in words if w != "and"]
    return _parse_words(words) if words else None


_TEXT2NUM_WORDS = set(UNITS) | set(TENS) | {"hundred", "thousand", "million", "billion", "trillion", "and"}
_SIZES = {**SCALES, "hundred": 100, "dozen": 12}  # what "half a" / "a quarter of a" multiplies


def _parse_words(words: list[str]) -> int | float | None:
    # "half a million", "a quarter", "two-thirds", "one and a half"
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in ("a", "an"):
            if nxt is None or not (nxt in SCALES or nxt in FRACTIONS or nxt in ("hundred", "dozen")):
                return None
            current = current or 0.0
            if nxt in FRACTIONS and seen:  # "one and a half"
                current += FRACTIONS[nxt]
                i += 2
                continue
            current += 1
            seen = True
        elif _DIGITS.match(w) and any(c.isdigit() for c in w):
            if current:  # "10 20" is two numbers, not thirty
                return None
            current += float(w.replace(",", ""))
            seen = True
        elif w in UNITS:
            if current % 100 and not (current % 100 >= 20 and current % 10 == 0 and UNITS[w] < 10):
                return None  # "five five"; "twenty five" is fine
            current += UNITS[w]
            seen = True
        elif w in TENS:
            if current % 100:
                return None
            current += TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0.0
            seen = True
        elif w in SCALE_ABBREV and seen:
            total += (current or 1) * SCALE_ABBREV[w]
            current = 0.0
        elif w in FRACTIONS:
            frac = FRACTIONS[w]
            if w.startswith("third") and not seen:  # "third" alone is an ordinal
                return None
            if seen and current and not total:
                current = current * frac  # "two thirds", "a quarter"
            else:
                current = frac
            seen = True
            if nxt in ("a", "an") and i + 2 < len(words) and words[i + 2] in _SIZES:  # "half a million", "… dozen"
                total += current * _SIZES[words[i + 2]]
                current = 0.0
                i += 3
                continue
        else:
            return None
        i += 1
    return tidy(total + current) if seen else None


def vague_range(text: str) -> tuple[int, int] | None:
    """The (low, high) range of a vague quantity word: "dozens" → (24, 99), "tens of thousands" → …"""
    return VAGUE.get(normalise(text).lower())


def split_qualifier(text: str) -> tuple[str, str]:
    """("at least", "91") from "at least 91"; ("", text) when there is no qualifier."""
    s = normalise(text)
    m = _QUALIFIER_RE.match(s)
    if not m:
        return "", s
    return m.group(1).lower(), s[m.end():]


def qualifier_kind(phrase: str) -> str:
    """The approx class of a qualifier phrase: "some" → "approx", "at least" → "at_least" …"""
    return QUALIFIERS.get(normalise(phrase).lower(), EXACT)


def _parse_core(s: str) -> tuple[Value, str, bool] | None:
    """(value, unit, vague) for a number with an optional currency and unit, no qualifier."""
    low = s.lower()
    unit = ""
    for sym in sorted(CURRENCIES, key=len, reverse=True):
        if low.startswith(sym) and (not sym[-1].isalpha() or low[len(sym):len(sym) + 1] in (" ", "")
                                    or low[len(sym):len(sym) + 1].isdigit()):
            unit = CURRENCIES[sym]
            s = s[len(sym):].strip()
            low = s.lower()
            break
    for word in sorted(PERCENT_WORDS, key=len, reverse=True):
        if low.endswith(word) and (word == "%" or low[: -len(word)].endswith(" ")):
            unit = PERCENT_WORDS[word]
            s = s[: -len(word)].strip()
            low = s.lower()
            break
    else:
        for word in sorted(CURRENCY_WORDS, key=len, reverse=True):
            if low.endswith(" " + word):
                unit = CURRENCY_WORDS[word]
                s = s[: -len(word)].strip()
                low = s.lower()
                break
    # a hyphenated unit: "2,000-pound", "5-kilometre"
    m = re.match(r"^(.+?)-([a-z]+)$", low)
    if m and m.group(2) not in SCALE_ABBREV and m.group(2) not in NUMBER_WORDS and m.group(2) not in FRACTIONS:
        unit = unit or m.group(2)
        s = s[: len(m.group(1))]
        low = s.lower()
    vague = vague_range(low)
    if vague is not None:
        return vague, unit, True
    value = parse_number(s)
    if value is None:
        return None
    return value, unit, False


def parse_quantity(text: str) -> Quantity | None:
    """Read a claim's quantity surface: "some 400", "at least 91", "nearing 5,000", "90%", "80 per cent",
    "$3.1 billion", "2,000-pound", "Dozens", "between 10 and 20", "hundreds — perhaps thousands".
    None when the surface holds no number."""
    qual, rest = split_qualifier(text)
    approx = qualifier_kind(qual) if qual else EXACT
    core = _parse_core(rest)
    if core is not None:
        value, unit, vague = core
        return Quantity(value, RANGE if vague else approx, unit)
    m = _RANGE_SEP.match(rest)
    if m:
        a, b = _parse_core(m.group("a").strip()), _parse_core(m.group("b").strip())
        if a is not None and b is not None:
            (va, ua, _), (vb, ub, _) = a, b
            lo = va[0] if isinstance(va, tuple) else va
            hi = vb[1] if isinstance(vb, tuple) else vb
            if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo <= hi:
                return Quantity((lo, hi), RANGE, ua or ub)
    return None
