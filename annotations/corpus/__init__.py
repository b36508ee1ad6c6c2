"""Load a corpus: a folder (searched recursively) of article files, in whatever format they arrive.

``load_corpus(root)`` returns a :class:`Corpus` of cleaned :class:`~claimdesk.annotations.article.Article`
objects and the files it had to skip, each with its reason. Bad files never stop the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Callable

from ..article import Article
from ..sanitize import clean


class CorpusError(Exception):
    """The corpus as a whole cannot be loaded (missing or empty folder)."""


@dataclass(frozen=True)
class Skipped:
    """A file that was not loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    root: Path
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def by_path(self, path: str) -> Article | None:
        return next((a for a in self.articles if a.path == path), None)

    def by_id(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)


def bundled_corpus_path() -> Path:
    """The folder of the five sample articles shipped inside the package."""
    return Path(str(files("claimdesk.annotations").joinpath("sample_corpus")))


ProgressCallback = Callable[[int, int, str], None]  # (done, total, path)


def load_corpus(root: str | Path | None = None, *, progress: ProgressCallback | None = None) -> Corpus:
    """Load every article file below ``root`` (default: the bundled sample corpus)."""
    root = Path(root) if root is not None else bundled_corpus_path()
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {clean(str(root))}")
    paths = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise CorpusError(f"corpus folder is empty: {clean(str(root))}")
    corpus = Corpus(root=root)
    for done, path in enumerate(paths, 1):
        rel = path.relative_to(root).as_posix()
        text = clean(path.read_text("utf-8", errors="replace"))
        lines = [l for l in text.splitlines() if l.strip()]
        corpus.articles.append(Article(path=rel, title=lines[0] if lines else rel, text="\n\n".join(lines[1:])))
        if progress:
            progress(done, len(paths), rel)
    return corpus
