"""Search articles held in a session: their text, claims (quote and fields) and entities (text and label).

The app finds articles with the corpus index's full-text search (:meth:`CorpusIndex.search
<claimdesk.annotations.index.CorpusIndex.search>`, any size); this finds where in an article a query
is — the claim, the entity or the words — to select it when the article opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .article import Article
from .fields import format_value


@dataclass(frozen=True)
class Hit:
    kind: str  # text | claim | entity
    article: str  # article id
    start: int
    end: int
    snippet: str  # one line of context
    claim: str = ""  # claim id for a claim hit
    detail: str = ""  # e.g. the entity label, the claim's status


def _snippet(text: str, start: int, end: int, width: int = 70) -> str:
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    return ("…" if left else "") + " ".join(text[left:right].split()) + ("…" if right < len(text) else "")


def search(session, query: str, limit: int = 200, articles: Iterable[Article] | None = None) -> list[Hit]:
    """Hits for ``query`` (case-insensitive, words in order) in ``articles`` (default: every article of
    the session): claims first, then entities, titles and text, each kind in corpus order; at most ``limit``."""
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.I)
    hits: list[Hit] = []
    for article in session.articles if articles is None else articles:
        text = article.text
        found: list[Hit] = []
        covered: set[tuple[int, int]] = set()
        if session.extracted(article.id):
            for claim in session.claims(article.id):
                haystack = " ".join((claim.text, format_value(claim.fields.get("value")),
                                     *(str(claim.fields.get(k, "")) for k in ("counted", "predicate", "source"))))
                if pattern.search(haystack):
                    found.append(Hit("claim", article.id, claim.start, claim.end,
                                     _snippet(text, claim.start, claim.end), claim.id, claim.status))
                    covered.add((claim.start, claim.end))
            for entity in session.entities(article.id, visible_only=True):
                if pattern.search(entity.text) or pattern.fullmatch(entity.label):
                    found.append(Hit("entity", article.id, entity.start, entity.end,
                                     _snippet(text, entity.start, entity.end), detail=entity.label))
                    covered.add((entity.start, entity.end))
        for m in pattern.finditer(text):
            if any(s <= m.start() and m.end() <= e for s, e in covered):
                continue
            found.append(Hit("text", article.id, m.start(), m.end(), _snippet(text, m.start(), m.end())))
        if pattern.search(article.title):
            found.insert(0, Hit("title", article.id, 0, 0, article.title))
        hits.extend(found)
        if len(hits) >= limit * 4:  # enough to fill the limit with the best kinds
            break
    rank = {"claim": 0, "entity": 1, "title": 2, "text": 3}
    return sorted(hits, key=lambda h: rank[h.kind])[:limit]


def locate(session, article_id: str, query: str) -> Hit | None:
    """Where ``query`` is in one article: its best hit (a claim, an entity, the words in order), else the
    first of its words in the text (as the index's search matches them); None when none is there."""
    from .index.search import word_pattern  # lazy: the index package brings the extraction code with it

    article = session.article(article_id)
    if article is None:
        return None
    found = search(session, query, limit=1, articles=[article])
    if found and (found[0].kind != "title" or found[0].end > found[0].start):
        return found[0]
    pattern = word_pattern(query)
    match = pattern.search(article.text) if pattern is not None else None
    if match is None:
        return None
    return Hit("text", article.id, match.start(), match.end(), _snippet(article.text, match.start(), match.end()))
