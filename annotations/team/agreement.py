"""How much reviewers agree, on the claims and articles more than one of them reviewed.

- **Decisions** (accepted / corrected / rejected / added), a nominal judgement per claim:
  Krippendorff's alpha over every reviewer (the ``krippendorff`` package: it handles claims seen by
  two of three reviewers) and, for each pair of reviewers, the observed agreement, Cohen's kappa
  ``(po - pe) / (1 - pe)`` (pe from each reviewer's own shares of decisions) and the pair's alpha.
  A coefficient is ``None`` where it is undefined (every decision the same: no variation to explain).
- **Fields**: on claims a pair both kept (neither rejected) and at least one corrected, how often each
  field they leave is the same (value, qualifier, unit, change, from, counted, predicate, source, date),
  compared as :func:`~.versions.field_key` does.
- **Entities**: on articles both reviewers worked in (and the session extracted), span-level F1 between
  their final entities (the model's and the rules', with each reviewer's relabels, removals and
  additions): an entity counts as matched when both have the same span with the same label.
- **Disagreements**: every claim whose versions differ, with each reviewer's version; and every entity
  span reviewers who worked in its article leave differently (one relabelled, removed or added and
  another did not, or they chose different labels), with every such reviewer's version.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

import krippendorff
import numpy as np

from ..ids import short_hash
from ..reviewed import merge_entities
from .entity_versions import EntityVersion
from .versions import COMPARED_FIELDS, DECISIONS, Version, all_agree, field_key, versions_of

EntitySpans = dict[tuple[int, int], EntityVersion]  # (start, end) → the reviewer's version (label "": removed)


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
        differ = [n for n in COMPARED_FIELDS if len({field_key(v.fields.get(n, ""), n) for v in versions}) > 1]
        return ", ".join(differ)

    @property
    def start(self) -> int:
        """Where the claim starts in its article."""
        doc = next(iter(self.versions.values())).doc
        return ((doc.get("selector") or {}).get("position") or {}).get("start", 0)


@dataclass(frozen=True)
class EntityDisagreement:
    """An entity span reviewers leave differently: every version of those who worked in its article
    (label "" where one has no entity there), and what the extractor says there (``model_label``)."""

    article: str
    start: int
    end: int
    text: str
    versions: dict[str, EntityVersion]  # reviewer → version, in the project's order of reviewers
    model_label: str = ""

    @property
    def labels(self) -> dict[str, str]:
        """reviewer → the label they leave ("" none)."""
        return {name: v.label for name, v in self.versions.items()}

    @property
    def what(self) -> str:
        return "entity label"

    @property
    def entity_id(self) -> str:
        """The id an edit of this span takes: the extractor's entity's, else the one a reviewer's edit has,
        else the store's own for a new entity there."""
        versions = list(self.versions.values())
        return (next((v.id for v in versions if v.status in ("model", "rule", "relabelled", "removed") and v.id), "")
                or next((v.id for v in versions if v.id), "")
                or "e-" + short_hash(self.article, self.start, self.end))


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
    report.disagreements.sort(key=lambda d: (d.article, d.start, d.claim))
    if entities:
        report.entities, report.entity_disagreements = _entities(reviewers, entities)
    return report


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
                agreed[name] += field_key(x.fields.get(name, ""), name) == field_key(y.fields.get(name, ""), name)
    return [FieldFigures(n, compared[n], agreed[n]) for n in COMPARED_FIELDS if compared[n]]


def _entities(reviewers: tuple[str, ...], entities: dict[str, dict[str, EntitySpans]]):
    figures = []
    for a, b in itertools.combinations(reviewers, 2):
        ea, eb = entities.get(a, {}), entities.get(b, {})
        articles = sorted(set(ea) & set(eb))
        na = nb = matched = 0
        for article in articles:
            sa, sb = ea[article], eb[article]
            na += sum(1 for v in sa.values() if v.label)
            nb += sum(1 for v in sb.values() if v.label)
            matched += sum(1 for span, v in sa.items() if v.label and span in sb and sb[span].label == v.label)
        figures.append(EntityFigures(a, b, len(articles), na, nb, matched))
    apart = []
    for article in sorted({a for name in reviewers for a in entities.get(name, {})}):
        worked = {name: entities[name][article] for name in reviewers if article in entities.get(name, {})}
        if len(worked) < 2:
            continue
        for span in sorted({span for spans in worked.values() for span in spans}):
            found = [spans[span] for spans in worked.values() if span in spans]
            text = found[0].text
            versions = {name: spans.get(span) or EntityVersion(name, text, "") for name, spans in worked.items()}
            if len({v.label for v in versions.values()}) > 1:
                model = next((v.model_label for v in found if v.model_label), "")
                apart.append(EntityDisagreement(article, span[0], span[1], text, versions, model))
    return figures, apart


# -- reading a project's stores -------------------------------------------------------------------

def claim_versions(stores: dict[str, object]) -> dict[str, dict[str, Version]]:
    """reviewer → claim id → version, from each reviewer's store."""
    return {name: versions_of(name, store.records("claims")) for name, store in stores.items()}


def entity_spans(session, stores: dict[str, object]) -> dict[str, dict[str, EntitySpans]]:
    """reviewer → article id → their final entities (removed ones too, with no label), for every article
    of the session each reviewer worked in (made any decision) that the session extracted: the
    session's extraction with the reviewer's entity edits."""
    out: dict[str, dict[str, EntitySpans]] = {}
    for name, store in stores.items():
        own: dict[str, EntitySpans] = {}
        for article_id in store.articles():
            article = session.article(article_id)
            result = session.extraction(article_id)
            if article is None or result is None:
                continue
            merged = merge_entities(article, result.entities, store.entities(article_id))
            own[article_id] = {(e.start, e.end): EntityVersion.of(name, e) for e in merged}
        out[name] = own
    return out
