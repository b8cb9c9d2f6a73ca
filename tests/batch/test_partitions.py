"""Partitions read back exactly what ingest reads, whatever the partition size (no Dask here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tieline.batch.partitions import LineRange, Partition, Shipped, WarcRange, plan
from tieline.config import Limits
from tieline.ingest import read_inputs
from tieline.model import Article, Skipped


def read_planned(inputs: list[str], size: int) -> tuple[list[Partition], list[Article], set]:
    """The partitions, the articles they read (in order), and every skipped item."""
    partitions, articles, skipped = [], [], set()
    for item in plan(inputs, size=size, limits=Limits()):
        if isinstance(item, Skipped):
            skipped.add(item)
            continue
        partitions.append(item)
        for read in item.read(Limits()):
            (skipped.add if isinstance(read, Skipped) else articles.append)(read)
    return partitions, articles, skipped


@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_partitions_read_what_ingest_reads(mixed_corpus: Path, size: int) -> None:
    inputs = [str(mixed_corpus), str(mixed_corpus / "missing.jsonl")]
    partitions, articles, skipped = read_planned(inputs, size)
    expected = list(read_inputs([os.path.abspath(p) for p in inputs]))
    assert articles == [i for i in expected if isinstance(i, Article)]
    assert {s.reason for s in skipped} == {"json", "empty", "not_found"}
    assert {(s.origin, s.reason) for s in skipped} == {
        (s.origin, s.reason) for s in expected if isinstance(s, Skipped)
    }
    assert [p.part for p in partitions] == list(range(len(partitions)))


def test_each_kind_is_cut_into_partitions_of_the_given_size(mixed_corpus: Path) -> None:
    partitions, _, _ = read_planned([str(mixed_corpus)], 3)
    kinds = [type(p.source).__name__ for p in partitions]
    # 7 JSON lines + 1 bad -> 3 ranges; 5 gz + 4 csv shipped -> 2 + 2; 5 pages -> 2 ranges;
    # 4 html + 1 txt in pages/ -> 2 groups (folders are read in name order).
    assert kinds == [
        "LineRange", "LineRange", "LineRange", "Shipped", "Shipped", "Shipped", "Shipped",
        "WarcRange", "WarcRange", "FileGroup", "FileGroup",
    ]  # fmt: skip
    first = partitions[0].source
    assert isinstance(first, LineRange) and first.first == 1
    assert all(len(p.source.articles) <= 3 for p in partitions if isinstance(p.source, Shipped))
    assert isinstance(partitions[8].source, WarcRange) and partitions[8].source.end is None


def test_keys_are_stable_and_follow_the_inputs(mixed_corpus: Path) -> None:
    keys = [p.key for p in read_planned([str(mixed_corpus)], 3)[0]]
    assert keys == [p.key for p in read_planned([str(mixed_corpus)], 3)[0]]
    assert len(set(keys)) == len(keys)
    feed = mixed_corpus / "a_feed.jsonl"
    feed.write_text(feed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = [p.key for p in read_planned([str(mixed_corpus)], 3)[0]]
    assert changed[:3] != keys[:3] and changed[3:] == keys[3:]


def test_a_bad_partition_size_is_refused(mixed_corpus: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(plan([str(mixed_corpus)], size=0, limits=Limits()))
