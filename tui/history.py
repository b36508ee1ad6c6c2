"""What an undo or a redo did, in words: "Undid: accept 376 soldiers died".

The store hands back each undone or redone journal entry as a ``Change`` (its action and, document by
document, the record before and after); :func:`describe_change` names the action and what it was about,
from the records themselves, so every ``u`` and ``U`` can say what it did. Plain text, never markup.
"""

from __future__ import annotations

from claimdesk.annotations.citation import claim_phrase
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.stored import DECLINED

VERBS = {
    "accept": "accept", "reject": "reject", "correct": "correct", "add_claim": "add claim",
    "clear_claim": "clear the decision on", "relabel_entity": "relabel", "remove_entity": "remove entity",
    "add_entity": "add entity", "clear_entity": "clear the edit of", "add_link": "link", "link": "link",
    "remove_link": "unlink", "unlink": "unlink", "set_cluster": "name the cluster", "remove_cluster": "remove the cluster",
    "add_rule": "save the rule", "learn_rule": "save the rule", "learn_rules": "save rules",
    "update_rule": "change the rule", "delete_rule": "delete the rule", "mark_boilerplate": "mark as site chrome",
    "unmark_boilerplate": "unmark site chrome", "reanchor": "re-anchor annotations", "import": "import",
}
SHORT = 60  # characters of a quoted paragraph


def _quote(doc: dict) -> str:
    return ((doc.get("selector") or {}).get("quote") or {}).get("exact", "")


def _claim_words(doc: dict) -> str:
    fields = doc.get("fields") or doc.get("original") or {}
    return claim_phrase(_quote(doc), str(fields.get("counted") or ""), str(fields.get("predicate") or ""))


def _link_words(doc: dict, session) -> str:
    ends = []
    for end in (doc.get("a") or {}, doc.get("b") or {}):
        claim = None
        if session is not None and end.get("article") in session.corpus_ids and session.extracted(end["article"]):
            claim = session.claim(end["article"], end.get("claim", ""))
        ends.append(claim.text if claim is not None else "a claim")
    return f"{ends[0]} and {ends[1]}" + (f" as {doc['type']}" if doc.get("type") else "")


def _about(table: str, doc: dict, session) -> str:
    if table == "claims":
        return _claim_words(doc)
    if table == "entities":
        return f"{_quote(doc)} ({doc['label']})" if doc.get("label") else _quote(doc)
    if table == "links":
        return _link_words(doc, session)
    if table == "clusters":
        return f"“{doc.get('name', '')}”"
    if table == "rules":
        from claimdesk.annotations.rules.kinds import describe  # the rules load with extraction, not at start

        pattern, label = describe(doc.get("kind", ""), doc.get("data") or {})
        return f"{pattern} → {label}"
    if table == "boilerplate":
        quote = " ".join((doc.get("pattern") or _quote(doc)).split())
        return f"“{quote[:SHORT]}{'…' if len(quote) > SHORT else ''}”"
    return ""


# What a journal entry is mostly about, when it touches several tables (a link and its cluster).
MAIN_TABLE = {"link": "links", "unlink": "links", "add_link": "links", "remove_link": "links",
              "learn_rule": "rules", "mark_boilerplate": "boilerplate"}


def describe_change(change, session=None) -> str:
    """ "accept 376 soldiers died", "link 1,119 and 1,166 as update", "save the rule Karabakh → GPE" …"""
    verb = VERBS.get(change.action, change.action.replace("_", " "))
    changes = list(change.changes)
    if change.action in ("import", "learn_rules", "reanchor"):
        return f"{verb} ({len(changes)} record{'s' if len(changes) != 1 else ''})"
    main = MAIN_TABLE.get(change.action)
    chosen = next((c for c in changes if c.get("table") == main), changes[0] if changes else None)
    if chosen is None:
        return verb
    doc = chosen.get("after") or chosen.get("before") or {}
    if chosen.get("table") == "rules" and (doc.get("provenance") or {}).get(DECLINED):
        verb = "decline the rule"
    about = _about(chosen.get("table", ""), doc, session)
    return clean_line(f"{verb} {about}".strip())
