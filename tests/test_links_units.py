"""Link suggestions and units: never ``same`` across units that do not convert, values converted within a
family (km and mi, GBX and GBP), a claim's unit as a block key."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.links import SuggestionIndex, explain, ledger_rows, link, timeline
from claimdesk.annotations.links.blocking import block_keys
from claimdesk.annotations.links.conversion import convert, rounding, same_figure, scale_of
from claimdesk.annotations.links.features import ClaimColumns
from claimdesk.annotations.links.profile import ClaimProfile
from claimdesk.annotations.links.score import propose_type, value_closeness
from session_helpers import session_over


def profile(claim_id: str = "a", value: float = 90.0, unit: str = "", change: str = "", **changes) -> ClaimProfile:
    base = ClaimProfile(claim_id=claim_id, article_id=claim_id, article_index=0,
                        what=frozenset({"halvern", "share"}), what_text="halvern shares", low=value, high=value,
                        date=737727, source=frozenset(), source_text="", sentence="", context=frozenset(),
                        running=False, rejected=False, scale=scale_of(unit), change=change)
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("a, b", [
    ((90, "percent"), (90, "")),  # a percentage and a count
    ((2315, "USD"), (2315, "EUR")),  # currencies are never converted: no exchange rates, no network
    ((20, "km"), (20, "kg")),
    ((5, "percent"), (5, "percentage point")),
])
def test_never_same_across_units_that_do_not_convert(a, b):
    left, right = profile("a", *a), profile("b", *b)
    pair = explain(left, right)
    assert pair.type == "related" and pair.features["value"] == 0.0
    assert any(r.startswith("different units") for r in pair.reasons)
    assert explain(left, profile("b", *a)).type == "same"  # the same figure in the same unit is


@pytest.mark.parametrize("a, b, same", [
    ((20, "km"), (12, "mi"), True),  # "20 kilometres, or about 12 miles": one figure as each was written
    ((20, "km"), (12.43, "mi"), True),
    ((20, "km"), (13, "mi"), False),
    ((164, "GBX"), (1.64, "GBP"), True),
    ((25, "basis point"), (0.25, "percentage point"), True),
    ((100, "°C"), (212, "°F"), True),  # an offset too
    ((30, "km/h"), (18.6, "mph"), True),
])
def test_values_convert_within_a_family(a, b, same):
    left, right = profile("a", *a), profile("b", *b)
    assert (propose_type(left, right) == "same") is same
    assert value_closeness(left, right) > 0.95
    if not same:
        assert propose_type(left, right) == "contradicts"  # the same day, another figure


def test_converted_reasons_and_rounding():
    pair = explain(profile("a", 20, "km"), profile("b", 13, "mi"))
    assert "13 mi is 20.921 km" in pair.reasons and "value +0.921 (+5%)" in pair.reasons
    assert rounding(12) == 0.5 and rounding(20) == 5 and rounding(2.3e9) == 5e7 and rounding(0.25) == 0.005
    assert same_figure(2.3e9, scale_of("USD"), 2.3e9, scale_of("USD"))
    assert not same_figure(1, scale_of("USD"), 1, scale_of("EUR"))
    assert convert(1609.344, scale_of("m"), scale_of("mi")) == pytest.approx(1.0)


def test_a_rise_is_not_the_same_figure_as_a_fall():
    fell, rose = profile("a", 6.5, "percent", "down"), profile("b", 6.5, "percent", "up")
    pair = explain(fell, rose)
    assert pair.type == "contradicts" and "a rise against a fall" in pair.reasons
    assert explain(fell, profile("b", 6.5, "percent", "down")).type == "same"
    assert explain(fell, profile("b", 6.5, "percent")).type == "same"  # the other does not say


def test_the_first_pass_converts_and_keeps_families_apart():
    rows = [profile("a", 20, "km"), profile("b", 12.43, "mi"), profile("c", 20, "kg"), profile("d", 20, "km"),
            profile("e", 200, "km")]
    rows = [dataclasses.replace(p, article_index=i) for i, p in enumerate(rows)]
    columns = ClaimColumns()
    columns.set(range(len(rows)), rows)
    miles, kilograms, same, further = columns.first_pass(np.zeros(1, np.int64)[:, None],
                                                         np.arange(1, len(rows))[None, :])[0]
    assert miles == pytest.approx(same, abs=0.005)  # 12.43 mi converted is 20 km
    assert kilograms == pytest.approx(same - 0.15, abs=0.005)  # the value counts nothing across families
    assert kilograms < further < miles  # 200 km is far, but still a length


def test_a_unit_is_a_block_key():
    assert ("unit", "GBX") in block_keys(profile("a", 164, "GBX"))
    assert not [k for k in block_keys(profile("a", 164)) if k[0] == "unit"]


TEXTS = {
    "a.txt": "Marathon\n\nThe new marathon course is 42 kilometres long, organisers said.\n\n"
             "Entry costs $120, the club said.\n",
    "b.txt": "Marathon route\n\nThe marathon course is about 26 miles long, the city said.\n\n"
             "Entry costs 120 euros, the club said.\n",
}


def test_suggestions_convert_miles_and_keep_currencies_apart(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    session = session_over(load_corpus(folder), None)
    index = SuggestionIndex.build(session)
    claims = {c.text: c for c in session.all_claims()}
    assert (claims["42 kilometres"].unit, claims["about 26 miles"].unit) == ("km", "mi")
    found = {s.claim.text: s for s in index.suggest(claims["42 kilometres"])}
    assert found["about 26 miles"].type == "same"  # 26 mi is 41.8 km
    dollars = {s.claim.text: s for s in index.suggest(claims["$120"])}
    assert dollars["120 euros"].type == "related"  # 120 euros are not $120, however alike the sentences


def test_the_ledger_and_timeline_compare_a_cluster_in_one_unit(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in {"a.txt": "Race\n\nOctober 9, 2020\n\nThe marathon course is 42 kilometres long.\n",
                       "b.txt": "Race\n\nOctober 9, 2020\n\nThe marathon course is 26.1 miles long.\n",
                       "c.txt": "Race\n\nOctober 9, 2020\n\nThe marathon course is 30 miles long.\n"}.items():
        (folder / name).write_text(text, "utf-8")
    session = session_over(load_corpus(folder), tmp_path / "review.json")
    try:
        claims = {c.text: c for c in session.all_claims()}
        km, miles = claims["42 kilometres"], claims["26.1 miles"]
        link(session, km, miles, "same")
        [row] = ledger_rows(session)
        assert (row.unit, row.range, row.contradiction) == ("mi", "26.098–26.1 mi", False)  # 42 km is 26.098 mi
        link(session, miles, claims["30 miles"], "contradicts")
        [row] = ledger_rows(session)
        assert row.range == "26.098–30 mi" and row.contradiction
        marked = {m.claim.text: m.contradicted for m in timeline(session, row.cluster_id).mentions}
        assert marked == {"42 kilometres": True, "26.1 miles": True, "30 miles": True}  # 30 mi that day
    finally:
        session.store.close()
