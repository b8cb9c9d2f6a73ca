"""One JSON error shape for every failure: ``{"error": code, "message": text}``.

Errors tieline raises on purpose become 4xx/503 with their message; anything
else is a 500 with a generic message, and the details (SQL included) go to
the server log only.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from tieline.errors import QueryError, StoreError, StoreLockedError

log = logging.getLogger("tieline.serve")

RETRY_AFTER_S = 5  # what a client is told to wait while an ingest holds the store
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}


class ApiError(Exception):
    """A client-facing failure with an HTTP status, a stable code and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON body every error uses."""
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message)


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(400, "bad_parameter", str(exc))


async def _locked(request: Request, exc: Exception) -> JSONResponse:
    message = (
        "the store is being written by another process (an ingest holds DuckDB's single "
        f"writer lock); try again in {RETRY_AFTER_S} s"
    )
    return error_response(503, "store_busy", message, {"Retry-After": str(RETRY_AFTER_S)})


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    # The message may name server paths: log it, tell the client only what to do.
    log.error("store unavailable: %s", exc)
    message = "the store cannot be opened; the server log says why"
    return error_response(503, "store_unavailable", message)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "request"
    return error_response(400, "bad_parameter", f"{where}: {first.get('msg', 'invalid')}")


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error; the server log has details")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app`` (most specific first)."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(StoreLockedError, _locked)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
