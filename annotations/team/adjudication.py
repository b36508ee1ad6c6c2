"""Adjudication: the editor settles each disagreement — on a claim or on an entity span — by keeping one
reviewer's version or making a new one, in the project's gold store, with provenance.

    cases = open_cases(report, gold_session.store)       # every disagreement, settled or not
    adjudicate(gold_session, cases[0], kept="alice")      # or fields={...} (a claim), label="ORG" (an entity)

Each adjudication is one journal entry of the gold store (``u`` undoes it). The gold record is the kept
version, recorded by the editor, with ``adjudication``: which version was kept (``kept``: a reviewer,
or ``""`` for a new one), by whom, when, and every reviewer's version as it was. For a claim, the record
is the kept version's decision and fields; for an entity span, an edit of it leaving the kept label —
a relabel of the extractor's entity (even to its own label: the editor confirmed it), an addition where
the extractor has none, a removal where the kept version leaves none.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..anchoring import make_selector
from ..fields import CLAIM_FIELDS, validate_fields
from ..ids import utc_now
from ..sanitize import clean_line
from ..session import FieldsInvalid, SessionError
from .agreement import AgreementReport, Disagreement, EntityDisagreement
from .entity_versions import EntityVersion
from .versions import Version

ADJUDICATE = "adjudicate"  # the journal action


@dataclass(frozen=True)
class Case:
    """A disagreement (on a claim or an entity span) and, once settled, the gold record that settles it."""

    disagreement: Disagreement | EntityDisagreement
    gold: dict | None = None

    @property
    def settled(self) -> bool:
        return self.gold is not None

    @property
    def on_entity(self) -> bool:
        return isinstance(self.disagreement, EntityDisagreement)

    @property
    def kept(self) -> str | None:
        """The reviewer whose version the editor kept ("" for a new version; None while unsettled)."""
        return None if self.gold is None else (self.gold.get("adjudication") or {}).get("kept", "")

    @property
    def gold_version(self) -> Version | EntityVersion | None:
        if self.gold is None:
            return None
        return EntityVersion.from_edit("gold", self.gold) if self.on_entity else Version.from_doc("gold", self.gold)


def gold_record(gold_store, disagreement: Disagreement | EntityDisagreement) -> dict | None:
    """The gold store's record settling ``disagreement`` (a copy), or None."""
    if isinstance(disagreement, Disagreement):
        return gold_store.claim(disagreement.claim)
    return next((d for d in gold_store.entities(disagreement.article) if not d.get("orphan")
                 and (d["selector"]["position"]["start"], d["selector"]["position"]["end"])
                 == (disagreement.start, disagreement.end)), None)


def open_cases(report: AgreementReport, gold_store) -> list[Case]:
    """Every disagreement of ``report`` (claims and entity spans, in text order article by article),
    each with the gold store's record settling it (or None)."""
    cases = [Case(d, gold_record(gold_store, d)) for d in [*report.disagreements, *report.entity_disagreements]]
    cases.sort(key=lambda c: (c.disagreement.article, c.disagreement.start, c.on_entity))
    return cases


def adjudicate(session, case: Case | Disagreement | EntityDisagreement, *, kept: str | None = None,
               fields: dict | None = None, label: str | None = None) -> Case:
    """Settle a disagreement in the gold store of ``session``: keep reviewer ``kept``'s version, or make
    a new one — a claim's with ``fields`` (validated: :class:`~..session.FieldsInvalid` says what is
    wrong), an entity span's with ``label``."""
    disagreement = case.disagreement if isinstance(case, Case) else case
    new = label if isinstance(disagreement, EntityDisagreement) else fields
    if (kept is None) == (new is None):
        raise SessionError("keep one reviewer's version, or give a new one")
    if kept is not None and kept not in disagreement.versions:
        what = "entity" if isinstance(disagreement, EntityDisagreement) else "claim"
        raise SessionError(f"{kept} has no version of this {what}")
    store = session.writable_store()
    now = utc_now()
    provenance = {"kept": kept or "", "by": store.reviewer, "at": now}
    note = f"adjudicated by {store.reviewer}: " + (f"kept {kept}'s version" if kept else "a new version")
    if isinstance(disagreement, EntityDisagreement):
        doc = _entity_record(session, disagreement, kept, label)
        provenance["versions"] = {name: {"label": v.label, "status": v.status, "at": v.at}
                                  for name, v in disagreement.versions.items()}
        table = "entities"
    else:
        doc = _claim_record(disagreement, kept, fields)
        provenance["versions"] = {name: {"status": v.status, "fields": v.fields, "at": v.at}
                                  for name, v in disagreement.versions.items()}
        table = "claims"
    doc.update(reviewer=store.reviewer, at=now, note=note, adjudication=provenance)
    store.put_records(table, [doc], action=ADJUDICATE, replace=True)
    session.refresh([disagreement.article])
    return Case(disagreement, gold_record(store, disagreement))


def _claim_record(disagreement: Disagreement, kept: str | None, fields: dict | None) -> dict:
    versions = disagreement.versions
    base = versions[kept] if kept is not None else next(iter(versions.values()))
    doc = copy.deepcopy(base.doc)
    for stale in ("orphan", "anchored_by", "note"):
        doc.pop(stale, None)
    if fields is not None:
        clean, errors = validate_fields(fields)
        if errors:
            raise FieldsInvalid(errors)
        doc.update(status="corrected" if base.status != "added" else "added", fields=clean,
                   original=doc.get("original") or {})
    return doc


def _entity_record(session, disagreement: EntityDisagreement, kept: str | None, label: str | None) -> dict:
    """The edit of the span that leaves the kept (or new) label, the extractor's entity considered."""
    label = disagreement.versions[kept].label if kept is not None else clean_line(label or "")
    if kept is None and not label:
        raise SessionError("give the new version a label")
    article = session.article(disagreement.article)
    if article is None:
        raise SessionError(f"article {disagreement.article} is not in the corpus")
    model = disagreement.model_label
    action = "remove" if not label else "relabel" if model else "add"
    doc = {"id": disagreement.entity_id, "article": disagreement.article, "action": action, "label": label,
           "selector": make_selector(article.text, disagreement.start, disagreement.end)}
    if model and action != "add":
        doc["model_label"] = model
    return doc


def form_fields(version: Version) -> dict:
    """A version's fields as the correction form starts from."""
    return {name: version.fields.get(name, "") for name in CLAIM_FIELDS}
