"""Load on the web API: throughput, latency percentiles and errors under concurrent clients.

Starts ``tieline serve``'s app under uvicorn in a subprocess on 127.0.0.1 (a
store built from the bundled sample corpus unless --db is given), then sends
at most --requests requests within --seconds from --clients concurrent httpx
clients, cycling through the main endpoints. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/api_load.py [--db store.duckdb] [--requests 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx


def build_sample_store(folder: Path) -> Path:
    """A store of the bundled sample corpus, through the real pipeline."""
    from tieline import data
    from tieline.pipeline import ingest
    from tieline.store import Store

    db = folder / "sample.duckdb"
    with Store(db) as store:
        ingest([str(data.sample_articles_path())], store)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """uvicorn on 127.0.0.1 in its own process, so clients and server do not share a GIL."""
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "tieline.serve.app:app_from_env",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
           "--no-access-log"]  # fmt: skip
    env = {**os.environ, "TIELINE_DB": str(db)}
    env.pop("TIELINE_TOKEN", None)
    return subprocess.Popen(cmd, env=env)


def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/overview", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def endpoints(base: str) -> dict[str, str]:
    """One URL per main endpoint, with names, ids and a pair taken from the store itself."""
    client = httpx.Client(base_url=base, timeout=10)
    org = client.get("/api/orgs", params={"limit": 1}).json()["items"][0]["name"]
    edge = max(client.get("/api/graph").json()["edges"], key=lambda e: e["ties"])
    tie = client.get("/api/ties", params={"limit": 1}).json()["items"][0]
    a, b = edge["a"], edge["b"]
    return {
        "overview": "/api/overview",
        "orgs?q": f"/api/orgs?q={org[:3]}&limit=8",
        "ties?org": f"/api/ties?org={org}&limit=50&context=200",
        "ties?pair": f"/api/ties?pair={a}&pair={b}&limit=40&context=400",
        "ties/{id}": f"/api/ties/{tie['id']}",
        "articles/{id}": f"/api/articles/{tie['article_id']}",
        "timeline": f"/api/pairs/{a}/{b}/timeline",
        "turns": f"/api/pairs/{a}/{b}/turns",
        "alerts": "/api/alerts?limit=50",
        "graph": "/api/graph",
    }


async def run(base: str, urls: dict[str, str], total: int, clients: int, seconds: float) -> tuple:
    """Send up to ``total`` requests in at most ``seconds``; latencies per endpoint, errors."""
    plan = itertools.islice(itertools.cycle(urls.items()), total)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        for name, url in plan:  # one shared iterator: each request is sent once
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                ok = (await client.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[name].append(time.perf_counter() - started)
            if not ok:
                errors[name] += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    """The q-th percentile in milliseconds."""
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def report(latencies: dict[str, list[float]], errors: dict[str, int], elapsed: float) -> None:
    every = [x for xs in latencies.values() for x in xs]
    print(f"{len(every)} requests in {elapsed:.1f} s: {len(every) / elapsed:.0f} req/s, "
          f"{sum(errors.values())} errors")  # fmt: skip
    p50, p95, p99 = (pct(every, q) for q in (50, 95, 99))
    print(f"latency ms  p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}")
    print(f"\n{'endpoint':<15}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'errors':>8}")
    for name, xs in latencies.items():
        print(f"{name:<15}{len(xs):>6}{pct(xs, 50):>9.1f}{pct(xs, 95):>9.1f}{pct(xs, 99):>9.1f}"
              f"{errors.get(name, 0):>8}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the sample corpus)")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_sample_store(Path(tmp))
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base)
            urls = endpoints(base)
            print(f"serving {db.name} on {base}; {args.clients} clients, "
                  f"at most {args.requests} requests in {args.seconds:g} s")  # fmt: skip
            report(*asyncio.run(run(base, urls, args.requests, args.clients, args.seconds)))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
