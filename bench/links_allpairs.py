"""The all-pairs ranking link suggestions used before blocking (issue 19), kept as the benchmarks' baseline.

Every claim gets a first-pass score against every claim that shares a bit of its "what" signature
(nearly all of them in a corpus about one war: everyone counts deaths), in blocks of 256 claims; the
best :data:`SHORTLIST` are scored exactly and the best :data:`KEEP` kept. Time and memory grow with
the square of the claims. It uses the same profiles, first pass and exact score as
:class:`~claimdesk.annotations.links.SuggestionIndex`, so the two differ only in which pairs they compare.
"""

from __future__ import annotations

import numpy as np

from claimdesk.annotations.links.features import ClaimColumns
from claimdesk.annotations.links.profile import profile_claims
from claimdesk.annotations.links.score import score

SHORTLIST = 20
KEEP = 12
BLOCK = 256


def all_pairs_ranking(session, only: set[str] | None = None) -> dict[str, list[tuple[str, float]]]:
    """Claim id → [(partner claim id, exact score)], best first, for every live claim of the session
    (or only those in ``only``, each still ranked against all)."""
    profiles = []
    for position, article in enumerate(session.articles):
        if session.extracted(article.id):
            profiles += profile_claims(session.claims(article.id), article, position)
    columns = ClaimColumns()
    columns.set(range(len(profiles)), profiles)
    what, live = columns.what[:len(profiles)], columns.live[:len(profiles)]
    rows = [r for r in np.flatnonzero(live).tolist() if only is None or profiles[r].claim_id in only]
    order = sorted(rows, key=lambda r: (int(what[r]), r))
    out = {}
    for start in range(0, len(order), BLOCK):
        block = np.array(order[start:start + BLOCK], np.int64)
        bits = what[block]
        cols = np.flatnonzero(live) if not bits.all() else np.flatnonzero(live & ((what & np.bitwise_or.reduce(bits)) != 0))
        first = columns.first_pass(block[:, None], cols[None, :])
        width = min(SHORTLIST, first.shape[1])
        short = np.argpartition(-first, width - 1, axis=1)[:, :width] if 0 < width < first.shape[1] else \
            np.tile(np.arange(first.shape[1]), (len(block), 1))
        for i, row in enumerate(block.tolist()):
            mine = profiles[row]
            scored = [(int(cols[j]), score(mine, profiles[cols[j]])) for j in short[i] if np.isfinite(first[i, j])]
            scored.sort(key=lambda pair: (-pair[1], pair[0]))
            out[mine.claim_id] = [(profiles[j].claim_id, s) for j, s in scored[:KEEP]]
    return out
