"""Read queries the web API needs beyond :class:`~tieline.store.Store`'s own.

Organization search, one tie with its article, context around evidence, the
party mentions inside it, one article's metadata and a store overview. All
are read-only and parameterized; nothing here takes a file path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tieline.resolve.names import name_key
from tieline.store.duckdb_store import Store

MAX_CONTEXT = 1_000  # characters either side of an evidence sentence


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    with store.session() as con:
        cur = con.execute(sql, list(params))
        cols = [d[0] for d in cur.description or []]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def search_orgs(store: Store, q: str, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Organizations with ties whose name or an alias contains ``q``; exact, then prefix first."""
    key, needle = name_key(q), q.casefold().strip()
    sql = """WITH ends AS (SELECT source AS org, article_id FROM ties
                           UNION ALL SELECT target, article_id FROM ties),
             hits AS (
               SELECT e.name, e.kind, e.aliases,
                 CASE WHEN e.key = ? OR list_contains(e.alias_keys, ?) THEN 0
                      WHEN starts_with(lower(e.name), ?) THEN 1 ELSE 2 END AS rank
               FROM entities e
               WHERE contains(lower(e.name), ?)
                  OR EXISTS (SELECT 1 FROM unnest(e.aliases) AS u(alias)
                             WHERE contains(lower(u.alias), ?)))
             SELECT h.name, h.kind, count(x.org) AS ties,
                    count(DISTINCT x.article_id) AS articles, h.aliases
             FROM hits h JOIN ends x ON x.org = h.name
             GROUP BY h.name, h.kind, h.aliases, h.rank
             ORDER BY h.rank, ties DESC, h.name LIMIT ? OFFSET ?"""
    rows = _rows(store, sql, [key, key, needle, needle, needle, limit, offset])
    for r in rows:
        r["aliases"] = sorted(r["aliases"] or [])
    return rows


def tie(store: Store, tie_id: str, *, context: int = 0) -> dict[str, Any] | None:
    """One tie with its article's metadata and ``context`` characters either side, or None."""
    sql = """SELECT t.id, t.article_id, t.source, t.target, t.type, t.modality, t.hedged,
                    t.attributed_to, t.actor, t.score, t.evidence, t.start, t."end",
                    strftime(t.event_date, '%Y-%m-%d') AS event_date, t.extractor,
                    strftime(a.date, '%Y-%m-%d') AS date, a.outlet, a.url, a.title
             FROM ties t JOIN articles a ON a.id = t.article_id WHERE t.id = ?"""
    rows = _rows(store, sql, [tie_id])
    if not rows:
        return None
    row = rows[0]
    row.update(contexts(store, [tie_id], chars=context).get(tie_id, {}))
    row["parties"] = party_spans(store, [tie_id]).get(tie_id, [])
    return row


def contexts(store: Store, tie_ids: Sequence[str], *, chars: int) -> dict[str, dict[str, str]]:
    """Tie id -> the article text just before and after its evidence (``chars`` each side)."""
    chars = max(0, min(int(chars), MAX_CONTEXT))
    if not tie_ids or chars == 0:
        return {}
    sql = """SELECT t.id,
               substring(a.text, greatest(t.start - ?, 0) + 1, t.start - greatest(t.start - ?, 0))
                 AS before,
               substring(a.text, t."end" + 1, ?) AS after
             FROM ties t JOIN articles a ON a.id = t.article_id
             WHERE list_contains(?, t.id)"""
    rows = _rows(store, sql, [chars, chars, chars, list(tie_ids)])
    return {r["id"]: {"before": r["before"], "after": r["after"]} for r in rows}


def party_spans(store: Store, tie_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Tie id -> mentions of its two parties inside its evidence, offsets relative to it."""
    if not tie_ids:
        return {}
    sql = """SELECT DISTINCT t.id, m.org, m.start - t.start AS start, m."end" - t.start AS "end"
             FROM ties t JOIN mentions m
               ON m.article_id = t.article_id AND m.org IN (t.source, t.target)
              AND m.start >= t.start AND m."end" <= t."end"
             WHERE list_contains(?, t.id)
             ORDER BY t.id, start"""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in _rows(store, sql, [list(tie_ids)]):
        out.setdefault(r.pop("id"), []).append(r)
    return out


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's metadata, length and tie count (not its text), or None."""
    sql = """SELECT a.id, a.title, a.url, a.outlet, strftime(a.date, '%Y-%m-%d') AS date,
                    length(a.text) AS chars, count(t.id) AS ties,
                    list(t.id ORDER BY t.start, t.id) FILTER (WHERE t.id IS NOT NULL) AS tie_ids
             FROM articles a LEFT JOIN ties t ON t.article_id = a.id
             WHERE a.id = ? GROUP BY a.id, a.title, a.url, a.outlet, a.date, a.text"""
    rows = _rows(store, sql, [article_id])
    if not rows:
        return None
    rows[0]["tie_ids"] = rows[0]["tie_ids"] or []
    return rows[0]


def overview(store: Store) -> dict[str, Any]:
    """Counts of articles, ties, organizations and outlets, and the span of article dates."""
    sql = """SELECT (SELECT count(*) FROM articles) AS articles,
                    (SELECT count(*) FROM ties) AS ties,
                    (SELECT count(*) FROM (SELECT source FROM ties UNION SELECT target FROM ties))
                      AS organizations,
                    (SELECT count(DISTINCT outlet) FROM articles) AS outlets,
                    (SELECT strftime(min(date), '%Y-%m-%d') FROM articles) AS first,
                    (SELECT strftime(max(date), '%Y-%m-%d') FROM articles) AS last"""
    return _rows(store, sql)[0]
