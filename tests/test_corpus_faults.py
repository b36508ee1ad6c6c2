"""Issue 14, items 6 and 8: one hostile or odd file never stops the corpus, nor is it misread."""

from __future__ import annotations

import json

from claimdesk.annotations.corpus import load_corpus

STORY = "The council approved 40 new buses on Tuesday, officials said, after a long debate over the budget."
DEPTH = 10_000


def test_a_deeply_nested_json_file_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "deep.json").write_text("[" * DEPTH + "]" * DEPTH, "utf-8")
    (tmp_path / "good.txt").write_text(f"Buses approved\n\n{STORY}\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["good.txt"]
    (skipped,) = corpus.skipped
    assert skipped.path == "deep.json" and "nested too deeply" in skipped.reason


def test_a_deeply_nested_json_line_is_skipped_and_the_other_lines_load(tmp_path):
    deep = '{"title": "Deep", "text": ' + "[" * DEPTH + "]" * DEPTH + "}"
    lines = [json.dumps({"title": "First", "text": STORY}), deep, json.dumps({"title": "Third", "text": STORY})]
    (tmp_path / "bulk.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == ["First", "Third"]
    assert [str(s) for s in corpus.skipped] == ["bulk.jsonl: line 2: nested too deeply to read"]


def test_text_whose_first_line_starts_with_a_bracket_is_read_as_text(tmp_path):
    (tmp_path / "update.txt").write_text(f"[UPDATE] Armenia says talks will resume\n\n{STORY}\n", "utf-8")
    (tmp_path / "brace.md").write_text(f"{{Breaking}} Floods close 12 roads\n\n{STORY}\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == []
    by_path = {a.path: a for a in corpus.articles}
    assert by_path["update.txt"].title == "[UPDATE] Armenia says talks will resume"
    assert by_path["brace.md"].title == "{Breaking} Floods close 12 roads"
    assert all(STORY in a.text for a in corpus.articles)
