"""The date of a claim: the article's, unless the sentence pins the figure to another day ("as of
Thursday", "on Oct. 5"), resolved against the article's date with ``dateutil``'s parser."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil import parser as date_parser

from .words import MONTH_NUMBERS, PERIOD_NOUNS, WEEKDAYS

_PREFIXES = ("on ", "as of ", "by ", "until ", "since ", "last ", "this ")
# Words that place a period relative to now: a figure before "last year" is not a period of years.
DEICTIC = {"last", "next", "previous", "prior", "past", "coming", "same"}
_PERIOD_SINGULAR = {"year", "month", "quarter", "week", "day"}


def when_it_holds(doc, i: int) -> bool:
    """Do the words from token ``i`` say when a figure holds rather than count a period: a period compared with
    the one before ("year on year", "month-on-month", "quarter over quarter"), or one placed from now ("last
    year", "this month", "the previous quarter")?"""
    words = [t.lower_ for t in doc[i:i + 5] if t.text != "-"]
    if words[:1] and words[0] in _PERIOD_SINGULAR and words[1:2] in (["on"], ["over"]) and words[2:3] == words[:1]:
        return True
    if words[:1] == ["the"]:
        words = words[1:]
    return len(words) >= 2 and (words[0] in DEICTIC or words[0] in ("this", "that")) and words[1] in PERIOD_NOUNS


@lru_cache(maxsize=1024)
def resolve_date(text: str, article_date: str) -> str:
    """An ISO date for a stated day ("Thursday", "Oct. 5", "yesterday") relative to the article's date:
    the most recent such day on or before it (a week's leeway for dates written ahead)."""
    if not article_date:
        return ""
    try:
        base = dt.date.fromisoformat(article_date)
    except ValueError:
        return ""
    phrase = " ".join(text.lower().replace(".", " ").replace(",", " ").split())
    for prefix in _PREFIXES:
        if phrase.startswith(prefix):
            phrase = phrase[len(prefix):]
    if phrase == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat()
    if phrase == "today":
        return base.isoformat()
    if phrase in WEEKDAYS:
        return (base - dt.timedelta(days=(base.weekday() - WEEKDAYS[phrase]) % 7)).isoformat()
    words = phrase.split()
    if not any(w.isdigit() for w in words) or not any(w in MONTH_NUMBERS for w in words):
        return ""  # "October" alone names no day; "5" alone no month
    try:
        when = date_parser.parse(phrase, default=dt.datetime(base.year, base.month, 1)).date()
    except (ValueError, OverflowError):
        return ""
    if not any(len(w) == 4 and w.isdigit() for w in words) and when > base + dt.timedelta(days=7):
        when = when.replace(year=when.year - 1)  # "Dec. 30" in a January article is last year's
    return when.isoformat()


def claim_date(ctx, sent, article_date: str) -> str:
    """The article's date, unless the sentence pins the figure to another day ("as of Thursday")."""
    for ent in ctx.pinned_dates():
        if ent.start < sent.start or ent.end > sent.end:
            continue
        resolved = resolve_date(ent.text, article_date)
        if resolved:
            return resolved
    return article_date


def pinned_dates(doc, ents) -> list:
    """The DATE entities a figure can be pinned to: after "as of" or "on" ("as of Thursday", "on Oct. 5")."""
    out = []
    for ent in ents:
        if ent.label_ != "DATE" or ent.start == 0:
            continue
        prev = doc[ent.start - 1].lower_
        if prev == "on" or (prev.endswith("of") and ent.start >= 2
                            and doc[ent.start - 2:ent.start].text.lower().endswith("as of")):
            out.append(ent)
    return out
