"""The CLI end to end on real files and a real store (Typer's runner, in process)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli import app

ARTICLES = [
    {"id": "w1", "date": "2024-01-10", "outlet": "Wire", "title": "Deal",
     "text": "Zorvex signed a supply agreement with Plimco on Monday, the companies said."},
    {"id": "w2", "date": "2024-06-02", "outlet": "Ledger", "title": "Suit",
     "text": "Zorvex sued Plimco over unpaid invoices, according to court filings."},
]  # fmt: skip


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(a) for a in ARTICLES) + "\n{not json}\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return folder


@pytest.fixture()
def env(invented_gazetteer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIELINE_GAZETTEER", str(invented_gazetteer))
    db = tmp_path / "store.duckdb"
    monkeypatch.setenv("TIELINE_DB", str(db))
    return db


runner = CliRunner()


def test_extract_jsonl_follows_the_exchange_format(corpus: Path, env: Path) -> None:
    res = runner.invoke(app, ["extract", str(corpus / "feed.jsonl"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["article_id"] for x in lines] == ["w1", "w2"]
    tie = next(t for t in lines[1]["ties"] if t["type"] == "SUE")
    assert (tie["source"], tie["target"]) == ("Zorvex", "Plimco")
    for field in ("modality", "hedged", "attributed_to", "actor", "score", "evidence", "start"):
        assert field in tie
    assert ARTICLES[1]["text"][tie["start"] : tie["end"]] == tie["evidence"]


def test_ingest_reports_and_skips_bad_inputs_then_is_idempotent(corpus: Path, env: Path) -> None:
    missing = str(corpus / "nope.txt")
    res = runner.invoke(app, ["ingest", str(corpus), missing])
    assert res.exit_code == 0, res.output
    out = res.stderr
    assert "read 2 articles: 2 new, 0 duplicate" in out
    for reason in ("binary", "empty", "json", "not_found"):
        assert f"{reason} 1" in out, out
    assert "feed.jsonl:3" in out  # the malformed line is named
    again = runner.invoke(app, ["ingest", str(corpus / "feed.jsonl")])
    assert "0 new, 2 duplicate" in again.stderr


def test_query_commands_speak_json_and_csv(corpus: Path, env: Path) -> None:
    runner.invoke(app, ["ingest", str(corpus / "feed.jsonl")])
    res = runner.invoke(app, ["ties", "--org", "Plimco", "--format", "json"])
    rows = json.loads(res.stdout)
    assert {r["type"] for r in rows} >= {"SUE", "PARTNER"}
    assert rows[0]["date"] == "2024-06-02"  # newest first
    res = runner.invoke(app, ["ties", "--pair", "Zorvex", "Plimco", "--type", "SUE", "-f", "csv"])
    parsed = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["type"] for r in parsed] == ["SUE"]
    res = runner.invoke(app, ["orgs", "--top", "1", "--format", "json"])
    assert json.loads(res.stdout)[0]["name"] in ("Plimco", "Zorvex")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ties", "--since", "yesterday"], "since must be a date"),
        (["ties", "--org", "Nobody Ltd"], "unknown organization"),
        (["ties", "--type", "HUG"], "unknown tie type"),
    ],
)
def test_bad_query_parameters_exit_2(
    corpus: Path, env: Path, args: list[str], message: str
) -> None:
    runner.invoke(app, ["ingest", str(corpus / "feed.jsonl")])
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert message in res.stderr


def test_query_without_store_is_a_clear_error(env: Path) -> None:
    res = runner.invoke(app, ["ties"])
    assert res.exit_code == 2 and "tieline ingest" in res.stderr


def test_demo_prints_strongest_ties_and_turns(tmp_path: Path) -> None:
    res = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb"), "--format", "json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["strongest"][0]["evidence"] >= summary["strongest"][-1]["evidence"]
    # the turns are those of `tieline alerts`: the strain detector, both directions
    turned = {(*t["pair"], t["turning_date"], t["direction"]) for t in summary["turns"]}
    assert ("Keltra Logistics", "Norvane Robotics", "2024-05-14", "to_conflict") in turned
    assert ("Microsoft", "OpenAI", "2025-10-29", "to_cooperation") in turned
