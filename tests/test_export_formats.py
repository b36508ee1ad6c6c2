"""Each export format, read back by the tool that reads it: JSON, csv, spaCy, JSON-LD, brat."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimdesk.annotations.export import FORMATS, SCHEMA, build, export, parse_statuses
from claimdesk.annotations.export.csvfile import safe_cell
from claimdesk.annotations.export.docbin import article_doc
from claimdesk.annotations.export.records import VisibleEntity
from claimdesk.annotations.reviewed import CLAIM_STATES as ALL
from export_helpers import new_session, reviewed  # noqa: F401 (a fixture)


def text_export(reviewed, fmt: str, statuses=("accepted", "corrected", "added")) -> str:
    out = io.StringIO()
    export(reviewed, fmt, out, statuses=statuses)
    return out.getvalue()


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_statuses_parse_and_name_what_is_wrong():
    assert parse_statuses("reviewed") == ("accepted", "corrected", "added")
    assert parse_statuses("all") == ALL
    assert parse_statuses("rejected, accepted") == ("accepted", "rejected")
    with pytest.raises(ValueError, match="unknown status 'acepted'"):
        parse_statuses("acepted")


def test_jsonl_records_carry_every_field_link_and_cluster(reviewed):
    records = jsonl(text_export(reviewed, "jsonl"))
    header, rest = records[0], records[1:]
    assert header["kind"] == "header" and header["schema"] == SCHEMA and header["statuses"] == [
        "accepted", "corrected", "added"]
    claims = [r for r in rest if r["kind"] == "claim"]
    assert sorted(r["status"] for r in claims) == ["accepted", "accepted", "added", "corrected"]
    corrected = next(r for r in claims if r["status"] == "corrected")
    assert corrected["fields"]["value"] == 1200 and corrected["original"]["value"] == 1119
    assert set(corrected["changed"]) == {"value", "counted"}
    assert corrected["article"]["title"] == "Nagorno-Karabakh fighting grinds on amid more peace talks"
    assert corrected["article"]["source"] == "AP" and corrected["article"]["date"] == "2020-10-29"
    assert corrected["reviewer"] == "ana" and corrected["at"].endswith("Z")
    article = reviewed.corpus.by_id(corrected["article"]["id"])
    position = corrected["selector"]["position"]
    assert article.text[position["start"]:position["end"]] == corrected["selector"]["quote"]["exact"] == "1,119"
    linked = [r for r in claims if r["links"]]
    assert len(linked) == 2 and all(r["cluster"] == "c-troops" for r in linked)
    assert linked[0]["links"][0]["type"] == "same"
    assert [r["status"] for r in rest if r["kind"] == "entity"] == ["added", "relabelled", "removed"]
    clusters = [r for r in rest if r["kind"] == "cluster"]
    assert clusters == [{"kind": "cluster", "id": "c-troops", "name": "Su-25s downed", "claims": clusters[0]["claims"],
                         "reviewer": "ana", "at": clusters[0]["at"]}] and len(clusters[0]["claims"]) == 2


def test_filters_choose_claims_and_entity_records(reviewed):
    rejected = jsonl(text_export(reviewed, "jsonl", ("rejected",)))
    assert [r["status"] for r in rejected if r["kind"] == "claim"] == ["rejected"]
    everything = jsonl(text_export(reviewed, "jsonl", ALL))
    statuses = [r["status"] for r in everything if r["kind"] == "claim"]
    assert statuses.count("pending") == len(statuses) - 5 and len(statuses) > 40
    entity_statuses = {r["status"] for r in everything if r["kind"] == "entity"}
    assert {"model", "relabelled", "removed", "added"} <= entity_statuses  # model entities only with pending


def test_csv_parses_keeps_numbers_and_defuses_formulas(reviewed):
    text = text_export(reviewed, "csv", ALL)
    rows = list(csv.DictReader(io.StringIO(text)))
    corrected = next(r for r in rows if r["status"] == "corrected")
    assert corrected["counted"] == "'=HYPERLINK(\"http://x\")"
    assert corrected["value"] == "1200" and corrected["original"] == "value: 1,119; counted: troops"
    ranged = next(r for r in rows if r["text"] == "Hundreds and possibly thousands")
    assert ranged["value"] == "" and ranged["value_low"] == "200" and ranged["value_high"] == "9999"
    raw = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))  # unquoted cells read as floats
    assert raw[0][:3] == ["claim_id", "status", "article"]
    numbers = [row[8] for row in raw[1:] if isinstance(row[8], float)]
    assert 1200.0 in numbers
    for row in raw[1:]:
        for cell in row:
            assert isinstance(cell, float) or not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert "the war\u2019s end" in text  # UTF-8 text, not escapes


@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("  =cmd", "'  =cmd"), ("troops", "troops"), (-5, -5), (3.5, 3.5), (None, ""),
])
def test_safe_cell(cell, written):
    assert safe_cell(cell) == written


def test_prodigy_tasks_have_tokens_and_inclusive_token_ends(reviewed):
    tasks = jsonl(text_export(reviewed, "prodigy", ALL))
    assert len(tasks) > 40
    answers = {t["meta"]["status"]: t["answer"] for t in tasks}
    assert answers["accepted"] == "accept" and answers["rejected"] == "reject" and answers["pending"] == "ignore"
    assert answers["removed"] == "reject" and answers["relabelled"] == "accept"
    for task in tasks:
        assert set(task) == {"text", "tokens", "spans", "answer", "meta"}
        tokens = task["tokens"]
        assert all(task["text"][t["start"]:t["end"]] == t["text"] for t in tokens)
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        (span,) = task["spans"]
        assert tokens[span["token_start"]]["start"] == span["start"]
        assert tokens[span["token_end"]]["end"] == span["end"]  # token_end is inclusive
        article = reviewed.corpus.by_path(task["meta"]["article"])
        offset = task["meta"]["offset"]
        assert article.text[offset:offset + len(task["text"])] == task["text"]
        assert {"title", "source", "date", "url"} <= set(task["meta"])
    claim_task = next(t for t in tasks if t["meta"].get("claim") and t["meta"]["status"] == "corrected")
    span = claim_task["spans"][0]
    assert span["label"] == "CLAIM" and claim_task["text"][span["start"]:span["end"]] == "1,119"
    assert claim_task["meta"]["fields"]["value"] == 1200


def test_spacy_docbin_loads_with_entities_and_claim_spans(reviewed, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    path = tmp_path / "out.spacy"
    result = export(reviewed, "spacy", path, statuses=("accepted", "corrected", "added", "rejected"))
    assert result.articles == 2
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    by_path = {d.user_data["claimdesk"]["article"]["path"]: d for d in docs}
    article = reviewed.corpus.articles[3]
    doc = by_path[article.path]
    assert doc.text == article.text
    ents = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    entities = reviewed.entities(article.id)
    assert ents[(0, 8)] == "EVENT"  # added
    relabelled = next(e for e in entities if e.status == "relabelled")
    assert ents[(relabelled.start, relabelled.end)] == "GPE"
    removed = next(e for e in entities if e.status == "removed")
    assert (removed.start, removed.end) not in ents
    claims = {s.text: s.id_ for s in doc.spans["claims"]}
    assert "1,119" in claims and "a fifth week" in claims and "two" in claims
    assert [s.text for s in doc.spans["claims_rejected"]] == ["Hundreds and possibly thousands"]
    assert all(s.label_ == "CLAIM" for s in doc.spans["claims"])
    fields = {c["text"]: c["fields"] for c in doc.user_data["claimdesk"]["claims"]}
    assert fields["1,119"]["value"] == 1200


def test_spacy_overlapping_entities_are_dropped_and_counted(sample_corpus):
    article = sample_corpus.articles[3]
    entities = [VisibleEntity(42, 58, "e-1", "GPE", "model"), VisibleEntity(30, 50, "e-2", "LOC", "model"),
                VisibleEntity(113, 120, "e-3", "GPE", "rule")]
    doc, overlapping, unplaced = article_doc(article, [], entities)
    assert overlapping == 1 and unplaced == 0
    assert [(e.text, e.label_) for e in doc.ents] == [("territory of Nagorno-", "LOC"), ("Armenia", "GPE")]


def test_w3c_json_ld_has_both_selectors_on_the_article(reviewed):
    document = json.loads(text_export(reviewed, "w3c"))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    items = document["first"]["items"]
    assert document["total"] == len(items) == 7  # 4 claims, 3 entity edits
    texts = {a.id: a.text for a in reviewed.corpus.articles}
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] in ("assessing", "tagging")
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        article_id = item["target"]["source"].rsplit(":", 1)[-1]
        assert texts[article_id][position["start"]:position["end"]] == quote["exact"]
        assert {"prefix", "suffix"} <= set(quote)
        assert item["creator"]["nickname"] == "ana"
    corrected = next(i for i in items if i["body"][0]["value"] == "corrected")
    details = json.loads(corrected["body"][2]["value"])
    assert details["fields"]["value"] == 1200 and details["original"]["value"] == 1119


def test_claimreview_reviews_reviewed_claims_with_linked_appearances(reviewed):
    document = json.loads(text_export(reviewed, "claimreview", ALL))
    assert document["@context"] == "https://schema.org"
    reviews = document["@graph"]
    assert len(reviews) == 5  # pending claims have no review
    for review in reviews:
        assert review["@type"] == "ClaimReview" and review["author"] == {"@type": "Person", "name": "ana"}
        assert review["itemReviewed"]["@type"] == "Claim" and review["claimReviewed"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert len(review["datePublished"]) == 10
    linked = next(r for r in reviews if len(r["itemReviewed"]["appearance"]) == 2)
    titles = [a["headline"] for a in linked["itemReviewed"]["appearance"]]
    assert titles[0] == linked["itemReviewed"]["firstAppearance"]["headline"]
    assert {a["identifier"] for a in linked["itemReviewed"]["appearance"]} == {
        reviewed.corpus.articles[3].path, reviewed.corpus.articles[4].path}
    rejected = next(r for r in reviews if r["reviewRating"]["ratingValue"] == 1)
    assert rejected["reviewRating"]["alternateName"].startswith("Rejected")


def test_brat_standoff_offsets_slice_the_text(reviewed, tmp_path):
    a = reviewed.corpus.articles[3]
    accepted, corrected = (next(c for c in reviewed.claims(a.id) if c.status == s) for s in ("accepted", "corrected"))
    reviewed.store.add_link(accepted.id, corrected.id, "contradicts", a_article=a.id, b_article=a.id)
    reviewed.refresh()
    folder = tmp_path / "brat"
    export(reviewed, "brat", folder)
    anns = sorted(folder.glob("*.ann"))
    assert len(anns) == 2 and (folder / "annotation.conf").exists()
    conf = (folder / "annotation.conf").read_text("utf-8")
    assert "[entities]" in conf and "Claim" in conf and "EVENT" in conf and "Contradicts" in conf
    lines = anns[0].read_text("utf-8").splitlines()
    text = anns[0].with_suffix(".txt").read_text("utf-8")
    bound = [line for line in lines if line.startswith("T")]
    for line in bound:
        _tid, middle, covered = line.split("\t")
        _label, offsets = middle.split(" ", 1)
        pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
        assert " ".join(text[s:e] for s, e in pieces) == covered
    assert any(line.split("\t")[1].startswith("Claim ") for line in bound)
    assert any(line.startswith("A") and "Status" in line and "corrected" in line for line in lines)
    assert any(line.startswith("R") and line.split("\t")[1].startswith("Contradicts Arg1:T") for line in lines)
    assert any(line.startswith("#") and "same → claim" in line for line in lines)  # the cross-article link


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_exports_an_empty_store(tmp_path, fmt):
    session = new_session(tmp_path / "empty.json")
    try:
        out = tmp_path / FORMATS[fmt].default_name
        result = export(session, fmt, out)
    finally:
        session.store.close()
    assert result.claims == 0 and result.entities == 0 and out.exists()
    if fmt == "jsonl":
        assert [r["kind"] for r in jsonl(out.read_text("utf-8"))] == ["header"]
    elif fmt == "csv":
        assert len(out.read_text("utf-8").splitlines()) == 1
    elif fmt == "w3c":
        assert json.loads(out.read_text("utf-8"))["first"]["items"] == []
    elif fmt == "claimreview":
        assert json.loads(out.read_text("utf-8"))["@graph"] == []
    elif fmt == "spacy":
        from spacy.tokens import DocBin

        assert len(DocBin().from_disk(out)) == 0
    elif fmt == "brat":
        assert [p.name for p in out.iterdir()] == ["annotation.conf"]
    else:
        assert out.read_text("utf-8") == ""


def test_a_failed_export_leaves_the_old_file_and_no_temporary(reviewed, tmp_path):
    from claimdesk.annotations.export import ExportCancelled

    target = tmp_path / "out.jsonl"
    target.write_text("before")

    def stop_while_writing(done, total, what):
        if not what:  # the writer's progress (building records names each article)
            raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        export(reviewed, "jsonl", target, progress=stop_while_writing)
    assert target.read_text() == "before"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_warnings_name_unextracted_articles_and_foreign_annotations(tmp_path, sample_corpus):
    from claimdesk.annotations.anchoring import make_selector
    from claimdesk.annotations.session import ReviewSession
    from claimdesk.annotations.store import open_store
    from session_helpers import new_session

    first = new_session(None).extraction(sample_corpus.articles[0].id)
    with open_store(tmp_path / "r.json", reviewer="ana") as store:
        store.accept("c-elsewhere", "0123456789abcdef", make_selector("some 40 text", 5, 7))
        session = ReviewSession(sample_corpus, store)
        session.set_extraction(first)
        data = build(session)
    assert data.claims == []
    assert "4 of 5 articles are not extracted yet: only their decisions are exported" in data.warnings
    assert "annotations on 1 articles that are not in this corpus were not exported" in data.warnings


def test_a_cancelled_brat_export_leaves_no_folder_and_no_temporary(reviewed, tmp_path):
    from claimdesk.annotations.export import ExportCancelled

    calls = []

    def stop_after_the_first_article(done, total, what):
        calls.append(what)
        if len(calls) > len(reviewed.articles):  # building named every article; one is written
            raise ExportCancelled()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        export(reviewed, "brat", out / "brat", progress=stop_after_the_first_article)
    assert list(out.iterdir()) == []


def test_brat_into_an_existing_folder_replaces_its_files_only_when_complete(reviewed, tmp_path):
    from claimdesk.annotations.export import ExportCancelled

    folder = tmp_path / "brat"
    export(reviewed, "brat", folder)
    written = sorted(p.name for p in folder.iterdir())
    for name in written:
        (folder / name).write_text("old")
    (folder / "notes.txt").write_text("mine")

    def stop(done, total, what):
        if (done, total) == (1, 2):  # the writer's first article
            raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        export(reviewed, "brat", folder, progress=stop)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*written, "notes.txt"])  # no temporary folder
    assert all((folder / name).read_text() == "old" for name in written)
    export(reviewed, "brat", folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*written, "notes.txt"])
    assert "[entities]" in (folder / "annotation.conf").read_text() and (folder / "notes.txt").read_text() == "mine"
