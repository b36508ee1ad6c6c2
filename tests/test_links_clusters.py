"""Links and clusters: link merges, unlink splits, one undo step each, names, update direction, errors."""

from __future__ import annotations

import itertools

import pytest

from claimdesk.annotations.links import link, rename_cluster, unlink
from claimdesk.annotations.session import SessionError
from links_helpers import claim_of, new_session, session  # noqa: F401 (fixtures)


def members(session, claim) -> set[str]:
    cluster = session.cluster_of(claim.id)
    return set(cluster.claims) if cluster else set()


def test_a_link_makes_a_named_cluster_in_one_undo_step(session):
    c90, c91 = claim_of(session, "003", "90"), claim_of(session, "004", "at least 91")
    touched = link(session, c90, c91, "update")
    assert set(touched) == {c90.article, c91.article}
    [cluster] = session.store.clusters()
    assert cluster["name"] == "Azerbaijani civilians killed" and set(cluster["claims"]) == {c90.id, c91.id}
    [doc] = session.store.links()
    assert doc["type"] == "update" and doc["reviewer"] == "ana" and doc["at"]
    assert set(session.undo()) == {c90.article, c91.article}
    assert session.store.links() == [] and session.store.clusters() == []
    session.redo()
    assert members(session, c90) == {c90.id, c91.id}


def test_linking_merges_clusters_and_relinking_changes_the_type(session):
    c31, c90, c91 = (claim_of(session, *key) for key in (("000", "31"), ("003", "90"), ("004", "at least 91")))
    c39, c39b = claim_of(session, "003", "39"), claim_of(session, "004", "39")
    link(session, c90, c91, "update")
    link(session, c39, c39b, "same")
    assert len(session.store.clusters()) == 2
    link(session, c31, c90, "update")  # joins the first cluster
    assert members(session, c31) == {c31.id, c90.id, c91.id}
    link(session, c91, c39b, "related")  # merges the two clusters: the larger keeps its id and name
    [cluster] = session.store.clusters()
    assert set(cluster["claims"]) == {c31.id, c90.id, c91.id, c39.id, c39b.id}
    assert cluster["name"] == "Azerbaijani civilians killed"
    session.undo()  # the merge, links and cluster documents together
    assert len(session.store.clusters()) == 2 and members(session, c39) == {c39.id, c39b.id}
    link(session, c90, c91, "contradicts")
    types = {frozenset((d["a"]["claim"], d["b"]["claim"])): d["type"] for d in session.store.links()}
    assert types[frozenset((c90.id, c91.id))] == "contradicts" and len(session.store.links()) == 3


def test_unlinking_splits_a_cluster_that_falls_apart(session):
    chain = [claim_of(session, "000", "31"), claim_of(session, "003", "90"), claim_of(session, "004", "at least 91"),
             claim_of(session, "004", "39")]
    for a, b in itertools.pairwise(chain):
        link(session, a, b, "update")
    [before] = session.store.clusters()
    unlink(session, chain[1], chain[2])
    clusters = {c["id"]: set(c["claims"]) for c in session.store.clusters()}
    assert sorted(clusters.values(), key=sorted) == sorted([{chain[0].id, chain[1].id}, {chain[2].id, chain[3].id}],
                                                           key=sorted)
    assert clusters[before["id"]] == {chain[0].id, chain[1].id}  # the first part keeps the id and name
    session.undo()
    assert [set(c["claims"]) for c in session.store.clusters()] == [set(before["claims"])]


def test_unlinking_every_link_of_a_claim(session):
    c31, c90, c91 = (claim_of(session, *key) for key in (("000", "31"), ("003", "90"), ("004", "at least 91")))
    link(session, c31, c90, "update")
    link(session, c90, c91, "update")
    unlink(session, c31)  # 31 leaves; 90 and 91 stay linked
    assert members(session, c90) == {c90.id, c91.id} and session.cluster_of(c31.id) is None
    unlink(session, c90)  # no link left: the cluster goes
    assert session.store.clusters() == [] and session.store.links() == []
    assert unlink(session, c90) == ()


def test_update_links_run_from_the_earlier_figure(session):
    t1119, t1166 = claim_of(session, "003", "1,119"), claim_of(session, "004", "1,166")
    link(session, t1166, t1119, "update")  # 004 is undated: the smaller running total comes first
    [doc] = session.store.links()
    assert (doc["a"]["claim"], doc["b"]["claim"]) == (t1119.id, t1166.id)
    c350, c392 = claim_of(session, "001", "350"), claim_of(session, "003", "392")
    link(session, c392, c350, "update")  # 2020-10-29 after 2020-10-09
    doc = next(d for d in session.store.links() if c350.id in (d["a"]["claim"], d["b"]["claim"]))
    assert (doc["a"]["claim"], doc["b"]["claim"]) == (c350.id, c392.id)


def test_rename_a_cluster(session):
    c1, c2 = claim_of(session, "003", "nearing 5,000"), claim_of(session, "004", "nearing 5,000")
    link(session, c1, c2, "same")
    cluster = session.cluster_of(c1.id)
    assert cluster.name == "Deaths"  # a person's estimate: no place in the name
    rename_cluster(session, cluster.id, "  Deaths in the war (Putin)\x1b[2J ")
    renamed = session.cluster_of(c1.id)
    assert renamed.name == "Deaths in the war (Putin)" and renamed.claims == cluster.claims
    session.undo()
    assert session.cluster_of(c1.id).name == "Deaths"
    with pytest.raises(ValueError, match="needs a name"):
        rename_cluster(session, cluster.id, "  ")
    with pytest.raises(KeyError):
        rename_cluster(session, "c-nope", "x")


def test_default_names(session):
    pairs = [(("003", "1,119"), ("004", "1,166"), "Nagorno-Karabakh troops killed"),
             (("000", "376"), ("001", "350"), "Armenian soldiers died"),
             (("001", "some 400"), ("002", "some 400"), "Lives claimed")]
    for left, right, name in pairs:
        a = claim_of(session, *left)
        link(session, a, claim_of(session, *right), "same")
        assert session.cluster_of(a.id).name == name


def test_errors(session, tmp_path):
    c1 = claim_of(session, "003", "1,119")
    with pytest.raises(ValueError, match="itself"):
        link(session, c1, c1, "same")
    with pytest.raises(ValueError, match="link type"):
        link(session, c1, claim_of(session, "004", "1,166"), "similar")
    assert session.store.links() == [] and session.store.clusters() == []
    session.store.close()
    reader = new_session(tmp_path / "review.json", read_only=True)
    with pytest.raises(SessionError, match="read-only"):
        link(reader, c1, claim_of(reader, "004", "1,166"), "same")
    with pytest.raises(SessionError, match="no annotation file"):
        link(new_session(None), c1, claim_of(reader, "004", "1,166"), "same")
    reader.store.close()
