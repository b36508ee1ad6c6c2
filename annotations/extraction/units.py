"""Units of a quantity: ISO 4217 currencies, percentages, and physical units from pint's registry.

:func:`unit_after` reads the unit written right after a number ("%", "per cent", "bn" is a scale, not a
unit; "kW", "miles per hour", "degrees Celsius", "dollars", "p"); :func:`currency_before` the currency
written before it ("US$", "A$", "$US", "£", "RM"). Physical units come from pint (a maintained registry
of units, prefixes, plurals and symbols), limited to what news copy measures: English words pint also
reads as units ("point", "quarter", "drop", "chain", "a", "in") are refused. :func:`canonical_unit`
normalises what a reviewer types; :func:`same_unit` compares two units (``"ml"`` and ``"cm³"`` are one).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..atomic_file import atomic_write_bytes
from ..nlp import default_cache_root

PERCENT, PERCENTAGE_POINT, BASIS_POINT = "percent", "percentage point", "basis point"
PENCE = "GBX"

# Currency written before the number. A bare "$" is USD unless the text says otherwise.
CURRENCY_PREFIXES = {
    "$": "USD", "us$": "USD", "$us": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "$a": "AUD", "aud": "AUD",
    "c$": "CAD", "ca$": "CAD", "can$": "CAD", "cad": "CAD", "hk$": "HKD", "hkd": "HKD", "nz$": "NZD",
    "nzd": "NZD", "s$": "SGD", "sg$": "SGD", "sgd": "SGD", "r$": "BRL", "brl": "BRL", "nt$": "TWD",
    "mx$": "MXN", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "₹": "INR",
    "rs": "INR", "rs.": "INR", "inr": "INR", "₽": "RUB", "rub": "RUB", "₩": "KRW", "krw": "KRW", "₺": "TRY",
    "₦": "NGN", "rm": "MYR", "myr": "MYR", "chf": "CHF", "cny": "CNY", "rmb": "CNY", "zar": "ZAR",
    "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "₪": "ILS", "aed": "AED", "sar": "SAR",
    "egp": "EGP", "pkr": "PKR", "thb": "THB", "idr": "IDR", "php": "PHP", "₱": "PHP", "vnd": "VND",
}
CURRENCY_CODES = frozenset(CURRENCY_PREFIXES.values()) | {
    "UAH", "GEL", "AMD", "AZN", "KZT", "KES", "GHS", "ARS", "CLP", "COP", "PEN", "CZK", "HUF", "RON", "BGN",
    "ISK", "QAR", "KWD", "BHD", "OMR", "JOD", "LKR", "BDT", "NPR", "MMK", "KHR", "LAK", "MNT", "XAF",
    "XOF", "TZS", "UGX", "ETB", "MAD", "TND", "DZD", "IQD", "IRR", "AFN", "BTC", PENCE}
# Currency written after the number ("3.1 billion euros", "500m rupees").
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "new zealand dollars": "NZD", "singapore dollars": "SGD", "taiwan dollars": "TWD",
    "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rouble": "RUB", "francs": "CHF", "swiss francs": "CHF", "won": "KRW", "pesos": "MXN", "rand": "ZAR",
    "lira": "TRY", "liras": "TRY", "manat": "AZN", "drams": "AMD", "dram": "AMD", "ringgit": "MYR",
    "baht": "THB", "rupiah": "IDR", "naira": "NGN", "shekels": "ILS", "shekel": "ILS", "kronor": "SEK",
    "krona": "SEK", "kroner": "NOK", "krone": "NOK", "zloty": "PLN", "zlotys": "PLN", "dirhams": "AED",
    "riyals": "SAR", "hryvnias": "UAH", "hryvnia": "UAH", "lari": "GEL", "tenge": "KZT", "bitcoins": "BTC",
    "pence": PENCE, "penny": PENCE, "pennies": PENCE,
}
CENTS = {"cents", "cent", "c"}  # a hundredth of the currency in context (USD when none)
PERCENT_WORDS = {
    "%": PERCENT, "percent": PERCENT, "per cent": PERCENT, "pct": PERCENT, "pc": PERCENT, "per-cent": PERCENT,
    "percentage point": PERCENTAGE_POINT, "percentage points": PERCENTAGE_POINT, "pp": PERCENTAGE_POINT,
    "ppt": PERCENTAGE_POINT, "ppts": PERCENTAGE_POINT, "percent point": PERCENTAGE_POINT,
    "percent points": PERCENTAGE_POINT, "point": PERCENTAGE_POINT, "points": PERCENTAGE_POINT,
    "basis point": BASIS_POINT, "basis points": BASIS_POINT, "bp": BASIS_POINT, "bps": BASIS_POINT,
}
# pint units that are ordinary words in news copy, or periods the claim finder handles itself.
NOT_UNITS = {
    "point", "quarter", "drop", "shot", "hand", "chain", "link", "bar", "line", "count", "turn", "cycle",
    "revolution", "circle", "grain", "cord", "fifth", "league", "pole", "perch", "rod", "cable", "gross",
    "dozen", "pica", "didot", "cicero", "year", "day", "week", "month", "decade", "century", "fortnight",
    "millennium", "shake", "jiffy", "eon", "percent", "permille", "radian", "steradian", "degree", "arcminute",
    "arcsecond", "pi", "square_degree", "gamma", "tex", "denier", "stere", "rood", "batch", "barn", "franklin",
    "buckingham", "bag", "number_english", "baud", "dram", "thou", "mil", "gal", "cup", "sheet", "ream",
    "standard_gravity", "speed_of_light", "planck_constant", "elementary_charge", "gravitational_constant",
    "atomic_mass_constant", "stone", "ton_force", "knot_international", "slug", "cc", "lambda", "ln10",
    "cables_length", "bushel", "peck", "hogshead", "hundredweight", "quad", "therm", "poise", "stokes",
    "debye", "oersted", "rem", "roentgen", "curie", "rutherford", "sverdrup", "rpm", "kip", "force_pound",
    "boiler_horsepower", "metric_horsepower", "electrical_horsepower", "refrigeration_ton", "water",
    "mercury", "stat", "abampere", "year_leap", "month_common", "nautical_mile_per_hour",
}
# Words and symbols after a number that are never units here ("in 2023", "at 5", "5 a day").
NOT_UNIT_SURFACES = {"a", "at", "are", "in", "as", "am", "pm", "b", "B", "K", "k", "T", "G", "P", "d", "u",
                     "x", "X", "E", "c", "e", "C", "F", "s", "S", "M", "p", "N", "A", "an", "or", "to", "of",
                     "by", "per", "and", "yr", "yrs", "year", "years", "min.", "ha"}
SPACED_SHORT = {"m", "g", "t", "l", "L", "W", "V", "J", "h"}  # one-letter symbols that may stand apart
# What pint writes in another way than news copy does.
SYMBOL_DISPLAY = {"bbl": "barrel", "mi / h": "mph", "ton": "ton", "degree_Celsius": "°C", "ºC": "°C"}
EXTRA_DEFINITIONS = (
    "bit_per_second = bit / second = bps",
    "byte_per_second = byte / second = Bps",
    "brake_horsepower = horsepower = bhp",
    "@alias ppm = parts_per_million",
    "parts_per_billion = 1e-9 = ppb",
)
TEMPERATURE = {"c": "°C", "celsius": "°C", "centigrade": "°C", "f": "°F", "fahrenheit": "°F", "k": "K",
               "kelvin": "K"}

_WORD = re.compile(r"[A-Za-zµμ°º²³][A-Za-zµμ°º²³0-9'.^\-/]*")


@dataclass(frozen=True)
class UnitMatch:
    """A unit read after a number: its code, where its text ends, and what kind it is."""

    unit: str  # "USD", "percent", "km", "°C" …
    end: int  # character offset after the unit's text
    kind: str  # "money" | "percent" | "measure"
    factor: float = 1.0  # the number is in hundredths ("cents"): 0.01


# -- pint ---------------------------------------------------------------------------------------------

_REGISTRY = None
_MEMO: dict[str, str] | None = None  # surface → symbol ("" for no unit), kept across runs in the cache folder
_MEMO_DIRTY = False


def _memo_path() -> Path:
    try:
        pint_version = version("pint")
    except PackageNotFoundError:
        pint_version = "0"
    key = hashlib.sha1("\n".join((pint_version, *EXTRA_DEFINITIONS, *sorted(NOT_UNITS))).encode()).hexdigest()[:12]
    return default_cache_root() / f"units-{key}.json"


def _memo() -> dict[str, str]:
    """What pint said about each surface looked up before (so a warm run never loads pint)."""
    global _MEMO
    if _MEMO is None:
        _MEMO = {}
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(_memo_path().read_text("utf-8"))
            if isinstance(loaded, dict):
                _MEMO = {str(k): str(v) for k, v in loaded.items()}
        atexit.register(save_memo)
    return _MEMO


def save_memo() -> None:
    """Write the looked-up units to the cache folder (atomically; a cache that cannot be written is skipped)."""
    global _MEMO_DIRTY
    if not _MEMO_DIRTY or _MEMO is None:
        return
    with contextlib.suppress(OSError):
        path = _memo_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps(_MEMO, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    _MEMO_DIRTY = False


def registry():
    """pint's unit registry with the few news units it lacks (loaded on first use: pint takes ~0.5 s)."""
    global _REGISTRY
    if _REGISTRY is None:
        import pint  # lazy: the app starts without it, and most Docs need no physical unit

        reg = pint.UnitRegistry(cache_folder=None)
        for line in EXTRA_DEFINITIONS:
            reg.define(line)
        _REGISTRY = reg
    return _REGISTRY


def pint_symbol(surface: str) -> str:
    """The symbol of a physical unit written as ``surface`` ("kilometres" → "km", "Mbps"), or ""."""
    global _MEMO_DIRTY
    if not surface or surface in NOT_UNIT_SURFACES or not any(c.isalpha() for c in surface):
        return ""
    memo = _memo()
    if surface not in memo:
        memo[surface] = _pint_lookup(surface)
        _MEMO_DIRTY = True
    return memo[surface]


def _pint_lookup(surface: str) -> str:
    reg = registry()
    try:
        candidates = reg.parse_unit_name(surface.replace(" ", "_").replace("-", "_"))
    except Exception:  # pint raises several kinds on odd input
        return ""
    for prefix, name, _suffix in candidates:
        if prefix == "micro" and not surface.startswith(("µ", "μ", "micro")):
            continue  # "units" is not a micro-nit
        if name in NOT_UNITS or (prefix and name in ("hour", "minute", "second", "day", "ton", "foot", "mile",
                                                      "inch", "pound", "yard", "acre", "gallon", "ounce")):
            continue
        try:
            dims = reg.get_dimensionality(name)
            symbol = reg.get_symbol(prefix + name)
        except Exception:
            continue
        if not dims and name not in ("bit", "byte", "ppm", "ppb", "bit_per_second", "byte_per_second"):
            continue
        return SYMBOL_DISPLAY.get(symbol, symbol)
    return ""


def _words(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    """Up to ``n`` words from ``pos`` (after spaces), each with its end offset."""
    out = []
    i = pos
    for _ in range(n):
        j = i
        while j < len(text) and text[j] == " ":
            j += 1
        m = _WORD.match(text, j)
        if not m:
            break
        word = m.group(0).rstrip(".,;:'-")
        if not word:
            break
        out.append((word, j + len(word)))
        i = j + len(word)
    return out


def unit_after(text: str, pos: int, *, currency: str = "", fraction: bool = False) -> UnitMatch | None:
    """The unit written at ``text[pos:]`` right after a number (glued or after spaces), or None.
    ``currency``: the currency written before the number (cents are its hundredths); ``fraction``: the
    number is below one ("a quarter-point" is a percentage point)."""
    glued = pos < len(text) and text[pos] not in " \n\t"
    if pos < len(text) and text[pos] == "%":
        return UnitMatch(PERCENT, pos + 1, "percent")
    if glued and text[pos] in "€£$¥₹":  # "-15€"
        return UnitMatch(CURRENCY_PREFIXES[text[pos]], pos + 1, "money")
    # temperatures: "41.2C", "-10°C", "4 degrees Celsius", "40 degrees"
    m = re.match(r"\s?(?:°|º|˚)\s?([CFK])\b|\s?(?:°|º|˚)", text[pos:pos + 4])
    if m:
        letter = (m.group(1) or "").lower()
        return UnitMatch(TEMPERATURE.get(letter, "degree") if letter else "degree", pos + m.end(), "measure")
    m = re.match(r"(\s+|-)degrees?(?:\s+(celsius|centigrade|fahrenheit|kelvin|c|f)\b)?", text[pos:pos + 30], re.I)
    if m:
        scale = (m.group(2) or "").lower()
        return UnitMatch(TEMPERATURE.get(scale, "degree"), pos + m.end(), "measure")
    if glued and re.match(r"[CF]\b", text[pos:pos + 2]):
        return UnitMatch(TEMPERATURE[text[pos].lower()], pos + 1, "measure")
    hyphen = glued and text[pos] == "-"
    words = _words(text, pos + 1, 3) if hyphen else _words(text, pos, 4)  # "2,000-pound", "14-inch"
    if not words:
        return None
    if hyphen and words[0][0].lower() in ("point", "points"):
        return UnitMatch(PERCENTAGE_POINT, words[0][1], "percent") if fraction else None
    lows = [w.lower() for w, _ in words]
    # percent forms, longest first
    for n in (3, 2, 1):
        if len(lows) >= n:
            phrase = " ".join(lows[:n])
            if phrase in PERCENT_WORDS and (n > 1 or phrase not in ("point", "points", "pp") or glued):
                if phrase in ("point", "points"):
                    continue
                return UnitMatch(PERCENT_WORDS[phrase], words[n - 1][1], "percent")
    # currencies after the number
    for n in (3, 2, 1):
        if len(lows) >= n:
            phrase = " ".join(lows[:n])
            if phrase in CURRENCY_WORDS and not (phrase == "won" and not glued and n == 1 and _won_is_verb(text, pos)):
                return UnitMatch(CURRENCY_WORDS[phrase], words[n - 1][1], "money")
            if n == 1 and words[0][0] in CURRENCY_CODES and words[0][0].isupper():
                return UnitMatch(words[0][0], words[0][1], "money")
            if n == 1 and phrase in CENTS and (phrase != "c" or glued):
                return UnitMatch(currency or "USD", words[0][1], "money", 0.01)
    if lows[0] == "p" and glued:
        return UnitMatch(PENCE, words[0][1], "money")
    return _physical(words, glued)


def _won_is_verb(text: str, pos: int) -> bool:
    """"won" after a number is the currency only after a scale or a large number ("500 billion won")."""
    before = text[max(0, pos - 14):pos].lower()
    return not re.search(r"(?:illion|thousand|\d{4,}|\d,\d{3})\s*$", before)


_PER = {"per", "a", "an", "/"}


def _physical(words: list[tuple[str, int]], glued: bool) -> UnitMatch | None:
    lows = [w.lower() for w, _ in words]
    first = words[0][0]
    # "square feet", "sq km", "cubic metres"
    if lows[0] in ("square", "sq", "sq.", "cubic", "cu", "cu.") and len(words) >= 2:
        base = pint_symbol(words[1][0])
        if base:
            power = "²" if lows[0].startswith("s") else "³"
            return UnitMatch(base + power, words[1][1], "measure")
    # "4 km squared", "4 km cubed"
    if len(words) >= 2 and lows[1] in ("squared", "cubed"):
        base = pint_symbol(first)
        if base:
            return UnitMatch(base + ("²" if lows[1] == "squared" else "³"), words[1][1], "measure")
    # "km2", "km²", "km^2"
    m = re.match(r"^([A-Za-zµ]+)(?:\^?([23])|([²³]))$", first)
    if m:
        base = pint_symbol(m.group(1))
        if base:
            power = m.group(3) or {"2": "²", "3": "³"}[m.group(2)]
            return UnitMatch(base + power, words[0][1], "measure")
    # "km/h", "MB/s"
    if "/" in first:
        top, _, bottom = first.partition("/")
        a, b = pint_symbol(top), pint_symbol(bottom)
        if a and b:
            return UnitMatch(_ratio(a, b), words[0][1], "measure")
        return None
    # three or two words that pint knows as one ("parts per million", "nautical miles"), then one word
    if len(words) >= 3 and lows[1] == "per":
        joined = pint_symbol("_".join(w for w, _ in words[:3]))
        if joined:
            return UnitMatch(joined, words[2][1], "measure")
    if len(words) >= 2 and " " not in words[0][0]:
        joined = pint_symbol(words[0][0] + " " + words[1][0])
        if joined:
            return UnitMatch(joined, words[1][1], "measure")
    if len(first) == 1 and not glued and first not in SPACED_SHORT:
        return None
    symbol = pint_symbol(first) or (pint_symbol(first[:-1]) if first.endswith("s") and len(first) > 3 else "")
    if not symbol:
        return None
    end = words[0][1]
    # "kilometres per hour", "miles an hour", "megabytes per second"
    if len(words) >= 3 and lows[1] in _PER:
        per = pint_symbol(words[2][0])
        if per and per in ("h", "s", "min", "d"):
            return UnitMatch(_ratio(symbol, per), words[2][1], "measure")
    return UnitMatch(symbol, end, "measure")


def _ratio(a: str, b: str) -> str:
    if (a, b) == ("mi", "h"):
        return "mph"
    return f"{a}/{b}"


# -- before the number ----------------------------------------------------------------------------

_PREFIX_RE = re.compile(
    r"(?:" + "|".join(re.escape(k) for k in sorted(CURRENCY_PREFIXES, key=len, reverse=True)) + r")\s?$", re.I)


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO code, start offset) of a currency written right before ``pos`` ("US$", "$US", "£", "RM",
    "EUR "), or None. Letters must not run on from a word ("FORM23" has no ringgit)."""
    window = text[max(0, pos - 5):pos]
    m = _PREFIX_RE.search(window)
    if not m:
        return None
    start = pos - (len(window) - m.start())
    sym = m.group(0).strip().lower()
    if sym[0].isalpha():
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "$"):
            return None
        written = text[start:start + len(sym)]
        if sym in ("rs", "rs.", "rm") and not written[0].isupper():
            return None
        if len(sym) == 3 and not written.isupper():
            return None
        if sym in ("rs", "rm") and pos - start > len(sym):  # "RM 5" is rare; "Rs 500" is common
            return (CURRENCY_PREFIXES[sym], start) if sym == "rs" else None
    return CURRENCY_PREFIXES[sym], start


# -- what a reviewer types ------------------------------------------------------------------------

def canonical_unit(text: str) -> str | None:
    """The unit code for what a reviewer typed ("usd", "%", "km", "kilometres", "percentage points"),
    "" for no unit, or None when it is not a unit claimdesk knows."""
    s = " ".join(text.strip().split())
    if not s:
        return ""
    low = s.lower()
    if low in (PERCENT, PERCENTAGE_POINT, BASIS_POINT):
        return low
    if s.upper() in CURRENCY_CODES:
        return s.upper()
    if low in PERCENT_WORDS and low not in ("point", "points"):
        return PERCENT_WORDS[low]
    if low in CURRENCY_WORDS:
        return CURRENCY_WORDS[low]
    if low in CURRENCY_PREFIXES:
        return CURRENCY_PREFIXES[low]
    if s in ("°C", "°F", "K", "degree", "mph"):
        return s
    found = unit_after(" " + s, 0)
    if found is not None and found.end == len(s) + 1:
        return found.unit
    return None


def same_unit(a: str, b: str) -> bool:
    """Are two unit codes the same unit (equal, or one pint unit written two ways: "ml" and "cm³")?"""
    if a == b:
        return True
    if not a or not b or a.upper() in CURRENCY_CODES or b.upper() in CURRENCY_CODES:
        return False
    reg = registry()
    try:
        qa = reg.Quantity(1, _pint_expr(a))
        return abs(qa.to(_pint_expr(b)).magnitude - 1) < 1e-9
    except Exception:
        return False


def _pint_expr(code: str) -> str:
    return {"mph": "mile/hour", "barrel": "bbl", "°C": "degC", "°F": "degF", "degree": "degC"}.get(
        code, code.replace("²", "**2").replace("³", "**3"))
