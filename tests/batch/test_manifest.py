"""The manifest: what counts as done, torn lines, other inputs, and the folder lock."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tieline.batch.manifest import BatchError, Done, Manifest, folder_lock
from tieline.batch.partitions import Partition, Shipped
from tieline.model import Article, Skipped
from tieline.store.duckdb_store import SCHEMAS
from tieline.store.parquet import remove_partials, write_partition


def partition(part: int, key: str = "k") -> Partition:
    return Partition(part, f"{key}{part}", Shipped((Article("a", "text"),)))


def write_empty(folder: Path, part: int) -> None:
    write_partition(folder, part, {n: s.empty_table() for n, s in SCHEMAS.items()})


def test_a_recorded_partition_with_its_files_is_done(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    skipped = Skipped("x.jsonl:3", "json", "x.jsonl:3: malformed JSON")
    manifest.record(Done(0, "k0", articles=1, ties=2, skipped=[skipped]))
    assert manifest.completed(partition(0)) is None  # recorded, but no files
    write_empty(tmp_path, 0)
    done = Manifest(tmp_path).completed(partition(0))
    assert done is not None and done.ties == 2 and done.skipped == [skipped]
    assert Manifest(tmp_path).completed(partition(1)) is None


def test_a_line_torn_by_a_crash_is_ignored(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.record(Done(0, "k0"))
    with open(manifest.path, "a", encoding="utf-8") as stream:
        stream.write('{"part": 1, "key": "k1", "arti')
    assert set(Manifest(tmp_path).done) == {0}


def test_a_folder_of_other_inputs_is_refused(tmp_path: Path) -> None:
    Manifest(tmp_path).record(Done(0, "k0"))
    with pytest.raises(BatchError, match=r"\[E600\].*other inputs"):
        Manifest(tmp_path).completed(partition(0, key="other"))


def test_one_batch_per_folder_at_a_time(tmp_path: Path) -> None:
    with (
        folder_lock(tmp_path),
        pytest.raises(BatchError, match="another tieline batch"),
        folder_lock(tmp_path),
    ):
        pass
    with folder_lock(tmp_path):  # released
        pass


def test_partial_files_are_invisible_and_removed(tmp_path: Path) -> None:
    write_empty(tmp_path, 3)
    leftover = tmp_path / "ties" / ".part-00004.parquet.abc.tmp"
    leftover.write_bytes(b"half a file")
    assert sorted(p.name for p in (tmp_path / "ties").glob("*.parquet")) == ["part-00003.parquet"]
    assert remove_partials(tmp_path) == 1 and not leftover.exists()
    assert pq.read_table(tmp_path / "ties" / "part-00003.parquet").schema.names == (
        SCHEMAS["ties"].names
    )
