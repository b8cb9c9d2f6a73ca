"""The graph every graph export draws: organizations, and per pair and tie type one edge.

Built from ``Store.ties`` (the same filters as ``tieline ties``), so an edge is
exactly what the query commands would list. Symmetric types (TIES.md) make one
edge per unordered pair, from the alphabetically first name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tieline import data
from tieline.store import Store
from tieline.store.tables import Scope


@dataclass(slots=True)
class Node:
    """An organization and what the exported ties say about it."""

    name: str
    kind: str | None = None
    ties: int = 0
    articles: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)

    @property
    def first_seen(self) -> str | None:
        """Date of its earliest dated tie."""
        return min(self.dates) if self.dates else None

    @property
    def last_seen(self) -> str | None:
        """Date of its latest dated tie."""
        return max(self.dates) if self.dates else None

    def attributes(self) -> dict[str, Any]:
        """Node attributes for the file formats; absent values are left out."""
        attrs = {
            "label": self.name,
            "kind": self.kind,
            "ties": self.ties,
            "articles": len(self.articles),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }
        return {k: v for k, v in attrs.items() if v is not None}


@dataclass(slots=True)
class Edge:
    """All claims of one type between one (ordered, or for symmetric types unordered) pair."""

    source: str
    target: str
    type: str
    symmetric: bool
    evidence: int = 0
    score: float = 0.0
    hedged: int = 0
    articles: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    by_date: dict[str, list[float]] = field(default_factory=dict)  # date -> claim scores

    @property
    def first_seen(self) -> str | None:
        """Date of the earliest dated claim."""
        return min(self.by_date) if self.by_date else None

    @property
    def last_seen(self) -> str | None:
        """Date of the latest dated claim."""
        return max(self.by_date) if self.by_date else None

    def history(self) -> list[tuple[str, int, float]]:
        """(date, evidence so far, score so far) at each date with a claim, oldest first."""
        out, count, total = [], 0, 0.0
        for day in sorted(self.by_date):
            count += len(self.by_date[day])
            total += sum(self.by_date[day])
            out.append((day, count, round(total, 4)))
        return out

    def attributes(self) -> dict[str, Any]:
        """Edge attributes for the file formats; absent values are left out."""
        attrs = {
            "type": self.type,
            "symmetric": self.symmetric,
            "score": round(self.score, 4),
            "mean_score": round(self.score / self.evidence, 4) if self.evidence else 0.0,
            "evidence": self.evidence,
            "articles": len(self.articles),
            "outlets": len(self.outlets),
            "hedged": self.hedged,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }
        return {k: v for k, v in attrs.items() if v is not None}


@dataclass(slots=True)
class Graph:
    """Nodes by name and edges by (source, target, type)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)


def tie_rows(store: Store, sc: Scope) -> list[dict[str, Any]]:
    """The ties in scope, oldest first, with their article's date, outlet, url and title."""
    rows = store.ties(org=sc.org, since=sc.since, until=sc.until)
    rows.reverse()  # Store.ties lists newest first; histories read better oldest first
    rows.sort(key=lambda row: row["date"] is None)  # stable: undated ties last, as there
    return rows


def org_kinds(store: Store) -> dict[str, str | None]:
    """Kind of every organization that has ties (company, regulator, ...; None if unknown)."""
    return {row["name"]: row["kind"] for row in store.orgs()}


def build_graph(store: Store, sc: Scope | None = None) -> Graph:
    """The aggregated graph of the ties in scope."""
    sc = sc or Scope()
    symmetric = {name for name, spec in data.ontology().items() if spec.get("symmetric")}
    kinds = org_kinds(store)
    graph = Graph()
    for row in tie_rows(store, sc):
        for name in (row["source"], row["target"]):
            node = graph.nodes.get(name) or graph.nodes.setdefault(
                name, Node(name, kinds.get(name))
            )
            node.ties += 1
            node.articles.add(row["article_id"])
            if row["date"]:
                node.dates.add(row["date"])
        _add_claim(graph, row, row["type"] in symmetric)
    return graph


def _add_claim(graph: Graph, row: dict[str, Any], symmetric: bool) -> None:
    """Count one tie into its edge."""
    a, b = row["source"], row["target"]
    if symmetric and b < a:
        a, b = b, a
    edge = graph.edges.get((a, b, row["type"]))
    if edge is None:
        edge = graph.edges.setdefault((a, b, row["type"]), Edge(a, b, row["type"], symmetric))
    edge.evidence += 1
    edge.score += float(row["score"])
    edge.hedged += bool(row["hedged"])
    edge.articles.add(row["article_id"])
    if row["outlet"]:
        edge.outlets.add(row["outlet"])
    if row["date"]:
        edge.by_date.setdefault(row["date"], []).append(float(row["score"]))
