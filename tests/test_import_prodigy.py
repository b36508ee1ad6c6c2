"""Import of Prodigy JSONL: tasks matched to articles, spans to entities and claims, answers to decisions."""

from __future__ import annotations

import json

from claimdesk.annotations.export import export
from claimdesk.annotations.export.importing import import_file
from claimdesk.annotations.reviewed import CLAIM_STATES as ALL
from export_helpers import fresh, reviewed  # noqa: F401 (fixtures)


def write_tasks(path, tasks) -> None:
    path.write_text("".join((t if isinstance(t, str) else json.dumps(t)) + "\n" for t in tasks), "utf-8")


def span_of(text: str, words: str, label: str) -> dict:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "label": label}


def test_our_prodigy_export_imports_as_the_same_decisions(tmp_path, reviewed, fresh):
    export(reviewed, "prodigy", tmp_path / "tasks.jsonl", statuses=ALL)
    report = import_file(tmp_path / "tasks.jsonl", fresh)
    assert report.problems == [] and report.ignored > 400  # pending claims and model entities
    decided = {(d["id"], d["status"], json.dumps(d["fields"], sort_keys=True)) for d in reviewed.store.claims()}
    imported = {(d["id"], d["status"], json.dumps(d["fields"], sort_keys=True)) for d in fresh.store.claims()}
    assert imported == decided
    assert ({(d["id"], d["action"], d["label"]) for d in fresh.store.entities()}
            == {(d["id"], d["action"], d["label"]) for d in reviewed.store.entities()})


def test_tasks_by_meta_article_or_by_text_become_reviewer_records(tmp_path, fresh):
    article = fresh.corpus.articles[3]
    paragraph = next(p for p in article.paragraphs if "Stepanakert" in p)
    other = fresh.corpus.articles[4]
    other_paragraph = other.paragraphs[2]
    claim = next(c for c in fresh.claims(article.id) if c.text == "1,119")
    claim_paragraph = next(p for p in article.paragraphs if "1,119" in p)
    tasks = [
        {"text": paragraph, "spans": [span_of(paragraph, "Stepanakert", "GPE")], "answer": "accept",
         "meta": {"article": article.path}, "_annotator_id": "prodigy-eve", "_timestamp": 1700000000},
        {"text": other_paragraph, "spans": [{"start": 0, "end": 3, "label": "MISC"}], "answer": "accept"},
        {"text": claim_paragraph, "spans": [span_of(claim_paragraph, "1,119", "CLAIM")], "answer": "reject"},
        {"text": "A paragraph no article holds.", "spans": [], "answer": "accept", "meta": {"article": "nope.txt"}},
        {"text": paragraph, "spans": [], "answer": "ignore"},
        "{broken",
        {"text": paragraph, "spans": [span_of(paragraph, "Stepanakert", "GPE")]},
    ]
    write_tasks(tmp_path / "tasks.jsonl", tasks)
    report = import_file(tmp_path / "tasks.jsonl", fresh)
    problems = dict(report.problems)
    assert problems[4].startswith("task matches no article (meta.article 'nope.txt')")
    assert problems[6].startswith("not JSON") and problems[7].startswith("no answer")
    assert report.ignored == 1 and report.written["entities"] == 2 and report.written["claims"] == 1
    relabel = next(d for d in fresh.store.entities() if d["action"] == "relabel")
    assert relabel["label"] == "GPE" and relabel["model_label"] == "PERSON"  # the model says PERSON
    assert relabel["reviewer"] == "prodigy-eve" and relabel["at"] == "2023-11-14T22:13:20.000Z"
    added = next(d for d in fresh.store.entities() if d["action"] == "add")
    assert added["article"] == other.id and added["label"] == "MISC"  # found by its text
    assert fresh.store.claim(claim.id)["status"] == "rejected"
    # the relabel is the record the rules learn from, as if a reviewer had made it in the app
    stepanakert = [e for e in fresh.entities(article.id) if e.text == "Stepanakert"]
    assert any(e.status == "relabelled" and e.label == "GPE" for e in stepanakert)


def test_accepted_claim_spans_with_fields_correct_or_add_claims(tmp_path, fresh):
    article = fresh.corpus.articles[3]
    claim = next(c for c in fresh.claims(article.id) if c.text == "1,119")
    paragraph = next(p for p in article.paragraphs if "1,119" in p)
    title = article.paragraphs[0]
    dated = next(p for p in article.paragraphs if "1994" in p)
    tasks = [
        {"text": paragraph, "spans": [span_of(paragraph, "1,119", "CLAIM")], "answer": "accept",
         "meta": {"claim": claim.id, "fields": dict(claim.fields, value=1200)}},
        {"text": dated, "spans": [span_of(dated, "1994", "CLAIM")], "answer": "accept"},
        {"text": title, "spans": [span_of(title, "a fifth week", "CLAIM")], "answer": "accept"},
    ]
    write_tasks(tmp_path / "tasks.jsonl", tasks)
    report = import_file(tmp_path / "tasks.jsonl", fresh)
    assert report.problems == [(3, "invalid claim fields: value is required: a number or a range like 10-20")]
    doc = fresh.store.claim(claim.id)
    assert doc["status"] == "corrected" and doc["fields"]["value"] == 1200 and doc["original"]["value"] == 1119
    added = [d for d in fresh.store.claims() if d["status"] == "added"]
    assert len(added) == 1 and added[0]["selector"]["quote"]["exact"] == "1994"
    assert added[0]["fields"]["value"] == 1994  # drafted from the span, as the app does


def test_imports_never_overwrite_without_replace(tmp_path, fresh):
    article = fresh.corpus.articles[3]
    claim = next(c for c in fresh.claims(article.id) if c.text == "1,119")
    fresh.accept(claim)
    paragraph = next(p for p in article.paragraphs if "1,119" in p)
    write_tasks(tmp_path / "tasks.jsonl", [
        {"text": paragraph, "spans": [span_of(paragraph, "1,119", "CLAIM")], "answer": "reject"}])
    report = import_file(tmp_path / "tasks.jsonl", fresh)
    assert report.skipped["claims"] == [claim.id] and fresh.store.claim(claim.id)["status"] == "accepted"
    assert import_file(tmp_path / "tasks.jsonl", fresh, replace=True).written["claims"] == 1
    assert fresh.store.claim(claim.id)["status"] == "rejected"
    again = import_file(tmp_path / "tasks.jsonl", fresh)  # the same decision: nothing to do
    assert again.total_written == 0 and again.total_skipped == 0 and again.unchanged == 1
