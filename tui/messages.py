"""What the app's background workers hand back to the review screen: one typed message per result.

Workers (loading the corpus, extracting, ranking link suggestions, re-applying rules, copying to the
clipboard) run in threads and never touch a widget; they post one of these (``post_message`` is
thread-safe) and the review screen, on the UI thread, shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from claimdesk.annotations.corpus import Corpus
from claimdesk.annotations.session import ReviewSession


@dataclass(eq=False)
class LoadProgress(Message):
    """Files read so far."""

    done: int
    total: int


@dataclass(eq=False)
class CorpusListed(Message):
    """The articles are read: list them (the session that opens them is still being built)."""

    corpus: Corpus


@dataclass(eq=False)
class CorpusFailed(Message):
    """The corpus cannot be read at all (a missing or empty folder)."""

    reason: str


@dataclass(eq=False)
class SessionReady(Message):
    """The store's decisions are merged in: open an article, then extract."""

    session: ReviewSession
    orphans: int  # annotations re-anchoring could not place


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
