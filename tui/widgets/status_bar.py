"""The top bar: an alert first (read-only, unsaved decisions), then progress, reviewer, corpus and
annotation file — plain text, never markup, always one line (what does not fit ends in …)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusBar(Static):
    _shown: tuple | None = None

    def show_status(self, *, corpus: str, db: str, reviewer: str, detail: str = "", alert: str = "") -> None:
        """``alert``: what the reviewer must not miss, shown first and highlighted ("" for none). The same
        status again repaints nothing (the screen shows it after every key)."""
        shown = (corpus, db, reviewer, detail, alert)
        if shown == self._shown:
            return
        self._shown = shown
        parts: list = [("claimdesk", "bold $accent"), "  "]
        if alert:
            parts += [(f" {alert} ", "bold $text on $error"), "  "]
        if detail:
            parts += [(detail, "bold"), "  "]
        parts += [("reviewer ", "dim"), reviewer, "  ", ("corpus ", "dim"), corpus, "  ", ("db ", "dim"), db or "—"]
        self.update(Content.assemble(*parts), layout=False)  # one line, always: no re-layout
