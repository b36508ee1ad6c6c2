"""Moving through the review work: the next or previous pending claim, across articles."""

from __future__ import annotations


def step_pending(session, order: list[str], article_id: str | None, claim_id: str | None,
                 step: int = 1) -> tuple[str, str] | None:
    """(article id, claim id) of the next (``step=1``) or previous (``-1``) pending claim after the
    current one, in ``order`` (article ids as listed), wrapping around once; articles not yet extracted
    are skipped. The current claim itself when it is the only one pending; None when nothing is."""
    if not order:
        return None
    start = order.index(article_id) if article_id in order else 0
    n = len(order)
    for turn in range(n + 1):
        aid = order[(start + step * turn) % n]
        if not session.extracted(aid):
            continue
        claims = session.claims(aid)
        ids = [c.id for c in claims]
        if turn == 0 and claim_id in ids:  # same article: only claims after (or before) the current one
            here = ids.index(claim_id)
            candidates = claims[here + 1:] if step > 0 else list(reversed(claims[:here]))
        elif turn == n:  # back at the start after a full turn: the claims before (or after) the current one
            here = ids.index(claim_id) if claim_id in ids else (len(ids) if step > 0 else -1)
            candidates = claims[:here] if step > 0 else list(reversed(claims[here + 1:]))
        else:
            candidates = claims if step > 0 else list(reversed(claims))
        for claim in candidates:
            if claim.status == "pending":
                return aid, claim.id
    if article_id in order and session.extracted(article_id):  # the current claim is the last one left
        current = session.claim(article_id, claim_id) if claim_id else None
        if current is not None and current.status == "pending":
            return article_id, claim_id
    return None


def next_article_with_pending(session, order: list[str], article_id: str | None) -> str | None:
    """The next article (after the current one, wrapping) with pending claims, or None."""
    if not order:
        return None
    start = order.index(article_id) if article_id in order else -1
    for turn in range(1, len(order) + 1):
        aid = order[(start + turn) % len(order)]
        if session.extracted(aid) and any(c.status == "pending" for c in session.claims(aid)):
            return aid
    return None
