"""``/api/ties``: ties with the CLI's filters, and one tie as evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from tieline.serve.deps import PageDep, StoreDep, WindowDep, canonical
from tieline.serve.errors import ApiError
from tieline.serve.schemas import ErrorOut, TieDetail, TiePage
from tieline.store import queries

router = APIRouter(tags=["ties"])


@router.get("/api/ties", response_model=TiePage, responses={404: {"model": ErrorOut}})
def list_ties(
    store: StoreDep,
    window: WindowDep,
    page: PageDep,
    org: Annotated[str | None, Query(max_length=200, description="Ties involving it")] = None,
    pair: Annotated[list[str] | None, Query(description="Two organizations: pair=A&pair=B")] = None,
    type: Annotated[str | None, Query(max_length=20, description="Tie type, e.g. SUE")] = None,
    context: Annotated[
        int, Query(ge=0, le=queries.MAX_CONTEXT, description="Characters of text either side")
    ] = 0,
) -> dict[str, Any]:
    """Ties newest first, filtered as the tieline ties command filters them."""
    if pair is not None and len(pair) != 2:
        raise ApiError(400, "bad_parameter", "pair needs exactly two names: pair=A&pair=B")
    rows = store.ties(
        org=canonical(store, org) if org else None,
        pair=(canonical(store, pair[0]), canonical(store, pair[1])) if pair else None,
        type=type,
        since=window.since,
        until=window.until,
        limit=page.limit + 1,
        offset=page.offset,
    )
    items, next_offset = page.cut(rows)
    ids = [r["id"] for r in items]
    around = queries.contexts(store, ids, chars=context)
    spans = queries.party_spans(store, ids)
    for r in items:
        r.update(around.get(r["id"], {}), parties=spans.get(r["id"], []))
    return {"items": items, "limit": page.limit, "offset": page.offset, "next_offset": next_offset}


@router.get("/api/ties/{tie_id}", response_model=TieDetail, responses={404: {"model": ErrorOut}})
def get_tie(
    store: StoreDep,
    tie_id: Annotated[str, Path(max_length=64)],
    context: Annotated[int, Query(ge=0, le=queries.MAX_CONTEXT)] = 300,
) -> dict[str, Any]:
    """One tie's evidence: sentence, offsets, party mentions, context and article metadata."""
    row = queries.tie(store, tie_id, context=context)
    if row is None:
        raise ApiError(404, "not_found", f"no tie {tie_id!r}")
    return row
