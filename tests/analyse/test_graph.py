"""The tie graph: windows, ego graphs, centrality, blocs and balance patterns."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from tieline.analyse.graph import centrality, communities, patterns, summary, tie_graph
from tieline.store import Store


def _arts(build: Callable):
    ties = [
        ("Zorvex", "Plimco", "PARTNER"), ("Zorvex", "Plimco", "INVEST"),
        ("Brinemoor", "Zorvex", "SUE"), ("Brinemoor", "Trade Authority", "PARTNER"),
        ("Plimco", "Daily Lantern", "SUPPLY"), ("Daily Lantern", "Brinemoor", "CRITICIZE"),
        ("Trade Authority", "Daily Lantern", "REGULATE"),
    ]  # fmt: skip
    arts = [(f"g{k}", f"2024-0{k % 3 + 1}-10", "Wire", None, [t]) for k, t in enumerate(ties)]
    arts.append(("late", "2024-09-01", "Wire", None, [("Zorvex", "Nobody Inc", "PARTNER")]))
    return build(arts)


def test_graph_window_and_ego(build: Callable) -> None:
    with Store(_arts(build), read_only=True) as store:
        full = tie_graph(store)
        window = tie_graph(store, until="2024-06-30")
        ego = tie_graph(store, org="Zorvex", depth=1)
    assert full.has_edge("Zorvex", "Nobody Inc") and not window.has_edge("Zorvex", "Nobody Inc")
    edge = full["Plimco"]["Zorvex"]
    assert edge["ties"] == 2 and edge["relation"] == "partner" and edge["types"]["INVEST"] == 1
    assert full["Brinemoor"]["Zorvex"]["relation"] == "rival"
    assert set(ego) == {"Zorvex", "Plimco", "Brinemoor", "Nobody Inc"}


def test_centrality_blocs_and_patterns(build: Callable) -> None:
    with Store(_arts(build), read_only=True) as store:
        graph = tie_graph(store, until="2024-06-30")
    cent = centrality(graph)
    assert max(cent, key=lambda n: cent[n]["centrality"]) in {
        "Zorvex",
        "Brinemoor",
        "Daily Lantern",
    }
    blocs = communities(graph)
    assert ["Plimco", "Zorvex"] in [sorted(b) for b in blocs] or any(
        {"Plimco", "Zorvex"} <= set(b) for b in blocs
    )
    assert not any({"Brinemoor", "Zorvex"} <= set(b) for b in blocs)  # rivals never share a bloc
    found = {(p["pattern"], p["org"], p["via"]) for p in patterns(graph, "Zorvex")}
    assert ("partner of my rival", "Trade Authority", "Brinemoor") in found
    assert (
        "rival of my partner",
        "Daily Lantern",
        "Plimco",
    ) not in found  # Plimco-Lantern: partner
    doc = summary(graph, "Zorvex")
    assert {"nodes", "edges", "blocs", "patterns"} <= set(doc) and doc["patterns"]
    assert summary(nx.Graph(), None) == {"nodes": [], "edges": [], "blocs": [], "patterns": []}
