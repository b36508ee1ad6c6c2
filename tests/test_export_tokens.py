"""The document formats' shortcuts give what the plain way gives: tokens from the parse cache (the
tokenizer for what it lacks), the DocBin's own ``add``, the session's entity merge."""

from __future__ import annotations

import gc

import pytest

from claimdesk.annotations.export import ExportCancelled, build, export
from claimdesk.annotations.export.docbin import TokenDocBin, article_doc
from claimdesk.annotations.export.tokens import make_doc, tokenizer
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.nlp import DEFAULT_MODEL, ParseCache
from claimdesk.annotations.reviewed import CLAIM_STATES as ALL
from export_helpers import reviewed  # noqa: F401 (a fixture)


@pytest.fixture
def model_parses(warm_cache, sample_corpus):
    """The samples parsed by the model, in the run's shared parse cache."""
    extractor = Extractor()
    return {a.id: extractor.doc(a) for a in sample_corpus.articles}


def test_spacy_export_is_the_same_from_cached_tokens_and_from_the_tokenizer(reviewed, model_parses, tmp_path):
    articles = reviewed.corpus.articles
    partial = ParseCache(DEFAULT_MODEL, tmp_path / "cache")  # holds three of the five articles
    for article in articles[1:4]:
        partial.put(article.text, model_parses[article.id])
    full = ParseCache(DEFAULT_MODEL)  # the shared cache: all five
    outputs = {}
    for name, parses in (("tokenised", None), ("partial", partial), ("cached", full)):
        outputs[name] = tmp_path / f"{name}.spacy"
        export(reviewed, "spacy", outputs[name], statuses=ALL, parses=parses)
    assert (partial.hits, partial.misses) == (3, 2) and full.hits == 5
    tokenised = outputs["tokenised"].read_bytes()
    assert outputs["partial"].read_bytes() == tokenised and outputs["cached"].read_bytes() == tokenised


def test_cached_tokens_are_the_parse_tokens_and_a_damaged_file_is_a_miss(model_parses, sample_corpus, tmp_path):
    cache = ParseCache(DEFAULT_MODEL, tmp_path / "cache")
    article = sample_corpus.articles[0]
    parse = model_parses[article.id]
    cache.put(article.text, parse)
    doc = cache.tokens(article.text, tokenizer().vocab)
    assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in parse]
    assert not doc.ents and not doc.has_annotation("TAG")
    assert [t.text for t in doc] == [t.text for t in make_doc(article.text)]
    cache.path(article.text).write_bytes(b"not a docbin")
    assert cache.tokens(article.text, tokenizer().vocab) is None
    assert cache.tokens("a text never parsed", tokenizer().vocab) is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_token_docbin_reads_back_as_spacys_docbin_does(reviewed):
    from spacy.tokens import DocBin

    data = build(reviewed, ALL, documents=True)
    ours, theirs = TokenDocBin(), DocBin(attrs=TokenDocBin().attrs, store_user_data=True)
    for article_id, (claims, entities) in data.by_article().items():
        doc = article_doc(data.articles[article_id], claims, entities)[0]
        assert ours.span_groups_bytes(doc) == doc.spans.to_bytes()
        ours.add(doc)
        theirs.add(doc)
    vocab = tokenizer().vocab
    read = [list(DocBin().from_bytes(b.to_bytes()).get_docs(vocab)) for b in (ours, theirs)]
    assert len(read[0]) == len(read[1]) == len(data.articles)
    for a, b in zip(*read, strict=True):
        assert a.to_json() == b.to_json() and a.user_data == b.user_data
        assert {k: [(s.start, s.end, s.label_, s.id_) for s in g] for k, g in a.spans.items()} == \
            {k: [(s.start, s.end, s.label_, s.id_) for s in g] for k, g in b.spans.items()}


@pytest.mark.parametrize("statuses", [("accepted", "corrected", "added"), ALL])
def test_document_entities_are_the_sessions_merge(reviewed, statuses):
    data = build(reviewed, statuses, documents=True)
    assert data.visible
    for article_id, visible in data.visible.items():
        merged = [(e.start, e.end, e.id, e.label, e.status) for e in reviewed.entities(article_id, visible_only=True)]
        assert [tuple(v) for v in visible] == merged
    edits = [r["status"] for r in data.entities]
    assert {"relabelled", "removed", "added"} <= set(edits)


def test_the_cycle_collector_is_back_on_after_an_export(reviewed, tmp_path):
    assert gc.isenabled()
    export(reviewed, "jsonl", tmp_path / "out.jsonl")
    assert gc.isenabled()

    def stop(done, total, what):
        assert not gc.isenabled()  # paused while the export runs
        raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        export(reviewed, "csv", tmp_path / "out.csv", progress=stop)
    assert gc.isenabled()
