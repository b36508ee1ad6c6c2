"""A claim's fields as a reviewer sees and edits them: names, display, parsing and validation.

The correction form, the CLI and the importers all go through :func:`validate_fields`, so a value
typed in the app and one read from a file obey the same rules and give the same messages.
"""

from __future__ import annotations

import datetime as dt
import re

from .numbers import parse_number, tidy
from .sanitize import clean_line

# The fields of a claim a reviewer may correct, in the form's order.
CLAIM_FIELDS = ("value", "approx", "counted", "predicate", "source", "date")
FIELD_LABELS = {
    "value": "Value",
    "approx": "Qualifier",
    "counted": "What is counted",
    "predicate": "Predicate",
    "source": "Source",
    "date": "Date",
}
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
QUALIFIER_LABELS = {"exact": "exact", "approx": "about", "at_least": "at least", "at_most": "at most",
                    "range": "range"}

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
    return {name: getattr(claim, name) for name in CLAIM_FIELDS}


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


def describe_value(fields: dict) -> str:
    """The value with its qualifier in words: "about 400", "at least 91", "24-99"."""
    text = format_value(fields.get("value"))
    approx = fields.get("approx", "exact")
    if approx in ("exact", "range") or not text:
        return text
    return f"{QUALIFIER_LABELS.get(approx, approx)} {text}"


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


def _text(name: str, text: str) -> str:
    s = clean_line(text)
    if len(s) > MAX_TEXT:
        raise FieldError(name, f"{FIELD_LABELS[name].lower()} is too long ({len(s)} characters, at most {MAX_TEXT})")
    return s


def validate_fields(raw: dict) -> tuple[dict, dict[str, str]]:
    """Typed fields (strings, or values read from a file) → (clean fields, {field: message}).

    Every field is checked, so the form can show all problems at once. A range value makes the
    qualifier "range"; the qualifier "range" needs a range value.
    """
    fields: dict = {}
    errors: dict[str, str] = {}
    for name in CLAIM_FIELDS:
        value = raw.get(name, "")
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
    return fields, errors
