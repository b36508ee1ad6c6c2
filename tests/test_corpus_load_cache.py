"""The loaded-articles cache: same articles as a fresh load, refreshed per changed file, never trusted blindly."""

from __future__ import annotations

import os
import shutil

from claimdesk.annotations.corpus import bundled_corpus_path, load_cached_corpus, load_corpus
from claimdesk.annotations.corpus.load_cache import LoadCache


def copy_samples(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), root)
    return root


def test_a_cached_load_gives_the_same_corpus(tmp_path):
    root = copy_samples(tmp_path)
    fresh = load_corpus(root)
    first = load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    cache = LoadCache(root, (), tmp_path / "c")
    assert cache.path.exists()
    second = load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    assert first.articles == fresh.articles == second.articles
    assert [a.id for a in second.articles] == [a.id for a in fresh.articles]


def test_a_changed_file_is_loaded_again(tmp_path):
    root = copy_samples(tmp_path)
    load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    target = sorted(root.iterdir())[0]
    text = target.read_text("utf-8").replace("Nagorno-Karabakh", "Artsakh", 1)
    target.write_text(text, "utf-8")
    os.utime(target, ns=(1, 1))  # even with an old time stamp: the size changed
    again = load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    assert again.articles == load_corpus(root).articles
    assert "Artsakh" in again.articles[0].text + again.articles[0].title


def test_other_chrome_patterns_use_another_cache(tmp_path):
    root = copy_samples(tmp_path)
    extra = [{"id": "x", "scope": "line", "pattern": "^Putin warned"}]
    plain = load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    with_extra = load_corpus(root, use_cache=True, cache_dir=tmp_path / "c", extra_boilerplate=extra)
    assert with_extra.articles == load_corpus(root, extra_boilerplate=extra).articles
    assert plain.articles == load_corpus(root).articles
    assert LoadCache(root, extra, tmp_path / "c").key != LoadCache(root, (), tmp_path / "c").key


def test_a_damaged_cache_is_ignored(tmp_path):
    root = copy_samples(tmp_path)
    load_corpus(root, use_cache=True, cache_dir=tmp_path / "c")
    LoadCache(root, (), tmp_path / "c").path.write_text('{"format": 1, "files": {"000_27c0f59227408853.txt": 7}}')
    assert load_corpus(root, use_cache=True, cache_dir=tmp_path / "c").articles == load_corpus(root).articles


def test_a_small_fully_cached_corpus_is_read_at_once_and_nothing_else_is(tmp_path):
    root = copy_samples(tmp_path)
    cache = tmp_path / "c"
    assert load_cached_corpus(root, cache_dir=cache) is None  # nothing cached yet: load_corpus parses it
    loaded = load_corpus(root, use_cache=True, cache_dir=cache)
    at_once = load_cached_corpus(root, cache_dir=cache)
    assert at_once is not None and at_once.articles == loaded.articles and at_once.skipped == loaded.skipped
    assert load_cached_corpus(root, cache_dir=cache, max_files=4) is None  # five files: too big here
    extra = [{"id": "x", "scope": "line", "pattern": "^Putin warned"}]
    assert load_cached_corpus(root, cache_dir=cache, extra_boilerplate=extra) is None  # other chrome
    (root / "new.md").write_text("# A new article\n\nFive people were there.\n", "utf-8")
    assert load_cached_corpus(root, cache_dir=cache) is None  # a file the cache has not seen
    assert load_cached_corpus(tmp_path / "missing", cache_dir=cache) is None


def test_a_one_file_corpus_is_cached_too(tmp_path):
    table = tmp_path / "stories.csv"
    table.write_text("title,text\nBuses approved,The council approved 40 new buses on Tuesday.\n", "utf-8")
    cache = tmp_path / "c"
    assert load_cached_corpus(table, cache_dir=cache) is None
    loaded = load_corpus(table, use_cache=True, cache_dir=cache)
    at_once = load_cached_corpus(table, cache_dir=cache)
    assert at_once is not None and at_once.articles == loaded.articles and at_once.root == table
    assert [a.path for a in at_once.articles] == ["stories.csv#2"]
    table.write_text("title,text\nBuses approved,The council approved 41 new buses on Tuesday.\n", "utf-8")
    assert load_cached_corpus(table, cache_dir=cache) is None
