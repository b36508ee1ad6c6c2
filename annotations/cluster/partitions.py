"""A corpus cut into partitions that workers read on their own, and reading one partition.

* a folder: its files, a few dozen per partition (:data:`FILES_PER_PARTITION`);
* a JSON Lines file: byte ranges cut at line starts, each with the number of its first line, so the
  records get the paths (``file.jsonl#12`` or their ids) a whole read gives them;
* a CSV/TSV table: byte ranges cut at row starts, found by one quick read of the table on the client
  (a quoted field may hold newlines); each part is read with the table's header line, numbering its
  rows and lines as a whole read does. A table whose quoting breaks a row, or with line ends other
  than LF/CRLF, is one partition;
* a web archive: byte ranges cut at record starts (each part counts its own records that are not
  article pages, so the skip lines are one per part);
* any other single file (a feed, a JSON document): one partition.

Every worker must see the corpus at the same path (a shared folder; a LocalCluster does). A record id
repeated in two partitions of a JSON Lines file keeps its id in both (a whole read gives the second
``id-line``): such a record's result is then not taken into the corpus index, and is extracted
again, from the parse cache, when the corpus is reviewed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..article import Article
from ..corpus import Skipped, check_corpus, corpus_files, detect, iter_file, relative_name, warc
from ..corpus.boilerplate import BoilerplateFilter
from ..corpus.delimited import delimiter_of, read_rows, row_starts
from ..corpus.draft import Draft, finish
from ..corpus.jsonlines import parse_lines
from ..corpus.reading import read_head, stream_encoding
from ..corpus.records import field_map
from ..corpus.warc import record_offsets

FILES_PER_PARTITION = 25
PARTITION_BYTES = 4 * 1024 * 1024  # of a JSON Lines file or a table (about 500 articles)
MIN_PARTITION_BYTES = 64 * 1024
# Encodings in which a newline byte is always a line end: a file in another (UTF-16) is not cut.
CUTTABLE = {"utf-8", "utf-8-sig", "cp1252", "latin-1", "iso-8859-1", "ascii"}


@dataclass(frozen=True)
class Partition:
    """What one task reads: some files of a folder, or a byte range of one file."""

    number: int
    files: tuple[tuple[str, str], ...] = ()  # (path, name in the corpus) of whole files
    path: str = ""  # a byte range of this file …
    rel: str = ""
    kind: str = ""  # … a JSON Lines file (detect.JSONL) or a table (detect.CSV)
    start: int = 0
    end: int = 0  # a web archive's part: the number of its records (0: to the end)
    first_line: int = 1
    first_row: int = 2  # of a table (its header is row 1)
    whole_corpus: bool = False  # the corpus is this one file

    @property
    def name(self) -> str:
        return f"part-{self.number:05d}"


def plan(root: str | Path | None, *, files_per_partition: int | None = None,
         partition_bytes: int | None = None, at_least: int = 1) -> list[Partition]:
    """The partitions of the corpus at ``root``, in corpus order (sizes: :data:`FILES_PER_PARTITION`,
    :data:`PARTITION_BYTES`, smaller to make ``at_least`` partitions where the corpus allows: a
    small corpus still keeps every worker busy to the end). Raises
    :class:`~claimdesk.annotations.corpus.CorpusError` as loading does."""
    root = check_corpus(root)
    paths = corpus_files(root)
    files_per_partition = files_per_partition or min(FILES_PER_PARTITION, max(1, -(-len(paths) // at_least)))
    if partition_bytes is None:
        size = root.stat().st_size if root.is_file() else 0
        partition_bytes = min(PARTITION_BYTES, max(MIN_PARTITION_BYTES, size // at_least))
    if root.is_dir():
        files = [(str(p), relative_name(root, p)) for p in paths]
        return [Partition(n, files=tuple(files[i:i + files_per_partition]))
                for n, i in enumerate(range(0, len(files), files_per_partition))]
    head = read_head(root)
    rel = relative_name(root, root)
    size = root.stat().st_size
    kind = detect.detect(head, root.suffix, complete=len(head) < size)
    encoding = stream_encoding(head)[0]
    whole = [Partition(0, files=((str(root), rel),), whole_corpus=True)]
    if kind == detect.WARC and size > partition_bytes:
        cuts = record_offsets(root, partition_bytes)
        counts = [later - number for (_, number), (_, later) in pairwise(cuts)] + [0]
        return [Partition(n, path=str(root), rel=rel, kind=kind, start=start, end=count, whole_corpus=True)
                for n, ((start, _), count) in enumerate(zip(cuts, counts, strict=True))] or whole
    if kind not in (detect.JSONL, detect.CSV) or encoding not in CUTTABLE or size <= partition_bytes:
        return whole
    if kind == detect.JSONL:
        return [Partition(n, path=str(root), rel=rel, kind=kind, start=start, end=end, first_line=line,
                          whole_corpus=True)
                for n, (start, end, line) in enumerate(_line_ranges(root, size, partition_bytes))]
    cuts = row_starts(root, encoding, partition_bytes) if _has_text_column(head, encoding) else None
    if not cuts:
        return whole
    ends = [start for start, _, _ in cuts[1:]] + [size]
    return [Partition(n, path=str(root), rel=rel, kind=kind, start=start, end=end, first_line=line, first_row=row,
                      whole_corpus=True)
            for n, ((start, row, line), end) in enumerate(zip(cuts, ends, strict=True))]


def _has_text_column(head: bytes, encoding: str) -> bool:
    """Does the table's header name a text column? (Else it is read whole, to say what it lacks.)"""
    first = head.split(b"\n", 1)[0].decode(encoding, "replace").lstrip("\ufeff").rstrip("\r")
    fields = field_map(next(csv.reader([first], delimiter=delimiter_of(first) or ","), []))
    return "text" in fields or "summary" in fields


def _line_ranges(path: Path, size: int, step: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, number of the first line) of byte ranges of about ``step`` bytes, cut after a newline."""
    start, line = 0, 1
    with path.open("rb") as handle:
        while start < size:
            handle.seek(min(size, start + step))
            handle.readline()  # to the end of the line the cut falls in
            end = min(size, handle.tell())
            handle.seek(start)
            line_count = sum(chunk.count(b"\n") for chunk in _chunks(handle, end - start))
            yield start, end, line
            start, line = end, line + line_count


def _chunks(handle, length: int, size: int = 1 << 20) -> Iterator[bytes]:
    while length > 0:
        chunk = handle.read(min(size, length))
        if not chunk:
            return
        length -= len(chunk)
        yield chunk


def read_partition(partition: Partition, chrome: BoilerplateFilter) -> Iterator[Article | Skipped]:
    """The articles of a partition, and what in it could not be loaded, as a whole read gives them."""
    for path, rel in partition.files:
        yield from iter_file(Path(path), rel, chrome, whole_corpus=partition.whole_corpus)
    if not partition.path:
        return
    path = Path(partition.path)
    if partition.kind == detect.WARC:
        for item in warc.read(path, b"", span=(partition.start, partition.end or None)):
            yield finish(item, partition.rel, chrome) if isinstance(item, Draft) else Skipped(partition.rel, item)
        return
    encoding, notes = stream_encoding(read_head(path))
    with path.open("rb") as handle:
        header = handle.readline() if partition.kind == detect.CSV else b""
        handle.seek(partition.start)
        data = handle.read(partition.end - partition.start)
    if partition.start == 0 and encoding == "utf-8-sig":
        data = data.removeprefix(b"\xef\xbb\xbf")
    text = data.decode(encoding.replace("-sig", ""), errors="replace")
    if partition.kind == detect.CSV:
        stream = io.StringIO(header.decode(encoding, errors="replace") + text, newline="")
        items = read_rows(stream, notes, first_row=partition.first_row, first_line=partition.first_line)
    else:
        items = parse_lines(io.StringIO(text, newline=None), first_line=partition.first_line)
    for item in items:
        if isinstance(item, Draft):
            if partition.kind == detect.JSONL:  # a table's rows carry the notes already
                item.problems[:0] = notes
            yield finish(item, partition.rel, chrome)
        else:
            yield Skipped(partition.rel, item)
