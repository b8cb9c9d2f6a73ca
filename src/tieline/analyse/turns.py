"""Turning points of a pair's relationship: where its score series changes sign.

Method (a basic change-point search, refined in the timeline module): each
pair's ties are binned by month and each month scored by the mean score of
its ties. Binary segmentation then splits the monthly series at the point
that maximizes the difference of segment means, keeping a split only when
the mean before and the mean after have opposite signs and differ by at
least ``min_shift``; it recurses into each side to find later turns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MIN_SHIFT = 2.0  # score points (ties score -7..+6)


@dataclass(slots=True)
class Turn:
    """One turn of a pair: the first month after the change, its direction and size."""

    a: str
    b: str
    date: dt.date
    direction: str  # "to_conflict" | "to_cooperation"
    before: float
    after: float
    tie_ids: list[str] = field(default_factory=list)

    @property
    def magnitude(self) -> float:
        """Absolute change of the mean monthly score."""
        return abs(self.after - self.before)


def _month(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def _split(
    months: list[dt.date], scores: list[float], lo: int, hi: int, min_shift: float
) -> list[int]:
    best, best_gap = None, min_shift
    for k in range(lo + 1, hi):
        before, after = _mean(scores[lo:k]), _mean(scores[k:hi])
        if before * after < 0 and abs(before - after) >= best_gap:
            best, best_gap = k, abs(before - after)
    if best is None:
        return []
    return [*_split(months, scores, lo, best, min_shift), best,
            *_split(months, scores, best, hi, min_shift)]  # fmt: skip


def find_turns(rows: Iterable[Mapping[str, Any]], *, min_shift: float = MIN_SHIFT) -> list[Turn]:
    """Turns of every pair in rows of (a, b, date, score, id), newest first."""
    by_pair: dict[tuple[str, str], dict[dt.date, list[Mapping[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for r in rows:
        by_pair[(r["a"], r["b"])][_month(r["date"])].append(r)
    turns: list[Turn] = []
    for (a, b), monthly in by_pair.items():
        months = sorted(monthly)
        scores = [_mean([float(r["score"]) for r in monthly[m]]) for m in months]
        cuts = _split(months, scores, 0, len(months), min_shift)
        bounds = [0, *cuts, len(months)]
        for i, k in enumerate(cuts):
            before = _mean(scores[bounds[i] : k])
            after = _mean(scores[k : bounds[i + 2]])
            first = monthly[months[k]]
            turns.append(Turn(
                a, b, min(r["date"] for r in first),
                "to_conflict" if after < 0 else "to_cooperation",
                round(before, 2), round(after, 2), [str(r["id"]) for r in first],
            ))  # fmt: skip
    return sorted(turns, key=lambda t: t.date, reverse=True)
