"""What the app's background workers hand back to the review screen: one typed message per result.

Workers (opening the corpus's index, extracting, ranking link suggestions, re-applying rules, copying to the
clipboard) run in threads and never touch a widget; they post one of these (``post_message`` is
thread-safe) and the review screen, on the UI thread, shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from claimdesk.annotations.session import ReviewSession


@dataclass(eq=False)
class LoadProgress(Message):
    """Files read so far."""

    done: int
    total: int


@dataclass(eq=False)
class IndexListed(Message):
    """The corpus's index is open, as it was last synced: list it (it is being brought up to date, and the
    session that opens its articles is still being built)."""

    index: Any  # claimdesk.annotations.index.CorpusIndex (imported by the worker)


@dataclass(eq=False)
class CorpusFailed(Message):
    """The corpus cannot be read at all (a missing or empty folder)."""

    reason: str


@dataclass(eq=False)
class SessionReady(Message):
    """The store's decisions are merged in: open an article, then extract."""

    session: ReviewSession  # its articles read from the corpus index (session.corpus.index)
    orphans: int  # annotations re-anchoring could not place
    progress: dict[str, tuple[int, int]]  # (reviewed, claims) of every article extracted so far


@dataclass(eq=False)
class Extracted(Message):
    """Claims and entities of these articles are in the session (``done`` of ``total`` so far)."""

    article_ids: list[str]
    done: int
    total: int
    parsed: int  # texts the model parsed (not from the cache) so far


@dataclass(eq=False)
class ExtractionFailed(Message):
    """Extraction cannot run (the model is not installed)."""

    reason: str


@dataclass(eq=False)
class SuggestionsReady(Message):
    """Link partners are ranked for every claim."""

    index: Any  # claimdesk.annotations.links.SuggestionIndex (imported when ranking starts)


@dataclass(eq=False)
class SuggestionsUpdated(Message):
    """Link suggestions were re-ranked after decisions."""


@dataclass(eq=False)
class Reextracted(Message):
    """Rules changed and these articles were extracted again from their cached parses."""

    article_ids: list[str]
    note: str = ""  # what to tell the reviewer, plain text


@dataclass(eq=False)
class CitationCopied(Message):
    """A citation line went to the clipboard (``problem``: why the system clipboard could not take it)."""

    line: str
    problem: str


@dataclass(eq=False)
class SaveDeferred(Message):
    """A write could not reach the disk: the store keeps it in memory, pending (see :mod:`.unsaved`)."""

    errno: int | None = None  # why (ENOSPC: the disk is full)


@dataclass(eq=False)
class CasesReady(Message):
    """Adjudication: the corpus is read and the disagreements found, each with its gold record if settled."""

    session: ReviewSession  # over the gold store
    cases: list  # claimdesk.annotations.team.adjudication.Case


@dataclass(eq=False)
class ContradictionsFound(Message):
    """The articles holding a claim whose cluster has a contradiction (for the article filter)."""

    article_ids: set[str]
