"""The tie graph of a window: who is tied to whom, central players, blocs, and balance patterns.

Nodes are organizations; an edge joins a pair with at least one tie in the
window and carries its number of ties and articles, its hedge-weighted mean
score and its ties by type. An edge is a partnership when its score is at
least ``LEVEL`` and a rivalry when at most ``-LEVEL``.

Centrality is degree centrality and (sampled, seeded) betweenness. Blocs are
Louvain communities of the cooperation edges weighted by articles, so
rivals are not put together for being in the news together. For one
organization, structural-balance patterns: a *partner of my rival* and a
*rival of my partner*, each with the organization in between.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from tieline.analyse.timeline import HEDGE_FACTOR
from tieline.store import Store
from tieline.store import analytics as sql
from tieline.store.duckdb_store import parse_day

LEVEL = 0.5
BETWEENNESS_SAMPLE = 300  # exact below this many nodes; a seeded sample above
SEED = 1


def tie_graph(
    store: Store,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    org: str | None = None,
    depth: int = 2,
) -> nx.Graph:
    """Pairs tied in a window as a graph; with ``org``, only what lies within ``depth`` of it."""
    rows = sql.graph_edges(
        store,
        hedge_factor=HEDGE_FACTOR,
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
    )
    graph = nx.Graph()
    for r in rows:
        graph.add_edge(
            r["a"], r["b"], ties=r["ties"], articles=r["articles"], score=round(r["score"], 3),
            types=r["types"], last=r["last"], relation=relation(r["score"]),
        )  # fmt: skip
    if org is None:
        return graph
    name = store.resolve_org(org)
    if name not in graph:
        return nx.Graph()
    return nx.ego_graph(graph, name, radius=depth)


def relation(score: float) -> str:
    """partner, rival or mixed, from an edge's mean score."""
    if score >= LEVEL:
        return "partner"
    return "rival" if score <= -LEVEL else "mixed"


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Per organization: degree, degree centrality and betweenness centrality."""
    if graph.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(graph)
    k = None if graph.number_of_nodes() <= BETWEENNESS_SAMPLE else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(graph, k=k, seed=SEED)
    return {
        n: {"degree": graph.degree(n), "centrality": round(degree[n], 4),
            "betweenness": round(between[n], 4)}
        for n in graph
    }  # fmt: skip


def communities(graph: nx.Graph) -> list[list[str]]:
    """Blocs: Louvain communities of the cooperation edges, largest first (singletons left out)."""
    coop = nx.Graph()
    coop.add_nodes_from(graph)
    coop.add_edges_from(
        (a, b, {"weight": d["articles"]})
        for a, b, d in graph.edges(data=True)
        if d["relation"] == "partner"
    )
    found = nx.community.louvain_communities(coop, weight="weight", seed=SEED)
    blocs = [sorted(c) for c in found if len(c) > 1]
    return sorted(blocs, key=lambda c: (-len(c), c))


def patterns(graph: nx.Graph, org: str) -> list[dict[str, Any]]:
    """ "partner of my rival" and "rival of my partner" for one organization."""
    if org not in graph:
        return []
    out = []
    for via in graph[org]:
        mine = graph[org][via]["relation"]
        if mine == "mixed":
            continue
        for other in graph[via]:
            theirs = graph[via][other]["relation"]
            if other == org or theirs == "mixed":
                continue
            if mine == "rival" and theirs == "partner":
                name = "partner of my rival"
            elif mine == "partner" and theirs == "rival":
                name = "rival of my partner"
            else:
                continue
            direct = graph[org][other]["relation"] if graph.has_edge(org, other) else None
            out.append({"pattern": name, "org": other, "via": via, "direct": direct})
    return sorted(out, key=lambda p: (p["pattern"], p["org"], p["via"]))


def summary(graph: nx.Graph, org: str | None = None) -> dict[str, Any]:
    """JSON-ready nodes (with centrality and bloc), edges, blocs and, for ``org``, patterns."""
    blocs = communities(graph)
    bloc_of = {n: i for i, c in enumerate(blocs) for n in c}
    cent = centrality(graph)
    nodes = [{"org": n, **cent[n], "bloc": bloc_of.get(n)} for n in graph]
    nodes.sort(key=lambda r: (-r["centrality"], -r["betweenness"], r["org"]))
    edges = [{"a": a, "b": b, **d} for a, b, d in sorted(graph.edges(data=True))]
    return {
        "nodes": nodes,
        "edges": edges,
        "blocs": blocs,
        "patterns": patterns(graph, org) if org else [],
    }
