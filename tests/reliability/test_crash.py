"""Crash safety: an ingest killed with SIGKILL leaves whole batches, and a rerun completes it.

One uninterrupted ``tieline ingest`` (the real command) gives the reference store. Then
ingests of the same corpus are killed at seeded random points, chained on one store until
it is complete: after each kill the store must open and hold only whole batches, each
stored article with exactly its reference ties and mentions; once a run finishes, the
store must equal the reference (nothing lost, nothing twice). The killed runs are forked
from one process that built the Extractor (``ingest_runner.py``), so a kill point costs
a fraction of a second instead of a model load. One more kill hits the real command.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from reliability_corpus import write_corpus

from tieline.store import Store

BATCH = 10  # articles per transaction in every run (the corpus has 15 batches)
ARTICLES = 150
KILLS = 20  # kill points through the fork server, at least
MAX_DELAY_S = 1.5  # a kill lands within this long after a run starts
BUDGET_S = 150.0  # the kill loop gives up (and fails) after this long
RUNNER = Path(__file__).with_name("ingest_runner.py")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@dataclass(frozen=True)
class Snapshot:
    """A store's content, comparable across runs (no ingest timestamps)."""

    articles: dict[str, tuple[Any, ...]]
    ties: Counter[tuple[Any, ...]]  # full rows; a Counter so a duplicate shows
    mentions: Counter[tuple[Any, ...]]
    entities: dict[str, tuple[Any, ...]]

    def ties_of(self, article_id: str) -> Counter[tuple[Any, ...]]:
        """The tie rows of one article (article_id is the rows' second field)."""
        return Counter({row: n for row, n in self.ties.items() if row[1] == article_id})

    def mentions_of(self, article_id: str) -> Counter[tuple[Any, ...]]:
        """The mention rows of one article (article_id is the rows' first field)."""
        return Counter({row: n for row, n in self.mentions.items() if row[0] == article_id})


_EMPTY = Snapshot({}, Counter(), Counter(), {})


def snapshot(db: Path) -> Snapshot:
    """Open the store read-only (the store must open) and read every table."""
    if not db.exists():
        return _EMPTY  # killed before DuckDB created the file
    with Store(db, read_only=True) as store:
        con = store.con
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:
            return _EMPTY  # killed before the first migration committed

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in con.execute(sql).fetchall()]

        articles = rows("SELECT id, title, url, outlet, date, text, meta, origin FROM articles")
        names = rows("SELECT name, key, kind, list_sort(aliases) FROM entities")
        return Snapshot(
            articles={r[0]: r for r in articles},
            ties=Counter(rows("SELECT * FROM ties")),
            mentions=Counter(rows("SELECT * FROM mentions")),
            entities={r[0]: (r[1], r[2], tuple(r[3] or ())) for r in names},
        )


def assert_whole_batches(got: Snapshot, ref: Snapshot, order: list[str]) -> None:
    """Stored articles are the first whole batches, each with exactly its reference rows."""
    n = len(got.articles)
    assert n % BATCH == 0 or n == len(order), f"{n} articles is not a whole number of batches"
    assert set(got.articles) == set(order[:n]), "stored articles are not the first batches"
    for aid in got.articles:
        assert got.articles[aid] == ref.articles[aid], f"article {aid} differs"
        assert got.ties_of(aid) == ref.ties_of(aid), f"ties of {aid} differ from the reference"
        assert got.mentions_of(aid) == ref.mentions_of(aid), f"mentions of {aid} differ"
    assert sum(got.ties.values()) == sum(ref.ties_of(a).total() for a in got.articles)


def assert_same(got: Snapshot, ref: Snapshot) -> None:
    """The whole store equals the reference: no article or tie lost or duplicated."""
    assert got.articles.keys() == ref.articles.keys(), "articles lost or extra"
    assert got.ties == ref.ties, "ties lost, duplicated or changed"
    assert got.mentions == ref.mentions, "mentions lost or duplicated"
    assert got.entities == ref.entities


class Runner:
    """The fork server: ``start`` a run (returns the child pid), then ``wait`` for it."""

    def __init__(self, corpus: Path, env: dict[str, str], log: Path) -> None:
        self._log = log
        self._proc = subprocess.Popen(
            [sys.executable, str(RUNNER), str(corpus), str(BATCH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(log, "w"),  # noqa: SIM115 - closed with the process
            text=True,
            env=env,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._lines.put(line.strip())
        self._lines.put("eof")

    def read(self, timeout: float) -> str:
        """The next line from the runner; fails the test with its log when it has none."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            line = "timeout"
        if line in ("eof", "timeout") or line.startswith("error"):
            pytest.fail(f"ingest runner: {line}\n{self._log.read_text()[-3000:]}")
        return line

    def _send(self, line: str) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.write(line + "\n")
        self._proc.stdin.flush()

    def start(self, db: Path, *, hold: bool) -> int:
        """Fork an ingest of the corpus into ``db``; its pid."""
        self._send(f"run {db} {int(hold)}")
        return int(self.read(60).split()[1])

    def wait(self) -> str:
        """exit:CODE or signal:N of the last run, once it has ended."""
        self._send("wait")
        status = self.read(120).split()[1]
        if status.startswith("exit:") and status != "exit:0":
            pytest.fail(f"ingest failed ({status}):\n{self._log.read_text()[-3000:]}")
        return status

    def close(self) -> None:
        """Stop the runner (closing stdin ends its loop)."""
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def _cli(corpus: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``tieline ingest CORPUS --db DB --batch-size 10`` as its own process (log: DB.log)."""
    code = "import sys; from tieline.cli import main; sys.argv[0] = 'tieline'; main()"
    args = ["ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)]
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(db.with_suffix(".log"), "wb"),  # a file: a pipe nobody reads would fill
    )


def _footprint(db: Path) -> tuple[int, ...]:
    """Sizes and times of the store file and its write-ahead log (0 when missing)."""
    out: list[int] = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            st = path.stat()
            out += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [0, 0]
    return tuple(out)


def wait_for_writes(db: Path, changes: int, timeout: float, alive: Any = None) -> None:
    """Return once the store files changed ``changes`` times (or at ``timeout``)."""
    deadline = time.monotonic() + timeout
    last = _footprint(db)
    while changes > 0 and time.monotonic() < deadline:
        if alive is not None and alive() is not None:
            return
        time.sleep(0.003)
        now = _footprint(db)
        if now != last:
            changes, last = changes - 1, now


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def corpus_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The corpus file and an environment that points tieline at its gazetteer."""
    folder = tmp_path_factory.mktemp("crash")
    corpus, gazetteer = write_corpus(folder, count=ARTICLES)
    env = {**os.environ, "TIELINE_GAZETTEER": str(gazetteer)}
    env.pop("TIELINE_DB", None)
    return corpus, env


@pytest.fixture(scope="module")
def reference(
    corpus_env: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Snapshot, Runner]]:
    """The uninterrupted CLI run's snapshot, and a started fork server (built meanwhile)."""
    corpus, env = corpus_env
    folder = tmp_path_factory.mktemp("reference")
    runner = Runner(corpus, env, folder / "runner.log")
    cli = _cli(corpus, folder / "ref.duckdb", env)
    cli.wait(timeout=300)
    assert cli.returncode == 0, (folder / "ref.log").read_text(errors="replace")[-3000:]
    runner.read(300)  # "ready"
    ref = snapshot(folder / "ref.duckdb")
    assert len(ref.articles) == ARTICLES
    assert sum(ref.ties.values()) >= ARTICLES, "the corpus should give plenty of ties"
    yield ref, runner
    runner.close()


def _kill_run(runner: Runner, db: Path, rng: random.Random) -> tuple[str, str]:
    """One run into ``db`` killed at a random point: (status, how the point was chosen)."""
    pid = runner.start(db, hold=rng.random() < 0.5)
    if rng.random() < 0.5:
        how = "delay"
        time.sleep(rng.uniform(0.0, MAX_DELAY_S))
    else:  # right after the store files changed: inside or just after a write
        how = "write"
        wait_for_writes(db, rng.randint(1, 6), MAX_DELAY_S)
        time.sleep(rng.uniform(0.0, 0.02))
    _kill(pid)
    return runner.wait(), how


def test_killed_ingest_keeps_whole_batches_and_rerun_completes_it(
    reference: tuple[Snapshot, Runner], tmp_path: Path
) -> None:
    ref, runner = reference
    order = sorted(ref.articles)  # the corpus ids are numbered in file order
    rng = random.Random(20250616)
    kills: Counter[str] = Counter()
    stored_at_kill: Counter[int] = Counter()  # articles found after each kill
    stores = 0
    started = time.monotonic()
    while kills.total() < KILLS:
        assert time.monotonic() - started < BUDGET_S, f"only {kills} kills in {BUDGET_S} s"
        stores += 1
        db = tmp_path / f"store{stores}.duckdb"
        status = "signal:9"
        while status == "signal:9" and kills.total() < KILLS:
            status, how = _kill_run(runner, db, rng)
            got = snapshot(db)
            if status == "signal:9":
                kills[how] += 1
                stored_at_kill[len(got.articles)] += 1
            assert_whole_batches(got, ref, order)
        if status == "signal:9":  # the last kill: rerun to the end
            runner.start(db, hold=False)
            assert runner.wait() == "exit:0"
        assert_same(snapshot(db), ref)
    print(
        f"{kills.total()} kills ({dict(kills)}) over {stores} stores; articles stored at "
        f"each kill: {dict(sorted(stored_at_kill.items()))}"
    )
    assert len(stored_at_kill) >= 3, "the kills should land at several points of the run"


def test_killed_cli_ingest_then_rerun_equals_reference(
    reference: tuple[Snapshot, Runner],
    corpus_env: tuple[Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    ref, runner = reference
    corpus, env = corpus_env
    order = sorted(ref.articles)
    db = tmp_path / "cli.duckdb"
    cli = _cli(corpus, db, env)
    wait_for_writes(db, 12, 120, alive=cli.poll)  # past the migrations, into the batches
    _kill(cli.pid)
    cli.wait(timeout=60)
    assert cli.returncode == -signal.SIGKILL, "the command ended before it was killed"
    got = snapshot(db)
    print(f"the killed command had stored {len(got.articles)} articles")
    assert_whole_batches(got, ref, order)
    for _ in range(2):  # the rerun completes the store, a second one changes nothing
        runner.start(db, hold=True)
        assert runner.wait() == "exit:0"
        assert_same(snapshot(db), ref)
