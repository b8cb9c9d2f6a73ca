"""The DuckDB store: the only place SQL lives.

One writer at a time (DuckDB's rule, across processes): ``Store(path)`` opens
for writing and fails fast with a clear message when another process holds
the file; ``Store(path, read_only=True)`` is for queries. Each ``add`` call
is one transaction; rows go in through Arrow, not executemany.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tieline import data
from tieline.errors import QueryError, StoreError, StoreLockedError
from tieline.model import Tie
from tieline.resolve.names import name_key
from tieline.store import migrations

LOCK_WAIT_S = 30.0  # how long a writer or reader waits for another process's lock

TIE_FIELDS = (
    "source", "target", "type", "modality", "hedged", "attributed_to", "actor",
    "score", "evidence", "start", "end",
)  # fmt: skip


@dataclass(slots=True)
class AddStats:
    """What one ``add`` call wrote."""

    articles: int = 0
    duplicates: int = 0
    ties: int = 0


def tie_id(article_id: str, tie: Tie) -> str:
    """Stable id of a tie: same article, parties, type and evidence -> same id."""
    raw = f"{article_id}|{tie.source}|{tie.target}|{tie.type}|{tie.start}|{tie.end}|{tie.modality}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def parse_day(value: str | dt.date | None, what: str) -> dt.date | None:
    """A YYYY-MM-DD query bound, or a QueryError naming the bad value."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError(f"{what} must be a date like 2025-06-16, got {value!r}") from None


class Store:
    """A tieline store in one DuckDB file."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        hold: bool = True,
        lock_timeout: float | None = None,
    ) -> None:
        """Open (and migrate) a store.

        ``hold=False`` keeps the file closed between operations, so that a long
        ingest takes DuckDB's single-writer lock only while it writes a batch and
        readers (``tieline ties``, ``tieline serve``) get in between batches.
        ``lock_timeout`` is how long to wait for another process's lock.
        """
        self.path = Path(path)
        self.read_only = read_only
        self._groups_sql: str | None = None
        self.hold = hold
        self.lock_timeout = LOCK_WAIT_S if lock_timeout is None else lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; create one with 'tieline ingest'")
        self._con = self._connect()
        if not read_only:
            migrations.migrate(self._con, self.path)
        if not hold:
            self.close()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Connect, waiting up to ``lock_timeout`` while another process writes."""
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"cannot open {self.path}: {exc}") from None
                if time.monotonic() + delay > deadline:
                    raise StoreLockedError(
                        f"{self.path} is being written by another process (DuckDB allows "
                        f"one writer; waited {self.lock_timeout:g} s); try again when it "
                        "finishes its batch, or query a copy of the file"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (inside ``session()`` for a store opened with hold=False)."""
        if self._con is None:
            raise StoreError("the store is closed; use 'with store.session():'")
        return self._con

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for a group of operations, opened (and closed) here if needed."""
        if self._con is not None:
            yield self._con
            return
        self._con = self._connect()
        try:
            yield self._con
        finally:
            self._con.close()
            self._con = None

    def close(self) -> None:
        """Close the connection (flushes the write-ahead log)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        if not ids:
            return set()
        table = pa.table({"id": pa.array(list(ids), pa.string())})
        with self.session() as con:
            con.register("_probe", table)
            try:
                sql = "SELECT a.id FROM articles a JOIN _probe p USING (id)"
                rows = con.execute(sql).fetchall()
            finally:
                con.unregister("_probe")
        return {r[0] for r in rows}

    def add(self, results: Iterable[Any], kinds: dict[str, str] | None = None) -> AddStats:
        """Store extraction results (one transaction); articles already stored are skipped."""
        results = list(results)
        stats = AddStats()
        if not results:
            return stats
        with self.session() as con:
            known = self.known_ids([r.article.id for r in results])
            fresh, seen = [], set(known)
            for r in results:
                if r.article.id in seen:
                    stats.duplicates += 1
                    continue
                seen.add(r.article.id)
                fresh.append(r)
            if not fresh:
                return stats
            tables = arrow_tables(fresh, kinds or {})
            _insert(con, tables)
        stats.articles = len(fresh)
        stats.ties = tables["ties"].num_rows
        return stats

    # -- reading -------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.session() as con:
            cur = con.execute(sql, list(params))
            cols = [d[0] for d in cur.description or []]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def groups_sql(self) -> str:
        """What to join for near-duplicate groups: the table, or an empty relation in a
        store from before groups existed, opened read-only and so not migrated (every
        article is then its own group, as the migration itself would start)."""
        if self._groups_sql is None:
            sql = "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?"
            grouped = bool(self._rows(sql, ["article_groups"])[0]["n"])
            self._groups_sql = (
                "article_groups"
                if grouped
                else "(SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS group_id WHERE false)"
            )
        return self._groups_sql

    def resolve_org(self, name: str) -> str:
        """Canonical stored name for an organization name or alias."""
        key = name_key(name)
        rows = self._rows(
            """SELECT name FROM entities WHERE key = ? OR list_contains(alias_keys, ?)
               ORDER BY (key = ?) DESC, name LIMIT 1""",
            [key, key, key],
        )
        row = rows[0]["name"] if rows else None
        if row is None:
            raise QueryError(f"unknown organization {name!r}; list them with 'tieline orgs'")
        return str(row)

    def ties(
        self,
        *,
        org: str | None = None,
        pair: tuple[str, str] | None = None,
        type: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Ties with their article's date and outlet, newest first; filters combine."""
        where, params = ["TRUE"], []
        if org:
            where.append("(t.source = ? OR t.target = ?)")
            params += [self.resolve_org(org)] * 2
        if pair:
            a, b = self.resolve_org(pair[0]), self.resolve_org(pair[1])
            where.append("((t.source = ? AND t.target = ?) OR (t.source = ? AND t.target = ?))")
            params += [a, b, b, a]
        if type:
            if type.upper() not in data.ontology():
                names = ", ".join(data.ontology())
                raise QueryError(f"unknown tie type {type!r}; one of {names}")
            where.append("t.type = ?")
            params.append(type.upper())
        if since:
            where.append("a.date >= ?")
            params.append(parse_day(since, "since"))
        if until:
            where.append("a.date <= ?")
            params.append(parse_day(until, "until"))
        page = ""
        if limit is not None:
            page = "LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        groups = f"LEFT JOIN {self.groups_sql()} g ON g.article_id = t.article_id"
        group = "coalesce(g.group_id, t.article_id)"
        # corroboration: the independent voices stating the same (source, target, type)
        # anywhere in the store: near-duplicate groups or outlets, whichever are fewer
        # (analyse/corroboration.py), counted for the claims of the selected ties only
        sql = f"""WITH sel AS (
                    SELECT t.article_id, t.source, t.target, t.type, t.modality, t.hedged,
                      t.attributed_to, t.actor, t.score, t.evidence, t.start, t."end",
                      a.date AS day, a.outlet, a.url, a.title, t.id
                    FROM ties t JOIN articles a ON a.id = t.article_id
                    WHERE {" AND ".join(where)}
                    ORDER BY a.date DESC NULLS LAST, t.article_id, t.start {page}),
                  claims AS (SELECT DISTINCT source, target, type FROM sel),
                  said AS (
                    SELECT t.source, t.target, t.type, a.outlet, 'group:' || {group} AS grp
                    FROM claims c
                    JOIN ties t USING (source, target, type)
                    JOIN articles a ON a.id = t.article_id
                    {groups}),
                  voices AS (
                    SELECT source, target, type,
                      least(count(DISTINCT grp), count(DISTINCT coalesce(outlet, grp)))
                        AS corroboration
                    FROM said GROUP BY 1, 2, 3)
                  SELECT sel.article_id, sel.source, sel.target, sel.type, sel.modality,
                    sel.hedged, sel.attributed_to, sel.actor, sel.score, sel.evidence,
                    sel.start, sel."end", strftime(sel.day, '%Y-%m-%d') AS date, sel.outlet,
                    sel.url, sel.title, sel.id, v.corroboration
                  FROM sel JOIN voices v USING (source, target, type)
                  ORDER BY sel.day DESC NULLS LAST, sel.article_id, sel.start"""
        return self._rows(sql, params)

    def orgs(self, *, top: int | None = None) -> list[dict[str, Any]]:
        """Organizations by number of ties they take part in."""
        sql = """WITH ends AS (SELECT source AS org, article_id FROM ties
                               UNION ALL SELECT target, article_id FROM ties)
                 SELECT e.name, e.kind, count(x.org) AS ties,
                        count(DISTINCT x.article_id) AS articles, e.aliases
                 FROM entities e LEFT JOIN ends x ON x.org = e.name
                 GROUP BY e.name, e.kind, e.aliases
                 HAVING count(x.org) > 0
                 ORDER BY ties DESC, e.name"""
        rows = self._rows(sql + (" LIMIT ?" if top else ""), [top] if top else [])
        for r in rows:
            r["aliases"] = sorted(r["aliases"] or [])
        return rows

    def strongest(self, *, top: int = 10) -> list[dict[str, Any]]:
        """Per pair and type: evidence count, articles, outlets and total score."""
        sql = """SELECT least(source, target) AS a, greatest(source, target) AS b, type,
                        count(*) AS evidence, count(DISTINCT article_id) AS articles,
                        count(DISTINCT a.outlet) AS outlets, round(sum(score), 2) AS score
                 FROM ties t JOIN articles a ON a.id = t.article_id
                 GROUP BY 1, 2, 3 ORDER BY evidence DESC, abs(sum(score)) DESC LIMIT ?"""
        return self._rows(sql, [top])

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = ("articles", "entities", "mentions", "ties")
        sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in tables)
        return {r["t"]: int(r["n"]) for r in self._rows(sql)}


_S, _I, _D = pa.string(), pa.int32(), pa.date32()
# Arrow schemas of the rows ``add`` inserts (column order does not matter: INSERT BY NAME).
SCHEMAS = {
    "articles": pa.schema(
        [("id", _S), ("title", _S), ("url", _S), ("outlet", _S), ("date", _D), ("text", _S),
         ("meta", _S), ("origin", _S)]
    ),
    "ties": pa.schema(
        [("id", _S), ("article_id", _S), ("source", _S), ("target", _S), ("type", _S),
         ("modality", _S), ("hedged", pa.bool_()), ("attributed_to", _S), ("actor", _S),
         ("score", pa.float64()), ("evidence", _S), ("start", _I), ("end", _I),
         ("event_date", _D), ("extractor", _S)]
    ),
    "mentions": pa.schema(
        [("article_id", _S), ("org", _S), ("start", _I), ("end", _I), ("text", _S),
         ("method", _S)]
    ),
    "entities": pa.schema(
        [("name", _S), ("key", _S), ("kind", _S), ("aliases", pa.list_(_S)),
         ("alias_keys", pa.list_(_S))]
    ),
}  # fmt: skip


def _insert(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Insert one batch's Arrow tables in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name, table in tables.items():
            con.register(f"_new_{name}", table)
        con.execute("INSERT INTO articles BY NAME SELECT * FROM _new_articles")
        con.execute("INSERT OR IGNORE INTO ties BY NAME SELECT * FROM _new_ties")
        con.execute("INSERT INTO mentions BY NAME SELECT * FROM _new_mentions")
        con.execute(
            """INSERT INTO entities BY NAME SELECT * FROM _new_entities
               ON CONFLICT (name) DO UPDATE SET
               aliases = list_distinct(list_concat(entities.aliases, excluded.aliases)),
               alias_keys = list_distinct(list_concat(entities.alias_keys, excluded.alias_keys)),
               kind = coalesce(entities.kind, excluded.kind)"""
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in tables:
            con.unregister(f"_new_{name}")


def arrow_tables(results: list[Any], kinds: dict[str, str]) -> dict[str, pa.Table]:
    """Arrow tables (articles, ties, mentions, entities) for extraction results."""
    arts, ties, ments = [], [], []
    entities: dict[str, set[str]] = {}
    for r in results:
        a = r.article
        arts.append({
            "id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet,
            "date": dt.date.fromisoformat(a.date) if a.date else None, "text": a.text,
            "meta": json.dumps(a.meta, ensure_ascii=False, default=str), "origin": a.origin,
        })  # fmt: skip
        for t in r.ties:
            row = {f: getattr(t, f) for f in TIE_FIELDS}
            row.update(
                id=tie_id(a.id, t),
                article_id=a.id,
                extractor=t.extractor,
                event_date=dt.date.fromisoformat(t.event_date) if t.event_date else None,
            )
            ties.append(row)
            entities.setdefault(t.source, set())
            entities.setdefault(t.target, set())
        for m in r.mentions:
            ments.append(
                {
                    "article_id": a.id,
                    "org": m.org,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "method": m.method,
                }
            )
            if m.method in ("gazetteer", "ner", "product"):
                entities.setdefault(m.org, set()).add(m.text)
    ents = [
        {
            "name": n,
            "key": name_key(n),
            "kind": kinds.get(n),
            "aliases": sorted(al | {n}),
            "alias_keys": sorted({name_key(x) for x in al | {n}}),
        }
        for n, al in entities.items()
    ]
    rows = {"articles": arts, "ties": ties, "mentions": ments, "entities": ents}
    return {k: pa.Table.from_pylist(v, schema=SCHEMAS[k]) for k, v in rows.items()}
