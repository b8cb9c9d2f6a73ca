"""Batch runs on a real local Dask cluster: same ties as ``tieline extract``, and resumable.

One cluster (one worker process) serves the tests in this process; the crash test kills a
separate ``python -m tieline.batch`` with its own cluster.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import psutil
import pytest
import typer
from typer.testing import CliRunner

from tieline import data
from tieline.batch import run_batch
from tieline.batch.manifest import MANIFEST
from tieline.cli.batch import register
from tieline.ingest import read_inputs
from tieline.model import Article
from tieline.pipeline import extract_articles

pytestmark = pytest.mark.slow

SAMPLE = list(data.iter_jsonl(data.sample_articles_path()))
TIE_COLUMNS = (
    "article_id", "source", "target", "type", "modality", "hedged", "attributed_to", "actor",
    "score", "evidence", "start", "end",
)  # fmt: skip


def parquet_ties(out: Path) -> set[tuple[Any, ...]]:
    columns = ", ".join(f'"{c}"' for c in TIE_COLUMNS)
    sql = f"SELECT {columns} FROM read_parquet('{out}/ties/*.parquet')"
    return set(duckdb.sql(sql).fetchall())


def parquet_ids(out: Path) -> list[str]:
    sql = f"SELECT id FROM read_parquet('{out}/articles/*.parquet') ORDER BY id"
    return [row[0] for row in duckdb.sql(sql).fetchall()]


def test_batch_gives_the_ties_extract_gives(
    mixed_corpus: Path, scheduler: str, tmp_path: Path
) -> None:
    app = typer.Typer()
    register(app)
    out = tmp_path / "out"
    args = [str(mixed_corpus), "--out", str(out), "--scheduler", scheduler, "--partition-size", "3"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "11 partitions (0 from an earlier run)" in first.output
    articles = [i for i in read_inputs([str(mixed_corpus)]) if isinstance(i, Article)]
    expected = {
        (tie.article_id, *(getattr(tie, c) for c in TIE_COLUMNS[1:]))
        for result in extract_articles(articles)
        for tie in result.ties
    }
    assert parquet_ties(out) == expected and len(expected) > 50
    assert parquet_ids(out) == sorted(a.id for a in articles)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "11 partitions (11 from an earlier run)" in again.output


def test_a_killed_batch_resumes_to_the_same_result(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "feed.jsonl"
    copies = [{**r, "id": f"copy-{r['id']}"} for r in SAMPLE]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in copies), encoding="utf-8")
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    command = [sys.executable, "-m", "tieline.batch", str(corpus), "--out", str(killed)]
    command += ["--workers", "1", "--partition-size", "4"]
    partitions = -(-len(copies) // 4)  # the sample corpus in fours
    with open(tmp_path / "log.txt", "wb") as log:
        run = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
    try:
        written = wait_for_lines(killed / MANIFEST, 2, run)
    finally:
        kill_group(run)
    assert 2 <= written < partitions, "the run should have been killed half way"
    resumed = run_batch([str(corpus)], killed, scheduler=scheduler, partition_size=4)
    run_batch([str(corpus)], whole, scheduler=scheduler, partition_size=4)
    assert resumed.partitions == partitions and resumed.resumed >= 2
    assert not list(killed.rglob("*.tmp")), "a rerun removes half-written files"
    assert parquet_ids(killed) == parquet_ids(whole) == sorted(r["id"] for r in copies)
    assert parquet_ties(killed) == parquet_ties(whole)
    assert sorted(p.name for p in (killed / "ties").iterdir()) == sorted(
        p.name for p in (whole / "ties").iterdir()
    )


def wait_for_lines(path: Path, lines: int, run: subprocess.Popen[bytes]) -> int:
    """Poll the manifest until it has ``lines`` lines (or the run ended, or 60 s passed)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        if path.exists() and len(path.read_bytes().splitlines()) >= lines:
            break
        time.sleep(0.05)
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def kill_group(run: subprocess.Popen[bytes]) -> None:
    """SIGKILL the run and its cluster (its own process group); then make sure all are gone."""
    family = [run, *_children(run.pid)]
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    _, alive = psutil.wait_procs([p for p in family if isinstance(p, psutil.Process)], timeout=10)
    for process in alive:  # a worker that left the group: end it by its id
        process.kill()
    assert not alive, alive


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
