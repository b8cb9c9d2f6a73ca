"""The fetch_state table: what ``tieline watch`` fetched, so a restart fetches nothing twice."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from tieline.ingest.feeds import FetchRecord
from tieline.store.duckdb_store import Store

_S, _I = pa.string(), pa.int32()
SCHEMA = pa.schema(
    [("url", _S), ("kind", _S), ("etag", _S), ("last_modified", _S),
     ("fetched_at", pa.timestamp("us")), ("status", _I), ("outcome", _S),
     ("done", pa.bool_()), ("attempts", _I), ("article_id", _S)]
)  # fmt: skip
_COLUMNS = ", ".join(f'"{name}"' for name in SCHEMA.names)


class FetchState:
    """Fetch records in an open (writable) store; implements ``FetchStateStore``."""

    def __init__(self, store: Store) -> None:
        self.con = store.con

    def get_many(self, urls: Sequence[str]) -> dict[str, FetchRecord]:
        """The records of those URLs that have one."""
        if not urls:
            return {}
        probe = pa.table({"url": pa.array(list(dict.fromkeys(urls)), _S)})
        self.con.register("_fetch_probe", probe)
        try:
            rows = self.con.execute(
                f"SELECT {_COLUMNS} FROM fetch_state JOIN _fetch_probe USING (url)"
            ).fetchall()
        finally:
            self.con.unregister("_fetch_probe")
        records = [FetchRecord(**dict(zip(SCHEMA.names, row, strict=True))) for row in rows]
        return {r.url: r for r in records}

    def put(self, records: Sequence[FetchRecord]) -> None:
        """Insert or replace records by URL (one statement, so all or none)."""
        if not records:
            return
        latest = {r.url: r for r in records}  # the last word on a URL wins
        rows = [{name: getattr(r, name) for name in SCHEMA.names} for r in latest.values()]
        self.con.register("_fetch_rows", pa.Table.from_pylist(rows, schema=SCHEMA))
        try:
            self.con.execute("INSERT OR REPLACE INTO fetch_state BY NAME SELECT * FROM _fetch_rows")
        finally:
            self.con.unregister("_fetch_rows")

    def count(self, *, kind: str | None = None) -> int:
        """Rows in the table, optionally of one kind (feed or page)."""
        sql, params = "SELECT count(*) FROM fetch_state", []
        if kind:
            sql, params = sql + " WHERE kind = ?", [kind]
        row = self.con.execute(sql, params).fetchone()
        return int(row[0]) if row else 0
