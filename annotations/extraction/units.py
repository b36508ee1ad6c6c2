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
import functools
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
    "ksh": "KES", "kshs": "KES", "kes": "KES", "rp": "IDR", "₫": "VND", "₴": "UAH", "₸": "KZT", "৳": "BDT",
    # South and Southeast Asian and African copy: the taka ("Tk 50 crore", "Tk1,200"), the Tanzanian and
    # Ugandan shillings ("TSh 5,000", "USh 20,000"), the cedi ("GH₵50"), the Egyptian pound ("E£40", never
    # sterling), signs of one currency each, and ISO codes written before a figure ("BDT 500", "NGN 1.2bn").
    # Not "Sh" (Kenyan, Tanzanian or Ugandan), "N" ("N95"), "R" or "K": no telling what they are.
    "tk": "BDT", "tk.": "BDT", "tsh": "TZS", "ush": "UGX", "gh₵": "GHS", "gh¢": "GHS", "₵": "GHS", "e£": "EGP",
    "₭": "LAK", "៛": "KHR", "₮": "MNT", "₾": "GEL", "₼": "AZN",
    **{code.lower(): code for code in ("BDT", "LKR", "NPR", "NGN", "GHS", "TZS", "UGX", "ETB", "MMK", "KHR")},
}
# Prefixes that are a currency only glued to a figure with a scale: "N5bn", "N1.2trn" (naira), never "N95".
SCALED_ONLY_PREFIXES = {"N": "NGN"}
# Prefixes that are also letters of words: written with a capital ("Rs", "RM", "Rp", "KSh", "Tk"), and the
# ones a space may follow ("Rs 500", "Rp 85,000", "KSh 172 billion", "Tk 50 crore"; "RM 5" is rare).
WORDLIKE_PREFIXES = {"rs", "rs.", "rm", "rp", "ksh", "kshs", "tk", "tk.", "tsh", "ush"}
_SPACED_WORDLIKE = {"rs", "rs.", "rp", "ksh", "kshs", "tk", "tk.", "tsh", "ush"}
# Those that count only in their own spelling ("TK 40" is a tank, not taka).
_SPELLED = {"tk": "Tk", "tk.": "Tk.", "tsh": "TSh", "ush": "USh"}


def wordlike_prefix_written(written: str) -> bool:
    """Is a prefix that is also letters of words (:data:`WORDLIKE_PREFIXES`) written as a currency: with a
    capital ("Rs", "RM"), and those of :data:`_SPELLED` in their own spelling ("Tk", not "TK" or "tk")?"""
    return written[:1].isupper() and _SPELLED.get(written.lower(), written) == written
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
    "pence": PENCE, "penny": PENCE, "pennies": PENCE, "peso": "MXN", "franc": "CHF", "forint": "HUF",
    "koruna": "CZK", "greenback": "USD",
}
# A hundredth of the currency in context, and the currency when none is named: "95 cents", "42 sen".
CENTS = {"cents": "USD", "cent": "USD", "c": "USD", "sen": "MYR"}
# Words naming whose cents: "36 HK cents", "12 US cents", "41 Singapore cents", "5 euro cents".
CENTS_OF = {**{word.removesuffix(" dollars"): code for word, code in CURRENCY_WORDS.items() if word.endswith(" dollars")},
            **{prefix[:-1]: code for prefix, code in CURRENCY_PREFIXES.items() if prefix.endswith("$") and len(prefix) > 2},
            "euro": "EUR"}
US_COINS = {"dime": 0.1, "dimes": 0.1, "nickels": 0.05}  # coins counted: "3 dimes" is US$0.30
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
    "cables_length", "peck", "hogshead", "hundredweight", "quad", "therm", "poise", "stokes",
    "debye", "oersted", "rem", "roentgen", "curie", "rutherford", "sverdrup", "rpm", "kip", "force_pound",
    "boiler_horsepower", "metric_horsepower", "electrical_horsepower", "refrigeration_ton", "water",
    "mercury", "stat", "abampere", "year_leap", "month_common", "nautical_mile_per_hour",
    "enzyme_unit",  # "U", a laboratory unit: prefixed, it reads acronyms ("27 EU members", "MU")
}
# Words and symbols after a number that are never units here ("in 2023", "at 5", "5 a day").
NOT_UNIT_SURFACES = {"a", "at", "are", "in", "as", "am", "pm", "b", "B", "K", "k", "T", "G", "P", "d", "u",
                     "x", "X", "E", "c", "e", "C", "F", "s", "S", "M", "p", "N", "A", "an", "or", "to", "of",
                     "by", "per", "and", "yr", "yrs", "year", "years", "min.", "ha", "has"}
# Not even in "a/b"; nor English words pint reads as a plural symbol ("has": hectares, "pcs": parsecs).
NOT_UNIT_WORDS = {"per", "and", "or", "to", "of", "by", "at", "an", "are", "as", "has", "pcs", "bus"}  # "bus": no bushels
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
# Rates written as one abbreviation in energy and mining copy ("650,000 bpd", "b/d"); "tpd" spells "tons per
# day" as "bpd" spells "barrels per day", and "tons" is pint's ton (a tonne is "t").
RATE_ABBREVIATIONS = {"bpd": "barrel/d", "b/d": "barrel/d", "bbl/d": "barrel/d", "tpd": "ton/d", "boe/d": "barrel/d",
                      "boepd": "barrel/d", "boed": "barrel/d", "mboe/d": "kbarrel/d"}
# What a barrel is of, written after it: "barrels of oil equivalent a day" is barrel/d.
_BARREL_OF = (("of", "oil", "equivalent"), ("of", "oil"), ("of", "crude"))
# A period after "per" or "/" (pint's symbols; "a" is the year, annum): "tonnes per day" is t/d.
PER_PERIODS = {"day": "d", "d": "d", "week": "week", "wk": "week", "month": "month", "mo": "month", "year": "a",
               "yr": "a", "annum": "a", "a": "a"}
# Calendar periods written after a number or in a compound ("three years", "a 10-year"), by pint's symbol.
CALENDAR_SYMBOLS = {
    "day": "d", "days": "d", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month", "mo": "month",
    "year": "a", "years": "a", "yr": "a", "yrs": "a", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}
# Clock periods in a compound adjective ("a 48-hour strike"); spaced, pint reads them as units already.
CLOCK_SYMBOLS = {"hour": "h", "hours": "h", "hr": "h", "hrs": "h", "minute": "min", "minutes": "min",
                 "min": "min", "second": "s", "seconds": "s"}


def period_symbol(word: str) -> str:
    """pint's symbol of a period word ("years" → "a", "hour" → "h"), or ""."""
    low = word.lower()
    return CALENDAR_SYMBOLS.get(low) or CLOCK_SYMBOLS.get(low, "")


# Kitchen measures, units only before "of" ("2 1/2 cups of stock", not "won 3 cups").
KITCHEN = {"cup": "cup", "cups": "cup"}
# After "in" (the inch, not the preposition): a dimension, "of", or nothing it could govern.
INCH_AFTER = {"thick", "thin", "long", "wide", "tall", "high", "deep", "across", "diagonally", "diagonal", "apart",
              "in", "of", "diameter", "or", "to", "and", "(", ")", ".", ",", ";", "x", "by", "screen", "display"}
LOOKUP_REVISION = "8"  # bumped when what a surface is looked up as changes (the memo is keyed by it)
TEMPERATURE = {"c": "°C", "celsius": "°C", "centigrade": "°C", "f": "°F", "fahrenheit": "°F", "k": "K",
               "kelvin": "K"}

_WORD = re.compile(r"[A-Za-zµμ°º²³][A-Za-zµμ°º²³⁻¹0-9'.^\-−/·⋅]*")
_SPACED_WORD = re.compile(" *(" + _WORD.pattern + ")")  # a word after any spaces
# One factor of a unit with a power or an inverse: "m2", "m^2", "m²", "s-1", "s^-1", "fb−1", "s⁻¹", "m⁻²".
_POWERED = re.compile(r"^(?P<base>[A-Za-zµμ]+?)(?:\^?(?P<power>[-−]?[123])|(?P<sup>⁻?[¹²³]))$")
_SUPERSCRIPT = str.maketrans("⁻¹²³−", "-123-")
_PRODUCT = re.compile(r"[·⋅]")  # "kg·m/s", "J⋅s": factors multiplied
# Units that are English words alone ("barn", "bar") but units with a prefix: "fb" (femtobarn), "mbar".
PREFIXED_ONLY = {"barn": ("femto", "pico", "nano", "atto"), "bar": ("milli",)}
# The year is a period the claim finder reads itself ("three years"), but millions and billions of years
# written as pint's symbols are a unit of their own in science copy: "4.5 Ga", "66 Ma", "34 Myr" (not "ka":
# a word of Hindi in Indian copy, "Dhoom 2 ka").
DEEP_TIME_PREFIXES = ("mega", "giga")
# Symbols that follow another unit's symbol, glued without a dot, in a product ("kWs" is kW·s): only after a
# symbol of two letters or more with a capital ("kW", "mV"), so "kms", "cds", "lbs" stay what pint reads them as.
_PRODUCT_LAST = ("s", "m", "h")


@dataclass(frozen=True)
class UnitMatch:
    """A unit read after a number: its code, where its text ends, and what kind it is."""

    unit: str  # "USD", "percent", "km", "°C" …
    end: int  # character offset after the unit's text
    kind: str  # "money" | "percent" | "measure"
    factor: float = 1.0  # the number is in hundredths ("cents"): 0.01
    subunit: bool = False  # a hundredth named without its currency: the story's currency may be meant


# -- pint ---------------------------------------------------------------------------------------------

_MEMO: dict[str, str] | None = None  # surface → symbol ("" for no unit), kept across runs in the cache folder
_MEMO_DIRTY = False


def _memo_path() -> Path:
    try:
        pint_version = version("pint")
    except PackageNotFoundError:
        pint_version = "0"
    key = hashlib.sha1("\n".join((pint_version, LOOKUP_REVISION, *EXTRA_DEFINITIONS, *sorted(NOT_UNITS)))
                       .encode()).hexdigest()[:12]
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


@functools.cache
def registry():
    """pint's unit registry with the few news units it lacks (loaded on first use: pint takes ~0.5 s)."""
    import pint  # lazy: the app starts without it, and most Docs need no physical unit

    reg = pint.UnitRegistry(cache_folder=None)
    for line in EXTRA_DEFINITIONS:
        reg.define(line)
    return reg


def pint_symbol(surface: str, *, in_compound: bool = False) -> str:
    """The symbol of a physical unit written as ``surface`` ("kilometres" → "km", "Mbps"), or "".
    The short symbols of :data:`NOT_UNIT_SURFACES` ("s", "N", "ha", "in") are units only ``in_compound``
    ("m/s", "s-1", "t/ha"): alone after a number they are too often something else."""
    global _MEMO_DIRTY
    if not surface or not any(c.isalpha() for c in surface) or surface in NOT_UNIT_WORDS or (
            surface in NOT_UNIT_SURFACES and not in_compound):
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
        if prefix in PREFIXED_ONLY.get(name, ()):
            pass  # "fb", "mbar"
        elif name == "year" and prefix in DEEP_TIME_PREFIXES:
            pass  # "4.5 Ga", "66 Myr": millions and billions of years (pint's "Ma", "Ga")
        elif name in NOT_UNITS or name in _constants() or (prefix and name in (
                "hour", "minute", "second", "day", "ton", "foot", "mile", "inch", "pound", "yard", "acre", "gallon",
                "ounce") and not (name == "second" and surface.lower().startswith(prefix))):
            continue  # "microseconds", spelled out, is a unit; "ks" or "Mmile" is none
        try:
            dims = reg.get_dimensionality(name)
            symbol = reg.get_symbol(prefix + name)
        except Exception:
            continue
        if not dims and name not in ("bit", "byte", "ppm", "ppb", "bit_per_second", "byte_per_second"):
            continue
        return SYMBOL_DISPLAY.get(symbol, symbol)
    return ""


@functools.cache
def _constants() -> frozenset[str]:
    """The names pint defines as physical constants (its ``constants_en.txt``, read once): never a unit after
    a number ("6.0-sigma" is no Stefan-Boltzmann constant), save the standard atmosphere ("1 atm")."""
    import pint  # lazy, as in registry()

    path = Path(pint.__file__).parent / "constants_en.txt"
    names = set()
    with contextlib.suppress(OSError):
        for line in path.read_text("utf-8").splitlines():
            m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*=", line)
            if m:
                names.add(m.group(1))
    return frozenset(names - {"standard_atmosphere"})


def _words(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    """Up to ``n`` words from ``pos`` (after spaces), each with its end offset."""
    out = []
    i = pos
    for _ in range(n):
        m = _SPACED_WORD.match(text, i)
        if not m:
            break
        word = m.group(1).rstrip(".,;:'-")
        if not word:
            break
        i = m.start(1) + len(word)
        out.append((word, i))
    return out


# Temperatures after a number: "41.2°C", "-10 °C", "4 degrees Celsius", "40 degrees"; "31C", "85F" glued.
_DEGREE_SIGN = re.compile(r"\s?(?:°|º|˚)\s?([CFK])\b|\s?(?:°|º|˚)")
_DEGREE_WORD = re.compile(r"(\s+|-)degrees?(?:\s+(celsius|centigrade|fahrenheit|kelvin|c|f)\b)?", re.I)
_GLUED_C_OR_F = re.compile(r"[CF]\b")


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
    m = _DEGREE_SIGN.match(text[pos:pos + 4])
    if m:
        letter = (m.group(1) or "").lower()
        return UnitMatch(TEMPERATURE.get(letter, "degree") if letter else "degree", pos + m.end(), "measure")
    m = _DEGREE_WORD.match(text[pos:pos + 30])
    if m:
        scale = (m.group(2) or "").lower()
        return UnitMatch(TEMPERATURE.get(scale, "degree"), pos + m.end(), "measure")
    if glued and _GLUED_C_OR_F.match(text[pos:pos + 2]):
        return UnitMatch(TEMPERATURE[text[pos].lower()], pos + 1, "measure")
    hyphen = glued and text[pos] == "-"
    words = _words(text, pos + 1, 3) if hyphen else _words(text, pos, 4)  # "2,000-pound", "14-inch"
    if not words:
        return None
    if hyphen and words[0][0].lower() in ("point", "points"):
        return UnitMatch(PERCENTAGE_POINT, words[0][1], "percent") if fraction else None
    if hyphen and words[0][0].lower().replace("-", " ") in PERCENT_WORDS and "-" in words[0][0]:
        return UnitMatch(PERCENT_WORDS[words[0][0].lower().replace("-", " ")], words[0][1], "percent")  # "50-basis-point"
    if words[0][0] == "in" and _is_inch(text, words[0][1], hyphen):
        return UnitMatch("in", words[0][1], "measure")
    lows = [w.lower() for w, _ in words]
    if fraction and not hyphen and lows[0] in ("point", "points"):  # "trimmed rates by ¼ point"
        return UnitMatch(PERCENTAGE_POINT, words[0][1], "percent")
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
            if n > 1 and lows[n - 1] in ("cents", "cent") and " ".join(lows[:n - 1]) in CENTS_OF:
                return UnitMatch(CENTS_OF[" ".join(lows[:n - 1])], words[n - 1][1], "money", 0.01)
            if phrase in CURRENCY_WORDS and not (phrase == "won" and not glued and n == 1 and _won_is_verb(text, pos)):
                return UnitMatch(CURRENCY_WORDS[phrase], words[n - 1][1], "money")
            if n == 1 and words[0][0] in CURRENCY_CODES and words[0][0].isupper():
                return UnitMatch(words[0][0], words[0][1], "money")
            if n == 1 and phrase in CENTS and (phrase != "c" or glued) and (phrase != "sen" or words[0][0] == "sen"):
                return UnitMatch(currency or CENTS[phrase], words[0][1], "money", 0.01, subunit=not currency)
            if n == 1 and phrase in US_COINS:
                return UnitMatch("USD", words[0][1], "money", US_COINS[phrase])
    if lows[0] == "p" and glued:
        return UnitMatch(PENCE, words[0][1], "money")
    if words[0][0] == "s" and glued and _DECIMAL_BEFORE.search(text, 0, pos):
        return UnitMatch("s", words[0][1], "measure")  # "0.214s quicker", "a 0.9s penalty"; never "the 1990s"
    if words[0][0] in ("pm", "am"):
        return _tiny_length(text, pos, words[0])
    return _physical(text, words, glued)


# A decimal right before a glued "s": seconds ("0.214s"), where a bare "s" after digits is a plural ("1990s").
_DECIMAL_BEFORE = re.compile(r"\d\.\d+$")
# A number that can be a time of day before "am"/"pm": an hour 1–12, or h.mm / h:mm ("4.30pm", "11:15 am").
_CLOCK_FIGURE = re.compile(r"(?:0?[1-9]|1[0-2])(?:[.:][0-5]\d)?")
_NUMBER_BEFORE = re.compile(r"[\d.,:]+$")
# Words before a number that ask for a length ("a size of 2.1 pm", "a diameter of 2.123 am", "measures").
_LENGTH_CONTEXT = re.compile(r"\b(?:size|diameter|radius|wavelength|length|width|thickness|distance|spacing|separation|"
                             r"resolution|gap|pitch|measur(?:e|es|ed|ing))\b[^.;!?]{0,40}$", re.I)


def can_be_clock_time(number: str) -> bool:
    """Can ``number``, written before "am"/"pm", be a time of day: an hour 1–12, or h.mm / h:mm ("4.30", "11:15")?"""
    return bool(_CLOCK_FIGURE.fullmatch(number))


def _tiny_length(text: str, pos: int, word: tuple[str, int]) -> UnitMatch | None:
    """"pm"/"am" after a number as pint's picometre/attometre: only where the number cannot be a time of day
    (not an hour 1–12, nor h.mm with two-digit minutes: "2.1 pm", "2.123 am") and the words before it ask
    for a length ("a size of 2.1 pm"); else the word is a time marker ("at 3pm", "8.45pm") and no unit."""
    number = _NUMBER_BEFORE.search(text, 0, pos)
    if number is None or can_be_clock_time(number.group()) or not _LENGTH_CONTEXT.search(text, 0, number.start()):
        return None
    symbol = pint_symbol(word[0], in_compound=True)
    return UnitMatch(symbol, word[1], "measure") if symbol else None


def _is_inch(text: str, end: int, hyphen: bool) -> bool:
    """Is "in" ending at ``end``, right after a number, the inch? It is when what follows cannot be the
    object of the preposition: a dimension ("2 in thick"), "of" ("11 in of rain"), a full stop or a
    bracket, the end of the text; after a hyphen, a space ("a 55-in screen", not "2-in-1")."""
    if hyphen:
        return end < len(text) and text[end] == " "
    m = re.match(r"\s*([A-Za-z]+|[^\sA-Za-z])?", text[end:end + 24])
    nxt = (m.group(1) or "").lower()
    return not nxt or nxt in INCH_AFTER


def _won_is_verb(text: str, pos: int) -> bool:
    """"won" after a number is the currency only after a scale or a large number ("500 billion won")."""
    before = text[max(0, pos - 14):pos].lower()
    return not re.search(r"(?:illion|thousand|\d{4,}|\d,\d{3})\s*$", before)


_TIME = {"h", "min", "s", "d", "week", "month", "a"}  # what "a"/"an" makes a rate of ("miles an hour")


def _physical(text: str, words: list[tuple[str, int]], glued: bool) -> UnitMatch | None:
    """A physical unit starting with ``words`` (its own words, then "per X", "a X" for a period)."""
    found = _base_unit(words, glued)
    if found is None:
        return None
    symbol, end = found
    # a product with a factor written with its power: "m s−1" (m/s), "W m^-2" (W/m²)
    while (nxt := _words(text, end, 1)) and _POWERED.match(nxt[0][0]) and text[end:end + 1] == " ":
        factor = _factor(nxt[0][0])
        if not factor or "/" in symbol:
            break
        symbol, end = _product(symbol, factor), nxt[0][1]
    # a rate: "tonnes per hectare", "kilometres per hour", "kWh per square metre per day", "miles an hour"
    while True:
        nxt = _words(text, end, 3)
        if len(nxt) < 2 or nxt[0][0].lower() not in ("per", "a", "an"):
            break
        per = nxt[0][0].lower()
        if nxt[1][0].lower() in ("square", "sq", "sq.", "cubic") and len(nxt) == 3:
            base = _factor(nxt[2][0])
            factor = base + ("³" if nxt[1][0].lower() == "cubic" else "²") if base and "/" not in base else ""
            factor_end = nxt[2][1]
        else:
            factor, factor_end = _factor(nxt[1][0], per=True), nxt[1][1]
        if not factor or "/" in factor or (per != "per" and factor not in _TIME and not _is_area(factor)):
            break
        symbol, end = _ratio(symbol, factor), factor_end
    return UnitMatch(symbol, end, "measure")


def _is_area(symbol: str) -> bool:
    """An area that "a"/"an" makes a rate of, as it does a period ("196 bushels an acre", "3 tonnes a hectare")."""
    return symbol in ("acre", "ha") or symbol.endswith("²")


def _base_unit(words: list[tuple[str, int]], glued: bool) -> tuple[str, int] | None:
    """(symbol, end offset) of the unit the words start with, before any "per": "km", "km²" ("square
    kilometres", "km2", "km^2", "km squared"), "m/s²" ("m/s2"), "1/s" ("s-1"), "barrel/d" ("bpd")."""
    lows = [w.lower() for w, _ in words]
    first = words[0][0]
    if lows[0] in RATE_ABBREVIATIONS:
        return RATE_ABBREVIATIONS[lows[0]], words[0][1]
    if lows[0] in ("barrel", "barrels"):
        for of in _BARREL_OF:
            if tuple(lows[1:1 + len(of)]) == of:
                return "barrel", words[len(of)][1]
    # "square feet", "sq km", "cubic metres"
    if lows[0] in ("square", "sq", "sq.", "cubic", "cu", "cu.") and len(words) >= 2:
        base = pint_symbol(words[1][0])
        if base:
            power = "²" if lows[0].startswith("s") else "³"
            return base + power, words[1][1]
    # "4 km squared", "4 km cubed"
    if len(words) >= 2 and lows[1] in ("squared", "cubed"):
        base = pint_symbol(first)
        if base:
            return base + ("²" if lows[1] == "squared" else "³"), words[1][1]
    # "km/h", "MB/s", "m/s2", "J/m^2", "t/ha", and "km2", "km^2", "s-1"
    if "/" in first or _POWERED.match(first) or _PRODUCT.search(first):
        symbol = compound_symbol(first)
        return (symbol, words[0][1]) if symbol else None
    # three or two words that pint knows as one ("parts per million", "nautical miles"), then one word
    if len(words) >= 3 and lows[1] == "per":
        joined = pint_symbol("_".join(w for w, _ in words[:3]))
        if joined:
            return joined, words[2][1]
    if len(words) >= 2 and " " not in words[0][0]:
        joined = pint_symbol(words[0][0] + " " + words[1][0])
        if joined:
            return joined, words[1][1]
    if lows[0] in KITCHEN and len(lows) >= 2 and lows[1] == "of":
        return KITCHEN[lows[0]], words[0][1]
    if len(first) == 1 and not glued and first not in SPACED_SHORT:
        return None
    symbol = pint_symbol(first) or (pint_symbol(first[:-1]) if first.endswith("s") and len(first) > 3 else "") \
        or _symbol_product(first)
    return (symbol, words[0][1]) if symbol else None


def _symbol_product(word: str) -> str:
    """A product written as two unit symbols glued without a dot, where the word is no unit itself: "kWs"
    (kW·s), "mVs". The first symbol is pint's own, of two letters or more with a capital ("kW", "mV"); the
    second a second, metre or hour. One capital before an "s" is a letter's plural in prose ("three As",
    "the five Ws", "2 Vs" for versus), never "J·s"; a capitalised word is a word ("Pam", "Jim"), and
    capitals before an "s" are an acronym's plural ("PCs", "MWs"), not petacoulomb-seconds."""
    if not 3 <= len(word) <= 4 or word[-1] not in _PRODUCT_LAST or word.istitle():
        return ""
    first = word[:-1]
    symbol = pint_symbol(first)
    if symbol != first or not any(c.isupper() for c in first) or (len(first) > 1 and first.isupper()):
        return ""
    return _product(symbol, word[-1])


def compound_symbol(written: str) -> str:
    """The symbol of a unit written as one word of factors: "km/h", "m/s2" → "m/s²", "J/m^2" → "J/m²",
    "t/ha", "km2" → "km²", "s-1" → "1/s"; "" when a factor is no unit."""
    parts = written.split("/")
    if _PRODUCT.search(parts[0]):  # "kg·m/s", "J·s"
        factors = [_factor(f) for f in _PRODUCT.split(parts[0])]
        first = "·".join(factors) if all(factors) and not any("/" in f for f in factors) else ""
    else:
        first = _factor(parts[0], in_compound=len(parts) > 1 or not _plain(parts[0]))
    rest = [_factor(part, per=True) for part in parts[1:]]
    if not first or not all(rest) or any("/" in f for f in rest) or ("/" in first and rest):
        return ""
    symbol = first
    for f in rest:
        symbol = _ratio(symbol, f)
    return symbol


def _factor(word: str, *, per: bool = False, in_compound: bool = True) -> str:
    """The symbol of one factor of a unit: "km", "m²" ("m2", "m^2"), "1/s" ("s-1", "s⁻¹"); with ``per``
    (after "per" or "/") a period too ("day" → "d", "year" → "a"); "" when it is none."""
    plain = _plain(word, per=per, in_compound=in_compound)
    if plain:
        return plain
    m = _POWERED.match(word)
    base = _plain(m.group("base"), per=per, in_compound=True) if m else ""
    if not base:
        return ""
    written = m.group("power") or m.group("sup")
    power = int(written.translate(_SUPERSCRIPT))
    if power == 1 or (written[0] == "-" and "^" not in word and len(m.group("base")) == 1
                      and m.group("base").isupper()):
        return ""  # "m1", "A1", "B-2", "V-2" are names, not units ("W m^-2", "s-1" are)
    shown = base + {1: "", 2: "²", 3: "³"}[abs(power)]
    return "1/" + shown if power < 0 else shown


def _plain(word: str, *, per: bool = False, in_compound: bool = False) -> str:
    if per:
        low = word.lower()
        period = PER_PERIODS.get(low) or (PER_PERIODS.get(low[:-1], "") if low.endswith("s") else "")
        if period:
            return period
    symbol = pint_symbol(word, in_compound=in_compound)
    if not symbol and word.endswith("s") and len(word) > 3:
        symbol = pint_symbol(word[:-1], in_compound=in_compound)
    return symbol


def _product(a: str, b: str) -> str:
    """``a`` times ``b``: "m" and "1/s" is "m/s", "kg" and "m" is "kg·m"."""
    return _ratio(a, b[2:]) if b.startswith("1/") else f"{a}·{b}"


def _ratio(a: str, b: str) -> str:
    if (a, b) == ("mi", "h"):
        return "mph"
    return f"{a}/{b}"


def rate_symbol(symbol: str, period: str) -> str:
    """The unit ``symbol`` per the period written ``period`` ("km", "hour" → "km/h"; "mi", "hour" →
    "mph"), or "" when ``period`` is no period."""
    per = _factor(period, per=True)
    return _ratio(symbol, per) if per in _TIME else ""


# -- before the number ----------------------------------------------------------------------------

_PREFIX_RE = re.compile(
    r"(?:" + "|".join(re.escape(k) for k in sorted(CURRENCY_PREFIXES, key=len, reverse=True)) + r")\s?$", re.I)
# The last characters of the prefixes: one of them ends a prefix that :data:`_PREFIX_RE` finds (before an
# optional space and the end, or a final newline), a cheap test first.
_PREFIX_LAST = re.compile("[" + "".join(sorted({re.escape(k[-1]) for k in CURRENCY_PREFIXES})) + "]", re.I)


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO code, start offset) of a currency written right before ``pos`` ("US$", "$US", "£", "RM",
    "EUR "), or None. Letters must not run on from a word ("FORM23" has no ringgit)."""
    window = text[max(0, pos - 5):pos]
    if not _PREFIX_LAST.search(window, len(window) - 3):  # a prefix ends in the last three characters
        return None
    m = _PREFIX_RE.search(window)
    if not m:
        return None
    start = pos - (len(window) - m.start())
    sym = m.group(0).strip().lower()
    if sym[0].isalpha():
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "$"):
            return None
        written = text[start:start + len(sym)]
        if sym in WORDLIKE_PREFIXES:
            if not wordlike_prefix_written(written):
                return None
            if pos - start > len(sym) and sym not in _SPACED_WORDLIKE:
                return None
        elif len(sym) == 3 and not written.isupper():
            return None
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
    if low in KITCHEN:
        return KITCHEN[low]
    if symbol := period_symbol(low):  # "years" is "a", "hours" is "h"
        return symbol
    if s.startswith("1/"):  # an inverse unit, as extraction writes it ("1/s", "1/fb")
        base = _factor(s[2:])
        return "1/" + base if base and "/" not in base else None
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
        code, code.replace("²", "**2").replace("³", "**3").replace("·", "*"))
