"""Numbered schema migrations (``migrations/NNN_name.sql``), applied in order on open.

A store written by an older schema is backed up (``<file>.bak-vN``) before
its first migration, so an upgrade can always be undone by hand.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import duckdb

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def available() -> list[tuple[int, str]]:
    """(version, sql) of every bundled migration, ascending."""
    folder = resources.files("tieline.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest() -> int:
    """The schema version this code writes."""
    return available()[-1][0]


def current(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open store (0 = empty)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    # fetchall, not fetchone: DuckDB refuses new work while a result is unfinished
    rows = con.execute("SELECT max(version) FROM schema_version").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, db_path: Path | None) -> int:
    """Apply pending migrations, one transaction each; returns the new version."""
    version = current(con)
    pending = [(v, sql) for v, sql in available() if v > version]
    if pending and version > 0 and db_path is not None and db_path.exists():
        con.execute("CHECKPOINT")
        shutil.copy2(db_path, db_path.with_name(f"{db_path.name}.bak-v{version}"))
    for v, sql in pending:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [v])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = v
    return version
