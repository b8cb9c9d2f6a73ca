"""SQL of the analyses: pair rows, per-article observations, graph edges, near-duplicate groups.

Functions take a :class:`~tieline.store.Store` and return plain rows or Arrow
tables; the statistics live in :mod:`tieline.analyse`. A tie's day is its
article's date (``date="report"``) or its event date falling back to the
article's date (``date="event"``). An article not yet grouped is its own group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from tieline import data
from tieline.errors import QueryError
from tieline.store.duckdb_store import Store

DATES = ("report", "event")
BULK_TABLES = ("articles", "entities", "ties", "article_groups", "article_bands")
_PAIR = "((t.source = ? AND t.target = ?) OR (t.source = ? AND t.target = ?))"


def day_sql(date: str) -> str:
    """The SQL expression of a tie's day for ``date`` = report or event."""
    if date == "report":
        return "a.date"
    if date == "event":
        return "coalesce(t.event_date, a.date)"
    raise QueryError(f"date must be 'report' or 'event', got {date!r}")


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, list(params))
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def pair_ties(
    store: Store,
    a: str,
    b: str,
    *,
    date: str = "report",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Every dated tie between two stored organizations, oldest first, with group and outlet."""
    day = day_sql(date)
    where, params = [f"{day} IS NOT NULL"], [a, b, b, a]
    if since:
        where.append(f"{day} >= ?")
        params.append(since)
    if until:
        where.append(f"{day} <= ?")
        params.append(until)
    # Two equality scans beat one OR filter several times over on a million ties.
    sql = f"""WITH t AS (SELECT * FROM ties WHERE source = ? AND target = ?
                         UNION ALL SELECT * FROM ties WHERE source = ? AND target = ?)
              SELECT t.id, t.article_id, coalesce(g.group_id, t.article_id) AS group_id,
                {day} AS day, t.source, t.target, t.type, t.modality, t.hedged,
                t.attributed_to, t.actor, t.score, a.outlet
              FROM t JOIN articles a ON a.id = t.article_id
              LEFT JOIN {store.groups_sql()} g ON g.article_id = t.article_id
              WHERE {" AND ".join(where)}
              ORDER BY day, t.article_id, t.start, t.id"""
    return _rows(store, sql, params)


def observations(
    store: Store,
    *,
    hedge_factor: float,
    date: str = "report",
    orgs: Sequence[str] | None = None,
    pair: tuple[str, str] | None = None,
    since: dt.date | None = None,
    min_obs: int = 4,
    min_level: float = 0.0,
) -> pa.Table:
    """One row per (pair, near-duplicate group, day): the weighted mean of its claims.

    A tie's weight is its certainty: its modality factor (asserted 1 ... hypothetical
    0.25, denied 0), times ``hedge_factor`` when hedged; its value is its type's weight
    (its score over its modality factor). A claim is one tie type of a pair in one group
    on one day: the weighted mean of its ties' values, weighing as much as its surest
    tie. So "a settlement could include a deal" is weak evidence of cooperation rather
    than firm evidence of a near-zero relationship. ``orgs`` keeps pairs with one of
    those organizations, ``pair`` one
    pair. Only pairs that could turn are returned: at least ``min_obs`` rows,
    one at or above ``min_level`` and one at or below ``-min_level``, and (with
    ``since``) one on or after that day. Sorted by pair, then day.
    """
    day = day_sql(date)
    certainty = " ".join(
        f"WHEN '{m}' THEN {float(f)!r}" for m, f in data.modality_factors().items()
    )  # trusted constants from the ontology, not user input
    where, params = (
        [f"{day} IS NOT NULL", f"(CASE t.modality {certainty} ELSE 1.0 END) > 0"],
        [hedge_factor],
    )
    if orgs is not None:
        where.append("(list_contains(?, t.source) OR list_contains(?, t.target))")
        params += [list(orgs), list(orgs)]
    if pair is not None:
        where.append(_PAIR)
        params += [pair[0], pair[1], pair[1], pair[0]]
    having, hparams = (
        ["count(*) >= ?", "max(value) >= ?", "min(value) <= ?"],
        [min_obs, min_level, -min_level],
    )
    if since:
        having.append("max(day) >= ?")
        hparams.append(since)
    sql = f"""WITH t AS (
        SELECT least(t.source, t.target) AS a, greatest(t.source, t.target) AS b,
               coalesce(g.group_id, t.article_id) AS grp, {day} AS day, t.type,
               t.score / (CASE t.modality {certainty} ELSE 1.0 END) AS value,
               (CASE WHEN t.hedged THEN ? ELSE 1.0 END)
                 * (CASE t.modality {certainty} ELSE 1.0 END) AS w
        FROM ties t JOIN articles a ON a.id = t.article_id
        LEFT JOIN {store.groups_sql()} g ON g.article_id = t.article_id
        WHERE {" AND ".join(where)}
    ), claims AS (
        SELECT a, b, grp, day, sum(w * value) / sum(w) AS v, max(w) AS w
        FROM t GROUP BY a, b, grp, day, type
    ), obs AS (
        SELECT a, b, grp, day, sum(w * v) / sum(w) AS value, sum(w) AS weight
        FROM claims GROUP BY a, b, grp, day
    ), pairs AS (
        SELECT a, b FROM obs GROUP BY a, b HAVING {" AND ".join(having)}
    )
    SELECT o.a, o.b, o.grp, o.day, o.value, o.weight
    FROM obs o JOIN pairs p ON p.a = o.a AND p.b = o.b
    ORDER BY o.a, o.b, o.day, o.grp"""
    rel = store.con.sql(sql, params=params + hparams)
    # DuckDB 2.x calls it to_arrow_table, 1.x arrow (pyproject allows both).
    return (getattr(rel, "to_arrow_table", None) or rel.arrow)()


def graph_edges(
    store: Store,
    *,
    hedge_factor: float,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Per unordered pair in a window: ties, articles, hedge-weighted mean score, type counts."""
    where, params = ["a.date IS NOT NULL"], [hedge_factor, hedge_factor]
    if since:
        where.append("a.date >= ?")
        params.append(since)
    if until:
        where.append("a.date <= ?")
        params.append(until)
    sql = f"""SELECT least(t.source, t.target) AS a, greatest(t.source, t.target) AS b,
                count(*) AS ties, count(DISTINCT t.article_id) AS articles,
                sum(t.score * CASE WHEN t.hedged THEN ? ELSE 1.0 END)
                  / sum(CASE WHEN t.hedged THEN ? ELSE 1.0 END) AS score,
                histogram(t.type) AS types, strftime(max(a.date), '%Y-%m-%d') AS last
              FROM ties t JOIN articles a ON a.id = t.article_id
              WHERE {" AND ".join(where)}
              GROUP BY 1, 2 ORDER BY 1, 2"""
    rows = _rows(store, sql, params)
    for r in rows:
        r["types"] = dict(r["types"])
    return rows


def pair_counts(store: Store) -> list[tuple[str, str, int]]:
    """Every unordered pair with its number of ties, most ties first."""
    sql = """SELECT least(source, target), greatest(source, target), count(*) AS n
             FROM ties GROUP BY 1, 2 ORDER BY n DESC, 1, 2"""
    return [(str(a), str(b), int(n)) for a, b, n in store.con.execute(sql).fetchall()]


# -- near-duplicate groups ---------------------------------------------------


def ungrouped_texts(store: Store, ids: Sequence[str] | None) -> list[tuple[str, str]]:
    """(id, text) of these stored articles (all when None) that have no group yet."""
    where, params = ["g.article_id IS NULL"], []
    if ids is not None:
        where.append("list_contains(?, a.id)")
        params.append(list(ids))
    sql = f"""SELECT a.id, a.text FROM articles a
              LEFT JOIN article_groups g ON g.article_id = a.id
              WHERE {" AND ".join(where)} ORDER BY a.id"""
    return [(str(i), str(t)) for i, t in store.con.execute(sql, params).fetchall()]


def band_candidates(store: Store, bands: pa.Table) -> list[tuple[str, str, str, bytes]]:
    """(new id, stored id, stored group, stored signature) for stored articles sharing a band."""
    store.con.register("_bands", bands)
    try:
        rows = store.con.execute(
            """SELECT DISTINCT n.article_id, g.article_id, g.group_id, g.signature
               FROM _bands n
               JOIN article_bands s ON s.band = n.band AND s.hash = n.hash
               JOIN article_groups g ON g.article_id = s.article_id"""
        ).fetchall()
    finally:
        store.con.unregister("_bands")
    return [(str(n), str(o), str(g), bytes(s)) for n, o, g, s in rows]


def save_groups(store: Store, groups: pa.Table, bands: pa.Table, renames: dict[str, str]) -> None:
    """Insert new articles' groups and bands and merge renamed groups, in one transaction."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_groups", groups)
        con.register("_bands", bands)
        con.execute("INSERT OR IGNORE INTO article_groups BY NAME SELECT * FROM _groups")
        con.execute("INSERT INTO article_bands BY NAME SELECT * FROM _bands")
        if renames:
            merge = pa.table(
                {"old": list(renames), "new": list(renames.values())},
                schema=pa.schema([("old", pa.string()), ("new", pa.string())]),
            )
            con.register("_renames", merge)
            con.execute(
                """UPDATE article_groups SET group_id = r.new FROM _renames r
                   WHERE article_groups.group_id = r.old"""
            )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("_groups", "_bands", "_renames"):
            con.unregister(name)


def groups_of(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """Article id -> group id for these articles (ungrouped ones are left out)."""
    rows = store.con.execute(
        "SELECT article_id, group_id FROM article_groups WHERE list_contains(?, article_id)",
        [list(ids)],
    ).fetchall()
    return {str(a): str(g) for a, g in rows}


# -- bulk loading (benchmarks, imports) --------------------------------------


def bulk_load(store: Store, tables: dict[str, pa.Table]) -> None:
    """Insert Arrow tables into the store's own tables by column name, in one transaction."""
    unknown = set(tables) - set(BULK_TABLES)
    if unknown:
        raise QueryError(f"cannot bulk load {sorted(unknown)}; one of {', '.join(BULK_TABLES)}")
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for name in BULK_TABLES:  # parents first
            if name in tables:
                con.register("_bulk", tables[name])
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _bulk")
                con.unregister("_bulk")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
