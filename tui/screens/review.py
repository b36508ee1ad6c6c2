"""The review screen: the article list, the reader, the claims and the selected claim's detail, and every
review action (accept, reject, correct, label, link, mark chrome, undo …).

It holds what the reviewer sees and has selected; the :class:`~claimdesk.tui.app.ClaimdeskApp` loads
the corpus and runs the background work, whose results arrive here as typed messages
(:mod:`claimdesk.tui.messages`). Every decision goes through the review session; after a correction,
the rule it suggests comes from :func:`claimdesk.annotations.rules.rule_offer`.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar

from claimdesk.annotations.article import article_id as path_id
from claimdesk.annotations.article_rows import IndexRows
from claimdesk.annotations.chrome_marks import after_history, mark_paragraph
from claimdesk.annotations.citation import citation
from claimdesk.annotations.corpus.marks import paragraph_at
from claimdesk.annotations.navigation import next_article_with_pending, step_pending
from claimdesk.annotations.pipeline import DECIDED, decided_claims, orphans_note
from claimdesk.annotations.reviewed import ReviewClaim, ReviewEntity
from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.search import locate
from claimdesk.annotations.session import FieldsInvalid, ReviewSession, SessionError

from .. import messages
from ..commands import bindings
from ..history import describe_change
from ..outcome import Outcome
from ..unsaved import keep
from ..widgets.article_list import ArticleList
from ..widgets.claim_detail import ClaimDetail
from ..widgets.claims_pane import FILTERS, ClaimsPane
from ..widgets.reader import ArticleText, Reader
from ..widgets.status_bar import StatusBar
from .article_filters import describe_filter

if TYPE_CHECKING:  # every dialog is imported when first opened: a faster first paint
    from claimdesk.annotations.index import CorpusIndex, Filter

    from ..screens.correction_form import FormResult

SUGGEST_PAUSE_SECONDS = 1.5  # re-rank link suggestions this long after the last decision
SUGGEST_MAX_ARTICLES = 20_000  # link suggestions are ranked up front for corpora up to this size (memory)


class ReviewScreen(Screen):
    """Review a corpus: the panes, the selection, and the review actions."""

    BINDINGS = bindings("screen")  # its layout is in review.tcss, beside it (the app loads it)

    def __init__(self) -> None:
        super().__init__(id="review")
        self.session: ReviewSession | None = None
        self.index: CorpusIndex | None = None  # the corpus's index, once open: the list's rows, search, filters
        self.where: Filter | None = None  # the article list's filters (None: every article, no index yet)
        self.article = None  # the open Article
        self.selected_claim: str | None = None
        self.selected_entity: str | None = None
        self.drafts: dict[str, dict] = {}  # what was typed in a cancelled form, by claim id (or span)
        self.reviewed = self.claim_total = 0  # claims reviewed, and claims, over the extracted articles
        self.extraction_note = ""
        self.suggestions = None  # the links' SuggestionIndex, ranked in a worker after extraction
        self._restore: dict = {}  # where the reviewer left this corpus: {"article": path, "claim": id}
        self._restore_read = False
        self._resized = False  # the reader's heading changed height: keep the claim in view once laid out
        self._read_ahead_due = False  # an article was opened: read its neighbours once keys pause
        self._position_timer = None
        self._detail_shown: tuple = ()
        self._suggest_dirty: set[str] = set()
        self._suggest_timer = None
        self.last_search = ""  # the search box opens with it
        self.ledger_sort = "latest"  # the ledger opens in the order it was left in

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
        yield Footer(show_command_palette=False)  # ctrl+p is on the help screen: the room is for the keys

    def on_mount(self) -> None:
        self.show_status("loading…")
        self._fit(self.app.size.width, self.app.size.height)
        self.app.start()

    def on_resize(self, event) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < 100, "-narrow")
        self.set_class(width < 72, "-stacked")
        self.set_class(height < 30, "-short")

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def text_area(self) -> ArticleText:
        return self.query_one(ArticleText)

    @property
    def claims_pane(self) -> ClaimsPane:
        return self.query_one(ClaimsPane)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def _panes_alive(self) -> bool:
        """False while the app shuts down (late messages must not touch removed panes). (``query_one`` is
        cached, where ``query(Reader)`` walked every widget of the screen at every key.)"""
        reader = self.query_one_optional(Reader)
        return self.is_attached and reader is not None and reader.is_attached

    # -- status ----------------------------------------------------------------------------------

    def show_status(self, detail: str | None = None) -> None:
        """The status bar: progress (or ``detail``), reviewer, corpus and annotation file."""
        if detail is None:
            done, total = self.reviewed, self.claim_total
            share = f" ({100 * done // total}%)" if total else ""
            detail = f"{done:,}/{total:,} claims reviewed{share}"
            if self.extraction_note:
                detail += f" · {self.extraction_note}"
        app = self.app
        self.query_one(StatusBar).show_status(corpus=app.corpus_label, db=app.db_label, reviewer=app.reviewer,
                                              detail=detail, alert=app.alert)

    # -- what the app's workers hand over --------------------------------------------------------

    def on_load_progress(self, message: messages.LoadProgress) -> None:
        self.query_one("#loading", ProgressBar).update(total=message.total, progress=message.done)

    def on_corpus_failed(self, message: messages.CorpusFailed) -> None:
        gc.enable()  # starting up is over (``claimdesk review`` turns the collector off for it)
        self.query_one("#loading").display = False
        self.show_status("")
        self.notify(message.reason, title="Cannot load the corpus", severity="error", timeout=30, markup=False)

    def on_index_listed(self, message: messages.IndexListed) -> None:
        """The corpus's index is open (as last synced): list it, and show the highlighted article's text
        while the index is brought up to date and the session built."""
        if not self._panes_alive() or self.session is not None:
            return
        self.index = message.index
        self.relist(self._restored_id())
        self.article_list.focus()
        current = self.article_list.current
        article = self.index.article(current.id) if current is not None else None
        if article is not None:
            self.reader.show_article(article, self._position_label(article.id))

    def list_articles(self, source) -> None:
        """List ``source`` (a small corpus in memory: the first frame, before its index is open)."""
        self.article_list.show(source, selected=self._restored_id())
        self.article_list.focus()

    def _restored_id(self) -> str | None:
        """The article the reviewer left this corpus on (read once), else the highlighted one."""
        if not self._restore_read:
            self._restore_read = True
            self._restore = self.app.positions.get(self.app.position_key)
            if self._restore.get("article"):
                return path_id(self._restore["article"])
        current = self.article_list.current
        return current.id if current is not None else None

    def relist(self, selected: str | None = None) -> None:
        """List the index's articles under the filters (``selected`` highlighted if it is listed)."""
        if self.index is None:
            return
        from claimdesk.annotations.index import Filter  # SQLite: with the index, not for the first frame

        if self.where is None:
            self.where = Filter(assigned=self.app.assigned is not None)
        total = self.index.count() if self.where != Filter() else None
        self.article_list.show(IndexRows(self.index, self.where), selected=selected, total=total,
                               label=describe_filter(self.where, team=self.app.assigned is not None))

    def on_session_ready(self, message: messages.SessionReady) -> None:
        """The review session is built: list the corpus, open the highlighted article and start extracting."""
        if not self._panes_alive():  # quit before the first frame
            return
        self.session = session = message.session
        self.index = session.corpus.index
        self.article_list.progress = dict(message.progress)
        self.reviewed = sum(done for done, _ in message.progress.values())
        self.claim_total = sum(total for _, total in message.progress.values())
        self.relist(self._restored_id())
        self.article_list.focus()
        if message.orphans:
            self.notify(orphans_note(message.orphans) + ".", severity="warning", markup=False, timeout=15)
        if self.article_list.current is not None:
            self.open_article(self.article_list.current.id)
        skipped = session.corpus.skipped
        self.show_status(f"{len(session.articles):,} articles" + (f", {len(skipped):,} files skipped"
                                                                   if skipped else ""))
        if skipped:
            lines = "\n".join(str(s) for s in skipped[:10])
            more = f"\n… and {len(skipped) - 10} more" if len(skipped) > 10 else ""
            self.notify(lines + more, title="Skipped files", severity="warning", timeout=15, markup=False)
        self.query_one("#loading", ProgressBar).update(total=len(session.articles), progress=session.extracted_count)
        gc.enable()  # starting up is over (``claimdesk review`` turns the collector off for it)
        self.call_after_refresh(self.app.extract_claims, session)  # paint first: the worker competes for the GIL

    def on_extraction_failed(self, message: messages.ExtractionFailed) -> None:
        self.query_one("#loading").display = False
        self.extraction_note = "no claims: model not found"
        self.show_status()
        self.notify(message.reason, title="Cannot extract claims", severity="error", timeout=30, markup=False)

    def on_extracted(self, message: messages.Extracted) -> None:
        """Results arrived for some articles: update their marks, and the open article if it is one."""
        if not self._panes_alive():
            return
        bar = self.query_one("#loading", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        finished = message.done >= message.total
        self.extraction_note = "" if finished else f"extracting {message.done}/{message.total}" + (
            " (model)" if message.parsed else "")
        if finished and bar.display:
            bar.display = False
            self._all_extracted()
        for article_id in message.article_ids:
            self._update_progress(article_id)
        if self.article is not None and self.article.id in message.article_ids:
            self._restore_claim()
            if self.selected_claim is None:
                self.selected_claim = self._first_pending(self.article.id)
            self.refresh_article(scroll=True)
        self.show_status()

    def on_suggestions_ready(self, message: messages.SuggestionsReady) -> None:
        self.suggestions = message.index
        self.refresh_article()
        self._freeze_loaded()

    def on_suggestions_updated(self, message: messages.SuggestionsUpdated) -> None:
        self.refresh_article()

    def on_reextracted(self, message: messages.Reextracted) -> None:
        if not self._panes_alive():
            return
        self._changed(message.article_ids)
        if self.article is not None and self.article.id in message.article_ids:
            if self.selected_claim is None:  # (its text changed: nothing was selected in the new one)
                self.selected_claim = self._first_pending(self.article.id)
            self.refresh_article()
        if message.note:
            self.notify(message.note, markup=False)

    def on_citation_copied(self, message: messages.CitationCopied) -> None:
        if message.problem and not self.app.no_system_clipboard:
            self.app.no_system_clipboard = True  # said once; the terminal's copy (OSC 52) is enough from now on
            self.notify(f"{message.line}\nCopied through the terminal (OSC 52); no system clipboard here.",
                        title="Citation copied", markup=False)
        else:
            self.notify(message.line, title="Citation copied", markup=False)

    # -- decisions change articles ---------------------------------------------------------------

    def _changed(self, article_ids) -> None:
        """Decisions changed these articles: their marks now; the link suggestions once the reviewer
        pauses (re-ranking is CPU work that would compete with the keys for the interpreter)."""
        ids = tuple(a for a in article_ids if self.session.extracted(a))
        for article_id in ids:
            self._update_progress(article_id)
        self._decided_in_index(ids)
        if ids and self.suggestions is not None:
            self._suggest_dirty.update(ids)
            if self._suggest_timer is not None:
                self._suggest_timer.stop()
            self._suggest_timer = self.set_timer(SUGGEST_PAUSE_SECONDS, self._rerank)

    def _changed_everywhere(self) -> None:
        """Decisions changed in articles not named: read them all again (the index says what is decided and
        the progress of every article; the open article's progress is the session's)."""
        self.session.refresh()
        self.index.set_decided(decided_claims(self.session.store))
        progress = self.index.review_counts()
        self.article_list.progress = progress
        self.reviewed = sum(done for done, _ in progress.values())
        self.claim_total = sum(total for _, total in progress.values())
        self.article_list.reset(self.article_list.highlighted)
        if self.suggestions is not None:  # (a corpus small enough to rank: re-rank every article)
            self._changed(list(progress))
        elif self.article is not None and self.session.extracted(self.article.id):
            self._update_progress(self.article.id)
        self.show_status()

    def _decided_in_index(self, article_ids) -> None:
        """Tell the index which claims of these articles are decided now (its "pending" filter)."""
        if self.index is None or not article_ids:
            return
        decided, undecided = [], []
        for article_id in article_ids:
            for claim in self.session.claims(article_id):
                (decided if claim.status in DECIDED else undecided).append(claim.id)
        self.index.decide(decided)
        self.index.decide(undecided, decided=False)

    def _rerank(self) -> None:
        self._suggest_timer = None
        ids, self._suggest_dirty = tuple(self._suggest_dirty), set()
        if ids:
            self.app.update_suggestions(self.suggestions, self.session, ids)

    def _update_progress(self, article_id: str) -> None:
        """An article's review progress changed (or is known now): its mark, and the totals."""
        done, total = self.session.progress(article_id)
        was_done, was_total = self.article_list.progress.get(article_id, (0, 0))
        self.reviewed += done - was_done
        self.claim_total += total - was_total
        self.article_list.set_progress(article_id, (done, total))

    def _all_extracted(self) -> None:
        """Every article is extracted: rank link suggestions (for a corpus small enough to rank up front)."""
        count = len(self.session.articles)
        if count <= SUGGEST_MAX_ARTICLES:
            self.app.build_suggestions(self.session)
        else:
            self.notify(f"Link suggestions are ranked up front for corpora of up to {SUGGEST_MAX_ARTICLES:,} "
                        f"articles; this one has {count:,}. l still finds partners by typing.", markup=False,
                        timeout=8)
            self._freeze_loaded()

    def _freeze_loaded(self) -> None:
        """Everything loaded so far lives as long as the app: keep it out of the collector's full passes,
        which otherwise take ~0.5 s on a large corpus and land on a keypress."""
        gc.collect()
        gc.freeze()

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
            self._resized = self.reader.show_article(article, self._position_label(article.id))
            self.article_list.go_to(article.id)
            if not self.session.extracted(article.id):
                self.app.want([article.id])
            self._restore_claim()
            if self.selected_claim is None:
                self.selected_claim = self._first_pending(article.id)
            self._read_ahead_due = True  # (the app reads ahead once keys pause: see read_ahead)
        if claim_id is not None:
            self.selected_claim = claim_id
        self.refresh_article(scroll=True)
        self._save_position()

    def read_ahead(self) -> None:
        """After an article was opened, read what ``]`` and ``[`` will show from the session: the neighbours'
        text, claims and entities, and their link suggestions scored (the claims pane marks the strong ones).
        Those keys then find it at hand (scoring alone was a tenth of a ``]``); what they show is the same.
        The app calls it once keys pause (:meth:`ClaimdeskApp.between_keys`), after the key's repaints."""
        if not self._read_ahead_due or self.session is None or not self._panes_alive():
            return
        self._read_ahead_due = False
        for step in (1, -1):
            neighbour = self.article_list.neighbour(step)
            if neighbour is None or not self._known(neighbour.id):
                continue
            self.session.article(neighbour.id)
            if self.session.extracted(neighbour.id):
                self.session.claims(neighbour.id)
                self.session.entities(neighbour.id)
                if self.suggestions is not None:
                    self.suggestions.strong_claims(neighbour.id)

    def _position_label(self, article_id: str) -> str:
        """ "article 12 of 1,000" (in the list as filtered), or "" when the list does not show it."""
        position = self.article_list.position_of(article_id)
        return "" if position is None else f"article {position + 1:,} of {self.article_list.row_count:,}"

    def on_article_list_shown(self, message: ArticleList.Shown) -> None:
        """Articles on screen are extracted before the rest."""
        if self.session is not None:
            self.app.want([a for a in message.article_ids if not self.session.extracted(a)])

    def _first_pending(self, article_id: str) -> str | None:
        """The first pending claim of an extracted article (else its first claim), or None."""
        if not self.session.extracted(article_id):
            return None
        claims = self.session.claims(article_id)
        first = next((c for c in claims if c.status == "pending"), claims[0] if claims else None)
        return first.id if first else None

    def refresh_article(self, scroll: bool = False) -> None:
        """Redraw the open article's highlights, claims pane and detail from the session."""
        if self.article is None or self.session is None or not self._panes_alive():
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
        self.claims_pane.show_claims(claims, selected=self.selected_claim, suggested=strong,
                                     extracted=self.session.extracted(aid))
        self._show_detail()
        if self.session.extracted(aid):
            self._update_progress(aid)
        self.show_status()
        if scroll and self.selected_claim:
            claim = self.current_claim
            if claim is not None and not self.text_area.selecting:
                self.text_area.move_to_offset(claim.start)
                if self._resized:  # and again once laid out: a heading of another height resizes the text
                    self._resized = False
                    self.call_after_refresh(self._keep_in_view, claim.start)

    def _keep_in_view(self, offset: int) -> None:
        area = self.text_area
        if area.cursor_offset == offset and not area.selecting:
            area.move_to_offset(offset)

    def _show_detail(self) -> None:
        claim = self.current_claim
        links = []
        if claim is not None:
            for link in self.session.links(claim.id):
                other = link.other(claim.id)
                links.append((link.type, self._describe_claim(other.article, other.claim)))
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
            self._position_timer = self.set_timer(1.0, self.write_position)

    def write_position(self, *, wait: bool = False) -> None:
        """Write where the reviewer is: in a thread (an fsynced write would hold up a key under way), or
        at once with ``wait``."""
        self._position_timer = None
        if self.article is not None:
            position = {"article": self.article.path, "claim": self.selected_claim or ""}
            (self.app.remember_position if wait else self.app.save_position)(position)

    def on_unmount(self) -> None:
        self.write_position(wait=True)

    # -- review actions --------------------------------------------------------------------------

    def keep(self, write, *articles: str):
        """Make a write through the session; if the disk cannot take it now, it is kept in memory and
        saved later (see :mod:`claimdesk.tui.unsaved`): the result is then None."""
        return keep(self.app, self.session, write, articles or None)

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
        if what == "write" and self.session.read_only:
            self.notify(f"Nothing was saved: {self.session.read_only_reason}.", severity="warning", markup=False)
            return False
        return True

    def _pending_order(self) -> IndexRows:
        """The listed articles with pending work (or not yet extracted), walked by n, p and N."""
        return IndexRows(self.index, replace(self.where, pending=True))

    def action_next_pending(self, step: int = 1) -> bool:
        """Select the next (``step=-1``: previous) pending claim; False (and a message) if there is none."""
        if not self._needs("session"):
            return False
        found = step_pending(self.session, self._pending_order(), self.article.id if self.article else None,
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
            self.keep(lambda: getattr(self.session, verb)(claim), claim.article)
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._changed((claim.article,))
        if not self.action_next_pending():  # moving on redraws the article; staying put must too
            self.refresh_article()
        if verb == "reject":
            decided = self.session.claim(claim.article, claim.id)
            if decided is not None:
                self.offer_rule("rejection", decided)

    def action_accept(self) -> None:
        self._decide("accept")

    def action_reject(self) -> None:
        self._decide("reject")

    def action_correct(self) -> None:
        if not (self._needs("claim") and self._needs("write")):
            return
        from .correction_form import CorrectionForm, form_values

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
                self.keep(lambda: self.session.correct(claim, result.values), claim.article)
            except (FieldsInvalid, SessionError) as error:
                self.drafts[claim.id] = result.values
                self.notify(str(error), severity="error", markup=False)
                return
            self.drafts.pop(claim.id, None)
            self._changed((claim.article,))
            self.refresh_article()
            saved = self.session.claim(claim.article, claim.id)
            if saved is not None:
                self.offer_rule("correction", saved)

        self.app.push_screen(CorrectionForm(title, claim.text, claim.sentence, values, note=note), done)

    def action_copy(self) -> None:
        """The claim as a citation line: through the terminal (OSC 52, over SSH too), and the system
        clipboard where there is one."""
        if self._needs("claim"):
            line = citation(self.current_claim, self.article)
            self.app.copy_to_clipboard(line)
            if self.app.no_system_clipboard:
                self.post_message(messages.CitationCopied(line, ""))
            else:
                self.app.copy_to_system_clipboard(line)

    def action_cycle_filter(self) -> None:
        pane = self.claims_pane
        pane.filter = FILTERS[(FILTERS.index(pane.filter) + 1) % len(FILTERS)]
        self.refresh_article()
        self.notify(f"Showing {pane.filter} claims", markup=False, timeout=2)

    # -- the article list's filters (index queries) ----------------------------------------------

    def _filter(self, note: str = "", **changes) -> None:
        """List the articles under the filters with ``changes`` made (the open article stays highlighted
        if it is listed), and say ``note``."""
        self.where = replace(self.where, **changes)
        self.relist(self.article.id if self.article is not None else None)
        if note:
            self.notify(f"{note}: {self.article_list.row_count:,} articles.", markup=False, timeout=3)

    def action_pending_only(self) -> None:
        if self._needs("session"):
            pending = not self.where.pending
            self._filter("Articles with pending claims" if pending else "Pending or not", pending=pending)

    def action_contradictions_only(self) -> None:
        """List only the articles holding a claim whose cluster has a contradiction (found in a worker), or all."""
        if not self._needs("session"):
            return
        if self.where.contradictions:
            self._filter("With contradictions or not", contradictions=False)
        else:
            self.app.find_contradictions(self.session)

    def on_contradictions_found(self, message: messages.ContradictionsFound) -> None:
        if self.index is not None and self._panes_alive():
            self.index.set_contradicted(message.article_ids)
            self._filter("Articles with contradicting figures", contradictions=True)

    def action_outlet(self) -> None:
        """Pick the one outlet to list (or every outlet)."""
        if not self._needs("session"):
            return
        from .article_filters import OutletPicker

        def done(choice: tuple[str | None] | None) -> None:
            if choice is not None:
                outlet = choice[0]
                self._filter("Every outlet" if outlet is None else f"Outlet {outlet or '(none named)'}",
                             outlet=outlet)

        self.app.push_screen(OutletPicker(self.index.outlets(), self.where.outlet), done)

    def action_dates(self) -> None:
        """List the articles dated within a range (either end may be open)."""
        if not self._needs("session"):
            return
        from .article_filters import DateRangeScreen

        def done(dates: tuple[str, str] | None) -> None:
            if dates is not None:
                since, until = dates
                self._filter(f"Dated {since or '…'} to {until or '…'}" if since or until else "Any date",
                             since=since or None, until=until or None)

        self.app.push_screen(DateRangeScreen(self.where.since or "", self.where.until or "", self.index.date_range()),
                             done)

    def action_clear_filters(self) -> None:
        if self._needs("session"):
            self._filter("Every article", outlet=None, since=None, until=None, pending=False, contradictions=False)

    def action_toggle_articles(self) -> None:
        """Show or hide the article list (on a narrow screen it opens over the reader, with the focus)."""
        self.toggle_class("-articles-toggled")
        if self.has_class("-narrow"):
            shown = self.has_class("-articles-toggled")
            (self.article_list if shown else self.text_area).focus()

    # -- a team project --------------------------------------------------------------------------

    def action_toggle_mine(self) -> None:
        """List only the articles dealt to this reviewer, or every article."""
        assigned = self.app.assigned
        if assigned is None:
            self.notify("Not a team project: every article is listed.", markup=False)
            return
        if not self._needs("session"):
            return
        mine = not self.where.assigned
        self._filter(assigned=mine)
        self.notify(f"Showing your {len(assigned)} articles." if mine else
                    "Showing every article (m: yours only).", markup=False, timeout=3)

    def action_agreement(self) -> None:
        if self.app.project is None:
            self.notify("Agreement is measured in a team project (claimdesk init).", markup=False)
            return
        if self._needs("session"):
            from .agreement import AgreementScreen

            self.app.push_screen(AgreementScreen(self.app.project, self.session))

    def _history(self, verb: str) -> None:
        if not self._needs("write"):
            return
        try:
            touched = self.keep(getattr(self.session, verb))
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if touched is None:  # done in memory, not yet on disk: which articles it touched is not known
            self._changed_everywhere()
            self.refresh_article()
            self.notify(f"{'Undid' if verb == 'undo' else 'Redid'} the latest action (not saved yet).", markup=False)
            return
        change = self.session.last_change
        if change is None:
            self.notify(f"Nothing to {verb}.", markup=False)
            return
        done = f"{'Undid' if verb == 'undo' else 'Redid'}: {describe_change(change, self.session)}"
        texts = after_history(self.session, change)  # a chrome mark undone or redone: its paragraph back or out
        if texts:
            self.text_changed(texts)
        rules = [c for c in change.changes if c.get("table") == "rules"]
        if touched:
            self._changed(touched)
        if touched and (self.article is None or self.article.id not in touched):
            self.open_article(touched[0])
            done += f" (in “{self.session.article(touched[0]).title}”)"
        else:
            self.refresh_article()
        if not rules:
            self.notify(done, markup=False, timeout=4)
            return
        # a rule saved, declined, switched or deleted: its effect follows, in a worker that says so when done
        acting = any((c.get(side) or {}).get("enabled") for c in rules for side in ("before", "after"))
        self.app.reapply_rules(self.session, note=done + ("; its effect is re-applied" if acting else "")
                               + ". R lists the rules.")

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
        from .correction_form import CorrectionForm, form_values

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
                claim = self.keep(lambda: self.session.add_claim(article.id, start, end, result.values), article.id)
            except SessionError as error:
                self.drafts[key] = result.values
                self.notify(str(error), severity="error", markup=False)
                return
            self.drafts.pop(key, None)
            self.text_area.stop_selecting()
            self.select_claim(claim.id if claim is not None else self.selected_claim)

        self.app.push_screen(CorrectionForm("New claim", quote, " ".join(quote.split()), values), done)

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
        from claimdesk.annotations.nlp import entity_labels

        from .label_picker import LabelPicker

        article = self.article
        labels = entity_labels(self.app.model_name) if self.app.model_name else entity_labels()

        def done(label: str | None) -> None:
            if not label:
                return
            try:
                if span is not None:
                    changed = self.keep(lambda: self.session.add_entity(article.id, span[0], span[1], label),
                                        article.id)
                    self.text_area.stop_selecting()
                    self.selected_entity = changed.id if changed is not None else None
                else:
                    self.keep(lambda: self.session.relabel_entity(entity, label), article.id)
                    changed = self.current_entity
            except SessionError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.refresh_article()
            if changed is not None:
                self.offer_rule("relabel", changed, label)

        if span is not None:
            title = f"Label for “{clean_line(article.text[span[0]:span[1]])[:40]}”"
            self.app.push_screen(LabelPicker(title, labels), done)
        else:
            title = f"Label for “{entity.text[:40]}” (now {entity.label})"
            self.app.push_screen(LabelPicker(title, labels, current=entity.label), done)

    def action_remove_entity(self) -> None:
        entity = self.current_entity
        if entity is None:
            self.notify("Move to an entity with w / b first.", markup=False)
            return
        if not self._needs("write"):
            return
        try:
            self.keep(lambda: self.session.remove_entity(entity), entity.article)
        except SessionError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.selected_entity = None
        self.refresh_article()
        self.notify(f"Removed entity “{entity.text}” ({entity.label}). u undoes.", markup=False, timeout=3)
        self.offer_rule("removal", entity)

    # -- rules learned from corrections ----------------------------------------------------------

    def offer_rule(self, decision: str, *subject) -> None:
        """After a decision: the rule it suggests, previewed (enter saves, o keeps this instance only)."""
        from claimdesk.annotations.rules import rule_offer

        self.show_offer(rule_offer(self.session, decision, *subject))

    def show_offer(self, offer) -> None:
        """A rule offer (:func:`~claimdesk.annotations.rules.rule_offer`): its note, and its proposal previewed."""
        if offer.note:
            self.notify(offer.note, severity="warning", markup=False)
        if offer.proposal is not None:
            from .rule_preview import RulePreviewScreen

            self.app.push_screen(RulePreviewScreen(self.session, self.session.extractor, offer.proposal),
                                 self.apply_outcome)

    def action_rules(self) -> None:
        if not self._needs("session"):
            return
        if self.session.extractor is None:
            self.notify("Rules can be previewed once extraction has started.", markup=False)
            return
        from .rules import RulesScreen

        self.app.push_screen(RulesScreen(self.session, self.session.extractor), self.apply_outcome)

    def action_boilerplate(self) -> None:
        """Mark the paragraph at the reader's cursor as site chrome: it leaves the text (now and at every
        load; u brings it back), its claims and entities go, and a rule for lines like it is proposed."""
        if self.article is None or not self._needs("write") or self.session.extractor is None:
            return
        if self.session.extracted_count < len(self.session.articles):
            self.notify("Claims are still being extracted: mark chrome once they are all in.", markup=False)
            return
        from claimdesk.annotations.rules import rule_offer

        article, offset = self.article, self.text_area.cursor_offset
        start, end = paragraph_at(article.text, offset)
        offer = rule_offer(self.session, "chrome", article.id, start, end) if article.text[start:end].strip() \
            else None  # (proposed while the line is still in the text)
        try:
            self.keep(lambda: mark_paragraph(self.session, article.id, offset), article.id)
        except SessionError as error:
            reason = str(error)
            self.notify(f"{reason[:1].upper()}{reason[1:]}.", markup=False)
            return
        self.text_changed([article.id], start, note="Paragraph marked as site chrome: it is gone from the text, "
                                                    "now and at every load; its claims and entities too. u undoes.")
        if offer is not None:
            self.show_offer(offer)

    def text_changed(self, article_ids: list[str], near: int = 0, *, note: str = "") -> None:
        """These articles' texts changed (a paragraph marked as chrome, or back): show the open one's new
        text (the cursor near ``near``), and extract their claims and entities again, in a worker."""
        if self.article is not None and self.article.id in article_ids:
            self.article = self.session.article(self.article.id)
            self.selected_claim = self.selected_entity = None
            self.reader.show_article(self.article, self.reader.position)
            self.text_area.move_to_offset(min(near, len(self.article.text)))
            self.refresh_article()
        self._changed(article_ids)
        self.app.reapply_rules(self.session, list(article_ids), note=note)

    # -- links across articles ------------------------------------------------------------------

    def action_link(self) -> None:
        if self._needs("claim") and self._needs("write"):
            from .link_picker import LinkPickerScreen

            self.app.push_screen(LinkPickerScreen(self.session, self.current_claim, self.suggestions),
                                 self.apply_outcome)

    def action_unlink(self) -> None:
        if not (self._needs("claim") and self._needs("write")):
            return
        from claimdesk.annotations.links import unlink

        try:
            claim = self.current_claim
            touched = self.keep(lambda: unlink(self.session, claim))
        except (SessionError, ValueError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if touched is None:
            touched = ("*",)  # unlinked in memory, not yet on disk: which articles it touched is not known
        elif not touched:
            self.notify("This claim has no links.", markup=False)
            return
        self.apply_outcome(Outcome(refresh=touched, message="Unlinked. u undoes."))

    def action_timeline(self) -> None:
        if self._needs("claim"):
            from .timeline import TimelineScreen

            self.app.push_screen(TimelineScreen(self.session, self.current_claim), self.apply_outcome)

    def action_ledger(self) -> None:
        if self._needs("session"):
            from .ledger import LedgerScreen

            screen = LedgerScreen(self.session, sort=self.ledger_sort)

            def done(outcome: Outcome | None) -> None:
                self.ledger_sort = screen.sort
                self.apply_outcome(outcome)

            self.app.push_screen(screen, done)

    def action_export(self) -> None:
        if not self._needs("session"):
            return
        if self.session.extracted_count < len(self.session.articles):
            self.notify("Claims are still being extracted; the export has the articles done so far.",
                        severity="warning", markup=False)
        from .export_dialog import ExportScreen

        self.app.push_screen(ExportScreen(self.session), self.apply_outcome)

    def apply_outcome(self, outcome: Outcome | None) -> None:
        """What a dialog did: refresh the articles it changed, jump where it asks, say what happened."""
        if outcome is None:
            return
        if outcome.refresh and "*" in outcome.refresh:
            self._changed_everywhere()
        elif outcome.refresh:
            ids = list(outcome.refresh)
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

    # -- search, articles ------------------------------------------------------------------------

    def action_search(self) -> None:
        if not self._needs("session"):
            return
        from .search import SearchScreen

        screen = SearchScreen(self.index, self.where, self.last_search,
                              within=describe_filter(replace(self.where, assigned=False), team=False))

        def done(hit) -> None:
            self.last_search = screen.query_text
            if hit is None:
                return
            self.open_article(hit.id)
            found = locate(self.session, hit.id, screen.query_text)  # where in the article: a claim, else the words
            if found is not None and found.claim:
                self.select_claim(found.claim)
            elif found is not None:
                self.text_area.focus()
                self.text_area.move_to_offset(found.start)

        self.app.push_screen(screen, done)

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        """Open the article ``step`` rows away in the list (at once: not on the list's message)."""
        neighbour = self.article_list.neighbour(step)
        if neighbour is not None:
            self.open_article(neighbour.id)

    def action_next_article_pending(self) -> None:
        if not self._needs("session"):
            return
        found = next_article_with_pending(self.session, self._pending_order(),
                                          self.article.id if self.article else None)
        if found is None:
            self.notify("No other article has pending claims.", markup=False)
        else:
            self.open_article(found)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """``esc`` (cancel the selection) is shown in the footer only while a keyboard selection is on;
        every other key is always shown and, pressed when it does not apply, says why."""
        if action == "cancel_selection":
            area = self.query(ArticleText)
            return bool(area) and area.first().selecting
        return True

