"""Fitting a dialog's table into the terminal: column widths that add up, and cells cut with an ellipsis."""

from __future__ import annotations

MIN_FLEXIBLE = 6  # the narrowest a flexible column gets


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"


def wanted_width(heading: str, cells) -> int:
    """A column's natural width: its longest cell, never narrower than its heading."""
    return max([len(heading), *(len(cell) for cell in cells)])


def column_widths(available: int, wanted: dict[str, int], flexible: tuple[str, ...]) -> dict[str, int]:
    """Widths within ``available`` columns: fixed columns as wanted; flexible ones share the rest, the
    narrowest served first, none given more than it wants nor less than :data:`MIN_FLEXIBLE`."""
    out = dict(wanted)
    rest = available - sum(w for name, w in wanted.items() if name not in flexible)
    queue = sorted(flexible, key=lambda name: wanted[name])
    while queue:
        name = queue.pop(0)
        share = rest // (len(queue) + 1)
        out[name] = max(MIN_FLEXIBLE, min(wanted[name], share))
        rest -= out[name]
    return out
