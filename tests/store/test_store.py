"""The DuckDB store on real files in tmp_path: idempotent adds, queries, migrations, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tieline.errors import QueryError, StoreError
from tieline.model import Article
from tieline.pipeline import Extractor, Result
from tieline.store import Store, migrations

TEXTS = [
    ("a1", "2024-01-10", "Zorvex signed a supply agreement with Plimco."),
    ("a2", "2024-03-02", "Zorvex sued Plimco over unpaid invoices."),
    ("a3", "2024-05-20", "Brinemoor and Plimco are rivals in Europe."),
]


@pytest.fixture()
def results(extractor: Extractor) -> list[Result]:
    arts = [Article(id=i, text=t, date=d, outlet="Wire") for i, d, t in TEXTS]
    return list(extractor.run(arts))


def test_add_is_idempotent(tmp_path: Path, results: list[Result]) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        first = store.add(results)
        again = store.add(results)
        counts = store.counts()
    assert first.articles == 3 and first.ties >= 3
    assert again.articles == 0 and again.duplicates == 3 and again.ties == 0
    assert counts["articles"] == 3 and counts["ties"] == first.ties


def test_queries_filter_and_resolve_aliases(tmp_path: Path, results: list[Result]) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.add(results)
        assert {r["type"] for r in store.ties(org="Plimco")} >= {"PARTNER", "SUE"}
        assert [r["type"] for r in store.ties(pair=("Plimco", "Zorvex"), type="sue")] == ["SUE"]
        assert all(r["date"] >= "2024-03-01" for r in store.ties(since="2024-03-01"))
        assert store.ties(until="2023-12-31") == []
        assert store.resolve_org("zorvex inc.") == "Zorvex"
        top = store.orgs(top=1)
        assert top[0]["name"] == "Plimco"


@pytest.mark.parametrize("bad", [{"since": "last week"}, {"type": "HUG"}, {"org": "Nobody Ltd"}])
def test_bad_query_parameters_raise_clear_errors(
    tmp_path: Path, results: list[Result], bad: dict
) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.add(results)
        with pytest.raises(QueryError):
            store.ties(**bad)


def test_symmetric_ties_are_stored_once(tmp_path: Path, extractor: Extractor) -> None:
    text = "Zorvex and Plimco formed a partnership. Plimco's partnership with Zorvex is strong."
    res = list(extractor.run([Article(id="s", text=text, date="2024-01-01")]))
    pairs = {(t.source, t.target) for t in res[0].ties if t.type == "PARTNER"}
    assert pairs == {("Plimco", "Zorvex")}


def test_failed_batch_leaves_nothing(tmp_path: Path, results: list[Result]) -> None:
    bad = results[:1]
    bad[0].ties[0].evidence = None  # type: ignore[assignment]  # violates NOT NULL
    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.add(results)
        assert store.counts() == {"articles": 0, "entities": 0, "mentions": 0, "ties": 0}


def test_schema_version_and_migration_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute(migrations.available()[0][1])
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    with Store(path) as store:
        assert migrations.current(store.con) == migrations.latest()
    if migrations.latest() > 1:
        assert (tmp_path / "old.duckdb.bak-v1").exists()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tieline ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
            "print('ok', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="another process"):
            Store(path, lock_timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
