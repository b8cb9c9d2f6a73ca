"""Strain detection: when a pair turns from cooperation to conflict, or back.

The series. A pair's ties become one observation per independent article
(near-duplicate group) and day: the weighted mean of its claims (one claim per
tie type; a claim is the hedge-weighted mean score of its ties, hedged ties
counting ``HEDGE_FACTOR`` = 0.5). Its weight grows with its number of claims
m, with Kish's design effect for claims of one article being correlated
(``DESIGN_RHO`` = 0.5): w = m / (1 + (m - 1) * 0.5), at most 2. Syndicated
copies are one observation; a claim stated by several independent outlets is
several. Observations are ordered by day.

The method: circular binary segmentation (Olshen et al. 2004) for changes in
the weighted mean. In a segment, every admissible arc [i, j) is compared with
the rest by a two-sample t statistic (pooled weighted variance; residual
standard deviation floored at ``NOISE_FLOOR`` = 1 score point so a few
identical scores are not infinitely certain). Arcs catch an episode (+ - +)
that a single split dilutes. An arc is admissible when it starts and ends
between two different days and leaves at least ``MIN_GROUPS`` = 2
independent articles in each part, so one article alone, however wrong its
extraction, never makes a change. Segments with more than ``MAX_CUTS`` = 80
cut positions are searched on a grid, then the ends are refined.

Significance of the best arc's maximum t: a Monte Carlo test against
``SIMULATIONS`` = 999 Gaussian series with the same weights and admissible
arcs (the max-t test), at ``ALPHA`` = 0.02. From ``PERMUTATION_MIN`` = 20
observations it must also pass a permutation test (the observations in
random order), which guards against skewed, heavy-tailed scores: rare strong
articles adjacent by chance. Both stop early once the p-value cannot reach
``ALPHA``. The search recurses into the parts. Seeds derive from the pair's
names, so results are repeatable. Calibration on synthetic stable series
(articles of 1-6 claims, 15-85% cooperative, 8-80 articles): 0-2% of stable
pairs alert (one in ~60 at worst); a clean step is found in 49% of 8-article,
90% of 19-article and 99% of 30-article series.

Turns. Segment means at least ``MIN_LEVEL`` = 0.5 from zero are cooperation
(+) or conflict (-); segments in between are neutral and carry no state. A
turn is a significant boundary where the state flips and the two means differ
by at least ``MIN_SHIFT`` = 2 score points. Its date is the day of the first
observation of the new segment that is itself on the new side (at least
``MIN_LEVEL`` from zero: a neutral article at the segment's edge has not
turned yet), its magnitude the absolute difference of the means, and its
driving ties the ties of the new segment within
``DRIVE_DAYS`` = 31 days of that day whose score has the new sign, strongest
first. A series whose mean does not change significantly has no boundary,
and one that changes without crossing zero (cooler cooperation) is no turn.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np

from tieline.analyse.divergence import divergence
from tieline.analyse.timeline import HEDGE_FACTOR
from tieline.errors import InputError
from tieline.store import Store
from tieline.store import analytics as sql
from tieline.store.duckdb_store import parse_day

ALPHA = 0.02
SIMULATIONS = 999
CHUNK = 50  # simulations per batch: a hopeless test stops after one or two
MIN_GROUPS = 2
NOISE_FLOOR = 1.0
MIN_LEVEL = 0.5
MIN_SHIFT = 2.0
DRIVE_DAYS = 31
MAX_CUTS = 80  # inner cut positions tested per segment; longer series use a grid, then refine
PERMUTATION_MIN = 20  # from this many observations the permutation test guards heavy tails
DESIGN_RHO = 0.5  # correlation of claims within one article (Kish design effect on weights)


@dataclass(slots=True)
class Series:
    """One pair's observations, oldest first."""

    days: list[dt.date]
    values: np.ndarray
    weights: np.ndarray
    groups: list[str]

    @classmethod
    def of(
        cls,
        days: Sequence[dt.date],
        values: Sequence[float],
        weights: Sequence[float] | None = None,
        groups: Sequence[str] | None = None,
    ) -> Series:
        """A series from plain lists; weights default to 1, groups to one per observation."""
        n = len(values)
        return cls(
            list(days),
            np.asarray(values, dtype=float),
            np.ones(n) if weights is None else np.asarray(weights, dtype=float),
            [str(i) for i in range(n)] if groups is None else list(groups),
        )


@dataclass(slots=True)
class Change:
    """A turn found in a series: where the new segment starts, and how it differs."""

    index: int
    day: dt.date
    direction: str  # to_conflict | to_cooperation
    before: float
    after: float
    p_value: float

    @property
    def magnitude(self) -> float:
        """Absolute change of the segment means, in score points."""
        return round(abs(self.after - self.before), 2)


@dataclass(slots=True)
class Alert:
    """A turn of one pair, with the ties that drive it and any public/reported divergence."""

    a: str
    b: str
    date: dt.date
    direction: str
    magnitude: float
    before: float
    after: float
    p_value: float
    tie_ids: list[str] = field(default_factory=list)
    divergence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: pair, turning date, direction, magnitude, driving tie ids and more."""
        d = asdict(self)
        return {
            "pair": [self.a, self.b],
            "turning_date": self.date.isoformat(),
            "direction": self.direction,
            "magnitude": self.magnitude,
            "driving_tie_ids": self.tie_ids,
            "before": d["before"],
            "after": d["after"],
            "p_value": d["p_value"],
            "divergence": self.divergence,
        }


# -- the test ------------------------------------------------------------------


def _cuts(series: Series, lo: int, hi: int) -> list[int]:
    """Relative positions 0..n where a segment may start: 0, n and every change of day."""
    days = series.days[lo:hi]
    return [0, *[k for k in range(1, hi - lo) if days[k - 1] < days[k]], hi - lo]


def _distinct(groups: Sequence[str], i: int, j: int) -> int:
    return len(set(groups[i:j]))


def _grid(cuts: list[int]) -> list[int]:
    """At most MAX_CUTS inner cuts, evenly spread, so long series stay cheap to test."""
    inner = cuts[1:-1]
    if len(inner) <= MAX_CUTS:
        return cuts
    picks = np.unique(np.linspace(0, len(inner) - 1, MAX_CUTS).round().astype(int))
    return [cuts[0], *[inner[k] for k in picks], cuts[-1]]


def _arcs(groups: Sequence[str], cuts: list[int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Arcs [i, j) leaving enough independent articles in each of the (up to) three parts."""
    m = MIN_GROUPS
    pos = np.arange(n)
    prev = np.full(n, -1)
    last: dict[str, int] = {}
    for p, g in enumerate(groups):
        prev[p] = last.get(g, -1)
        last[g] = p
    starts = np.asarray(cuts)
    # distinct[r, p]: distinct groups in [starts[r], p], counting each at its first position there
    fresh = (prev[None, :] < starts[:, None]) & (pos[None, :] >= starts[:, None])
    distinct = np.cumsum(fresh, axis=1)
    index = {c: r for r, c in enumerate(cuts)}
    arcs_i, arcs_j = [], []
    for i in cuts[:-1]:
        for j in cuts:
            if j <= i or (i == 0 and j == n):
                continue
            if distinct[index[i], j - 1] < m:
                continue
            if i > 0 and distinct[0, i - 1] < m:
                continue
            if j < n and distinct[index[j], n - 1] < m:
                continue
            arcs_i.append(i)
            arcs_j.append(j)
    return np.asarray(arcs_i, dtype=int), np.asarray(arcs_j, dtype=int)


def arc_t(x: np.ndarray, w: np.ndarray, i: np.ndarray, j: np.ndarray, floor: float) -> np.ndarray:
    """t of arc [i, j) against the rest, for every arc and every row of ``x`` (B x n).

    ``w`` is one weight per column (n,) or per cell (B x n), for permuted rows.
    """
    n = x.shape[1]
    w = np.broadcast_to(w, x.shape)
    zero = np.zeros((x.shape[0], 1))
    cw = np.concatenate([zero, np.cumsum(w, axis=1)], axis=1)
    cs = np.concatenate([zero, np.cumsum(x * w, axis=1)], axis=1)
    cq = np.concatenate([zero, np.cumsum(x * x * w, axis=1)], axis=1)
    wa, sa, qa = cw[:, j] - cw[:, i], cs[:, j] - cs[:, i], cq[:, j] - cq[:, i]
    wc, sc, qc = cw[:, n : n + 1] - wa, cs[:, n : n + 1] - sa, cq[:, n : n + 1] - qa
    rss = qa - sa**2 / wa + qc - sc**2 / wc
    s2 = np.maximum(rss / (n - 2), max(floor, 1e-9) ** 2)
    return np.abs(sa / wa - sc / wc) / np.sqrt(s2 * (1 / wa + 1 / wc))


def _gaussian(rng: np.random.Generator, x: np.ndarray, w: np.ndarray, size: int) -> tuple:
    return rng.standard_normal((size, len(w))) / np.sqrt(w), w


def _permuted(rng: np.random.Generator, x: np.ndarray, w: np.ndarray, size: int) -> tuple:
    order = rng.permuted(np.tile(np.arange(len(x)), (size, 1)), axis=1)
    return x[order], w[order]


def max_t_pvalue(
    x: np.ndarray, w: np.ndarray, i: np.ndarray, j: np.ndarray, t_obs: float,
    rng: np.random.Generator, *, alpha: float, simulations: int, null: str = "gaussian",
) -> float:  # fmt: skip
    """Monte Carlo p-value of a maximum arc t under no change, stopping once above ``alpha``.

    ``null`` is "gaussian" (noise with the observations' weights) or "permutation"
    (the observations themselves in random order).
    """
    draw = _gaussian if null == "gaussian" else _permuted
    floor = 0.0 if null == "gaussian" else NOISE_FLOOR
    allowed = int(np.floor(alpha * (simulations + 1))) - 1  # most exceedances with p <= alpha
    exceed, done = 0, 0
    while done < simulations:
        size = min(CHUNK, simulations - done)
        xs, ws = draw(rng, x, w, size)
        exceed += int((arc_t(xs, ws, i, j, floor).max(axis=1) >= t_obs).sum())
        done += size
        if exceed > allowed:
            break
    return (1 + exceed) / (1 + done)


def _refine(
    x: np.ndarray, w: np.ndarray, groups: Sequence[str], cuts: list[int], arc: tuple[int, int]
) -> tuple[int, int]:
    """Move a grid arc's ends to the best admissible cuts between their grid neighbours."""
    grid = _grid(cuts)
    if grid == cuts:
        return arc
    n = len(x)
    i, j = arc
    for end in (0, 1):
        g = grid.index((i, j)[end])
        lo, hi = grid[max(g - 1, 0)], grid[min(g + 1, len(grid) - 1)]
        options = [c for c in cuts if lo <= c <= hi and 0 < c < n] or [(i, j)[end]]
        ii = np.asarray([c if end == 0 else i for c in options])
        jj = np.asarray([j if end == 0 else c for c in options])
        ok = [
            a < b and _distinct(groups, a, b) >= MIN_GROUPS
            and (a == 0 or _distinct(groups, 0, a) >= MIN_GROUPS)
            and (b == n or _distinct(groups, b, n) >= MIN_GROUPS)
            for a, b in zip(ii, jj, strict=True)
        ]  # fmt: skip
        if not any(ok):
            continue
        ii, jj = ii[ok], jj[ok]
        best = int(np.argmax(arc_t(x[None, :], w, ii, jj, NOISE_FLOOR)[0]))
        i, j = int(ii[best]), int(jj[best])
    return i, j


def _seed(key: str, lo: int, hi: int) -> int:
    return zlib.crc32(f"{key}|{lo}|{hi}".encode())


def _segment(
    series: Series, lo: int, hi: int, key: str, alpha: float, simulations: int
) -> list[tuple[int, float]]:
    """Significant change points (index, p-value) in series[lo:hi], by circular segmentation."""
    n = hi - lo
    x, w, groups = series.values[lo:hi], series.weights[lo:hi], series.groups[lo:hi]
    cuts = _cuts(series, lo, hi)
    ai, aj = _arcs(groups, _grid(cuts), n)
    if ai.size == 0:
        return []
    t = arc_t(x[None, :], w, ai, aj, NOISE_FLOOR)[0]
    best = int(np.argmax(t))
    if t[best] < NormalDist().inv_cdf(1 - alpha / 2):
        return []  # below the normal quantile: the max-t test cannot reject
    rng = np.random.default_rng(_seed(key, lo, hi))
    p = max_t_pvalue(x, w, ai, aj, float(t[best]), rng, alpha=alpha, simulations=simulations)
    if p <= alpha and n >= PERMUTATION_MIN:
        # Skewed or heavy-tailed scores: the observations' own order must be unusual too.
        perm = max_t_pvalue(
            x, w, ai, aj, float(t[best]), rng, alpha=alpha, simulations=simulations,
            null="permutation",
        )  # fmt: skip
        p = max(p, perm)
    if p > alpha:
        return []
    i, j = _refine(x, w, groups, cuts, (int(ai[best]), int(aj[best])))
    inner = [lo + c for c in (i, j) if 0 < c < n]
    bounds = [lo, *inner, hi]
    found: list[tuple[int, float]] = []
    for k, (s, e) in enumerate(itertools.pairwise(bounds)):
        if k:
            found.append((s, p))
        found.extend(_segment(series, s, e, key, alpha, simulations))
    return found


def _mean(series: Series, lo: int, hi: int) -> float:
    w = series.weights[lo:hi]
    return float(np.sum(series.values[lo:hi] * w) / np.sum(w))


def _state(mean: float) -> int:
    return 1 if mean >= MIN_LEVEL else -1 if mean <= -MIN_LEVEL else 0


def _first_turned(series: Series, lo: int, hi: int, state: int) -> int:
    """The first observation of a new segment that is itself on the new side: a neutral
    article at the segment's edge ("+0.4" before a run of "+5") has not turned yet."""
    return next((i for i in range(lo, hi) if state * series.values[i] >= MIN_LEVEL), lo)


def find_changes(
    series: Series, *, key: str = "", alpha: float = ALPHA, simulations: int = SIMULATIONS
) -> list[Change]:
    """Turns in a series (oldest first): significant boundaries where the sign flips."""
    if len(series.values) < 2 * MIN_GROUPS:
        return []
    cuts = _segment(series, 0, len(series.values), key, alpha, simulations)
    bounds = [0, *[k for k, _ in cuts], len(series.values)]
    pvals = dict(cuts)
    changes: list[Change] = []
    state, level = 0, 0.0
    for lo, hi in itertools.pairwise(bounds):
        mean = _mean(series, lo, hi)
        now = _state(mean)
        if now == 0:
            continue  # neutral: no state of its own
        if now == state:
            level = mean  # the latest segment on this side is what a later turn leaves
            continue
        if state and abs(mean - level) < MIN_SHIFT:
            continue  # a flip too small to call: keep the old state
        if state:
            direction = "to_conflict" if now < 0 else "to_cooperation"
            day = series.days[_first_turned(series, lo, hi, now)]
            changes.append(Change(lo, day, direction, round(level, 2), round(mean, 2), pvals[lo]))
        state, level = now, mean
    return changes


# -- over a store ---------------------------------------------------------------


def design_weight(claims: np.ndarray) -> np.ndarray:
    """An article's weight from its (hedge-weighted) number of claims, at most 1 / DESIGN_RHO."""
    return claims / (1 + (claims - 1) * DESIGN_RHO)


def _series_by_pair(table: Any) -> Iterable[tuple[str, str, Series]]:
    cols = table.to_pydict()
    a, b = cols["a"], cols["b"]
    start = 0
    for i in range(1, len(a) + 1):
        if i == len(a) or a[i] != a[start] or b[i] != b[start]:
            yield (
                a[start],
                b[start],
                Series(
                    cols["day"][start:i],
                    np.asarray(cols["value"][start:i], dtype=float),
                    design_weight(np.asarray(cols["weight"][start:i], dtype=float)),
                    cols["grp"][start:i],
                ),
            )
            start = i


def _driving(ties: Sequence[dict[str, Any]], change: Change) -> list[str]:
    end = change.day + dt.timedelta(days=DRIVE_DAYS)
    sign = -1 if change.direction == "to_conflict" else 1
    picked = [t for t in ties if change.day <= t["day"] < end and sign * t["score"] > 0]
    picked.sort(key=lambda t: (-sign * t["score"], t["day"], t["id"]))
    return [str(t["id"]) for t in picked]


def _divergence_near(ties: Sequence[dict[str, Any]], day: dt.date) -> str | None:
    window = dt.timedelta(days=DRIVE_DAYS)
    near = [t for t in ties if day - window <= t["day"] < day + window]
    return divergence(near, hedge_factor=HEDGE_FACTOR).text()


def _alerts_for(
    store: Store, a: str, b: str, series: Series, date: str, since: dt.date | None
) -> list[Alert]:
    changes = [c for c in find_changes(series, key=f"{a}|{b}") if not since or c.day >= since]
    if not changes:
        return []
    ties = sql.pair_ties(store, a, b, date=date)
    return [
        Alert(a, b, c.day, c.direction, c.magnitude, c.before, c.after, round(c.p_value, 4),
              _driving(ties, c), _divergence_near(ties, c.day))
        for c in changes
    ]  # fmt: skip


Watch = Sequence[str | tuple[str, str]]


def read_watch(path: str | Path) -> list[str | tuple[str, str]]:
    """A watch list: one organization, or a pair as "A | B" (or tab-separated), per line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read watch list {path}: {exc}") from None
    items: list[str | tuple[str, str]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("\t", "|").split("|") if p.strip()]
        if len(parts) > 2:
            raise InputError(f"{path}: {line!r} is neither an organization nor a pair 'A | B'")
        items.append((parts[0], parts[1]) if len(parts) == 2 else parts[0])
    return items


def _watched(store: Store, watch: Watch) -> tuple[set[str], set[tuple[str, str]]]:
    orgs, pairs = set(), set()
    for item in watch:
        if isinstance(item, str):
            orgs.add(store.resolve_org(item))
        else:
            x, y = sorted((store.resolve_org(item[0]), store.resolve_org(item[1])))
            pairs.add((x, y))
    return orgs, pairs


def alerts(
    store: Store,
    *,
    since: str | dt.date | None = None,
    org: str | None = None,
    watch: Watch | None = None,
    date: str = "report",
) -> list[Alert]:
    """Turns of every pair (or those of ``org``, or on the watch list), newest first."""
    since_day = parse_day(since, "since")
    orgs: set[str] | None = None
    if org:
        orgs = {store.resolve_org(org)}
    w_orgs, w_pairs = _watched(store, watch) if watch is not None else (set(), set())
    if watch is not None and orgs is None:
        orgs = w_orgs | {o for p in w_pairs for o in p}
    table = sql.observations(
        store, hedge_factor=HEDGE_FACTOR, date=date, since=since_day, min_obs=2 * MIN_GROUPS,
        min_level=MIN_LEVEL, orgs=sorted(orgs) if orgs is not None else None,
    )  # fmt: skip
    found: list[Alert] = []
    for a, b, series in _series_by_pair(table):
        if watch is not None and not ((a, b) in w_pairs or {a, b} & w_orgs):
            continue
        found.extend(_alerts_for(store, a, b, series, date, since_day))
    return sorted(found, key=lambda x: (x.date, x.magnitude), reverse=True)


def pair_turns(store: Store, a: str, b: str, *, date: str = "report") -> list[Alert]:
    """Turns of one pair (names or aliases), oldest first."""
    a, b = sorted((store.resolve_org(a), store.resolve_org(b)))
    table = sql.observations(
        store, hedge_factor=HEDGE_FACTOR, date=date, pair=(a, b), min_obs=2 * MIN_GROUPS,
        min_level=MIN_LEVEL,
    )  # fmt: skip
    for x, y, series in _series_by_pair(table):
        if (x, y) == (a, b):
            return _alerts_for(store, a, b, series, date, None)
    return []
