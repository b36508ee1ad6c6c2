"""The top bar: corpus, database, reviewer and progress — plain text, never markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusBar(Static):
    def show_status(self, *, corpus: str, db: str, reviewer: str, detail: str = "") -> None:
        parts: list = [("claimdesk", "bold $accent"), "  ", ("corpus ", "dim"), corpus, "  ",
                       ("db ", "dim"), db or "—", "  ", ("reviewer ", "dim"), reviewer]
        if detail:
            parts += ["  ", (detail, "dim")]
        self.update(Content.assemble(*parts))
