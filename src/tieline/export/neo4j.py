"""Neo4j bulk-import CSVs: ``orgs.csv`` (one node per organization) and ``ties.csv``.

Headers follow ``neo4j-admin database import``: node ids live in the ``Org`` id
space, every tie is one relationship typed by its tie type and carrying its
evidence, and property columns are typed (``score:float``, ``date:date``). An
empty cell means "no property". Evidence may span lines, hence
``--multiline-fields=true`` in :func:`import_command`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from tieline import data
from tieline.export.files import ExportReport, atomic_write, out_folder
from tieline.export.graph import Node, build_graph, tie_rows
from tieline.store import Store
from tieline.store.tables import Scope

ID_SPACE = "Org"
NODES_FILE, RELS_FILE = "orgs.csv", "ties.csv"
NODE_HEADER = [
    f"orgId:ID({ID_SPACE})", "name", "kind", "ties:int", "articles:int",
    "firstSeen:date", "lastSeen:date", ":LABEL",
]  # fmt: skip
REL_HEADER = [
    f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", ":TYPE", "tieId", "score:float",
    "modality", "hedged:boolean", "symmetric:boolean", "attributedTo", "actor", "evidence",
    "evidenceStart:int", "evidenceEnd:int", "date:date", "articleId", "outlet", "url", "title",
]  # fmt: skip


def write(store: Store, out: Path, sc: Scope) -> ExportReport:
    """Write ``orgs.csv`` and ``ties.csv`` for neo4j-admin into the folder ``out``."""
    folder = out_folder(out)
    graph = build_graph(store, sc)
    nodes_path, rels_path = folder / NODES_FILE, folder / RELS_FILE
    with atomic_write(nodes_path) as fh:
        writer = csv.writer(fh)
        writer.writerow(NODE_HEADER)
        writer.writerows(node_row(node) for node in graph.nodes.values())
    symmetric = {name for name, spec in data.ontology().items() if spec.get("symmetric")}
    rows = tie_rows(store, sc)
    with atomic_write(rels_path) as fh:
        writer = csv.writer(fh)
        writer.writerow(REL_HEADER)
        writer.writerows(rel_row(row, row["type"] in symmetric) for row in rows)
    return ExportReport(
        "neo4j",
        [nodes_path, rels_path],
        {"nodes": len(graph.nodes), "relationships": len(rows)},
        note="import with: " + import_command(nodes_path, rels_path),
    )


def import_command(nodes: Path | str, rels: Path | str, database: str = "neo4j") -> str:
    """The neo4j-admin (5.19+) command that loads these files into a new database."""
    return (
        f"neo4j-admin database import full {database} --nodes={nodes} "
        f"--relationships={rels} --multiline-fields=true"
    )


def node_row(node: Node) -> list[Any]:
    """One orgs.csv row."""
    return [
        node.name, node.name, node.kind, node.ties, len(node.articles),
        node.first_seen, node.last_seen, ";".join(labels(node.kind)),
    ]  # fmt: skip


def labels(kind: str | None) -> list[str]:
    """Node labels: ``Org`` plus the kind in label case (``startup`` -> ``Startup``)."""
    extra = "".join(p.capitalize() for p in re.split(r"[^A-Za-z0-9]+", kind or "") if p)
    return [ID_SPACE, extra] if extra and extra != ID_SPACE else [ID_SPACE]


def rel_row(row: dict[str, Any], symmetric: bool) -> list[Any]:
    """One ties.csv row from a ``Store.ties`` row."""
    return [
        row["source"], row["target"], row["type"], row["id"], row["score"], row["modality"],
        _bool(row["hedged"]), _bool(symmetric), row["attributed_to"], row["actor"],
        row["evidence"], row["start"], row["end"], row["date"], row["article_id"],
        row["outlet"], row["url"], row["title"],
    ]  # fmt: skip


def _bool(value: Any) -> str:
    return "true" if value else "false"
