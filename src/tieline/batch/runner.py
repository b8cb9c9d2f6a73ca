"""Batch extraction on Dask distributed: inputs -> partitions -> Parquet, resumable.

The driver plans partitions lazily (see ``partitions``), skips those the manifest says
are done, and keeps only a bounded window of tasks in flight, so its memory does not
grow with the corpus. Workers read, extract and write; the driver records each finished
partition in the manifest. Killing a run loses at most the partitions in flight.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from tieline.batch.manifest import BatchError, Done, Manifest, folder_lock
from tieline.batch.partitions import Partition, digest, plan
from tieline.batch.worker import run_partition
from tieline.config import Settings, load_settings
from tieline.model import Skipped
from tieline.store.parquet import remove_partials

DEFAULT_PARTITION_SIZE = 500  # ~10-20 s of NLP per partition on one core: small loss on a kill


@dataclass(slots=True)
class BatchReport:
    """The closing summary of a batch run (resumed partitions included)."""

    out: Path
    partitions: int = 0  # completed, this run or an earlier one
    resumed: int = 0  # of which found complete from an earlier run
    planned: int | None = None  # known once the whole input has been planned
    articles: int = 0
    duplicates: int = 0
    ties: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, done: Done, *, resumed: bool = False) -> None:
        """Count one completed partition."""
        self.partitions += 1
        self.resumed += int(resumed)
        self.articles += done.articles
        self.duplicates += done.duplicates
        self.ties += done.ties
        self.skipped.extend(done.skipped)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skipped inputs counted by reason code."""
        out: dict[str, int] = {}
        for s in self.skipped:
            out[s.reason] = out.get(s.reason, 0) + 1
        return out


OnProgress = Callable[[BatchReport], None]


def run_batch(
    inputs: Iterable[str],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    settings: Settings | None = None,
    on_progress: OnProgress | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> BatchReport:
    """Extract ties from the inputs on a Dask cluster into Parquet partitions under ``out``.

    ``scheduler`` ("tcp://host:8786") uses a running cluster; otherwise a local one with
    ``workers`` processes (default: one per core) is started and stopped. A rerun into the
    same ``out`` skips the partitions already written.
    """
    settings = settings or load_settings()
    folder = Path(out).absolute()
    started = time.perf_counter()
    with folder_lock(folder), _client(workers, scheduler) as client:
        remove_partials(folder)
        report = BatchReport(folder)
        partitions = plan(inputs, size=partition_size, limits=settings.limits, stdin=stdin)
        _run(client, partitions, Manifest(folder), settings, report, on_progress)
    report.seconds = time.perf_counter() - started
    return report


def _run(
    client: Any,
    partitions: Iterator[Partition | Skipped],
    manifest: Manifest,
    settings: Settings,
    report: BatchReport,
    on_progress: OnProgress | None,
) -> None:
    """Submit the partitions not done yet, a window at a time, and record each as it ends."""
    from distributed import as_completed

    running = as_completed()
    owners: dict[str, Partition] = {}  # task key -> its partition, for error messages
    planned = 0
    for item in partitions:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        planned += 1
        done = manifest.completed(item)
        if done is not None:
            report.add(done, resumed=True)
            _tell(on_progress, report)
            continue
        while running.count() >= _window(client):
            _finish(next(running), owners, manifest, report, on_progress)
        # Task keys are global on a scheduler: the folder in them keeps two runs apart.
        key = f"tieline-part-{item.part:05d}-{digest(item.key, str(manifest.folder))[:16]}"
        owners[key] = item
        running.add(client.submit(run_partition, item, str(manifest.folder), settings, key=key))
    report.planned = planned
    _tell(on_progress, report)
    for future in running:
        _finish(future, owners, manifest, report, on_progress)


def _finish(
    future: Any,
    owners: dict[str, Partition],
    manifest: Manifest,
    report: BatchReport,
    on_progress: OnProgress | None,
) -> None:
    """Record a finished task in the manifest, or stop the run with what failed."""
    partition = owners.pop(future.key)
    try:
        done: Done = future.result()
    except Exception as exc:
        raise BatchError(
            f"{partition.describe()} failed on a worker: "
            f"{type(exc).__name__}: {exc}; fix it and run the same command again "
            "(finished partitions are kept)"
        ) from exc
    manifest.record(done)
    report.add(done)
    _tell(on_progress, report)


def _window(client: Any) -> int:
    """Tasks to keep in flight: two per worker thread, so none waits for the driver."""
    return max(4, 2 * sum(client.nthreads().values()))


def _tell(on_progress: OnProgress | None, report: BatchReport) -> None:
    if on_progress is not None:
        on_progress(report)


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """A client of the given scheduler, or of a local cluster started for this run."""
    # Imported here: distributed is only needed for batch runs (and costs ~1 s to import).
    from dask.system import CPU_COUNT
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers or CPU_COUNT,
        threads_per_worker=1,  # one pipeline per process; spaCy gains nothing from threads
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, Client(cluster) as client:
        yield client
