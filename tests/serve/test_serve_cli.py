"""``tieline serve``: binds loopback by default, refuses to expose a store without a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tieline.cli import serve as serve_cli


@pytest.fixture()
def cli() -> typer.Typer:
    app = typer.Typer()
    serve_cli.register(app)
    app.command("noop", hidden=True)(lambda: None)  # two commands: "serve" stays a subcommand
    return app


@pytest.fixture()
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run calls, captured instead of serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.delenv("TIELINE_TOKEN", raising=False)
    return calls


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False),
     ("192.168.1.4", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert serve_cli.is_loopback(host) is loopback


def test_serves_loopback_by_default(cli: typer.Typer, runs: list, served_db: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(served_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert [(r["host"], r["port"]) for r in runs] == [("127.0.0.1", 8123)]


def test_other_addresses_need_a_token(cli: typer.Typer, runs: list, served_db: Path) -> None:
    refused = CliRunner().invoke(cli, ["serve", "--db", str(served_db), "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--token" in refused.output and not runs
    env = {"TIELINE_TOKEN": "t0k-3xample"}
    args = ["serve", "--db", str(served_db), "--host", "0.0.0.0"]
    assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    assert runs[0]["host"] == "0.0.0.0"
    guarded = TestClient(runs[0]["app"], base_url="http://10.0.0.1")
    assert guarded.get("/api/overview").status_code == 401
    assert guarded.get("/api/overview?token=t0k-3xample").status_code == 200


def test_a_missing_store_is_a_clear_error(cli: typer.Typer, runs: list, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "tieline ingest" in result.output and not runs


def test_a_token_that_cannot_travel_is_refused(
    cli: typer.Typer, runs: list, served_db: Path
) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(served_db), "--token", "a b;c"])
    assert result.exit_code == 2 and "--token" in result.output and not runs
