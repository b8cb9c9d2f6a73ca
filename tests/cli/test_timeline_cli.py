"""`tieline timeline`, `alerts` and `graph` on a fresh Typer app with register()."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tieline.analyse.corroboration import update_groups
from tieline.cli.timeline import register
from tieline.model import Article, Tie
from tieline.pipeline import Result
from tieline.store import Store

runner = CliRunner()
WEIGHTS = {"PARTNER": 6.0, "SUE": -7.0, "SUPPLY": 4.0}


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """Zorvex and Plimco partner for six months, then sue for six; Brinemoor supplies Plimco."""
    results = []
    for k in range(12):
        day = (dt.date(2023, 1, 5) + dt.timedelta(days=31 * k)).isoformat()
        kind = "PARTNER" if k < 6 else "SUE"
        ties = [Tie("Zorvex", "Plimco", kind, score=WEIGHTS[kind], evidence="e"),
                Tie("Brinemoor", "Plimco", "SUPPLY", score=4.0, evidence="e", start=1)]  # fmt: skip
        results.append(Result(Article(id=f"s{k}", text=f"Story {k}.", date=day, outlet="W"), ties))
    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        store.add(results)
        update_groups(store)
    return path


def test_timeline_table_json_and_plots(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["timeline", "Zorvex", "Plimco", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "Zorvex – Plimco" in res.stdout and "turned to conflict" in res.stdout
    res = runner.invoke(app, ["timeline", "Zorvex", "Plimco", "--db", str(db), "--by", "quarter",
                              "--format", "json"])  # fmt: skip
    doc = json.loads(res.stdout)
    assert doc["by"] == "quarter" and len(doc["periods"]) == 4
    assert doc["turns"][0]["direction"] == "to_conflict"
    assert all(p["tie_ids"] for p in doc["periods"])
    html = tmp_path / "t.html"
    res = runner.invoke(app, ["timeline", "Zorvex", "Plimco", "--db", str(db), "--plot", str(html)])
    assert res.exit_code == 0, res.output
    page = html.read_text("utf-8")
    assert (
        "<svg" in page
        and "to conflict" in page
        and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    )
    pytest.importorskip("matplotlib")
    png = tmp_path / "t.png"
    res = runner.invoke(app, ["timeline", "Zorvex", "Plimco", "--db", str(db), "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_alerts_json_csv_and_watch(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["alerts", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    (alert,) = json.loads(res.stdout)
    assert alert["pair"] == ["Plimco", "Zorvex"] and alert["direction"] == "to_conflict"
    turned = (dt.date(2023, 1, 5) + dt.timedelta(days=31 * 6)).isoformat()
    assert alert["turning_date"] == turned and alert["driving_tie_ids"]
    res = runner.invoke(app, ["alerts", "--db", str(db), "-f", "csv", "--since", "2023-07-01"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["turning_date"] for r in rows] == [turned]
    watch = tmp_path / "watch.txt"
    watch.write_text("Brinemoor | Plimco\n", "utf-8")
    res = runner.invoke(app, ["alerts", "--db", str(db), "--watch", str(watch), "-f", "json"])
    assert json.loads(res.stdout) == []
    res = runner.invoke(app, ["alerts", "--db", str(db), "--org", "Zorvex"])
    assert res.exit_code == 0 and "→ conflict" in res.stdout and turned in res.stdout


def test_graph_json_and_table(app: typer.Typer, db: Path) -> None:
    res = runner.invoke(app, ["graph", "--db", str(db), "--format", "json"])
    doc = json.loads(res.stdout)
    assert {n["org"] for n in doc["nodes"]} == {"Zorvex", "Plimco", "Brinemoor"}
    res = runner.invoke(app, ["graph", "--db", str(db), "--org", "Brinemoor", "--depth", "2"])
    assert res.exit_code == 0 and "Balance patterns for Brinemoor" in res.stdout
    res = runner.invoke(app, ["graph", "--db", str(db), "--org", "Brinemoor", "-f", "json"])
    found = json.loads(res.stdout)["patterns"]
    assert {"pattern": "rival of my partner", "org": "Zorvex", "via": "Plimco",
            "direct": None} in found  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "Zorvex", "Nobody"], "unknown organization"),
        (["timeline", "Zorvex", "Plimco", "--by", "day"], "--by must be one of"),
        (["timeline", "Zorvex", "Plimco", "--plot", "chart.pdf"], "--plot must end in"),
        (["alerts", "--since", "last week"], "since must be a date"),
        (["alerts", "--watch", "missing.txt"], "cannot read watch list"),
        (["graph", "--until", "soon"], "until must be a date"),
    ],
)
def test_errors_exit_2_with_a_message(
    app: typer.Typer, db: Path, args: list[str], message: str
) -> None:
    res = runner.invoke(app, [*args, "--db", str(db)])
    assert res.exit_code == 2, res.output
    assert message in res.stderr


def test_missing_store_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    res = runner.invoke(app, ["alerts", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "tieline ingest" in res.stderr
