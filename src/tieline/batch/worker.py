"""What runs on a Dask worker: read one partition, extract, write its Parquet files.

Each worker thread builds the NLP pipeline (an ``Extractor``, ~1.5 s and a few hundred MB)
the first time it needs it and keeps it for every later partition of every later run in
that worker; only the partition's counts travel back to the driver.
"""

from __future__ import annotations

import threading
from pathlib import Path

from tieline.batch.manifest import Done
from tieline.batch.partitions import Partition
from tieline.config import Settings
from tieline.model import Article, Skipped
from tieline.pipeline import Extractor
from tieline.store.parquet import partition_tables, write_partition

# Per thread, not per process: a spaCy pipeline is not safe to share between threads.
_LOCAL = threading.local()


def worker_extractor(settings: Settings) -> tuple[Extractor, dict[str, str]]:
    """This thread's Extractor for ``settings`` and the gazetteer's kinds, built once."""
    cached = getattr(_LOCAL, "extractor", None)
    if cached is None or cached[0] != settings:
        extractor = Extractor(settings)
        kinds = {name: org.kind for name, org in extractor.gazetteer.orgs.items()}
        cached = (settings, extractor, kinds)
        _LOCAL.extractor = cached
    return cached[1], cached[2]


def run_partition(partition: Partition, out: str, settings: Settings) -> Done:
    """Read, extract and write one partition; what was done comes back (runs on a worker)."""
    done = Done(partition.part, partition.key)
    articles = _unique_articles(partition, settings, done)
    extractor, kinds = worker_extractor(settings)
    results = list(extractor.run(articles))
    tables = partition_tables(results, kinds)
    write_partition(Path(out), partition.part, tables)
    done.articles = len(articles)
    done.ties = tables["ties"].num_rows
    return done


def _unique_articles(partition: Partition, settings: Settings, done: Done) -> list[Article]:
    """The partition's articles, first copy of each id; the rest counted on ``done``."""
    articles: list[Article] = []
    seen: set[str] = set()
    for item in partition.read(settings.limits):
        if isinstance(item, Skipped):
            done.skipped.append(item)
        elif item.id in seen:
            done.duplicates += 1
        else:
            seen.add(item.id)
            articles.append(item)
    return articles
