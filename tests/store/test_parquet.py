"""Merging batch Parquet into a store: same rows as a plain ingest, idempotent, duplicates once.

Partitions are run in this process (``run_partition`` is a plain function), so no cluster.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tieline.batch.partitions import Partition, plan
from tieline.batch.worker import run_partition
from tieline.config import Settings, load_settings
from tieline.errors import StoreError
from tieline.pipeline import ingest
from tieline.store import Store
from tieline.store.parquet import merge_parquet

ARTICLES = [
    {"id": "w1", "date": "2024-01-10", "outlet": "Wire", "title": "Deal",
     "text": "Zorvex signed a supply agreement with Plimco on Monday, the companies said."},
    {"id": "w2", "date": "2024-06-02", "outlet": "Ledger", "title": "Suit",
     "text": "Zorvex sued Plimco over unpaid invoices, according to court filings."},
    {"id": "w3", "date": "2024-07-01", "outlet": "Wire", "title": "Rivals",
     "text": "Brinemoor and Plimco are fierce rivals in Europe, analysts said on Tuesday."},
    {"id": "w4", "date": "2024-08-15", "outlet": "Ledger", "title": "Fund",
     "text": "Zorvex Capital invested $40 million in Brinemoor, the company said."},
]  # fmt: skip


@pytest.fixture()
def settings(invented_gazetteer: Path) -> Settings:
    return load_settings(gazetteer_paths=(invented_gazetteer,))


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    """Two feeds that share article w2 (a duplicate across partitions)."""
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES[:2]), encoding="utf-8")
    second.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES[1:]), encoding="utf-8")
    return [str(first), str(second)]


def batch_here(inputs: list[str], out: Path, settings: Settings) -> None:
    """What ``tieline batch`` writes, with the partitions run in this process."""
    for item in plan(inputs, size=2, limits=settings.limits):
        assert isinstance(item, Partition)
        run_partition(item, str(out), settings)


def rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
    return sorted(store.con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)


def test_merge_gives_the_store_a_plain_ingest_gives(
    tmp_path: Path, inputs: list[str], settings: Settings
) -> None:
    batch_here(inputs, tmp_path / "out", settings)
    with Store(tmp_path / "merged.duckdb") as merged, Store(tmp_path / "plain.duckdb") as plain:
        stats = merge_parquet(merged, tmp_path / "out")
        report = ingest(inputs, plain, settings=settings)
        for table in ("articles", "ties", "mentions"):
            assert rows(merged, table) == rows(plain, table), table
        entities = "SELECT name, key, kind, list_sort(aliases) FROM entities ORDER BY name"
        assert merged.con.execute(entities).fetchall() == plain.con.execute(entities).fetchall()
    assert (stats.articles, stats.duplicates) == (4, 1) == (report.new, report.duplicate)
    assert stats.ties == report.ties > 0


def test_merging_again_adds_nothing(tmp_path: Path, inputs: list[str], settings: Settings) -> None:
    batch_here(inputs, tmp_path / "out", settings)
    with Store(tmp_path / "merged.duckdb") as store:
        merge_parquet(store, tmp_path / "out")
        before = store.counts()
        again = merge_parquet(store, tmp_path / "out")
        assert store.counts() == before
    assert (again.articles, again.duplicates, again.ties) == (0, 5, 0)


def test_new_articles_are_handed_to_update_groups_when_it_exists(
    tmp_path: Path, inputs: list[str], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    analytics = types.ModuleType("tieline.store.analytics")
    analytics.update_groups = lambda store, ids: calls.append(sorted(ids))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tieline.store.analytics", analytics)
    batch_here(inputs, tmp_path / "out", settings)
    with Store(tmp_path / "merged.duckdb") as store:
        merge_parquet(store, tmp_path / "out")
        merge_parquet(store, tmp_path / "out")
    assert calls == [["w1", "w2", "w3", "w4"]]


def test_a_folder_without_partitions_is_an_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="tieline batch"):
        merge_parquet(store, tmp_path / "nothing")
