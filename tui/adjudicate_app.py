"""The adjudication app (``claimdesk review PROJECT --adjudicate``): the editor settles disagreements.

It reads the project's corpus (with the project's chrome rules, as every command does), every
reviewer's store read-only, and finds the disagreements, in a worker: the claims' from the decisions
alone (they carry their fields and quotes), the entity spans' on the articles a reviewer edited an
entity in, extracted with the project's rules (spans nobody edited are the extractor's for everyone).
The :class:`~claimdesk.tui.screens.adjudication.AdjudicationScreen` shows them and writes each
settlement to the project's gold store through a review session over it.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import App

from claimdesk.annotations import pipeline
from claimdesk.annotations.corpus import CorpusError
from claimdesk.annotations.nlp import ModelNotFound
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.team.adjudication import open_cases
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import read_stores
from claimdesk.annotations.team.view import ProjectView

from . import messages
from .cancel import Cancelled, cancelled, progress_until_cancelled, until_cancelled
from .screens.adjudication import AdjudicationScreen, Loading

PROGRESS_SECONDS = 0.05  # at most 20 progress updates a second


class AdjudicationApp(App[int]):
    """Settle a project's disagreements in its gold store."""

    TITLE = "claimdesk · adjudication"
    CSS_PATH = [Path(__file__).parent / "screens" / "adjudication.tcss"]

    def __init__(self, project, gold_store) -> None:
        super().__init__()
        self.project = project
        self.store = gold_store

    def get_default_screen(self) -> AdjudicationScreen:
        return AdjudicationScreen(self.project)

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_cases(self) -> None:
        """Read the corpus and every store, extract the articles with entity edits, find the disagreements."""
        screen = self.screen_stack[0]
        stores = read_stores(self.project)
        try:
            view = ProjectView(self.project, stores)
            edited = {d["article"] for s in stores.values() for d in s.records("entities") if not d.get("orphan")}
        finally:
            for store in stores.values():
                store.close()
        progress = progress_until_cancelled(_shown(screen, "reading"))  # quitting stops the reading
        try:
            corpus = pipeline.load(self.project.corpus, view, progress=lambda stage, done, total, item:
                                   progress(done, total, item))
        except CorpusError as error:
            screen.post_message(messages.CorpusFailed(str(error)))
            return
        except Cancelled:
            return
        projected = ReviewSession(corpus, view)  # the project's entities: extracted with its rules
        articles = [a for a in corpus.articles if a.id in edited]
        if articles:
            try:
                extractor = pipeline.extractor_for(view)
            except ModelNotFound as error:
                screen.post_message(messages.ExtractionFailed(str(error)))
            else:
                stop, show = cancelled(), _shown(screen, "extracting")
                results = pipeline.extract_into(projected, extractor, cancelled=stop, articles=articles)
                for done, result in enumerate(until_cancelled(results, stop), 1):
                    show(done, len(articles), result.article.path)
                if stop():
                    return
        session = ReviewSession(corpus, self.store)
        session.orphans = pipeline.reanchor(corpus, self.store)
        cases = open_cases(project_agreement(self.project, projected), self.store)
        screen.post_message(messages.CasesReady(session, cases))


def _shown(screen, stage: str):
    """A ``(done, total, item)`` progress callback telling ``screen`` how far loading is, a few times a
    second at most."""
    last = [0.0]

    def show(done: int, total: int, item: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_SECONDS or done == total:
            last[0] = now
            screen.post_message(Loading(stage, done, total))

    return show
