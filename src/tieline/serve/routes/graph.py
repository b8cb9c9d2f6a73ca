"""``/api/graph``: organizations and their ties in a window, for the network view."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tieline.analyse import graph
from tieline.serve.deps import StoreDep, WindowDep, canonical
from tieline.serve.schemas import ErrorOut, Graph

router = APIRouter(tags=["graph"])


@router.get("/api/graph", response_model=Graph, responses={404: {"model": ErrorOut}})
def window_graph(
    store: StoreDep,
    window: WindowDep,
    org: Annotated[str | None, Query(max_length=200, description="Only around it")] = None,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from org")] = 2,
) -> dict[str, Any]:
    """Pairs tied in the window with centrality, blocs and, around org, balance patterns."""
    center = canonical(store, org) if org else None
    found = graph.tie_graph(store, since=window.since, until=window.until, org=center, depth=depth)
    return graph.summary(found, center)
