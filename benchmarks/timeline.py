"""Timeline and alert latency on a synthetic store of a million ties (figures, not asserts).

    python benchmarks/timeline.py [--ties 1000000] [--db PATH] [--queries 60] [--alert-runs 3]

The store has the real schema (migrations included) and is filled through
Arrow in one bulk load. Organizations are drawn with Zipf-like popularity, so
a few pairs have thousands of ties and most have a handful; each article is
about one pair (1-5 ties, a tenth of them hedged), 5% of articles are
syndicated copies sharing a near-duplicate group, and each pair keeps a tone:
70% cooperative, 20% hostile, 10% turning once at a random date.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from tieline import data
from tieline.analyse.strain import alerts
from tieline.analyse.timeline import pair_timeline
from tieline.resolve.names import name_key
from tieline.store import Store
from tieline.store import analytics as sql

COOP = ["PARTNER", "SUPPLY", "INVEST", "SUPPORT", "NEGOTIATE", "ACQUIRE", "SETTLE"]
CONFLICT = ["COMPETE", "DISPUTE", "CRITICIZE", "COMPLAIN", "SUE", "REGULATE", "END"]
START = np.datetime64("2021-01-01")
DAYS = 5 * 365


def pairs_for(rng: np.random.Generator, n_articles: int, n_orgs: int) -> np.ndarray:
    """(a, b) org indices per article, popular organizations far more often (Zipf-like)."""
    weights = 1.0 / np.arange(1, n_orgs + 1) ** 0.9
    weights /= weights.sum()
    a = rng.choice(n_orgs, size=n_articles, p=weights)
    b = rng.choice(n_orgs, size=n_articles, p=weights)
    b = np.where(a == b, (b + 1) % n_orgs, b)
    return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)


def build(path: Path, n_ties: int, seed: int = 1) -> None:
    """Write a synthetic store with about ``n_ties`` ties."""
    rng = np.random.default_rng(seed)
    n_orgs, n_articles = max(200, n_ties // 100), n_ties // 3
    orgs = [f"Org {i:05d}" for i in range(n_orgs)]
    pair = pairs_for(rng, n_articles, n_orgs)
    day = np.sort(rng.integers(0, DAYS, n_articles))
    per = rng.integers(1, 6, n_articles)  # ties per article, mean 3
    art_of = np.repeat(np.arange(n_articles), per)[:n_ties]
    n = len(art_of)
    # tone per pair: hash of the pair picks cooperative, hostile or turning (and when)
    key = pair[:, 0].astype(np.int64) * n_orgs + pair[:, 1]
    tone = (key * 2654435761) % 100
    turn_at = (key * 40503) % DAYS
    coop_prob = np.where(tone < 70, 0.85, np.where(tone < 90, 0.15, 0.85))
    turned = (tone >= 90) & (day > turn_at)
    coop_prob = np.where(turned, 0.15, coop_prob)[art_of]
    coop = rng.random(n) < coop_prob
    kinds = np.where(coop, rng.choice(COOP, n), rng.choice(CONFLICT, n))
    weights = {k: float(v["weight"]) for k, v in data.ontology().items()}
    factors = np.array([1.0, 0.7, 0.5, 0.25])
    modality = rng.choice(4, n, p=[0.75, 0.12, 0.08, 0.05])
    score = np.array([weights[k] for k in kinds]) * factors[modality]
    swap = rng.random(n) < 0.5
    src = np.where(swap, pair[art_of, 1], pair[art_of, 0])
    tgt = np.where(swap, pair[art_of, 0], pair[art_of, 1])
    dates = (START + day).astype("datetime64[D]")
    art_ids = [f"a{i}" for i in range(n_articles)]
    copy_of = np.where(rng.random(n_articles) < 0.05, np.maximum(np.arange(n_articles) - 1, 0),
                       np.arange(n_articles))  # fmt: skip
    name = np.array(orgs)
    tables = {
        "articles": pa.table({
            "id": art_ids, "title": pa.nulls(n_articles, pa.string()),
            "url": pa.nulls(n_articles, pa.string()),
            "outlet": [f"Outlet {i}" for i in rng.integers(0, 60, n_articles)],
            "date": pa.array(dates), "text": ["synthetic"] * n_articles,
        }),
        "entities": pa.table({
            "name": orgs, "key": [name_key(o) for o in orgs], "kind": ["company"] * n_orgs,
            "aliases": [[o] for o in orgs], "alias_keys": [[name_key(o)] for o in orgs],
        }),
        "ties": pa.table({
            "id": [f"t{i}" for i in range(n)], "article_id": [art_ids[i] for i in art_of],
            "source": name[src], "target": name[tgt], "type": kinds,
            "modality": np.array(["asserted", "planned", "considered", "hypothetical"])[modality],
            "hedged": rng.random(n) < 0.1, "attributed_to": pa.nulls(n, pa.string()),
            "actor": pa.nulls(n, pa.string()), "score": score,
            "evidence": ["e"] * n, "start": np.zeros(n, np.int32), "end": np.ones(n, np.int32),
            "event_date": pa.nulls(n, pa.date32()), "extractor": ["synthetic"] * n,
        }),
        "article_groups": pa.table({
            "article_id": art_ids, "group_id": [art_ids[i] for i in copy_of],
            "signature": [b""] * n_articles,
        }),
    }  # fmt: skip
    with Store(path) as store:
        sql.bulk_load(store, tables)


def percentiles(xs: list[float]) -> str:
    """p50 / p95 / max in milliseconds."""
    if not xs:
        return "not run"
    qs = statistics.quantiles(xs, n=20, method="inclusive") if len(xs) > 1 else [xs[0]] * 19
    ms = [statistics.median(xs) * 1e3, qs[18] * 1e3, max(xs) * 1e3]
    return "p50 {:7.1f} ms   p95 {:7.1f} ms   max {:7.1f} ms".format(*ms)


def main() -> None:
    """Build (or reuse) the store, then time pair timelines and alerts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="keep the synthetic store here (reused if present)")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--alert-runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        if not path.exists():
            t0 = time.perf_counter()
            build(path, args.ties)
            print(f"built {path.name} in {time.perf_counter() - t0:.1f} s")
        with Store(path, read_only=True) as store:
            counts = sql.pair_counts(store)
            total = sum(n for _, _, n in counts)
            print(f"{total:,} ties, {len(counts):,} pairs; largest pair {counts[0][2]:,} ties, "
                  f"median pair {counts[len(counts) // 2][2]} ties")  # fmt: skip
            rng = np.random.default_rng(2)
            volume = np.array([n for _, _, n in counts], dtype=float) / total
            samples = {
                "by tie volume (busy pairs)": rng.choice(len(counts), args.queries, p=volume),
                "uniform over pairs": rng.choice(len(counts), args.queries),
                "the largest pair": np.zeros(min(args.queries, 20), dtype=int),
            }  # fmt: skip
            pair_timeline(store, counts[0][0], counts[0][1])  # warm up
            for label, picks in samples.items():
                times = []
                for i in picks:
                    a, b, _ = counts[int(i)]
                    t0 = time.perf_counter()
                    pair_timeline(store, a, b)
                    times.append(time.perf_counter() - t0)
                print(f"pair_timeline, {label:28s} {percentiles(times)}")
            times, found = [], 0
            for _ in range(args.alert_runs):
                t0 = time.perf_counter()
                found = len(alerts(store))
                times.append(time.perf_counter() - t0)
            print(f"alerts over all pairs ({found:,} turns)     {percentiles(times)}")


if __name__ == "__main__":
    main()
