"""Export a review session in the formats reviewers hand their work to, and import it back.

    from claimdesk.annotations.export import export, FORMATS

    result = export(session, "jsonl", "review.jsonl", statuses=("accepted", "corrected", "added"))
    print(result.claims, result.path, result.warnings)

Formats (one module each; the mapping of every field is in docs/export.md): ``jsonl`` (our own
lossless schema), ``csv``, ``prodigy``, ``spacy`` (a DocBin), ``w3c`` (Web Annotation JSON-LD),
``claimreview`` (schema.org JSON-LD) and ``brat`` (a folder of standoff files). Files and folders
are written atomically: an export that fails or is cancelled leaves no half-written file or folder.
:mod:`.importing` reads our ``jsonl`` and Prodigy JSONL back into a store.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .records import (
    CLAIM_LABEL,
    REVIEWED_STATUSES,
    SCHEMA,
    ExportCancelled,
    ExportData,
    ProgressCallback,
    build,
    iter_records,
    parse_statuses,
)


@dataclass(frozen=True)
class ExportFormat:
    name: str
    title: str  # one line, for the CLI help and the export dialog
    default_name: str  # file (or folder) name in the current directory
    output: str  # text | binary | folder
    module: str  # the module under claimdesk.annotations.export with write(data, out, progress)
    documents: bool = False  # needs each article's current entities (whole-document formats)
    streams: bool = False  # the module also has write_stream(data, records, out, progress): bounded memory
    entities: bool = True  # writes entity records (csv: claims only)

    def writer(self):
        if self.streams:
            return importlib.import_module(f"{__name__}.{self.module}").write_stream
        return importlib.import_module(f"{__name__}.{self.module}").write


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("jsonl", "JSON Lines: every field, re-importable",
                 "claimdesk-export.jsonl", "text", "jsonl", streams=True),
    ExportFormat("csv", "CSV: one row per claim, spreadsheet-safe", "claimdesk-export.csv", "text", "csvfile",
                 streams=True, entities=False),
    ExportFormat("prodigy", "Prodigy JSONL tasks", "claimdesk-prodigy.jsonl", "text", "prodigy"),
    ExportFormat("spacy", "spaCy DocBin (.spacy) for spacy train", "claimdesk-export.spacy", "binary", "docbin",
                 documents=True),
    ExportFormat("w3c", "W3C Web Annotation JSON-LD", "claimdesk-annotations.jsonld", "text", "w3c"),
    ExportFormat("claimreview", "schema.org ClaimReview JSON-LD", "claimdesk-claimreview.jsonld", "text",
                 "claimreview"),
    ExportFormat("brat", "brat standoff (.txt + .ann) in a folder", "claimdesk-brat", "folder", "brat",
                 documents=True),
)}


@dataclass
class ExportResult:
    format: str
    path: str  # the file or folder written ("-" for a stream)
    claims: int
    entities: int
    articles: int
    warnings: list[str] = field(default_factory=list)


def export(session, fmt: str, destination: str | os.PathLike | IO, *, statuses: Iterable[str] = REVIEWED_STATUSES,
           progress: ProgressCallback | None = None, parses=None) -> ExportResult:
    """Write ``session``'s claims with one of ``statuses`` (and the entity records that go with them) in
    format ``fmt`` to ``destination``: a path (a folder for ``brat``) or an open stream (text formats:
    a text stream; ``spacy``: a binary one). ``progress(done, total, what)`` may raise
    :class:`ExportCancelled` to stop; nothing is written then. ``parses``: the
    :class:`~claimdesk.annotations.nlp.ParseCache` the session was extracted from (``extractor.cache``):
    the ``spacy`` format reads each article's tokens from it instead of tokenising the article again."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}") from None
    with _collector_paused():
        return _export(session, spec, destination, statuses, progress, parses)


def _export(session, spec: ExportFormat, destination, statuses, progress, parses) -> ExportResult:
    if spec.streams:  # records made article by article while the file is written
        data = ExportData(statuses=parse_statuses(statuses), corpus=str(session.corpus.root))
        records = iter_records(session, data, progress, entities=spec.entities, keep=False)
        stream = spec.writer()

        def write(data, out, progress):
            return stream(data, records, out, progress)
    else:
        data = build(session, statuses, progress, documents=spec.documents)
        write = spec.writer()
    data.parses = parses
    if isinstance(destination, (str, os.PathLike)):
        path = Path(destination).expanduser()
        if spec.output == "folder":
            if path.exists() and not path.is_dir():
                raise ValueError(f"{path} is a file; brat export writes a folder")
            warnings = _write_folder(path, lambda folder: write(data, folder, progress))
        else:
            warnings = _write_file(path, spec.output == "binary", lambda out: write(data, out, progress))
        shown = str(path)
    else:
        if spec.output == "folder":
            raise ValueError("brat export writes a folder: give a path")
        warnings = write(data, destination, progress)
        shown = "-"
    return ExportResult(spec.name, shown, data.counted["claims"], data.counted["entities"], len(data.articles),
                        data.warnings + warnings)


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off for the export: it makes hundreds of thousands of short-lived,
    acyclic objects, and every collection they set off would walk the session's long-lived ones (the
    corpus, its extraction, the store) again — a fifth of the time of a large export."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _temporary(beside: Path, name: str) -> Path:
    return beside / f".{name}.{secrets.token_hex(4)}.tmp"


def _write_file(path: Path, binary: bool, write) -> list[str]:
    """Write through a temporary file beside ``path``, renamed over it only when complete. The file keeps
    the mode of the one it replaces (a private 0600 file stays private); a new one gets the user's umask."""
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    temp = _temporary(path.parent, path.name)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
    try:
        with open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="") as out:
            warnings = write(out)
            out.flush()
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return warnings


def _write_folder(path: Path, write) -> list[str]:
    """Fill a temporary folder, then put it in place only when complete: renamed to ``path``, or, when
    ``path`` is an existing folder, its files moved into it (same names replaced, other files left
    alone). Files are not fsynced one by one (thousands of them would take seconds): a failed or
    cancelled export leaves nothing behind, but the folder is only as durable as the system's next
    write-back."""
    exists = path.is_dir()
    if not exists:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temporary(path if exists else path.parent, path.name)  # on the destination's file system
    os.mkdir(temp)
    try:
        warnings = write(temp)
        if exists:
            entries = sorted(os.listdir(temp))
            for entry in entries:  # check every name first: a failure half-way would leave a mix
                if (path / entry).is_dir() and not (path / entry).is_symlink():
                    raise IsADirectoryError(f"{path / entry} is a folder where the export writes a file; "
                                            "nothing was written")
            for entry in entries:
                os.replace(temp / entry, path / entry)
            temp.rmdir()
        else:
            os.replace(temp, path)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return warnings


__all__ = [
    "CLAIM_LABEL",
    "FORMATS",
    "REVIEWED_STATUSES",
    "SCHEMA",
    "ExportCancelled",
    "ExportData",
    "ExportFormat",
    "ExportResult",
    "build",
    "export",
    "parse_statuses",
]
