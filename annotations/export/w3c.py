"""``w3c``: W3C Web Annotation JSON-LD: an ``AnnotationCollection`` of one annotation per record.

Each annotation targets its article (its URL, else ``urn:claimdesk:article:<id>``) with a
``TextQuoteSelector`` and a ``TextPositionSelector`` (character offsets in claimdesk's clean text).
Claims are ``assessing`` annotations (the decision, the claim in words, and its fields as a JSON
body); entities are ``tagging`` annotations (the label, and the reviewer's action).
"""

from __future__ import annotations

import hashlib
from typing import TextIO

from .jsonl import dumps, write_document
from .records import ExportData, ProgressCallback, claim_summary, urn

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def target(record: dict) -> dict:
    selector = record["selector"]
    article = record["article"]
    return {
        "source": article["url"] or urn("article", article["id"]),
        "selector": [
            {"type": "TextQuoteSelector", "exact": selector["quote"]["exact"], "prefix": selector["quote"]["prefix"],
             "suffix": selector["quote"]["suffix"]},
            {"type": "TextPositionSelector", "start": selector["position"]["start"],
             "end": selector["position"]["end"]},
        ],
    }


def annotation(record: dict) -> dict:
    """The Web Annotation of one claim or entity record."""
    if record["kind"] == "claim":
        details = {k: record[k] for k in ("status", "fields", "original", "changed", "extracted", "orphan",
                                          "cluster")}
        details["links"] = record["links"]
        body = [
            {"type": "TextualBody", "purpose": "assessing", "value": record["status"]},
            {"type": "TextualBody", "purpose": "describing", "value": claim_summary(record)},
            {"type": "TextualBody", "purpose": "describing", "format": "application/json", "value": dumps(details)},
        ]
        if record["note"]:
            body.append({"type": "TextualBody", "purpose": "commenting", "value": record["note"]})
        out = {"id": urn("claim", record["id"]), "type": "Annotation", "motivation": "assessing"}
    else:
        body = [
            {"type": "TextualBody", "purpose": "tagging", "value": record["label"] or record["model_label"]},
            {"type": "TextualBody", "purpose": "assessing", "value": record["status"]},
        ]
        out = {"id": urn("entity", record["id"]), "type": "Annotation", "motivation": "tagging"}
    if record["at"]:
        out["created"] = record["at"]
    if record["reviewer"]:
        out["creator"] = {"type": "Person", "nickname": record["reviewer"]}
    out["body"] = body
    out["target"] = target(record)
    return out


def collection(data: ExportData) -> tuple[dict, list[dict]]:
    """The ``AnnotationCollection`` (its page's ``items`` left out) and the annotations."""
    items = [annotation(r) for r in (*data.claims, *data.entities)]
    key = hashlib.sha1(f"{data.corpus}\x1f{','.join(data.statuses)}".encode()).hexdigest()[:16]
    document = {
        "@context": CONTEXT,
        "id": urn("collection", key),
        "type": "AnnotationCollection",
        "label": f"claimdesk annotations ({', '.join(data.statuses)})",
        "total": len(items),
        "first": {"id": urn("collection", key) + ":page:1", "type": "AnnotationPage", "startIndex": 0},
    }
    return document, items


def write(data: ExportData, out: TextIO, progress: ProgressCallback | None = None) -> list[str]:
    document, items = collection(data)
    write_document(out, document, ("first", "items"), items)
    if progress:
        progress(len(items), len(items), "")
    return []
