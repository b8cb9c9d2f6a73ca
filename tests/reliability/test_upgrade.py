"""Upgrades: a store written by schema 1 is migrated in place on open, after a backup.

The fixture store is built from ``001_init.sql`` alone, as the first release wrote it.
With only migration 001 bundled there is nothing to migrate (and no backup); the
checks on rows and version hold either way, and the backup ones start to bite as soon
as 002 lands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tieline.analyse import alerts, pair_timeline
from tieline.store import Store, migrations

ARTICLES = [
    ("v1-a", "Zorvex buys Plimco", "https://example.com/a", "Meridian Wire",
     dt.date(2024, 5, 2), "Zorvex agreed to buy Plimco.", '{"lang": "en"}', "old.jsonl:1"),
    ("v1-b", None, None, None, None, "Brinemoor sued Zorvex over a patent.", "{}", None),
]  # fmt: skip
TIES = [
    ("t1", "v1-a", "Zorvex", "Plimco", "ACQUIRE", "asserted", False, None, None, 1.0,
     "Zorvex agreed to buy Plimco.", 0, 28, None, "rules.v1"),
    ("t2", "v1-b", "Brinemoor", "Zorvex", "SUE", "asserted", False, None, None, -1.0,
     "Brinemoor sued Zorvex over a patent.", 0, 36, dt.date(2024, 1, 1), "rules.v1"),
]  # fmt: skip
ENTITIES = [
    ("Zorvex", "zorvex", "company", ["Zorvex", "Zorvex Inc."], ["zorvex"]),
    ("Plimco", "plimco", "startup", ["Plimco"], ["plimco"]),
    ("Brinemoor", "brinemoor", None, ["Brinemoor"], ["brinemoor"]),
]
MENTIONS = [
    ("v1-a", "Zorvex", 0, 6, "Zorvex", "gazetteer"),
    ("v1-b", "Zorvex", 22, 28, "Zorvex", "ner"),
]
TABLES = {
    "articles": "id, title, url, outlet, date, text, meta, origin",
    "ties": "*",
    "entities": "name, key, kind, list_sort(aliases), alias_keys",
    "mentions": "*",
}


def write_v1_store(path: Path, *, checkpoint: bool = True) -> None:
    """A store exactly as schema 1 left it; rows stay in the WAL unless ``checkpoint``."""
    sql = dict(migrations.available())[1]
    con = duckdb.connect(str(path))
    if not checkpoint:
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute(sql)
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (1, TIMESTAMP '2025-01-01 00:00:00')")
    for table, rows in (("articles", ARTICLES), ("ties", TIES), ("entities", ENTITIES),
                        ("mentions", MENTIONS)):  # fmt: skip
        marks = ", ".join("?" * len(rows[0]))
        columns = TABLES["articles"] if table == "articles" else None
        target = f"{table} ({columns})" if columns else table
        con.executemany(f"INSERT INTO {target} VALUES ({marks})", [list(r) for r in rows])
    con.close()


def read_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """The schema-1 columns of every schema-1 table, sorted."""
    return {
        table: sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)
        for table, cols in TABLES.items()
    }


def _versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]


@pytest.mark.parametrize("checkpoint", [True, False], ids=["checkpointed", "rows-in-wal"])
def test_v1_store_is_migrated_in_place_with_a_backup(tmp_path: Path, checkpoint: bool) -> None:
    path = tmp_path / "news.duckdb"
    write_v1_store(path, checkpoint=checkpoint)
    with duckdb.connect(str(path), read_only=True) as con:
        before = read_rows(con)
    assert len(before["articles"]) == 2 and len(before["ties"]) == 2

    with Store(path) as store:
        assert migrations.current(store.con) == migrations.latest()
        assert _versions(store.con) == list(range(1, migrations.latest() + 1))
        assert read_rows(store.con) == before
        found = store.ties(org="Zorvex Inc.")  # aliases still resolve after the upgrade
        assert {t["id"] for t in found} == {"t1", "t2"}

    backup = path.with_name(f"{path.name}.bak-v1")
    if migrations.latest() == 1:
        assert not backup.exists(), "nothing to migrate, so nothing to back up"
        return
    assert backup.exists()
    with duckdb.connect(str(backup), read_only=True) as con:
        assert _versions(con) == [1], "the backup is the store before its first migration"
        assert read_rows(con) == before


def test_reopening_a_migrated_store_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    write_v1_store(path)
    Store(path).close()
    backups = sorted(p.name for p in tmp_path.glob("*.bak-*"))
    with Store(path) as store:
        assert _versions(store.con) == list(range(1, migrations.latest() + 1))
        assert len(read_rows(store.con)["ties"]) == 2
    assert sorted(p.name for p in tmp_path.glob("*.bak-*")) == backups


def test_a_read_only_open_of_a_v1_store_does_not_migrate(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    write_v1_store(path)
    with Store(path, read_only=True) as store:
        assert _versions(store.con) == [1]
        rows = store.ties()
        assert len(rows) == 2 and all(r["corroboration"] >= 1 for r in rows)
        # the analyses read it too, each article its own near-duplicate group
        timeline = pair_timeline(store, rows[0]["source"], rows[0]["target"])
        assert sum(p.ties for p in timeline.periods) >= 1
        assert alerts(store) == []
    assert not list(tmp_path.glob("*.bak-*"))
