"""Article metadata found in the text itself: credit lines (source, byline), date lines, URL trailers."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
_PREFIX = r"(?:(?:published|updated|posted|last updated|first published)(?:\s+on)?\s*:?\s*)?"
_DATE_LINE = re.compile(
    r"^" + _PREFIX + _WEEKDAY + r"(?:"
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y1>\d{4})"
    r"|" + _MONTH.replace("month", "month2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:[T ][\d:.+-Z]*)?"
    r")" + _TIME + r"\.?$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> str:
    """The ISO date when ``line`` is nothing but a date (with weekday, time, zone), else ""."""
    m = _DATE_LINE.match(line.strip())
    if not m:
        return ""
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), _MONTHS[g["month"].lower()], int(g["d1"])).isoformat()
        if g["y2"]:
            return date(int(g["y2"]), _MONTHS[g["month2"].lower()], int(g["d2"])).isoformat()
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"])).isoformat()
    except ValueError:  # "31 February 2020"
        return ""


def iso_date(value: str) -> str:
    """An ISO date from a metadata field ("2020-10-09T20:11:21", "October 9, 2020"), else ""."""
    value = (value or "").strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return ""
    return parse_date_line(value)


# Agencies and outlets as reviewers name them.
_CANONICAL = {
    "associated press": "AP",
    "the associated press": "AP",
    "ap": "AP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "afp": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "the new york times": "NY Times",
    "new york times": "NY Times",
    "nytimes": "NY Times",
}


def canonical_source(name: str) -> str:
    name = " ".join(name.strip(" .,:;").split())
    return _CANONICAL.get(name.lower(), name)


_NAME = r"[A-ZÀ-Ý][\w.'’\-]*(?:\s+[A-ZÀ-Ý][\w.'’\-]*){0,3}"
_AGENCY = r"(?:The )?(?:Associated Press|AP|AFP|Agence France-Presse|Reuters)"

# (pattern, drop the line from the text?, the characters a line it matches starts with ("": any), a
# string that line holds) — named groups: source, byline. Most lines start with none of the characters,
# so few patterns are tried on a line.
_CREDITS: list[tuple[re.Pattern, bool, str, str]] = [
    (re.compile(r"^By\s+(?P<byline>" + _NAME + r"(?:(?:,| and| &)\s+" + _NAME + r")*)\s*(?:,|for|/|\|)\s*(?P<source>(?:the )?[A-Z][\w.&'’\- ]{1,40})$"), True, "B", ""),
    (re.compile(r"^By\s+(?P<byline>" + _NAME + r"(?:(?:,| and| &)\s+" + _NAME + r")*)$"), True, "B", ""),
    (re.compile(r"^Source\s*:?\s+(?P<source>[A-Z][\w.&'’\- ]{1,40})$"), True, "S", ""),
    (re.compile(r"^Via\s+(?P<source>[A-Z][\w.&'’\- ]{0,40}?)(?:\s+[Nn]ews\s*[Ww]ire|\s+[Ww]ire)?\.?$"), True, "V", ""),
    (re.compile(r"^\(?(?:With inputs from|Additional reporting by|Reporting by)\s+(?:the\s+)?(?P<source>[A-Z][\w.&'’\- ]{1,40}?)\.?\)?$", re.I), True,
     "(wWaArR", ""),  # no other letter matches w, a or r ignoring case
    (re.compile(r"^(?P<source>" + _AGENCY + r")\s+writers?\s+.+\s+contributed(?:\s+to\s+this\s+(?:report|story))?\.?$"), False, "TAR", ""),
    (re.compile(r"\((?:Copyright|©)\s*\d{4}\s+(?P<source>" + _AGENCY + r")\b.*\)\s*$", re.I), False, "", "("),
    (re.compile(r"^\((?P<source>" + _AGENCY + r")\)\s*[—–-]"), False, "(", ""),
]


# The credit patterns to try on a line, in order, by its first character (any other: _CREDITS_ANYWHERE).
_CREDITS_ANYWHERE = [(rx, drop, holds) for rx, drop, starts, holds in _CREDITS if not starts]
_CREDITS_BY_FIRST = {char: [(rx, drop, holds) for rx, drop, starts, holds in _CREDITS if not starts or char in starts]
                     for char in "".join(starts for _, _, starts, _ in _CREDITS)}


def find_credit(line: str) -> tuple[dict[str, str], bool] | None:
    """``({"source": …, "byline": …}, drop)`` when ``line`` is a credit line, else None."""
    text = line.strip()
    if len(text) > 300:
        return None
    for rx, drop, holds in _CREDITS_BY_FIRST.get(text[:1], _CREDITS_ANYWHERE):
        if holds not in text:
            continue
        m = rx.search(text)
        if m:
            found = {k: v.strip() for k, v in m.groupdict().items() if v}
            if "source" in found:
                found["source"] = canonical_source(found["source"])
            return found, drop
    return None


_URL_LABEL = re.compile(r"^(?:original|source|canonical)\s+(?:url|link)\s*:?\s*(?P<url>https?://\S+)?$", re.I)
_URL_LABEL_STARTS = "oOsScC\u017f"  # the letters that match o, s or c ignoring case (ſ is one)
_BARE_URL = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")


def url_label(line: str) -> tuple[bool, str]:
    """``(True, url)`` when the line labels the article's URL ("Original url: …"), else (False, "")."""
    text = line.strip()
    if not text or text[0] not in _URL_LABEL_STARTS:
        return False, ""
    m = _URL_LABEL.match(text)
    return (True, m["url"] or "") if m else (False, "")


def bare_url(line: str) -> str:
    m = _BARE_URL.match(line.strip())
    return m["url"] if m else ""
