"""The headline of a saved web page: the one a reader sees, without the site's name.

A page states its headline in several places: ``<h1>``, ``<title>``, ``og:title`` (often a shorter
headline written for social media), JSON-LD ``headline``. The chosen one is:

1. an ``<h1>`` that agrees with ``<title>``, ``og:title`` or the JSON-LD headline (same words, give or
   take a few: a logo or section ``<h1>`` does not agree with any);
2. else ``<title>``; else ``og:title``, the JSON-LD headline, an ``<h1>``, in that order.

The site's name is then cut off the end (or the start) after one of " | ", " - ", " – ", " — ", " -- ",
" :: ", " / ", but only when that part names the site: its ``og:site_name`` (or ``application-name``,
the JSON-LD publisher), its domain ("cnn" of edition.cnn.com: "CNN Politics" names it), or, across a
corpus, a part that ends the titles of several pages (:func:`strip_repeated_suffixes`); a day after it
goes too ("… | DW | 10.06.2013"). A part of the headline itself is never cut ("Gates on Tillerson and
Russia: 'You can be friendly…'" keeps its colon).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

SEPARATORS = (" | ", " - ", " – ", " — ", " -- ", " :: ", " / ")
_SPLIT = re.compile("(" + "|".join(re.escape(s) for s in sorted(SEPARATORS, key=len, reverse=True)) + ")")
_SITE_PART_MAX_WORDS = 6
_HEADLINE_MIN_CHARS = 12  # what is left after cutting a site's name must still be a headline
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# a part that is only a day: "10.06.2013", "2013-06-10", "06/10/13", "June 10, 2013", "10 June 2013"
_DATE_PART = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
                        rf"|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}\.? {_MONTH},? \d{{4}}", re.IGNORECASE)
HTML_FORMATS = ("html", "warc")  # the formats whose titles come from web pages


@dataclass
class PageTitles:
    """Where a page states its headline, and what names the site."""

    title: str = ""
    og_title: str = ""
    jsonld_headline: str = ""
    h1s: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()  # og:site_name, application-name, publisher, domain labels


def _text(el) -> str:
    return " ".join((el.text_content() if el is not None else "").split())


def _meta(tree, *names: str) -> str:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            content = " ".join((el.get("content") or "").split())
            if content:
                return content
    return ""


def _jsonld_objects(tree) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def domain_names(url: str) -> tuple[str, ...]:
    """The names a site's domain gives: "edition.cnn.com" → ("cnn", "cnn.com"); "bbc.co.uk" → ("bbc", "bbc.co.uk")."""
    host = (urlsplit(url).hostname or "") if "//" in url else ""
    labels = [p for p in host.lower().split(".") if p]
    if len(labels) < 2:
        return ()
    tail = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    registered = labels[-tail:]
    return (registered[0], ".".join(registered))


def page_titles(tree, url: str = "") -> PageTitles:
    """The headline candidates and site names of a parsed page (an lxml tree)."""
    headline, publisher = "", ""
    for obj in _jsonld_objects(tree):
        if not headline and isinstance(obj.get("headline"), str):
            headline = " ".join(obj["headline"].split())
        pub = obj.get("publisher")
        if not publisher and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            publisher = pub["name"].strip()
    title_el = tree.find(".//title")
    page_url = url or _meta(tree, "og:url") or next(iter(tree.xpath('//link[@rel="canonical"]/@href')), "")
    sites = [s for s in (_meta(tree, "og:site_name", "application-name"), publisher) if s]
    sites += domain_names(page_url)
    h1s = tuple(t for t in (_text(h) for h in tree.iter("h1")) if t)
    return PageTitles(title=_text(title_el), og_title=_meta(tree, "og:title", "twitter:title"),
                      jsonld_headline=headline, h1s=h1s, sites=tuple(sites))


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.lower())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def names_site(part: str, sites: Iterable[str]) -> bool:
    """Does ``part`` (of a title, after a separator) name the site: "CNN Politics" for "cnn"?"""
    if len(part.split()) > _SITE_PART_MAX_WORDS:
        return False
    part_key, part_words = _key(part), _words(part)
    for site in sites:
        site_key = _key(site)
        if not site_key:
            continue
        if part_key == site_key or (len(site_key) >= 3 and (site_key in part_words or part_key.startswith(site_key)
                                                             or part_key.endswith(site_key)
                                                             or (len(part_key) >= max(3, len(site_key) / 2)
                                                                 and part_key in site_key))):
            return True
    return False


def is_date(part: str) -> bool:
    """Is ``part`` (of a title, after a separator) only a day: "10.06.2013", "June 10, 2013"?"""
    return _DATE_PART.fullmatch(part.strip()) is not None


def strip_site_name(title: str, sites: Iterable[str]) -> str:
    """``title`` without the parts at its end (or start) that name the site, or the day after it; the
    rest is kept."""
    sites = tuple(sites)
    parts = _SPLIT.split(" ".join(title.split()))
    # parts alternate text and separator: [text, sep, text, sep, text]
    while (len(parts) >= 3 and (names_site(parts[-1], sites) or is_date(parts[-1]))
           and len("".join(parts[:-2])) >= _HEADLINE_MIN_CHARS):
        parts = parts[:-2]
    while len(parts) >= 3 and names_site(parts[0], sites) and len("".join(parts[2:])) >= _HEADLINE_MIN_CHARS:
        parts = parts[2:]
    return "".join(parts).strip()


def agrees(h1: str, headline: str) -> bool:
    """Do an ``<h1>`` and another statement of the headline say the same (most words shared, and the
    ``<h1>`` not just a few of them: a logo or section name)?"""
    a, b = set(_words(h1)), set(_words(headline))
    if not a or not b:
        return False
    shared = len(a & b)
    return (shared >= 0.8 * len(a) and shared >= 0.6 * len(b)) or _key(h1) == _key(headline)


def choose_title(page: PageTitles) -> str:
    """The headline a reader sees (see the module's rules), without the site's name."""
    sites = page.sites
    references = [strip_site_name(t, sites) for t in (page.title, page.og_title, page.jsonld_headline) if t]
    for h1 in page.h1s:
        if any(agrees(h1, ref) for ref in references):
            return strip_site_name(h1, sites)
    for candidate in (page.title, page.og_title, page.jsonld_headline, *page.h1s):
        if candidate:
            return strip_site_name(candidate, sites)
    return ""


def _end_part(title: str) -> str:
    parts = _SPLIT.split(title)
    return parts[-1].strip() if len(parts) >= 3 else ""


def strip_repeated_suffixes(articles: list, min_pages: int = 2) -> list:
    """Across a corpus's web pages: cut the part after a separator that ends the titles of at least
    ``min_pages`` pages (a site's name the page itself did not state) from each of them."""
    pages = [a for a in articles if a.format in HTML_FORMATS]
    counts = Counter(_end_part(a.title) for a in pages)
    repeated = {part for part, n in counts.items() if part and n >= min_pages
                and len(part.split()) <= _SITE_PART_MAX_WORDS}
    if not repeated:
        return articles
    out = []
    for article in articles:
        part = _end_part(article.title) if article.format in HTML_FORMATS else ""
        if part in repeated:
            stripped = strip_site_name(article.title, (part,))
            if stripped != article.title:
                article = replace(article, title=stripped)
        out.append(article)
    return out
