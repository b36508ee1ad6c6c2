"""What runs on a Dask worker: a plugin that loads the model once, and the task that extracts a partition.

:class:`ExtractorPlugin` is registered with the cluster once; each worker builds its
:class:`~claimdesk.annotations.extract.Extractor` (model, learned rules, parse cache) when it starts,
or when it joins later, so no task loads the model. :func:`extract_partition` reads one partition of
the corpus, extracts it (the parse cache first: a retried partition costs little), writes its claims
and entities as one part file, and hands the results back to the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from distributed import WorkerPlugin, get_worker

from ..article import Article
from ..corpus import Skipped
from ..corpus.boilerplate import BoilerplateFilter
from ..extract import ArticleExtraction, Extractor
from .cache import RemoteParseCache, is_url
from .output import write_part
from .partitions import Partition, read_partition

PLUGIN = "claimdesk-extractor"


class ExtractorPlugin(WorkerPlugin):
    """Loads the model once per worker, with the rules and the chrome lines of the run."""

    name = PLUGIN

    def __init__(self, model: str, rules: list[dict], chrome: list[dict], cache: str | None):
        self.model, self.rules, self.chrome, self.cache = model, rules, chrome, cache
        self.extractor: Extractor | None = None
        self.boilerplate: BoilerplateFilter | None = None

    def setup(self, worker) -> None:
        local = self.cache if self.cache is not None and not is_url(self.cache) else None
        extractor = Extractor(self.model, rules=self.rules, cache_dir=local, use_cache=self.cache is not None)
        if self.cache is not None and is_url(self.cache):
            extractor.cache = RemoteParseCache(self.model, self.cache)
        extractor.nlp  # noqa: B018 (the model loads here, once per worker, not in a task)
        self.extractor = extractor
        self.boilerplate = BoilerplateFilter(extra=self.chrome)


@dataclass
class PartitionResult:
    """What a task hands back: the partition's extraction results in corpus order, and its skips."""

    number: int
    results: list[ArticleExtraction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    parsed: int = 0  # texts the model parsed (the others came from the parse cache)
    part: str = ""  # the part file written ("" when none)


def extract_partition(partition: Partition, output: str | None, fmt: str) -> PartitionResult:
    """Extract one partition on this worker (its plugin's extractor); write its part file to ``output``."""
    plugin: ExtractorPlugin = get_worker().plugins[PLUGIN]
    extractor = plugin.extractor
    articles: list[Article] = []
    done = PartitionResult(partition.number)
    for item in read_partition(partition, plugin.boilerplate):
        (done.skipped if isinstance(item, Skipped) else articles).append(item)
    before = extractor.parsed
    done.results = extractor.extract(articles)
    done.parsed = extractor.parsed - before
    if output is not None:
        done.part = write_part(output, partition.name, done.results, fmt)
    return done

