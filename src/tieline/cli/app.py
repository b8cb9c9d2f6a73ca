"""The ``tieline`` command: a thin layer over the Python API."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tieline import data
from tieline.analyse.strain import alerts
from tieline.cli import batch, exports, serve, timeline, watch
from tieline.cli.common import DbOpt, db_path, err, fail
from tieline.cli.output import Format, emit
from tieline.config import load_settings
from tieline.errors import TielineError
from tieline.ingest import read_inputs
from tieline.model import Article, Skipped
from tieline.pipeline import IngestReport, extract_articles, ingest
from tieline.store import Store
from tieline.store.parquet import merge_parquet

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Read news, extract evidence-backed ties between organizations.",
)

FmtOpt = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
TIE_COLUMNS = [
    "date",
    "source",
    "type",
    "target",
    "modality",
    "hedged",
    "attributed_to",
    "score",
    "outlet",
    "corroboration",
    "evidence",
]


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or table")] = "jsonl",
    processes: Annotated[int, typer.Option("--processes", "-p", help="Worker processes")] = 1,
) -> None:
    """Extract ties without storing them (JSONL per TIES.md, one line per article)."""
    settings = load_settings(n_process=processes)
    articles: list[Article] = []
    for item in read_inputs(paths, limits=settings.limits):
        if isinstance(item, Skipped):
            err.print(f"[yellow]skipped[/yellow] {item.message}")
        else:
            articles.append(item)
    for result in extract_articles(articles, settings=settings):
        a = result.article
        if fmt == "table":
            rows = [t.to_dict() for t in result.ties]
            emit(
                rows,
                Format.table,
                columns=[c for c in TIE_COLUMNS if c not in ("date", "outlet")],
                title=a.id,
            )
            continue
        line = {
            "article_id": a.id,
            "url": a.url,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date,
            "ties": [t.to_dict() for t in result.ties],
        }
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _run_ingest(paths: list[str], db: Path, processes: int, batch: int = 200) -> IngestReport:
    settings = load_settings(db=db, n_process=processes)
    # hold=False: the write lock is taken per batch, so queries and `tieline serve`
    # get answers between batches of a long ingest.
    with (
        Store(settings.db, hold=False) as store,
        Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as bar,
    ):
        task = bar.add_task("ingest", total=None, status="")

        def tick(item: Article | Skipped) -> None:
            if isinstance(item, Skipped):
                err.print(f"[yellow]skipped[/yellow] {item.message}")
            bar.update(task, advance=1, status=str(item.origin or "")[-40:])

        return ingest(paths, store, settings=settings, on_item=tick, batch_articles=batch)


def _print_report(report: IngestReport, db: Path) -> None:
    skipped = report.skipped_by_reason()
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())) or "none"
    err.print(
        f"read {report.read} articles: {report.new} new, {report.duplicate} duplicate; "
        f"skipped {len(report.skipped)} ({reasons}); {report.ties} ties stored in {db}"
    )


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, or - for stdin")
    ] = None,
    db: DbOpt = None,
    processes: Annotated[int, typer.Option("--processes", "-p", help="Worker processes")] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles per store transaction", min=1)
    ] = 200,
    from_parquet: Annotated[
        Path | None,
        typer.Option("--from-parquet", help="Merge a 'tieline batch --out' folder into the store"),
    ] = None,
) -> None:
    """Extract ties from articles and add them to the store (re-running changes nothing)."""
    if not paths and from_parquet is None:
        err.print("[red]error:[/red] give files or folders to read, or --from-parquet DIR")
        raise typer.Exit(2)
    try:
        if from_parquet is not None:
            with Store(db_path(db)) as store:
                stats = merge_parquet(store, from_parquet)
            err.print(
                f"merged {from_parquet}: {stats.articles} new articles, {stats.duplicates} "
                f"duplicate; {stats.ties} ties stored in {db_path(db)}"
            )
        if paths:
            _print_report(_run_ingest(paths, db_path(db), processes, batch_size), db_path(db))
    except TielineError as exc:
        fail(exc)


@app.command()
def ties(
    org: Annotated[str | None, typer.Option(help="Ties involving this organization")] = None,
    pair: Annotated[
        tuple[str, str] | None, typer.Option(help="Ties between two organizations")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="Tie type, e.g. SUE")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD)")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows")] = None,
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """List stored ties, newest first."""
    try:
        with Store(db_path(db), read_only=True) as store:
            rows = store.ties(org=org, pair=pair, type=type, since=since, until=until, limit=limit)
    except TielineError as exc:
        fail(exc)
        return
    emit(rows, fmt, columns=TIE_COLUMNS if fmt is Format.table else None)


@app.command()
def orgs(
    top: Annotated[int | None, typer.Option(help="Only the N most connected")] = None,
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """List organizations by number of ties."""
    try:
        with Store(db_path(db), read_only=True) as store:
            rows = store.orgs(top=top)
    except TielineError as exc:
        fail(exc)
        return
    emit(rows, fmt)


def _summary(store: Store, fmt: Format) -> None:
    """The strongest ties, and every turn ``tieline alerts`` reports (the same detector)."""
    strongest = store.strongest(top=15)
    found = alerts(store)
    if fmt is Format.json:  # one document a script can parse
        turns = [x.to_dict() for x in found]
        sys.stdout.write(json.dumps({"strongest": strongest, "turns": turns}, indent=1) + "\n")
        return
    console = Console()
    emit(strongest, fmt, title="Strongest ties (per pair and type)", console=console)
    if fmt is Format.table:
        rows = [timeline.alert_cells(x) for x in found]
    else:
        rows = [timeline.alert_row(x) for x in found]
    emit(rows, fmt, title="Turns, newest first (tieline alerts)", console=console)


@app.command()
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="Keep the demo store here")] = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Ingest the bundled sample corpus and show the strongest ties and the turns."""
    corpus = str(data.sample_articles_path())
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "demo.duckdb"
        report = _run_ingest([corpus], path, 1)
        _print_report(report, path)
        with Store(path, read_only=True) as store:
            _summary(store, fmt)


# Command groups that live in their own modules.
timeline.register(app)
batch.register(app)
exports.register(app)
watch.register(app)
serve.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
