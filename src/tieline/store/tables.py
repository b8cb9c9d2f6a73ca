"""Whole tables and per-article documents out of a store, as Arrow, for the exports.

A ``Scope`` picks what leaves: articles dated within ``since``..``until`` (both
inclusive; an undated article is outside any bounded range), and with ``org``
only the ties that organization takes part in and the articles that hold them.
Mentions follow their articles; entities are those named by what is exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from tieline.store.duckdb_store import Store, parse_day

TABLES = ("articles", "entities", "mentions", "ties")
BATCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class Scope:
    """What an export covers; build with :func:`scope` so names and dates are checked."""

    since: dt.date | None = None
    until: dt.date | None = None
    org: str | None = None  # canonical organization name


def scope(
    store: Store,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    org: str | None = None,
) -> Scope:
    """A Scope with parsed dates and the canonical name of ``org`` (QueryError if unknown)."""
    return Scope(
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        org=store.resolve_org(org) if org else None,
    )


def _picked(sc: Scope) -> tuple[str, list[Any]]:
    """CTEs ``picked_ties`` and ``picked`` (article ids) for a scope, with their parameters."""
    dates, date_params = ["TRUE"], []
    if sc.since:
        dates.append("a.date >= ?")
        date_params.append(sc.since)
    if sc.until:
        dates.append("a.date <= ?")
        date_params.append(sc.until)
    in_range = " AND ".join(dates)
    org_sql, org_params = "TRUE", []
    if sc.org:
        org_sql, org_params = "(t.source = ? OR t.target = ?)", [sc.org, sc.org]
    with_ties = "AND a.id IN (SELECT article_id FROM picked_ties)" if sc.org else ""
    sql = f"""WITH picked_ties AS (
                SELECT t.* FROM ties t JOIN articles a ON a.id = t.article_id
                WHERE {in_range} AND {org_sql}),
              picked AS (SELECT a.id FROM articles a WHERE {in_range} {with_ties})
           """
    return sql, date_params + org_params + date_params


_SELECT = {
    "articles": """SELECT a.* FROM articles a WHERE a.id IN (SELECT id FROM picked)
                   ORDER BY a.date NULLS LAST, a.id""",
    "ties": """SELECT * FROM picked_ties ORDER BY article_id, start, id""",
    "mentions": """SELECT m.* FROM mentions m WHERE m.article_id IN (SELECT id FROM picked)
                   ORDER BY m.article_id, m.start, m.org""",
    "entities": """SELECT e.* FROM entities e WHERE e.name IN (
                     SELECT source FROM picked_ties UNION SELECT target FROM picked_ties
                     UNION SELECT org FROM mentions WHERE article_id IN (SELECT id FROM picked))
                   ORDER BY e.name""",
}


def table_reader(
    store: Store, name: str, sc: Scope, *, batch_rows: int = BATCH_ROWS
) -> pa.RecordBatchReader:
    """A stream of one table's rows in scope, with the store's columns and types."""
    if name not in _SELECT:
        raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
    cte, params = _picked(sc)
    return _reader(store, cte + _SELECT[name], params, batch_rows)


def read_table(store: Store, name: str, sc: Scope | None = None) -> pa.Table:
    """One table's rows in scope, whole."""
    return table_reader(store, name, sc or Scope()).read_all()


_TIE_STRUCT = """{'source': t.source, 'target': t.target, 'type': t.type,
    'modality': t.modality, 'hedged': t.hedged, 'attributed_to': t.attributed_to,
    'actor': t.actor, 'score': t.score, 'evidence': t.evidence, 'start': t.start,
    'end': t."end", 'article_id': t.article_id,
    'event_date': strftime(t.event_date, '%Y-%m-%d'), 'extractor': t.extractor}"""


def article_documents(
    store: Store, sc: Scope, *, batch_rows: int = 1_000
) -> Iterator[dict[str, Any]]:
    """Each article in scope with its ties (TIES.md exchange format), oldest first, streamed."""
    cte, params = _picked(sc)
    sql = f"""{cte}
        SELECT a.id AS article_id, a.url, a.title, a.outlet,
               strftime(a.date, '%Y-%m-%d') AS date,
               coalesce(list({_TIE_STRUCT} ORDER BY t.start, t.id)
                        FILTER (WHERE t.id IS NOT NULL), []) AS ties
        FROM articles a LEFT JOIN picked_ties t ON t.article_id = a.id
        WHERE a.id IN (SELECT id FROM picked)
        GROUP BY a.id, a.url, a.title, a.outlet, a.date
        ORDER BY a.date NULLS LAST, a.id"""
    for batch in _reader(store, sql, params, batch_rows):
        yield from batch.to_pylist()


def _reader(store: Store, sql: str, params: list[Any], batch_rows: int) -> pa.RecordBatchReader:
    """Arrow batches of a query, across DuckDB versions (2.0 renamed the Arrow methods)."""
    rel = store.con.sql(sql, params=params)
    to_reader = getattr(rel, "to_arrow_reader", None) or rel.fetch_arrow_reader
    return to_reader(batch_rows)
