"""Helpers for the team tests: a small project on a corpus written for them, and versions by hand."""

from __future__ import annotations

from pathlib import Path

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.team import Deal, create_project
from claimdesk.annotations.team.versions import Version

ARTICLES = {
    "a.txt": "Fighting in the north\n\nOfficials said 40 soldiers were killed and 120 were wounded on Monday.\n",
    "b.txt": "Aid arrives\n\nAbout 300 trucks reached the city, and 12 doctors arrived from Geneva.\n",
    "c.txt": "Talks\n\nMinisters met for 10 hours; Russia said 5,000 people had fled.\n",
}


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def make_project(tmp_path: Path, reviewers=("alice", "bob", "carol"), overlap: float = 1.0, per_article: int = 2,
                 articles: dict[str, str] = ARTICLES):
    """(project, corpus) on a corpus of ``articles``, every article dealt."""
    from claimdesk.annotations.corpus import load_corpus

    corpus_dir = write_corpus(tmp_path / "corpus", articles)
    corpus = load_corpus(corpus_dir)
    project = create_project(tmp_path / "proj", corpus_dir, tuple(reviewers), [a.id for a in corpus.articles],
                             Deal(overlap, per_article, 0))
    return project, corpus


def decision(store, article, quote: str, status: str, fields: dict | None = None, original: dict | None = None,
             claim_id: str | None = None) -> dict:
    """Record ``status`` on the claim quoting ``quote`` in ``article`` (its id: the quote, unless given)."""
    start = article.text.index(quote)
    selector = make_selector(article.text, start, start + len(quote))
    original = original if original is not None else {"value": float(quote.split()[0].replace(",", ""))
                                                      if quote[0].isdigit() else quote, "counted": ""}
    return store.record_claim(status, claim_id or f"c-{article.id}-{start}", article.id, selector,
                              fields=fields, original=original)


def version(reviewer: str, claim: str, status: str, **fields) -> Version:
    """A version made by hand (an accepted one's fields are the extractor's)."""
    doc = {"id": claim, "article": "art", "status": status, "original": {"value": 1, "counted": "x"},
           "fields": fields if status in ("corrected", "added") else {}, "at": "2026-01-01T00:00:00Z"}
    return Version.from_doc(reviewer, doc)
