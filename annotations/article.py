"""The Article: one cleaned news article as the rest of claimdesk sees it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property


def article_id(path: str) -> str:
    """A stable id for an article, from its path relative to the corpus.

    The id does not depend on the text, so annotations keep their article when it is re-scraped
    or cleaned differently (they then re-anchor by quote).
    """
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """A cleaned article. Every string was sanitised at load (see ``annotations.sanitize``)."""

    path: str  # relative to the corpus, POSIX separators; "file.jsonl#key" for a JSON Lines record
    title: str
    text: str  # clean text: paragraphs separated by one blank line
    source: str = ""  # the outlet or agency: "NY Times", "AFP", "AP"
    byline: str = ""
    date: str = ""  # ISO date (YYYY-MM-DD) or "" where the article states none
    url: str = ""
    format: str = ""  # plaintext | markdown | wordpress | html | json | jsonl | csv | feed | warc
    crawled: str = ""  # ISO date a web archive fetched the page on ("" for anything else)
    problems: tuple[str, ...] = field(default_factory=tuple)

    @cached_property  # looked up per article on every corpus scan: hash the path once
    def id(self) -> str:
        return article_id(self.path)

    @cached_property  # stored in the index for every article: count once (in the process that read it)
    def words(self) -> int:
        return len(self.text.split())

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    def to_record(self, *, with_text: bool = True) -> dict:
        """The ``claimdesk articles --json`` record."""
        out = {
            "kind": "article",
            "article": self.path,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "byline": self.byline,
            "date": self.date,
            "url": self.url,
            "words": self.words,
            "text": self.text,
            "problems": list(self.problems),
        }
        if self.crawled:  # only articles read from a web archive have one
            out["crawled"] = self.crawled
        if not with_text:
            del out["text"]
        return out
