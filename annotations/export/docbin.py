"""``spacy``: a ``DocBin`` (``.spacy``) that ``spacy train`` reads: one Doc per exported article.

``doc.ents`` holds the article's current entities (the model's and rules', with the reviewer's
relabels, removals and additions applied); ``doc.spans["claims"]`` the accepted, corrected and added
claims (label ``CLAIM``; each span's ``id_`` is the claim id), ``doc.spans["claims_rejected"]`` and
``doc.spans["claims_pending"]`` the others exported. Spans are snapped to whole tokens.
``doc.user_data["claimdesk"]`` keeps the article metadata and every claim's fields.

Each article's tokens come from the parse cache when it holds the article (the model's tokenizer,
which splits as spaCy's English tokenizer does), else from that tokenizer: either way the file is the
same.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

import numpy
import srsly
from spacy.attrs import ENT_TYPE, ORTH, SPACY
from spacy.tokens import DocBin

from .records import CLAIM_LABEL, ExportData, ProgressCallback, VisibleEntity, article_meta
from .tokens import article_tokens, make_doc, snap

# Tokens and entities only: a blank tokenizer sets no tags or parse, which spacy train reads as missing.
# No NORM: spacy train re-tokenises the text and reads norms from its own vocabulary, and the norms of
# cached tokens (the model's vocabulary) and of freshly tokenised ones differ.
ATTRS = ("ORTH", "SPACY", "ENT_IOB", "ENT_TYPE")
SPAN_KEYS = {"accepted": "claims", "corrected": "claims", "added": "claims", "rejected": "claims_rejected",
             "pending": "claims_pending"}


def article_doc(article, claims: list[dict], entities: list[VisibleEntity], doc=None) -> tuple[object, int, int]:
    """The Doc of one article (``doc``: its text already tokenised); also how many overlapping entities
    were dropped and how many annotations could not be placed."""
    doc = doc if doc is not None else make_doc(article.text)
    ents, overlapping, unplaced = [], 0, 0
    taken = bytearray(len(doc))
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        span = snap(doc, entity.start, entity.end, label=entity.label)
        if span is None:
            unplaced += 1
            continue
        if any(taken[span.start:span.end]):
            overlapping += 1
            continue
        taken[span.start:span.end] = b"\x01" * len(span)
        ents.append(span)
    doc.set_ents(ents)  # (the ents setter would make every Span again)
    groups: dict[str, list] = {key: [] for key in SPAN_KEYS.values()}
    for record in claims:
        span = None if record["orphan"] else snap(doc, record["start"], record["end"], label=CLAIM_LABEL,
                                                  span_id=record["id"])
        if span is None:
            unplaced += 1
            continue
        groups[SPAN_KEYS[record["status"]]].append(span)
    for key, spans in groups.items():
        if spans:
            doc.spans[key] = spans
    doc.user_data["claimdesk"] = {
        "article": article_meta(article),
        "claims": [{k: r[k] for k in ("id", "start", "end", "text", "status", "fields", "original", "reviewer", "at")}
                   for r in claims],
    }
    return doc, overlapping, unplaced


class TokenDocBin(DocBin):
    """spaCy's ``DocBin`` (same file, same reader) with an ``add`` made for Docs that hold only tokens,
    entities, span groups and user data. ``DocBin.add`` reads nine string attributes off every token
    (tags, lemmas, morphs… empty here) to collect its string table; this one takes the strings from the
    hashes in the token array. And it packs user data and span groups with one msgpack packer for the
    whole file: srsly makes a new packer per message, which first scans every registered extension
    and entry point (a fifth of a millisecond, three times a Doc)."""

    def __init__(self, attrs=ATTRS):
        super().__init__(attrs=attrs, store_user_data=True)
        self._string_columns = [i for i, attr in enumerate(self.attrs) if attr in (ORTH, ENT_TYPE)]
        self._packer = srsly.msgpack.Packer(use_bin_type=True)  # what srsly.msgpack_dumps makes per call

    def add(self, doc) -> None:
        array = doc.to_array(self.attrs)
        self.tokens.append(array)
        self.spaces.append(numpy.asarray(doc.to_array(SPACY).reshape(-1, 1), dtype=bool))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        strings = doc.vocab.strings
        self.strings.update(strings[h] for h in numpy.unique(array[:, self._string_columns]).tolist())
        self.cats.append(doc.cats)
        self.user_data.append(self._packer.pack(doc.user_data))
        self.span_groups.append(self.span_groups_bytes(doc))
        for group in doc.spans.values():
            for span in group:
                self.strings.add(span.label_)
                self.strings.add(span.id_)

    def span_groups_bytes(self, doc) -> bytes:
        """``doc.spans.to_bytes()``, byte for byte (a test holds it to that), packed by this file's packer."""
        if not doc.spans:
            return doc.spans.to_bytes()
        groups: dict[bytes, list[str]] = {}
        for key, group in doc.spans.items():
            spans = [struct.pack(">QQQllll", s.id, s.kb_id, s.label, s.start, s.end, s.start_char, s.end_char)
                     for s in group]
            packed = self._packer.pack({"name": group.name, "attrs": group.attrs, "spans": spans})
            groups.setdefault(packed, []).append(key)
        return self._packer.pack(groups)


def write(data: ExportData, out: BinaryIO, progress: ProgressCallback | None = None) -> list[str]:
    docbin = TokenDocBin()
    overlapping = unplaced = 0
    documents = data.by_article()
    for done, (article_id, (claims, entities)) in enumerate(documents.items(), 1):
        article = data.articles[article_id]
        doc, dropped, left_out = article_doc(article, claims, entities, article_tokens(article.text, data.parses))
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
