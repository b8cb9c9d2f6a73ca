"""Pair timelines: periods, weighting of hedged and corroborated ties, divergence, sparkline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tieline.analyse.divergence import Divergence, divergence, voice
from tieline.analyse.timeline import (
    choose_period,
    next_period,
    pair_timeline,
    period_start,
    sparkline,
)
from tieline.errors import QueryError
from tieline.model import Article, Tie
from tieline.pipeline import Result
from tieline.store import Store

D = dt.date


@pytest.mark.parametrize(
    ("day", "by", "start", "after"),
    [
        (D(2024, 5, 16), "week", D(2024, 5, 13), D(2024, 5, 20)),
        (D(2024, 12, 31), "month", D(2024, 12, 1), D(2025, 1, 1)),
        (D(2024, 11, 30), "quarter", D(2024, 10, 1), D(2025, 1, 1)),
    ],
)
def test_periods(day: dt.date, by: str, start: dt.date, after: dt.date) -> None:
    assert period_start(day, by) == start
    assert next_period(start, by) == after


def test_period_is_chosen_from_the_span() -> None:
    assert choose_period(D(2024, 1, 1), D(2024, 3, 1)) == "week"
    assert choose_period(D(2022, 1, 1), D(2025, 1, 1)) == "month"
    assert choose_period(D(2010, 1, 1), D(2025, 1, 1)) == "quarter"


def test_timeline_scores_counts_and_evidence(build: Callable) -> None:
    path = build([
        ("a1", "2024-01-10", "Wire", None, [("Zorvex", "Plimco", "PARTNER")]),
        ("a2", "2024-01-20", "Ledger", None, [("Plimco", "Zorvex", "SUE", "asserted", True)]),
        ("a3", "2024-04-02", "Wire", None, [("Zorvex", "Plimco", "SUE", "planned")]),
    ])  # fmt: skip
    with Store(path, read_only=True) as store:
        tl = pair_timeline(store, "plimco", "Zorvex", by="month")
        assert (tl.a, tl.b, tl.by) == ("Plimco", "Zorvex", "month")
        assert [p.start for p in tl.periods] == [D(2024, m, 1) for m in (1, 2, 3, 4)]
        jan, feb, _, apr = tl.periods
        # the hedged SUE counts half: (6 * 1 + -7 * 0.5) / 1.5
        assert jan.score == pytest.approx(1.667, abs=0.001)
        assert jan.counts == {"PARTNER": 1, "SUE": 1} and len(jan.tie_ids) == 2
        assert feb.score is None and feb.ties == 0
        assert apr.score == pytest.approx(-4.9)
        assert tl.scores() == [jan.score, None, None, apr.score]
        assert pair_timeline(store, "Zorvex", "Plimco", by="quarter").periods[0].ties == 2
        assert tl.to_dict()["periods"][0]["start"] == "2024-01-01"
        with pytest.raises(QueryError):
            pair_timeline(store, "Zorvex", "Plimco", by="day")
        with pytest.raises(QueryError):
            pair_timeline(store, "Zorvex", "Plimco", date="published")


def test_event_dates_place_ties_when_asked(tmp_path: Path) -> None:
    tie = Tie("Zorvex", "Plimco", "PARTNER", score=6.0, evidence="e", event_date="2019-01-01")
    with Store(tmp_path / "e.duckdb") as store:
        store.add([Result(Article(id="e1", text="Story e1 text.", date="2024-06-01"), [tie], [])])
        assert pair_timeline(store, "Zorvex", "Plimco").periods[0].start == D(
            2024, 5, 27
        )  # its Monday
        by_event = pair_timeline(store, "Zorvex", "Plimco", date="event")
        assert by_event.periods[0].start == D(2018, 12, 31)  # the Monday of that week


def test_voices_and_divergence() -> None:
    tie = {"source": "A", "target": "B", "hedged": False}
    assert voice({**tie, "attributed_to": "A"}) == "public"
    assert voice({**tie, "attributed_to": "The Wire"}) == "reported"
    assert voice({**tie, "attributed_to": "anonymous"}) == "reported"
    assert voice({**tie, "attributed_to": None, "hedged": True}) == "reported"
    assert voice({**tie, "attributed_to": None}) == "stated"
    assert Divergence(3.0, -4.0).text() == "publicly supportive, reportedly in dispute"
    assert Divergence(3.0, -4.0).gap == 7.0
    assert Divergence(-3.0, 4.0).text() == "publicly at odds, reportedly cooperating"
    assert Divergence(3.0, 2.0).text() is None and Divergence(None, 2.0).gap is None


def test_divergence_compares_stances_not_holdings() -> None:
    def t(kind: str, score: float, by: str, hedged: bool = False) -> dict:
        return {"source": "A", "target": "B", "type": kind, "score": score,
                "attributed_to": by, "hedged": hedged}  # fmt: skip

    # A blames B in public; unnamed people say B weighs suing "its largest shareholder"
    ties = [t("CRITICIZE", -3, "A"), t("INVEST", 6, "anonymous", True),
            t("SUE", -3.5, "anonymous", True)]  # fmt: skip
    found = divergence(ties, hedge_factor=0.5)
    assert found.reported == -3.5 and found.text() is None  # no "reportedly cooperating"
    # the stance of the same voices still counts
    found = divergence(
        [t("SUPPORT", 3, "A"), t("DISPUTE", -4, "anonymous", True)], hedge_factor=0.5
    )
    assert found.text() == "publicly supportive, reportedly in dispute"


def test_sparkline() -> None:
    line = sparkline([-6.0, 0.0, None, 6.0])
    assert line[0] == "▁" and line[2] == " " and line[3] == "█" and len(line) == 4
    assert sparkline([]) == ""
