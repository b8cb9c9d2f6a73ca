"""What the server refuses: foreign hosts, missing tokens, writes, raw SQL errors, paths."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from tieline.serve import create_app, deps
from tieline.store import Store, queries

TOKEN = "s3cret-token"


@pytest.fixture()
def guarded(served_db: Path) -> TestClient:
    return TestClient(create_app(served_db, token=TOKEN), base_url="http://10.0.0.5")


def test_without_a_token_only_loopback_hosts_are_answered(served_db: Path) -> None:
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 must get nothing.
    app = create_app(served_db)
    for host, status in [("127.0.0.1:8000", 200), ("localhost", 200), ("evil.example", 400)]:
        response = TestClient(app, base_url=f"http://{host}").get("/api/overview")
        assert response.status_code == status
    assert response.json()["error"] == "bad_host"


def test_with_a_token_every_request_needs_it(guarded: TestClient) -> None:
    for url in ("/api/overview", "/", "/static/app.css", "/openapi.json", "/docs"):
        refused = guarded.get(url)
        assert refused.status_code == 401 and refused.json()["error"] == "unauthorized"
    assert guarded.get("/api/overview", headers={"Authorization": "Bearer nope"}).status_code == 401
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.get("/api/overview", headers=bearer).status_code == 200


def test_a_query_token_sets_a_cookie_for_the_dashboard(guarded: TestClient) -> None:
    page = guarded.get(f"/?token={TOKEN}")
    assert page.status_code == 200
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert guarded.get("/api/overview").status_code == 200  # the cookie now carries it


def test_every_answer_has_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/overview", "/api/orgs/Nobody", "/static/js/app.js"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/overview").headers["cache-control"] == "no-store"


def test_sql_errors_are_logged_not_echoed(
    served_db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(store: Store) -> None:
        raise duckdb.BinderException('Referenced column "secret" not found: SELECT secret FROM t')

    monkeypatch.setattr(queries, "overview", broken)
    app_client = TestClient(create_app(served_db), base_url="http://127.0.0.1",
                            raise_server_exceptions=False)  # fmt: skip
    response = app_client.get("/api/overview")
    assert response.status_code == 500
    assert response.json()["error"] == "internal_error"
    assert "secret" not in response.text and "SELECT" not in response.text
    assert "SELECT secret" in caplog.text


def test_the_server_lets_go_of_the_store_when_idle(served_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(served_db.read_bytes())
    client = TestClient(create_app(db, idle=0.2), base_url="http://127.0.0.1")
    assert client.get("/api/ties?limit=3").status_code == 200
    time.sleep(0.6)
    with Store(db) as writer:  # fails while any read-only connection is open
        writer.add([])
    assert client.get("/api/overview").json()["articles"] == 11


def test_a_store_locked_by_a_writer_answers_503(
    served_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "locked.duckdb"
    db.write_bytes(served_db.read_bytes())
    hold = (
        f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); "
        "print('locked', flush=True); sys.stdin.read()"
    )
    writer = subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        monkeypatch.setattr(deps, "LOCK_WAIT_S", 0.3)
        started = time.monotonic()
        response = TestClient(create_app(db), base_url="http://127.0.0.1").get("/api/overview")
        assert response.status_code == 503 and response.json()["error"] == "store_busy"
        assert response.headers["retry-after"] and time.monotonic() - started < 5
    finally:
        writer.communicate("", timeout=10)


def test_a_missing_store_is_503_without_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "secret-dir" / "none.duckdb"
    response = TestClient(create_app(missing), base_url="http://127.0.0.1").get("/api/overview")
    assert response.status_code == 503 and response.json()["error"] == "store_unavailable"
    assert "secret-dir" not in response.text


@pytest.mark.parametrize(
    "url", ["/static/../app.py", "/static/%2e%2e/app.py", "/api/articles/..%2F..%2Fetc%2Fpasswd"]
)
def test_requests_cannot_reach_files(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "create_app" not in response.text
