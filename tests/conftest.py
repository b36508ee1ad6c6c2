"""Shared fixtures: the model, the sample corpus, the gold file, and isolated user directories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdesk.annotations.corpus import bundled_corpus_path, load_corpus
from claimdesk.annotations.nlp import load_model

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the user's real cache, data and config folders."""
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def nlp():
    """The installed English model, loaded once for the extraction tests."""
    return load_model()


@pytest.fixture(scope="session")
def sample_corpus():
    return load_corpus(bundled_corpus_path())


@pytest.fixture(scope="session")
def gold():
    path = SHARED / "gold" / "seed_claims.json"
    if not path.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def shared_cache_dir(tmp_path_factory):
    """One parse cache for the whole run (content-addressed, so sharing it is safe)."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def warm_cache(shared_cache_dir, monkeypatch):
    """Use the run's shared parse cache: apps extract the samples once per run, not once per test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache_dir))
    return shared_cache_dir
