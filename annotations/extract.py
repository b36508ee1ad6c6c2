"""Corpus → parsed Docs (from the cache, or the model in batches) → rules → claims and entities.

The statistical model runs only for texts the cache does not hold; learned rules and the claim finder
run on every Doc, cached or fresh, so changing rules is cheap. Typical use::

    extractor = Extractor()                      # default model, user cache, no rules
    results = extractor.extract(corpus.articles, progress=callback)   # callback(done, total, path)
    extractor.set_rules(rules_for_extractor(store))   # later: new learned rules, no re-parse
    one = extractor.extract_one(article)

Rules are the store's rule documents of every kind (see :mod:`claimdesk.annotations.rules`) or bare
entity-ruler patterns (``{"label", "pattern", "id"}``).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .article import Article
from .entities import Entity, RuleSet, find_entities
from .extraction.claims import Claim, ClaimReading, Dropped, find_claims, quote_id, read_claims
from .extraction.compiled import ExtractionRules, learned_boilerplate, rules_for_extractor
from .extraction.roles import ClaimLexicon
from .nlp import (
    DEFAULT_MODEL,
    PART_CHARS,
    ParseCache,
    doc_from_bytes,
    doc_to_bytes,
    load_model,
    model_key,
    parse_in_parts,
    text_parts,
)

ProgressCallback = Callable[[int, int, str], None]  # (done, total, article path)


@dataclass
class ArticleExtraction:
    """What was extracted from one article."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    cached: bool = False  # the parse came from the cache
    dropped: list[Dropped] = field(default_factory=list)  # numbers ruled out as claims, with the filter
    stored: bool = False  # kept in the corpus index under the extractor's results key

    def records(self) -> list[dict]:
        """The ``extract --json`` records: claims, then entities."""
        path = self.article.path
        return [c.to_record(path) for c in self.claims] + [e.to_record(path) for e in self.entities]

    def json_lines(self) -> list[str]:
        """The ``extract --json`` lines (without line ends): each claim, then each entity."""
        return [json.dumps(record, ensure_ascii=False) for record in self.records()]


# What extraction results depend on besides the text, the model and the rules: this code, the stored form
# of results (index/extractions.py: a new claim column is a new form), and the libraries it reads numbers,
# units and dates with.
_EXTRACTION_CODE = ("extract.py", "entities.py", "numbers.py", "nlp.py", "extraction", "index/extractions.py")
_EXTRACTION_LIBRARIES = ("spacy", "pint", "text2num", "python-dateutil")
RULE_FIELDS = ("id", "kind", "article", "enabled", "data", "label", "pattern")  # what a rule's effect depends on


@lru_cache(maxsize=1)
def extraction_code_key() -> str:
    """A hash of the extraction code and of the versions of the libraries it uses: results stored under
    an older key are extracted again."""
    digest = hashlib.sha1()
    folder = Path(__file__).resolve().parent
    for name in _EXTRACTION_CODE:
        for path in sorted((folder / name).rglob("*.py")) if (folder / name).is_dir() else [folder / name]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for package in _EXTRACTION_LIBRARIES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()


def results_key(model_key_: str, rules: list[dict]) -> str:
    """The key extraction results are stored under: the extraction code, the model, and the rules as the
    store lists them (:func:`rules_for_extractor`), read without compiling them (no spaCy)."""
    shown = [{k: rule[k] for k in RULE_FIELDS if k in rule} for rule in rules]
    payload = json.dumps([extraction_code_key(), model_key_, shown], sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


class Extractor:
    """Extracts claims and entities, keeping the model (loaded on first need), the cache and the rules.

    Rules given as the store lists them (dicts) are compiled on first use, so an extractor whose
    results all come from the corpus index never imports spaCy; :attr:`results_key` names the results
    they give (None for rules given compiled: such results are not stored)."""

    def __init__(self, model: str = DEFAULT_MODEL, *, rules: Iterable[dict] | RuleSet | ExtractionRules = (),
                 use_cache: bool = True, cache_dir: str | Path | None = None, jobs: int = 1,
                 batch_size: int = 16):
        self.model_name = model
        self.model_key = model_key(model)  # raises ModelNotFound early, before any work
        self._rules: ExtractionRules | None = None
        self._given: list[dict] | RuleSet | ExtractionRules = rules
        self.results_key: str | None = None
        if not isinstance(rules, (RuleSet, ExtractionRules)):
            self._given = list(rules)
            self.results_key = results_key(self.model_key, self._given)
        self.cache = ParseCache(model, cache_dir) if use_cache else None
        self.jobs = max(1, int(jobs))
        self.batch_size = batch_size
        self._nlp = None
        self.parsed = 0  # texts the model parsed in this extractor's life
        self.notes: list[str] = []  # what was done out of the ordinary (a long article parsed in parts)

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.model_name)
        return self._nlp

    @property
    def rules(self) -> ExtractionRules:
        """The rules, compiled (on first use: it loads spaCy)."""
        if self._rules is None:
            self._rules = _compiled(self._given)
        return self._rules

    def set_rules(self, rules: Iterable[dict] | RuleSet | ExtractionRules) -> None:
        """Replace the learned rules; the next extraction applies them to cached parses."""
        vocab = self._rules.vocab if self._rules is not None else None
        if isinstance(rules, (RuleSet, ExtractionRules)):
            self.results_key = None
        else:
            rules = list(rules)
            self.results_key = results_key(self.model_key, rules)
        self._given = rules
        self._rules = _compiled(rules, vocab=vocab)

    # -- parsing ---------------------------------------------------------------------------------

    def _cached(self, text: str):
        return self.cache.get(text, self.rules.vocab) if self.cache is not None else None

    def _parse(self, texts: list[str]):
        """Parse ``texts`` with the model in batches; yield (Doc read back into the rules' vocab, bytes).
        A text over :data:`PART_CHARS` characters is parsed in parts (:func:`parse_in_parts`) and noted."""
        short = [text for text in texts if len(text) <= PART_CHARS]
        n_process = self.jobs if len(short) >= 2 * self.jobs else 1
        with stopped_by_interrupt() if n_process > 1 else nullcontext():
            piped = iter(self.nlp.pipe(short, batch_size=self.batch_size, n_process=n_process))
            for text in texts:
                doc = next(piped) if len(text) <= PART_CHARS else parse_in_parts(self.nlp, text, PART_CHARS)
                data = doc_to_bytes(doc)
                if self.cache is not None:
                    self.cache.put_bytes(text, data)
                self.parsed += 1
                yield doc_from_bytes(data, self.rules.vocab), data

    def cached_doc(self, article: Article):
        """The article's parsed Doc from the cache (no rules applied), or None: the model never runs."""
        return self._cached(article.text)

    def doc(self, article: Article):
        """The parsed Doc of one article, from the cache when it is there (no rules applied)."""
        doc = self._cached(article.text)
        if doc is None:
            doc = next(iter(self._parse([article.text])))[0]
        return doc

    # -- extraction ------------------------------------------------------------------------------

    def from_doc(self, article: Article, doc, *, cached: bool = False,
                 rules: ExtractionRules | None = None) -> ArticleExtraction:
        """Apply the rules (``rules``, default this extractor's) to a parsed Doc (its entities change in
        place) and read claims and entities off it."""
        rules = self.rules if rules is None else rules
        model_ents = {(e.start, e.end, e.label_) for e in doc.ents} if rules.changes_entities else None
        doc = rules.apply(doc)
        reading = read_claims(doc, article.id, article.date, text=article.text, lexicon=rules.lexicon)
        entities = find_entities(doc, article.id, model_ents, text=article.text)
        claims, entities = rules.filter(article, doc, reading.claims, entities)
        return ArticleExtraction(article=article, claims=claims, entities=entities, cached=cached,
                                 dropped=reading.dropped)

    def extract_one(self, article: Article) -> ArticleExtraction:
        doc = self._cached(article.text)
        cached = doc is not None
        if doc is None:
            doc = next(iter(self._parse([article.text])))[0]
        return self.from_doc(article, doc, cached=cached)

    def extract(self, articles: Iterable[Article], progress: ProgressCallback | None = None) -> list[ArticleExtraction]:
        """Extract every article, in order. Cached parses first, then the rest through the model."""
        articles = list(articles)
        results: list[ArticleExtraction | None] = [None] * len(articles)
        for done, (i, result) in enumerate(self.iter_extract(articles), 1):
            results[i] = result
            if progress:
                progress(done, len(articles), result.article.path)
        return [r for r in results if r is not None]

    def iter_extract(self, articles: Iterable[Article]) -> Iterator[tuple[int, ArticleExtraction]]:
        """Yield (index, result) as each article is done: every cached one first (no model needed),
        then the others as the model parses them in batches. The model is loaded only if needed."""
        articles = list(articles)
        pending: dict[str, list[int]] = {}  # text → indexes of articles with that text, not in the cache
        for i, article in enumerate(articles):
            if article.text in pending:
                pending[article.text].append(i)
                continue
            doc = self._cached(article.text)
            if doc is None:
                pending[article.text] = [i]
                continue
            yield i, self.from_doc(article, doc, cached=True)
        texts = list(pending)
        if not texts:
            return
        for text, (doc, data) in zip(texts, self._parse(texts), strict=True):
            if len(text) > PART_CHARS:
                self.notes.append(f"{articles[pending[text][0]].path}: {len(text):,} characters, parsed in "
                                  f"{len(text_parts(text, PART_CHARS))} parts of at most {PART_CHARS:,}")
            for n, i in enumerate(pending[text]):
                if n:  # the same text twice: a fresh copy of the Doc for each article
                    doc = doc_from_bytes(data, self.rules.vocab)
                yield i, self.from_doc(articles[i], doc, cached=False)


@contextmanager
def stopped_by_interrupt() -> Iterator[None]:
    """While parser processes run: Ctrl-C (SIGINT) terminates them before it interrupts this process.

    spaCy's multi-process pipe joins its workers when it is closed; a worker stuck writing to a full
    pipe (its reader gone) never ends, so without this an interrupted ``extract --jobs N`` hangs. The
    parse cache stays consistent whatever is cut short: each file is written to a temporary name and
    renamed. Only the main thread can handle signals: elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame) -> None:
        for child in multiprocessing.active_children():
            child.terminate()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _compiled(rules, vocab=None) -> ExtractionRules:
    return rules if isinstance(rules, ExtractionRules) else ExtractionRules(rules, vocab=vocab)


def extract_corpus(articles: Iterable[Article], *, model: str = DEFAULT_MODEL, rules: Iterable[dict] = (),
                   use_cache: bool = True, jobs: int = 1, progress: ProgressCallback | None = None,
                   cache_dir: str | Path | None = None) -> list[ArticleExtraction]:
    """One-shot: extract claims and entities from ``articles`` (see :class:`Extractor`)."""
    extractor = Extractor(model, rules=rules, use_cache=use_cache, jobs=jobs, cache_dir=cache_dir)
    return extractor.extract(articles, progress=progress)


__all__ = [
    "ArticleExtraction",
    "Claim",
    "ClaimLexicon",
    "ClaimReading",
    "Dropped",
    "Entity",
    "ExtractionRules",
    "Extractor",
    "extract_corpus",
    "find_claims",
    "learned_boilerplate",
    "quote_id",
    "read_claims",
    "rules_for_extractor",
]
