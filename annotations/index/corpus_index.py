"""The corpus index: a corpus of any size as rows in one SQLite file, read a page at a time.

::

    index = CorpusIndex(corpus_path, extra_boilerplate=chrome)   # one file per corpus, in the cache folder
    index.sync(progress=report)                  # reads only the files that changed
    index.count(Filter(outlet="AP"))             # filters are queries: outlet, dates, pending, contradictions
    index.rows(Filter(pending=True), offset=200, limit=50)   # rows for a list (no text)
    index.article(article_id)                    # one article with its text, read on demand
    index.search("troops killed", limit=20)      # FTS5: ranked hits with snippets

Extraction results are kept per article under the key of what produced them
(:attr:`Extractor.results_key <claimdesk.annotations.extract.Extractor.results_key>`): read back
without the model or spaCy, and dropped when the article's text changes. "Pending only" is judged
against the claim ids the reviewer decided (:meth:`CorpusIndex.set_decided`), "has contradictions"
against the article ids the ledger flags (:meth:`CorpusIndex.set_contradicted`).

One index serves threads: reads go through one connection and writes (sync, extraction results)
through another, each behind its own lock; WAL mode lets reads run while a write is under way, and
lets other processes (a command while the app runs) read and write the same file. The first sync
builds the index in a file of its own that then replaces the empty one (:mod:`.build`); an index
whose file another process replaced so is reconnected to before the next write.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..article import Article
from ..corpus import Corpus, Skipped, check_corpus
from ..extract import ArticleExtraction
from ..nlp import default_cache_root
from ..own_files import keep_out_of_corpus
from . import search as fts
from .build import build_new, is_empty
from .extractions import claims_summary, decode, encode
from .schema import connect, identity
from .sync import ProgressCallback, SyncReport, sync, text_hash

ARTICLE_COLUMNS = "path, title, text, source, byline, date, url, format, crawled, problems"
ROW_COLUMNS = "id, path, title, source, date, words, format, n_claims, n_entities, problems"
BATCH = 500  # articles read per query when iterating
Candidates = tuple[str, list[str], list[str]]  # a full-text expression, sources, dates: see CorpusIndex.candidates
# the read connection's own tables (filters' lists): name and key column
TEMP_TABLES = {"decided": "id TEXT", "settled": "n INTEGER", "contradicted": "id TEXT", "assigned": "id TEXT"}


@dataclass(frozen=True)
class Filter:
    """Which articles a list shows; every condition given must hold.

    ``pending``: articles with an extracted claim the reviewer has not decided, or not extracted yet;
    ``contradictions``: articles :meth:`CorpusIndex.set_contradicted` named."""

    outlet: str | None = None  # the article's source, exactly
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    pending: bool = False
    contradictions: bool = False
    assigned: bool = False  # only the articles :meth:`CorpusIndex.set_assigned` named (a team reviewer's)

    def where(self) -> tuple[str, list]:
        """The SQL condition on ``a`` (the articles table) and its parameters."""
        parts, params = ["1"], []
        if self.outlet is not None:
            parts.append("a.source = ?")
            params.append(self.outlet)
        if self.since:
            parts.append("a.date != '' AND a.date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("a.date != '' AND a.date <= ?")
            params.append(self.until)
        if self.pending:  # not extracted, or not every claim decided (judged when decisions are given)
            parts.append("(a.n_claims IS NULL OR a.n NOT IN (SELECT n FROM temp.settled))")
        if self.contradictions:
            parts.append("a.id IN (SELECT id FROM temp.contradicted)")
        if self.assigned:
            parts.append("a.id IN (SELECT id FROM temp.assigned)")
        return " AND ".join(parts), params


ALL = Filter()


@dataclass(frozen=True)
class ArticleRow:
    """What a list shows of an article (no text)."""

    id: str
    path: str
    title: str
    source: str
    date: str
    words: int
    format: str
    claims: int | None  # None until extracted
    entities: int | None
    problems: tuple[str, ...]

    @classmethod
    def of(cls, row: tuple) -> ArticleRow:
        return cls(*row[:9], problems=tuple(json.loads(row[9])))


def index_path(root: Path, cache_dir: str | Path | None = None) -> Path:
    """The index file of the corpus at ``root``: ``<cache folder>/index/<hash of the path>.sqlite``."""
    base = Path(cache_dir) if cache_dir is not None else default_cache_root()
    digest = hashlib.sha1(str(root.expanduser().resolve()).encode("utf-8")).hexdigest()[:20]
    return base / "index" / f"{digest}.sqlite"


def _article(row: tuple) -> Article:
    path, title, text, source, byline, date, url, fmt, crawled, problems = row
    return Article(path=path, title=title, text=text, source=source, byline=byline, date=date, url=url,
                   format=fmt, crawled=crawled, problems=tuple(json.loads(problems)))


class CorpusIndex:
    """The index of one corpus (a folder or one file; the bundled samples when ``None``), read with
    ``extra_boilerplate`` chrome patterns (the store's :func:`~claimdesk.annotations.pipeline.chrome_patterns`)."""

    def __init__(self, root: str | Path | None = None, *, extra_boilerplate: Iterable[dict] = (),
                 cache_dir: str | Path | None = None, path: str | Path | None = None):
        self.root = check_corpus(root)
        self.extra_boilerplate = list(extra_boilerplate)
        self.path = Path(path) if path is not None else index_path(self.root, cache_dir)
        keep_out_of_corpus(self.path)  # never read as a corpus file, nor its -wal and -shm files
        self._read_lock = threading.RLock()
        self._write_lock = threading.RLock()
        self._open()

    # -- life ------------------------------------------------------------------------------------

    def _open(self, kept: dict[str, list[tuple]] | None = None) -> None:
        """Connect to the index file (and note which file it is); ``kept``: the rows of the read
        connection's own tables (:meth:`_kept`) to put back."""
        self._write = connect(self.path)
        self._read = connect(self.path)
        self._file = identity(self.path)
        for table, column in TEMP_TABLES.items():
            self._read.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({column} PRIMARY KEY)")
            if kept and kept.get(table):
                self._read.executemany(f"INSERT INTO temp.{table} VALUES (?)", kept[table])

    def _kept(self) -> dict[str, list[tuple]]:
        return {table: self._read.execute(f"SELECT * FROM temp.{table}").fetchall() for table in TEMP_TABLES}

    def _close_connections(self) -> None:
        self._write.close()
        self._read.close()

    def _reopen_if_replaced(self) -> None:
        """Another process's build from scratch put a new index file in place: connect to that one (writes
        to the old file would be lost). Called with both locks held."""
        if identity(self.path) != self._file:
            kept = self._kept()
            self._close_connections()
            self._open(kept)

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Read what changed in the corpus since the last sync. The first time, everything: into a file
        of its own that then replaces the empty index at once (:mod:`.build`); reads meanwhile see the
        empty index."""
        with self._write_lock:
            with self._read_lock:
                self._reopen_if_replaced()
            if not is_empty(self._write):
                return sync(self._write, self.root, self.extra_boilerplate, progress=progress)
            built = build_new(self.path, self.root, self.extra_boilerplate, progress)
            with self._read_lock:
                if identity(self.path) != self._file:  # another process put its build in place first
                    built.discard()
                    self._reopen_if_replaced()
                    return sync(self._write, self.root, self.extra_boilerplate, progress=progress)
                kept = self._kept()
                self._close_connections()
                try:
                    built.put_in_place()
                except BaseException as error:
                    built.discard()
                    self._open(kept)
                    if not isinstance(error, OSError):
                        raise
                    # (a system that renames no file another process holds open): synced in place instead
                    return sync(self._write, self.root, self.extra_boilerplate, progress=progress)
                self._open(kept)
            return built.report

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            self._close_connections()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._read_lock:
            return self._read.execute(sql, tuple(params)).fetchall()

    # -- the list --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.count()

    def count(self, where: Filter = ALL) -> int:
        sql, params = where.where()
        return self._query(f"SELECT count(*) FROM articles a WHERE {sql}", params)[0][0]

    def rows(self, where: Filter = ALL, offset: int = 0, limit: int | None = None) -> list[ArticleRow]:
        """The rows ``offset`` to ``offset + limit`` of the filtered list, in corpus order."""
        sql, params = where.where()
        return [ArticleRow.of(r) for r in self._query(  # the page found in the indexes, then its rows read
            f"SELECT {ROW_COLUMNS} FROM articles WHERE n IN (SELECT a.n FROM articles a WHERE {sql} "
            f"ORDER BY a.pos LIMIT ? OFFSET ?) ORDER BY pos", [*params, -1 if limit is None else limit, offset])]

    def ids(self, where: Filter = ALL) -> list[str]:
        """Every article id of the filtered list, in corpus order."""
        sql, params = where.where()
        return [r[0] for r in self._query(f"SELECT id FROM articles a WHERE {sql} ORDER BY a.pos", params)]

    def row(self, article_id: str) -> ArticleRow | None:
        found = self._query(f"SELECT {ROW_COLUMNS} FROM articles a WHERE id = ?", (article_id,))
        return ArticleRow.of(found[0]) if found else None

    def position(self, article_id: str, where: Filter = ALL) -> int | None:
        """Where the article is in the filtered list (None: not in it). The article's own row is checked
        against the filter (not the filtered list built to look for it: 30-80 ms at 100,000 articles)."""
        sql, params = where.where()
        found = self._query(
            f"SELECT (SELECT count(*) FROM articles a WHERE {sql} AND a.pos < t.pos) FROM articles t "
            f"WHERE t.id = ? AND EXISTS (SELECT 1 FROM articles a WHERE a.n = t.n AND {sql})",
            [*params, article_id, *params])
        return found[0][0] if found else None

    def neighbours(self, article_id: str | None, where: Filter = ALL, step: int = 1, limit: int = 50,
                   until: str | None = None) -> list[str]:
        """Ids of up to ``limit`` articles of the filtered list after (``step`` > 0) or before the article
        in corpus order, nearest first (the article need not be in the list): from the first (or the
        last) article when ``article_id`` is None, and not reaching article ``until`` when given."""
        sql, params = where.where()
        after, order = (">", "ASC") if step > 0 else ("<", "DESC")
        if article_id is not None:
            sql += f" AND a.pos {after} (SELECT pos FROM articles WHERE id = ?)"
            params = [*params, article_id]
        if until is not None:
            sql += f" AND a.pos {'<' if step > 0 else '>'} (SELECT pos FROM articles WHERE id = ?)"
            params = [*params, until]
        return [r[0] for r in self._query(f"SELECT id FROM articles a WHERE {sql} ORDER BY a.pos {order} LIMIT ?",
                                          [*params, limit])]

    def review_counts(self) -> dict[str, tuple[int, int]]:
        """(decided claims, claims) of every extracted article, the decided ones as :meth:`set_decided`
        and :meth:`decide` give them."""
        with self._read_lock:
            decided = dict(self._read.execute(
                "SELECT c.n, count(*) FROM temp.decided d JOIN claim_ids c ON c.id = d.id GROUP BY c.n").fetchall())
            return {i: (decided.get(n, 0), claims) for i, n, claims in self._read.execute(
                "SELECT id, n, n_claims FROM articles WHERE n_claims IS NOT NULL")}

    def outlets(self) -> list[tuple[str, int]]:
        """Every source with its number of articles, most first ("" for articles that name none)."""
        return [(s, n) for s, n in self._query(
            "SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source")]

    def date_range(self) -> tuple[str, str] | None:
        """The first and last dates articles state (None when none does)."""
        found = self._query("SELECT min(date), max(date) FROM articles WHERE date != ''")[0]
        return None if found[0] is None else (found[0], found[1])

    # -- articles --------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """One article with its text."""
        found = self._query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _article(found[0]) if found else None

    def articles(self, where: Filter = ALL) -> Iterator[Article]:
        """The filtered articles with their texts, in corpus order, read :data:`BATCH` at a time."""
        sql, params = where.where()
        last = -1
        while True:
            batch = self._query(f"SELECT a.pos, {ARTICLE_COLUMNS} FROM articles a WHERE {sql} AND a.pos > ? "
                                "ORDER BY a.pos LIMIT ?", [*params, last, BATCH])
            for row in batch:
                yield _article(row[1:])
            if len(batch) < BATCH:
                return
            last = batch[-1][0]

    def skipped(self) -> list[Skipped]:
        """What the corpus loader could not read, file by file in corpus order."""
        out = []
        for (skips,) in self._query("SELECT skipped FROM files WHERE skipped != '[]' ORDER BY ord"):
            out.extend(Skipped(path, reason) for path, reason in json.loads(skips))
        return out

    def corpus(self) -> Corpus:
        """The whole corpus, as :func:`~claimdesk.annotations.corpus.load_corpus` gives it."""
        return Corpus(root=self.root, articles=list(self.articles()), skipped=self.skipped())

    # -- search ----------------------------------------------------------------------------------

    def search(self, query: str, where: Filter = ALL, limit: int = 20) -> list[fts.Hit]:
        """The articles matching ``query`` (see :mod:`.search`), best first, within the filter. The
        ranking reads the FTS5 index alone (at most :data:`~.search.RANKED_MATCHES` matches); snippets
        are cut for the ``limit`` best only."""
        expression = fts.match_expression(query)
        if expression is None:
            return []
        sql, params = where.where()
        # "+rowid": the filter is applied to FTS5's matches, never handed to FTS5 as a rowid constraint
        # (FTS5 would then run the MATCH once per filtered article: 7 s at 10,000, against 5 ms)
        within = "" if where == ALL else f"AND +rowid IN (SELECT a.n FROM articles a WHERE {sql})"
        within_params = params if within else []
        weights = ", ".join(str(w) for w in fts.WEIGHTS)
        last = self._query(  # the first of the RANKED_MATCHES matches indexed last, if there are more
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? {within} ORDER BY rowid DESC "
            f"LIMIT 1 OFFSET ?", [expression, *within_params, fts.RANKED_MATCHES - 1])
        best = self._query(
            f"SELECT rowid, bm25(articles_fts, {weights}) AS score FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND rowid >= ? {within} ORDER BY score LIMIT ?",
            [expression, last[0][0] if last else 0, *within_params, limit])
        if not best:
            return []
        marks = ", ".join("?" * len(best))
        shown = {row[0]: row[1:] for row in self._query(
            f"SELECT n, id, path, title, text, claims FROM articles WHERE n IN ({marks})", [n for n, _ in best])}
        hits = []
        for n, score in best:
            id_, path, title, text, claims = shown[n]
            hits.append(fts.Hit(id_, path, title, *fts.snippet(query, text, title, claims), rank=score))
        return hits

    def distinct(self, column: str) -> list[str]:
        """Every value of ``column`` ("source" or "date"), each once, in order: one step down its index per
        value (a corpus has few outlets and dates), never a walk over the articles."""
        if column not in ("source", "date"):
            raise ValueError(f"no index to read the values of {column!r} from")
        values: list[str] = []
        while True:
            after = "" if not values else f"WHERE {column} > ?"
            found = self._query(f"SELECT min({column}) FROM articles {after}", values[-1:])[0][0]
            if found is None:
                return values
            values.append(found)

    def candidates(self, conditions: list[Candidates], after: int = -1, limit: int = BATCH) -> list[tuple[int, str]]:
        """(position, id) of the next ``limit`` articles after position ``after``, in corpus order, that
        meet every condition: its full-text expression matches the article (any column), or the
        article's source or date is one of those given. Read from the matches, never by walking the
        articles."""
        parts, params = [], []
        for expression, sources, dates in conditions:
            union = ["SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"]
            params.append(expression)
            for column, values in (("source", sources), ("date", dates)):
                if values:
                    union.append(f"SELECT n FROM articles WHERE {column} IN ({', '.join('?' * len(values))})")
                    params += values
            parts.append(f"a.n IN ({' UNION '.join(union)})")
        where = " AND ".join(parts) or "1"
        # "+pos": the matches are read and sorted, not the articles walked in order to find them
        return self._query(f"SELECT a.pos, a.id FROM articles a WHERE {where} AND +a.pos > ? ORDER BY +a.pos LIMIT ?",
                           [*params, after, limit])

    def known_claims(self, claim_ids: Iterable[str]) -> set[str]:
        """Those of ``claim_ids`` that are claims of the extraction results stored (whose summaries search reads)."""
        ids, known = iter(claim_ids), set()
        while batch := list(islice(ids, BATCH)):
            known.update(r[0] for r in self._query(
                f"SELECT id FROM claim_ids WHERE id IN ({', '.join('?' * len(batch))})", batch))
        return known

    # -- what the reviewer decided, for filters --------------------------------------------------

    def set_decided(self, claim_ids: Iterable[str]) -> None:
        """The claim ids the reviewer decided (accepted, corrected, rejected): ``pending`` leaves out
        articles whose every extracted claim is among them. Give them again once extraction is done
        (articles extracted since are judged then)."""
        with self._read_lock:
            self._replace("decided", claim_ids)
            self._settle(None)

    def decide(self, claim_ids: Iterable[str], decided: bool = True) -> None:
        """Add (or with ``decided=False`` remove) decided claim ids, after a decision or an undo."""
        claim_ids = list(claim_ids)
        with self._read_lock:
            self._read.execute("BEGIN")
            if decided:
                self._read.executemany("INSERT OR IGNORE INTO temp.decided VALUES (?)", ((i,) for i in claim_ids))
            else:
                self._read.executemany("DELETE FROM temp.decided WHERE id = ?", ((i,) for i in claim_ids))
            self._read.execute("COMMIT")
            self._settle(claim_ids)

    def _settle(self, claim_ids: list[str] | None) -> None:
        """temp.settled: the extracted articles whose every claim is decided (those holding ``claim_ids``
        only, or all)."""
        marks = ", ".join("?" * len(claim_ids)) if claim_ids is not None else ""
        touched = f"WHERE c.n IN (SELECT n FROM claim_ids WHERE id IN ({marks}))" if claim_ids is not None else ""
        params = claim_ids or []
        self._read.execute("BEGIN")
        self._read.execute(f"DELETE FROM temp.settled WHERE n IN (SELECT c.n FROM claim_ids c {touched})"
                           if touched else "DELETE FROM temp.settled", params)
        self._read.execute(
            f"INSERT OR IGNORE INTO temp.settled SELECT c.n FROM claim_ids c JOIN articles a ON a.n = c.n {touched} "
            "GROUP BY c.n HAVING sum(c.id IN (SELECT id FROM temp.decided)) = max(a.n_claims)", params)
        self._read.execute("COMMIT")

    def set_contradicted(self, article_ids: Iterable[str]) -> None:
        """The articles holding a claim whose cluster has a contradiction (the ledger's flag)."""
        self._replace("contradicted", article_ids)

    def set_assigned(self, article_ids: Iterable[str]) -> None:
        """The articles ``Filter(assigned=True)`` lists (in a team project, those dealt to a reviewer)."""
        self._replace("assigned", article_ids)

    def _replace(self, table: str, ids: Iterable[str]) -> None:
        with self._read_lock:
            self._read.execute("BEGIN")
            self._read.execute(f"DELETE FROM temp.{table}")
            self._read.executemany(f"INSERT OR IGNORE INTO temp.{table} VALUES (?)", ((i,) for i in ids))
            self._read.execute("COMMIT")

    # -- extraction results ----------------------------------------------------------------------

    def extracted_ids(self, key: str) -> set[str]:
        """The ids of the articles whose results under ``key``, for their current text, are stored."""
        return {r[0] for r in self._query(
            "SELECT a.id FROM extractions e JOIN articles a ON a.n = e.n WHERE e.key = ? "
            "AND e.text_hash = a.text_hash", (key,))}

    def extractions(self, key: str, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleExtraction | None]]:
        """Each of ``articles`` with its stored result under ``key`` (None when it has none for its
        current text), in the order given; read :data:`BATCH` articles at a time."""
        articles = iter(articles)
        while batch := list(islice(articles, BATCH)):
            marks = ", ".join("?" * len(batch))
            found = {i: (digest, data) for i, digest, data in self._query(
                f"SELECT a.id, e.text_hash, e.data FROM extractions e JOIN articles a ON a.n = e.n "
                f"WHERE e.key = ? AND e.text_hash = a.text_hash AND a.id IN ({marks})",
                [key, *(a.id for a in batch)])}
            for article in batch:
                digest, data = found.get(article.id, (None, None))
                # the article given may not have the text of its row (a corpus read another way)
                usable = data is not None and digest == text_hash(article.text)
                yield article, decode(article, data) if usable else None

    def extraction(self, article: Article, key: str) -> ArticleExtraction | None:
        """The stored result of ``article`` under ``key`` (None when it has none for its current text)."""
        found = self._query("SELECT e.data FROM extractions e JOIN articles a ON a.n = e.n "
                            "WHERE a.id = ? AND e.key = ? AND e.text_hash = ?",
                            (article.id, key, text_hash(article.text)))
        return decode(article, found[0][0]) if found else None

    def put_extractions(self, key: str, results: Iterable[ArticleExtraction]) -> int:
        """Store results extracted under ``key`` (for the texts they were extracted from), with each
        article's claims summary for search and its claim ids for filters. Returns how many were
        stored (an article no longer in the index, or whose text changed since, is passed over)."""
        stored = 0
        with self._write_lock:
            with self._read_lock:
                self._reopen_if_replaced()
            conn = self._write
            conn.execute("BEGIN IMMEDIATE")
            try:
                for result in results:
                    article = result.article
                    found = conn.execute("SELECT n, text_hash, claims FROM articles WHERE id = ?",
                                         (article.id,)).fetchone()
                    digest = text_hash(article.text)
                    if found is None or found[1] != digest:
                        continue
                    n, _, old_summary = found
                    conn.execute("INSERT OR REPLACE INTO extractions (n, key, text_hash, data) VALUES (?, ?, ?, ?)",
                                 (n, key, digest, encode(result)))
                    summary = claims_summary(result)
                    if old_summary != summary:
                        conn.execute("UPDATE articles SET claims = ? WHERE n = ?", (summary, n))
                    conn.execute("UPDATE articles SET n_claims = ?, n_entities = ? WHERE n = ?",
                                 (len(result.claims), len(result.entities), n))
                    conn.execute("DELETE FROM claim_ids WHERE n = ?", (n,))
                    conn.executemany("INSERT OR IGNORE INTO claim_ids VALUES (?, ?)",
                                     ((n, c.id) for c in result.claims))
                    result.stored = True
                    stored += 1
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return stored
