"""What every route shares: a read-only store per request, names, dates, pages.

DuckDB allows one writing process per file. The server never writes: each
request opens the store read-only and closes it when done. Opening a DuckDB
file costs tens of milliseconds, reconnecting to one already open in this
process well under one, so a :class:`Keeper` holds the file open while
requests keep coming and lets go after ``IDLE_S`` of quiet: a running
``tieline ingest`` (which takes the write lock per batch) then gets in. While
it writes, a request waits up to ``LOCK_WAIT_S`` and then answers 503.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import Depends, Query, Request

from tieline.errors import QueryError
from tieline.serve.errors import ApiError
from tieline.store import Store
from tieline.store.duckdb_store import parse_day

LOCK_WAIT_S = 2.0  # brief: a browser should hear "busy" rather than hang
IDLE_S = 1.0  # quiet time after which the server lets go of the store file
MAX_PAGE = 500  # page size cap of every list endpoint


class Keeper:
    """Keeps one read-only connection to the store while requests come, closed when idle."""

    def __init__(self, path: Path, idle: float = IDLE_S) -> None:
        self.path, self.idle = path, idle
        self._con: duckdb.DuckDBPyConnection | None = None
        self._last = 0.0
        self._lock = threading.Lock()

    def touch(self) -> None:
        """Note a request; open the keeper connection if the store can be read now."""
        with self._lock:
            self._last = time.monotonic()
            if self._con is not None or self.idle <= 0:
                return
            try:
                self._con = duckdb.connect(str(self.path), read_only=True)
            except duckdb.Error:
                return  # locked or missing: the request's own open waits, or says why
            threading.Thread(target=self._release_when_idle, daemon=True).start()

    def _release_when_idle(self) -> None:
        while True:
            time.sleep(self.idle / 2)
            with self._lock:
                if time.monotonic() - self._last >= self.idle:
                    self.close_now()
                    return

    def close_now(self) -> None:
        """Let go of the file (requests in flight keep their own connections)."""
        if self._con is not None:
            self._con.close()
            self._con = None


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (FastAPI runs this in its thread pool)."""
    request.app.state.keeper.touch()
    path: Path = request.app.state.db_path
    with Store(path, read_only=True, lock_timeout=LOCK_WAIT_S) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def canonical(store: Store, name: str) -> str:
    """The stored name of an organization or alias, or a 404 naming it."""
    try:
        return store.resolve_org(name)
    except QueryError:
        message = f"unknown organization {name!r}; search with /api/orgs?q="
        raise ApiError(404, "unknown_organization", message) from None


def day(value: str | None, what: str) -> dt.date | None:
    """A YYYY-MM-DD query parameter as a date, or a 400 ``bad_date``."""
    try:
        return parse_day(value, what) if value else None
    except QueryError as exc:
        raise ApiError(400, "bad_date", str(exc)) from None


class Window:
    """A ``since``..``until`` date range from the query string, both optional and inclusive."""

    def __init__(
        self,
        since: Annotated[str | None, Query(description="From this date, YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="Up to this date, YYYY-MM-DD")] = None,
    ) -> None:
        self.since, self.until = day(since, "since"), day(until, "until")
        if self.since and self.until and self.since > self.until:
            raise ApiError(400, "bad_date", f"since {self.since} is after until {self.until}")


WindowDep = Annotated[Window, Depends()]


class Page:
    """``limit`` (1..MAX_PAGE) and ``offset`` of a list endpoint."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
    ) -> None:
        self.limit, self.offset = limit, offset

    def cut(self, rows: list) -> tuple[list, int | None]:
        """The page from rows fetched with ``limit + 1``, and the next offset if there is more."""
        more = len(rows) > self.limit
        return rows[: self.limit], (self.offset + self.limit if more else None)


PageDep = Annotated[Page, Depends()]
