"""``/api/alerts``: pairs that turned between cooperation and conflict."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tieline.analyse import strain
from tieline.serve.deps import PageDep, StoreDep, canonical, day
from tieline.serve.schemas import AlertPage, ErrorOut

router = APIRouter(tags=["alerts"])


@router.get("/api/alerts", response_model=AlertPage, responses={404: {"model": ErrorOut}})
def list_alerts(
    store: StoreDep,
    page: PageDep,
    since: Annotated[str | None, Query(description="Turns from this date, YYYY-MM-DD")] = None,
    org: Annotated[str | None, Query(max_length=200, description="Turns of its pairs")] = None,
    date: Annotated[Literal["report", "event"], Query()] = "report",
) -> dict[str, Any]:
    """Turns of every pair (or of the pairs of org) since a date, newest first."""
    found = strain.alerts(
        store, since=day(since, "since"), org=canonical(store, org) if org else None, date=date
    )
    rows = [a.to_dict() for a in found[page.offset : page.offset + page.limit + 1]]
    items, next_offset = page.cut(rows)
    return {"items": items, "limit": page.limit, "offset": page.offset, "next_offset": next_offset}
