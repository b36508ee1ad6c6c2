"""An export written article by article (jsonl, csv) from a session that reads its articles from the
corpus index a page at a time gives, byte for byte, what the session holding the whole corpus gave."""

from __future__ import annotations

import pytest

from claimdesk.annotations.chrome_marks import mark_paragraph
from claimdesk.annotations.corpus import Corpus, bundled_corpus_path
from claimdesk.annotations.export import export
from claimdesk.annotations.indexed_corpus import IndexedCorpus
from claimdesk.annotations.pipeline import open_index, open_review
from claimdesk.annotations.store import open_store
from export_helpers import reviewed_session
from session_helpers import RUN_CACHE, samples, session_over

pytestmark = pytest.mark.usefixtures("warm_cache")  # one parse cache for the run (conftest)


@pytest.fixture
def db(tmp_path):
    """The reviewed samples (decisions, entity edits, a link, a cluster), a paragraph marked as chrome
    (in a session over a copy of the samples: the run's shared corpus keeps its texts)."""
    path = tmp_path / "review.json"
    reviewed_session(path).store.close()
    shared = samples()
    session = session_over(Corpus(shared.root, list(shared.articles), list(shared.skipped)), path)
    first = session.corpus.articles[0]
    mark_paragraph(session, first.id, first.text.index("\n\n") + 3)
    session.store.close()
    return path


def exported(db, tmp_path, fmt: str, statuses: str, *, paged: bool) -> bytes:
    root = bundled_corpus_path()  # the samples (reviewed_session's corpus)
    store = open_store(db, corpus=root, reviewer="ana")
    try:
        with open_index(root, store) as index:
            session = open_review(root, store, index=index, cache_dir=RUN_CACHE, paged=paged)
            assert isinstance(session.corpus, IndexedCorpus) == paged
            out = tmp_path / f"{paged}-{statuses}.{fmt}"
            export(session, fmt, out, statuses=statuses.split(","))
    finally:
        store.close()
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("statuses", ["all", "accepted,corrected,added"])
def test_paged_export_is_byte_identical(db, tmp_path, fmt, statuses):
    whole = exported(db, tmp_path, fmt, statuses, paged=False)
    paged = exported(db, tmp_path, fmt, statuses, paged=True)
    assert whole.count(b"\n") > 3
    assert paged == whole
