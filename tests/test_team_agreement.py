"""Agreement figures, checked against values worked out by hand (and Krippendorff's own example)."""

from __future__ import annotations

import numpy as np
import pytest

from claimdesk.annotations.team.agreement import alpha_nominal, cohen_kappa, measure
from claimdesk.annotations.team.entity_versions import EntityVersion
from claimdesk.annotations.team.versions import field_key
from team_helpers import version

NAN = np.nan


def by_reviewer(*versions):
    out = {"alice": {}, "bob": {}, "carol": {}}
    for v in versions:
        out[v.reviewer][v.claim] = v
    return out


HAND = by_reviewer(
    version("alice", "c1", "accepted"), version("bob", "c1", "accepted"),
    version("alice", "c2", "accepted"), version("bob", "c2", "rejected"),
    version("alice", "c3", "rejected"), version("bob", "c3", "rejected"),
    version("alice", "c4", "corrected", value=5, counted="Troops"),
    version("bob", "c4", "corrected", value=6, counted=" troops"),
    version("alice", "c5", "accepted"), version("carol", "c5", "accepted"),
    version("bob", "c6", "rejected"), version("carol", "c6", "accepted"),
    version("alice", "c7", "accepted"),  # one reviewer only: not a unit
)


def test_krippendorffs_own_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example: 0.743
    data = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
                     [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]])
    assert alpha_nominal(data) == pytest.approx(0.743, abs=0.001)


def test_decision_agreement_by_hand():
    report = measure(HAND)
    assert report.units == 6
    # 12 pairable values: 6 accepted, 4 rejected, 2 corrected; 4 disagreeing coincidences (c2, c6 both ways)
    # Do = 4/12, De = (144 - 36 - 16 - 4) / (12 × 11) = 2/3, alpha = 1 - (1/3) / (2/3)
    assert report.alpha == pytest.approx(0.5)
    pairs = {(p.a, p.b): p for p in report.pairs}
    ab = pairs["alice", "bob"]
    # po = 3/4; alice 2 acc, 1 rej, 1 cor; bob 1 acc, 2 rej, 1 cor: pe = (2 + 2 + 1) / 16
    assert (ab.units, ab.agreed) == (4, 3)
    assert ab.kappa == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))  # 7/11
    ac = pairs["alice", "carol"]
    assert (ac.units, ac.agreed, ac.kappa, ac.alpha) == (1, 1, None, None)  # one category: undefined
    bc = pairs["bob", "carol"]
    assert (bc.units, bc.agreed, bc.kappa, bc.alpha) == (1, 0, 0.0, 0.0)
    assert report.decisions == {"alice": 6, "bob": 5, "carol": 2}


def test_field_agreement_and_disagreements_by_hand():
    report = measure(HAND)
    fields = {f.field: (f.agreed, f.compared) for f in report.fields}
    assert fields == {"value": (0, 1), "counted": (1, 1)}  # c4 only: "Troops" and " troops" are the same
    assert [(d.claim, d.what) for d in report.disagreements] == [("c2", "decision"), ("c4", "value"),
                                                                 ("c6", "decision")]
    assert list(report.disagreements[0].versions) == ["alice", "bob"]


def spans(reviewer: str, *entities) -> dict:
    """(start, end, label, text, status) → the reviewer's spans (status "removed": no label left)."""
    return {(s, e): EntityVersion(reviewer, text, "" if status == "removed" else label, status,
                                  model_label=label if status in ("model", "removed") else "")
            for s, e, label, text, status in entities}


def test_entity_span_f1_and_disagreements_by_hand():
    entities = {
        "alice": {"art1": spans("alice", (0, 5, "GPE", "Paris", "model"), (10, 15, "ORG", "Acme", "model"),
                                (30, 34, "GPE", "Nice", "removed")),
                  "art2": spans("alice", (0, 3, "GPE", "Rome", "model"))},
        "bob": {"art1": spans("bob", (0, 5, "GPE", "Paris", "model"), (10, 15, "PERSON", "Acme", "relabelled"),
                              (20, 25, "GPE", "Lyon", "added"), (30, 34, "GPE", "Nice", "removed"))},
        "carol": {"art1": spans("carol", (0, 5, "GPE", "Paris", "model"), (10, 15, "ORG", "Acme", "model"),
                                (30, 34, "GPE", "Nice", "model"))},
    }
    report = measure(HAND, entities)
    f = {(e.a, e.b): e for e in report.entities}
    # art1 only (both worked there). alice leaves Paris, Acme; bob Paris, Acme, Lyon; carol Paris, Acme, Nice
    assert (f["alice", "bob"].articles, f["alice", "bob"].a_entities, f["alice", "bob"].b_entities,
            f["alice", "bob"].matched) == (1, 2, 3, 1)  # Paris: Acme is ORG against PERSON
    assert f["alice", "bob"].f1 == pytest.approx(2 * 1 / (2 + 3))
    assert f["alice", "carol"].f1 == pytest.approx(2 * 2 / (2 + 3)) and f["bob", "carol"].matched == 1
    # every span someone leaves otherwise, with the version of each of the three who worked in art1
    assert [(e.start, e.labels, e.model_label) for e in report.entity_disagreements] == [
        (10, {"alice": "ORG", "bob": "PERSON", "carol": "ORG"}, "ORG"),
        (20, {"alice": "", "bob": "GPE", "carol": ""}, ""),
        (30, {"alice": "", "bob": "", "carol": "GPE"}, "GPE")]
    lyon = report.entity_disagreements[1]
    assert [(v.status, v.done) for v in lyon.versions.values()] == [("", "none"), ("added", "added"), ("", "none")]
    assert measure(HAND, {"alice": entities["alice"], "bob": {}, "carol": {}}).entity_disagreements == []


def test_kappa_and_values_compared():
    assert cohen_kappa([0, 0, 1, 1], [0, 1, 1, 1]) == pytest.approx(0.5)
    assert cohen_kappa([], []) is None
    assert field_key(3000) == field_key(3000.0) and field_key([1, 2.0]) == field_key((1.0, 2))
    assert field_key("  Armenian   officials ") == field_key("armenian officials")
    assert version("a", "c", "corrected", value=3000).agrees(version("b", "c", "corrected", value=3000.0))
    assert not version("a", "c", "accepted").agrees(version("b", "c", "corrected", value=1, counted="x"))
