"""A claim's fields as a reviewer sees and edits them: names, display, parsing and validation.

The correction form, the CLI and the importers all go through :func:`validate_fields`, so a value
typed in the app and one read from a file obey the same rules and give the same messages.

Besides the value and its qualifier, a claim has a ``unit`` (``USD``, ``GBX``, ``percent``, ``km``…;
empty for a plain count), a ``change`` (``up``, ``down`` or empty: the figure is stated as a change)
a ``from_value`` (the figure before the change in "fell from $2,415 to $2,315"; else ``None``), an
``of_value`` (the whole a share is of; else ``None``) and an ``of_unit`` (the whole's unit: ``USD`` in
"30% of the $3 billion budget"; empty for a count or no whole).

A share of a stated figure keeps the share as its value, as the hand-labelled seed gold reads it: a
fraction word is the fraction, a dimensionless ratio with no unit ("around half of the region's 140,000
residents": ``value`` 0.5, ``of_value`` 140,000; "two-thirds of the $3 billion budget": 0.667, ``of_value``
3e9, ``of_unit`` ``USD``), a percent stays a percent ("30% of the $3 billion budget": 30 ``percent``).
What a share comes to is derived, never stored: :func:`share_figure` is the one place that works it out
(70,000; 900,000,000), in :func:`share_unit` (the whole's). :func:`describe_value` says a claim in words:
"6.5%", "164 GBX", "from 2,415 to 2,315 USD", "about half of 140,000 (≈ 70,000)", "30% of 3,000,000,000
USD (≈ 900,000,000 USD)". The unit ``fraction`` that shares were once written in is retired:
:func:`retire_fraction` reads fields written with it as the same share with no unit.
"""

from __future__ import annotations

import datetime as dt
import re

from .numbers import parse_number, tidy
from .sanitize import clean_line

# The fields of a claim a reviewer may correct, in the form's order.
CLAIM_FIELDS = ("value", "approx", "unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate",
                "source", "date")
# fields a record written by an earlier claimdesk may lack (see validate_fields): 0.1 had none of them,
# of_value came after unit, change and from_value, and of_unit after of_value
ADDED_FIELDS = ("unit", "change", "from_value", "of_value", "of_unit")
FIELD_DEFAULTS = {"value": "", "approx": "exact", "unit": "", "change": "", "from_value": None, "of_value": None,
                  "of_unit": "", "counted": "", "predicate": "", "source": "",
                  "date": ""}  # what a field is when nothing says otherwise
FIELD_LABELS = {
    "value": "Value",
    "approx": "Qualifier",
    "unit": "Unit",
    "change": "Change",
    "from_value": "From",
    "of_value": "Of",
    "of_unit": "Of unit",
    "counted": "What is counted",
    "predicate": "Predicate",
    "source": "Source",
    "date": "Date",
}
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
QUALIFIER_LABELS = {"exact": "exact", "approx": "about", "at_least": "at least", "at_most": "at most",
                    "range": "range"}
CHANGES = ("", "up", "down")
CHANGE_LABELS = {"": "none", "up": "up", "down": "down"}
CHANGE_MARKS = {"up": "▲", "down": "▼"}
_CHANGE_ALIASES = {"none": "", "no": "", "-": "", "—": "", "+": "up", "↑": "up", "▲": "up", "rise": "up",
                   "rose": "up", "increase": "up", "↓": "down", "▼": "down", "fall": "down", "fell": "down",
                   "decrease": "down", "drop": "down"}
# Fractions said in words ("about half of 140,000"); others as their number ("0.45 of 140,000").
_FRACTION_WORDS = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 0.333: "a third", 0.667: "two thirds",
                   0.2: "a fifth", 0.4: "two fifths", 0.6: "three fifths", 0.8: "four fifths", 0.1: "a tenth",
                   0.125: "an eighth"}
_GLUED_UNITS = {"percent": "%"}
PERCENT = "percent"
FRACTION = "fraction"  # the retired unit of a share as a fraction (0.5 of 140,000): see retire_fraction
# The units of a share of a stated figure (a fraction has none), and what a value in them is divided by
# to be a fraction of its whole.
SHARE_UNITS = {"": 1, PERCENT: 100}
SHARE_MARKS = {"at_least": "≥", "at_most": "≤"}  # the figure a share comes to: "≈ 70,000" unless bounded
SHARE_DIGITS = 6  # significant digits of the figure a share comes to (0.3333333333 × 9,000 is 3,000)
_PLURAL_UNITS = ("percentage point", "basis point", "degree")
# Periods whose pint symbol reads badly after a number ("12 a", "3 week"): said in words.
_PERIOD_WORDS = {"a": ("year", "years"), "week": ("week", "weeks"), "fortnight": ("fortnight", "fortnights"),
                 "month": ("month", "months"), "decade": ("decade", "decades"), "century": ("century", "centuries")}

_RANGE = re.compile(r"^\s*(?P<a>[^–—]+?)\s*(?:-|–|—|to|and)\s*(?P<b>[^–—-]+?)\s*$", re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 200  # characters in a free-text field


class FieldError(ValueError):
    """A field a reviewer typed that cannot be stored; the message says how to write it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def claim_fields(claim) -> dict:
    """The reviewable fields of an extracted :class:`~claimdesk.annotations.extraction.claims.Claim`."""
    return {name: getattr(claim, name, FIELD_DEFAULTS[name]) for name in CLAIM_FIELDS}


def complete_fields(fields: dict, fallback: dict | None = None) -> dict:
    """``fields`` with every claim field: a missing one from ``fallback`` (the extractor's), else its default."""
    fallback = fallback or {}
    out = dict(fields)
    for name in CLAIM_FIELDS:
        if name not in out:
            out[name] = fallback.get(name, FIELD_DEFAULTS[name])
    return out


def format_number(number: int | float) -> str:
    """1119 → "1,119"; 3.5 → "3.5"; 0.333… → "0.333"."""
    number = tidy(number)
    if isinstance(number, int):
        return f"{number:,}"
    return f"{number:,.3f}".rstrip("0").rstrip(".")


def format_value(value) -> str:
    """A claim value for display and for the form: "1,119", "10-20" (a range), "" (none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return f"{format_number(value[0])}-{format_number(value[1])}"
    if isinstance(value, (int, float)):
        return format_number(value)
    return clean_line(str(value))


def with_unit(text: str, unit: str, value=None) -> str:
    """A formatted number with its unit: "6.5%", "164 GBX", "0.25 percentage points", "12 years"."""
    if not unit or not text:
        return text
    if unit in _GLUED_UNITS:
        return text + _GLUED_UNITS[unit]
    if unit in _PERIOD_WORDS:
        return f"{text} {_PERIOD_WORDS[unit][value != 1]}"
    if unit in _PLURAL_UNITS and value != 1:
        return f"{text} {unit}s"
    clock = race_clock(unit, value)
    if clock:
        return f"{text} s ({clock})"  # a race time as it was written: "7,531 s (2:05:31)"
    return f"{text} {unit}"


def race_clock(unit: str, value) -> str:
    """A time in seconds of a minute or more as a race clock reads it ("2:05:31"), else ""."""
    if unit != "s" or not isinstance(value, (int, float)) or isinstance(value, bool) or value < 60:
        return ""
    return clock_reading(value)


def clock_reading(seconds: float) -> str:
    """Seconds as a race clock reads them: 7531 → "2:05:31", 91.442 → "1:31.442", 121.4 → "2:01.4"."""
    seconds = round(seconds, 3)
    whole = int(seconds)
    fraction = f"{seconds - whole:.3f}".rstrip("0").rstrip(".")[1:]
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return (f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}") + fraction


def is_share(fields: dict) -> bool:
    """Is the claim a share of a stated figure: a fraction (no unit) or a percent with an ``of_value``?"""
    return _is_number(fields.get("of_value")) and str(fields.get("unit") or "") in SHARE_UNITS


def share_figure(fields: dict):
    """The figure a share of a stated whole comes to, in :func:`share_unit`: ``value × of_value`` (a percent
    over 100): 70,000 for half of 140,000, 900,000,000 for 30% of 3e9 (USD), [800, 1,000] for 40-50% of
    2,000; None for a claim that is no share of a stated figure."""
    if not is_share(fields):
        return None
    whole, value, per = fields["of_value"], fields.get("value"), SHARE_UNITS[str(fields.get("unit") or "")]
    if _is_number(value):
        return _part(value, per, whole)
    if _is_range(value):
        return [_part(value[0], per, whole), _part(value[1], per, whole)]
    return None


def share_unit(fields: dict) -> str:
    """The unit of the figure a share comes to: its whole's (``of_unit``; "" for a count)."""
    return str(fields.get("of_unit") or "")


def _part(share, per, whole):
    return tidy(float(f"{share / per * whole:.{SHARE_DIGITS}g}"))


def _is_range(value) -> bool:
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_number(v) for v in value)


def share_text(fields: dict) -> str:
    """A share as written before "of", unqualified: "half", "two thirds", "0.45" (a fraction with no word),
    "30%" ("" for no share of a stated figure)."""
    if not is_share(fields):
        return ""
    value, unit = fields.get("value"), str(fields.get("unit") or "")
    said = _FRACTION_WORDS.get(round(value, 3)) if _is_number(value) and not unit else None
    return said or with_unit(format_value(value), unit, value)


def describe_whole(fields: dict) -> str:
    """The whole a share is of, with its unit: "140,000", "3,000,000,000 USD" ("" for none)."""
    whole = fields.get("of_value")
    return with_unit(format_number(whole), share_unit(fields), whole) if _is_number(whole) else ""


def describe_share(fields: dict) -> str:
    """The figure a share comes to, marked as derived: "≈ 70,000", "≤ 1,920,000", "≈ 900,000,000 USD"
    ("" for no share)."""
    part = share_figure(fields)
    if part is None:
        return ""
    return f"{SHARE_MARKS.get(fields.get('approx', ''), '≈')} {with_unit(format_value(part), share_unit(fields), part)}"


def describe_value(fields: dict, counted: str = "") -> str:
    """The value with its qualifier and unit in words, where a change started and what a share is of:
    "about 400", "at least 91", "24-99", "6.5%", "164 GBX", "from 2,415 to 2,315 USD", "from 5% to 6.5%",
    "about half of 140,000 (≈ 70,000)", "30% of 3,000,000,000 USD (≈ 900,000,000 USD)"; a share's whole
    is followed by what is ``counted`` where it is given ("about half of 140,000 residents (≈ 70,000)")."""
    value = fields.get("value")
    text = format_value(value)
    if not text:
        return ""
    approx = fields.get("approx", "exact")
    unit = str(fields.get("unit") or "")
    part = describe_share(fields)
    if part:
        whole = " ".join(w for w in (describe_whole(fields), counted) if w)
        return f"{_qualified(share_text(fields), approx)} of {whole} ({part})"
    start = fields.get("from_value")
    if _is_number(start) and not isinstance(value, list):
        glued = unit in _GLUED_UNITS
        before = with_unit(format_number(start), unit, start) if glued else format_number(start)
        after = with_unit(_qualified(text, approx), unit, value)
        return f"from {before} to {after}"
    return _qualified(with_unit(text, unit, value), approx)


def retire_fraction(fields: dict) -> dict:
    """Fields written in the retired unit ``fraction`` (a share as 0.5 of ``of_value`` 140,000) as they are
    written now: the same value with no unit (a fraction is a dimensionless ratio). Other fields are
    returned as they are (the same dict); a retired one as a new dict."""
    if not isinstance(fields, dict) or str(fields.get("unit") or "").lower() != FRACTION:
        return fields
    return {**fields, "unit": ""}


def describe_change(fields: dict) -> str:
    """The value marked with its change where it is one: "▼ 6.5%", "▲ from 240 to 273" (a change may be
    the amount, "fell 6.5%", or the level it reached, "fell to 164p": the arrow says only its direction)."""
    text = describe_value(fields)
    mark = CHANGE_MARKS.get(fields.get("change") or "", "")
    return f"{mark} {text}" if mark and text else text


def _qualified(text: str, approx: str) -> str:
    if approx in ("exact", "range") or not text:
        return text
    return f"{QUALIFIER_LABELS.get(approx, approx)} {text}"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_value(text: str):
    """A typed value → a number or ``[low, high]``. Raises :class:`FieldError` with a clear message."""
    s = clean_line(text).replace("\u2212", "-")
    if not s:
        raise FieldError("value", "value is required: a number or a range like 10-20")
    number = _number(s)
    if number is not None:
        return number
    m = _RANGE.match(s)
    if m:
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is not None and high is not None:
            if low > high:
                raise FieldError("value", f"a range goes from low to high: {format_number(high)}-{format_number(low)}")
            return [low, high]
    raise FieldError("value", "value must be a number or a range like 10-20")


def _number(s: str):
    s = s.strip()
    if re.fullmatch(r"-?\d+(?:\.\d+)?", s.replace(",", "")) and not s.startswith(","):
        return tidy(float(s.replace(",", "")))
    value = parse_number(s)
    return tidy(value) if isinstance(value, (int, float)) else None


def parse_date(text: str) -> str:
    """A typed date → ISO ``YYYY-MM-DD`` (or ``""``). Raises :class:`FieldError`."""
    s = clean_line(text)
    if not s:
        return ""
    if _ISO_DATE.match(s):
        try:
            dt.date.fromisoformat(s)
        except ValueError:
            raise FieldError("date", f"{s} is not a day of the calendar") from None
        return s
    raise FieldError("date", "date must be written like 2020-10-29 (or left empty)")


def parse_qualifier(text: str) -> str:
    s = clean_line(text).lower().replace(" ", "_")
    aliases = {"about": "approx", "approximately": "approx", "": "exact", "at least": "at_least",
               "at most": "at_most", "~": "approx"}
    s = aliases.get(s.replace("_", " "), s)
    if s not in QUALIFIERS:
        raise FieldError("approx", "qualifier must be one of: " + ", ".join(QUALIFIERS))
    return s


def parse_unit(text: str, field: str = "unit") -> str:
    """A typed unit → its code ("kilometres" → "km", "usd" → "USD", "" for a plain count). Raises
    :class:`FieldError` (for ``field``: the unit, or the whole's) naming the unit claimdesk does not know,
    with a suggestion where it has one."""
    from .unit_input import suggest_unit, unit_code  # lazy: the unit tables (and pint) load when a unit is read

    s = clean_line(text)
    if s.lower() == FRACTION:
        raise FieldError(field, "a share is written as the fraction with no unit (half of 140,000: 0.5) and its "
                                "whole in Of, or as a percent; the unit fraction is retired")
    code = unit_code(s)
    if code is not None:
        return code
    hint = suggest_unit(s)
    if hint:
        raise FieldError(field, f"unknown unit {s!r}: did you mean {hint}?")
    raise FieldError(field, f"unknown unit {s!r}: write a currency code (USD), percent, percentage point or a "
                            "unit symbol (km, kg, °C); leave it empty for a plain count")


def parse_change(text: str) -> str:
    """A typed change → "up", "down" or "" (none). Raises :class:`FieldError`."""
    s = clean_line(text).lower()
    s = _CHANGE_ALIASES.get(s, s)
    if s not in CHANGES:
        raise FieldError("change", "change must be up, down or empty (the figure is not stated as a change)")
    return s


def parse_from_value(value):
    """The figure before a change: a number, or ``None`` (empty). Raises :class:`FieldError`."""
    return _one_number("from_value", "the figure before the change", value)


def parse_of_value(value):
    """The whole a share is of: a number, or ``None`` (empty). Raises :class:`FieldError`."""
    return _one_number("of_value", "the whole a share is of", value)


def _one_number(name: str, meaning: str, value):
    """One number or ``None`` (empty) for the field ``name``, whose label and ``meaning`` its messages say."""
    label = FIELD_LABELS[name].lower()
    if value is None or _is_number(value):
        return tidy(value) if value is not None else None
    if isinstance(value, (list, tuple)):
        raise FieldError(name, f"{label} is one number ({meaning}), not a range")
    s = clean_line(str(value)).replace("\u2212", "-")
    if not s:
        return None
    number = _number(s)
    if number is None:
        ranged = _RANGE.match(s)
        if ranged and _number(ranged.group("a")) is not None:
            raise FieldError(name, f"{label} is one number ({meaning}), not a range")
        raise FieldError(name, f"{label} must be a number ({meaning}), or empty")
    return number


def _text(name: str, text: str) -> str:
    s = clean_line(text)
    if len(s) > MAX_TEXT:
        raise FieldError(name, f"{FIELD_LABELS[name].lower()} is too long ({len(s)} characters, at most {MAX_TEXT})")
    return s


def validate_fields(raw: dict, *, keep_absent: bool = False) -> tuple[dict, dict[str, str]]:
    """Typed fields (strings, or values read from a file) → (clean fields, {field: message}).

    Every field is checked, so the form can show all problems at once. A range value makes the
    qualifier "range"; the qualifier "range" needs a range value. A ``from_value`` needs a single
    value, different from it; it makes an empty ``change`` "up" or "down". An ``of_value`` needs a
    share (a fraction, with no unit, of at most 1; or a percent); an ``of_unit`` needs an ``of_value``.

    ``keep_absent``: a field of :data:`ADDED_FIELDS` missing from ``raw`` stays missing (a record written
    before claims had it: the reviewer never decided it, so the claim shows the extractor's).
    """
    fields: dict = {}
    errors: dict[str, str] = {}
    for name in CLAIM_FIELDS:
        if keep_absent and name in ADDED_FIELDS and name not in raw:
            continue
        value = raw.get(name, None if FIELD_DEFAULTS[name] is None else "")
        try:
            if name == "value":
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    fields[name] = tidy(value)
                elif isinstance(value, (list, tuple)) and len(value) == 2 and all(
                        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
                    fields[name] = [tidy(value[0]), tidy(value[1])]
                else:
                    fields[name] = parse_value(str(value))
            elif name == "approx":
                fields[name] = parse_qualifier(str(value or ""))
            elif name == "date":
                fields[name] = parse_date(str(value or ""))
            elif name in ("unit", "of_unit"):
                fields[name] = parse_unit(str(value or ""), name)
            elif name == "change":
                fields[name] = parse_change(str(value or ""))
            elif name == "from_value":
                fields[name] = parse_from_value(value)
            elif name == "of_value":
                fields[name] = parse_of_value(value)
            else:
                fields[name] = _text(name, str(value or ""))
        except FieldError as error:
            errors[error.field] = str(error)
    if "value" in fields and "approx" in fields:
        is_range = isinstance(fields["value"], list)
        if is_range and fields["approx"] != "range":
            fields["approx"] = "range"
        elif not is_range and fields["approx"] == "range":
            errors["approx"] = "the qualifier 'range' needs a value like 10-20"
    _check_change(fields, errors)
    _check_share(fields, errors)
    return fields, errors


def _check_share(fields: dict, errors: dict[str, str]) -> None:
    """A whole is a share's (a fraction of at most 1, or a percent); a whole's unit needs a whole."""
    whole, unit, of_unit = fields.get("of_value"), fields.get("unit"), fields.get("of_unit")
    if whole is None:
        if of_unit and "of_value" not in errors:
            errors["of_unit"] = "of unit is the unit of the whole a share is of: give the whole (of), or leave it empty"
        return
    if unit is None or "unit" in errors:
        return
    if unit not in SHARE_UNITS:
        errors["of_value"] = ("of is the whole a share is of: only a fraction (no unit) or a percent has one "
                              "(or leave it empty)")
        return
    value = fields.get("value")
    high = value[1] if isinstance(value, list) else value
    if not unit and _is_number(high) and "value" not in errors and high > 1:
        errors["value"] = ("a share of a whole is a fraction (half: 0.5) of at most 1, or a percent "
                           "(give the unit percent, or leave of empty)")


def _check_change(fields: dict, errors: dict[str, str]) -> None:
    """A change "from X to Y": Y one number other than X; an empty change follows from the two."""
    start, value = fields.get("from_value"), fields.get("value")
    if start is None or "from_value" in errors or "value" not in fields:
        return
    if isinstance(value, list):
        errors["from_value"] = "a change from one figure goes to one figure: give the value as one number"
    elif start == value:
        errors["from_value"] = "from is the figure before the change: it cannot equal the value"
    elif fields.get("change") == "" and "change" not in errors:
        fields["change"] = "up" if value > start else "down"
