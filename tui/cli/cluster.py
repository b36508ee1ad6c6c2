"""``claimdesk extract --scheduler``: extraction on a Dask cluster (the ``cluster`` extra)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from claimdesk.annotations.corpus import CorpusError
from claimdesk.annotations.nlp import ModelNotFound, default_cache_root
from claimdesk.annotations.sanitize import clean_line

from . import CliError
from .corpus_arg import print_skipped
from .progress import progress_bar

LOCAL_WORKERS = 2
INSTALL = "pip install 'claimdesk[cluster]'"


def _index_or_none(corpus: Path, store):
    """The corpus index, synced; None (said in one line) when it cannot be made."""
    from claimdesk.annotations.pipeline import open_index

    try:
        return open_index(corpus, store)
    except (OSError, sqlite3.Error) as error:
        print(f"claimdesk: the corpus index cannot be made in the cache folder ({clean_line(str(error))}); "
              "the results are not kept for review", file=sys.stderr)
        return None


def run_on_cluster(args: argparse.Namespace, corpus: Path, store, printer) -> int:
    """Extract ``corpus`` on the cluster ``args.scheduler`` names, printing each result with ``printer``
    (in corpus order) and storing it in the corpus index."""
    try:
        from claimdesk.annotations.cluster.run import connect, extract_on_cluster
    except ImportError as error:
        store.close()
        raise CliError(f"--scheduler needs Dask: {INSTALL} ({error.name} is not installed)") from None
    if args.output_format == "parquet":
        try:
            import pyarrow  # noqa: F401 (checked before the run, not after the first partition)
        except ImportError:
            store.close()
            raise CliError(f"--output-format parquet needs pyarrow: {INSTALL}") from None
    cache = None if args.no_cache else (args.parse_cache or str(default_cache_root()))
    workers = args.jobs or LOCAL_WORKERS
    indexing = ThreadPoolExecutor(1)  # the index is brought up to date while the workers start
    index_ready = indexing.submit(_index_or_none, corpus, store)
    try:
        with connect(args.scheduler, workers) as client, progress_bar("Extracting on the cluster") as progress:
            report = extract_on_cluster(
                corpus, client, store=store, model=args.model, output=args.output, fmt=args.output_format,
                cache=cache, index=index_ready.result, progress=progress,
                on_result=lambda part: [printer(result) for result in part.results])
    except (ModelNotFound, CorpusError) as error:
        raise CliError(str(error)) from None
    except OSError as error:  # the scheduler cannot be reached (distributed raises OSError on timeouts)
        raise CliError(f"cannot reach the Dask scheduler {clean_line(args.scheduler)}: "
                       f"{clean_line(str(error))[:200]}") from None
    finally:
        indexing.shutdown()
        index = index_ready.result() if index_ready.exception() is None else None
        if index is not None:
            index.close()
        store.close()
    print_skipped(report.skipped)
    printer.close()
    where = f"; part files in {clean_line(args.output)}" if args.output else ""
    print(f"claimdesk: {report.partitions} partitions, {report.articles} articles ({report.parsed} parsed, the rest "
          f"from the parse cache), {report.stored} results stored in the corpus index{where}", file=sys.stderr)
    return 0
