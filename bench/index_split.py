"""Where the time of a corpus index build goes: the syncing process's phases, and reading a file.

``SyncReport.phases`` splits the syncing process's own time (listing, waiting for the files read by
worker processes, comparing, writing rows, FTS5 entries, corpus order and titles, commits; a build
from scratch: its file put in place).
:func:`reading_split` times what a worker does for each file, phase by phase, over a sample of files
read here on one core: reading the file, telling its format, parsing it (by format: plain text,
Markdown, WordPress/JSON, …), sanitising, the chrome patterns, and the rest of the cleaning (credit,
date and URL lines, the title). Cleaning runs the sanitiser and the chrome patterns a second time,
alone, to time them; the rest is what the whole cleaning took besides them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from importlib import import_module
from pathlib import Path

from claimdesk.annotations.corpus import READERS, _format_of, corpus_files, relative_name
from claimdesk.annotations.corpus import draft as drafts
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter
from claimdesk.annotations.corpus.reading import read_head

PHASES = {"list": "list + stat", "read": "reading (waiting for the workers)", "compare": "compare with rows",
          "rows": "rows", "fts": "FTS5", "commit": "commit", "order": "order + titles",
          "place": "sealed, synced, renamed into place"}


def reading_split(folder: Path, sample: int = 2000) -> tuple[dict[str, float], int]:
    """Milliseconds per article of each phase of reading ``sample`` files of ``folder`` (spread over
    the corpus), and the number of articles they held."""
    paths = corpus_files(folder)
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    chrome = BoilerplateFilter()
    for kind in {_format_of(path)[0] for path in chosen}:  # each reader imported before the clock runs
        import_module(f"claimdesk.annotations.corpus.{READERS[kind]}")
    spent: dict[str, float] = defaultdict(float)
    articles = 0
    for path in chosen:
        rel = relative_name(folder, path)
        started = time.perf_counter()
        read_head(path)
        headed = time.perf_counter()
        kind, head = _format_of(path)  # reads the head again: timed apart below
        detected = time.perf_counter()
        spent["file head read"] += headed - started
        spent["format detection"] += (detected - headed) - (headed - started)
        reader = import_module(f"claimdesk.annotations.corpus.{READERS[kind]}")
        found = [d for d in reader.read(path, head, None) if isinstance(d, drafts.Draft)]
        parsed = time.perf_counter()
        spent[f"parsing ({kind})"] += parsed - detected
        for draft in found:
            started = time.perf_counter()
            lines = drafts._lines(draft.paragraphs)
            sanitised = time.perf_counter()
            chrome.chrome_flags(lines)
            matched = time.perf_counter()
            drafts.finish(draft, rel, chrome)
            finished = time.perf_counter()
            spent["sanitising"] += sanitised - started
            spent["chrome patterns"] += matched - sanitised
            spent["credit/date lines, title"] += (finished - matched) - (matched - started)
            articles += 1
    return {name: seconds * 1000 / max(1, articles) for name, seconds in spent.items()}, articles


def print_split(phases: dict[str, float], seconds: float, sync_cpu_ms: float, workers_cpu_ms: float,
                reading: dict[str, float], sampled: int) -> None:
    shown = ", ".join(f"{PHASES.get(k, k)} {v:.2f} s" for k, v in phases.items())
    print(f"    the syncing process ({seconds:.1f} s): {shown}")
    print(f"    CPU per article: {sync_cpu_ms + workers_cpu_ms:.2f} ms = the syncing process {sync_cpu_ms:.2f} "
          f"+ the reading workers {workers_cpu_ms:.2f}")
    total = sum(reading.values())
    parts = ", ".join(f"{name} {ms:.3f}" for name, ms in sorted(reading.items(), key=lambda kv: -kv[1]))
    print(f"    reading a file, one core ({sampled:,} articles sampled): {total:.2f} ms per article = {parts}")
