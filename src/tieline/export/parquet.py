"""Parquet: the store's four tables, one file each, with the store's columns and types."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tieline.export.files import ExportReport, atomic_write, out_folder
from tieline.store import Store
from tieline.store.tables import TABLES, Scope, table_reader


def write(store: Store, out: Path, sc: Scope) -> ExportReport:
    """Write ``articles``, ``entities``, ``mentions`` and ``ties`` .parquet into ``out``."""
    folder = out_folder(out)
    report = ExportReport("parquet")
    for name in TABLES:
        path = folder / f"{name}.parquet"
        report.counts[name] = write_table(store, name, sc, path)
        report.files.append(path)
    return report


def write_table(store: Store, name: str, sc: Scope, path: Path) -> int:
    """Stream one table in scope into a Parquet file; returns its row count."""
    reader = table_reader(store, name, sc)
    rows = 0
    with atomic_write(path, "wb") as fh, pq.ParquetWriter(fh, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows
