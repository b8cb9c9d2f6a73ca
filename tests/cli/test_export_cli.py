"""``tieline export`` through a fresh Typer app with only its command registered."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from tieline.cli import exports
from tieline.model import Article
from tieline.pipeline import Extractor
from tieline.store import Store

runner = CliRunner()


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, so the command is called by name
    exports.register(app)
    return app


@pytest.fixture()
def db(tmp_path: Path, extractor: Extractor) -> Path:
    path = tmp_path / "cli.duckdb"
    texts = [
        ("c1", "2024-02-01", "Zorvex signed a supply agreement with Plimco on Monday."),
        ("c2", "2024-04-01", "Zorvex sued Plimco over unpaid invoices."),
    ]
    with Store(path) as store:
        store.add(extractor.run([Article(id=i, text=t, date=d) for i, d, t in texts]))
    return path


def test_export_writes_the_file_and_says_what_it_wrote(
    app: typer.Typer, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.gexf"
    res = runner.invoke(app, ["export", "--format", "gexf", "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "wrote gexf (2 nodes, 2 edges)" in res.stderr
    assert set(nx.read_gexf(out).nodes) == {"Zorvex", "Plimco"}


def test_neo4j_export_prints_the_import_command(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    args = [
        "export",
        "-f",
        "neo4j",
        "-o",
        str(tmp_path / "n"),
        "--db",
        str(db),
        "--since",
        "2024-03-01",
    ]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "neo4j-admin database import full neo4j --nodes=" in res.stderr
    assert len((tmp_path / "n" / "ties.csv").read_text().splitlines()) == 2  # header + the suit


@pytest.mark.parametrize(
    ("extra", "code"),
    [(["--format", "dot"], "[E500]"), (["--format", "jsonl", "--org", "Nobody"], "[E400]"),
     (["--format", "jsonl", "--until", "soon"], "[E400]")],
)  # fmt: skip
def test_export_errors_exit_2_with_their_code(
    app: typer.Typer, db: Path, tmp_path: Path, extra: list[str], code: str
) -> None:
    res = runner.invoke(app, ["export", *extra, "--out", str(tmp_path / "x"), "--db", str(db)])
    assert res.exit_code == 2 and code in res.stderr


def test_export_from_a_missing_store_is_a_store_error(app: typer.Typer, tmp_path: Path) -> None:
    args = ["export", "-f", "jsonl", "-o", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "no")]
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and "[E300]" in res.stderr
