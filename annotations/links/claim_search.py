"""Claims of the whole corpus that match typed words, found an article at a time (for a worker thread).

A claim matches when every typed word starts a word of its *haystack* (:func:`haystack`: its outlet,
title, source, value, sentence, what it counts and its date — what the link picker shows of it, not
the article's file name, which no index of words holds), case aside: "troop" and "11,0" find
"11,000 troops", "roops" does not. That is the rule of the corpus index's full-text search, so for a
corpus opened from its index the index answers: the articles are those its full-text search ranks
best for the words first, then every article the index finds a match in (:meth:`~claimdesk.annotations.index.CorpusIndex.candidates`: the words in its
title, text or claims summary, or its outlet or date), and the articles whose claims the index does
not hold as the session sees them (extracted but not stored yet, paragraphs cut as chrome, claims a
reviewer corrected or added; the store's decisions are read once per search). So the cost of a
search follows its matches, not the corpus: a rare word reads a few articles of 100,000. A corpus held in memory is walked whole. Either way the walk
stops once ``limit`` claims were found or ``stop`` says so (it is asked between articles).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..article import Article
from ..index.search import starts_words, word_start_expression
from ..indexed_corpus import IndexedCorpus
from .timeline import Mention, mention

RANKED_ARTICLES = 200  # articles taken from the full-text search before the rest of the matches
CHANGED_BY_REVIEW = frozenset({"corrected", "added"})  # decisions whose fields are the reviewer's


def haystack(m: Mention, link_type: str = "", linked: bool = False) -> str:
    """What typed words are looked for in, lowercased."""
    parts = (m.outlet, m.article.title, m.source, m.value, m.claim.sentence, link_type,
             str(m.claim.fields.get("counted") or ""), m.date, "linked" if linked else "")
    return " ".join(parts).lower()


def typed_words(typed: str) -> list[str]:
    """The words of what was typed, as :func:`matches` takes them."""
    return typed.lower().split()


def matches(words: list[str], text: str) -> bool:
    """Whether every word (:func:`typed_words`) starts a word of ``text`` (a :func:`haystack`)."""
    return starts_words(words, text)


def articles_in_order(session, typed: str, stop: Callable[[], bool] = lambda: False) -> Iterator[Article]:
    """The session's articles that may hold a claim matching ``typed``, each once: those the corpus
    index ranks best for it first, then the rest of its matches and the articles it cannot answer
    for (see the module); every article of a corpus held in memory."""
    corpus = session.corpus
    if not isinstance(corpus, IndexedCorpus):
        yield from session.articles
        return
    index = corpus.index
    seen: set[str] = set()

    def new(article_id: str) -> bool:
        fresh = article_id in session.corpus_ids and article_id not in seen
        seen.add(article_id)
        return fresh

    for hit in index.search(typed, limit=RANKED_ARTICLES):
        if new(hit.id):
            yield session.article(hit.id)
    conditions = _conditions(index, typed_words(typed))
    if conditions is None:  # no word the index can look for ("%"): every article
        yield from (a for a in session.articles if new(a.id))
        return
    for article_id in sorted(unanswered(session, index)):
        if new(article_id):
            yield session.article(article_id)
    after = -1
    while not stop() and (batch := index.candidates(conditions, after)):
        for _, article_id in batch:
            if new(article_id):
                yield session.article(article_id)
        after = batch[-1][0]


def _conditions(index, words: list[str]) -> list | None:
    """What :meth:`CorpusIndex.candidates` looks for: per word, its full-text expression and the outlets
    and dates it starts a word of (the haystack's parts the index's full text lacks); None when no
    word has a full-text expression."""
    conditions = []
    sources = dates = None
    for word in words:
        expression = word_start_expression(word)
        if expression is None:
            continue
        sources = index.distinct("source") if sources is None else sources
        dates = index.distinct("date") if dates is None else dates
        conditions.append((expression, [s for s in sources if matches([word], s.lower())],
                           [d for d in dates if matches([word], d.lower())]))
    return conditions or None


def unanswered(session, index) -> set[str]:
    """The extracted articles whose claims, as the session sees them, the index's summaries may not
    hold: results not stored yet (still extracting), texts with paragraphs cut as chrome, and claims a
    reviewer corrected or added, or decided when the extraction no longer gives them."""
    results = session.results
    unstored = getattr(results, "unstored", None)
    out = set(unstored()) if unstored is not None else {i for i, r in results.items() if not r.stored}
    out |= set(session.corpus.marks())  # texts cut as chrome: not those the index holds
    kept = []
    for state in session.store.claim_states():
        if state.orphan or state.status == "rejected":
            continue
        if state.status in CHANGED_BY_REVIEW:
            out.add(state.article)
        else:
            kept.append(state)
    known = index.known_claims(s.id for s in kept)
    out |= {s.article for s in kept if s.id not in known}
    return {i for i in out if session.extracted(i)}


def matching_claims(session, typed: str, skip: Iterable[str] = (), limit: int = 300,
                    stop: Callable[[], bool] = lambda: False) -> Iterator[list[tuple[Mention, str]]]:
    """The claims matching every word of ``typed`` (not rejected, not in ``skip``), as (mention, haystack),
    one list per article that has any; at most ``limit`` in all."""
    words = typed_words(typed)
    if not words:
        return
    skip = set(skip)
    found = 0
    for article in articles_in_order(session, typed, stop):
        if stop():
            return
        if not session.extracted(article.id):
            continue
        matched = []
        for claim in session.claims(article.id):
            if claim.id in skip or claim.status == "rejected":
                continue
            m = mention(claim, article)
            text = haystack(m)
            if matches(words, text):
                matched.append((m, text))
        if matched:
            matched = matched[:limit - found]
            found += len(matched)
            yield matched
            if found >= limit:
                return
