"""``tieline serve``: the dashboard and the JSON API over a store, read-only."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from tieline.cli.common import DbOpt, db_path, err, fail
from tieline.errors import DependencyError, StoreError


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve_cmd)


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve anywhere


def check_bind(host: str, token: str | None) -> None:
    """Refuse to expose the store beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise typer.BadParameter(
            f"binding to {host} lets other machines read the store; give --token "
            "(or set TIELINE_TOKEN) so every request must carry it",
            param_hint="--host",
        )


def serve_cmd(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; not loopback needs --token")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="TIELINE_TOKEN", help="Require it: Bearer header or ?token="),
    ] = None,
) -> None:
    """Serve the dashboard at / and the JSON API at /api (docs at /docs), read-only."""
    check_bind(host, token)
    path = db_path(db)
    if not path.exists():
        fail(StoreError(f"no store at {path}; create one with 'tieline ingest'"))
    try:
        import uvicorn

        from tieline.serve import create_app
    except DependencyError as exc:
        fail(exc)
    except ImportError as exc:
        fail(DependencyError(f"tieline serve needs {exc.name}; pip install 'tieline[serve]'"))
    try:
        app = create_app(path, token)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--token") from None
    _announce(path, host, port, token)
    uvicorn.run(app, host=host, port=port, server_header=False)


def _announce(path: Path, host: str, port: int, token: str | None) -> None:
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    err.print(f"serving {path} read-only at [bold]{url}[/bold] (Ctrl-C stops)", highlight=False)
