"""WordPress REST API posts (``/wp-json/wp/v2/posts``): one post object, or a list of them."""

from __future__ import annotations

import html

from .draft import Draft
from .htmltext import html_blocks
from .metadata import iso_date


def is_post(obj: object) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("content"), dict) and "title" in obj


def _rendered(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def parse_post(post: dict) -> Draft:
    title_blocks = html_blocks(_rendered(post.get("title")))
    title = " ".join(b.text for b in title_blocks) or html.unescape(_rendered(post.get("title")))
    draft = Draft(
        paragraphs=[b.text for b in html_blocks(_rendered(post.get("content")))],
        format="wordpress",
        title=title,
        date=iso_date(str(post.get("date") or post.get("date_gmt") or "")),
        url=str(post.get("link") or _rendered(post.get("guid")) or ""),
    )
    if not draft.paragraphs:
        draft.problems.append("WordPress post has no content.rendered text")
    return draft
