"""Neo4j bulk-import CSVs, JSONL per TIES.md and Parquet tables, checked against their specs."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tieline import data
from tieline.export import export
from tieline.export.neo4j import import_command
from tieline.model import Article
from tieline.pipeline import Extractor
from tieline.store import Store

# neo4j-admin database import header syntax: name:type, :ID(space), :START_ID(space), ...
NEO4J_TYPES = {
    "int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
    "date", "localtime", "time", "localdatetime", "datetime", "duration",
}  # fmt: skip
HEADER_FIELD = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?"
    r"(?::(?P<kind>ID|START_ID|END_ID|TYPE|LABEL|IGNORE|[a-z]+(?:\[\])?)"
    r"(?:\((?P<space>[A-Za-z_][A-Za-z0-9_]*)\))?)?$"
)
TIES_MD_ARTICLE = ["article_id", "url", "title", "outlet", "date", "ties"]
TIES_MD_TIE = [
    "source", "target", "type", "modality", "hedged", "attributed_to", "actor", "score",
    "evidence", "start", "end",
]  # fmt: skip


def _header(fields: list[str]) -> list[dict[str, str | None]]:
    parsed = []
    for field in fields:
        m = HEADER_FIELD.match(field)
        assert m, f"not neo4j-admin header syntax: {field!r}"
        kind = m["kind"]
        if kind and kind not in {"ID", "START_ID", "END_ID", "TYPE", "LABEL", "IGNORE"}:
            assert kind.removesuffix("[]") in NEO4J_TYPES, f"unknown property type in {field!r}"
            assert m["name"], f"a typed property needs a name: {field!r}"
        if kind in {"START_ID", "END_ID", "TYPE", "LABEL"}:
            assert not m["name"], f"{field!r} takes no property name"
        parsed.append(m.groupdict())
    return parsed


def _check_value(kind: str | None, value: str) -> None:
    if value == "" or kind in (None, "string", "ID", "START_ID", "END_ID", "LABEL"):
        return
    checks = {
        "int": int, "float": float, "date": dt.date.fromisoformat,
        "boolean": lambda v: {"true": True, "false": False}[v],
        "TYPE": lambda v: data.ontology()[v],
    }  # fmt: skip
    checks[kind](value)


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_neo4j_csvs_follow_the_import_header_syntax(store: Store, tmp_path: Path) -> None:
    report = export(store, "neo4j", tmp_path / "neo4j")
    nodes_head, nodes = _read_csv(tmp_path / "neo4j" / "orgs.csv")
    rels_head, rels = _read_csv(tmp_path / "neo4j" / "ties.csv")
    assert nodes_head[:3] == ["orgId:ID(Org)", "name", "kind"] and nodes_head[-1] == ":LABEL"
    assert rels_head[:4] == [":START_ID(Org)", ":END_ID(Org)", ":TYPE", "tieId"]
    assert "score:float" in rels_head and "date:date" in rels_head
    node_fields, rel_fields = _header(nodes_head), _header(rels_head)
    assert [f["kind"] for f in node_fields].count("ID") == 1
    spaces = {
        f["space"] for f in node_fields + rel_fields if f["kind"] in {"ID", "START_ID", "END_ID"}
    }
    assert spaces == {"Org"}  # one id space, shared by nodes and relationships
    for fields, rows in ((node_fields, nodes), (rel_fields, rels)):
        for row in rows:
            assert len(row) == len(fields)
            for field, value in zip(fields, row, strict=True):
                _check_value(field["kind"], value)
    ids = {row[0] for row in nodes}
    assert len(ids) == len(nodes) == report.counts["nodes"]
    assert all(row[0] in ids and row[1] in ids for row in rels)
    assert len(rels) == len(store.ties()) == report.counts["relationships"]
    labels = {row[0]: row[-1] for row in nodes}
    assert labels["Plimco"] == "Org;Startup" and labels["Trade Authority"] == "Org;Regulator"
    assert report.note and report.note.endswith(
        import_command(tmp_path / "neo4j" / "orgs.csv", tmp_path / "neo4j" / "ties.csv")
    )
    assert import_command("orgs.csv", "ties.csv") == (
        "neo4j-admin database import full neo4j --nodes=orgs.csv "
        "--relationships=ties.csv --multiline-fields=true"
    )


def test_jsonl_has_one_line_per_article_with_the_ties_md_fields(
    store: Store, tmp_path: Path, extractor: Extractor, export_articles: list[Article]
) -> None:
    report = export(store, "jsonl", tmp_path / "ties.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "ties.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == len(export_articles) == report.counts["articles"]
    texts = {a.id: a.text for a in export_articles}
    for line in lines:
        assert list(line)[:6] == TIES_MD_ARTICLE
        for tie in line["ties"]:
            assert list(tie)[:11] == TIES_MD_TIE
            assert texts[line["article_id"]][tie["start"] : tie["end"]] == tie["evidence"]
    # The same objects `tieline extract --format jsonl` prints for these articles.
    fresh = {r.article.id: [t.to_dict() for t in r.ties] for r in extractor.run(export_articles)}
    assert {x["article_id"]: x["ties"] for x in lines} == fresh
    assert next(x for x in lines if x["article_id"] == "e5")["date"] is None


def test_jsonl_scope_keeps_articles_in_range_and_ties_of_the_org(
    store: Store, tmp_path: Path
) -> None:
    export(store, "jsonl", tmp_path / "z.jsonl", org="Zorvex", until="2024-09-30")
    lines = [json.loads(x) for x in (tmp_path / "z.jsonl").read_text("utf-8").splitlines()]
    assert [x["article_id"] for x in lines] == ["e1", "e2", "e7"]
    assert all("Zorvex" in (t["source"], t["target"]) for x in lines for t in x["ties"])
    export(store, "jsonl", tmp_path / "all.jsonl", since="2024-08-01")
    ids = [json.loads(x)["article_id"] for x in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert ids == ["e6", "e7", "e8"]  # an article without ties is still an article


def test_parquet_tables_have_the_store_columns_and_rows(store_file: Path, tmp_path: Path) -> None:
    with Store(store_file, read_only=True) as store:
        report = export(store, "parquet", tmp_path / "pq")
        counts = store.counts()
    assert report.counts == counts
    con = duckdb.connect(str(store_file), read_only=True)
    try:
        for name, rows in counts.items():
            table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
            columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            assert table.column_names == columns
            assert table.num_rows == rows
    finally:
        con.close()
    ties = pq.read_table(tmp_path / "pq" / "ties.parquet").to_pylist()
    assert {t["type"] for t in ties} >= {"SUE", "PARTNER", "INVEST", "COMPETE", "REGULATE"}
    assert (
        str(pq.read_schema(tmp_path / "pq" / "articles.parquet").field("date").type)
        == "date32[day]"
    )


def test_parquet_scope_limits_every_table(store: Store, tmp_path: Path) -> None:
    report = export(store, "parquet", tmp_path / "pq", org="Zorvex Capital")
    assert report.counts["ties"] == 1 and report.counts["articles"] == 1
    entities = pq.read_table(tmp_path / "pq" / "entities.parquet").column("name").to_pylist()
    assert set(entities) == {"Zorvex Capital", "Plimco"}
