"""The store as Python objects: a networkx MultiDiGraph of ties, or pandas DataFrames.

networkx and pandas are optional; each is imported only when asked for, with
a clear message when it is missing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tieline.errors import DependencyError
from tieline.export.graph import build_graph, tie_rows
from tieline.store import Store
from tieline.store.tables import TABLES, read_table, scope

if TYPE_CHECKING:
    import networkx
    import pandas

# Store.ties columns that become edge attributes (source and target are the endpoints).
_EDGE_FIELDS = (
    "type", "score", "modality", "hedged", "attributed_to", "actor", "evidence", "start",
    "end", "date", "article_id", "outlet", "url", "title",
)  # fmt: skip


def to_networkx(
    store: Store,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    org: str | None = None,
) -> networkx.MultiDiGraph:
    """Every tie in range as one edge (key = tie id) between organization nodes."""
    nx = _require("networkx")
    sc = scope(store, since=since, until=until, org=org)
    graph = nx.MultiDiGraph()
    for node in build_graph(store, sc).nodes.values():
        graph.add_node(node.name, **node.attributes())
    for row in tie_rows(store, sc):
        # None-valued attributes are left out: nx.write_graphml and friends reject None.
        attrs = {k: row[k] for k in _EDGE_FIELDS if row[k] is not None}
        graph.add_edge(row["source"], row["target"], key=row["id"], **attrs)
    return graph


def to_frames(
    store: Store,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    org: str | None = None,
) -> dict[str, pandas.DataFrame]:
    """The articles, entities, mentions and ties tables as DataFrames (same filters)."""
    _require("pandas")
    sc = scope(store, since=since, until=until, org=org)
    return {name: read_table(store, name, sc).to_pandas() for name in TABLES}


def _require(module: str) -> Any:
    """Import an optional dependency, or raise DependencyError saying how to install it."""
    try:
        return __import__(module)
    except ImportError:
        raise DependencyError(
            f"this needs the optional package {module}; install it with 'pip install {module}'"
        ) from None
