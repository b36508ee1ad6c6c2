"""Load a corpus: a folder (searched recursively) of article files, or one file, in whatever shape.

``load_corpus(path)`` returns a :class:`Corpus` of cleaned :class:`~claimdesk.annotations.article.Article`
objects and what it had to skip, each with its reason; ``iter_corpus(path)`` yields the same one by
one, so that memory does not grow with the corpus (for corpora too big to hold). Formats
are told apart by content (:mod:`.detect`), one module each: plain text (:mod:`.plaintext`),
Markdown (:mod:`.markdown`), saved HTML pages (:mod:`.htmlpage`), JSON documents incl. WordPress posts
and news-API responses (:mod:`.jsondoc`), JSON Lines (:mod:`.jsonlines`), CSV/TSV (:mod:`.delimited`),
RSS/Atom feeds (:mod:`.feed`) and web archives (:mod:`.warc`). Bulk formats (CSV, JSON Lines, web
archives) are streamed. Bad files and bad records never stop the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from importlib.resources import files
from itertools import islice
from pathlib import Path

from ..article import Article
from ..own_files import OwnNames, own_names
from ..sanitize import clean_line
from . import detect
from .boilerplate import BoilerplateFilter
from .load_cache import LoadCache, stamp
from .reading import HEAD_BYTES, Unloadable, describe_binary, file_size, read_head
from .titles import strip_repeated_suffixes

__all__ = ["Corpus", "CorpusError", "Skipped", "bundled_corpus_path", "check_corpus", "iter_corpus",
           "load_cached_corpus", "load_corpus", "load_file"]

# The module that reads each format; imported on first need (lxml, trafilatura, feedparser, warcio and
# markdown-it are slow to import, and a corpus read from the load cache needs none of them).
READERS = {
    detect.PLAINTEXT: "plaintext", detect.MARKDOWN: "markdown", detect.HTML: "htmlpage",
    detect.JSON_DOC: "jsondoc", detect.JSONL: "jsonlines", detect.CSV: "delimited", detect.FEED: "feed",
    detect.WARC: "warc",
}
CACHE_MAX_BYTES = 64 * 1024 * 1024  # a bigger file's articles are not kept in the load cache (one JSON file)


class CorpusError(Exception):
    """The corpus as a whole cannot be loaded: a missing path, an empty folder, a file that is no corpus."""


@dataclass(frozen=True)
class Skipped:
    """A file (or a record in a file) that was not loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    root: Path  # the folder, or the one file, the corpus was loaded from
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    _by_key: dict[str, Article] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: tuple = field(default=(), init=False, repr=False, compare=False)

    def _index(self) -> dict[str, Article]:
        """Articles by id and by path (rebuilt if the article list was replaced or changed length)."""
        state = (id(self.articles), len(self.articles))
        if self._indexed != state:
            self._by_key = {a.path: a for a in self.articles}
            self._by_key.update({a.id: a for a in self.articles})
            self._indexed = state
        return self._by_key

    def by_path(self, path: str) -> Article | None:
        article = self._index().get(path)
        return article if article is not None and article.path == path else None

    def by_id(self, article_id: str) -> Article | None:
        article = self._index().get(article_id)
        return article if article is not None and article.id == article_id else None

    def ids(self) -> frozenset[str]:
        """Every article id."""
        return frozenset(a.id for a in self.articles)

    def replace(self, article: Article) -> None:
        """Put ``article`` in place of the article with its id (its text changed)."""
        self.articles = [article if a.id == article.id else a for a in self.articles]

    def marks_changed(self) -> None:
        """The store's chrome marks changed: nothing to forget here (the marked paragraphs were cut as the
        corpus was read, and :meth:`replace` keeps each text in step; an
        :class:`~claimdesk.annotations.indexed_corpus.IndexedCorpus` reads the marks again)."""


def bundled_corpus_path() -> Path:
    """The folder of the five sample articles shipped inside the package."""
    return Path(str(files("claimdesk.annotations").joinpath("sample_corpus")))


ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, relative path [and % of it])
Meter = Callable[[int], None]  # bytes of the current file read so far


def _format_of(path: Path) -> tuple[str, bytes]:
    """The file's format and first bytes; raises :class:`Unloadable` for a file that is no corpus file."""
    head = read_head(path)
    if not detect.is_warc(head):
        what = describe_binary(head)
        if what is not None:
            raise Unloadable(what)
    try:
        return detect.detect(head, path.suffix, complete=len(head) < HEAD_BYTES), head
    except detect.BadJson as error:
        raise Unloadable(str(error)) from None


def _items(path: Path, rel: str, chrome: BoilerplateFilter, meter: Meter) -> Iterator[Article | Skipped]:
    """The articles and skipped records of one file; raises :class:`Unloadable` when the file as a
    whole cannot be read (possibly after some of its articles)."""
    from .draft import finish  # builds articles from what a reader found: loads with the first file read

    kind, head = _format_of(path)
    reader = import_module(f".{READERS[kind]}", __name__)
    found = False
    for item in reader.read(path, head, meter):
        found = True
        yield Skipped(rel, item) if isinstance(item, str) else finish(item, rel, chrome)
    if not found:
        raise Unloadable("no article found in the file")


def iter_file(path: Path, rel: str, chrome: BoilerplateFilter, meter: Meter = lambda _done: None, *,
              whole_corpus: bool = False) -> Iterator[Article | Skipped]:
    """The articles in one file, one at a time, and what in it could not be loaded. With
    ``whole_corpus`` (the corpus is this one file) a file that cannot be read raises :class:`CorpusError`."""
    if path.is_symlink() and not path.exists():
        yield Skipped(rel, "broken symbolic link")
        return
    try:
        yield from _items(path, rel, chrome, meter)
    except Exception as error:  # incl. a parser's own fault on a hostile file: say so, never stop the corpus
        reason = str(error) if isinstance(error, Unloadable) else \
            f"could not be read ({type(error).__name__}: {clean_line(str(error))[:200]})"
        if whole_corpus:
            raise CorpusError(f"not a corpus: {clean_line(str(path))}: {reason}") from None
        yield Skipped(rel, reason)


def load_file(path: Path, rel: str, chrome: BoilerplateFilter) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file, and what in it could not be loaded."""
    articles, skipped = [], []
    for item in iter_file(path, rel, chrome):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    return articles, skipped


def _walk(folder: str, parts: tuple[str, ...] = (), own: dict[str, OwnNames] | None = None,
          real: str | None = None) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path parts below the corpus, path) of every corpus file below ``folder``, in no order: hidden
    files and folders, ``__pycache__`` and claimdesk's own files and folders (:mod:`..own_files`: its
    data and cache folders, the annotation file and index in use) left out, symbolic links to folders
    not followed, broken symbolic links kept (the loader names them). ``real``: the real path of
    ``folder`` (symbolic links to folders are not followed, so those below it are found by joining)."""
    if own is None:
        own, real = own_names(), os.path.realpath(folder)
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    ours = own.get(real, ())
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__" or entry.name in ours:
            continue
        here = (*parts, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, here, own, os.path.join(real, entry.name))
            elif entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path)):
                yield here, entry.path
        except OSError:
            continue


def _folder_files(root: Path) -> list[Path]:
    """Every file below ``root`` in path order (as ``sorted(rglob)`` orders them; see :func:`_walk`
    for which). Listed with ``os.scandir``: a tenth of the time of ``rglob`` on 100,000 files."""
    return [Path(path) for _, path in sorted(_walk(str(root)))]


def relative_name(root: Path, path: Path) -> str:
    """A file's path in the corpus, as articles and skips name it (a one-file corpus: its name)."""
    if path == root:
        return clean_line(path.name)
    return clean_line(path.relative_to(root).as_posix())


def _resolve(root: str | Path | None) -> Path:
    return Path(root).expanduser() if root is not None else bundled_corpus_path()


def _check_file(root: Path) -> None:
    """Raise :class:`CorpusError` unless ``root`` is a file that can be a corpus (saying what it is)."""
    if not root.is_file():
        raise CorpusError(f"not a corpus: {clean_line(str(root))} is neither a folder nor a file")
    try:
        _format_of(root)
    except Unloadable as error:
        raise CorpusError(f"not a corpus: {clean_line(str(root))}: {error}") from None


def check_corpus(root: str | Path | None = None) -> Path:
    """The corpus path (default: the bundled sample corpus), checked without reading an article:
    raises :class:`CorpusError` with the message :func:`load_corpus` gives for a missing path, an
    empty folder, or a file that cannot be a corpus (its first bytes are read to tell)."""
    root = _resolve(root)
    if root.is_dir():
        if next(_walk(str(root)), None) is None:  # one file is enough to tell
            raise CorpusError(f"corpus folder is empty: {clean_line(str(root))}")
        return root
    if not root.exists():
        raise CorpusError(f"corpus not found: {clean_line(str(root))}")
    _check_file(root)
    return root


def corpus_files(root: Path) -> list[Path]:
    """The files of a corpus: those below a folder, or the one file. Raises :class:`CorpusError` as
    :func:`check_corpus` does."""
    check_corpus(root)
    return list(_folder_files(root)) if root.is_dir() else [root]


def _file_progress(progress: ProgressCallback | None, done: int, total: int, rel: str, size: int) -> Meter:
    if progress is None or size <= 0:
        return lambda _done: None
    return lambda at: progress(done, total, f"{rel} {min(99, 100 * at // size)}%")


def iter_corpus(
    root: str | Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    extra_boilerplate: Iterable[dict] = (),
) -> Iterator[Article | Skipped]:
    """Every article of a corpus (a folder or one file) and every skipped file or record, one at a
    time, in corpus order: memory does not grow with the corpus (bulk files are streamed record by
    record, other files read one at a time). Raises :class:`CorpusError` as
    :func:`load_corpus` does. Titles are as each page states them (the cut of a site name repeated
    across pages needs the whole corpus: :func:`load_corpus` does it)."""
    root = _resolve(root)
    paths = corpus_files(root)
    chrome = BoilerplateFilter(extra=list(extra_boilerplate))
    for done, path in enumerate(paths, 1):
        rel = relative_name(root, path)
        meter = _file_progress(progress, done - 1, len(paths), rel, _size(path))
        yield from iter_file(path, rel, chrome, meter, whole_corpus=path == root)
        if progress:
            progress(done, len(paths), rel)


def _size(path: Path) -> int:
    try:
        return file_size(path)
    except Unloadable:
        return 0


def _cached_file(cache: LoadCache, rel: str,
                 file_stamp: list[int] | None) -> tuple[list[Article], list[Skipped]] | None:
    """The articles and skips of a file unchanged since it was cached, else None."""
    hit = cache.get(rel, file_stamp)
    return None if hit is None else (hit[0], [Skipped(p, r) for p, r in hit[1]])


SMALL_CORPUS_FILES = 200  # read from the cache in well under a frame's worth of time


def load_cached_corpus(
    root: str | Path | None = None,
    *,
    extra_boilerplate: Iterable[dict] = (),
    max_files: int = SMALL_CORPUS_FILES,
    cache_dir: str | Path | None = None,
) -> Corpus | None:
    """A small corpus (at most ``max_files`` files, or one file), every file unchanged since
    :func:`load_corpus` cached it: read straight from the load cache, in milliseconds, so that a
    screen can show it at once. None for anything else (a file not cached or changed, a bigger or
    missing corpus): load it with :func:`load_corpus`, which parses and reports progress."""
    root = _resolve(root)
    if root.is_dir():
        paths = list(islice(_folder_files(root), max_files + 1))
    else:
        paths = [root] if root.is_file() else []
    if not paths or len(paths) > max_files:
        return None
    cache = LoadCache(root, extra_boilerplate, cache_dir)
    corpus = Corpus(root=root)
    for path in paths:
        hit = _cached_file(cache, relative_name(root, path), stamp(path))
        if hit is None:
            return None
        corpus.articles.extend(hit[0])
        corpus.skipped.extend(hit[1])
    corpus.articles = strip_repeated_suffixes(corpus.articles)
    return corpus


def load_corpus(
    root: str | Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    extra_boilerplate: Iterable[dict] = (),
    use_cache: bool = False,
    cache_dir: str | Path | None = None,
) -> Corpus:
    """Load every article of ``root``: a folder (searched recursively) or one file (default: the
    bundled sample corpus).

    ``extra_boilerplate`` adds chrome patterns (records as in ``boilerplate.json``), e.g. those a
    reviewer marked. ``use_cache`` reuses the articles of files unchanged since the last load
    (:mod:`.load_cache`; files over 64 MB are not cached). ``progress(done, total, name)`` is called
    after each file, and while a big file is read with its name and how much of it is done
    ("stories.csv 40%"). Raises :class:`CorpusError` for a missing path, an empty folder, or a file
    that is no corpus (the message says what it is and why it cannot be read).
    """
    root = _resolve(root)
    paths = corpus_files(root)
    extra_boilerplate = list(extra_boilerplate)
    chrome = None  # built on first need: a fully cached load never compiles the patterns
    cache = LoadCache(root, extra_boilerplate, cache_dir) if use_cache else None
    corpus = Corpus(root=root)
    for done, path in enumerate(paths, 1):
        rel = relative_name(root, path)
        file_stamp = stamp(path) if cache is not None else None
        hit = _cached_file(cache, rel, file_stamp) if cache is not None else None
        if hit is not None:
            articles, skipped = hit
        else:
            chrome = chrome or BoilerplateFilter(extra=extra_boilerplate)
            meter = _file_progress(progress, done - 1, len(paths), rel, _size(path))
            articles, skipped = [], []
            for item in iter_file(path, rel, chrome, meter, whole_corpus=path == root):
                (skipped if isinstance(item, Skipped) else articles).append(item)
            if cache is not None and file_stamp is not None and file_stamp[0] <= CACHE_MAX_BYTES:
                cache.put(rel, file_stamp, articles, skipped)
        corpus.articles.extend(articles)
        corpus.skipped.extend(skipped)
        if progress:
            progress(done, len(paths), rel)
    if cache is not None:
        cache.save()
    corpus.articles = strip_repeated_suffixes(corpus.articles)
    return corpus
