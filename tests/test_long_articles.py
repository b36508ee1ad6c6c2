"""An article too long to parse at once is parsed in parts (offsets kept), and never stops the others."""

from __future__ import annotations

import pytest

from claimdesk.annotations import extract as extract_mod
from claimdesk.annotations.article import Article
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.nlp import BLANK, load_model, parse_in_parts, text_parts

PARAGRAPH = "Officials said {n} people were killed and 1,234 wounded in the attack, the ministry said."


def long_text(paragraphs: int) -> str:
    return "\n\n".join(PARAGRAPH.format(n=n + 2) for n in range(paragraphs))


@pytest.mark.parametrize("text", [
    long_text(300),  # paragraphs: cut after a blank line
    " ".join(PARAGRAPH.format(n=n) for n in range(300)),  # one paragraph: cut after a sentence
    "word " * 3000,  # no sentence end: cut after a space
    "x" * 7000,  # one unbroken run: cut where the limit falls
])
def test_parts_join_back_exactly_and_respect_the_limit(text):
    parts = text_parts(text, 1000)
    assert "".join(parts) == text and len(parts) > 1
    assert all(0 < len(part) <= 1000 for part in parts)


def test_parts_end_at_paragraph_breaks_where_there_are_some():
    parts = text_parts(long_text(300), 1000)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_doc_parsed_in_parts_keeps_every_offset():
    nlp = load_model(BLANK)
    text = long_text(120)
    doc = parse_in_parts(nlp, text, limit=1000)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[:2] == [PARAGRAPH.format(n=2), PARAGRAPH.format(n=3)]


def test_one_long_article_does_not_stop_the_others(monkeypatch, tmp_path):
    monkeypatch.setattr(extract_mod, "PART_CHARS", 1000)
    articles = [Article(path="a.txt", title="A", text=PARAGRAPH.format(n=7)),
                Article(path="long.txt", title="Long", text=long_text(200)),
                Article(path="c.txt", title="C", text="The council approved 40 new buses, officials said.")]
    extractor = Extractor(BLANK, cache_dir=tmp_path)
    extractor.nlp.max_length = 2000  # as spaCy's own limit would refuse the whole text at once
    with pytest.raises(ValueError, match="E088"):
        extractor.nlp(articles[1].text)
    results = extractor.extract(articles)
    assert [r.article.path for r in results] == ["a.txt", "long.txt", "c.txt"]
    long = results[1]
    assert len([c for c in long.claims if c.text == "1,234"]) == 200  # one per paragraph, none lost
    assert all(articles[1].text[c.start:c.end] == c.text for c in long.claims)
    parts = len(text_parts(articles[1].text, 1000))
    assert extractor.notes == [f"long.txt: {len(articles[1].text):,} characters, parsed in {parts} parts of at most 1,000"]
    again = Extractor(BLANK, cache_dir=tmp_path).extract(articles)  # from the cache: the same claims
    assert [c.id for c in again[1].claims] == [c.id for c in long.claims]
