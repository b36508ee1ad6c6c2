"""Adjudication: the editor settles each disagreement by keeping one reviewer's version or writing a new
one, in the project's gold store, with provenance.

    cases = open_cases(report, gold_session.store)       # every disagreement, settled or not
    adjudicate(gold_session, cases[0], kept="alice")      # or fields={...} for a new version

Each adjudication is one journal entry of the gold store (``u`` undoes it). The gold record is the kept
version's decision and fields, recorded by the editor, with ``adjudication``: which version was kept
(``kept``: a reviewer, or ``""`` for a new one), by whom, when, and every reviewer's version as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..fields import CLAIM_FIELDS, validate_fields
from ..ids import utc_now
from ..session import FieldsInvalid, SessionError
from .agreement import AgreementReport, Disagreement
from .versions import Version

ADJUDICATE = "adjudicate"  # the journal action


@dataclass(frozen=True)
class Case:
    """A disagreement and, once settled, the gold record that settles it."""

    disagreement: Disagreement
    gold: dict | None = None

    @property
    def settled(self) -> bool:
        return self.gold is not None

    @property
    def kept(self) -> str | None:
        """The reviewer whose version the editor kept ("" for a new version; None while unsettled)."""
        return None if self.gold is None else (self.gold.get("adjudication") or {}).get("kept", "")

    @property
    def gold_version(self) -> Version | None:
        return Version.from_doc("gold", self.gold) if self.gold is not None else None


def open_cases(report: AgreementReport, gold_store) -> list[Case]:
    """Every disagreement of ``report``, each with the gold store's record for its claim (or None)."""
    return [Case(d, gold_store.claim(d.claim)) for d in report.disagreements]


def adjudicate(session, case: Case | Disagreement, *, kept: str | None = None, fields: dict | None = None) -> Case:
    """Settle a disagreement in the gold store of ``session``: keep reviewer ``kept``'s version, or write
    a new one with ``fields`` (validated: :class:`~..session.FieldsInvalid` says what is wrong)."""
    disagreement = case.disagreement if isinstance(case, Case) else case
    versions = disagreement.versions
    if (kept is None) == (fields is None):
        raise SessionError("keep one reviewer's version, or give the fields of a new one")
    if kept is not None and kept not in versions:
        raise SessionError(f"{kept} has no version of this claim")
    store = session.writable_store()
    base = versions[kept] if kept is not None else next(iter(versions.values()))
    doc = copy.deepcopy(base.doc)
    now = utc_now()
    for stale in ("orphan", "anchored_by", "note"):
        doc.pop(stale, None)
    if fields is not None:
        clean, errors = validate_fields(fields)
        if errors:
            raise FieldsInvalid(errors)
        doc.update(status="corrected" if base.status != "added" else "added", fields=clean,
                   original=doc.get("original") or {})
    doc.update(reviewer=store.reviewer, at=now,
               note=f"adjudicated by {store.reviewer}: " + (f"kept {kept}'s version" if kept else "a new version"),
               adjudication={"kept": kept or "", "by": store.reviewer, "at": now,
                             "versions": {name: {"status": v.status, "fields": v.fields, "at": v.at}
                                          for name, v in versions.items()}})
    store.put_records("claims", [doc], action=ADJUDICATE, replace=True)
    session.refresh([disagreement.article])
    return Case(disagreement, store.claim(doc["id"]))


def form_fields(version: Version) -> dict:
    """A version's fields as the correction form starts from."""
    return {name: version.fields.get(name, "") for name in CLAIM_FIELDS}
