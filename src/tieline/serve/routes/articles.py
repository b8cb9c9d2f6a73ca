"""``/api/articles/{id}``: an article's metadata."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from tieline.serve.deps import StoreDep
from tieline.serve.errors import ApiError
from tieline.serve.schemas import Article, ErrorOut
from tieline.store import queries

router = APIRouter(tags=["articles"])


@router.get(
    "/api/articles/{article_id:path}", response_model=Article, responses={404: {"model": ErrorOut}}
)
def get_article(
    store: StoreDep, article_id: Annotated[str, Path(max_length=300)]
) -> dict[str, Any]:
    """Title, url, outlet, date, length and tie ids of one article (not its text)."""
    row = queries.article(store, article_id)
    if row is None:
        raise ApiError(404, "not_found", f"no article {article_id!r}")
    return row
