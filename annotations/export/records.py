"""Export records: a review session's claims, entities and clusters as plain dicts, built once.

Every exporter formats these records (the ``jsonl`` format writes them as they are), so all formats
agree on what was exported. Nothing is re-parsed: the records come from the session's merged view
(extraction + the store's decisions) and the store's links and clusters.

A status filter selects claims (default: the reviewed ones, accepted + corrected + added). Entity
records follow it: the reviewer's entity edits (relabelled, removed, added) are always exported;
the model's and rules' entities only when the filter includes ``pending``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..anchoring import make_selector
from ..article import Article
from ..citation import QUANTITY_FIELDS, claim_words, is_level
from ..fields import complete_fields
from ..reviewed import CLAIM_STATES, ENTITY_STATES, merge_entities

SCHEMA = "claimdesk.export/1"
REVIEWED_STATUSES = ("accepted", "corrected", "added")
ENTITY_EDITS = ("relabelled", "removed", "added")
CLAIM_LABEL = "CLAIM"  # the span label of a claim in Prodigy tasks, DocBins and brat files

ProgressCallback = Callable[[int, int, str], None]  # (done, total, what)


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export; nothing is written."""


class VisibleEntity(NamedTuple):
    """One of an article's current entities, as the document formats place it (ordered as the session
    orders entities: by start, end and id)."""

    start: int
    end: int
    id: str
    label: str
    status: str  # model | rule | relabelled | added


def parse_statuses(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"accepted,corrected"``, ``"reviewed"`` (accepted, corrected, added) or ``"all"`` → statuses.

    Raises ``ValueError`` naming the unknown status.
    """
    if text is None:
        return REVIEWED_STATUSES
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text) if n.strip()]
    wanted: set[str] = set()
    for name in names:
        if name == "all":
            wanted.update(CLAIM_STATES)
        elif name == "reviewed":
            wanted.update(REVIEWED_STATUSES)
        elif name in CLAIM_STATES:
            wanted.add(name)
        else:
            raise ValueError(f"unknown status {name!r}: use {', '.join(CLAIM_STATES)}, reviewed or all")
    if not wanted:
        raise ValueError("give at least one status")
    return tuple(s for s in CLAIM_STATES if s in wanted)


def article_meta(article: Article) -> dict:
    """The article block of every record."""
    return {"id": article.id, "path": article.path, "title": article.title, "source": article.source,
            "date": article.date, "url": article.url}


@dataclass
class ExportData:
    """What one export writes: records in corpus order, and the articles they belong to."""

    statuses: tuple[str, ...]
    corpus: str
    articles: dict[str, Article] = field(default_factory=dict)  # articles with records, corpus order
    claims: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    clusters: list[dict] = field(default_factory=list)
    visible: dict[str, list[VisibleEntity]] = field(default_factory=dict)  # article id → current entities
    linked_articles: dict[str, Article] = field(default_factory=dict)  # every article a link points to
    warnings: list[str] = field(default_factory=list)
    parses: object = None  # the ParseCache the document formats read each article's tokens from, if any
    counted: dict[str, int] = field(default_factory=lambda: {"claims": 0, "entities": 0, "clusters": 0})

    def header(self) -> dict:
        return {"kind": "header", "schema": SCHEMA, "corpus": self.corpus, "statuses": list(self.statuses),
                "counts": dict(self.counted)}

    def by_article(self) -> dict[str, tuple[list[dict], list[VisibleEntity]]]:
        """article id → (its claim records, its current entities), corpus order."""
        claims: dict[str, list[dict]] = defaultdict(list)
        for record in self.claims:
            claims[record["article"]["id"]].append(record)
        return {a: (claims.get(a, []), self.visible.get(a, [])) for a in self.articles}


def _claim_record(claim, meta: dict, selector: dict, links: list[dict], cluster: str | None) -> dict:
    return {
        "kind": "claim", "id": claim.id, "article": meta, "start": claim.start, "end": claim.end,
        "text": claim.text, "sentence": claim.sentence, "selector": selector, "status": claim.status,
        "fields": dict(claim.fields), "original": dict(claim.original), "changed": claim.changed_fields,
        "note": claim.note, "reviewer": claim.reviewer, "at": claim.at, "extracted": claim.extracted,
        "orphan": False, "links": links, "cluster": cluster,
    }


def _orphan_claim_record(doc: dict, meta: dict, links: list[dict], cluster: str | None) -> dict:
    """A decision whose text is no longer in the article: kept, flagged, with its old selector."""
    pos, quote = doc["selector"]["position"], doc["selector"]["quote"]
    original = complete_fields(doc["original"]) if doc.get("original") else {}
    fields = complete_fields(doc.get("fields") or {} if doc["status"] in ("corrected", "added") else original,
                             original)
    return {
        "kind": "claim", "id": doc["id"], "article": meta, "start": pos["start"], "end": pos["end"],
        "text": quote["exact"], "sentence": "", "selector": doc["selector"], "status": doc["status"],
        "fields": fields, "original": original,
        "changed": sorted(n for n in fields if original and original.get(n) != fields.get(n)),
        "note": doc.get("note", ""), "reviewer": doc.get("reviewer", ""), "at": doc.get("at", ""),
        "extracted": False, "orphan": True, "links": links, "cluster": cluster,
    }


def _entity_record(entity, meta: dict, selector: dict, action: str | None) -> dict:
    return {
        "kind": "entity", "id": entity.id, "article": meta, "start": entity.start, "end": entity.end,
        "text": entity.text, "label": entity.label, "status": entity.status, "model_label": entity.model_label,
        "action": action, "selector": selector, "reviewer": entity.reviewer, "at": entity.at, "orphan": False,
    }


def _orphan_entity_record(doc: dict, meta: dict) -> dict:
    pos = doc["selector"]["position"]
    return {
        "kind": "entity", "id": doc["id"], "article": meta, "start": pos["start"], "end": pos["end"],
        "text": doc["selector"]["quote"]["exact"], "label": doc.get("label", ""), "status": _entity_status(doc),
        "model_label": doc.get("model_label", ""), "action": doc["action"], "selector": doc["selector"],
        "reviewer": doc.get("reviewer", ""), "at": doc.get("at", ""), "orphan": True,
    }


def _link_record(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "article"}  # "article" repeats a.article


class _Graph:
    """The store's links and clusters, indexed by claim id (read once, not per claim)."""

    def __init__(self, store):
        self.links: dict[str, list[dict]] = defaultdict(list)
        self.clusters: dict[str, dict] = {}
        self.cluster_of: dict[str, list[str]] = defaultdict(list)
        for doc in store.links():
            record = _link_record(doc)
            for end in ("a", "b"):
                self.links[doc[end]["claim"]].append(record)
            if doc.get("cluster"):
                for end in ("a", "b"):
                    self.cluster_of[doc[end]["claim"]].append(doc["cluster"])
        for doc in store.clusters():
            self.clusters[doc["id"]] = doc
            for claim_id in doc.get("claims") or ():
                self.cluster_of[claim_id].append(doc["id"])

    def of(self, claim_id: str) -> tuple[list[dict], str | None]:
        links = sorted(self.links.get(claim_id, ()), key=lambda d: d["id"])
        clusters = sorted(set(self.cluster_of.get(claim_id, ())))
        return links, (clusters[0] if clusters else None)


@dataclass
class ArticleRecords:
    """One article's records: its claim records, its entity records, and (for the document formats) its
    current entities."""

    article: Article
    claims: list[dict]
    entities: list[dict]
    visible: list[VisibleEntity]


def build(session, statuses: Iterable[str] = REVIEWED_STATUSES, progress: ProgressCallback | None = None,
          *, documents: bool = False) -> ExportData:
    """The records of ``session`` whose claims have one of ``statuses`` (see the module notes), all in
    memory (:func:`iter_records` gives them article by article).

    ``documents``: also collect each exported article's current entities (``visible``), which the
    document formats (Prodigy, DocBin, brat) need.
    """
    data = ExportData(statuses=parse_statuses(statuses), corpus=str(session.corpus.root))
    for records in iter_records(session, data, progress, documents=documents):
        data.claims += records.claims
        data.entities += records.entities
    return data


def iter_records(session, data: ExportData, progress: ProgressCallback | None = None, *,
                 documents: bool = False, entities: bool = True, keep: bool = True) -> Iterator[ArticleRecords]:
    """The records of each article with any, in corpus order, for the statuses of ``data``; ``data``
    gets the articles, their current entities (with ``documents``), the counts, and once every
    article is done the clusters, the linked articles and the warnings. Memory holds one article's
    records at a time. ``entities=False``: claim records only (a format that writes no entity).
    ``keep=False``: ``data.articles`` holds each article without its text, and no linked article is
    kept (a format that writes each article's records as they come needs neither): memory then
    holds one article's text at a time, when the session's corpus reads its articles a page at a time."""
    wanted = set(data.statuses)
    entity_states = set(ENTITY_STATES) if "pending" in wanted else set(ENTITY_EDITS)
    if not entities:
        entity_states = set()
    store = session.store
    graph = _Graph(store)
    orphans: dict[str, list[dict]] = defaultdict(list)
    for doc in store.orphans():
        orphans[doc["article"]].append(doc)
    articles = session.articles
    corpus = session.corpus
    not_extracted = 0
    cluster_ids: set[str] = set()
    for done, article in enumerate(articles, 1):
        if progress:
            progress(done, len(articles), article.path)
        if not session.extracted(article.id):
            not_extracted += 1
        meta = article_meta(article)
        claims, exported, visible = _article_records(session, article, meta, wanted, graph,
                                                     orphans.get(article.id, []), entity_states, documents)
        if not (claims or exported):
            continue
        data.articles[article.id] = article if keep else replace(article, text="")
        if documents:
            data.visible[article.id] = visible
        data.counted["claims"] += len(claims)
        data.counted["entities"] += len(exported)
        for record in claims:
            cluster_ids.update(graph.cluster_of.get(record["id"], ()))
            for link in record["links"] if keep else ():
                for end in ("a", "b"):
                    linked = corpus.by_id(link[end]["article"])
                    if linked is not None:
                        data.linked_articles[linked.id] = linked
        yield ArticleRecords(article, claims, exported, visible)
    data.clusters = [_cluster_record(graph.clusters[c]) for c in sorted(cluster_ids) if c in graph.clusters]
    data.counted["clusters"] = len(data.clusters)
    if not_extracted:
        data.warnings.append(f"{not_extracted} of {len(articles)} articles are not extracted yet: only their "
                             "decisions are exported")
    strays = [a for a in store.articles() if a not in session.corpus_ids]
    if strays:
        data.warnings.append(f"annotations on {len(strays)} articles that are not in this corpus were "
                             "not exported")


def _article_records(session, article: Article, meta: dict, wanted: set[str], graph: _Graph, orphans: list[dict],
                     entity_states: set[str], documents: bool) -> tuple[list[dict], list[dict], list[VisibleEntity]]:
    """One article's claim records (filtered), its entity records (those in ``entity_states``, orphans
    included) and, with ``documents``, its current entities."""
    text = article.text
    claims = []
    for claim in session.claims(article.id):
        if claim.status in wanted:
            links, cluster = graph.of(claim.id)
            claims.append(_claim_record(claim, meta, make_selector(text, claim.start, claim.end), links, cluster))
    edits = session.store.entities(article.id) if entity_states or documents else []
    if "model" in entity_states:  # every entity is a record: the session's whole merge
        merged, untouched = session.entities(article.id), []
    elif entity_states or documents:
        merged, untouched = _edited_entities(session, article, edits)
    else:  # claims only
        merged, untouched = [], []
    actions = {d["id"]: d["action"] for d in edits}
    entities = [_entity_record(e, meta, make_selector(text, e.start, e.end), actions.get(e.id))
                for e in merged if e.status in entity_states]
    for doc in orphans:
        if doc["table"] == "claims" and doc["status"] in wanted:
            links, cluster = graph.of(doc["id"])
            claims.append(_orphan_claim_record(doc, meta, links, cluster))
        elif doc["table"] == "entities" and entity_states:
            entities.append(_orphan_entity_record(doc, meta))
    visible = []
    if documents:
        visible = [VisibleEntity(e.start, e.end, e.id, e.label, e.status) for e in merged if e.visible]
        visible += [VisibleEntity(e.start, e.end, e.id, e.label, e.origin) for e in untouched]
        visible.sort()
    return claims, entities, visible


def _edited_entities(session, article: Article, edits: list[dict]) -> tuple[list, list]:
    """An article's entities in two parts, without merging the hundreds no edit touches: those the
    reviewer's ``edits`` may touch (same id or same span), merged exactly as
    :meth:`~claimdesk.annotations.session.ReviewSession.entities` merges them, plus the added ones;
    and the extracted entities no edit touches, as extracted."""
    extraction = session.extraction(article.id)
    extracted = extraction.entities if extraction is not None else []
    if not edits:
        return [], list(extracted)
    ids = {d["id"] for d in edits}
    spans = {(d["selector"]["position"]["start"], d["selector"]["position"]["end"]) for d in edits}
    touched, untouched = [], []
    for entity in extracted:
        (touched if entity.id in ids or (entity.start, entity.end) in spans else untouched).append(entity)
    return merge_entities(article, touched, edits), untouched


def _entity_status(doc: dict) -> str:
    return {"relabel": "relabelled", "remove": "removed", "add": "added"}[doc["action"]]


def _cluster_record(doc: dict) -> dict:
    return {"kind": "cluster", **{k: v for k, v in doc.items() if k != "article"}}


def claim_summary(record: dict) -> str:
    """A claim in words from its fields (:func:`~claimdesk.annotations.citation.claim_words`): the quantity
    as written (or as corrected; by its unit's code where it has one), what is counted, the predicate, a
    change, and the source: "1,119 troops killed, according to Nagorno-Karabakh officials", "Vectura
    shares fell to 164 GBX, according to the company"."""
    fields = record["fields"]
    corrected = bool(QUANTITY_FIELDS & set(record["changed"]))
    sentence, text = record["sentence"], record["text"]
    at = sentence.find(text) if text else -1
    phrase = claim_words(text, fields, level=at > 0 and is_level(sentence, at), corrected=corrected)
    return f"{phrase}, according to {fields['source']}" if fields.get("source") else phrase


def urn(kind: str, key: str) -> str:
    """The IRI of a claim, entity or article in the JSON-LD formats: ``urn:claimdesk:claim:<id>``."""
    return f"urn:claimdesk:{kind}:{key}"
