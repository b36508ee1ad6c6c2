"""Faults around the export files and the parse cache: file modes kept, a brat folder checked before
anything moves, invisible or fullwidth formula starts defused in CSV, an unwritable cache survived."""

from __future__ import annotations

import os
import stat

import pytest

from claimdesk.annotations.export import export
from claimdesk.annotations.export.csvfile import safe_cell
from claimdesk.annotations.nlp import BLANK, ParseCache
from export_helpers import reviewed  # noqa: F401 (a fixture)


def test_an_export_over_a_private_file_keeps_its_mode(reviewed, tmp_path):
    target = tmp_path / "private.jsonl"
    target.write_text("before")
    target.chmod(0o600)
    export(reviewed, "jsonl", target)
    assert target.read_text() != "before"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fresh = tmp_path / "new.csv"
    export(reviewed, "csv", fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # a new file: the user's umask, as before


def test_a_brat_export_over_a_folder_named_like_a_file_moves_nothing(reviewed, tmp_path):
    folder = tmp_path / "brat"
    export(reviewed, "brat", folder)
    names = sorted(p.name for p in folder.iterdir())
    for name in names:
        (folder / name).write_text("old")
    blocker = folder / names[-1]  # e.g. the last article's .txt: now a folder
    blocker.unlink()
    blocker.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        export(reviewed, "brat", folder)
    assert str(blocker) in str(caught.value) and "nothing was written" in str(caught.value)
    assert sorted(p.name for p in folder.iterdir()) == names  # no temporary folder left
    assert all((folder / name).read_text() == "old" for name in names if name != blocker.name)


@pytest.mark.parametrize("cell", [
    "\ufeff=1+1", "\u200b=HYPERLINK(\"http://x\")", "\u200b\u200c+1", "\u2060-2", "\u00ad@SUM(A1)",
    " \ufeff =x", "\u00a0=x", "\u3000=x",
    "\uff1d1+1", "\uff0b33", "\uff0d2", "\uff20SUM(A1)", "\ufe66x", "\u200b\uff1dx",
])
def test_csv_defuses_formulas_behind_invisible_or_fullwidth_characters(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["troops", "\u200btroops", "\ufeff", "1,119 =", "e=mc2"])
def test_csv_leaves_text_that_is_not_a_formula(cell):
    assert safe_cell(cell) == cell


def _unwritable(tmp_path):
    """A cache folder that cannot be made, even by root: a file stands where a folder must go."""
    (tmp_path / "not-a-folder").write_text("a file")
    return tmp_path / "not-a-folder" / "cache"


def test_an_unwritable_parse_cache_is_skipped_and_said_once(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    cache = ParseCache(BLANK, _unwritable(tmp_path))
    for text in ("Some 400 people were killed.", "1,119 troops died.", "Some 400 people were killed."):
        cache.put(text, nlp(text))
        assert cache.get(text, nlp.vocab) is None  # nothing was cached, nothing raised
    assert len(cache.warnings) == 1
    assert "parse cache" in cache.warnings[0] and "not-a-folder" in cache.warnings[0]
    assert "without" in cache.warnings[0]


def test_extraction_runs_without_an_unwritable_cache(tmp_path, sample_corpus):
    from claimdesk.annotations.extract import Extractor

    extractor = Extractor(BLANK, cache_dir=_unwritable(tmp_path))
    results = extractor.extract(sample_corpus.articles[:2])
    assert len(results) == 2 and any(r.claims for r in results)
    assert len(extractor.cache.warnings) == 1
