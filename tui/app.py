"""The claimdesk review app: start-up, the background work, and the app-wide keys.

The :class:`~claimdesk.tui.screens.review.ReviewScreen` shows the corpus and holds every review
action. The app opens the corpus the way every command does (:mod:`claimdesk.annotations.pipeline`),
but in thread workers so that the article list and the text appear at once and claims fill in as
they are extracted (cached parses first); ranking link suggestions and re-applying rules run in
workers too. Each worker hands its result to the review screen as a typed message
(:mod:`claimdesk.tui.messages`).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from claimdesk.annotations import pipeline
from claimdesk.annotations.corpus import Corpus, CorpusError, bundled_corpus_path, load_cached_corpus
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store.empty import EmptyStore

from . import messages
from .clipboard import system_copy
from .commands import Command, CommandsProvider, bindings
from .screens.review import ReviewScreen

UI_BATCH_SECONDS = 0.1  # how often the extraction worker hands results to the screen
PROGRESS_SECONDS = 0.05  # at most 20 progress updates a second while the corpus is read


def home_relative(path: Path) -> str:
    """A path for display: absolute, with ~ for the home folder, sanitised."""
    home = str(Path.home())
    text = str(Path(path).expanduser().resolve())
    return clean_line("~" + text[len(home):] if text.startswith(home + "/") else text)


class ClaimdeskApp(App[int]):
    """Review a corpus: the review screen, fed by workers that load, extract and rank."""

    TITLE = "claimdesk"
    CSS_PATH = [Path(__file__).parent / name for name in (  # absolute, so subclasses elsewhere find them
        "screens/review.tcss", "widgets/row_list.tcss", "widgets/article_list.tcss", "widgets/reader.tcss",
        "widgets/status_bar.tcss", "widgets/claims_pane.tcss", "widgets/claim_detail.tcss")]
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {CommandsProvider}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, corpus: Path | None = None, *, store=None, reviewer: str | None = None,
                 model: str | None = None, positions: Positions | None = None, project=None) -> None:
        """``store``: an open annotation store (None browses only); ``model``: the spaCy model name;
        ``project``: the team project (annotations.team) the store belongs to, if any."""
        super().__init__()
        self.project = project
        self.corpus_path = Path(corpus) if corpus else bundled_corpus_path()
        self.store = store if store is not None else EmptyStore()
        self.model_name = model
        self.reviewer = clean_line(reviewer or self.store.reviewer or "reviewer")
        self.positions = positions or Positions()
        self._reextracting = threading.Lock()

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen()

    @property
    def review(self) -> ReviewScreen:
        """The review screen (the bottom of the screen stack; dialogs open above it)."""
        return self.screen_stack[0]

    @property
    def session(self) -> ReviewSession | None:
        return self.review.session

    def start(self) -> None:
        """The review screen is composed: list a small cached corpus at once, load the rest in a worker."""
        if self.store.read_only and self.store.path is not None:
            self.notify(f"{self.store.read_only_reason}; nothing you do will be saved.".capitalize(),
                        title="Read-only", severity="warning", timeout=15, markup=False)
        chrome = pipeline.chrome_patterns(self.store)
        corpus = load_cached_corpus(self.corpus_path, extra_boilerplate=chrome)  # small and cached: milliseconds
        if corpus is not None:  # listed in the very first frame
            self.review.list_corpus(corpus)
        self.load_articles(corpus)

    # -- labels ----------------------------------------------------------------------------------

    @property
    def assigned(self) -> frozenset[str] | None:
        """In a team project, the ids of the articles dealt to this reviewer (None: not a project)."""
        return self.project.assigned(self.reviewer) if self.project is not None else None

    @property
    def position_key(self) -> Path:
        """What the place the reviewer left is remembered under: the corpus, or in a team project the
        reviewer's store (reviewers sharing a machine, as ``claimdesk serve`` does, each keep their own)."""
        return self.project.store_path(self.reviewer) if self.project is not None else self.corpus_path

    @property
    def corpus_label(self) -> str:
        """The corpus as the status bar names it: "bundled samples", or its path with ~ for home."""
        if self.project is not None:
            return f"project {self.project.name}"
        if self.corpus_path == bundled_corpus_path():
            return "bundled samples"
        return home_relative(self.corpus_path)

    @property
    def db_label(self) -> str:
        if self.store.path is None:
            return ""
        return home_relative(self.store.path) + (" (read-only)" if self.store.read_only else "")

    # -- the commands ----------------------------------------------------------------------------

    def run_command(self, command: Command) -> None:
        """Run a command from the palette where it belongs: the review screen, or the app."""
        target = self if command.scope == "app" else self.review
        self.run_action(command.action, default_namespace=target)

    def action_show_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # -- the background work ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_articles(self, corpus: Corpus | None = None) -> None:
        """Read the corpus (unless ``corpus`` came from the cache already), re-anchor what changed, list
        it, then build the review session — the first steps of :func:`pipeline.open_review`."""
        worker = get_current_worker()
        review = self.review
        listed = corpus is not None
        if corpus is None:
            shown = [0.0]

            def progress(stage: str, done: int, total: int, item: str) -> None:
                now = time.monotonic()
                if not worker.is_cancelled and (now - shown[0] >= PROGRESS_SECONDS or done == total):
                    shown[0] = now
                    review.post_message(messages.LoadProgress(done, total))

            try:
                corpus = pipeline.load(self.corpus_path, self.store, progress=progress)
            except CorpusError as error:
                review.post_message(messages.CorpusFailed(str(error)))
                return
        orphans = pipeline.reanchor(corpus, self.store)
        if worker.is_cancelled:
            return
        if not listed:
            review.post_message(messages.CorpusListed(corpus))  # the list shows while the session is built
        session = ReviewSession(corpus, self.store)  # merges the store's decisions: long for a big store
        session.orphans = orphans
        if not worker.is_cancelled:
            review.post_message(messages.SessionReady(session, orphans))

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def extract_claims(self, session: ReviewSession) -> None:
        """Extract every article into the session: cached parses first, then the model, in batches."""
        from claimdesk.annotations.nlp import ModelNotFound

        worker = get_current_worker()
        review = self.review
        try:
            extractor = pipeline.extractor_for(self.store, model=self.model_name)
        except ModelNotFound as error:
            review.post_message(messages.ExtractionFailed(str(error)))
            return
        total = len(session.articles)
        batch: list[str] = []
        last = time.monotonic()
        done = 0
        for result in pipeline.extract_into(session, extractor, cancelled=lambda: worker.is_cancelled):
            batch.append(result.article.id)
            done += 1
            now = time.monotonic()
            if now - last >= UI_BATCH_SECONDS or done == total:
                review.post_message(messages.Extracted(batch, done, total, extractor.parsed))
                batch, last = [], now
        if batch and not worker.is_cancelled:
            review.post_message(messages.Extracted(batch, done, total, extractor.parsed))

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def build_suggestions(self, session: ReviewSession) -> None:
        """Rank link partners for every claim (CPU work, off the UI thread)."""
        from claimdesk.annotations.links import SuggestionIndex

        index = SuggestionIndex.build(session)
        if not get_current_worker().is_cancelled:
            self.review.post_message(messages.SuggestionsReady(index))

    @work(thread=True, exclusive=True, group="suggest-update", exit_on_error=False)
    def update_suggestions(self, index, session: ReviewSession, article_ids: tuple[str, ...]) -> None:
        """Re-rank after decisions in these articles (the next call supersedes this one)."""
        if index.update(session, list(article_ids)) and not get_current_worker().is_cancelled:
            self.review.post_message(messages.SuggestionsUpdated())

    @work(thread=True, group="reextract", exit_on_error=False)
    def reapply_rules(self, session: ReviewSession, article_ids: list[str] | None = None, *,
                      note: str = "") -> None:
        """Re-extract (from cached parses) the articles whose results the store's rules now change: all
        of them (``article_ids`` None), or these, whatever changed. Requests run one at a time, in order."""
        if session.extractor is None:
            return
        from claimdesk.annotations.rules import reextract

        with self._reextracting:
            changed = reextract(session, session.extractor, article_ids, force=article_ids is not None)
        if not get_current_worker().is_cancelled:
            self.review.post_message(messages.Reextracted(list(dict.fromkeys([*(article_ids or []), *changed])), note))

    @work(thread=True, group="clipboard", exit_on_error=False)
    def copy_to_system_clipboard(self, line: str) -> None:
        """The system clipboard where there is one (pyperclip may wait on a clipboard tool)."""
        self.review.post_message(messages.CitationCopied(line, system_copy(line)))
