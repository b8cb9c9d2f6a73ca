"""``tieline export``: the store as GraphML, GEXF, Neo4j CSV, JSONL or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tieline.cli.common import DbOpt, db_path, err, fail
from tieline.errors import TielineError
from tieline.export import WRITERS, ExportReport, export
from tieline.store import Store


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to ``app``."""
    app.command("export")(export_cmd)


def export_cmd(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(sorted(WRITERS))}")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="File (graphml, gexf, jsonl) or folder (neo4j, parquet) to write"
        ),
    ],
    since: Annotated[str | None, typer.Option(help="Ties from this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="Ties up to this date (YYYY-MM-DD)")] = None,
    org: Annotated[str | None, typer.Option(help="Only ties involving this organization")] = None,
    db: DbOpt = None,
) -> None:
    """Export stored ties for Gephi (graphml, gexf), Neo4j, or as JSONL / Parquet tables."""
    try:
        with Store(db_path(db), read_only=True) as store:
            report = export(store, fmt, out, since=since, until=until, org=org)
    except TielineError as exc:
        fail(exc)
    print_report(report)


def print_report(report: ExportReport) -> None:
    """One line of what was written, then the next step if the format has one."""
    counts = ", ".join(f"{n} {what}" for what, n in report.counts.items())
    files = ", ".join(str(f) for f in report.files)
    err.print(f"wrote {report.format} ({counts}): {files}", highlight=False)
    if report.note:
        err.print(report.note, highlight=False, soft_wrap=True)
