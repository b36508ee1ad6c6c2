"""Marking a paragraph as site chrome (the review app's ``B``): it leaves the article's text at once and
at every load, and comes back when the mark is undone.

:func:`mark_paragraph` cuts the paragraph from the session's article and, as one undo step, moves the
article's annotations to the text without it and records the mark (:mod:`.corpus.marks` says how a
mark is kept). Every load cuts it again (:func:`apply_to_corpus`, called by
:func:`claimdesk.annotations.pipeline.load`), so the app and every command read the same text. After an
undo or a redo, :func:`after_history` puts the text of the articles whose marks changed in step with
the store. The article's claims and entities must then be extracted again (its parse is new).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from .anchoring import make_selector
from .article import Article
from .corpus import Corpus
from .corpus.marks import apply_marks, cut_paragraph, mark_point, paragraph_at, restore_paragraph
from .ids import short_hash, utc_now
from .session import SessionError
from .store import StoreWriteError

TABLE = "boilerplate"  # the store's table of chrome marks


@dataclass(frozen=True)
class ChromeMark:
    """A paragraph a reviewer marked as site chrome."""

    id: str
    article: str  # article id
    paragraph: str  # its words ("" for a mark made before marks cut their paragraph)
    reviewer: str
    at: str


def marks_by_article(store) -> dict[str, list[dict]]:
    """The store's marks that cut a paragraph (those that keep its words), by article id: its keys are
    the articles whose texts are cut, so are not the texts the corpus files (and the index) have."""
    marks: dict[str, list[dict]] = defaultdict(list)
    for mark in store.boilerplate():
        if mark.get("pattern"):
            marks[mark.get("article", "")].append(mark)
    return dict(marks)


def apply_to_corpus(corpus: Corpus, store) -> Corpus:
    """``corpus`` with every marked paragraph cut from its article (the same corpus when none is)."""
    marks = marks_by_article(store)
    if not marks:
        return corpus
    corpus.articles = [apply_marks(a, marks[a.id]) if a.id in marks else a for a in corpus.articles]
    return corpus


def mark_paragraph(session, article_id: str, offset: int) -> Article:
    """Mark the paragraph at ``offset`` as site chrome: cut it from the article, move the annotations after
    it, record the mark (one undo step). Returns the article as it is now; its claims and entities are
    to be extracted again. Raises :class:`SessionError` (read-only, nothing to mark)."""
    article = session.article(article_id)
    start, end = paragraph_at(article.text, offset)
    paragraph = article.text[start:end]
    if not paragraph.strip():
        raise SessionError("put the reader's cursor in the paragraph to mark")
    if start == 0 and end == len(article.text):
        raise SessionError("this is the article's only paragraph: marking it would leave no text")
    store = session.writable_store()
    text, at = cut_paragraph(article.text, start, end)
    mark = {"id": "b-" + short_hash(article_id, at, paragraph, utc_now()), "article": article_id,
            "selector": make_selector(text, at, at), "pattern": paragraph, "reviewer": store.reviewer,
            "at": utc_now()}
    cut = replace(article, text=text)
    try:
        with store.batch("mark_boilerplate"):
            store.reanchor(article_id, text)
            store.put_records(TABLE, [mark], action="mark_boilerplate")
    except StoreWriteError:  # done in memory (the store writes it later): the text must follow
        _replace(session, cut)
        raise
    _replace(session, cut)
    return cut


def after_history(session, change) -> list[str]:
    """After an undo or a redo (``change``, the store's entry): put back the paragraphs of marks it took
    away, cut those it brought back; the ids of the articles whose text changed."""
    changed = []
    for item in change.changes if change is not None else ():
        if item.get("table") != TABLE:
            continue
        session.corpus.marks_changed()
        before, after = item.get("before"), item.get("after")
        if (before is None) == (after is None):
            continue
        mark = after or before
        article = session.corpus.by_id(mark.get("article", ""))
        paragraph = mark.get("pattern") or ""
        if article is None or not paragraph:
            continue
        at = mark_point(mark)
        if after is None:  # the mark was undone: the paragraph comes back
            text = restore_paragraph(article.text, at, paragraph)
        else:  # redone: cut again
            text = apply_marks(article, [mark]).text
        if text != article.text:
            _replace(session, replace(article, text=text))
            changed.append(article.id)
    return changed


def chrome_marks(session) -> list[ChromeMark]:
    """The paragraphs marked as chrome in the session's corpus, newest first."""
    marks = [ChromeMark(m["id"], m.get("article", ""), m.get("pattern") or m["selector"]["quote"]["exact"],
                        m.get("reviewer", ""), m.get("at", ""))
             for m in session.store.boilerplate() if m.get("article") in session.corpus_ids]
    return sorted(marks, key=lambda m: m.at, reverse=True)


def _replace(session, article: Article) -> None:
    """Put ``article`` (its text changed) in the session, with nothing extracted from it until it is
    extracted again: the old results point into the old text."""
    from .extract import ArticleExtraction  # spaCy: loaded by the extraction already running in the app

    session.corpus.replace(article)
    session.set_extraction(ArticleExtraction(article))
