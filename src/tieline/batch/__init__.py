"""Batch extraction at corpus scale: Dask distributed workers, Parquet out, resumable.

``run_batch(inputs, out)`` cuts the inputs into partitions (``partitions``), runs each on a
Dask worker that keeps one NLP pipeline (``worker``), writes
``out/{articles,entities,mentions,ties}/part-NNNNN.parquet`` and records finished
partitions in ``out/_manifest.jsonl`` (``manifest``) so a rerun resumes.
``tieline.store.parquet.merge_parquet`` adds such a folder to a store.
"""

from tieline.batch.manifest import BatchError
from tieline.batch.runner import DEFAULT_PARTITION_SIZE, BatchReport, run_batch

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchError", "BatchReport", "run_batch"]
