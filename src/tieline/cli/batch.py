"""``tieline batch``: corpus-scale extraction on Dask into Parquet (thin over tieline.batch)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tieline.batch import DEFAULT_PARTITION_SIZE, BatchReport, run_batch
from tieline.config import load_settings
from tieline.errors import TielineError

err = Console(stderr=True)
SHOWN_SKIPPED = 20  # messages printed; the summary counts all of them


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to a Typer app."""
    app.command("batch")(batch)


def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (JSONL, CSV, HTML, WARC...)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet partitions")],
    workers: Annotated[
        int | None, typer.Option(min=1, help="Local worker processes [default: one per core]")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Use a running Dask scheduler, e.g. tcp://host:8786")
    ] = None,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition (and per output file)")
    ] = DEFAULT_PARTITION_SIZE,
) -> None:
    """Extract ties on Dask workers into Parquet under --out; rerun the same command to resume."""
    if workers is not None and scheduler is not None:
        err.print("[red]error:[/red] give --workers or --scheduler, not both")
        raise typer.Exit(2)
    try:
        report = _run(inputs, out, workers, scheduler, partition_size)
    except TielineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("[yellow]interrupted:[/yellow] run the same command again to resume")
        raise typer.Exit(130) from None
    _print_report(report)


def _run(
    inputs: list[str], out: Path, workers: int | None, scheduler: str | None, size: int
) -> BatchReport:
    """The run, with a progress bar of partitions fed as they finish."""
    columns = (
        TextColumn("[bold]batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("partitions, {task.fields[articles]} articles, {task.fields[ties]} ties"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err) as bar:
        task = bar.add_task("batch", total=None, articles=0, ties=0)

        def show(report: BatchReport) -> None:
            bar.update(
                task,
                completed=report.partitions,
                total=report.planned,
                articles=report.articles,
                ties=report.ties,
            )

        return run_batch(
            inputs,
            out,
            workers=workers,
            scheduler=scheduler,
            partition_size=size,
            settings=load_settings(),
            on_progress=show,
        )


def _print_report(report: BatchReport) -> None:
    """Skipped inputs (the first few), the totals, and how to use the output."""
    for skipped in report.skipped[:SHOWN_SKIPPED]:
        err.print(f"[yellow]skipped[/yellow] {skipped.message}")
    if len(report.skipped) > SHOWN_SKIPPED:
        err.print(f"[yellow]... and {len(report.skipped) - SHOWN_SKIPPED} more skipped[/yellow]")
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(report.skipped_by_reason().items()))
    err.print(
        f"{report.partitions} partitions ({report.resumed} from an earlier run) in "
        f"{report.seconds:.1f} s: {report.articles} articles, {report.duplicates} duplicate, "
        f"{report.ties} ties; skipped {len(report.skipped)} ({reasons or 'none'})\n"
        f"written to {report.out}; query it with DuckDB: "
        f"SELECT * FROM read_parquet('{report.out}/ties/*.parquet'), "
        f"or add it to a store: tieline ingest --from-parquet {report.out}"
    )
