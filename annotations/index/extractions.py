"""Extraction results as the corpus index keeps them: compact JSON rows, compressed.

Every field of every claim, entity and dropped number is kept, so a result read back equals the one
extracted (``extract --json`` writes the same bytes either way).
"""

from __future__ import annotations

import json
import zlib

from ..article import Article
from ..extract import ArticleExtraction, Claim, Dropped, Entity
from ..fields import claim_fields, describe_value

CLAIM_COLUMNS = ("id", "start", "end", "text", "sentence", "value", "approx", "counted", "predicate", "source",
                 "date", "unit", "change", "from_value", "of_value", "of_unit")
ENTITY_COLUMNS = ("id", "start", "end", "text", "label", "origin")
DROPPED_COLUMNS = ("start", "end", "text", "reason")


def encode(result: ArticleExtraction) -> bytes:
    """One article's claims, entities and dropped numbers, as stored."""
    payload = {
        "c": [[getattr(c, name) for name in CLAIM_COLUMNS] for c in result.claims],
        "e": [[getattr(e, name) for name in ENTITY_COLUMNS] for e in result.entities],
        "d": [[getattr(d, name) for name in DROPPED_COLUMNS] for d in result.dropped],
    }
    return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def decode(article: Article, data: bytes) -> ArticleExtraction:
    """The stored result of ``article`` (marked as from a cached parse: the model did not run)."""
    payload = json.loads(zlib.decompress(data))
    return ArticleExtraction(
        article=article,
        claims=[Claim(**dict(zip(CLAIM_COLUMNS, row, strict=True))) for row in payload["c"]],
        entities=[Entity(*row) for row in payload["e"]],
        dropped=[Dropped(*row) for row in payload["d"]],
        cached=True,
        stored=True,
    )


def claims_summary(result: ArticleExtraction) -> str:
    """What search finds an article by in its claims, one a line: each claim's words, what it counts, who
    says so, its value as the link picker describes it ("at least 1,200,000") and its date. With the
    article's title and text, that is every word the link picker looks for in a claim but the outlet and
    the article's date (:mod:`claimdesk.annotations.links.claim_search`), so the index answers for it."""
    lines = []
    for c in result.claims:
        words = " ".join(w for w in (c.text, c.unit, c.counted, c.predicate, c.source,
                                     describe_value(claim_fields(c)), c.date) if w)
        lines.append(words)
    return "\n".join(lines)
