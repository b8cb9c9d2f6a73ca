"""``/api/orgs``: organizations, searched by name or alias."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tieline.serve.deps import PageDep, StoreDep, canonical
from tieline.serve.schemas import ErrorOut, Org, OrgPage
from tieline.store import queries

router = APIRouter(tags=["organizations"])


@router.get("/api/orgs", response_model=OrgPage)
def list_orgs(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str, Query(max_length=200, description="Part of a name or alias")] = "",
) -> dict[str, Any]:
    """Organizations with ties whose name or an alias contains q, best matches first."""
    rows = queries.search_orgs(store, q, limit=page.limit + 1, offset=page.offset)
    items, next_offset = page.cut(rows)
    return {"items": items, "limit": page.limit, "offset": page.offset, "next_offset": next_offset}


@router.get("/api/orgs/{name}", response_model=Org, responses={404: {"model": ErrorOut}})
def get_org(store: StoreDep, name: str) -> dict[str, Any]:
    """One organization, by name or alias."""
    found = canonical(store, name)
    return next(r for r in queries.search_orgs(store, found, limit=50) if r["name"] == found)
