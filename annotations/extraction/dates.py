"""The date of a claim: the article's, unless the sentence pins the figure to another day ("as of
Thursday", "on Oct. 5"), resolved against the article's date with ``dateparser``."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .words import WEEKDAYS

_PREFIXES = ("on ", "as of ", "by ", "until ", "since ", "last ", "this ")


@lru_cache(maxsize=1024)
def resolve_date(text: str, article_date: str) -> str:
    """An ISO date for a stated day ("Thursday", "Oct. 5", "yesterday") relative to the article's date."""
    if not article_date:
        return ""
    try:
        base = dt.date.fromisoformat(article_date)
    except ValueError:
        return ""
    phrase = text.lower().strip().rstrip(".")
    for prefix in _PREFIXES:
        if phrase.startswith(prefix):
            phrase = phrase[len(prefix):]
    if not any(c.isdigit() for c in phrase) and phrase not in WEEKDAYS and phrase not in ("yesterday", "today"):
        return ""  # "October" alone names no day
    import dateparser  # lazy: ~0.3 s to import, and most claims carry the article's own date

    found = dateparser.parse(phrase, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": False})
    if found is None:
        return ""
    when = found.date()
    if when > base + dt.timedelta(days=7):  # "Oct. 5" written in September is last year's
        when = when.replace(year=when.year - 1)
    return when.isoformat()


def claim_date(ctx, sent, article_date: str) -> str:
    """The article's date, unless the sentence pins the figure to another day ("as of Thursday")."""
    doc = ctx.doc
    for ent in ctx.ents:
        if ent.label_ != "DATE" or ent.start < sent.start or ent.end > sent.end:
            continue
        before = doc[ent.start - 2:ent.start].text.lower() if ent.start >= 2 else ""
        if before.endswith("as of") or (ent.start > 0 and doc[ent.start - 1].lower_ == "on"):
            resolved = resolve_date(ent.text, article_date)
            if resolved:
                return resolved
    return article_date
