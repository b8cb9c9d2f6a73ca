"""GraphML and GEXF round trips through networkx, and the Python API's graph and frames."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from tieline.errors import DependencyError, ExportError, QueryError
from tieline.export import export, to_frames, to_networkx
from tieline.export.graph import build_graph
from tieline.store import Store
from tieline.store.tables import Scope


def _edges_by_type(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, v, d["type"]): d for u, v, d in graph.edges(data=True)}


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(
    store: Store, tmp_path: Path
) -> None:
    report = export(store, "graphml", tmp_path / "ties.graphml")
    read = nx.read_graphml(report.files[0], force_multigraph=True)
    expected = build_graph(store)
    assert dict(read.nodes(data=True)) == {n.name: n.attributes() for n in expected.nodes.values()}
    edges = _edges_by_type(read)
    assert len(edges) == read.number_of_edges() == len(expected.edges)
    for key, edge in expected.edges.items():
        want = {"label": edge.type, "weight": float(edge.evidence), **edge.attributes()}
        assert edges[key] == want
    sue = edges[("Zorvex", "Plimco", "SUE")]
    assert (sue["evidence"], sue["score"], sue["first_seen"], sue["last_seen"]) == (
        2, -14.0, "2024-03-02", "2024-11-05",
    )  # fmt: skip
    assert read.nodes["Plimco"]["kind"] == "startup"
    assert "first_seen" not in read.nodes["Trade Authority"]  # its only tie is undated


def test_gexf_reads_back_and_replays_history_over_time(store: Store, tmp_path: Path) -> None:
    report = export(store, "gexf", tmp_path / "ties.gexf")
    read = nx.read_gexf(report.files[0])
    expected = build_graph(store)
    assert read.graph["mode"] == "dynamic"
    assert set(read.nodes) == set(expected.nodes)
    for node in expected.nodes.values():
        got = dict(read.nodes[node.name])
        start, end = got.pop("start", None), got.pop("end", None)
        assert got == node.attributes()
        assert (start, end) == (node.first_seen, node.last_seen)
    edges = _edges_by_type(read)
    assert len(edges) == len(expected.edges)
    static = {"start", "end", "id", "label", "weight", "evidence_to_date", "score_to_date"}
    for key, edge in expected.edges.items():
        got = edges[key]
        assert {k: v for k, v in got.items() if k not in static} == edge.attributes()
        assert (got["label"], got["weight"]) == (edge.type, float(edge.evidence))
    sue = edges[("Zorvex", "Plimco", "SUE")]
    assert (sue["start"], sue["end"]) == ("2024-03-02", "2024-11-05")
    assert sue["evidence_to_date"] == [
        (1, "2024-03-02", "2024-11-04"),
        (2, "2024-11-05", "2024-11-05"),
    ]
    assert sue["score_to_date"] == [
        (-7.0, "2024-03-02", "2024-11-04"),
        (-14.0, "2024-11-05", "2024-11-05"),
    ]
    regulate = edges[("Trade Authority", "Brinemoor", "REGULATE")]
    assert "start" not in regulate and "evidence_to_date" not in regulate  # undated: always on


def test_symmetric_ties_make_one_edge_per_unordered_pair(store: Store) -> None:
    graph = build_graph(store)
    partner = [e for e in graph.edges.values() if e.type == "PARTNER"]
    assert [(e.source, e.target, e.symmetric) for e in partner] == [("Plimco", "Zorvex", True)]
    assert graph.edges[("Plimco", "Zorvex", "SUE")].symmetric is False  # the countersuit


def test_scope_filters_dates_and_resolves_org_aliases(store: Store, tmp_path: Path) -> None:
    graph = build_graph(store, Scope(since=None, until=None, org="Brinemoor"))
    assert set(graph.nodes) == {"Brinemoor", "Plimco", "Trade Authority"}
    report = export(store, "graphml", tmp_path / "g.graphml", org="zorvex inc.", since="2024-03-01")
    read = nx.read_graphml(report.files[0], force_multigraph=True)
    assert {d["type"] for _, _, d in read.edges(data=True)} == {"SUE"}
    assert set(read.nodes) == {"Zorvex", "Plimco"}


def test_bad_format_date_and_org_raise_coded_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="one of gexf, graphml, jsonl, neo4j, parquet"):
        export(store, "dot", tmp_path / "x.dot")
    with pytest.raises(QueryError):
        export(store, "gexf", tmp_path / "x.gexf", since="last spring")
    with pytest.raises(QueryError):
        export(store, "gexf", tmp_path / "x.gexf", org="Nobody Ltd")
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_to_networkx_has_one_edge_per_tie_keyed_by_tie_id(store: Store) -> None:
    graph = to_networkx(store)
    rows = store.ties()
    assert graph.number_of_edges() == len(rows)
    row = next(r for r in rows if r["article_id"] == "e2")
    data = graph.edges["Zorvex", "Plimco", row["id"]]
    assert (data["type"], data["score"], data["date"], data["outlet"]) == (
        "SUE", -7.0, "2024-03-02", "Ledger",
    )  # fmt: skip
    assert data["evidence"] == row["evidence"] and "actor" not in data  # None left out
    assert graph.nodes["Plimco"]["kind"] == "startup"
    later = to_networkx(store, since="2024-09-01")
    assert {d["article_id"] for _, _, d in later.edges(data=True)} == {"e7", "e8"}


def test_to_frames_gives_the_store_tables(store: Store) -> None:
    frames = to_frames(store)
    assert {name: len(df) for name, df in frames.items()} == store.counts()
    assert {"id", "text", "date", "outlet", "meta"} <= set(frames["articles"].columns)
    assert {"source", "target", "type", "score", "evidence", "end"} <= set(frames["ties"].columns)
    assert len(to_frames(store, org="Zorvex Capital")["ties"]) == 1


def test_missing_pandas_is_a_clear_error(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(DependencyError, match="pip install pandas"):
        to_frames(store)
