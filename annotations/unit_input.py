"""A unit as a reviewer types it (or a file gives it): the unit code it means, or a suggestion.

    unit_code("kilometres") → "km"      unit_code("usd") → "USD"      unit_code("kms") → None
    suggest_unit("kms") → "km"          suggest_unit("C") → "°C"

Codes are those extraction writes (:mod:`.extraction.units`): ISO 4217 for money (``GBX`` for pence),
``percent``, ``percentage point``, ``basis point``, ``degree``, and physical units by their
pint symbol (``km``, ``°C``, ``km/h``, ``MB/s``). Every code extraction writes reads back as itself,
so a claim exported and imported keeps its unit.
"""

from __future__ import annotations

import difflib
import functools

from .extraction import units

DEGREE = "degree"  # "40 degrees": a temperature whose scale the text does not say
OWN_CODES = (DEGREE, units.PERCENT, units.PERCENTAGE_POINT, units.BASIS_POINT)
# Letters that pint reads as other units (coulomb, farad) but a reviewer means as a temperature.
TEMPERATURE_LETTERS = {"c": "°C", "f": "°F"}
# Units news copy measures in, by name and symbol: what a misspelt unit is compared with.
NEWS_UNITS = (
    "km", "m", "cm", "mm", "mi", "ft", "in", "yd", "nmi", "kg", "g", "mg", "t", "lb", "oz", "l", "ml", "gal",
    "barrel", "°C", "°F", "km/h", "mph", "m/s", "kn", "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "hp",
    "bhp", "V", "mAh", "Hz", "kHz", "MHz", "GHz", "kB", "MB", "GB", "TB", "Mbps", "Gbps", "s", "min", "h", "ha",
    "acre", "km²", "m²", "ppm", "ppb", "kilometre", "kilometer", "metre", "meter", "centimetre", "millimetre",
    "mile", "foot", "feet", "inch", "yard", "kilogram", "gram", "tonne", "pound", "ounce", "litre", "liter",
    "gallon", "celsius", "fahrenheit", "hectare", "second", "minute", "hour", "watt", "kilowatt", "megawatt",
    "gigawatt", "horsepower", "volt", "hertz", "byte", "kilobyte", "megabyte", "gigabyte", "terabyte",
)


@functools.lru_cache(maxsize=4096)  # an import validates the same few units thousands of times
def unit_code(text: str) -> str | None:
    """The unit code ``text`` means ("" for none: a plain count), or None when claimdesk does not know it."""
    s = " ".join(text.split())
    if not s:
        return ""
    if s.lower() in OWN_CODES:
        return s.lower()
    if s.lower() in TEMPERATURE_LETTERS:
        return None  # "C" is a coulomb to pint; the reviewer is told "°C"
    found = units.canonical_unit(s)
    if found is not None:
        return found
    return _pint_symbol(s)


def _pint_symbol(s: str) -> str | None:
    """``s`` when it is exactly a pint unit symbol or a ratio of them ("in", "ha", "km/s", "MB/s")."""
    if not any(c.isalpha() for c in s) or " " in s.strip():
        return None
    reg = units.registry()
    try:
        parsed = reg.parse_units(s.replace("²", "**2").replace("³", "**3"))
    except Exception:  # pint raises many kinds on odd input
        return None
    written = f"{parsed:~}".replace(" ", "").replace("**2", "²").replace("**3", "³")
    return s if written == s.replace(" ", "") else None


def suggest_unit(text: str) -> str | None:
    """The unit code a mistyped ``text`` most likely means ("kms" → "km", "C" → "°C", "kilometrs" → "km"),
    or None."""
    s = " ".join(text.split())
    if not s:
        return None
    if s.lower() in TEMPERATURE_LETTERS:
        return TEMPERATURE_LETTERS[s.lower()]
    for variant in _variants(s):
        found = unit_code(variant)
        if found:
            return found
    words = {w.lower(): w for w in _vocabulary()}
    close = difflib.get_close_matches(s.lower(), list(words), n=1, cutoff=0.75)
    return unit_code(words[close[0]]) if close else None


def _variants(s: str) -> list[str]:
    """What a typo usually is: a plural or a full stop too many, the wrong case."""
    out = [s.rstrip("."), s.lower(), s.upper()]
    for text in (s, s.lower()):
        if text.endswith("es"):
            out.append(text[:-2])
        if text.endswith("s"):
            out.append(text[:-1])
    return [v for v in dict.fromkeys(out) if v and v != s]


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    words = [*units.CURRENCY_CODES, *units.CURRENCY_WORDS, *OWN_CODES, *NEWS_UNITS,
             *(w for w in units.PERCENT_WORDS if w not in ("point", "points"))]
    return tuple(dict.fromkeys(words))
