"""A review session: a corpus, its extractions and an annotation store, seen as one thing.

The app, every command, the exporters, the linker and the rules read claims, entities, links,
clusters and rules through a session, and every write goes through its one gate,
:meth:`ReviewSession.writable_store`, so they agree on what "accepted" or "pending" means and a
read-only session refuses every kind of write with the same error and message::

    session = open_review(corpus_path, store)   # claimdesk.annotations.pipeline: load + extract
    claim = session.claims(article.id)[0]
    session.accept(claim)
    session.undo()              # returns the article ids to refresh

Without an annotation file (``store=None``) a session reads an empty store and refuses every write.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, MutableMapping
from typing import TYPE_CHECKING, Generic, TypeVar

from .anchoring import make_selector
from .article import Article
from .corpus import Corpus
from .fields import claim_fields, validate_fields
from .reviewed import PENDING, ReviewClaim, ReviewEntity, merge_claims, merge_entities
from .store.empty import EmptyStore
from .stored import Cluster, Link, Rule

if TYPE_CHECKING:  # extraction (spaCy patterns, rules) is slow to import and not needed to review
    from .extract import ArticleExtraction
    from .indexed_corpus import IndexedCorpus

T = TypeVar("T")


MERGED_ARTICLES = 1024  # articles whose merged claims and entities are kept


class Recent(OrderedDict, Generic[T]):
    """A dict that keeps its ``size`` most recently set or read entries."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


class SessionError(Exception):
    """A decision that cannot be made (no store, read-only store, invalid fields)."""


class ReadOnlyError(SessionError):
    """A write refused because the session's annotation file is read-only (or there is none)."""


class ReviewSession:
    """Claims and entities of a corpus merged with a store's decisions; decisions written through."""

    def __init__(self, corpus: Corpus | IndexedCorpus, store=None,
                 extractions: MutableMapping[str, ArticleExtraction] | None = None):
        """``corpus``: in memory, or read from its index as asked for (any size); ``extractions``: where the extraction results are kept (default: a dict; a big corpus's
        session keeps them in its index, :class:`~claimdesk.annotations.index.session_results.StoredExtractions`)."""
        self.corpus = corpus
        self.store = store if store is not None else EmptyStore()
        self.extractor = None  # the Extractor that fills it (pipeline.extract_into); rules re-apply through it
        self.orphans = 0  # annotations re-anchoring could not place when the corpus was opened
        self.corpus_ids = corpus.ids()  # to tell annotations of other corpora
        self._extractions = extractions if extractions is not None else {}
        # merged claims and entities of the articles read last (merging again is cheap; all of them is not)
        self._claims: Recent[list[ReviewClaim]] = Recent(MERGED_ARTICLES)
        self._entities: Recent[list[ReviewEntity]] = Recent(MERGED_ARTICLES)
        self._lock = threading.RLock()
        self.last_change = None  # the store's Change of the latest undo or redo (None: nothing to do)

    # -- articles and extraction -----------------------------------------------------------------

    @property
    def articles(self) -> list[Article]:
        return self.corpus.articles

    def article(self, article_id: str) -> Article:
        return self.corpus.by_id(article_id)

    def set_extraction(self, result: ArticleExtraction) -> None:
        """Record (or replace, after a rule change) what was extracted from one article."""
        with self._lock:
            self._extractions[result.article.id] = result
            self._forget(result.article.id)

    def extracted(self, article_id: str) -> bool:
        return article_id in self._extractions

    @property
    def extracted_count(self) -> int:
        return len(self._extractions)

    def extraction(self, article_id: str) -> ArticleExtraction | None:
        return self._extractions.get(article_id)

    @property
    def results(self) -> MutableMapping[str, ArticleExtraction]:
        """Where the extraction results are kept: a dict, or the corpus index (``StoredExtractions``)."""
        return self._extractions

    def _forget(self, article_id: str) -> None:
        self._claims.pop(article_id, None)
        self._entities.pop(article_id, None)

    def refresh(self, article_ids: Iterable[str] | None = None) -> None:
        """Re-read decisions for these articles (all when ``None``), after an undo or an import."""
        with self._lock:
            if article_ids is None:
                self._claims.clear()
                self._entities.clear()
            else:
                for article_id in article_ids:
                    self._forget(article_id)

    # -- reading ---------------------------------------------------------------------------------

    def claims(self, article_id: str, status: str | None = None) -> list[ReviewClaim]:
        """An article's claims in text order (``status`` filters; "pending" is the undecided ones)."""
        with self._lock:
            merged = self._claims.get(article_id)
            if merged is None:
                merged = self._merge_claims(article_id)
                self._claims[article_id] = merged
        return merged if status is None else [c for c in merged if c.status == status]

    def _merge_claims(self, article_id: str) -> list[ReviewClaim]:
        article = self.article(article_id)
        result = self._extractions.get(article_id)
        decisions = self.store.claims(article_id)
        return merge_claims(article, result.claims if result else [], decisions)

    def entities(self, article_id: str, *, visible_only: bool = False) -> list[ReviewEntity]:
        with self._lock:
            merged = self._entities.get(article_id)
            if merged is None:
                article = self.article(article_id)
                result = self._extractions.get(article_id)
                edits = self.store.entities(article_id)
                merged = merge_entities(article, result.entities if result else [], edits)
                self._entities[article_id] = merged
        return [e for e in merged if e.visible] if visible_only else merged

    def claim(self, article_id: str, claim_id: str) -> ReviewClaim | None:
        return next((c for c in self.claims(article_id) if c.id == claim_id), None)

    def all_claims(self, statuses: Iterable[str] | None = None) -> Iterable[ReviewClaim]:
        """Every claim of every extracted article, in corpus order (filtered by status)."""
        wanted = set(statuses) if statuses is not None else None
        for article in self.articles:
            for claim in self.claims(article.id):
                if wanted is None or claim.status in wanted:
                    yield claim

    def progress(self, article_id: str) -> tuple[int, int]:
        """(reviewed, total) claims of one article."""
        claims = self.claims(article_id)
        return sum(1 for c in claims if c.reviewed), len(claims)

    def overall(self) -> tuple[int, int]:
        """(reviewed, total) claims over the extracted articles."""
        done = total = 0
        for article_id in list(self._extractions):
            d, t = self.progress(article_id)
            done += d
            total += t
        return done, total

    # -- links, clusters and rules, as typed records --------------------------------------------

    def links(self, claim_id: str | None = None) -> list[Link]:
        """The links of one claim (every link when ``None``)."""
        return [Link.from_doc(doc) for doc in self.store.links(claim_id)]

    def clusters(self) -> list[Cluster]:
        return [Cluster.from_doc(doc) for doc in self.store.clusters()]

    def cluster_of(self, claim_id: str) -> Cluster | None:
        """The cluster holding this claim, or ``None``."""
        return next((c for c in self.clusters() if claim_id in c.claims), None)

    def rules(self, kind: str | None = None, enabled: bool | None = None) -> list[Rule]:
        """The learned rules (``kind``, ``enabled`` filter), in the store's order."""
        return [Rule.from_doc(doc) for doc in self.store.rules(kind=kind, enabled=enabled)]

    # -- the one gate for writes -----------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str:
        """Why writes are refused ("" when they are not), naming the session holding the file."""
        return self.store.read_only_reason if self.store.read_only else ""

    def writable_store(self):
        """The store to write to: every write (decisions, entity edits, links, clusters, rules, chrome
        marks, imports) comes through here. Raises :class:`ReadOnlyError` with the reason otherwise."""
        if self.store.read_only:
            raise ReadOnlyError(self.store.read_only_reason)
        return self.store


    # -- decisions -------------------------------------------------------------------------------

    def _selector(self, article_id: str, start: int, end: int) -> dict:
        return make_selector(self.article(article_id).text, start, end)

    def _done(self, article_id: str) -> None:
        with self._lock:
            self._forget(article_id)

    def accept(self, claim: ReviewClaim) -> ReviewClaim:
        return self._decide("accepted", claim)

    def reject(self, claim: ReviewClaim) -> ReviewClaim:
        return self._decide("rejected", claim)

    def _decide(self, status: str, claim: ReviewClaim) -> ReviewClaim:
        store = self.writable_store()
        selector = self._selector(claim.article, claim.start, claim.end)
        if claim.status == "added":  # a reviewer's own claim: accepting keeps it, rejecting deletes it
            if status == "rejected":
                store.clear_claim(claim.id)
                self._done(claim.article)
            return claim
        fields = dict(claim.fields) if claim.status == "corrected" and status == "accepted" else None
        if fields is not None:  # accepting a corrected claim keeps the correction
            store.correct(claim.id, claim.article, selector, fields, original=claim.original)
        else:
            store.record_claim(status, claim.id, claim.article, selector, original=claim.original)
        self._done(claim.article)
        return self.claim(claim.article, claim.id) or claim

    def correct(self, claim: ReviewClaim, raw_fields: dict) -> ReviewClaim:
        """Save corrected fields (validated; raises :class:`FieldsInvalid`)."""
        fields = _valid(raw_fields)
        store = self.writable_store()
        selector = self._selector(claim.article, claim.start, claim.end)
        if claim.status == "added":
            store.add_claim(claim.article, selector, fields, claim_id=claim.id)
        else:
            store.correct(claim.id, claim.article, selector, fields, original=claim.original)
        self._done(claim.article)
        return self.claim(claim.article, claim.id) or claim

    def clear(self, claim: ReviewClaim) -> None:
        """Make a claim pending again."""
        self.writable_store().clear_claim(claim.id)
        self._done(claim.article)

    def draft_claim(self, article_id: str, start: int, end: int) -> dict:
        """Fields the parser proposes for a span a reviewer selected (the form opens with them): those of an
        extracted claim there, else the claim parser's reading of the selection in its sentence — value,
        qualifier, what is counted, predicate, source, date (:mod:`.claim_draft`)."""
        article = self.article(article_id)
        result = self._extractions.get(article_id)
        for c in (result.claims if result else []):
            if (c.start <= start and end <= c.end) or (start <= c.start and c.end <= end):
                return claim_fields(c)
        doc = self.extractor.cached_doc(article) if self.extractor is not None else None
        if doc is not None:
            from .claim_draft import draft_fields  # the claim finder: loaded with extraction, not to open a session

            drafted = draft_fields(doc, article, start, end, self.extractor.rules.lexicon)
            if drafted is not None:
                return drafted
        from .numbers import parse_quantity
        from .unit_input import unit_code  # the unit tables: loaded when a reviewer first adds a claim

        quantity = parse_quantity(article.text[start:end])
        value = list(quantity.value) if quantity and isinstance(quantity.value, tuple) else (
            quantity.value if quantity else "")
        written = quantity.unit if quantity else ""  # "percent", "dollars", "pound"
        unit = unit_code(written) or ""
        return {"value": value, "approx": quantity.approx if quantity else "exact", "unit": unit, "change": "",
                "from_value": None, "of_value": None, "of_unit": "", "counted": "" if unit else written,
                "predicate": "", "source": "", "date": article.date}

    def add_claim(self, article_id: str, start: int, end: int, raw_fields: dict) -> ReviewClaim:
        """A claim the extractor missed, on a span a reviewer selected."""
        start, end = _trim(self.article(article_id).text, start, end)
        if start >= end:
            raise SessionError("select some text first")
        fields = _valid(raw_fields)
        doc = self.writable_store().add_claim(article_id, self._selector(article_id, start, end), fields)
        self._done(article_id)
        return self.claim(article_id, doc["id"])

    def relabel_entity(self, entity: ReviewEntity, label: str) -> None:
        self.writable_store().relabel_entity(entity.article, self._selector(entity.article, entity.start, entity.end),
                                     label, model_label=entity.model_label, entity_id=entity.id)
        self._done(entity.article)

    def remove_entity(self, entity: ReviewEntity) -> None:
        self.writable_store().remove_entity(entity.article, self._selector(entity.article, entity.start, entity.end),
                                    model_label=entity.model_label, entity_id=entity.id)
        self._done(entity.article)

    def add_entity(self, article_id: str, start: int, end: int, label: str) -> ReviewEntity:
        start, end = _trim(self.article(article_id).text, start, end)
        if start >= end:
            raise SessionError("select some text first")
        doc = self.writable_store().add_entity(article_id, self._selector(article_id, start, end), label)
        self._done(article_id)
        return next(e for e in self.entities(article_id) if e.id == doc["id"])

    def undo(self) -> list[str]:
        """Undo the latest decision; the ids of the articles it touched ([] when nothing to undo)."""
        change = self.writable_store().undo()
        return self._after(change)

    def redo(self) -> list[str]:
        change = self.writable_store().redo()
        return self._after(change)

    def _after(self, change) -> list[str]:
        self.last_change = change
        if change is None:
            return []
        articles = [a for a in change.articles if a in self.corpus_ids]
        self.refresh(articles)
        return articles


class FieldsInvalid(SessionError):
    """Fields that failed validation; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _valid(raw_fields: dict) -> dict:
    fields, errors = validate_fields(raw_fields)
    if errors:
        raise FieldsInvalid(errors)
    return fields


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the white space and punctuation at its edges."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and (text[start].isspace() or text[start] in ",.;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


__all__ = [
    "PENDING",
    "FieldsInvalid",
    "ReviewClaim",
    "ReviewEntity",
    "ReviewSession",
    "SessionError",
]
