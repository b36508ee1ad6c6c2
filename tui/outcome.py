"""What a dialog screen did, handed back to the app when it is dismissed.

Dialogs (link picker, timeline, ledger, rules, rule preview, export) do their work through the core
and dismiss with an :class:`Outcome`; the app refreshes the articles named, jumps where asked, and
shows the message. A dialog dismissed with ``None`` changed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    refresh: tuple[str, ...] = ()  # ids of articles whose claims/entities changed ("*" = all)
    jump: tuple[str, str] | None = None  # (article id, claim id) to show
    message: str = ""  # a notification, plain text (never markup)
