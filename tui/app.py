"""The claimdesk review app: the panes, the command actions, and the background work.

Loading and extraction run in thread workers, so the article list and the text appear at once and
claims fill in as they are extracted (cached parses first). Every decision goes through the
:class:`~claimdesk.annotations.session.ReviewSession` to the store as it is made.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, ProgressBar
from textual.worker import get_current_worker

from claimdesk.annotations.citation import citation
from claimdesk.annotations.corpus import Corpus, CorpusError, bundled_corpus_path, load_cached_corpus, load_corpus
from claimdesk.annotations.navigation import next_article_with_pending, step_pending
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.reviewed import ReviewClaim, ReviewEntity
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.session import FieldsInvalid, ReviewSession, SessionError

from .clipboard import system_copy
from .commands import CommandsProvider, bindings
from .outcome import Outcome
from .widgets.article_list import ORDERS, ArticleList
from .widgets.claim_detail import ClaimDetail
from .widgets.claims_pane import FILTERS, ClaimsPane
from .widgets.reader import ArticleText, Reader
from .widgets.status_bar import StatusBar

if TYPE_CHECKING:  # every dialog is imported when first opened: a faster first paint
    from .screens.correction_form import FormResult

UI_BATCH_SECONDS = 0.1  # how often the extraction worker hands results to the screen
SUGGEST_PAUSE_SECONDS = 1.5  # re-rank link suggestions this long after the last decision


def home_relative(path: Path) -> str:
    """A path for display: absolute, with ~ for the home folder, sanitised."""
    home = str(Path.home())
    text = str(Path(path).expanduser().resolve())
    return clean_line("~" + text[len(home):] if text.startswith(home + "/") else text)


class ClaimdeskApp(App[int]):
    """Review a corpus: the article list, the reader, the claims and the selected claim's detail."""

    TITLE = "claimdesk"
    CSS_PATH = [Path(__file__).parent / name for name in (  # absolute, so subclasses elsewhere find them
        "app.tcss", "widgets/row_list.tcss", "widgets/article_list.tcss", "widgets/reader.tcss",
        "widgets/status_bar.tcss", "widgets/claims_pane.tcss", "widgets/claim_detail.tcss")]
    BINDINGS = bindings()
    COMMANDS = App.COMMANDS | {CommandsProvider}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, corpus: Path | None = None, *, store=None, reviewer: str | None = None,
                 model: str | None = None, positions: Positions | None = None) -> None:
        """``store``: an open annotation store (None browses only); ``model``: the spaCy model name."""
        super().__init__()
        self.corpus_path = Path(corpus) if corpus else bundled_corpus_path()
        self.store = store
        self.model_name = model
        self.reviewer = clean_line(reviewer or (store.reviewer if store else "") or "reviewer")
        self.main_screen = None
        self.positions = positions or Positions()
        self.corpus: Corpus | None = None
        self.session: ReviewSession | None = None
        self.extractor = None
        self.article = None  # the open Article
        self.selected_claim: str | None = None
        self.selected_entity: str | None = None
        self.drafts: dict[str, dict] = {}  # what was typed in a cancelled form, by claim id (or span)
        self.progress_by_article: dict[str, tuple[int, int]] = {}
        self.extraction_note = ""
        self._restore: dict = {}
        self._position_timer = None
        self._status_shown: tuple = ()
        self._detail_shown: tuple = ()
        self.suggestions = None  # the links' SuggestionIndex, built in a worker after extraction
        self._suggest_dirty: set[str] = set()
        self._suggest_timer = None

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield ProgressBar(id="loading", show_eta=False)
        with Horizontal(id="main"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
            with Vertical(id="side"):
                yield ClaimsPane(id="claims")
                yield ClaimDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.main_screen = self.screen  # dialogs stack above it; the panes stay here
        self._show_status("loading…")
        if self.store is not None and self.store.read_only:
            self.notify("Another session is writing this annotation file; it is open read-only here.",
                        title="Read-only", severity="warning", timeout=15, markup=False)
        self._fit(self.size.width, self.size.height)
        chrome = self._chrome_rules()
        corpus = load_cached_corpus(self.corpus_path, extra_boilerplate=chrome)  # small and cached: milliseconds
        if corpus is not None:  # listed in the very first frame
            self._corpus_loaded(corpus)
        self.load_articles(chrome, corpus)

    def on_resize(self, event) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        if self.main_screen is None:
            return
        self.main_screen.set_class(width < 100, "-narrow")
        self.main_screen.set_class(width < 72, "-stacked")
        self.main_screen.set_class(height < 30, "-short")

    # -- status ----------------------------------------------------------------------------------

    @property
    def corpus_label(self) -> str:
        """The corpus as the status bar names it: "bundled samples", or its path with ~ for home."""
        if self.corpus_path == bundled_corpus_path():
            return "bundled samples"
        return home_relative(self.corpus_path)

    @property
    def db_label(self) -> str:
        if self.store is None:
            return ""
        return home_relative(self.store.path) + (" (read-only)" if self.store.read_only else "")

    def _show_status(self, detail: str | None = None) -> None:
        if detail is None:
            done = sum(d for d, _ in self.progress_by_article.values())
            total = sum(t for _, t in self.progress_by_article.values())
            share = f" ({100 * done // total}%)" if total else ""
            detail = f"{done}/{total} claims reviewed{share}"
            if self.extraction_note:
                detail += f" · {self.extraction_note}"
        self.main_screen.query_one(StatusBar).show_status(corpus=self.corpus_label, db=self.db_label, reviewer=self.reviewer,
                                              detail=detail)

    # -- loading and extraction ------------------------------------------------------------------

    def _chrome_rules(self) -> list[dict]:
        """The lines the reviewer marked as site chrome (``B``), as patterns for the corpus loader."""
        if self.store is None or not self.store.rules(enabled=True):  # the rules package is slow to import
            return []
        from claimdesk.annotations.rules import learned_boilerplate

        return learned_boilerplate(self.store)

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_articles(self, chrome: list[dict], corpus: Corpus | None = None) -> None:
        """Load the corpus with the ``chrome`` patterns (unless ``corpus`` was read from the cache
        already), re-anchor what changed, list it, then build the review session."""
        worker = get_current_worker()
        listed = corpus is not None
        if corpus is None:
            try:
                corpus = self._load_corpus(worker, chrome)
            except CorpusError as error:
                self.call_from_thread(self._corpus_failed, str(error))
                return
        if self.store is not None and not self.store.read_only:
            self._reanchor(corpus)
        if worker.is_cancelled:
            return
        if not listed:
            self.call_from_thread(self._corpus_loaded, corpus)  # the list shows while the session is built
        session = ReviewSession(corpus, self.store)  # merges the store's decisions: long for a big store
        if not worker.is_cancelled:  # once the list is on screen: opening an article takes a while
            self.call_from_thread(self.call_after_refresh, self._session_ready, session)

    def _load_corpus(self, worker, chrome: list[dict]) -> Corpus:
        bar = self.main_screen.query_one("#loading", ProgressBar)

        shown = [0.0]

        def progress(done: int, total: int, _path: str) -> None:
            # call_from_thread waits for the screen: at most 20 updates a second, or a cached load of
            # a thousand files would spend most of its time waiting for progress bar repaints
            now = time.monotonic()
            if not worker.is_cancelled and (now - shown[0] >= 0.05 or done == total):
                shown[0] = now
                self.call_from_thread(bar.update, total=total, progress=done)

        return load_corpus(self.corpus_path, progress=progress, extra_boilerplate=chrome, use_cache=True)

    def _reanchor(self, corpus: Corpus) -> None:
        """Articles whose text changed since they were annotated (re-scraped, new chrome rules): move their
        annotations to where their quotes are now; those not found are kept as orphans (db info lists them)."""
        orphans = 0
        for article_id in self.store.articles():
            article = corpus.by_id(article_id)
            if article is not None:
                orphans += len(self.store.reanchor(article_id, article.text).orphans)
        if orphans:
            self.call_from_thread(self.notify, f"{orphans} annotation(s) no longer match their article's text; "
                                  "they are kept (claimdesk db info lists them).", severity="warning",
                                  markup=False, timeout=15)

    def _corpus_failed(self, message: str) -> None:
        gc.enable()  # starting up is over (``claimdesk review`` turns the collector off for it)
        self.main_screen.query_one("#loading").display = False
        self._show_status("")
        self.notify(message, title="Cannot load the corpus", severity="error", timeout=30, markup=False)

    def _corpus_loaded(self, corpus: Corpus) -> None:
        """The articles are in: list them (the session that opens them is still being built)."""
        self.corpus = corpus
        self._restore = self.positions.get(self.corpus_path)
        start = corpus.by_path(self._restore.get("article", "")) if self._restore.get("article") else None
        articles = self.main_screen.query_one(ArticleList)
        articles.show_articles(corpus.articles, selected=start.id if start else None)
        articles.focus()

    def _session_ready(self, session: ReviewSession) -> None:
        """The review session is built: open the highlighted article and start extracting."""
        if not self._panes_alive():  # quit before the first frame
            return
        self.session = session
        corpus = session.corpus
        articles = self.main_screen.query_one(ArticleList)
        if articles.current is not None:
            self.open_article(articles.current.id)
        self._show_status(f"{len(corpus.articles)} articles" + (f", {len(corpus.skipped)} files skipped"
                                                                  if corpus.skipped else ""))
        if corpus.skipped:
            lines = "\n".join(str(s) for s in corpus.skipped[:10])
            more = f"\n… and {len(corpus.skipped) - 10} more" if len(corpus.skipped) > 10 else ""
            self.notify(lines + more, title="Skipped files", severity="warning", timeout=15, markup=False)
        bar = self.main_screen.query_one("#loading", ProgressBar)
        bar.update(total=len(corpus.articles), progress=0)
        gc.enable()  # starting up is over (``claimdesk review`` turns the collector off for it)
        self.call_after_refresh(self.extract_claims)  # paint the list first: the worker competes for the GIL

    def _extractor_rules(self) -> list[dict]:
        """Every enabled rule learned from corrections, and the paragraphs marked as chrome."""
        if self.store is None:
            return []
        from claimdesk.annotations.rules import rules_for_extractor

        return rules_for_extractor(self.store)

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def extract_claims(self) -> None:
        """Extract every article in the background: cached parses first, then the model, in batches."""
        from claimdesk.annotations.extract import Extractor
        from claimdesk.annotations.nlp import DEFAULT_MODEL, ModelNotFound

        worker = get_current_worker()
        articles = list(self.corpus.articles)
        try:
            self.extractor = Extractor(self.model_name or DEFAULT_MODEL, rules=self._extractor_rules())
        except ModelNotFound as error:
            self.call_from_thread(self._extraction_failed, str(error))
            return
        batch: list[str] = []
        last = time.monotonic()
        done = 0
        for _, result in self.extractor.iter_extract(articles):
            if worker.is_cancelled:
                return
            self.session.set_extraction(result)
            batch.append(result.article.id)
            done += 1
            now = time.monotonic()
            if now - last >= UI_BATCH_SECONDS or done == len(articles):
                self.call_from_thread(self._extracted, batch, done, len(articles), self.extractor.parsed)
                batch, last = [], now
        if batch:
            self.call_from_thread(self._extracted, batch, done, len(articles), self.extractor.parsed)

    def _extraction_failed(self, message: str) -> None:
        self.main_screen.query_one("#loading").display = False
        self.extraction_note = "no claims: model not found"
        self._show_status()
        self.notify(message, title="Cannot extract claims", severity="error", timeout=30, markup=False)

    def _extracted(self, article_ids: list[str], done: int, total: int, parsed: int) -> None:
        """Results arrived for ``article_ids``: update their marks, and the open article if it is one."""
        bar = self.main_screen.query_one("#loading", ProgressBar)
        bar.update(total=total, progress=done)
        self.extraction_note = "" if done >= total else f"extracting {done}/{total}" + (
            " (model)" if parsed else "")
        if done >= total:
            bar.display = False
            self.build_suggestions()
        for article_id in article_ids:
            self._update_progress(article_id)
        if self.article is not None and self.article.id in article_ids:
            self._restore_claim()
            if self.selected_claim is None:
                self.selected_claim = self._first_pending(self.article.id)
            self.refresh_article(scroll=True)
        self._show_status()

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def build_suggestions(self) -> None:
        """Rank link partners for every claim (CPU work, off the UI thread)."""
        from claimdesk.annotations.links import SuggestionIndex

        index = SuggestionIndex.build(self.session)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._suggestions_ready, index)

    def _suggestions_ready(self, index) -> None:
        self.suggestions = index
        self.refresh_article()
        # Everything loaded so far lives as long as the app: keep it out of the collector's full
        # passes, which otherwise take ~0.5 s on a large corpus and land on a keypress.
        gc.collect()
        gc.freeze()

    @work(thread=True, exclusive=True, group="suggest-update", exit_on_error=False)
    def update_suggestions(self, article_ids: tuple[str, ...]) -> None:
        """Re-rank after decisions in these articles (off the UI thread; the next call supersedes)."""
        index = self.suggestions
        if index is None:
            return
        if index.update(self.session, list(article_ids)) and not get_current_worker().is_cancelled:
            self.call_from_thread(self.refresh_article)

    def _changed(self, article_ids) -> None:
        """Decisions changed these articles: their marks now; the link suggestions once the reviewer
        pauses (re-ranking is CPU work that would compete with the keys for the interpreter)."""
        ids = tuple(a for a in article_ids if self.session.extracted(a))
        for article_id in ids:
            self._update_progress(article_id)
        if ids and self.suggestions is not None:
            self._suggest_dirty.update(ids)
            if self._suggest_timer is not None:
                self._suggest_timer.stop()
            self._suggest_timer = self.set_timer(SUGGEST_PAUSE_SECONDS, self._rerank)

    def _rerank(self) -> None:
        self._suggest_timer = None
        ids, self._suggest_dirty = tuple(self._suggest_dirty), set()
        if ids:
            self.update_suggestions(ids)

    def _update_progress(self, article_id: str) -> None:
        progress = self.session.progress(article_id)
        self.progress_by_article[article_id] = progress
        self.main_screen.query_one(ArticleList).set_progress(self.session.article(article_id), progress)

    def _restore_claim(self) -> None:
        """Once the article the reviewer left is extracted, select the claim they left on."""
        if not self._restore or self.article is None or not self.session.extracted(self.article.id):
            return
        if self._restore.get("article") == self.article.path:
            claim_id = self._restore.get("claim")
            if claim_id and self.session.claim(self.article.id, claim_id):
                self.selected_claim = claim_id
        self._restore = {}

    # -- showing an article ----------------------------------------------------------------------

    @property
    def reader(self) -> Reader:
        return self.main_screen.query_one(Reader)

    @property
    def text_area(self) -> ArticleText:
        return self.main_screen.query_one(ArticleText)

    @property
    def claims_pane(self) -> ClaimsPane:
        return self.main_screen.query_one(ClaimsPane)

    def _panes_alive(self) -> bool:
        """False while the app shuts down (late messages must not touch removed panes)."""
        return self.main_screen is not None and bool(self.main_screen.query(Reader))

    def on_article_list_chosen(self, message: ArticleList.Chosen) -> None:
        if self._panes_alive():
            self.open_article(message.article.id)

    def open_article(self, article_id: str, claim_id: str | None = None) -> None:
        """Show an article (and select ``claim_id``, or its first pending claim)."""
        if self.session is None:
            return
        article = self.session.article(article_id)
        if self.article is None or article.id != self.article.id:
            self.article = article
            self.selected_entity = None
            self.selected_claim = None
            order = [a.id for a in self.main_screen.query_one(ArticleList).articles]
            position = f"article {order.index(article.id) + 1} of {len(order)}" if article.id in order else ""
            self.reader.show_article(article, position)
            self.main_screen.query_one(ArticleList).go_to(article.id)
            self._restore_claim()
            if self.selected_claim is None:
                self.selected_claim = self._first_pending(article.id)
        if claim_id is not None:
            self.selected_claim = claim_id
        self.refresh_article(scroll=True)
        self._save_position()

    def _first_pending(self, article_id: str) -> str | None:
        """The first pending claim of an extracted article (else its first claim), or None."""
        if not self.session.extracted(article_id):
            return None
        claims = self.session.claims(article_id)
        first = next((c for c in claims if c.status == "pending"), claims[0] if claims else None)
        return first.id if first else None

    def refresh_article(self, scroll: bool = False) -> None:
        """Redraw the open article's highlights, claims pane and detail from the session."""
        if self.article is None or self.session is None:
            return
        aid = self.article.id
        claims = self.session.claims(aid) if self.session.extracted(aid) else []
        entities = self.session.entities(aid) if self.session.extracted(aid) else []
        if self.selected_claim and not any(c.id == self.selected_claim for c in claims):
            self.selected_claim = None
        self.reader.show_annotations(claims, entities, selected_claim=self.selected_claim,
                                     selected_entity=self.selected_entity)
        strong = self.suggestions.strong_claims(aid) if self.suggestions is not None else frozenset()
        strong = frozenset(c.id for c in claims if c.id in strong and c.status != "rejected")  # re-ranking lags
        self.claims_pane.show_claims(claims, selected=self.selected_claim, suggested=strong)
        self._show_detail()
        if self.session.extracted(aid):
            self._update_progress(aid)
        self._show_status()
        if scroll and self.selected_claim:
            claim = self.current_claim
            if claim is not None and not self.text_area.selecting:
                self.text_area.move_to_offset(claim.start)

    def _show_detail(self) -> None:
        claim = self.current_claim
        links = []
        if claim is not None and self.store is not None:
            for link in self.store.links(claim.id):
                other = link["b"] if link["a"]["claim"] == claim.id else link["a"]
                links.append((link["type"], self._describe_claim(other["article"], other["claim"])))
        if (claim, links) != self._detail_shown:
            self._detail_shown = (claim, links)
            self.query_one(ClaimDetail).show_claim(claim, links)

    def _describe_claim(self, article_id: str, claim_id: str) -> str:
        """ "1,166 · AP · 2020-10-31 · title" for a claim in another article (plain text)."""
        if not self._known(article_id):
            return f"a claim in an article not in this corpus ({article_id})"
        article = self.session.article(article_id)
        other = self.session.claim(article_id, claim_id) if self.session.extracted(article_id) else None
        parts = [other.text if other else "?", article.source, article.date, article.title]
        return " · ".join(p for p in parts if p)

    def _known(self, article_id: str) -> bool:
        return self.session is not None and article_id in self.session.corpus_ids

    @property
    def current_claim(self) -> ReviewClaim | None:
        if self.article is None or self.selected_claim is None or self.session is None:
            return None
        return self.session.claim(self.article.id, self.selected_claim)

    @property
    def current_entity(self) -> ReviewEntity | None:
        if self.article is None or self.selected_entity is None or self.session is None:
            return None
        return next((e for e in self.session.entities(self.article.id) if e.id == self.selected_entity), None)

    def on_claims_pane_highlighted(self, message: ClaimsPane.Highlighted) -> None:
        if message.claim.id != self.selected_claim and self._panes_alive():
            self.select_claim(message.claim.id)

    def select_claim(self, claim_id: str | None, *, scroll: bool = True) -> None:
        self.selected_claim = claim_id
        self.refresh_article(scroll=scroll)
        self._save_position()

    # -- positions -------------------------------------------------------------------------------

    def _save_position(self) -> None:
        """Remember where the reviewer is, at most once a second (an fsynced write) and at exit."""
        if self._position_timer is None:
            self._position_timer = self.set_timer(1.0, self._write_position)

    def _write_position(self) -> None:
        self._position_timer = None
        if self.article is not None:
            self.positions.set(self.corpus_path, {"article": self.article.path, "claim": self.selected_claim or ""})

    # -- review actions --------------------------------------------------------------------------

    def _needs(self, what: str) -> bool:
        """Tell the reviewer why an action cannot run now; True when it can."""
        if self.session is None:
            self.notify("The corpus is still loading.", severity="warning", markup=False)
            return False
        if what == "claim" and self.current_claim is None:
            if self.article is not None and not self.session.extracted(self.article.id):
                self.notify("Claims of this article are still being extracted.", markup=False)
            else:
                self.notify("No claim selected: n / p select pending claims.", markup=False)
            return False
        if what == "write" and (self.store is None or self.store.read_only):
            self.notify("Read-only: another session holds this annotation file; nothing was saved.",
                        severity="warning", markup=False)
            return False
        return True

    def _order(self) -> list[str]:
        return [a.id for a in self.main_screen.query_one(ArticleList).articles]

    def action_next_pending(self, step: int = 1) -> bool:
        """Select the next (``step=-1``: previous) pending claim; False (and a message) if there is none."""
        if not self._needs("session"):
            return False
        found = step_pending(self.session, self._order(), self.article.id if self.article else None,
                             self.selected_claim, step)
        if found is None:
            busy = self.session.extracted_count < len(self.session.articles)
            self.notify("Nothing pending in the articles extracted so far." if busy else
                        "Every claim has been reviewed.", markup=False)
            return False
        article_id, claim_id = found
        if self.article is None or article_id != self.article.id:
            self.open_article(article_id, claim_id)
        else:
            self.select_claim(claim_id)
        return True

    def action_previous_pending(self) -> None:
        self.action_next_pending(-1)

    def _decide(self, verb: str) -> None:
        if not (self._needs("claim") and self._needs("write")):
            return
        claim = self.current_claim
        try:
            getattr(self.session, verb)(claim)
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._changed((claim.article,))
        if not self.action_next_pending():  # moving on redraws the article; staying put must too
            self.refresh_article()
        if verb == "reject":
            decided = self.session.claim(claim.article, claim.id)
            if decided is not None:
                self.propose_rule("rejection", decided)

    def action_accept(self) -> None:
        self._decide("accept")

    def action_reject(self) -> None:
        self._decide("reject")

    def action_correct(self) -> None:
        if not (self._needs("claim") and self._needs("write")):
            return
        from .screens.correction_form import CorrectionForm, form_values

        claim = self.current_claim
        draft = self.drafts.get(claim.id)
        values = draft or form_values(claim.fields)
        note = "Your unsaved changes from last time are back." if draft else ""
        title = "Correct claim" if claim.status != "added" else "Edit your claim"

        def done(result: FormResult | None) -> None:
            if result is None:
                return
            if not result.saved:
                if result.values != form_values(claim.fields):
                    self.drafts[claim.id] = result.values
                    self.notify("Correction not saved; e opens it again with what you typed.", markup=False)
                return
            try:
                self.session.correct(claim, result.values)
            except FieldsInvalid as error:
                self.drafts[claim.id] = result.values
                self.notify(str(error), severity="error", markup=False)
                return
            except SessionError as error:
                self.drafts[claim.id] = result.values
                self.notify(str(error), severity="error", markup=False)
                return
            self.drafts.pop(claim.id, None)
            self._changed((claim.article,))
            self.refresh_article()
            saved = self.session.claim(claim.article, claim.id)
            if saved is not None:
                self.propose_rule("correction", saved)

        self.push_screen(CorrectionForm(title, claim.text, claim.sentence, values, note=note), done)

    def action_copy(self) -> None:
        if not self._needs("claim"):
            return
        line = citation(self.current_claim, self.article)
        self.copy_citation(line)

    @work(thread=True, group="clipboard", exit_on_error=False)
    def copy_citation(self, line: str) -> None:
        self.call_from_thread(self.copy_to_clipboard, line)  # OSC 52 (over SSH too)
        problem = system_copy(line)
        message = (f"Copied: {line}" if not problem else
                   f"Copied via the terminal (OSC 52): {line}\nSystem clipboard unavailable here: {problem[:80]}")
        self.call_from_thread(self.notify, message, title="Citation", markup=False)

    def action_cycle_filter(self) -> None:
        pane = self.claims_pane
        pane.filter = FILTERS[(FILTERS.index(pane.filter) + 1) % len(FILTERS)]
        self.refresh_article()
        self.notify(f"Showing {pane.filter} claims", markup=False, timeout=2)

    def action_cycle_order(self) -> None:
        articles = self.main_screen.query_one(ArticleList)
        articles.order = ORDERS[(ORDERS.index(articles.order) + 1) % len(ORDERS)]
        if self.corpus is not None:
            articles.show_articles(self.corpus.articles, selected=self.article.id if self.article else None)

    def action_toggle_articles(self) -> None:
        self.main_screen.toggle_class("-articles-toggled")

    def _history(self, verb: str) -> None:
        if not self._needs("write"):
            return
        try:
            touched = getattr(self.session, verb)()
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        change = self.session.last_change
        if change is not None and any(c.get("table") == "rules" for c in change.changes):
            self.reapply_rules()  # a rule saved, declined, switched or deleted: its effect follows
            self.notify(f"{'Undid' if verb == 'undo' else 'Redid'} a rule change; R lists the rules.",
                        markup=False)
        if not touched:
            if change is None:
                self.notify(f"Nothing to {verb}.", markup=False)
            return
        self._changed(touched)
        if self.article is None or self.article.id not in touched:
            self.open_article(touched[0])
            self.notify(f"{verb.capitalize()}: in “{self.session.article(touched[0]).title}”", markup=False)
        else:
            self.refresh_article()

    @work(thread=True, exclusive=True, group="reextract", exit_on_error=False)
    def reapply_rules(self) -> None:
        """Re-extract (from cached parses) the articles whose results the store's rules now change."""
        if self.extractor is None:
            return
        from claimdesk.annotations.rules import reextract

        changed = reextract(self.session, self.extractor)
        if changed and not get_current_worker().is_cancelled:
            self.call_from_thread(self._rules_reapplied, changed)

    def _rules_reapplied(self, article_ids: list[str]) -> None:
        if not self._panes_alive():
            return
        self._changed(article_ids)
        if self.article is not None and self.article.id in article_ids:
            self.refresh_article()

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    # -- entities and the keyboard selection -----------------------------------------------------

    def _entities(self) -> list[ReviewEntity]:
        if self.article is None or self.session is None or not self.session.extracted(self.article.id):
            return []
        return self.session.entities(self.article.id, visible_only=True)

    def _step_entity(self, step: int) -> None:
        entities = self._entities()
        if not entities:
            self.notify("No entities in this article (yet).", markup=False)
            return
        offset = self.text_area.cursor_offset
        current = self.current_entity
        if step > 0:
            after = [e for e in entities if e.start > (current.start if current else offset - 1)]
            target = after[0] if after else entities[0]
        else:
            before = [e for e in entities if e.start < (current.start if current else offset)]
            target = before[-1] if before else entities[-1]
        self.selected_entity = target.id
        self.text_area.move_to_offset(target.start)
        self.refresh_article()

    def action_next_entity(self) -> None:
        self._step_entity(1)

    def action_previous_entity(self) -> None:
        self._step_entity(-1)

    def action_select(self) -> None:
        if self.article is None:
            return
        area = self.text_area
        area.focus()
        if area.selecting:
            area.stop_selecting()
        else:
            area.start_selecting()
            self.notify("Selecting: move with the arrows; c makes a claim, t an entity, esc cancels.",
                        markup=False, timeout=4)
        self.refresh_bindings()

    def action_cancel_selection(self) -> None:
        if self.text_area.selecting or self.text_area.selected_span[0] != self.text_area.selected_span[1]:
            self.text_area.stop_selecting()
            self.refresh_bindings()

    def _selection(self) -> tuple[int, int] | None:
        start, end = self.text_area.selected_span
        return (start, end) if end > start else None

    def action_make_claim(self) -> None:
        span = self._selection()
        if span is None:
            self.notify("Select the claim's text first: v, then move.", markup=False)
            return
        if not self._needs("write"):
            return
        from .screens.correction_form import CorrectionForm, form_values

        article = self.article
        start, end = span
        key = f"{article.id}:{start}:{end}"
        draft = self.drafts.get(key)
        values = draft or form_values(self.session.draft_claim(article.id, start, end))
        quote = article.text[start:end]

        def done(result: FormResult | None) -> None:
            if result is None or not result.saved:
                if result is not None:
                    self.drafts[key] = result.values
                return
            try:
                claim = self.session.add_claim(article.id, start, end, result.values)
            except SessionError as error:
                self.drafts[key] = result.values
                self.notify(str(error), severity="error", markup=False)
                return
            self.drafts.pop(key, None)
            self.text_area.stop_selecting()
            self.select_claim(claim.id)

        self.push_screen(CorrectionForm("New claim", quote, " ".join(quote.split()), values), done)

    def action_label(self) -> None:
        if self.article is None or self.session is None:
            return
        span = self._selection()
        entity = self.current_entity
        if span is None and entity is None:
            self.notify("Move to an entity with w / b, or select text with v, first.", markup=False)
            return
        if not self._needs("write"):
            return
        from .screens.label_picker import LabelPicker

        article = self.article
        labels = self._labels()

        def done(label: str | None) -> None:
            if not label:
                return
            try:
                if span is not None:
                    changed = self.session.add_entity(article.id, span[0], span[1], label)
                    self.text_area.stop_selecting()
                    self.selected_entity = changed.id
                else:
                    self.session.relabel_entity(entity, label)
                    changed = self.current_entity
            except SessionError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.refresh_article()
            if changed is not None:
                self.propose_rule("relabel", changed, label)

        if span is not None:
            title = f"Label for “{clean_line(article.text[span[0]:span[1]])[:40]}”"
            self.push_screen(LabelPicker(title, labels), done)
        else:
            title = f"Label for “{entity.text[:40]}” (now {entity.label})"
            self.push_screen(LabelPicker(title, labels, current=entity.label), done)

    def _labels(self) -> list[str] | None:
        nlp = getattr(self.extractor, "_nlp", None)
        if nlp is not None and "ner" in nlp.pipe_names:
            return sorted(nlp.get_pipe("ner").labels)
        return None

    def action_remove_entity(self) -> None:
        entity = self.current_entity
        if entity is None:
            self.notify("Move to an entity with w / b first.", markup=False)
            return
        if not self._needs("write"):
            return
        try:
            self.session.remove_entity(entity)
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.selected_entity = None
        self.refresh_article()
        self.notify(f"Removed entity “{entity.text}” ({entity.label}). u undoes.", markup=False, timeout=3)
        self.propose_rule("removal", entity)

    # -- rules learned from corrections ----------------------------------------------------------

    def propose_rule(self, kind: str, *args) -> None:
        """After a correction: propose the rule it suggests and preview it (enter saves, o keeps one)."""
        if self.extractor is None or self.store is None or self.store.read_only:
            return
        from claimdesk.annotations import rules

        propose = {"relabel": rules.propose_for_relabel, "removal": rules.propose_for_removal,
                   "rejection": rules.propose_for_rejection, "correction": rules.propose_for_correction}[kind]
        try:
            proposal = propose(self.session, *args, extractor=self.extractor)
        except (rules.RuleError, ValueError) as error:
            self.notify(f"No rule proposed: {error}", severity="warning", markup=False)
            return
        if proposal is not None:
            from .screens.rule_preview import RulePreviewScreen

            self.push_screen(RulePreviewScreen(self.session, self.extractor, proposal), self.apply_outcome)

    def action_rules(self) -> None:
        if not self._needs("session"):
            return
        if self.extractor is None:
            self.notify("Rules can be previewed once extraction has started.", markup=False)
            return
        from .screens.rules import RulesScreen

        self.push_screen(RulesScreen(self.session, self.extractor), self.apply_outcome)

    def action_boilerplate(self) -> None:
        """Mark the paragraph at the reader's cursor as site chrome, then propose a rule for lines like it."""
        if self.article is None or not self._needs("write") or self.extractor is None:
            return
        from claimdesk.annotations import rules
        from claimdesk.annotations.anchoring import make_selector

        text = self.article.text
        offset = self.text_area.cursor_offset
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        if not text[start:end].strip():
            self.notify("Put the reader's cursor in the paragraph to mark.", markup=False)
            return
        self.store.mark_boilerplate(self.article.id, make_selector(text, start, end))
        rules.reextract(self.session, self.extractor, [self.article.id], force=True)
        self._changed((self.article.id,))
        self.refresh_article()
        self.notify("Paragraph marked as site chrome: its claims and entities are gone. u undoes.", markup=False)
        proposal = rules.propose_for_boilerplate(self.session, self.article.id, start, end)
        if proposal is not None:
            from .screens.rule_preview import RulePreviewScreen

            self.push_screen(RulePreviewScreen(self.session, self.extractor, proposal), self.apply_outcome)

    # -- links across articles ------------------------------------------------------------------

    def action_link(self) -> None:
        if self._needs("claim") and self._needs("write"):
            from .screens.link_picker import LinkPickerScreen

            self.push_screen(LinkPickerScreen(self.session, self.current_claim, self.suggestions), self.apply_outcome)

    def action_unlink(self) -> None:
        if not (self._needs("claim") and self._needs("write")):
            return
        from claimdesk.annotations.links import unlink

        try:
            touched = unlink(self.session, self.current_claim)
        except (SessionError, ValueError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not touched:
            self.notify("This claim has no links.", markup=False)
            return
        self.apply_outcome(Outcome(refresh=touched, message="Unlinked. u undoes."))

    def action_timeline(self) -> None:
        if self._needs("claim"):
            from .screens.timeline import TimelineScreen

            self.push_screen(TimelineScreen(self.session, self.current_claim), self.apply_outcome)

    def action_ledger(self) -> None:
        if self._needs("session"):
            from .screens.ledger import LedgerScreen

            self.push_screen(LedgerScreen(self.session), self.apply_outcome)

    def action_export(self) -> None:
        if not self._needs("session"):
            return
        if self.session.extracted_count < len(self.session.articles):
            self.notify("Claims are still being extracted; the export has the articles done so far.",
                        severity="warning", markup=False)
        from .screens.export_dialog import ExportScreen

        self.push_screen(ExportScreen(self.session), self.apply_outcome)

    def apply_outcome(self, outcome: Outcome | None) -> None:
        """What a dialog did: refresh the articles it changed, jump where it asks, say what happened."""
        if outcome is None:
            return
        if outcome.refresh:
            ids = [a.id for a in self.session.articles] if "*" in outcome.refresh else list(outcome.refresh)
            self.session.refresh(ids)
            self._changed(ids)
        if outcome.jump is not None:
            article_id, claim_id = outcome.jump
            if self._known(article_id):
                self.open_article(article_id, claim_id or None)
        else:
            self.refresh_article()
        if outcome.message:
            self.notify(outcome.message, markup=False)

    # -- search, help ----------------------------------------------------------------------------

    def action_search(self) -> None:
        if not self._needs("session"):
            return
        from .screens.search import SearchScreen

        def done(hit) -> None:
            if hit is None:
                return
            self.open_article(hit.article, hit.claim or None)
            if not hit.claim and hit.end > hit.start:
                self.text_area.focus()
                self.text_area.move_to_offset(hit.start)

        self.push_screen(SearchScreen(self.session), done)

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        """Open the article ``step`` rows away in the list (at once: not on the list's message)."""
        neighbour = self.main_screen.query_one(ArticleList).neighbour(step)
        if neighbour is not None:
            self.open_article(neighbour.id)

    def action_next_article_pending(self) -> None:
        if not self._needs("session"):
            return
        found = next_article_with_pending(self.session, self._order(), self.article.id if self.article else None)
        if found is None:
            self.notify("No other article has pending claims.", markup=False)
        else:
            self.open_article(found)

    def action_show_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Grey out keys that do not apply now in the footer (pressed anyway, they explain why not)."""
        area = self.main_screen.query(ArticleText)
        selecting = bool(area) and area.first().selecting
        if action == "cancel_selection":
            return selecting
        return True

    def on_unmount(self) -> None:
        self._write_position()
