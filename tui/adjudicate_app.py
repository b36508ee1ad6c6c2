"""The adjudication app (``claimdesk review PROJECT --adjudicate``): the editor settles disagreements.

It reads the project's corpus (with the project's chrome rules, as every command does), every
reviewer's store read-only, and finds the disagreements, in a worker; the
:class:`~claimdesk.tui.screens.adjudication.AdjudicationScreen` shows them and writes each settlement
to the project's gold store through a review session over it.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App

from claimdesk.annotations import pipeline
from claimdesk.annotations.corpus import CorpusError
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.team.adjudication import open_cases
from claimdesk.annotations.team.report import project_agreement
from claimdesk.annotations.team.stores import read_stores
from claimdesk.annotations.team.view import ProjectView

from . import messages
from .screens.adjudication import AdjudicationScreen


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
        """Read the corpus and every store; find the disagreements (no extraction: decisions carry their
        fields and quotes)."""
        screen = self.screen_stack[0]
        stores = read_stores(self.project)
        try:
            view = ProjectView(self.project, stores)
        finally:
            for store in stores.values():
                store.close()
        try:
            corpus = pipeline.load(self.project.corpus, view)
        except CorpusError as error:
            screen.post_message(messages.CorpusFailed(str(error)))
            return
        session = ReviewSession(corpus, self.store)
        session.orphans = pipeline.reanchor(corpus, self.store)
        cases = open_cases(project_agreement(self.project), self.store)
        screen.post_message(messages.CasesReady(session, cases))
