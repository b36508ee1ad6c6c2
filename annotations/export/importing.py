"""Import annotations into a store: our own ``jsonl`` export, and Prodigy JSONL tasks.

``jsonl`` records are written back as they were exported (reviewer and time kept), so export →
import → export gives the same lines. Prodigy tasks are matched to articles by ``meta.article``, else
by finding their ``text`` in an article; ``CLAIM`` spans (or ``meta.claim``) become claim decisions
from ``answer`` (accept → accepted, or corrected when ``meta.fields`` differ; reject → rejected), other
spans entity annotations (accept → added or relabelled; reject → removed) — the same records a
reviewer makes, so the rules learn from them. ``ignore`` imports nothing. Fields an earlier claimdesk
did not have (unit, change, from_value, of_value, of_unit) are left to the extractor where a record lacks
them; fields in the retired unit ``fraction`` are read with no unit, the value unchanged
(:func:`~claimdesk.annotations.fields.retire_fraction`).

Everything goes in as one journal entry (one undo step). A record already in the store with other
content is skipped unless ``replace``; lines that cannot be imported are reported with their number,
never dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..anchoring import anchor, check_selector, make_selector
from ..fields import ADDED_FIELDS, retire_fraction, validate_fields
from ..ids import short_hash, utc_now
from ..sanitize import clean_line
from ..store.records import CLAIM_STATUSES, ENTITY_ACTIONS, LINK_TYPES
from .records import CLAIM_LABEL, SCHEMA

TABLES = ("claims", "entities", "links", "clusters")
ANSWERS = ("accept", "reject", "ignore")
FORMATS = ("jsonl", "prodigy")
MAX_LABEL = 50

ProgressCallback = Callable[[int, int, str], None]


class LineError(ValueError):
    """A line that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    """What an import did."""

    format: str
    lines: int = 0
    written: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TABLES})
    unchanged: int = 0  # already in the store as they are (or a decision the store already holds)
    skipped: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in TABLES})  # not replaced
    ignored: int = 0  # pending claims, model entities, tasks answered "ignore": nothing to import
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line number, why it was not imported)
    articles: set[str] = field(default_factory=set)  # ids of the articles touched

    @property
    def total_written(self) -> int:
        return sum(self.written.values())

    @property
    def total_skipped(self) -> int:
        return sum(len(ids) for ids in self.skipped.values())

    @property
    def complete(self) -> bool:
        """Everything in the file is in the store now."""
        return not self.problems and not self.total_skipped


def read_lines(path: str | Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed JSON or the ``LineError`` for a bad line) for every non-blank line."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError as error:
                yield number, LineError(f"not JSON ({error.msg})")


def detect_format(path: str | Path) -> str:
    """``jsonl`` (our export: records with a ``kind``) or ``prodigy`` (tasks with a ``text``)."""
    for _, record in read_lines(path):
        if isinstance(record, dict) and record.get("kind") in ("header", "claim", "entity", "cluster"):
            return "jsonl"
        if isinstance(record, dict) and "text" in record:
            return "prodigy"
        break
    raise ValueError("not a claimdesk JSON Lines export nor Prodigy JSONL (the first line has neither a "
                     "'kind' nor a 'text')")


def import_file(path: str | Path, session, *, fmt: str | None = None, replace: bool = False,
                progress: ProgressCallback | None = None) -> ImportReport:
    """Import ``path`` into the session's annotation file (articles from ``session.corpus``), through its
    write gate (a read-only session refuses before the file is read). Prodigy tasks need the session's
    extraction (to know the claims and entities already there)."""
    store = session.writable_store()
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown import format {fmt!r}: use {' or '.join(FORMATS)}")
    report = ImportReport(fmt)
    reader = (_JsonlReader if fmt == "jsonl" else _ProdigyReader)(session, report)
    lines = list(read_lines(path))
    for done, (number, record) in enumerate(lines, 1):
        report.lines += 1
        try:
            if isinstance(record, Exception):
                raise record
            if not isinstance(record, dict):
                raise LineError("not a JSON object")
            reader.read(record)
        except LineError as error:
            report.problems.append((number, str(error)))
        except (KeyError, TypeError, ValueError) as error:
            report.problems.append((number, f"malformed record ({type(error).__name__}: {error})"))
        if progress and (done % 200 == 0 or done == len(lines)):
            progress(done, len(lines), "")
    _write(store, reader.docs, replace, report)
    if report.articles:
        session.refresh(report.articles)
    return report


def _write(store, docs: dict[str, dict[str, dict]], replace: bool, report: ImportReport) -> None:
    if not any(docs.values()):
        return
    with store.batch("import"):
        for table in TABLES:
            written, skipped = store.put_records(table, list(docs[table].values()), action="import",
                                                 replace=replace)
            report.written[table] += len(written)
            report.skipped[table] += skipped
            report.unchanged += len(docs[table]) - len(written) - len(skipped)
            for key in written:
                doc = docs[table][key]
                for ref in (doc, doc.get("a"), doc.get("b")):
                    if isinstance(ref, dict) and ref.get("article"):
                        report.articles.add(ref["article"])


class _Reader:
    """Turns records into store documents, by table (the last record of an id wins)."""

    def __init__(self, session, report: ImportReport):
        self.session = session
        self.report = report
        self.docs: dict[str, dict[str, dict]] = {t: {} for t in TABLES}
        self.articles = session.corpus.articles
        self._by_id = {a.id: a for a in self.articles}
        self._by_path = {a.path: a for a in self.articles}

    def article(self, ref: str):
        return self._by_id.get(ref) or self._by_path.get(ref)

    def put(self, table: str, doc: dict) -> None:
        self.docs[table][doc["id"]] = doc


class _JsonlReader(_Reader):
    def read(self, record: dict) -> None:
        kind = record.get("kind")
        if kind == "header":
            if not str(record.get("schema", "")).startswith(SCHEMA.split("/")[0] + "/"):
                raise LineError(f"not a claimdesk export (schema {record.get('schema')!r})")
            return
        if kind == "cluster":
            self.put("clusters", _cluster_doc(record, self.session.store.reviewer))
            return
        if kind not in ("claim", "entity"):
            raise LineError(f"unknown record kind {kind!r}")
        ref = record["article"]
        article = self.article(ref.get("id", "")) or self.article(ref.get("path", ""))
        if article is None:
            raise LineError(f"article {clean_line(str(ref.get('path') or ref.get('id')))!r} is not in this corpus")
        selector, orphan = _placed(record["selector"], article.text)
        who = {"reviewer": clean_line(str(record.get("reviewer") or "")) or self.session.store.reviewer,
               "at": str(record.get("at") or "") or utc_now()}
        if kind == "claim":
            for link in record.get("links") or ():
                self.put("links", _link_doc(link, self.session.store.reviewer))
            if record["status"] == "pending":
                self.report.ignored += 1
                return
            self.put("claims", _claim_doc(record, article.id, selector, orphan, who))
        elif record.get("action"):
            self.put("entities", _entity_doc(record, article.id, selector, orphan, who))
        else:
            self.report.ignored += 1  # a model or rule entity: nothing a reviewer said


def _placed(selector: dict, text: str) -> tuple[dict, bool]:
    """The selector in this corpus's text (re-anchored if the text moved), and whether it is an orphan."""
    selector = check_selector(selector)
    found = anchor(selector, text)
    if found is None:
        return selector, True
    return make_selector(text, found.start, found.end), False


def _claim_doc(record: dict, article_id: str, selector: dict, orphan: bool, who: dict) -> dict:
    status = record["status"]
    if status not in CLAIM_STATUSES:
        raise LineError(f"unknown claim status {status!r}")
    fields = {}
    if status in ("corrected", "added"):
        fields, errors = validate_fields(retire_fraction(record["fields"]), keep_absent=True)  # 0.1: no unit
        if errors:
            raise LineError("invalid fields: " + "; ".join(errors.values()))
    doc = {"id": str(record["id"]), "article": article_id, "selector": selector, "status": status, "fields": fields,
           **who}
    if record.get("original") and status != "added":
        doc["original"] = dict(retire_fraction(record["original"]))
    if record.get("note"):
        doc["note"] = clean_line(str(record["note"]))
    if orphan:
        doc["orphan"] = True
    return doc


def _entity_doc(record: dict, article_id: str, selector: dict, orphan: bool, who: dict) -> dict:
    action = record["action"]
    if action not in ENTITY_ACTIONS:
        raise LineError(f"unknown entity action {action!r}")
    label = "" if action == "remove" else _label(record["label"])
    doc = {"id": str(record["id"]), "article": article_id, "selector": selector, "action": action, "label": label,
           **who}
    if record.get("model_label") and action != "add":
        doc["model_label"] = _label(record["model_label"])
    if orphan:
        doc["orphan"] = True
    return doc


def _link_doc(link: dict, reviewer: str) -> dict:
    if link["type"] not in LINK_TYPES:
        raise LineError(f"unknown link type {link['type']!r}")
    ends = {end: {"claim": str(link[end]["claim"]), "article": str(link[end]["article"])} for end in ("a", "b")}
    doc = {"id": str(link["id"]), **ends, "type": link["type"], "article": ends["a"]["article"],
           "reviewer": str(link.get("reviewer") or reviewer), "at": str(link.get("at") or utc_now())}
    for key in ("cluster", "note"):
        if link.get(key):
            doc[key] = str(link[key])
    return doc


def _cluster_doc(record: dict, reviewer: str) -> dict:
    doc = {"id": str(record["id"]), "name": clean_line(str(record.get("name", ""))),
           "claims": [str(c) for c in record.get("claims") or ()], "article": "",
           "reviewer": str(record.get("reviewer") or reviewer), "at": str(record.get("at") or utc_now())}
    if record.get("note"):
        doc["note"] = clean_line(str(record["note"]))
    return doc


def _label(value) -> str:
    label = clean_line(str(value or ""))
    if not label or len(label) > MAX_LABEL:
        raise LineError(f"bad label {label[:MAX_LABEL]!r}")
    return label


class _ProdigyReader(_Reader):
    def read(self, task: dict) -> None:
        text = task.get("text")
        if not isinstance(text, str) or not text:
            raise LineError("a task needs a non-empty 'text'")
        answer = task.get("answer")
        if answer not in ANSWERS:
            raise LineError("no answer (accept, reject or ignore): nothing to import")
        if answer == "ignore":
            self.report.ignored += 1
            return
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        article, offset = self.locate(text, meta)
        store = self.session.store
        who = {"reviewer": clean_line(str(task.get("_annotator_id") or task.get("_session_id") or ""))
               or store.reviewer, "at": _when(task.get("_timestamp"))}
        spans = [self._span(s, text, offset) for s in task.get("spans") or ()]
        claim_spans = [s for s in spans if s[2].upper() == CLAIM_LABEL]
        if meta.get("claim") and not claim_spans:
            claim = self.session.claim(article.id, str(meta["claim"]))
            if claim is None:
                raise LineError(f"claim {clean_line(str(meta['claim']))} is not in article {article.path!r}")
            claim_spans = [(claim.start, claim.end, CLAIM_LABEL)]
        for start, end, _ in claim_spans:
            self.claim(article, start, end, answer, meta, who)
        for start, end, label in spans:
            if label.upper() != CLAIM_LABEL:
                self.entity(article, start, end, _label(label), answer, who)

    def locate(self, text: str, meta: dict):
        """(article, offset of ``text`` in it): by ``meta.article`` (and ``meta.offset``), else by search."""
        article = self.article(str(meta.get("article") or ""))
        if article is not None:
            offset = meta.get("offset")
            if isinstance(offset, int) and article.text[offset:offset + len(text)] == text:
                return article, offset
            offset = article.text.find(text)
            if offset >= 0:
                return article, offset
        for candidate in self.articles:
            offset = candidate.text.find(text)
            if offset >= 0:
                return candidate, offset
        where = f" (meta.article {clean_line(str(meta['article']))!r})" if meta.get("article") else ""
        raise LineError(f"task matches no article{where}: {clean_line(text)[:60]!r}")

    @staticmethod
    def _span(span: dict, text: str, offset: int) -> tuple[int, int, str]:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise LineError(f"span {start}-{end} is outside the task text")
        return offset + start, offset + end, str(span.get("label") or "")

    def claim(self, article, start: int, end: int, answer: str, meta: dict, who: dict) -> None:
        session = self.session
        claims = session.claims(article.id)
        claim = next((c for c in claims if c.id == meta.get("claim")), None) or next(
            (c for c in claims if (c.start, c.end) == (start, end)), None)
        selector = make_selector(article.text, start, end)
        if claim is None:
            if answer == "reject":  # nothing there to reject
                self.report.unchanged += 1
                return
            drafted = session.draft_claim(article.id, start, end)
            fields = _fields(_with_added(meta["fields"], drafted) if isinstance(meta.get("fields"), dict) else drafted)
            claim_id = "user-" + short_hash(article.id, start, article.text[start:end])
            self.put("claims", {"id": claim_id, "article": article.id, "selector": selector, "status": "added",
                                "fields": fields, **who})
            return
        status, fields = ("rejected", {}) if answer == "reject" else ("accepted", {})
        if answer == "accept" and isinstance(meta.get("fields"), dict):
            corrected = _fields(_with_added(meta["fields"], claim.original or claim.fields))
            if corrected != claim.original:
                status, fields = "corrected", corrected
        if claim.status == "added" and status != "rejected":
            self.report.unchanged += 1  # the reviewer's own claim, already there
            return
        held = session.store.claim(claim.id)
        if held and held["status"] == status and (held.get("fields") or {}) == fields:
            self.report.unchanged += 1
            return
        doc = {"id": claim.id, "article": article.id, "status": status, "fields": fields, **who,
               "selector": make_selector(article.text, claim.start, claim.end)}
        original = claim.original or (claim.fields if claim.status == "added" else {})
        if original:
            doc["original"] = dict(original)
        self.put("claims", doc)

    def entity(self, article, start: int, end: int, label: str, answer: str, who: dict) -> None:
        found = next((e for e in self.session.entities(article.id) if (e.start, e.end) == (start, end)), None)
        visible_same = found is not None and found.visible and found.label == label
        selector = make_selector(article.text, start, end)
        if answer == "reject":
            if not visible_same:  # nothing there to remove
                self.report.unchanged += 1
                return
            doc = {"id": found.id, "action": "remove", "label": ""}
            if found.model_label:
                doc["model_label"] = found.model_label
        elif visible_same:
            self.report.unchanged += 1
            return
        elif found is None or found.status == "added":
            doc = {"id": found.id if found else "e-" + short_hash(article.id, start, end), "action": "add",
                   "label": label}
        else:
            doc = {"id": found.id, "action": "relabel", "label": label}
            if found.model_label:
                doc["model_label"] = found.model_label
        self.put("entities", {**doc, "article": article.id, "selector": selector, **who})


def _with_added(raw: dict, known: dict) -> dict:
    """Task fields with the unit, change, start value, whole and its unit they lack (a task made by an earlier
    claimdesk, or by hand) taken from what is ``known`` of the claim: the extractor's fields, or the span's draft."""
    return {**{name: known[name] for name in ADDED_FIELDS if name in known}, **raw}


def _fields(raw: dict) -> dict:
    fields, errors = validate_fields(retire_fraction(raw))
    if errors:
        raise LineError("invalid claim fields: " + "; ".join(errors.values()))
    return fields


def _when(timestamp) -> str:
    """Prodigy's ``_timestamp`` (seconds since the epoch) as our ISO time; now when there is none."""
    if isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool) and timestamp > 0:
        try:
            moment = datetime.fromtimestamp(timestamp, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return utc_now()
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return utc_now()
