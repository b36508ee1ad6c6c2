"""The ledger and timelines: latest value, range, contradictions, review status, sort orders, mention order."""

from __future__ import annotations

import pytest

from claimdesk.annotations.links import SORT_KEYS, ledger_rows, link, next_sort_key, sort_rows, timeline
from links_helpers import claim_of, link_issue_clusters, session  # noqa: F401 (fixtures)


@pytest.fixture
def ledger(session):
    return link_issue_clusters(session)


def test_ledger_rows(session, ledger):
    rows = {r.name: r for r in ledger_rows(session)}
    assert list(rows) == sorted(rows, key=str.lower)
    civilians = rows["Azerbaijani civilians killed"]
    assert (civilians.latest, civilians.range, civilians.articles, civilians.mentions) == ("at least 91", "31–91", 3, 3)
    assert not civilians.contradiction and civilians.status == "3 pending"
    assert rows["Armenian soldiers died"].contradiction and rows["Armenian soldiers died"].range == "350–376"
    assert rows["Deaths"].range == "5,000" and rows["Deaths"].latest == "at most 5,000"
    troops = rows["Nagorno-Karabakh troops killed"]
    assert troops.latest == "1,166" and (troops.low, troops.high) == (1119, 1166)
    session.accept(ledger["003", "1,119"])
    session.reject(ledger["004", "1,166"])
    troops = next(r for r in ledger_rows(session) if r.cluster_id == troops.cluster_id)
    assert (troops.reviewed, troops.rejected, troops.pending, troops.status) == (1, 1, 0, "1 rejected")
    record = troops.to_record()
    assert record["range"] == "1,119–1,166" and record["status"] == "1 rejected" and record["cluster"].startswith("c-")


def test_sort_orders(session, ledger):
    rows = ledger_rows(session)
    assert next(r.name for r in sort_rows(rows, "contradictions")) == "Armenian soldiers died"
    assert next(r.name for r in sort_rows(rows, "articles")) == "Azerbaijani civilians killed"
    assert [r.name for r in sort_rows(rows, "name")] == sorted((r.name for r in rows), key=str.lower)
    session.accept(ledger["003", "1,119"])
    session.accept(ledger["004", "1,166"])
    assert [r.name for r in sort_rows(ledger_rows(session), "status")][-1] == "Nagorno-Karabakh troops killed"
    dated = sort_rows(rows, "latest")
    assert [r.last_seen for r in dated] == ["2020-10-29"] * 3 + ["2020-10-09"]
    key, seen = "name", []
    for _ in SORT_KEYS:
        seen.append(key)
        key = next_sort_key(key)
    assert sorted(seen) == sorted(SORT_KEYS) and key == "name"


def test_timeline_follows_update_links_and_dates(session, ledger):
    cluster = session.cluster_of(ledger["000", "31"].id)
    line = timeline(session, cluster.id)
    assert [m.claim.text for m in line.mentions] == ["31", "90", "at least 91"]  # 31 → 90 → 91
    first, second, third = line.mentions
    assert (first.outlet, first.date, first.source) == ("NY Times", "", "The country’s prosecutor general")
    assert (second.outlet, second.date, second.value, second.number) == ("AP", "2020-10-29", "90", 90)
    assert third.value == "at least 91" and line.numbers == [31, 90, 91]
    assert line.contradictions == 0 and line.index_of(ledger["004", "at least 91"].id) == 2


def test_contradictions_are_flagged(session, ledger):
    line = timeline(session, session.cluster_of(ledger["000", "376"].id).id)
    assert [m.contradicted for m in line.mentions] == [True, True]  # a contradicts link
    a, b = claim_of(session, "001", "350"), claim_of(session, "002", "350")
    link(session, a, b, "same")  # joins the cluster: the same figure, the same day
    line = timeline(session, session.cluster_of(a.id).id)
    assert [m.date for m in line.mentions] == ["2020-10-09", "2020-10-09", ""]
    session.correct(session.claim(b.article, b.id), dict(b.fields, value="360"))
    line = timeline(session, session.cluster_of(a.id).id)
    by_text = {m.article.path[:3]: m.contradicted for m in line.mentions}
    assert by_text == {"001": True, "002": True, "000": True}  # 350 and 360 on one day


def test_claims_no_longer_in_the_corpus_are_counted(session, ledger):
    session.store.add_link("ghost-1", ledger["003", "1,119"].id, "same", a_article="nope",
                           b_article=ledger["003", "1,119"].article)
    cluster = session.cluster_of(ledger["003", "1,119"].id)
    session.store.set_cluster(cluster.id, cluster.name, claims=[*cluster.claims, "ghost-1"])
    line = timeline(session, cluster.id)
    assert line.missing == 1 and len(line.mentions) == 2
    with pytest.raises(KeyError):
        timeline(session, "c-nope")
