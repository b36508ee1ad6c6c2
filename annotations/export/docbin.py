"""``spacy``: a ``DocBin`` (``.spacy``) that ``spacy train`` reads: one Doc per exported article.

``doc.ents`` holds the article's current entities (the model's and rules', with the reviewer's
relabels, removals and additions applied); ``doc.spans["claims"]`` the accepted, corrected and added
claims (label ``CLAIM``; each span's ``id_`` is the claim id), ``doc.spans["claims_rejected"]`` and
``doc.spans["claims_pending"]`` the others exported. Spans are snapped to whole tokens.
``doc.user_data["claimdesk"]`` keeps the article metadata and every claim's fields.
"""

from __future__ import annotations

from typing import BinaryIO

from .records import CLAIM_LABEL, ExportData, ProgressCallback, article_meta
from .tokens import make_doc, snap, tokenizer

# Tokens and entities only: a blank tokenizer sets no tags or parse, which spacy train reads as missing.
ATTRS = ("ORTH", "SPACY", "NORM", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID")
SPAN_KEYS = {"accepted": "claims", "corrected": "claims", "added": "claims", "rejected": "claims_rejected",
             "pending": "claims_pending"}


def article_doc(article, claims: list[dict], entities: list[dict], doc=None) -> tuple[object, int, int]:
    """The Doc of one article (``doc``: its text already tokenised); also how many overlapping entities
    were dropped and how many annotations could not be placed."""
    from spacy.tokens import Span

    doc = doc if doc is not None else make_doc(article.text)
    ents, overlapping, unplaced = [], 0, 0
    taken = bytearray(len(doc))
    for record in sorted(entities, key=lambda r: (r["start"], -r["end"])):
        span = snap(doc, record["start"], record["end"])
        if span is None:
            unplaced += 1
            continue
        if any(taken[span.start:span.end]):
            overlapping += 1
            continue
        taken[span.start:span.end] = b"\x01" * len(span)
        ents.append(Span(doc, span.start, span.end, label=record["label"]))
    doc.ents = ents
    groups: dict[str, list] = {key: [] for key in SPAN_KEYS.values()}
    for record in claims:
        span = None if record["orphan"] else snap(doc, record["start"], record["end"])
        if span is None:
            unplaced += 1
            continue
        groups[SPAN_KEYS[record["status"]]].append(Span(doc, span.start, span.end, label=CLAIM_LABEL,
                                                        span_id=record["id"]))
    for key, spans in groups.items():
        if spans:
            doc.spans[key] = spans
    doc.user_data["claimdesk"] = {
        "article": article_meta(article),
        "claims": [{k: r[k] for k in ("id", "start", "end", "text", "status", "fields", "original", "reviewer", "at")}
                   for r in claims],
    }
    return doc, overlapping, unplaced


def write(data: ExportData, out: BinaryIO, progress: ProgressCallback | None = None) -> list[str]:
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=ATTRS, store_user_data=True)
    overlapping = unplaced = 0
    documents = data.by_article()
    texts = (data.articles[article_id].text for article_id in documents)
    tokenised = tokenizer().tokenizer.pipe(texts, batch_size=64)
    for done, ((article_id, (claims, entities)), doc) in enumerate(zip(documents.items(), tokenised), 1):
        article = data.articles[article_id]
        doc, dropped, left_out = article_doc(article, claims, entities, doc)
        overlapping += dropped
        unplaced += left_out
        docbin.add(doc)
        if progress:
            progress(done, len(documents), article.path)
    out.write(docbin.to_bytes())
    warnings = []
    if overlapping:
        warnings.append(f"{overlapping} overlapping entities were dropped (doc.ents cannot overlap)")
    if unplaced:
        warnings.append(f"{unplaced} annotations could not be placed on tokens (orphans) and were left out")
    return warnings
