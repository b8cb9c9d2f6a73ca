"""Fixtures of the web tests: one store of the invented corpus, an app and a live server."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")

with warnings.catch_warnings():  # Starlette 1.x nudges toward httpx2; httpx is what we ship
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient
from serve_corpus import write_corpus

from tieline.pipeline import Extractor, ingest
from tieline.serve import create_app
from tieline.store import Store


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """A store built from the invented corpus through the real pipeline (read-only in tests)."""
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "served.duckdb"
    with Store(db) as store:
        ingest([str(write_corpus(folder / "corpus.jsonl"))], store, settings=extractor.settings,
               extractor=extractor)  # fmt: skip
    return db


@pytest.fixture()
def client(served_db: Path) -> Iterator[TestClient]:
    """An API client on a loopback Host, as a browser on this machine would be."""
    with TestClient(create_app(served_db), base_url="http://127.0.0.1") as c:
        yield c


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_url(served_db: Path) -> Iterator[str]:
    """The app under a real uvicorn on 127.0.0.1, in a thread, for the browser."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(served_db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
