"""One way in: open a corpus for review, the same way for the app and for every command.

Opening a corpus for review is four steps, each a function here: read the corpus with the lines and
paragraphs the reviewers marked as site chrome (:func:`load`), move the annotations of articles whose text changed
to where their quotes are now (:func:`reanchor`), merge the store's decisions into a
:class:`~claimdesk.annotations.session.ReviewSession`, and extract claims and entities with every
learned rule (:func:`extractor_for`, :func:`extract_into`). :func:`open_review` runs them all::

    store = open_review_store(db, corpus_path)      # writable, or read-only naming the holder
    session = open_review(corpus_path, store, progress=report)
    session.claims(session.articles[0].id)           # what the app shows, what export writes

The app runs the same steps in its workers (so the list appears before the model loads); the
``claimdesk`` commands call :func:`open_review`. Because there is one path, the app, ``export``,
``ledger``, ``import`` and ``extract --db`` see the same claims, entities and statuses.

A corpus of any size is read through its index (:func:`open_index`, :mod:`claimdesk.annotations.index`):
only changed files are read again, and extraction results are kept there under the key of the code,
model and rules that produced them, so a second run (or a command after the app) reads them back
without spaCy::

    index = open_index(corpus_path, store)           # synced with the corpus
    session = open_review(corpus_path, store, index=index)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .article import Article
from .chrome_marks import TABLE, apply_to_corpus, marks_by_article
from .corpus import Corpus, load_cached_corpus, load_corpus
from .indexed_corpus import IndexedCorpus
from .session import ReviewSession
from .store import StoreLockedError, StoreWriteError, open_store
from .store.empty import EmptyStore

if TYPE_CHECKING:  # extraction loads spaCy: imported when first needed, not to open the app
    from .extract import ArticleExtraction, Extractor
    from .index import CorpusIndex
    from .index.session_results import StoredExtractions

# (stage, done, total, item): stage is "load" or "extract"; item names the file or article
StageProgress = Callable[[str, int, int, str], None]

STORE_BATCH = 64  # extraction results written to the index at a time
DECIDED = ("accepted", "corrected", "rejected")  # claim statuses that settle a claim
BOILERPLATE_KIND = "boilerplate"  # the rule kind whose lines the loader drops (rules.kinds.BOILERPLATE)


def open_review_store(db: str | os.PathLike | None, corpus: str | os.PathLike, reviewer: str | None = None):
    """The annotation store of ``corpus`` (``db``, else its default file) for writing; when another
    session holds it, the same store read-only, whose writes are refused naming that session."""
    try:
        return open_store(db, corpus=corpus, reviewer=reviewer)
    except StoreLockedError:
        return open_store(db, corpus=corpus, reviewer=reviewer, read_only=True)


def chrome_patterns(store) -> list[dict]:
    """The boilerplate lines reviewers taught (enabled ``boilerplate`` rules), as loader patterns."""
    return [{"id": rule["id"], "scope": "line", "pattern": rule["data"]["pattern"]}
            for rule in store.rules(kind=BOILERPLATE_KIND, enabled=True)
            if isinstance((rule.get("data") or {}).get("pattern"), str)]


def _stage(progress: StageProgress | None, stage: str):
    return (lambda done, total, item: progress(stage, done, total, item)) if progress else None


def load(corpus: str | os.PathLike | None, store, *, progress: StageProgress | None = None,
         use_cache: bool = True, index: CorpusIndex | None = None) -> Corpus:
    """Read the corpus (a folder or a file; the bundled samples when ``None``) with the store's learned
    chrome lines dropped and the paragraphs reviewers marked as chrome cut (:mod:`.chrome_marks`); from
    ``index`` when given (synced: :func:`open_index`). Raises :class:`~claimdesk.annotations.corpus.CorpusError`."""
    if index is not None:
        return apply_to_corpus(index.corpus(), store)
    corpus = load_corpus(corpus, progress=_stage(progress, "load"), extra_boilerplate=chrome_patterns(store),
                         use_cache=use_cache)
    return apply_to_corpus(corpus, store)


def index_for(corpus: str | os.PathLike | None, store, *, cache_dir: str | os.PathLike | None = None) -> CorpusIndex:
    """The index of the corpus (read with the store's chrome lines) as it was last synced: no file is read
    (the app lists it at once, then syncs it). Raises :class:`~claimdesk.annotations.corpus.CorpusError`."""
    from .index import CorpusIndex  # SQLite and the index code: only for what reads through an index

    return CorpusIndex(corpus, extra_boilerplate=chrome_patterns(store), cache_dir=cache_dir)


def open_index(corpus: str | os.PathLike | None, store, *, progress: StageProgress | None = None,
               cache_dir: str | os.PathLike | None = None) -> CorpusIndex:
    """The index of the corpus (read with the store's chrome lines), brought up to date: only files that
    changed since the last time are read. Its texts keep the paragraphs reviewers marked as chrome
    (:func:`load` cuts them). Raises :class:`~claimdesk.annotations.corpus.CorpusError`."""
    index = index_for(corpus, store, cache_dir=cache_dir)
    try:
        index.sync(progress=_stage(progress, "load"))
    except BaseException:
        index.close()
        raise
    return index


def load_cached(corpus: str | os.PathLike, store) -> Corpus | None:
    """:func:`load` for a small corpus whose every file is in the load cache (milliseconds: the app lists
    it in its first frame); None when it is not."""
    found = load_cached_corpus(corpus, extra_boilerplate=chrome_patterns(store))
    return apply_to_corpus(found, store) if found is not None else None


def reanchor(corpus: Corpus | IndexedCorpus, store, *, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Move the annotations of articles whose text changed (re-scraped, new chrome rules) to where their
    quotes are now; those not found are kept as orphans. Returns how many are orphans now (a read-only
    store is left as it is: 0). Stops early when ``cancelled()`` says so. A move the disk refuses stays in
    memory, pending in the store (``store.pending``; see :class:`~claimdesk.annotations.store.StoreWriteError`),
    and the other articles are still re-anchored."""
    if store.read_only:
        return 0
    orphans = 0
    for article_id in store.articles():
        if cancelled():
            break
        article = corpus.by_id(article_id)
        if article is None:
            continue
        try:
            orphans += sum(1 for doc in store.reanchor(article_id, article.text).orphans if doc["table"] != TABLE)
        except StoreWriteError:  # applied in memory; the store writes it with the next write or retry()
            orphans += sum(1 for doc in (*store.claims(article_id), *store.entities(article_id)) if doc.get("orphan"))
    corpus.marks_changed()  # chrome marks were moved with the rest
    return orphans


def orphans_note(count: int) -> str:
    """What to tell the reviewer about annotations re-anchoring could not place ("" for none)."""
    if not count:
        return ""
    return (f"{count} annotation(s) no longer match their article's text; they are kept "
            "(claimdesk db info lists them)")


def extractor_for(store, *, model: str | None = None, use_cache: bool = True, jobs: int = 1,
                  cache_dir: str | os.PathLike | None = None) -> Extractor:
    """An extractor with every enabled rule of the store and the paragraphs marked as chrome. Raises
    :class:`~claimdesk.annotations.nlp.ModelNotFound` for a model that is not installed."""
    from .extract import Extractor  # spaCy: loaded when extraction starts, not when the app opens
    from .extraction.compiled import rules_for_extractor
    from .nlp import DEFAULT_MODEL

    return Extractor(model or DEFAULT_MODEL, rules=rules_for_extractor(store), use_cache=use_cache, jobs=jobs,
                     cache_dir=cache_dir)


def extract_into(session: ReviewSession, extractor: Extractor, *, progress: StageProgress | None = None,
                 cancelled: Callable[[], bool] = lambda: False, index: CorpusIndex | None = None,
                 articles: list[Article] | None = None) -> Iterator[ArticleExtraction]:
    """Extract every article of the session (``articles``: those only) into it (results stored in
    ``index`` first, then cached parses, then the model in batches), yielding each result once the
    session has it; stops early when ``cancelled()`` says so. New results are stored in ``index``."""
    session.extractor = extractor
    articles = session.articles if articles is None else articles
    total = len(articles)
    done = 0
    key = extractor.results_key if index is not None else None
    rest = articles
    if key is not None:
        rest = []
        for article, result in index.extractions(key, articles):
            if result is None:
                rest.append(article)
                continue
            if cancelled():
                return
            session.set_extraction(result)
            done += 1
            if progress is not None:
                progress("extract", done, total, article.path)
            yield result
    fresh: list[ArticleExtraction] = []
    try:
        for _, result in extractor.iter_extract(rest):
            if cancelled():
                return
            session.set_extraction(result)
            done += 1
            if key is not None:
                fresh.append(result)
                if len(fresh) >= STORE_BATCH:
                    index.put_extractions(key, fresh)
                    fresh = []
            if progress is not None:
                progress("extract", done, total, result.article.path)
            yield result
    finally:
        if fresh:
            index.put_extractions(key, fresh)


def stored_results(index: CorpusIndex, store, extractor: Extractor | None,
                   article_of: Callable[[str], Article | None]) -> StoredExtractions | None:
    """The extraction results ``index`` holds under ``extractor``'s key, as a session's (``article_of``
    gives its articles): counted as extracted, read when asked for, and new ones kept there too. Those
    of articles whose marked paragraphs are cut are not theirs: the index has their uncut texts
    (:func:`~claimdesk.annotations.chrome_marks.marks_by_article`). None without an extractor, or
    with one whose results are not kept."""
    if extractor is None or extractor.results_key is None:
        return None
    from .index.session_results import StoredExtractions  # SQLite: only for what reads through an index

    results = StoredExtractions(index, extractor.results_key, article_of)
    results.adopt(index.extracted_ids(extractor.results_key).difference(marks_by_article(store)))
    return results


def indexed_session(index: CorpusIndex, store, extractor: Extractor | None = None) -> ReviewSession:
    """A session whose articles are read from ``index`` (synced) when asked for, a few hundred kept
    (:class:`~claimdesk.annotations.indexed_corpus.IndexedCorpus`): what the app opens a corpus of any size
    as. With ``extractor``, the results the index holds under its key count as extracted
    (:func:`stored_results`). Nothing is re-anchored or extracted here."""
    corpus = IndexedCorpus(index, store)
    session = ReviewSession(corpus, store, extractions=stored_results(index, store, extractor, corpus.by_id))
    session.extractor = extractor
    return session


def decided_claims(store) -> list[str]:
    """Ids of the claims the store's reviewers decided (accepted, corrected or rejected): what the index
    judges "pending" against (:meth:`~claimdesk.annotations.index.CorpusIndex.set_decided`)."""
    return [s.id for s in store.claim_states() if s.status in DECIDED and not s.orphan]


def reextract_with_rules(session: ReviewSession, article_ids: list[str] | None = None, *, force: bool = False,
                         progress: Callable[[int, int, str], None] | None = None) -> list[str]:
    """Re-extract after the store's rules changed (:func:`claimdesk.annotations.rules.reextract`; returns the
    ids of the articles whose results changed), and keep results from now on under the key of the rules now
    in the store: in the session's index, the results under the old key stay those of the old rules."""
    from .extract import results_key
    from .extraction.compiled import rules_for_extractor
    from .index.session_results import StoredExtractions
    from .rules import reextract

    extractor = session.extractor
    key = results_key(extractor.model_key, rules_for_extractor(session.store))
    if isinstance(session.results, StoredExtractions):
        session.results.key = key  # before re-extracting: results set from now on are the new rules'
    changed = reextract(session, extractor, article_ids, force=force, progress=progress)
    extractor.results_key = key  # its rules, compiled by reextract, are the store's
    return changed


def open_review(corpus: str | os.PathLike | Corpus | None, store=None, *, model: str | None = None,
                progress: StageProgress | None = None, use_cache: bool = True, jobs: int = 1,
                extract: bool = True, cache_dir: str | os.PathLike | None = None,
                index: CorpusIndex | None = None, paged: bool = False) -> ReviewSession:
    """Load, re-anchor, merge and extract: a review session ready to read and to write through.
    ``corpus`` is a path (None: the bundled samples), or a :class:`Corpus` already read (with
    :func:`chrome_patterns`). ``store`` None reviews without an annotation file (nothing can be saved).
    ``extract=False`` stops before extraction (an import of our own JSONL needs only the articles);
    ``cache_dir``: the parse cache's folder (default: the user cache folder); ``index``: the corpus's
    index (:func:`open_index`), which the articles and stored extraction results are read from; with
    ``paged``, a page at a time as they are asked for (:class:`~.indexed_corpus.IndexedCorpus`: a
    command that goes through the articles once, such as an export, holds a few hundred texts, not all)."""
    store = store if store is not None else EmptyStore()
    from_index = index is not None and not isinstance(corpus, Corpus)
    if from_index and paged:
        corpus = IndexedCorpus(index, store)
    elif not isinstance(corpus, Corpus):
        corpus = load(corpus, store, progress=progress, use_cache=use_cache, index=index)
    extractor = extractor_for(store, model=model, use_cache=use_cache, jobs=jobs, cache_dir=cache_dir) \
        if extract else None
    results = stored_results(index, store, extractor, corpus.by_id) if from_index else None
    session = ReviewSession(corpus, store, extractions=results)
    session.orphans = reanchor(session.corpus, session.store)
    if extractor is not None:
        rest = [a for a in session.articles if not session.extracted(a.id)]
        for _ in extract_into(session, extractor, progress=progress, index=index, articles=rest):
            pass
    return session
