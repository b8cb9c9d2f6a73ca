"""``tieline timeline``, ``tieline alerts`` and ``tieline graph``: how ties change.

Thin over :mod:`tieline.analyse`; ``register(app)`` adds the three commands to
the main Typer app. Stores are opened read-only.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tieline.analyse.graph import summary, tie_graph
from tieline.analyse.strain import Alert, alerts, pair_turns, read_watch
from tieline.analyse.timeline import PERIODS, Timeline, pair_timeline, sparkline
from tieline.cli.output import Format, emit
from tieline.config import load_settings
from tieline.errors import QueryError, TielineError
from tieline.store import Store

err = Console(stderr=True)

DbOpt = Annotated[
    Path | None, typer.Option("--db", help="Store file [env TIELINE_DB; default ./tieline.duckdb]")
]
FmtOpt = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD)")]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD)")]


class DateKind(StrEnum):
    """Which date places a tie in time."""

    report = "report"
    event = "event"


def _fail(exc: TielineError) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)


def _store(db: Path | None) -> Store:
    return Store(load_settings(db=db).db, read_only=True)


def _period_rows(timeline: Timeline, *, short: bool) -> list[dict[str, Any]]:
    rows = []
    for p in timeline.periods:
        if p.score is None:
            continue
        rows.append({
            "period": p.start.isoformat(),
            "score": p.score,
            "ties": p.ties,
            "types": ", ".join(f"{k} {v}" for k, v in p.counts.items()),
            "corroboration": ", ".join(f"{k} {v}" for k, v in p.corroboration.items()),
            "ties/voices": ", ".join(
                f"{k} {v}/{p.corroboration[k]}" for k, v in p.counts.items()
            ),
            "public": p.public,
            "reported": p.reported,
            "divergence": p.divergence_text or "",
            "tie_ids": _ids(p.tie_ids, short),
        })  # fmt: skip
    return rows


def _ids(ids: list[str], short: bool) -> str:
    """Tie ids for a cell: all of them, or (``short``) the first and a count of the rest."""
    if not short or len(ids) <= 1:
        return " ".join(ids)
    return f"{ids[0]} +{len(ids) - 1}"


def timeline_cmd(
    a: Annotated[str, typer.Argument(help="One organization")],
    b: Annotated[str, typer.Argument(help="The other organization")],
    by: Annotated[
        str | None, typer.Option("--by", help="week, month or quarter [default: from the span]")
    ] = None,
    date: Annotated[
        DateKind, typer.Option("--date", help="report: article date; event: stated event date")
    ] = DateKind.report,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also write a chart: FILE.png or FILE.html")
    ] = None,
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """A pair's cooperation-conflict score per period, with ties by type and their evidence."""
    try:
        if by is not None and by not in PERIODS:
            raise QueryError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
        with _store(db) as store:
            tl = pair_timeline(store, a, b, by=by, date=date.value)
            turns = pair_turns(store, a, b, date=date.value)
        if plot is not None:
            from tieline.cli.plot import write_plot

            err.print(f"wrote {write_plot(tl, turns, plot)}")
    except TielineError as exc:
        _fail(exc)
        return
    if fmt is Format.json:
        doc = {**tl.to_dict(), "turns": [t.to_dict() for t in turns]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        return
    rows = _period_rows(tl, short=fmt is Format.table)
    if fmt is Format.csv:
        emit(rows, fmt)
        return
    console = Console()
    console.print(f"[bold]{tl.a} – {tl.b}[/bold] by {tl.by}  {sparkline(tl.scores())}")
    for t in turns:
        console.print(f"  turned {t.direction.replace('_', ' ')} on {t.date} "
                      f"({t.before:+.1f} -> {t.after:+.1f})")  # fmt: skip
    columns = ["period", "score", "ties/voices", "divergence", "tie_ids"]
    emit(rows, fmt, columns=columns, console=console)


def alert_row(alert: Alert) -> dict[str, Any]:
    return {
        "pair": f"{alert.a} – {alert.b}",
        "turning_date": alert.date.isoformat(),
        "direction": alert.direction,
        "magnitude": alert.magnitude,
        "before": alert.before,
        "after": alert.after,
        "p_value": alert.p_value,
        "divergence": alert.divergence or "",
        "driving_tie_ids": _ids(alert.tie_ids, short=False),
    }


def alerts_cmd(
    since: SinceOpt = None,
    org: Annotated[str | None, typer.Option(help="Only pairs with this organization")] = None,
    watch: Annotated[
        Path | None,
        typer.Option("--watch", help="File of organizations and pairs 'A | B', one per line"),
    ] = None,
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Pairs that turned from cooperation to conflict or back, newest first."""
    try:
        watched = read_watch(watch) if watch is not None else None
        with _store(db) as store:
            found = alerts(store, since=since, org=org, watch=watched)
    except TielineError as exc:
        _fail(exc)
        return
    if fmt is Format.json:
        emit([x.to_dict() for x in found], fmt)
        return
    if fmt is Format.table:
        emit([alert_cells(x) for x in found], fmt, title="Turns, newest first")
        return
    emit([alert_row(x) for x in found], fmt)


_TURNS = {"to_conflict": "→ conflict", "to_cooperation": "→ cooperation"}


def alert_cells(alert: Alert) -> dict[str, Any]:
    """A turn as a reader scans it in a terminal: short headers, the shift of the mean
    score, the first driving tie (JSON and CSV keep every field and id)."""
    return {
        "date": alert.date.isoformat(),
        "pair": f"{alert.a} – {alert.b}",
        "turn": _TURNS.get(alert.direction, alert.direction),
        "score": f"{alert.before:+.1f} → {alert.after:+.1f}",
        "public vs reported": alert.divergence or "",
        "driving ties": _ids(alert.tie_ids, short=True),
    }


class GraphFormat(StrEnum):
    """Output formats of ``tieline graph``."""

    table = "table"
    json = "json"


def graph_cmd(
    org: Annotated[str | None, typer.Option(help="Centre the graph on this organization")] = None,
    depth: Annotated[int, typer.Option(help="With --org: how many steps out")] = 2,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f", help="table or json")] = (
        GraphFormat.table
    ),
) -> None:
    """The tie graph of a window: central organizations, blocs, and partner/rival patterns."""
    try:
        with _store(db) as store:
            name = store.resolve_org(org) if org else None
            doc = summary(tie_graph(store, since, until, name, depth), name)
    except TielineError as exc:
        _fail(exc)
        return
    if fmt is GraphFormat.json:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        return
    console = Console()
    emit(doc["nodes"][:25], Format.table, title="Most central organizations", console=console)
    blocs = [
        {"bloc": i, "size": len(c), "members": ", ".join(c)} for i, c in enumerate(doc["blocs"])
    ]
    emit(blocs, Format.table, title="Blocs (cooperation communities)", console=console)
    if name and doc["patterns"]:
        emit(doc["patterns"], Format.table, title=f"Balance patterns for {name}", console=console)
    elif name:
        console.print(f"No partner-of-rival or rival-of-partner patterns for {name}.")


def register(app: typer.Typer) -> None:
    """Add ``timeline``, ``alerts`` and ``graph`` to a Typer app."""
    app.command("timeline")(timeline_cmd)
    app.command("alerts")(alerts_cmd)
    app.command("graph")(graph_cmd)
