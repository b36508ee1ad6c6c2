"""``claimreview``: schema.org ``ClaimReview`` JSON-LD, one review per reviewed claim.

``claimReviewed`` is the claim in words; ``itemReviewed`` a ``Claim`` whose ``appearance`` lists its
article and the articles of the claims linked to it as ``same``, and whose ``about`` is the figure: a
``MonetaryAmount`` (``currency``: its ISO 4217 code) or a ``QuantitativeValue`` (``unitText``), with
``value`` or ``minValue``/``maxValue``, and the change as ``additionalProperty`` values (``change``:
up or down, ``from``: the figure before it; ``of``: the whole a share is of, its unit as ``unitText``);
``author`` is the reviewer and ``datePublished`` the day of the decision. ``reviewRating`` rates the
extraction, not the truth of the figure: 3 accepted or added, 2 corrected, 1 rejected. Pending claims
have no review and are left out.
"""

from __future__ import annotations

from typing import TextIO

from ..article import Article
from ..extraction.units import CURRENCY_CODES
from .jsonl import write_document
from .records import ExportData, ProgressCallback, claim_summary, urn

CONTEXT = "https://schema.org"
CURRENCIES = CURRENCY_CODES - {"GBX"}  # money schema.org names by code (ISO 4217; BTC by its ticker); pence are not
RATINGS = {"accepted": (3, "Accepted"), "added": (3, "Added by the reviewer"), "corrected": (2, "Corrected"),
           "rejected": (1, "Rejected: not a claim as extracted")}


def news_article(article: Article) -> dict:
    out = {"@type": "NewsArticle", "headline": article.title, "identifier": article.path}
    if article.url:
        out["url"] = article.url
    if article.date:
        out["datePublished"] = article.date
    if article.source:
        out["publisher"] = {"@type": "Organization", "name": article.source}
    return out


def appearances(record: dict, data: ExportData) -> list[Article]:
    """The claim's article and those of the claims linked to it as ``same``, oldest first."""
    found = {record["article"]["id"]: data.articles.get(record["article"]["id"])
             or data.linked_articles.get(record["article"]["id"])}
    for link in record["links"]:
        if link["type"] == "same":
            for end in ("a", "b"):
                article_id = link[end]["article"]
                found.setdefault(article_id, data.articles.get(article_id) or data.linked_articles.get(article_id))
    return sorted((a for a in found.values() if a is not None), key=lambda a: (a.date or "9999", a.path))


def figure(fields: dict) -> dict | None:
    """The claim's figure as schema.org states a quantity (see the module notes); None without a value."""
    value, unit = fields.get("value"), str(fields.get("unit") or "")
    out: dict = {"@type": "MonetaryAmount", "currency": unit} if unit in CURRENCIES else {"@type": "QuantitativeValue"}
    if isinstance(value, list) and len(value) == 2:
        out["minValue"], out["maxValue"] = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out["value"] = value
    else:
        return None
    if unit and unit not in CURRENCIES:
        out["unitText"] = unit
    if fields.get("counted"):
        out["name"] = fields["counted"]
    change = [{"@type": "PropertyValue", "name": "change", "value": fields["change"]}] if fields.get("change") else []
    if fields.get("from_value") is not None:
        change.append({"@type": "PropertyValue", "name": "from", "value": fields["from_value"]})
    if fields.get("of_value") is not None:  # a share: the whole it is of, in its unit
        whole = {"@type": "PropertyValue", "name": "of", "value": fields["of_value"]}
        change.append({**whole, "unitText": fields["of_unit"]} if fields.get("of_unit") else whole)
    if change:
        out["additionalProperty"] = change
    return out


def claim_review(record: dict, data: ExportData) -> dict:
    """The ``ClaimReview`` of one reviewed claim record."""
    fields = record["fields"]
    value, name = RATINGS[record["status"]]
    seen = [news_article(a) for a in appearances(record, data)]
    claim = {"@type": "Claim", "text": record["sentence"] or record["text"]}
    if fields.get("source"):
        claim["author"] = {"@type": "Organization", "name": fields["source"]}
    date = fields.get("date") or record["article"]["date"]
    if date:
        claim["datePublished"] = date
    if seen:
        claim["appearance"] = seen
        claim["firstAppearance"] = seen[0]
    about = figure(fields) if record["status"] != "rejected" else None
    if about is not None:
        claim["about"] = about
    review = {
        "@type": "ClaimReview",
        "@id": urn("claim-review", record["id"]),
        "identifier": record["id"],
        "claimReviewed": claim_summary(record),
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 3, "worstRating": 1,
                         "alternateName": name},
    }
    if record["reviewer"]:
        review["author"] = {"@type": "Person", "name": record["reviewer"]}
    if record["at"]:
        review["datePublished"] = record["at"][:10]
    if record["note"]:
        review["reviewBody"] = record["note"]
    return review


def write(data: ExportData, out: TextIO, progress: ProgressCallback | None = None) -> list[str]:
    reviewed = [r for r in data.claims if r["status"] in RATINGS]
    graph = [claim_review(r, data) for r in reviewed]
    write_document(out, {"@context": CONTEXT}, ("@graph",), graph)
    if progress:
        progress(len(graph), len(graph), "")
    pending = len(data.claims) - len(reviewed)
    return [f"{pending} pending claims have no review and were left out"] if pending else []
