"""Batch extraction on Dask (1 and 2 workers) against plain one-process extraction.

    python benchmarks/batch.py [--articles 20000] [--partition-size N]

Writes a JSONL corpus of N articles to a temporary folder: the bundled sample corpus with
each article's organizations swapped for other gazetteer organizations and its date
shifted, so texts and ties vary. Then, on that corpus, prints articles/s and peak RSS of:
``tieline batch`` with 1 worker and with 2 workers (each worker sampled with psutil), and
plain ``extract_articles`` in this process; and the scaling efficiency of 2 workers over 1.
Startup (cluster, model loading) is timed apart: the rates are steady-state. Figures, not
assertions: the machine is shared, so compare figures from one run only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

from tieline import data
from tieline.batch import run_batch
from tieline.batch.worker import worker_extractor
from tieline.config import Settings, load_settings
from tieline.ingest import read_inputs
from tieline.model import Article
from tieline.pipeline import Extractor, extract_articles
from tieline.resolve import Gazetteer
from tieline.store.duckdb_store import tie_id


def corpus(n: int, seed: int = 6) -> Iterator[dict[str, Any]]:
    """n article records from the sample corpus with organizations swapped and dates shifted."""
    base = list(data.iter_jsonl(data.sample_articles_path()))
    names = sorted(n for n in Gazetteer.load().orgs if len(n) > 3 and n.isascii())
    found = [_orgs_in(record["text"], names) for record in base]
    rng = random.Random(seed)
    for i in range(n):
        record, orgs = base[i % len(base)], found[i % len(base)]
        swap = dict(zip(orgs, rng.sample(names, len(orgs)), strict=True))
        day = dt.date.fromisoformat(record["date"]) + dt.timedelta(days=i // len(base) % 1000)
        yield {
            **record,
            "id": f"bench-{i}",
            "date": day.isoformat(),
            "title": _swap(record["title"], swap),
            "text": _swap(record["text"], swap),
        }


def _orgs_in(text: str, names: list[str]) -> list[str]:
    """Gazetteer names that appear in the text as whole words, each once."""
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return list(dict.fromkeys(re.findall(rf"\b(?:{pattern})\b", text)))


def _swap(text: str, swap: dict[str, str]) -> str:
    """The text with each organization name replaced (longest names first)."""
    if not swap:
        return text
    pattern = "|".join(re.escape(n) for n in sorted(swap, key=len, reverse=True))
    return re.sub(rf"\b(?:{pattern})\b", lambda m: swap[m.group(0)], text)


class PeakRss:
    """Samples the RSS of some processes in a thread; keeps each one's peak in MB."""

    def __init__(self, pids: list[int], every: float = 0.2) -> None:
        self.peaks = {pid: 0.0 for pid in pids}
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            for pid in self.peaks:
                try:
                    rss = psutil.Process(pid).memory_info().rss / 2**20
                except psutil.NoSuchProcess:
                    continue
                self.peaks[pid] = max(self.peaks[pid], rss)
            if self._stop.wait(self._every):
                return


def warm_up(settings: Settings) -> None:
    """Build this worker thread's pipeline (the one batch tasks will reuse)."""
    worker_extractor(settings)


def run_dask(path: Path, out: Path, workers: int, size: int, settings: Settings) -> dict[str, Any]:
    """One batch run on a fresh local cluster: startup and steady-state figures."""
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(os.getpid)  # worker address -> pid
        # Build each worker's pipeline in its task thread first, so the rate is steady-state.
        pinned = [client.submit(warm_up, settings, workers=[w], key=f"warm-{w}") for w in pids]
        client.gather(pinned)
        startup = time.perf_counter() - t0
        with PeakRss([*pids.values(), os.getpid()]) as rss:
            t1 = time.perf_counter()
            report = run_batch([str(path)], out, scheduler=cluster.scheduler_address,
                               partition_size=size, settings=settings)  # fmt: skip
            seconds = time.perf_counter() - t1
    return {
        "label": f"tieline batch, {workers} worker{'s' * (workers > 1)}",
        "articles": report.articles,
        "ties": report.ties,
        "seconds": seconds,
        "startup": startup,
        "worker_mb": [round(rss.peaks[p]) for p in pids.values()],
        "driver_mb": round(rss.peaks[os.getpid()]),
    }


def run_plain(path: Path, settings: Settings) -> dict[str, Any]:
    """extract_articles in this process over the same file."""
    t0 = time.perf_counter()
    extractor = Extractor(settings)
    startup = time.perf_counter() - t0
    with PeakRss([os.getpid()]) as rss:
        t1 = time.perf_counter()
        articles = (i for i in read_inputs([str(path)]) if isinstance(i, Article))
        results = extract_articles(articles, settings=settings, extractor=extractor)
        count = ties = 0
        for result in results:
            count += 1
            # Distinct tie ids, as the store and the Parquet output keep them.
            ties += len({tie_id(result.article.id, tie) for tie in result.ties})
        seconds = time.perf_counter() - t1
    return {
        "label": "plain extract_articles, 1 process",
        "articles": count,
        "ties": ties,
        "seconds": seconds,
        "startup": startup,
        "worker_mb": [round(rss.peaks[os.getpid()])],
        "driver_mb": None,
    }


def show(run: dict[str, Any]) -> None:
    rate = run["articles"] / run["seconds"]
    mem = ", ".join(f"{m} MB" for m in run["worker_mb"])
    driver = f"; driver {run['driver_mb']} MB" if run["driver_mb"] else ""
    print(
        f"  {run['label']:34} {run['articles']:6d} articles {run['ties']:7d} ties "
        f"in {run['seconds']:7.1f} s = {rate:6.1f} articles/s (startup {run['startup']:.1f} s); "
        f"peak RSS per worker {mem}{driver}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--partition-size", type=int, default=None, help="default: N/20, 25-500")
    a = ap.parse_args()
    size = a.partition_size or max(25, min(500, a.articles // 20))
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="tieline-bench-") as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with open(path, "w", encoding="utf-8") as stream:
            for record in corpus(a.articles):
                stream.write(json.dumps(record) + "\n")
        print(f"{a.articles} articles ({path.stat().st_size / 2**20:.1f} MB JSONL), "
              f"partitions of {size}, {psutil.cpu_count()} cores")  # fmt: skip
        runs: list[Callable[[], dict[str, Any]]] = [
            lambda: run_dask(path, Path(tmp) / "out1", 1, size, settings),
            lambda: run_dask(path, Path(tmp) / "out2", 2, size, settings),
            lambda: run_plain(path, settings),
        ]
        results = []
        for run in runs:
            results.append(run())
            show(results[-1])
    one, two, plain = (r["articles"] / r["seconds"] for r in results)
    print(f"\n  scaling efficiency, 2 workers over 1: {two / (2 * one):.2f}")
    print(f"  batch with 1 worker / plain one process: {one / plain:.2f}")
    summary = {
        "articles": a.articles,
        "batch_1_articles_per_s": round(one, 1),
        "batch_2_articles_per_s": round(two, 1),
        "plain_articles_per_s": round(plain, 1),
        "scaling_efficiency": round(two / (2 * one), 3),
        "worker_peak_mb": max(m for r in results[:2] for m in r["worker_mb"]),
        "plain_peak_mb": results[2]["worker_mb"][0],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
