"""bench/make_corpus.py: a small generated corpus loads whole, in every sample format, with distinct texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.annotations.corpus import load_corpus

MAKE_CORPUS = Path(__file__).resolve().parent.parent / "bench" / "make_corpus.py"


def make(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), *args],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "corpus"
    done = make(out, "-n", "12")
    assert done.returncode == 0, done.stderr
    return out


def test_twelve_articles_with_distinct_texts(generated, sample_corpus):
    corpus = load_corpus(generated)
    assert corpus.skipped == []
    assert len(corpus.articles) == 12
    assert len({a.text for a in corpus.articles}) == 12
    assert len({a.title for a in corpus.articles}) == 12
    assert len({a.path for a in corpus.articles}) == 12
    assert {a.format for a in corpus.articles} == {a.format for a in sample_corpus.articles}
    assert all(a.date and not a.problems for a in corpus.articles)
    # each article keeps its sample's words (reordered, some figures scaled) and source
    by_number = {int(a.path.rsplit("/", 1)[1][:4]): a for a in corpus.articles}
    for number, article in by_number.items():
        sample = sample_corpus.articles[number % len(sample_corpus.articles)]
        assert article.source == sample.source
        assert article.words == sample.words
        assert sample.title in article.title
    assert by_number[5].text != sample_corpus.articles[0].text


def test_same_seed_same_corpus_other_seed_differs(generated, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    assert make(again, "-n", "12").returncode == 0
    assert make(other, "-n", "12", "--seed", "1").returncode == 0

    def files(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*") if p.is_file()}

    assert files(again) == files(generated)
    assert files(other) != files(generated)


def test_refuses_a_folder_in_use_or_inside_the_repository(generated):
    busy = make(generated, "-n", "3")
    assert busy.returncode != 0 and "not an empty folder" in busy.stderr
    inside = make(MAKE_CORPUS.parent / "out" / "corpus", "-n", "3")
    assert inside.returncode != 0 and "inside the repository" in inside.stderr
    assert not (MAKE_CORPUS.parent / "out" / "corpus").exists()
