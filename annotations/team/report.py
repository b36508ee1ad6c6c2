"""A project's agreement, measured from its stores and written as JSON or CSV.

:func:`project_agreement` reads every reviewer's store (read-only: safe while they review) and
measures; :func:`report_json` is everything, :func:`write_disagreements_csv` one row per disagreement
(claims, then entity spans) with each reviewer's version side by side (spreadsheet-safe).
"""

from __future__ import annotations

import csv
from typing import IO

from ..export.csvfile import safe_cell
from ..fields import CLAIM_FIELDS, format_value
from ..sanitize import clean_line
from .agreement import AgreementReport, claim_versions, entity_spans, measure
from .project import Project
from .stores import read_stores

SCHEMA = "claimdesk.agreement/1"


def project_agreement(project: Project, session=None) -> AgreementReport:
    """The agreement of ``project``'s reviewers now; entity agreement needs ``session`` (the corpus
    extracted with the project's rules, e.g. ``open_review(project.corpus, ProjectView(...))``)."""
    stores = read_stores(project)
    try:
        versions = claim_versions(stores)
        for name in project.reviewers:
            versions.setdefault(name, {})
        versions = {name: versions[name] for name in project.reviewers}
        entities = entity_spans(session, stores) if session is not None else None
        return measure(versions, entities)
    finally:
        for store in stores.values():
            store.close()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_json(report: AgreementReport, articles: dict | None = None) -> dict:
    """The whole report as JSON-ready data (``articles``: id → Article, to name them)."""
    def title(article_id: str) -> str:
        article = (articles or {}).get(article_id)
        return article.title if article is not None else ""

    return {
        "schema": SCHEMA,
        "reviewers": list(report.reviewers),
        "decisions": report.decisions,
        "claims_reviewed_twice": report.units,
        "alpha": _round(report.alpha),
        "pairs": [{"a": p.a, "b": p.b, "claims": p.units, "agreed": p.agreed, "observed": _round(p.observed),
                   "kappa": _round(p.kappa), "alpha": _round(p.alpha)} for p in report.pairs],
        "fields": [{"field": f.field, "compared": f.compared, "agreed": f.agreed, "share": _round(f.share)}
                   for f in report.fields],
        "entities": [{"a": e.a, "b": e.b, "articles": e.articles, "a_entities": e.a_entities,
                      "b_entities": e.b_entities, "matched": e.matched, "f1": _round(e.f1)} for e in report.entities],
        "disagreements": [{"claim": d.claim, "article": d.article, "title": title(d.article), "what": d.what,
                           "versions": {n: {"status": v.status, "fields": v.fields, "at": v.at}
                                        for n, v in d.versions.items()}} for d in report.disagreements],
        "entity_disagreements": [{"article": e.article, "title": title(e.article), "start": e.start, "end": e.end,
                                  "text": e.text, "model_label": e.model_label, "labels": e.labels,
                                  "versions": {n: {"label": v.label, "status": v.status, "at": v.at}
                                               for n, v in e.versions.items()}}
                                 for e in report.entity_disagreements],
    }


def write_disagreements_csv(report: AgreementReport, out: IO[str], articles: dict | None = None) -> int:
    """One row per disagreement: claims first (the claim, then per reviewer their decision and fields),
    then entity spans (the span, then per reviewer what they did and the label they leave). Returns the
    rows written."""
    columns = ["kind", "claim", "article", "title", "quote", "what"]
    for name in report.reviewers:
        columns += [f"{name}:decision", f"{name}:label", *(f"{name}:{f}" for f in CLAIM_FIELDS), f"{name}:at"]
    writer = csv.writer(out)
    writer.writerow(columns)

    def title(article_id: str) -> str:
        article = (articles or {}).get(article_id)
        return article.title if article is not None else ""

    blank = [""] * (len(CLAIM_FIELDS) + 3)
    for d in report.disagreements:
        doc = next(iter(d.versions.values())).doc
        quote = ((doc.get("selector") or {}).get("quote") or {}).get("exact", "")
        row = ["claim", d.claim, d.article, title(d.article), quote, d.what]
        for name in report.reviewers:
            v = d.versions.get(name)
            row += blank if v is None else [
                v.status, "", *(format_value(v.fields.get(f, "")) if f == "value" else str(v.fields.get(f, ""))
                                for f in CLAIM_FIELDS), v.at]
        writer.writerow([safe_cell(c) for c in row])
    for e in report.entity_disagreements:
        row = ["entity", "", e.article, title(e.article), e.text, "label"]
        for name in report.reviewers:
            v = e.versions.get(name)
            row += blank if v is None else [v.status, v.label or "", *[""] * len(CLAIM_FIELDS), v.at]
        writer.writerow([safe_cell(c) for c in row])
    return len(report.disagreements) + len(report.entity_disagreements)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def fig(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def report_lines(report: AgreementReport, project_name: str, articles: dict) -> list[str]:
    """The report as text lines, for the terminal and the agreement screen (names and titles cleaned)."""
    lines = [f"Agreement in {project_name}: {len(report.reviewers)} reviewers, {report.units} claims decided by "
             "two or more",
             f"Decisions (accepted / corrected / rejected / added): Krippendorff's alpha {fig(report.alpha)}",
             f"  {'pair':<24}{'claims':>7}{'agreed':>8}{'kappa':>7}{'alpha':>7}"]
    for p in report.pairs:
        lines.append(f"  {p.a + ' – ' + p.b:<24}{p.units:>7}{pct(p.observed):>8}{fig(p.kappa):>7}{fig(p.alpha):>7}")
    if report.fields:
        lines.append("Fields, on claims both kept and at least one corrected (pairs agreeing):")
        lines += [f"  {f.field:<12}{f.agreed:>4}/{f.compared:<4}{pct(f.share):>6}" for f in report.fields]
    if report.entities:
        lines.append("Entities, span-level F1 on the articles both worked in:")
        lines += [f"  {e.a + ' – ' + e.b:<24}{e.articles:>3} articles  F1 {fig(e.f1)} ({e.matched} matched of "
                  f"{e.a_entities} / {e.b_entities})" for e in report.entities]
    lines.append(f"Disagreements: {len(report.disagreements)} claims"
                 + (f", {len(report.entity_disagreements)} entity spans" if report.entities else ""))
    for d in report.disagreements:
        article = articles.get(d.article)
        doc = next(iter(d.versions.values())).doc
        quote = ((doc.get("selector") or {}).get("quote") or {}).get("exact", "")
        who = " · ".join(f"{n}: {v.status}" for n, v in d.versions.items())
        lines.append(clean_line(f"  {article.title[:40] if article else d.article} · “{quote}” · {d.what} · {who}"))
    for e in report.entity_disagreements:
        article = articles.get(e.article)
        labels = " · ".join(f"{n}: {v.label or 'none'}" + (f" ({v.done})" if v.status not in ("model", "rule", "") else "")
                            for n, v in e.versions.items())
        lines.append(clean_line(f"  {article.title[:40] if article else e.article} · entity “{e.text}” · {labels}"))
    return lines
