"""Moving through the review work: the next or previous pending claim, across articles.

The articles are walked in the order of an article list (:mod:`.article_rows`: ``order.around(id,
step)`` gives the other listed articles, after the current one and wrapping around), so a corpus of
any size is walked a page at a time; a list of articles with pending work only (the index's
"pending" filter) keeps the walk short. Articles not yet extracted are passed over, and at most
``limit`` of them are looked at before giving up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Protocol

SCAN_LIMIT = 5000  # articles looked at for the next pending claim before giving up


class Order(Protocol):
    def around(self, article_id: str | None, step: int = 1) -> Iterator[str]: ...


class IdOrder:
    """Article ids in a list, as an :class:`Order`."""

    def __init__(self, ids: Iterable[str]):
        self.ids = list(ids)

    def around(self, article_id: str | None, step: int = 1) -> Iterator[str]:
        ids = self.ids if step > 0 else self.ids[::-1]
        here = ids.index(article_id) if article_id in ids else -1
        yield from ids[here + 1:]
        if here >= 0:
            yield from ids[:here]


def _first_pending(claims) -> str | None:
    return next((c.id for c in claims if c.status == "pending"), None)


def step_pending(session, order: Order, article_id: str | None, claim_id: str | None, step: int = 1,
                 limit: int = SCAN_LIMIT) -> tuple[str, str] | None:
    """(article id, claim id) of the next (``step=1``) or previous (``-1``) pending claim after the
    current one: in the current article, then in the articles of ``order`` after it (wrapping around),
    then in the current article before (or after) the current claim. The current claim itself when it
    is the only one pending; None when nothing is."""
    claims = session.claims(article_id) if article_id is not None and session.extracted(article_id) else []
    ids = [c.id for c in claims]
    here = ids.index(claim_id) if claim_id in ids else None
    if here is None:
        found = _first_pending(claims if step > 0 else reversed(claims))
    else:
        found = _first_pending(claims[here + 1:] if step > 0 else reversed(claims[:here]))
    if found is not None:
        return article_id, found
    for other in islice(order.around(article_id, step), limit):
        if not session.extracted(other):
            continue
        theirs = session.claims(other)
        found = _first_pending(theirs if step > 0 else reversed(theirs))
        if found is not None:
            return other, found
    if here is not None:  # a full turn: the claims before (or after) the current one, then the claim itself
        found = _first_pending(claims[:here + 1] if step > 0 else reversed(claims[here:]))
        if found is not None:
            return article_id, found
    return None


def next_article_with_pending(session, order: Order, article_id: str | None,
                              limit: int = SCAN_LIMIT) -> str | None:
    """The next article of ``order`` (after the current one, wrapping) with pending claims, or None."""
    for other in islice(order.around(article_id, 1), limit):
        if session.extracted(other) and any(c.status == "pending" for c in session.claims(other)):
            return other
    return None
