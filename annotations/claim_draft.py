"""The claim parser run on a span a reviewer selected, to prefill the form of a claim the extractor missed.

Where the claim finder reads a claim over the selection, the draft is that claim's fields, so the form
and extraction never disagree (the sentence-wide passes — the level a change reached, a change after a
comma, what a bare count counts from elsewhere — run once, in :func:`~.extraction.claims.read_claims`).
A number the finder ruled out is read in its sentence with the finder's own parts (:mod:`.extraction`):
the number (with its qualifier, range, unit, change and the figure a share is of), what it counts or
measures, the predicate, who says so and the date; the filters are not applied: when a reviewer selects
"nearly two weeks" or "3 days", it is a claim for them even if the finder ruled periods out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .article import Article
from .extraction.changes import change_of
from .extraction.claims import mentions, read_claims, share_of
from .extraction.dates import claim_date
from .extraction.durations import as_duration
from .extraction.roles import (
    ClaimLexicon,
    Context,
    anchor_of,
    bound_of,
    counted_of,
    measured_of,
    predicate_of,
    source_of,
)


def draft_fields(doc, article: Article, start: int, end: int, lexicon: ClaimLexicon | None = None) -> dict | None:
    """The claim fields the parser reads for the selection ``start:end`` of ``article`` (``doc``: its parse),
    or None when the selection holds no number (or the parse has no dependencies to read roles from)."""
    if not doc.has_annotation("DEP"):
        return None
    text = article.text
    found = mentions(doc, text)
    best = _most_overlap(found, start, end, lambda m: (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])))
    if best is None:
        return None
    span = doc[best.start:best.end]
    read = _most_overlap(read_claims(doc, article.id, article.date, text=text, lexicon=lexicon).claims,
                         span.start_char, span.end_char, lambda c: (c.start, c.end))
    if read is not None and not (read.from_value is not None and read.from_value == best.value):
        # (the from-figure of "rose from 12 to 15" selected alone is drafted as itself, below)
        return {"value": list(read.value) if isinstance(read.value, tuple) else read.value,
                **{f: getattr(read, f) for f in _DRAFTED if f != "value"}}
    best = as_duration(doc, best)  # a period the finder ruled out ("for nearly two weeks") is still a duration
    ctx = Context.of(doc, text, lexicon)
    anchor = anchor_of(doc, best)
    counted, noun = counted_of(ctx, best, anchor) if best.kind == "count" else ("", None)
    head = noun if noun is not None and anchor.head == noun else anchor
    predicate = predicate_of(ctx, head, doc[best.num_start:best.num_end])
    value = best.value
    approx = (bound_of(doc, anchor) or best.approx) if best.approx == "exact" else best.approx
    change = best.change or change_of(doc, best, anchor)
    if not counted and (best.kind != "count" or change):  # a measure: what is measured, as extraction reads it
        counted = measured_of(ctx, best, anchor)
    whole = next((m for m in found if m.start >= best.end), None)
    share = whole is not None and share_of(span.text, best, text[span.end_char:doc[whole.start].idx], whole)
    return {
        "value": list(value) if isinstance(value, tuple) else value,
        "approx": approx,
        "unit": best.unit,
        "change": change,
        "from_value": best.from_value,
        "of_value": whole.value if share else None,
        "of_unit": whole.unit if share else "",
        "counted": counted,
        "predicate": predicate.text if predicate is not None else "",
        "source": source_of(ctx, anchor.sent, head, anchor),
        "date": claim_date(ctx, anchor.sent, article.date) if ctx.ents else article.date,
    }


# The fields a draft prefills, in the form's order.
_DRAFTED = ("value", "approx", "unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate", "source",
            "date")


def _most_overlap(items: list, start: int, end: int, chars: Callable[[Any], tuple[int, int]]):
    """Of ``items`` (mentions or claims; ``chars`` gives each one's character span), the one overlapping
    ``start:end`` most, or None when none overlaps."""
    best, overlap = None, 0
    for item in items:
        lo, hi = chars(item)
        shared = min(end, hi) - max(start, lo)
        if shared > overlap:
            best, overlap = item, shared
    return best
