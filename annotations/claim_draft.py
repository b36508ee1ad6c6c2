"""The claim parser run on a span a reviewer selected, to prefill the form of a claim the extractor missed.

The selection is read in its sentence with the claim finder's own parts (:mod:`.extraction`): the
number in it (with its qualifier, range, unit, change and the figure a share is of), what it counts or
measures, the predicate, who says so and the date. The finder's filters are not applied: when a reviewer
selects "nearly two weeks" or "3 days", it is a claim for them even if the finder ruled periods out.
"""

from __future__ import annotations

from .article import Article
from .extraction.changes import change_of
from .extraction.claims import mentions, share_of
from .extraction.dates import claim_date
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
    best, overlap = None, 0
    found = mentions(doc, text)
    for m in found:
        span = doc[m.start:m.end]
        shared = min(end, span.end_char) - max(start, span.start_char)
        if shared > overlap:
            best, overlap = m, shared
    if best is None:
        return None
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
    span = doc[best.start:best.end]
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
