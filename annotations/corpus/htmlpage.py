"""Saved HTML pages from news sites: the main text and metadata by trafilatura.

trafilatura (a maintained article extractor) finds the story among navigation, ads and comments
and reads the page's metadata (title, author, date, site name, canonical URL). The headline comes
back without the site's suffix ("… | CNN Politics").
"""

from __future__ import annotations

import re

from .draft import Draft
from .htmltext import html_blocks
from .metadata import canonical_source, iso_date

_SUFFIX = re.compile(r"\s+[|–—\-:]\s+(?P<site>(?:(?!\s[|–—\-:]\s).){2,60})$")


def strip_site_suffix(title: str, sitename: str = "") -> str:
    """"Talks resume | CNN Politics" → "Talks resume"; a title with no such suffix is kept."""
    title = title.strip()
    for _ in range(2):  # "Headline - Section | Site"
        m = _SUFFIX.search(title)
        if not m:
            break
        site = m["site"].strip()
        looks_like_site = (sitename and sitename.lower().split()[0] in site.lower()) or len(site.split()) <= 4
        if not looks_like_site or len(title) - len(m[0]) < 15:
            break
        title = title[: m.start()].rstrip()
    return title


def parse(html: str) -> list[Draft]:
    import trafilatura  # imported here: it is slow to import and only HTML pages need it

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = meta.get("text") or ""
    problems = []
    if not text.strip():
        problems.append("no article text found in the HTML page")
        text = "\n".join(b.text for b in html_blocks(html))
    sitename = meta.get("sitename") or ""
    title = strip_site_suffix(meta.get("title") or "", sitename)
    return [
        Draft(
            paragraphs=text.split("\n"),
            format="html",
            title=title,
            source=canonical_source(sitename) if sitename else "",
            byline=meta.get("author") or "",
            date=iso_date(meta.get("date") or ""),
            url=meta.get("url") or "",
            problems=problems,
        )
    ]
