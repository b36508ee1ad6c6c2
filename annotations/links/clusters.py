"""Links between claims and the clusters they make: one cluster is one quantity tracked across articles.

A cluster is a connected group of linked claims. Linking two claims merges their clusters; unlinking
splits a cluster that is no longer connected (the largest part keeps the cluster's id and name; a
claim left without links leaves the cluster; a cluster left with fewer than two claims is removed).
Each link or unlink, with every cluster change it causes, is one ``store.batch``: one undo step.

The store's cluster documents are the truth about membership (``claims`` is always current); links
carry the articles of their two ends, and the type. Update links are stored earlier → later.
"""

from __future__ import annotations

from collections import Counter

from ..ids import short_hash
from ..reviewed import ReviewClaim
from ..sanitize import clean_line
from ..stored import Cluster
from .profile import claim_date, value_bounds
from .terms import terms

NAME_LENGTH = 80
PLACE_LABELS = ("NORP", "GPE", "ORG")  # in order of preference for a cluster name's first word


def cluster_of(store, claim_id: str) -> dict | None:
    """The cluster document holding this claim, or ``None``."""
    return next((c for c in store.clusters() if claim_id in c.get("claims", ())), None)


def linked_partners(store, claim_id: str) -> set[str]:
    """Claims linked to this one directly or through its cluster."""
    partners = {end for link in store.links(claim_id) for end in (link["a"]["claim"], link["b"]["claim"])}
    cluster = cluster_of(store, claim_id)
    partners.update(cluster["claims"] if cluster else ())
    partners.discard(claim_id)
    return partners


def claim_articles(links: list[dict]) -> dict[str, str]:
    """Claim id → article id for every end of these links."""
    return {end["claim"]: end["article"] for link in links for end in (link["a"], link["b"])}


def cluster_articles(store, cluster: dict) -> dict[str, str]:
    """Claim id → article id for a cluster's claims (read from the links that join them)."""
    members = set(cluster.get("claims", ()))
    return {c: a for c, a in claim_articles(store.links()).items() if c in members}


def _components(members: list[str], links: list[dict]) -> list[list[str]]:
    """Connected groups of at least two claims, largest first (ties: in ``members`` order)."""
    parent = {m: m for m in members}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    linked = set()
    for link in links:
        a, b = link["a"]["claim"], link["b"]["claim"]
        if a in parent and b in parent:
            parent[root(a)] = root(b)
            linked.update((a, b))
    groups: dict[str, list[str]] = {}
    for m in members:
        if m in linked:
            groups.setdefault(root(m), []).append(m)
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: -len(g))


def _new_cluster_id(store, claims: list[str]) -> str:
    taken = {c["id"] for c in store.clusters()}
    salt = 0
    while True:
        cluster_id = "c-" + short_hash("cluster", *sorted(claims), salt)
        if cluster_id not in taken:
            return cluster_id
        salt += 1


def _most_common(values: list[str]) -> str:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def _place(session, claim: ReviewClaim) -> tuple[str, str] | None:
    """The nationality, country or body a claim's source names ("Azerbaijani"), with its label."""
    source = str(claim.fields.get("source") or "")
    if not source:
        return None
    found = [e for e in session.entities(claim.article, visible_only=True) if e.text and e.text in source]
    places = {e.text for e in found if e.label in PLACE_LABELS}
    if any(e.label == "PERSON" and e.text not in places for e in found):  # "President Putin": a person
        return None
    for label in PLACE_LABELS:
        for e in found:
            if e.label == label:
                return e.text, label
    return None


def default_name(session, claims: list[ReviewClaim]) -> str:
    """A name for a cluster from its claims: "Azerbaijani civilians killed", "Nagorno-Karabakh troops killed"."""
    counted = _most_common([str(c.fields.get("counted") or "").strip().lower() for c in claims])
    predicate = _most_common([str(c.fields.get("predicate") or "").strip().lower() for c in claims])
    if predicate and terms(predicate) & terms(counted):  # "deaths" + "death toll"
        predicate = ""
    places = [p for p in (_place(session, c) for c in claims) if p]
    place = ""
    if places:
        best = max(Counter(places).items(), key=lambda item: (item[1], -PLACE_LABELS.index(item[0][1])))
        place = best[0][0] if best[0][0].lower() not in counted else ""
    name = " ".join(p for p in (place, counted, predicate) if p) or (claims[0].text if claims else "cluster")
    name = clean_line(name)[:NAME_LENGTH]
    return name[:1].upper() + name[1:]


def _in_order(session, a: ReviewClaim, b: ReviewClaim) -> tuple[ReviewClaim, ReviewClaim]:
    """An update link goes from the earlier figure to the later; undated, from the smaller (a running
    total grows)."""
    date_a = claim_date(a, session.article(a.article))
    date_b = claim_date(b, session.article(b.article))
    if date_a and date_b and date_a != date_b:
        return (a, b) if date_a < date_b else (b, a)
    low_a, high_a = value_bounds(a.fields.get("value"))
    low_b, high_b = value_bounds(b.fields.get("value"))
    if not (date_a and date_b) and low_a is not None and low_b is not None and low_a + high_a > low_b + high_b:
        return b, a
    return a, b


def _touched(store, cluster_ids: list[str], extra: tuple[str, ...]) -> tuple[str, ...]:
    articles: dict[str, None] = dict.fromkeys(extra)
    for cluster in store.clusters():
        if cluster["id"] in cluster_ids:
            articles.update(dict.fromkeys(cluster_articles(store, cluster).values()))
    return tuple(a for a in articles if a)


def link(session, a: ReviewClaim, b: ReviewClaim, type: str) -> tuple[str, ...]:
    """Link two claims (``same``, ``update``, ``contradicts``, ``related``) and merge their clusters.

    Linking a pair that is already linked changes the link's type. One undo step. Returns the ids of
    the articles whose claims are in the resulting cluster.
    """
    store = session.writable_store()
    if a.id == b.id:
        raise ValueError("a claim cannot be linked to itself")
    if type == "update":
        a, b = _in_order(session, a, b)
    with store.batch("link"):
        store.add_link(a.id, b.id, type, a_article=a.article, b_article=b.article)
        ca, cb = cluster_of(store, a.id), cluster_of(store, b.id)
        if ca is not None and cb is not None and ca["id"] == cb["id"]:
            kept = ca
        elif ca is not None and cb is not None:
            kept, gone = (ca, cb) if len(ca["claims"]) >= len(cb["claims"]) else (cb, ca)
            claims = kept["claims"] + [c for c in gone["claims"] if c not in kept["claims"]]
            store.remove_cluster(gone["id"])
            store.set_cluster(kept["id"], kept["name"], claims=claims, note=kept.get("note"))
        elif ca is not None or cb is not None:
            kept, other = (ca, b) if ca is not None else (cb, a)
            store.set_cluster(kept["id"], kept["name"], claims=kept["claims"] + [other.id], note=kept.get("note"))
        else:
            claims = [a.id, b.id]
            kept = store.set_cluster(_new_cluster_id(store, claims), default_name(session, [a, b]), claims=claims)
    return _touched(store, [kept["id"]], (a.article, b.article))


def unlink(session, a: ReviewClaim, b: ReviewClaim | None = None) -> tuple[str, ...]:
    """Remove the link between ``a`` and ``b`` (every link of ``a`` when ``b`` is None), splitting the
    cluster if it falls apart. One undo step. Returns the ids of the articles touched (``()`` if no
    link was removed)."""
    store = session.writable_store()
    links = [found for found in store.links(a.id) if b is None or b.id in (found["a"]["claim"], found["b"]["claim"])]
    if not links:
        return ()
    cluster = cluster_of(store, a.id)
    before = dict(cluster_articles(store, cluster)) if cluster else {}
    ends = tuple(end["article"] for found in links for end in (found["a"], found["b"]))
    with store.batch("unlink"):
        for found in links:
            store.remove_link(found["a"]["claim"], found["b"]["claim"])
        if cluster is not None:
            _split(session, store, cluster)
    return tuple(dict.fromkeys(ends + tuple(before.values())))


def _split(session, store, cluster: dict) -> None:
    """Keep a cluster's document in step with its remaining links (after links were removed)."""
    members = cluster["claims"]
    remaining = [found for found in store.links() if found["a"]["claim"] in members and found["b"]["claim"] in members]
    groups = _components(members, remaining)
    if not groups:
        store.remove_cluster(cluster["id"])
        return
    store.set_cluster(cluster["id"], cluster["name"], claims=groups[0], note=cluster.get("note"))
    articles = cluster_articles(store, cluster)
    for group in groups[1:]:
        claims = [c for c in (session.claim(articles.get(cid, ""), cid) for cid in group) if c is not None]
        store.set_cluster(_new_cluster_id(store, group), default_name(session, claims), claims=group)


def rename_cluster(session, cluster_id: str, name: str) -> Cluster:
    """Give a cluster (a ledger entry) a new name. Raises ``KeyError`` for an unknown cluster,
    ``ValueError`` for an empty name, and the session's error when it is read-only."""
    store = session.writable_store()
    cluster = next((c for c in store.clusters() if c["id"] == cluster_id), None)
    if cluster is None:
        raise KeyError(cluster_id)
    name = clean_line(name).strip()[:NAME_LENGTH]
    if not name:
        raise ValueError("a cluster needs a name")
    return Cluster.from_doc(store.set_cluster(cluster_id, name, claims=cluster["claims"], note=cluster.get("note")))
