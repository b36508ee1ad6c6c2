"""Extraction on a Dask cluster, driven from the client.

::

    report = extract_on_cluster(corpus_path, "tcp://10.0.0.5:8786", store=store, output="claims/",
                                fmt="parquet", cache="s3://bucket/claimdesk", index=index, progress=report)

The corpus is cut into partitions (:mod:`.partitions`) that the workers read themselves (every worker
must see the corpus at the same path). Each worker loads the model once (:class:`.worker.ExtractorPlugin`),
extracts its partitions through the parse cache (a folder every worker shares, or an fsspec URL) and
writes one part file per partition (:mod:`.output`). A partition whose worker dies is run again by
another one (the scheduler does it; the parse cache makes it cheap); a task that fails is retried
twice. The client shows progress as partitions finish, and stores each result in the corpus index,
so ``claimdesk review`` and ``export`` read them without parsing. ``scheduler="local"`` starts a
:class:`~distributed.LocalCluster` of ``workers`` processes on this machine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from distributed import Client, LocalCluster, as_completed

from ..corpus import Skipped
from ..extract import ArticleExtraction, results_key
from ..extraction.compiled import rules_for_extractor
from ..nlp import DEFAULT_MODEL, model_key
from ..pipeline import chrome_patterns
from .partitions import plan
from .worker import ExtractorPlugin, PartitionResult, extract_partition

ProgressCallback = Callable[[int, int, str], None]  # (partitions done, partitions, what)
RETRIES = 2
PARTITIONS_PER_WORKER = 4  # at least, where the corpus allows: no worker idles while the last ones run


@dataclass
class ClusterReport:
    """What a cluster run did."""

    partitions: int = 0
    articles: int = 0
    claims: int = 0
    entities: int = 0
    parsed: int = 0  # texts the model parsed (the rest came from the parse cache)
    stored: int = 0  # results stored in the corpus index
    parts: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@contextmanager
def connect(scheduler: str, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a LocalCluster of
    ``workers`` single-threaded processes for ``"local"``."""
    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def extract_on_cluster(corpus, client: Client, *, store, model: str | None = None, output: str | None = None,
                       fmt: str = "jsonl", cache: str | None = None, index=None,
                       progress: ProgressCallback | None = None,
                       on_result: Callable[[PartitionResult], None] | None = None) -> ClusterReport:
    """Extract the corpus at ``corpus`` on ``client``'s cluster with ``store``'s rules and chrome lines.
    ``output``: a folder or fsspec URL for the part files (None: none written); ``cache``: the parse
    cache every worker uses (None: none); ``index``: the client's corpus index, where each result is
    stored (or a callable giving it, called when the first result is back: the index can be brought
    up to date while the workers load the model); ``on_result``: called with each partition's
    results, in corpus order."""
    model = model or DEFAULT_MODEL
    rules = rules_for_extractor(store)
    key = results_key(model_key(model), rules)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    partitions = plan(corpus, at_least=PARTITIONS_PER_WORKER * workers)
    report = ClusterReport(partitions=len(partitions))
    client.register_plugin(ExtractorPlugin(model, rules, chrome_patterns(store), cache), name="claimdesk-extractor")
    futures = [client.submit(extract_partition, p, output, fmt, retries=RETRIES, pure=False, key=f"claimdesk-{p.name}")
               for p in partitions]
    waiting: dict[int, PartitionResult] = {}
    next_number = 0
    for done, future in enumerate(as_completed(futures), 1):
        result: PartitionResult = future.result()
        future.release()
        waiting[result.number] = result
        if callable(index):  # the index was being brought up to date while the workers started
            index = index()
        while next_number in waiting:  # in corpus order
            _take(waiting.pop(next_number), report, index, key, on_result)
            next_number += 1
        if progress is not None:
            progress(done, len(partitions), partitions[result.number].name)
    return report


def _take(result: PartitionResult, report: ClusterReport, index, key: str,
          on_result: Callable[[PartitionResult], None] | None) -> None:
    report.articles += len(result.results)
    report.claims += sum(len(r.claims) for r in result.results)
    report.entities += sum(len(r.entities) for r in result.results)
    report.parsed += result.parsed
    report.skipped.extend(result.skipped)
    if result.part:
        report.parts.append(result.part)
    if index is not None:
        report.stored += index.put_extractions(key, result.results)
    if on_result is not None:
        on_result(result)


__all__ = ["ArticleExtraction", "ClusterReport", "connect", "extract_on_cluster"]
