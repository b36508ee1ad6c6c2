"""Rules from recorded corrections that have none yet (imported decisions, ``claimdesk rules learn``).

The same code path as the app: each decision goes through the ``propose_for_*`` function the app calls
after that correction, and :func:`~claimdesk.annotations.rules.apply.save` keeps the proposals, all in
one journal entry (one undo step). So a decision whose rule would change nothing else, or whose rule
the reviewer declined in the app, makes no rule here either (and where the app's check ran out of
time, the whole corpus is checked here).
"""

from __future__ import annotations

from ..extract import Extractor
from ..stored import Rule
from .apply import save
from .preview import reaches_others
from .proposal import Proposal, replaced_rules, same_data
from .propose import (
    propose_for_boilerplate,
    propose_for_correction,
    propose_for_rejection,
    propose_for_relabel,
    propose_for_removal,
)


def proposals_from_decisions(session, extractor=None) -> list[Proposal]:
    """One proposal per decision in the store that no rule came from yet (duplicates folded)."""
    store = session.store
    if extractor is None:
        extractor = Extractor()
    covered = {(r.get("provenance") or {}).get("annotation") for r in store.rules()}
    found: list[Proposal] = []
    for article in session.articles:
        aid = article.id
        for edit in store.entities(aid):
            if edit.get("orphan") or edit["id"] in covered:
                continue
            entity = next((e for e in session.entities(aid) if e.id == edit["id"]), None)
            if entity is None:
                continue
            if edit["action"] == "remove":
                found.append(propose_for_removal(session, entity, extractor=extractor))
            else:
                found.append(propose_for_relabel(session, entity, edit.get("label", ""), extractor=extractor))
        for decision in store.claims(aid):
            if decision.get("orphan") or decision["id"] in covered:
                continue
            claim = session.claim(aid, decision["id"])
            if claim is None:
                continue
            if decision["status"] == "rejected":
                found.append(propose_for_rejection(session, claim, extractor=extractor))
            elif decision["status"] in ("corrected", "added"):
                found.append(propose_for_correction(session, claim, extractor=extractor))
        for mark in store.boilerplate(aid):
            if mark.get("orphan") or mark["id"] in covered:
                continue
            pos = mark["selector"]["position"]
            found.append(propose_for_boilerplate(session, aid, pos["start"], pos["end"]))
    unique: list[Proposal] = []
    for proposal in found:
        if proposal is not None and not any(p.kind == proposal.kind and same_data(p.data, proposal.data)
                                            for p in unique):
            unique.append(proposal)
    return [p for p in unique if reaches_others(session, extractor, p)]  # with no time limit


def learn(session, extractor=None) -> list[Rule]:
    """Turn the corrections that have no rule yet into rules; the rules created.

    Proposals that contradict each other (one name labelled two ways) keep the later one."""
    store = session.writable_store()
    proposals = proposals_from_decisions(session, extractor)
    created: list[Rule] = []
    with store.batch("learn_rules"):
        for proposal in proposals:
            replaced = {r["id"] for r in replaced_rules(store.rules(), proposal)}
            created = [r for r in created if r.id not in replaced]
            created.append(save(session, proposal))
    return created
