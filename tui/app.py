"""The claimdesk review app: start-up, the background work, and the app-wide keys.

The :class:`~claimdesk.tui.screens.review.ReviewScreen` shows the corpus and holds every review
action. The app opens the corpus the way every command does (:mod:`claimdesk.annotations.pipeline`),
but in thread workers so that the article list and the text appear at once and claims fill in as
they are extracted (cached parses first); ranking link suggestions and re-applying rules run in
workers too. Each worker hands its result to the review screen as a typed message
(:mod:`claimdesk.tui.messages`).
"""

from __future__ import annotations

import gc
import threading
import time
from functools import cached_property
from itertools import islice
from pathlib import Path

from textual import events, work
from textual.app import App
from textual.worker import get_current_worker

from claimdesk.annotations import pipeline
from claimdesk.annotations.article_rows import MemoryRows
from claimdesk.annotations.corpus import CorpusError, bundled_corpus_path
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store import StoreWriteError
from claimdesk.annotations.store.empty import EmptyStore
from claimdesk.annotations.store.lock import lock_is_held, read_holder

from . import collector, messages
from .cancel import POLL_SECONDS, Cancelled, call_until_cancelled, cancelled, progress_until_cancelled, until_cancelled
from .clipboard import system_copy
from .commands import Command, CommandsProvider, bindings
from .screens.review import ReviewScreen
from .unsaved import unsaved_alert
from .wanted import Wanted

UI_BATCH_SECONDS = 0.1  # how often the extraction worker hands results to the screen
WANTED_BATCH = 8  # articles the reviewer asked for, extracted together
REST_BATCH = 32  # articles extracted together in the background
PROGRESS_SECONDS = 0.05  # at most 20 progress updates a second while the corpus is read
RETRY_SECONDS = 5.0  # how often unsaved decisions (a full disk) are tried again, besides at every key
QUIT_AGAIN_SECONDS = 10.0  # a second q within this long quits without the unsaved decisions
KEY_QUIET_SECONDS = 0.15  # background extraction waits until no key came for this long
BETWEEN_KEYS_SECONDS = 0.05  # no key for this long: the last one's repaints are on screen (a key takes ~25 ms)
QUIET_COLLECT_SECONDS = 1.0  # while no key comes (background work only), collections due wait at most this long


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
        self.holder = ""  # who holds the annotation file, when it is open read-only
        self.no_system_clipboard = False  # pyperclip failed once (over SSH): copy through the terminal only
        self.write_errno: int | None = None  # why the last write could not reach the disk
        self._retry_timer = None
        self._quit_asked = 0.0  # when q was refused because decisions are unsaved
        self._reextracting = threading.Lock()  # rules are re-applied, or a batch extracted: one at a time
        self.wanted = Wanted()  # articles to extract first
        self.key_at = 0.0  # when the last key came (time.monotonic)
        self._positions_lock = threading.Lock()  # where the reviewer is: written by one thread at a time
        self.index = None  # the corpus's index (claimdesk.annotations.index.CorpusIndex), once open
        self._between_keys_timer = None  # runs between_keys once keys pause

    def on_mount(self) -> None:
        self._gc_thresholds = gc.get_threshold()
        collector.hold_older_collections()  # (collected between keys instead: see between_keys)
        self.set_interval(QUIET_COLLECT_SECONDS, self._collect_while_quiet)

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_thresholds)

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
        """The review screen is composed: list a small cached corpus at once, open the index in a worker."""
        self.holder = self._find_holder()  # read once: probing the lock at every key would cost
        if self.store.read_only and self.store.path is not None:
            holder = self.holder
            self.notify((f"Another session holds the annotation file: {holder}. " if holder else
                         "The annotation file is open read-only. ") + "Nothing you do here will be saved.",
                        title="Read-only", severity="warning", timeout=15, markup=False)
        corpus = pipeline.load_cached(self.corpus_path, self.store)  # small and cached: milliseconds
        if corpus is not None:  # listed in the very first frame, until its index is open
            self.review.list_articles(MemoryRows(corpus.articles))
        # once that frame is on screen: the worker (SQLite, the index code) competes for the interpreter
        self.call_after_refresh(self.open_corpus, listed=corpus is not None)

    def want(self, article_ids) -> None:
        """Extract these articles before the rest (and before those asked for earlier), in this order."""
        self.wanted.add(article_ids)

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

    @cached_property
    def corpus_label(self) -> str:
        """The corpus as the status bar names it: "bundled samples", or its path with ~ for home (worked out
        once: the status bar shows it at every key)."""
        if self.project is not None:
            return f"project {self.project.name}"
        if self.corpus_path == bundled_corpus_path():
            return "bundled samples"
        return home_relative(self.corpus_path)

    @cached_property
    def db_label(self) -> str:
        return home_relative(self.store.path) if self.store.path is not None else ""

    @property
    def alert(self) -> str:
        """What the status bar shows first: decisions not yet saved (a full disk), or a read-only file (and
        who holds it)."""
        if self.store.pending:
            return unsaved_alert(self.store.pending, self.write_errno)
        if self.store.path is None or not self.store.read_only:
            return ""
        return f"READ-ONLY: held by {self.holder}" if self.holder else "READ-ONLY"

    def _find_holder(self) -> str:
        """Who holds the annotation file when it is open read-only ("pid 4242 on host by ana, since …")."""
        if self.store.path is None or not self.store.read_only or not lock_is_held(self.store.path):
            return ""
        holder = read_holder(self.store.path)
        return clean_line(holder.describe()) if holder is not None else ""

    # -- the commands ----------------------------------------------------------------------------

    def run_command(self, command: Command) -> None:
        """Run a command from the palette where it belongs: the review screen, or the app."""
        target = self if command.scope == "app" else self.review
        self.run_action(command.action, default_namespace=target)

    # -- decisions the disk did not take yet -------------------------------------------------------

    def on_save_deferred(self, message) -> None:
        """A write stayed in memory (the store could not write it): say so, and retry until it is saved."""
        self.write_errno = message.errno
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_SECONDS, self.retry_unsaved)
        self.review.show_status()

    def retry_unsaved(self) -> None:
        """Try to write the decisions kept in memory; say when they are all on disk."""
        if not self.store.pending:
            return
        count = self.store.pending
        try:
            self.store.retry()
        except StoreWriteError as error:
            self.write_errno = error.errno
        if not self.store.pending:
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self._quit_asked = 0.0
            self.notify(f"Saved: the {count} decision{'s' if count != 1 else ''} kept in memory "
                        f"{'are' if count != 1 else 'is'} on disk now.", markup=False)
        self.review.show_status()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.key_at = time.monotonic()
            if self.store.pending:
                self.retry_unsaved()  # the next key tries again, before it does anything else
            if self._between_keys_timer is not None:
                self._between_keys_timer.stop()
            self._between_keys_timer = self.set_timer(BETWEEN_KEYS_SECONDS, self.between_keys)
        await super().on_event(event)

    def between_keys(self) -> None:
        """Once keys pause (the last one's repaints shown), do what would otherwise land inside a key: read
        the neighbours of the article opened, and collect the garbage cycles (:mod:`.collector`)."""
        self._between_keys_timer = None
        if self.screen_stack:
            self.review.read_ahead()
        collector.collect_if_due()

    def _collect_while_quiet(self) -> None:
        """No key for a while, only background work (extraction, ranking): collect what is due all the same,
        so that its garbage cycles wait a second at most, not a hundred collections."""
        if self._between_keys_timer is None and time.monotonic() - self.key_at >= QUIET_COLLECT_SECONDS:
            collector.collect_if_due()

    def after_keys(self, stop):
        """``stop`` for the background extraction, asked between articles: while the reviewer is pressing
        keys it first waits (at most until quitting), so that a key's repaint has the interpreter to
        itself (sharing it with extraction took twice as long: p95 above 100 ms at 10,000 articles)."""
        def check() -> bool:
            while time.monotonic() - self.key_at < KEY_QUIET_SECONDS and not stop():
                time.sleep(KEY_QUIET_SECONDS / 5)
            return stop()

        return check

    async def action_quit(self) -> None:
        """Quit, unless decisions are not saved yet: then only when asked twice (they are lost)."""
        if self.store.pending:
            self.retry_unsaved()
        count = self.store.pending
        if count and time.monotonic() - self._quit_asked > QUIT_AGAIN_SECONDS:
            self._quit_asked = time.monotonic()
            self.notify(f"{count} decision{'s are' if count != 1 else ' is'} not saved yet (the disk is full). "
                        "Free some space and they are saved within seconds; press q again to quit and lose "
                        f"{'them' if count != 1 else 'it'}.", title="Not quitting", severity="error",
                        timeout=QUIT_AGAIN_SECONDS, markup=False)
            return
        if count:  # told twice: drop them, so that quitting leaves no lock behind (said in store.warnings)
            self.store.close(discard_pending=True)
        # What is loaded lives until the process ends: spare it the collector's last full pass, which
        # takes a quarter to half a second on a large corpus.
        gc.freeze()
        self.exit()

    def action_show_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # -- the background work ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def open_corpus(self, listed: bool = False) -> None:
        """Open the corpus's index and list it as it was last synced (unless ``listed`` already), bring it
        up to date (only files that changed are read), re-anchor what changed, then build the review
        session over it — the steps of :func:`pipeline.open_review`, for a corpus of any size. Each step
        runs in a daemon thread the worker stops waiting for when the app quits (listing 100,000 files,
        or counting their claims, reports no progress)."""
        review = self.review
        stop = cancelled()
        try:
            index = call_until_cancelled(lambda: pipeline.index_for(self.corpus_path, self.store), stop)
            self.index = index
            if self.assigned is not None:
                index.set_assigned(self.assigned)
            if not listed and index.count():
                review.post_message(messages.IndexListed(index))  # shown while it is brought up to date
            step = progress_until_cancelled(self._load_progress())  # quitting stops the sync at the next file
            session, progress = call_until_cancelled(lambda: self._build_session(index, step, stop), stop)
        except CorpusError as error:
            review.post_message(messages.CorpusFailed(str(error)))
            return
        except Cancelled:
            return
        if not stop():
            review.post_message(messages.SessionReady(session, session.orphans, progress))

    def _load_progress(self):
        """A progress callback that shows the files read, at most every :data:`PROGRESS_SECONDS`."""
        review, shown = self.review, [0.0]

        def show(done: int, total: int, item: str) -> None:
            now = time.monotonic()
            if now - shown[0] >= PROGRESS_SECONDS or done == total:
                shown[0] = now
                review.post_message(messages.LoadProgress(done, total))

        return show

    def _build_session(self, index, progress, stop) -> tuple[ReviewSession, dict[str, tuple[int, int]]]:
        """Sync the index, open a session over it, re-anchor what changed, and count every article's review
        progress: (the session, the progress). ``stop()`` says when to give up."""
        from claimdesk.annotations.nlp import ModelNotFound  # (the model's name and version, not spaCy)

        index.sync(progress=progress)
        try:
            extractor = pipeline.extractor_for(self.store, model=self.model_name)
        except ModelNotFound:  # said when extraction starts
            extractor = None
        session = pipeline.indexed_session(index, self.store, extractor)
        pending = self.store.pending
        session.orphans = pipeline.reanchor(session.corpus, self.store, cancelled=stop)
        if self.store.pending > pending:  # moved in memory, not yet on disk (a full disk)
            self.post_message(messages.SaveDeferred())
        index.set_decided(pipeline.decided_claims(self.store))
        return session, index.review_counts()

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def extract_claims(self, session: ReviewSession) -> None:
        """Extract the articles not extracted yet, into the session and the index: those the reviewer opens
        or has on screen first (:meth:`want`), then the rest in corpus order, a small batch at a time.
        Cached parses are used first, then the model; articles already in the index need neither."""
        from claimdesk.annotations.nlp import ModelNotFound

        review = self.review
        extractor = session.extractor
        if extractor is None:
            try:
                extractor = pipeline.extractor_for(self.store, model=self.model_name)
            except ModelNotFound as error:
                review.post_message(messages.ExtractionFailed(str(error)))
                return
        index = getattr(session.corpus, "index", None)
        total = len(session.articles)
        stop = cancelled()
        rest = iter(index.ids() if index is not None else [a.id for a in session.articles])
        batch: list[str] = []
        last = time.monotonic()
        while not stop():
            wanted = self.wanted.take(WANTED_BATCH, skip=session.extracted)
            todo = wanted or [aid for aid in islice((a for a in rest if not session.extracted(a)), REST_BATCH)]
            if not todo:
                break
            if not self._hold_rules(stop):
                return
            try:  # (rules are not re-applied in the middle of a batch: its results are stored under their key)
                articles = [session.article(aid) for aid in todo]
                # Loading the model and parsing a batch cannot be interrupted: they run in a daemon thread that
                # a quitting app stops waiting for (tui/cancel.py).
                for result in until_cancelled(pipeline.extract_into(session, extractor, cancelled=self.after_keys(stop),
                                                                    index=index, articles=articles), stop):
                    batch.append(result.article.id)
                    now = time.monotonic()
                    if wanted or now - last >= UI_BATCH_SECONDS:
                        review.post_message(messages.Extracted(batch, session.extracted_count, total,
                                                               extractor.parsed))
                        batch, last = [], now
            finally:
                self._reextracting.release()
        if not stop():
            review.post_message(messages.Extracted(batch, session.extracted_count, total, extractor.parsed))

    def _hold_rules(self, stop) -> bool:
        """Wait until no re-application of rules runs (False: the worker was cancelled meanwhile)."""
        while not self._reextracting.acquire(timeout=POLL_SECONDS):
            if stop():
                return False
        return True

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def build_suggestions(self, session: ReviewSession) -> None:
        """Rank link partners for every claim (CPU work, off the UI thread)."""
        from claimdesk.annotations.links import SuggestionIndex

        progress, stop = progress_until_cancelled(), cancelled()
        try:  # (profiling every claim reports no progress: the daemon thread covers it)
            index = call_until_cancelled(lambda: SuggestionIndex.build(session, progress=progress), stop)
        except Cancelled:
            return
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
        stop = cancelled()
        if not self._hold_rules(stop):  # another request (or a batch of extraction) runs: wait, unless quitting
            return
        try:
            changed = pipeline.reextract_with_rules(session, article_ids, force=article_ids is not None,
                                                    progress=progress_until_cancelled())
        except Cancelled:
            return
        finally:
            self._reextracting.release()
        if not stop():
            self.review.post_message(messages.Reextracted(list(dict.fromkeys([*(article_ids or []), *changed])), note))

    @work(thread=True, exclusive=True, group="contradictions", exit_on_error=False)
    def find_contradictions(self, session: ReviewSession) -> None:
        """The articles holding a claim whose cluster has a contradiction (the ledger's flag), for the filter."""
        from claimdesk.annotations.links.ledger import timelines

        found: set[str] = set()
        for timeline in timelines(session):
            if timeline.contradictions:
                found.update(mention.article.id for mention in timeline.mentions)
        if not get_current_worker().is_cancelled:
            self.review.post_message(messages.ContradictionsFound(found))

    def remember_position(self, position: dict) -> None:
        """Remember where the reviewer is in this corpus (one write at a time)."""
        with self._positions_lock:
            self.positions.set(self.position_key, position)

    @work(thread=True, group="position", exit_on_error=False)
    def save_position(self, position: dict) -> None:
        """:meth:`remember_position`, off the UI thread."""
        self.remember_position(position)

    @work(thread=True, group="clipboard", exit_on_error=False)
    def copy_to_system_clipboard(self, line: str) -> None:
        """The system clipboard where there is one (pyperclip may wait on a clipboard tool)."""
        self.review.post_message(messages.CitationCopied(line, system_copy(line)))
