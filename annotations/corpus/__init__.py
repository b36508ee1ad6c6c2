"""Load a corpus: a folder (searched recursively) of article files, in whatever format they arrive.

``load_corpus(root)`` returns a :class:`Corpus` of cleaned :class:`~claimdesk.annotations.article.Article`
objects and the files it had to skip, each with its reason. Formats are told apart by content:
plain-text scrapes, Markdown, WordPress REST JSON, saved HTML pages, JSON Lines (one article a
line) and single JSON records. Bad files never stop the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import islice
from pathlib import Path

from ..article import Article
from ..sanitize import clean_line
from . import detect, plaintext
from .boilerplate import BoilerplateFilter
from .draft import Draft, finish
from .load_cache import LoadCache, stamp
from .reading import STREAMED_SUFFIXES, Unloadable, read_text

__all__ = ["Corpus", "CorpusError", "Skipped", "bundled_corpus_path", "check_corpus", "load_cached_corpus",
           "load_corpus", "load_file"]


class CorpusError(Exception):
    """The corpus as a whole cannot be loaded (missing or empty folder)."""


@dataclass(frozen=True)
class Skipped:
    """A file (or a record in a file) that was not loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    root: Path
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


def bundled_corpus_path() -> Path:
    """The folder of the five sample articles shipped inside the package."""
    return Path(str(files("claimdesk.annotations").joinpath("sample_corpus")))


ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, relative path)


def _drafts_from_json(kind: str, obj: object) -> tuple[list[Draft], list[str]]:
    from .jsonlines import is_record, parse_record
    from .wordpress import is_post, parse_post

    if kind == detect.WORDPRESS:
        return [parse_post(obj)], []
    if kind == detect.JSON_RECORD:
        if is_record(obj):
            return [parse_record(obj)], []
        return [], ["JSON object is not an article (needs 'title' and 'text', or a WordPress post)"]
    drafts, problems = [], []
    for i, item in enumerate(obj, 1):
        if is_post(item) or is_record(item):
            key = str(item.get("id") or i) if isinstance(item, dict) else str(i)
            draft = parse_post(item) if is_post(item) else parse_record(item)
            draft.key = key
            drafts.append(draft)
        else:
            problems.append(f"item {i}: not an article")
    return drafts, problems


def _read_drafts(path: Path) -> tuple[list[Draft], list[str]]:
    """Drafts from one file, and the problems of the file as a whole.

    The parsers of each format load on first need (lxml and markdown-it are slow to import, and a
    corpus read from the load cache needs none of them)."""
    from .jsonlines import parse_lines

    if path.suffix.lower() in STREAMED_SUFFIXES:
        try:
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                return parse_lines(handle)
        except OSError as error:
            raise Unloadable(f"cannot read the file: {error.strerror or error}") from None
    decoded = read_text(path)
    kind, parsed = detect.detect(decoded.text, path.suffix)
    if kind == detect.BAD_JSON:
        raise Unloadable(str(parsed))
    if kind == detect.JSONL:
        drafts, problems = parse_lines(decoded.text.split("\n"))
    elif kind in (detect.WORDPRESS, detect.JSON_RECORD, detect.JSON_LIST):
        drafts, problems = _drafts_from_json(kind, parsed)
    elif kind == detect.HTML:
        from . import htmlpage

        drafts, problems = htmlpage.parse(decoded.text), []
    elif kind == detect.MARKDOWN:
        from . import markdown

        drafts, problems = markdown.parse(decoded.text), []
    else:
        drafts, problems = plaintext.parse(decoded.text), []
    for draft in drafts:
        draft.problems[:0] = decoded.problems
    return drafts, problems


def load_file(path: Path, rel: str, chrome: BoilerplateFilter) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file, and what in it could not be loaded."""
    try:
        drafts, problems = _read_drafts(path)
    except Unloadable as error:
        return [], [Skipped(rel, str(error))]
    skipped = [Skipped(rel, p) for p in problems]
    articles = [finish(d, rel, chrome) for d in drafts]
    if not articles and not skipped:
        skipped.append(Skipped(rel, "no article found in the file"))
    return articles, skipped


def _corpus_files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(".") or part == "__pycache__" for part in rel_parts):
            continue
        if path.is_file() or (path.is_symlink() and not path.exists()):
            yield path


def _relative(root: Path, path: Path) -> str:
    """A file's path in the corpus, as articles and skips name it."""
    return clean_line(path.relative_to(root).as_posix())


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
    """A small corpus (at most ``max_files`` files), every file unchanged since :func:`load_corpus`
    cached it: read straight from the load cache, in milliseconds, so that a screen can show it at
    once. None for anything else (a file not cached or changed, a bigger or missing folder): load it
    with :func:`load_corpus`, which parses and reports progress."""
    root = Path(root).expanduser() if root is not None else bundled_corpus_path()
    if not root.is_dir():
        return None
    paths = list(islice(_corpus_files(root), max_files + 1))
    if not paths or len(paths) > max_files:
        return None
    cache = LoadCache(root, extra_boilerplate, cache_dir)
    corpus = Corpus(root=root)
    for path in paths:
        hit = _cached_file(cache, _relative(root, path), stamp(path))
        if hit is None:
            return None
        corpus.articles.extend(hit[0])
        corpus.skipped.extend(hit[1])
    return corpus


def check_corpus(root: str | Path | None = None) -> Path:
    """The corpus path (default: the bundled sample corpus), checked without reading an article: raises
    :class:`CorpusError` with the message :func:`load_corpus` gives for a missing or empty one."""
    root = Path(root).expanduser() if root is not None else bundled_corpus_path()
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {clean_line(str(root))}")
    if not root.is_dir():
        raise CorpusError(f"not a folder: {clean_line(str(root))} (a corpus is a folder of article files)")
    if next(iter(_corpus_files(root)), None) is None:
        raise CorpusError(f"corpus folder is empty: {clean_line(str(root))}")
    return root


def load_corpus(
    root: str | Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    extra_boilerplate: Iterable[dict] = (),
    use_cache: bool = False,
    cache_dir: str | Path | None = None,
) -> Corpus:
    """Load every article file below ``root`` (default: the bundled sample corpus).

    ``extra_boilerplate`` adds chrome patterns (records as in ``boilerplate.json``), e.g. those a
    reviewer marked. ``use_cache`` reuses the articles of files unchanged since the last load
    (:mod:`.load_cache`). Raises :class:`CorpusError` for a missing folder or one with no files.
    """
    root = check_corpus(root)
    paths = list(_corpus_files(root))
    extra_boilerplate = list(extra_boilerplate)
    chrome = None  # built on first need: a fully cached load never compiles the patterns
    cache = LoadCache(root, extra_boilerplate, cache_dir) if use_cache else None
    corpus = Corpus(root=root)
    for done, path in enumerate(paths, 1):
        rel = _relative(root, path)
        if path.is_symlink() and not path.exists():
            corpus.skipped.append(Skipped(rel, "broken symbolic link"))
        else:
            file_stamp = stamp(path) if cache is not None else None
            hit = _cached_file(cache, rel, file_stamp) if cache is not None else None
            if hit is not None:
                articles, skipped = hit
            else:
                chrome = chrome or BoilerplateFilter(extra=extra_boilerplate)
                articles, skipped = load_file(path, rel, chrome)
                if cache is not None:
                    cache.put(rel, file_stamp, articles, skipped)
            corpus.articles.extend(articles)
            corpus.skipped.extend(skipped)
        if progress:
            progress(done, len(paths), rel)
    if cache is not None:
        cache.save()
    return corpus
