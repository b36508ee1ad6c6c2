"""A project folder: one corpus reviewed by a team, each reviewer writing their own annotation store.

    PROJECT/
      project.json          the corpus, the reviewers, how articles are dealt (and the deal itself)
      reviewers/alice.json  alice's annotation store (journal, lock, backups beside it), one per reviewer
      gold.json             the editor's adjudicated decisions

Each store keeps its own lock, journal and undo, so two reviewers in one project write at the same time
without ever sharing a file. The learned rules are shared by reading: every reviewer's session applies
the rules any reviewer saved (:mod:`.stores`). ``project.json`` is written atomically and only by
``init``, ``project add`` and when new articles are dealt; its deal is deterministic, so two sessions
that deal the same new articles write the same file.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..atomic_file import AtomicWriteError, atomic_write_bytes
from ..ids import utc_now
from ..sanitize import clean_line
from .assignment import Deal, deal

SCHEMA = "claimdesk.project/1"
PROJECT_FILE = "project.json"
REVIEWERS_DIR = "reviewers"
GOLD_FILE = "gold.json"
GOLD = "gold"  # the name the gold store's decisions are shown under
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class ProjectError(Exception):
    """A project folder that cannot be made or read; the message says why, in one line."""


def check_reviewer(name: str) -> str:
    """A reviewer's name as typed, if it can name a store file: letters, digits, ``_ . -``, at most 40."""
    name = clean_line(name or "")
    if not _NAME.match(name) or name.lower() == GOLD:
        raise ProjectError(f"{name or '(empty)'!s} cannot be a reviewer's name: use letters, digits, _ . - "
                           f"(at most 40, not {GOLD!r})")
    return name


def parse_reviewers(text: str) -> tuple[str, ...]:
    """``"alice,bob,carol"`` → the names, checked, each once."""
    names = tuple(dict.fromkeys(check_reviewer(n.strip()) for n in (text or "").split(",") if n.strip()))
    if not names:
        raise ProjectError("give at least one reviewer: --reviewers alice,bob")
    return names


def is_project(path: str | os.PathLike | None) -> bool:
    """Is ``path`` a project folder (it holds a ``project.json``)?"""
    return path is not None and (Path(path).expanduser() / PROJECT_FILE).is_file()


@dataclass(frozen=True)
class Project:
    """A project as ``project.json`` describes it."""

    root: Path
    corpus: Path
    reviewers: tuple[str, ...]
    deal: Deal
    created: str = ""
    assignment: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # article id → reviewers

    @property
    def name(self) -> str:
        return clean_line(self.root.name)

    @property
    def file(self) -> Path:
        return self.root / PROJECT_FILE

    def store_path(self, reviewer: str) -> Path:
        return self.root / REVIEWERS_DIR / f"{check_reviewer(reviewer)}.json"

    @property
    def gold_path(self) -> Path:
        return self.root / GOLD_FILE

    def reviewer(self, name: str | None) -> str:
        """``name`` if it is one of the project's reviewers; else a ProjectError listing them."""
        if name in self.reviewers:
            return name
        listed = ", ".join(self.reviewers)
        if not name:
            raise ProjectError(f"say who you are: --reviewer NAME (one of {listed})")
        raise ProjectError(f"{clean_line(name)} is not a reviewer of {self.name} ({listed})")

    def assigned(self, reviewer: str) -> frozenset[str]:
        """Ids of the articles dealt to ``reviewer``."""
        return frozenset(a for a, names in self.assignment.items() if reviewer in names)

    def with_articles(self, article_ids) -> Project:
        """The project with every article of ``article_ids`` dealt (those already dealt keep their
        reviewers; new ones are dealt the same deterministic way, continuing the loads)."""
        missing = [a for a in article_ids if a not in self.assignment]
        if not missing:
            return self
        return replace(self, assignment=deal(missing, self.reviewers, self.deal, self.assignment))

    def as_json(self) -> dict:
        corpus = os.path.relpath(self.corpus, self.root) if _inside(self.corpus, self.root) else str(self.corpus)
        return {"schema": SCHEMA, "corpus": corpus, "reviewers": list(self.reviewers), "created": self.created,
                "deal": self.deal.as_json(), "assignment": {a: list(r) for a, r in sorted(self.assignment.items())}}

    def save(self) -> None:
        """Write ``project.json`` atomically."""
        data = json.dumps(self.as_json(), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        try:
            atomic_write_bytes(self.file, data)
        except AtomicWriteError as error:
            raise ProjectError(f"cannot write {self.file}: {error.reason}") from None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def create_project(root: str | os.PathLike, corpus: str | os.PathLike, reviewers: tuple[str, ...],
                   article_ids: list[str], rules: Deal) -> Project:
    """Make the project folder (it must not hold a project yet) with every article dealt."""
    root = Path(root).expanduser().absolute()
    if is_project(root):
        raise ProjectError(f"{clean_line(str(root))} is a project already")
    if root.exists() and not root.is_dir():
        raise ProjectError(f"{clean_line(str(root))} is a file")
    corpus = Path(corpus).expanduser().resolve()
    if _inside(root, corpus) and root.resolve() != corpus:
        raise ProjectError("the project folder cannot be inside the corpus (its files would be read as articles)")
    if root.resolve() == corpus:
        raise ProjectError("the project folder cannot be the corpus folder itself")
    (root / REVIEWERS_DIR).mkdir(parents=True, exist_ok=True)
    project = Project(root, corpus, tuple(reviewers), rules, utc_now(),
                      deal(article_ids, reviewers, rules, {}))
    project.save()
    return project


def load_project(root: str | os.PathLike) -> Project:
    """Read a project folder; a ProjectError says what is wrong with it."""
    root = Path(root).expanduser().absolute()
    file = root / PROJECT_FILE
    try:
        data = json.loads(file.read_text("utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"not a project folder (no {PROJECT_FILE}): {clean_line(str(root))}") from None
    except (OSError, ValueError) as error:
        raise ProjectError(f"cannot read {clean_line(str(file))}: {clean_line(str(error))}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ProjectError(f"{clean_line(str(file))} is not a claimdesk project file ({SCHEMA})")
    try:
        reviewers = tuple(check_reviewer(str(n)) for n in data["reviewers"])
        corpus = Path(str(data["corpus"])).expanduser()
        corpus = (root / corpus).resolve() if not corpus.is_absolute() else corpus
        assignment = {str(a): tuple(str(n) for n in names) for a, names in (data.get("assignment") or {}).items()}
        rules = Deal.from_json(data.get("deal") or {})
    except (KeyError, TypeError, ValueError) as error:
        raise ProjectError(f"{clean_line(str(file))} is damaged: {clean_line(str(error))}") from None
    return Project(root, corpus, reviewers, rules, str(data.get("created", "")), assignment)
