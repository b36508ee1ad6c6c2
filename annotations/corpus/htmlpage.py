"""Saved HTML pages from news sites: the story's text by trafilatura, the headline a reader sees.

trafilatura (a maintained article extractor) finds the story among navigation, ads and comments
(precise settings first, balanced ones where those find no story) and reads the page's metadata
(author, date, site name, canonical URL). The headline is chosen by :mod:`.titles` (the ``<h1>``
where it agrees with the page's other statements of it, else ``<title>``), without the site's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from .draft import Draft
from .htmltext import html_blocks
from .metadata import canonical_source, iso_date
from .reading import read_text
from .titles import choose_title, page_titles, strip_site_name

NO_TEXT = "no article text found in the HTML page"


def strip_site_suffix(title: str, sitename: str = "") -> str:
    """"Talks resume | CNN Politics" → "Talks resume" when ``sitename`` names the site ("CNN")."""
    return strip_site_name(title, (sitename,) if sitename else ())


def _tree(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _extract(html: str, url: str, favor_precision: bool) -> dict:
    """trafilatura's reading of a page (text and metadata) as a dict; {} where it finds nothing."""
    import trafilatura  # imported here: it is slow to import and only HTML pages need it

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=favor_precision,
    )
    return doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})


def parse(html: str, url: str = "") -> list[Draft]:
    """One Draft for a saved page; ``url`` (where a web archive fetched it) helps to name the site.

    The story is read with trafilatura's precise settings (least page chrome); where they find no
    story (broken markup can put it inside what looks like a menu) it is read again with the balanced
    settings, and only where those find nothing either is every text block of the page kept."""
    meta = _extract(html, url, favor_precision=True)
    if not (meta.get("text") or "").strip():
        meta = _extract(html, url, favor_precision=False) or meta
    text = meta.get("text") or ""
    problems = []
    if not text.strip():
        problems.append(NO_TEXT)
        text = "\n".join(b.text for b in html_blocks(html))
    sitename = meta.get("sitename") or ""
    tree = _tree(html)
    title = ""
    if tree is not None:
        page = page_titles(tree, url)
        if sitename and sitename not in page.sites:
            page.sites += (sitename,)
        title = choose_title(page)
    title = title or strip_site_suffix(meta.get("title") or "", sitename)
    return [
        Draft(
            paragraphs=text.split("\n"),
            format="html",
            title=title,
            source=canonical_source(sitename) if sitename else "",
            byline=meta.get("author") or "",
            date=iso_date(meta.get("date") or ""),
            url=meta.get("url") or url or "",
            problems=problems,
        )
    ]


def read(path: Path, head: bytes, meter=None) -> Iterator[Draft]:
    decoded = read_text(path, what="a web page", head=head)
    for draft in parse(decoded.text):
        draft.problems[:0] = decoded.problems
        yield draft
