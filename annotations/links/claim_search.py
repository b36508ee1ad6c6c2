"""Claims of the whole corpus that match typed words, found an article at a time (for a worker thread).

A claim matches when every typed word is in its *haystack* (:func:`haystack`: its outlet, title,
path, source, value, sentence, what it counts and its date — what the link picker shows of it). The
articles are visited best first: those the corpus index's full-text search ranks for the words (a
corpus opened from its index; :meth:`~claimdesk.annotations.index.CorpusIndex.search`), then every
other extracted article in corpus order, so the likeliest partners come within milliseconds and the
rest of a 100,000-article corpus is walked only while fewer than ``limit`` claims were found and
``stop`` does not say to stop (it is asked between articles).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..article import Article
from ..indexed_corpus import IndexedCorpus
from .timeline import Mention, mention

RANKED_ARTICLES = 200  # articles taken from the full-text search before the walk over the corpus


def haystack(m: Mention, link_type: str = "", linked: bool = False) -> str:
    """What typed words are looked for in, casefolded."""
    parts = (m.outlet, m.article.title, m.article.path, m.source, m.value, m.claim.sentence, link_type,
             str(m.claim.fields.get("counted") or ""), m.date, "linked" if linked else "")
    return " ".join(parts).casefold()


def articles_in_order(session, typed: str) -> Iterator[Article]:
    """The session's articles, those the corpus index finds for ``typed`` first (best first), each once."""
    seen: set[str] = set()
    corpus = session.corpus
    if isinstance(corpus, IndexedCorpus):
        for hit in corpus.index.search(typed, limit=RANKED_ARTICLES):
            if hit.id in session.corpus_ids and hit.id not in seen:
                seen.add(hit.id)
                yield session.article(hit.id)
    for article in session.articles:
        if article.id not in seen:
            yield article


def matching_claims(session, typed: str, skip: Iterable[str] = (), limit: int = 300,
                    stop: Callable[[], bool] = lambda: False) -> Iterator[list[tuple[Mention, str]]]:
    """The claims matching every word of ``typed`` (not rejected, not in ``skip``), as (mention, haystack),
    one list per article that has any; at most ``limit`` in all."""
    words = typed.casefold().split()
    if not words:
        return
    skip = set(skip)
    found = 0
    for article in articles_in_order(session, typed):
        if stop():
            return
        if not session.extracted(article.id):
            continue
        matches = []
        for claim in session.claims(article.id):
            if claim.id in skip or claim.status == "rejected":
                continue
            m = mention(claim, article)
            text = haystack(m)
            if all(w in text for w in words):
                matches.append((m, text))
        if matches:
            matches = matches[:limit - found]
            found += len(matches)
            yield matches
            if found >= limit:
                return

