"""Dealing articles to reviewers: each article to one reviewer, a share of them to several (the overlap
that agreement is measured on), deterministically from a seed.

Articles are taken in the order of a seeded hash of their id; the first ``overlap`` share of them
(rounded) goes to ``per_article`` reviewers, the rest to one. Each article goes to the reviewers with
the fewest articles so far (ties broken by a seeded hash of article and reviewer), so loads differ by
at most one article per pass. The same ids, reviewers and settings always give the same deal; articles
added later are dealt the same way on top of the loads already there, and nothing dealt moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..ids import short_hash


@dataclass(frozen=True)
class Deal:
    """How articles are dealt: ``overlap`` (0-1) of them reviewed by ``per_article`` reviewers each."""

    overlap: float = 0.2
    per_article: int = 2
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.overlap <= 1.0:
            raise ValueError(f"--overlap is a share between 0 and 1, not {self.overlap}")
        if self.per_article < 1:
            raise ValueError(f"--per-article must be at least 1, not {self.per_article}")

    def as_json(self) -> dict:
        return {"overlap": self.overlap, "per_article": self.per_article, "seed": self.seed}

    @classmethod
    def from_json(cls, data: dict) -> Deal:
        return cls(float(data.get("overlap", 0.2)), int(data.get("per_article", 2)), int(data.get("seed", 0)))


def deal(article_ids: Iterable[str], reviewers: tuple[str, ...], rules: Deal,
         existing: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``existing`` plus every article of ``article_ids`` not in it, dealt (see the module)."""
    out = dict(existing)
    if not reviewers:
        return out
    loads = {name: 0 for name in reviewers}
    for names in existing.values():
        for name in names:
            if name in loads:
                loads[name] += 1
    new = sorted({a for a in article_ids if a not in existing}, key=lambda a: (short_hash(rules.seed, a), a))
    shared = round(len(new) * rules.overlap)
    width = min(rules.per_article, len(reviewers))
    for n, article in enumerate(new):
        count = width if n < shared else 1
        ranked = sorted(reviewers, key=lambda name: (loads[name], short_hash(rules.seed, article, name)))
        chosen = tuple(sorted(ranked[:count], key=reviewers.index))
        for name in chosen:
            loads[name] += 1
        out[article] = chosen
    return out


def overlapping(assignment: dict[str, tuple[str, ...]]) -> list[str]:
    """Ids of the articles dealt to more than one reviewer."""
    return [a for a, names in assignment.items() if len(names) > 1]
