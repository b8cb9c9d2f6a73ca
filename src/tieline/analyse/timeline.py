"""A pair's timeline: cooperation-conflict score, ties by type and evidence per period.

Each tie's ``score`` already carries its modality (TIES.md). Here a hedged tie
("reportedly") counts ``HEDGE_FACTOR`` = 0.5 of an unhedged one. Within a
period, the ties of one type from one near-duplicate group are one claim (the
hedge-weighted mean of their scores), and each type weighs as many times as
independent voices state it (its corroboration: distinct groups or outlets,
whichever is fewer; see :mod:`tieline.analyse.corroboration`), so syndicated
copies add nothing. The period's score is the weighted mean over its types,
on the -7..+6 scale of the tie weights; a period with no ties has no score.

The period is a week (Monday), month or quarter: given, or chosen from the
span of the pair's ties so a timeline has tens of points, not thousands.
``date="event"`` places a tie at its event date when it has one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from tieline.analyse.corroboration import independent_voices
from tieline.analyse.divergence import divergence
from tieline.errors import QueryError
from tieline.store import Store
from tieline.store import analytics as sql
from tieline.store.duckdb_store import parse_day

HEDGE_FACTOR = 0.5
PERIODS = ("week", "month", "quarter")
WEEKS_UP_TO_DAYS = 183  # spans up to half a year are shown by week
MONTHS_UP_TO_DAYS = 5 * 366  # up to five years by month, longer by quarter
SPARKS = "▁▂▃▄▅▆▇█"


def period_start(day: dt.date, by: str) -> dt.date:
    """First day of the week (Monday), month or quarter holding ``day``."""
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    raise QueryError(f"period must be one of {', '.join(PERIODS)}, got {by!r}")


def next_period(start: dt.date, by: str) -> dt.date:
    """First day of the period after the one starting at ``start``."""
    if by == "week":
        return start + dt.timedelta(days=7)
    months = 1 if by == "month" else 3
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def choose_period(first: dt.date, last: dt.date) -> str:
    """Week, month or quarter, from the span between the first and the last tie."""
    span = (last - first).days
    if span <= WEEKS_UP_TO_DAYS:
        return "week"
    return "month" if span <= MONTHS_UP_TO_DAYS else "quarter"


@dataclass(slots=True)
class Period:
    """One period of a pair's timeline."""

    start: dt.date
    score: float | None = None  # None: no ties in this period
    ties: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # ties by type
    corroboration: dict[str, int] = field(default_factory=dict)  # independent voices by type
    public: float | None = None  # what the two parties say (see analyse.divergence)
    reported: float | None = None  # what others report
    divergence: float | None = None  # public - reported
    divergence_text: str | None = None
    tie_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Timeline:
    """A pair's periods, oldest first, with how they were cut."""

    a: str
    b: str
    by: str
    date: str
    periods: list[Period] = field(default_factory=list)
    # (day, type, score, tie id) of every tie, for plots; not part of to_dict
    marks: list[tuple[dt.date, str, float, str]] = field(default_factory=list, repr=False)

    def scores(self) -> list[float | None]:
        """The score of every period (None where there are no ties)."""
        return [p.score for p in self.periods]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings."""
        out = asdict(self)
        del out["marks"]
        for p in out["periods"]:
            p["start"] = p["start"].isoformat()
        return out


def _weighted(pairs: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """(weighted mean, total weight) of (value, weight) pairs."""
    pairs = list(pairs)
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total, total


def _hedge(tie: Mapping[str, Any], hedge_factor: float) -> float:
    return hedge_factor if tie["hedged"] else 1.0


def type_value(ties: Sequence[Mapping[str, Any]], *, hedge_factor: float) -> tuple[float, float]:
    """(value, weight) of one tie type in one period: claims per group, times corroboration."""
    by_group: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for t in ties:
        by_group[t["group_id"]].append(t)
    claims = []
    for rows in by_group.values():
        value, total = _weighted((float(t["score"]), _hedge(t, hedge_factor)) for t in rows)
        claims.append((value, total / len(rows)))  # a claim weighs its mean hedge factor
    value, total = _weighted(claims)
    return value, independent_voices(ties) * total / len(claims)


def score_period(ties: Sequence[Mapping[str, Any]], *, hedge_factor: float) -> Period:
    """A period's score, counts, corroboration and divergence from its ties."""
    by_type: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for t in ties:
        by_type[t["type"]].append(t)
    values = [type_value(rows, hedge_factor=hedge_factor) for rows in by_type.values()]
    score, _ = _weighted(values)
    div = divergence(ties, hedge_factor=hedge_factor)
    return Period(
        start=dt.date.min,
        score=round(score, 3),
        ties=len(ties),
        counts=dict(Counter(t["type"] for t in ties).most_common()),
        corroboration={k: independent_voices(v) for k, v in sorted(by_type.items())},
        public=div.public,
        reported=div.reported,
        divergence=div.gap,
        divergence_text=div.text(),
        tie_ids=[str(t["id"]) for t in ties],
    )


def build_timeline(
    a: str,
    b: str,
    ties: Sequence[Mapping[str, Any]],
    *,
    by: str | None = None,
    date: str = "report",
    hedge_factor: float = HEDGE_FACTOR,
) -> Timeline:
    """A timeline from a pair's tie rows (each with id, day, type, score, hedged, group, outlet)."""
    if by is not None and by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    if not ties:
        return Timeline(a, b, by or "month", date)
    days = [t["day"] for t in ties]
    by = by or choose_period(min(days), max(days))
    binned: dict[dt.date, list[Mapping[str, Any]]] = defaultdict(list)
    for t in ties:
        binned[period_start(t["day"], by)].append(t)
    periods, start, last = [], min(binned), max(binned)
    while start <= last:  # empty periods too: a gap is information
        p = Period(start)
        if start in binned:
            p = score_period(binned[start], hedge_factor=hedge_factor)
            p.start = start
        periods.append(p)
        start = next_period(start, by)
    marks = [(t["day"], t["type"], float(t["score"]), str(t["id"])) for t in ties]
    return Timeline(a, b, by, date, periods, marks)


def pair_timeline(
    store: Store,
    a: str,
    b: str,
    *,
    by: str | None = None,
    date: str = "report",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    hedge_factor: float = HEDGE_FACTOR,
) -> Timeline:
    """The timeline of two organizations (names or aliases) in ``store``."""
    a, b = store.resolve_org(a), store.resolve_org(b)
    ties = sql.pair_ties(
        store, a, b, date=date, since=parse_day(since, "since"), until=parse_day(until, "until")
    )
    return build_timeline(a, b, ties, by=by, date=date, hedge_factor=hedge_factor)


def sparkline(values: Sequence[float | None], *, scale: float | None = None) -> str:
    """One character per value, zero in the middle; a blank where there is no value."""
    known = [abs(v) for v in values if v is not None]
    top = scale or max(known, default=0.0) or 1.0
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        level = (max(-top, min(top, v)) + top) / (2 * top)  # 0..1, zero at 0.5
        out.append(SPARKS[round(level * (len(SPARKS) - 1))])
    return "".join(out)
