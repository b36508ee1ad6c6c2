"""From a parsed-but-raw article (a Draft) to a clean Article: one pipeline for every format.

Each format module turns a file into Drafts: a title if the format states one, the body as a list
of paragraphs, and whatever metadata the format carries. ``finish`` then sanitises every string,
lifts credit lines (source, byline), header date lines and URL trailers into metadata, drops site
chrome, takes the title from the text where the format gave none (the first line if it is a
headline, else the first sentence: :mod:`.headline`), and joins the paragraphs with one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..article import Article
from ..sanitize import clean, clean_line, fold_spaces, single_spaced
from .boilerplate import BoilerplateFilter
from .headline import NO_HEADLINE, is_headline, title_from_text
from .metadata import bare_url, find_credit, parse_date_line, url_label

# A body paragraph has this many words; once two have been seen (a standfirst may come before the
# dateline), a line holding only a date no longer counts as the article's date.
_BODY_WORDS = 15
_HEADER_BODY_PARAGRAPHS = 2


@dataclass
class Draft:
    """An article as a format module read it, before cleaning."""

    paragraphs: list[str]
    format: str
    title: str = ""
    source: str = ""
    byline: str = ""
    date: str = ""
    url: str = ""
    crawled: str = ""  # ISO date a web archive fetched the page on
    key: str = ""  # for a record inside a file (JSON Lines): what makes its path unique
    problems: list[str] = field(default_factory=list)


def _lines(paragraphs: list[str]) -> list[str]:
    """The non-blank lines of the paragraphs, sanitised, white space folded (as :func:`clean_line` gives:
    a line of a :func:`clean` text has nothing left to clean)."""
    out = []
    for par in paragraphs:
        if par.isprintable():  # one line with nothing to clean (see sanitize.clean): checked once
            line = par if single_spaced(par) else " ".join(par.split())
            if line:
                out.append(line)
            continue
        for raw in clean(par).split("\n"):
            line = fold_spaces(raw)
            if line:
                out.append(line)
    return out


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def finish(draft: Draft, path: str, chrome: BoilerplateFilter) -> Article:
    """Clean a Draft into an Article (``path`` is relative to the corpus)."""
    problems = [clean_line(p) for p in draft.problems]
    meta = {k: clean_line(getattr(draft, k)) for k in ("title", "source", "byline", "date", "url", "crawled")}
    lines = _lines(draft.paragraphs)
    flags = chrome.chrome_flags(lines)
    kept: list[str] = []
    body_seen = 0
    skip_next_url = False
    for line, flag in zip(lines, flags, strict=True):
        if flag:
            continue
        if skip_next_url and bare_url(line):
            meta["url"] = meta["url"] or bare_url(line)
            skip_next_url = False
            continue
        is_label, url = url_label(line)
        if is_label:
            meta["url"] = meta["url"] or url
            skip_next_url = not url
            continue
        credit = find_credit(line)
        if credit:
            found, drop = credit
            for key in ("source", "byline"):
                if found.get(key) and not meta[key]:
                    meta[key] = found[key]
            if drop:
                continue
        if body_seen < _HEADER_BODY_PARAGRAPHS:
            when = parse_date_line(line)
            if when:
                meta["date"] = meta["date"] or when
                continue
        if not kept and meta["title"] and _same(line, meta["title"]):  # the headline repeated atop the body
            continue
        if body_seen < _HEADER_BODY_PARAGRAPHS and len(line.split()) >= _BODY_WORDS:
            body_seen += 1
        kept.append(line)
    if not meta["title"] and kept:
        if is_headline(kept[0], followed_by_text=len(kept) > 1):
            meta["title"] = kept.pop(0)
            if len(kept) > 1 and _same(kept[0], meta["title"]):  # the headline repeated atop the body
                kept.pop(0)
        else:
            meta["title"] = title_from_text(kept[0])
            problems.append(NO_HEADLINE)
    if not meta["title"]:
        meta["title"] = path.rsplit("/", 1)[-1]
        problems.append("no title found; using the file name")
    if not kept:
        problems.append("no article text after cleaning")
    key = clean_line(draft.key)
    return Article(
        path=path + (f"#{key}" if key else ""),
        title=meta["title"],
        text="\n\n".join(kept),
        source=meta["source"],
        byline=meta["byline"],
        date=meta["date"],
        url=meta["url"],
        crawled=meta["crawled"],
        format=draft.format,
        problems=tuple(problems),
    )
