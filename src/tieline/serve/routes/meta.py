"""``/api/overview``: what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tieline import data
from tieline.serve.deps import StoreDep
from tieline.serve.schemas import Overview
from tieline.store import queries

router = APIRouter(tags=["store"])


@router.get("/api/overview", response_model=Overview)
def overview(store: StoreDep) -> dict[str, Any]:
    """Counts of articles, ties, organizations and outlets; the date span; the tie types."""
    types = {name: float(t["weight"]) for name, t in data.ontology().items()}
    return {**queries.overview(store), "types": types}
