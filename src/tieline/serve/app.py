"""The web app: a JSON API over the store and the analyses, and the dashboard that uses it.

``create_app`` builds it; ``tieline serve`` runs it under uvicorn. Routes hold
no logic of their own: they call :class:`~tieline.store.Store`,
:mod:`tieline.store.queries` and :mod:`tieline.analyse`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

import tieline
from tieline.serve import errors
from tieline.serve.deps import IDLE_S, Keeper
from tieline.serve.routes import ROUTERS
from tieline.serve.security import LOOPBACK_HOSTS, Gate, check_token

STATIC = Path(__file__).parent / "static"
DESCRIPTION = (
    "Ties between organizations, extracted from news, with their evidence.\n\n"
    "Lists take limit (at most 500) and offset, and answer next_offset (null on the last "
    'page). Dates are YYYY-MM-DD. Every error is {"error": code, "message": text}: 400 '
    "for bad parameters and dates, 404 for unknown organizations, ties and articles, 503 "
    "while an ingest holds the store. This schema (/openapi.json) is the contract."
)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    allowed_hosts: Iterable[str] | None = None,
    idle: float = IDLE_S,
) -> FastAPI:
    """The app over the store at ``db_path``; with ``token`` every request must carry it.

    ``allowed_hosts`` are the Host names it answers to; by default loopback
    names without a token, any with one. The store file stays open while
    requests come and is let go after ``idle`` seconds of quiet (0: never held).
    """
    app = FastAPI(
        title="tieline",
        version=tieline.__version__,
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's Swagger page loads from a CDN; /docs is a local page
        redoc_url=None,
    )
    app.state.db_path = Path(db_path)
    app.state.keeper = Keeper(app.state.db_path, idle)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    _pages(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    hosts = allowed_hosts if allowed_hosts is not None else (None if token else LOOPBACK_HOSTS)
    app.add_middleware(Gate, token=check_token(token) if token else None, allowed_hosts=hosts)
    return app


def _pages(app: FastAPI) -> None:
    """The dashboard, the API reference page and their static files."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with our 400 error body where it documents its own 422."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for item in spec["paths"].values():
        for op in item.values():
            if op["responses"].pop("422", None) is not None:
                op["responses"]["400"] = {"description": "Bad parameter or date", **error}
    schemas = spec.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = spec
    return spec


def app_from_env() -> FastAPI:
    """An app configured by TIELINE_DB and TIELINE_TOKEN (``uvicorn --factory``)."""
    from tieline.config import load_settings

    return create_app(load_settings().db, os.environ.get("TIELINE_TOKEN") or None)
