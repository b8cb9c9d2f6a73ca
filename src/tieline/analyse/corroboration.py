"""Syndication and corroboration: copies of one story are one voice, not many.

Near-duplicate articles (syndicated copies, lightly edited versions, the same
text under different boilerplate) are grouped with MinHash and LSH
(datasketch's MinHash over word 5-shingles, ``NUM_PERM`` = 128 permutations,
``BANDS`` = 32 bands of ``ROWS`` = 4 rows, so pairs at Jaccard 0.5 become
candidates with probability 0.87 and at 0.6 with 0.99). A candidate joins a
group when its estimated Jaccard similarity is at least ``THRESHOLD`` = 0.5:
two copies of a 150-word story that differ in a 30-word footer each are at
about 0.68, two different stories on the same event at under 0.1.

Signatures and band hashes are stored (``article_groups``, ``article_bands``),
so grouping is incremental: :func:`update_groups` compares each new article
with every stored one through the band table. A group's id is the smallest
article id of its connected component, which makes the result independent of
the order and batches in which articles arrive.

A claim's corroboration is the number of independent voices stating the same
(pair, type): the smaller of its distinct near-duplicate groups and its
distinct outlets (an article with no outlet counts as its own), so neither
copies nor one outlet repeating itself raise it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
from datasketch import MinHash

from tieline.store import Store
from tieline.store import analytics as sql
from tieline.store.duckdb_store import parse_day

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE = 5  # words
THRESHOLD = 0.5
_SEED = 1  # fixed: signatures must be comparable across runs and processes
_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-shingles of case-folded text (the whole text when shorter than k words)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """MinHash signature of a text: ``NUM_PERM`` uint32 values."""
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED)
    mh.update_batch(list(shingles(text)))
    return mh.hashvalues.astype(np.uint32)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per LSH band of a signature."""
    out = []
    for i in range(BANDS):
        chunk = sig[i * ROWS : (i + 1) * ROWS].astype("<u4").tobytes()
        out.append(
            int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)
        )
    return out


def similarity(x: np.ndarray, y: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(x == y))


class _Components:
    """Union-find whose representative is the smallest id (order-independent group ids)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            lo, hi = sorted((rx, ry))
            self.parent[hi] = lo


def _within_batch(sigs: dict[str, np.ndarray], bands: dict[str, list[int]]) -> set[tuple[str, str]]:
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for aid, hashes in bands.items():
        for i, h in enumerate(hashes):
            buckets[(i, h)].append(aid)
    pairs = {(x, y) for ids in buckets.values() for x in ids for y in ids if x < y}
    return {(x, y) for x, y in pairs if similarity(sigs[x], sigs[y]) >= THRESHOLD}


def update_groups(store: Store, article_ids: Sequence[str] | None = None) -> int:
    """Group these stored articles (all ungrouped ones when None) with their near-duplicates.

    Call after each ingest batch; articles already grouped are skipped, so
    calling it twice changes nothing. Returns how many articles were grouped.
    """
    texts = sql.ungrouped_texts(store, article_ids)
    if not texts:
        return 0
    sigs = {aid: signature(text) for aid, text in texts}
    bands = {aid: band_hashes(sig) for aid, sig in sigs.items()}
    band_table = pa.table(
        {
            "band": pa.array([i for aid in bands for i in range(BANDS)], pa.int16()),
            "hash": pa.array([h for aid in bands for h in bands[aid]], pa.int64()),
            "article_id": pa.array([aid for aid in bands for _ in range(BANDS)], pa.string()),
        }
    )
    parts = _Components()
    stored_groups: set[str] = set()
    for new, _old, group, sig in sql.band_candidates(store, band_table):
        if similarity(sigs[new], np.frombuffer(sig, dtype="<u4")) >= THRESHOLD:
            parts.union(new, group)
            stored_groups.add(group)
    for x, y in _within_batch(sigs, bands):
        parts.union(x, y)
    groups = pa.table(
        {
            "article_id": list(sigs),
            "group_id": [parts.find(aid) for aid in sigs],
            "signature": [sig.astype("<u4").tobytes() for sig in sigs.values()],
        },
        schema=pa.schema(
            [("article_id", pa.string()), ("group_id", pa.string()), ("signature", pa.binary())]
        ),
    )
    renames = {g: parts.find(g) for g in stored_groups if parts.find(g) != g}
    sql.save_groups(store, groups, band_table, renames)
    return len(sigs)


@dataclass(slots=True)
class Claim:
    """One (pair, type) in a window: how many ties, copies and independent voices state it."""

    type: str
    ties: int
    articles: int
    groups: int
    outlets: int
    corroboration: int
    tie_ids: list[str] = field(default_factory=list)


def independent_voices(rows: Iterable[Mapping[str, Any]]) -> int:
    """Distinct near-duplicate groups or distinct outlets, whichever is fewer."""
    rows = list(rows)
    groups = {r["group_id"] for r in rows}
    outlets = {r["outlet"] or f"group:{r['group_id']}" for r in rows}
    return min(len(groups), len(outlets))


def claims(
    store: Store,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    date: str = "report",
) -> list[Claim]:
    """Each tie type stated between two organizations, with its corroboration, most first."""
    a, b = store.resolve_org(a), store.resolve_org(b)
    rows = sql.pair_ties(
        store, a, b, date=date, since=parse_day(since, "since"), until=parse_day(until, "until")
    )
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    out = [
        Claim(
            type=t,
            ties=len(rs),
            articles=len({r["article_id"] for r in rs}),
            groups=len({r["group_id"] for r in rs}),
            outlets=len({r["outlet"] for r in rs if r["outlet"]}),
            corroboration=independent_voices(rs),
            tie_ids=[r["id"] for r in rs],
        )
        for t, rs in by_type.items()
    ]
    return sorted(out, key=lambda c: (-c.corroboration, -c.ties, c.type))
