"""What the command modules share: the --db option, the stderr console, the error exit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from tieline.config import load_settings
from tieline.errors import TielineError

err = Console(stderr=True)

DbOpt = Annotated[
    Path | None, typer.Option("--db", help="Store file [env TIELINE_DB; default ./tieline.duckdb]")
]


def db_path(db: Path | None) -> Path:
    """The store file: --db, else TIELINE_DB, else the default."""
    return load_settings(db=db).db


def fail(exc: TielineError) -> NoReturn:
    """Print a coded error and exit 2 (the CLI's convention for TielineError)."""
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(2)
