"""How much reviewers agree, on the claims and articles more than one of them reviewed.

- **Decisions** (accepted / corrected / rejected / added), a nominal judgement per claim:
  Krippendorff's alpha over every reviewer (the ``krippendorff`` package: it handles claims seen by
  two of three reviewers) and, for each pair of reviewers, the observed agreement, Cohen's kappa
  ``(po - pe) / (1 - pe)`` (pe from each reviewer's own shares of decisions) and the pair's alpha.
  A coefficient is ``None`` where it is undefined (every decision the same: no variation to explain).
- **Fields**: on claims a pair both kept (neither rejected) and at least one corrected, how often each
  field they leave is the same (value, qualifier, counted, predicate, source, date; unit where a record
  has one), compared as :func:`~.versions.field_key` does.
- **Entities**: on articles both reviewers worked in, span-level F1 between their final entities
  (the model's and the rules', with each reviewer's relabels, removals and additions): an entity
  counts as matched when both have the same span with the same label.
- **Disagreements**: every claim whose versions differ, with each reviewer's version; and every entity
  span the reviewers label differently (or one removed).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

import krippendorff
import numpy as np

from ..reviewed import merge_entities
from .versions import COMPARED_FIELDS, DECISIONS, Version, all_agree, field_key, versions_of

EntitySpans = dict[tuple[int, int], tuple[str, str]]  # (start, end) → (label, text)


@dataclass(frozen=True)
class PairFigures:
    """Decision agreement between two reviewers on the claims both decided."""

    a: str
    b: str
    units: int
    agreed: int
    kappa: float | None
    alpha: float | None

    @property
    def observed(self) -> float | None:
        return self.agreed / self.units if self.units else None


@dataclass(frozen=True)
class FieldFigures:
    """How often reviewers who kept a claim leave one field the same."""

    field: str
    compared: int
    agreed: int

    @property
    def share(self) -> float | None:
        return self.agreed / self.compared if self.compared else None


@dataclass(frozen=True)
class EntityFigures:
    """Span-level agreement of two reviewers' entities over the articles both worked in."""

    a: str
    b: str
    articles: int
    a_entities: int
    b_entities: int
    matched: int

    @property
    def f1(self) -> float | None:
        total = self.a_entities + self.b_entities
        return 2 * self.matched / total if total else None


@dataclass(frozen=True)
class Disagreement:
    """A claim reviewers decided differently: each one's version."""

    claim: str
    article: str
    versions: dict[str, Version]  # reviewer → version, in the project's order of reviewers

    @property
    def what(self) -> str:
        """"decision" when they decided differently, else the fields they left differently."""
        versions = list(self.versions.values())
        if len({v.status for v in versions}) > 1:
            return "decision"
        differ = [n for n in COMPARED_FIELDS if len({field_key(v.fields.get(n, "")) for v in versions}) > 1]
        return ", ".join(differ)


@dataclass(frozen=True)
class EntityDisagreement:
    """An entity span reviewers label differently ("" where one of them has no entity there)."""

    article: str
    start: int
    end: int
    text: str
    labels: dict[str, str]


@dataclass
class AgreementReport:
    reviewers: tuple[str, ...]
    units: int  # claims decided by two reviewers or more
    alpha: float | None
    pairs: list[PairFigures] = field(default_factory=list)
    fields: list[FieldFigures] = field(default_factory=list)
    entities: list[EntityFigures] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    entity_disagreements: list[EntityDisagreement] = field(default_factory=list)
    decisions: dict[str, int] = field(default_factory=dict)  # reviewer → claims decided


def alpha_nominal(matrix: np.ndarray) -> float | None:
    """Krippendorff's alpha of a reviewers × units matrix of category codes (NaN: not reviewed), or None
    where it is undefined (fewer than two categories used)."""
    if matrix.shape[1] == 0 or len(np.unique(matrix[~np.isnan(matrix)])) < 2:
        return None
    value = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    return None if math.isnan(value) else value


def cohen_kappa(a: list[int], b: list[int]) -> float | None:
    """Cohen's kappa of two equally long lists of category codes (None where chance agreement is 1)."""
    n = len(a)
    if not n:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    shares_a, shares_b = Counter(a), Counter(b)
    expected = sum(shares_a[k] * shares_b[k] for k in shares_a) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


def measure(versions: dict[str, dict[str, Version]],
            entities: dict[str, dict[str, EntitySpans]] | None = None) -> AgreementReport:
    """The agreement of reviewers given their versions (reviewer → claim id → version) and, optionally,
    their final entities (reviewer → article id → spans) in the articles each worked in."""
    reviewers = tuple(versions)
    claims: dict[str, dict[str, Version]] = {}
    for name, own in versions.items():
        for claim_id, version in own.items():
            claims.setdefault(claim_id, {})[name] = version
    shared = {c: v for c, v in claims.items() if len(v) > 1}
    code = {d: i for i, d in enumerate(DECISIONS)}
    units = list(shared)
    matrix = np.full((len(reviewers), len(units)), np.nan)
    row = {name: i for i, name in enumerate(reviewers)}
    for j, claim_id in enumerate(units):
        for name, version in shared[claim_id].items():
            matrix[row[name], j] = code.get(version.status, len(code))
    report = AgreementReport(reviewers, len(units), alpha_nominal(matrix),
                             decisions={name: len(own) for name, own in versions.items()})
    for a, b in itertools.combinations(reviewers, 2):
        both = ~np.isnan(matrix[row[a]]) & ~np.isnan(matrix[row[b]])
        xa, xb = matrix[row[a], both].astype(int).tolist(), matrix[row[b], both].astype(int).tolist()
        report.pairs.append(PairFigures(a, b, len(xa), sum(1 for x, y in zip(xa, xb, strict=True) if x == y),
                                        cohen_kappa(xa, xb), alpha_nominal(matrix[[row[a], row[b]]][:, both])))
    report.fields = _fields(shared)
    report.disagreements = [Disagreement(c, next(iter(v.values())).article, {n: v[n] for n in reviewers if n in v})
                            for c, v in shared.items() if not all_agree(list(v.values()))]
    report.disagreements.sort(key=lambda d: (d.article, _start(d), d.claim))
    if entities:
        report.entities, report.entity_disagreements = _entities(reviewers, entities)
    return report


def _start(disagreement: Disagreement) -> int:
    doc = next(iter(disagreement.versions.values())).doc
    return ((doc.get("selector") or {}).get("position") or {}).get("start", 0)


def _fields(shared: dict[str, dict[str, Version]]) -> list[FieldFigures]:
    compared: Counter = Counter()
    agreed: Counter = Counter()
    for versions in shared.values():
        for x, y in itertools.combinations(versions.values(), 2):
            if "rejected" in (x.status, y.status) or not {"corrected", "added"} & {x.status, y.status}:
                continue
            for name in COMPARED_FIELDS:
                if name not in x.fields and name not in y.fields:
                    continue
                compared[name] += 1
                agreed[name] += field_key(x.fields.get(name, "")) == field_key(y.fields.get(name, ""))
    return [FieldFigures(n, compared[n], agreed[n]) for n in COMPARED_FIELDS if compared[n]]


def _entities(reviewers: tuple[str, ...], entities: dict[str, dict[str, EntitySpans]]):
    figures = []
    spans_apart: dict[tuple[str, int, int], dict[str, str]] = {}
    texts: dict[tuple[str, int, int], str] = {}
    for a, b in itertools.combinations(reviewers, 2):
        ea, eb = entities.get(a, {}), entities.get(b, {})
        articles = sorted(set(ea) & set(eb))
        na = nb = matched = 0
        for article in articles:
            sa, sb = ea[article], eb[article]
            na, nb = na + len(sa), nb + len(sb)
            matched += sum(1 for span, (label, _) in sa.items() if span in sb and sb[span][0] == label)
            for span in set(sa) | set(sb):
                la, lb = sa.get(span, ("", ""))[0], sb.get(span, ("", ""))[0]
                if la != lb:
                    key = (article, *span)
                    texts[key] = (sa.get(span) or sb.get(span))[1]
                    spans_apart.setdefault(key, {}).update({a: la, b: lb})
        figures.append(EntityFigures(a, b, len(articles), na, nb, matched))
    apart = [EntityDisagreement(k[0], k[1], k[2], texts[k], {n: labels[n] for n in reviewers if n in labels})
             for k, labels in sorted(spans_apart.items())]
    return figures, apart


# -- reading a project's stores -------------------------------------------------------------------

def claim_versions(stores: dict[str, object]) -> dict[str, dict[str, Version]]:
    """reviewer → claim id → version, from each reviewer's store."""
    return {name: versions_of(name, store.records("claims")) for name, store in stores.items()}


def entity_spans(session, stores: dict[str, object]) -> dict[str, dict[str, EntitySpans]]:
    """reviewer → article id → their final entities, for every article of the session each reviewer
    worked in (made any decision): the session's extraction with the reviewer's entity edits."""
    out: dict[str, dict[str, EntitySpans]] = {}
    for name, store in stores.items():
        own: dict[str, EntitySpans] = {}
        for article_id in store.articles():
            article = session.article(article_id)
            if article is None:
                continue
            result = session.extraction(article_id)
            merged = merge_entities(article, result.entities if result else [], store.entities(article_id))
            own[article_id] = {(e.start, e.end): (e.label, e.text) for e in merged if e.visible}
        out[name] = own
    return out
