"""``/api/pairs/{a}/{b}``: a pair's timeline and its turns."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tieline.analyse import strain, timeline
from tieline.serve.deps import StoreDep, WindowDep, canonical
from tieline.serve.schemas import Alert, ErrorOut, Timeline

router = APIRouter(tags=["pairs"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}
DateKind = Annotated[
    Literal["report", "event"], Query(description="Place ties at the report or event date")
]


@router.get("/api/pairs/{a}/{b}/timeline", response_model=Timeline, responses=NOT_FOUND)
def pair_timeline(
    store: StoreDep,
    a: str,
    b: str,
    window: WindowDep,
    by: Annotated[
        Literal["week", "month", "quarter"] | None, Query(description="Period; default by span")
    ] = None,
    date: DateKind = "report",
) -> dict[str, Any]:
    """The pair's score, ties by type and evidence per period, oldest first."""
    found = timeline.pair_timeline(
        store, canonical(store, a), canonical(store, b),
        by=by, date=date, since=window.since, until=window.until,
    )  # fmt: skip
    return found.to_dict()


@router.get("/api/pairs/{a}/{b}/turns", response_model=list[Alert], responses=NOT_FOUND)
def pair_turns(store: StoreDep, a: str, b: str, date: DateKind = "report") -> list[dict[str, Any]]:
    """The pair's turns between cooperation and conflict, oldest first."""
    turns = strain.pair_turns(store, canonical(store, a), canonical(store, b), date=date)
    return [t.to_dict() for t in turns]
