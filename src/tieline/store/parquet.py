"""Partitioned Parquet beside the store: what ``tieline batch`` writes, and merging it in.

Layout: ``DIR/{articles,entities,mentions,ties}/part-NNNNN.parquet``, one file per table
and partition, with the columns of the store tables (``SCHEMAS``). Each file is written
under a hidden temporary name and renamed into place, so a reader (or a glob such as
``read_parquet('DIR/ties/*.parquet')``) only ever sees whole partitions.
"""

from __future__ import annotations

import importlib
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tieline.errors import StoreError
from tieline.store.duckdb_store import SCHEMAS, AddStats, Store, arrow_tables

TABLES = ("articles", "entities", "mentions", "ties")
_PART = r"regexp_extract(filename, 'part-(\d+)\.parquet$', 1)::BIGINT"  # partition number


def partition_tables(results: Sequence[Any], kinds: dict[str, str]) -> dict[str, pa.Table]:
    """The rows ``Store.add`` would insert for these results (a tie id once, as it keeps)."""
    tables = arrow_tables(list(results), kinds)
    first: dict[str, int] = {}  # tie id -> row of its first occurrence
    for row, tie in enumerate(tables["ties"].column("id").to_pylist()):
        first.setdefault(tie, row)
    tables["ties"] = tables["ties"].take(pa.array(list(first.values()), pa.int64()))
    return tables


def part_path(folder: str | Path, table: str, part: int) -> Path:
    """Where one table of one partition lives."""
    return Path(folder) / table / f"part-{part:05d}.parquet"


def write_partition(folder: str | Path, part: int, tables: dict[str, pa.Table]) -> None:
    """Write the four tables of a partition, each atomically (temporary name, then rename)."""
    for name in TABLES:
        final = part_path(folder, name, part)
        final.parent.mkdir(parents=True, exist_ok=True)
        # Hidden and not ending in .parquet: no glob of the folder picks up a half-written file.
        temp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
        try:
            pq.write_table(tables[name].cast(SCHEMAS[name]), temp, compression="zstd")
            os.replace(temp, final)
        finally:
            temp.unlink(missing_ok=True)


def has_partition(folder: str | Path, part: int) -> bool:
    """True when all four files of the partition are in place."""
    return all(part_path(folder, name, part).is_file() for name in TABLES)


def remove_partials(folder: str | Path) -> int:
    """Delete temporary files left by an interrupted run; how many there were."""
    removed = 0
    for name in TABLES:
        for temp in (Path(folder) / name).glob(".part-*.tmp"):
            temp.unlink(missing_ok=True)
            removed += 1
    return removed


def merge_parquet(store: Store, folder: str | Path) -> AddStats:
    """Add a batch output folder to the store in one transaction; re-merging adds nothing.

    An article id found in several partitions (or already stored) is taken once: the
    copy in the lowest-numbered partition, with that partition's ties and mentions.
    """
    globs = {name: str(Path(folder) / name / "*.parquet") for name in TABLES}
    if not any((Path(folder) / "articles").glob("*.parquet")):
        raise StoreError(
            f"no Parquet partitions in {Path(folder) / 'articles'}; write them with 'tieline batch'"
        )
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        stats = _merge(con, globs)
        new_ids = [row[0] for row in con.execute("SELECT id FROM _pq_new").fetchall()]
        con.execute("DROP TABLE _pq_new")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    _update_groups(store, new_ids)
    return stats


def _merge(con: Any, globs: dict[str, str]) -> AddStats:
    """The merge statements, inside the caller's transaction."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _pq_new AS
            SELECT id, part FROM (
                SELECT id, {_PART} AS part, file_row_number AS row
                FROM read_parquet(?, filename = true, file_row_number = true)) p
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.id)
            QUALIFY row_number() OVER (PARTITION BY id ORDER BY part, row) = 1""",
        [globs["articles"]],
    )
    total = _count(con, "SELECT count(*) FROM read_parquet(?)", [globs["articles"]])
    new = _count(con, "SELECT count(*) FROM _pq_new")
    con.execute(
        f"""INSERT INTO articles BY NAME
            SELECT p.* EXCLUDE (filename) FROM read_parquet(?, filename = true) p
            JOIN _pq_new n ON n.id = p.id AND n.part = {_PART}""",
        [globs["articles"]],
    )
    ties = _count(
        con,
        f"""INSERT OR IGNORE INTO ties BY NAME
            SELECT p.* EXCLUDE (filename) FROM read_parquet(?, filename = true) p
            JOIN _pq_new n ON n.id = p.article_id AND n.part = {_PART}""",
        [globs["ties"]],
    )
    con.execute(
        f"""INSERT INTO mentions BY NAME
            SELECT p.* EXCLUDE (filename) FROM read_parquet(?, filename = true) p
            JOIN _pq_new n ON n.id = p.article_id AND n.part = {_PART}""",
        [globs["mentions"]],
    )
    # Entities are per partition, not per article: take those of partitions that added
    # articles, one row per name (an upsert may not touch a row twice in one statement).
    con.execute(
        f"""INSERT INTO entities BY NAME
            SELECT name, min(key) AS key, max(kind) AS kind,
                   list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
                   list_sort(list_distinct(flatten(list(alias_keys)))) AS alias_keys
            FROM read_parquet(?, filename = true)
            WHERE {_PART} IN (SELECT DISTINCT part FROM _pq_new)
            GROUP BY name
            ON CONFLICT (name) DO UPDATE SET
            aliases = list_distinct(list_concat(entities.aliases, excluded.aliases)),
            alias_keys = list_distinct(list_concat(entities.alias_keys, excluded.alias_keys)),
            kind = coalesce(entities.kind, excluded.kind)""",
        [globs["entities"]],
    )
    return AddStats(articles=new, duplicates=total - new, ties=ties)


def _count(con: Any, sql: str, params: Sequence[Any] = ()) -> int:
    """The single number a COUNT or an INSERT returns (fetchall: DuckDB wants results read)."""
    rows = con.execute(sql, list(params)).fetchall()
    return int(rows[0][0]) if rows else 0


def _update_groups(store: Store, article_ids: list[str]) -> None:
    """Group near-duplicates among the new articles, when the store has that analysis."""
    if not article_ids:
        return
    try:
        analytics = importlib.import_module("tieline.store.analytics")
    except ModuleNotFoundError as exc:
        if exc.name != "tieline.store.analytics":
            raise  # the module is there but something it needs is not: say so
        return
    update = getattr(analytics, "update_groups", None)
    if update is not None:
        update(store, article_ids)
