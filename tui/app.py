"""The claimdesk review app: wiring of widgets, the command table, and background loading."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, ProgressBar
from textual.worker import get_current_worker

from claimdesk.annotations.corpus import Corpus, CorpusError, bundled_corpus_path, load_corpus
from claimdesk.annotations.sanitize import clean_line

from .commands import CommandsProvider, bindings
from .screens.help import HelpScreen
from .widgets.article_list import ArticleList
from .widgets.reader import Reader
from .widgets.status_bar import StatusBar


def home_relative(path: Path) -> str:
    """A path for display: absolute, with ~ for the home folder, sanitised."""
    home = str(Path.home())
    text = str(Path(path).expanduser().resolve())
    return clean_line("~" + text[len(home):] if text.startswith(home + "/") else text)


class ClaimdeskApp(App[int]):
    """Browse a corpus: the article list beside the reader."""

    TITLE = "claimdesk"
    CSS_PATH = ["app.tcss", "widgets/article_list.tcss", "widgets/reader.tcss", "widgets/status_bar.tcss"]
    BINDINGS = bindings()
    COMMANDS = App.COMMANDS | {CommandsProvider}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, corpus: Path | None = None, *, store=None, reviewer: str | None = None) -> None:
        """``store``: an open annotation store (``claimdesk.annotations.store``); None browses only."""
        super().__init__()
        self.corpus_path = Path(corpus) if corpus else bundled_corpus_path()
        self.store = store
        self.reviewer = clean_line(reviewer or (store.reviewer if store else "") or "reviewer")
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield ProgressBar(id="loading", show_eta=False)
        with Horizontal(id="main"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        self._show_status("loading…")
        if self.store is not None and self.store.read_only:
            self.notify("Another session is writing this annotation file; it is open read-only here.",
                        title="Read-only", severity="warning", timeout=15, markup=False)
        self._fit(self.size.width)
        self.load_articles()

    def on_resize(self, event) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.screen.set_class(width < 100, "-narrow")
        self.screen.set_class(width < 60, "-stacked")

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

    def _show_status(self, detail: str = "") -> None:
        self.query_one(StatusBar).show_status(
            corpus=self.corpus_label,
            db=self.db_label,
            reviewer=self.reviewer,
            detail=detail,
        )

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_articles(self) -> None:
        worker = get_current_worker()
        bar = self.query_one("#loading", ProgressBar)

        def progress(done: int, total: int, _path: str) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(bar.update, total=total, progress=done)

        try:
            corpus = load_corpus(self.corpus_path, progress=progress)
        except CorpusError as error:
            self.call_from_thread(self._corpus_failed, str(error))
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._corpus_loaded, corpus)

    def _corpus_failed(self, message: str) -> None:
        self.query_one("#loading").display = False
        self._show_status("")
        self.notify(message, title="Cannot load the corpus", severity="error", timeout=30, markup=False)

    def _corpus_loaded(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.query_one("#loading").display = False
        self._show_status(f"{len(corpus.articles)} articles" + (f", {len(corpus.skipped)} files skipped" if corpus.skipped else ""))
        self.query_one(ArticleList).show_articles(corpus.articles)
        self.query_one(ArticleList).focus()
        if corpus.skipped:
            lines = "\n".join(str(s) for s in corpus.skipped[:10])
            more = f"\n… and {len(corpus.skipped) - 10} more" if len(corpus.skipped) > 10 else ""
            self.notify(lines + more, title="Skipped files", severity="warning", timeout=15, markup=False)

    def on_article_list_chosen(self, message: ArticleList.Chosen) -> None:
        self.query_one(Reader).show_article(message.article)

    def action_next_article(self) -> None:
        self.query_one(ArticleList).move(+1)

    def action_previous_article(self) -> None:
        self.query_one(ArticleList).move(-1)

    def action_show_help(self) -> None:
        self.push_screen(HelpScreen())
