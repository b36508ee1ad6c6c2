"""The top bar: progress, reviewer, corpus and database — plain text, never markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusBar(Static):
    def show_status(self, *, corpus: str, db: str, reviewer: str, detail: str = "") -> None:
        parts: list = [("claimdesk", "bold $accent"), "  "]
        if detail:
            parts += [(detail, "bold"), "  "]
        parts += [("reviewer ", "dim"), reviewer, "  ", ("corpus ", "dim"), corpus, "  ", ("db ", "dim"), db or "—"]
        self.update(Content.assemble(*parts), layout=False)  # one line, always: no re-layout
