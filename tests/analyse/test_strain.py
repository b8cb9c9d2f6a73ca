"""The turn detector on synthetic series and stores: stable never alerts, clean steps do."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from conftest import monthly
from tieline.analyse.strain import Series, alerts, find_changes, pair_turns, read_watch
from tieline.errors import InputError, QueryError
from tieline.store import Store

COOP = [6.0, 4.0, 3.0, 6.0, 4.0, 1.0]
CONFLICT = [-7.0, -4.0, -3.0, -5.0, -6.0, -2.0]


def days(n: int, start: str = "2022-01-05", step: int = 20) -> list[dt.date]:
    first = dt.date.fromisoformat(start)
    return [first + dt.timedelta(days=step * k) for k in range(n)]


def noisy(rng: np.random.Generator, n: int, p_coop: float) -> Series:
    """Articles of 1-6 claims, each cooperative with probability p_coop."""
    values, weights = [], []
    for _ in range(n):
        m = int(rng.integers(1, 7))
        claims = [rng.choice(COOP) if rng.random() < p_coop else rng.choice(CONFLICT)
                  for _ in range(m)]  # fmt: skip
        values.append(float(np.mean(claims)))
        weights.append(m / (1 + (m - 1) * 0.5))
    return Series.of(days(n), values, weights)


@pytest.mark.parametrize("p_coop", [0.85, 0.15])
def test_stable_series_never_alert(p_coop: float) -> None:
    rng = np.random.default_rng(2024)
    for k in range(25):
        series = noisy(rng, int(rng.integers(6, 40)), p_coop)
        assert find_changes(series, key=f"stable{k}") == [], (p_coop, k)


def test_false_alarms_of_a_mixed_stable_pair_stay_near_alpha() -> None:
    # Mean close to zero: segment means cross zero by chance, so only the test holds them.
    rng = np.random.default_rng(7)
    hits = sum(bool(find_changes(noisy(rng, 20, 0.6), key=f"mixed{k}")) for k in range(100))
    assert hits <= 3


def test_constant_series_never_alerts() -> None:
    assert find_changes(Series.of(days(30), [4.0] * 30)) == []
    assert find_changes(Series.of(days(3), [5.0, -5.0, 5.0])) == []


def test_clean_step_alerts_at_the_step() -> None:
    values = [4.0, 5.0, 4.5, 5.0, 4.0, 4.5, -4.0, -5.0, -4.5, -3.5, -4.0]
    series = Series.of(days(len(values)), values)
    (change,) = find_changes(series, key="step")
    assert change.index == 6 and change.day == series.days[6]
    assert change.direction == "to_conflict"
    assert change.magnitude == pytest.approx(8.65, abs=0.1)
    assert change.p_value <= 0.02


def test_a_neutral_article_at_the_edge_does_not_date_the_turn() -> None:
    """The turn is the first article that has turned, not a near-zero one before it."""
    values = [-4.0, -5.0, -4.5, -5.0, -4.0, -4.5, 0.4, 5.0, 4.5, 4.0, 5.0, 4.5]
    series = Series.of(days(len(values)), values)
    changes = find_changes(series, key="edge")
    assert [c.direction for c in changes] == ["to_cooperation"]
    assert changes[0].day == series.days[7]


def test_an_episode_gives_both_turns() -> None:
    values = [5, 4, 5, 6, 4, 5, -5, -4, -6, -5, -4, 4, 5, 6, 4, 5]
    series = Series.of(days(len(values)), [float(v) for v in values])
    changes = find_changes(series, key="episode")
    assert [(c.index, c.direction) for c in changes] == [(6, "to_conflict"), (11, "to_cooperation")]


def test_one_article_alone_never_makes_a_turn() -> None:
    values = [5.0] * 8 + [-7.0]
    assert find_changes(Series.of(days(9), values)) == []
    # nor do copies of it: one group spread over several days
    values = [5.0] * 8 + [-7.0, -7.0, -7.0]
    groups = [str(k) for k in range(8)] + ["copy"] * 3
    assert find_changes(Series.of(days(11), values, groups=groups)) == []


def test_cooler_cooperation_is_not_a_turn() -> None:
    values = [6.0] * 8 + [1.0] * 8
    assert find_changes(Series.of(days(16), values)) == []


def _story(pair: tuple[str, str], dates: list[str], kinds: list[str], outlet: str = "Wire"):
    a, b = pair
    return [(f"{a[:2]}{b[:2]}{k}", d, outlet, None, [(a, b, t)]) for k, (d, t) in
            enumerate(zip(dates, kinds, strict=True))]  # fmt: skip


@pytest.fixture()
def store_path(build: Callable) -> Path:
    turning = _story(("Zorvex", "Plimco"), monthly("2023-01-01", 12), ["PARTNER"] * 6 + ["SUE"] * 6)
    stable = _story(("Brinemoor", "Plimco"), monthly("2023-01-01", 12), ["SUPPLY", "PARTNER"] * 6)
    rivals = _story(
        ("Brinemoor", "Zorvex"), monthly("2023-02-01", 10), ["COMPETE", "CRITICIZE"] * 5
    )
    return build(turning + stable + rivals)


def test_alerts_over_a_store(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        found = alerts(store)
        assert [(x.a, x.b, x.direction) for x in found] == [("Plimco", "Zorvex", "to_conflict")]
        turn = found[0]
        assert turn.date == dt.date.fromisoformat(monthly("2023-01-01", 12)[6])
        assert len(turn.tie_ids) == 1  # the SUE of the first conflict article
        doc = turn.to_dict()
        assert set(doc) >= {"pair", "turning_date", "direction", "magnitude", "driving_tie_ids"}
        json.dumps(doc)
        assert alerts(store, since="2024-01-01") == []
        assert alerts(store, org="Brinemoor") == []
        assert len(alerts(store, org="Zorvex")) == 1
        assert alerts(store, watch=[("Brinemoor", "Plimco")]) == []
        assert len(alerts(store, watch=["Zorvex"])) == 1
        assert [t.date for t in pair_turns(store, "Zorvex", "Plimco")] == [turn.date]
        with pytest.raises(QueryError):
            alerts(store, org="Nobody")


def test_read_watch(tmp_path: Path) -> None:
    path = tmp_path / "watch.txt"
    path.write_text("# pairs and orgs\nZorvex | Plimco\nBrinemoor\n\nA\tB  # tab\n", "utf-8")
    assert read_watch(path) == [("Zorvex", "Plimco"), "Brinemoor", ("A", "B")]
    path.write_text("A | B | C\n", "utf-8")
    with pytest.raises(InputError):
        read_watch(path)
    with pytest.raises(InputError):
        read_watch(tmp_path / "missing.txt")


def test_divergence_text_reaches_the_alert(build: Callable) -> None:
    dates = monthly("2023-01-01", 12)
    arts = [(f"c{k}", d, "Wire", None, [("Zorvex", "Plimco", "PARTNER")]) for k, d in
            enumerate(dates[:6])]  # fmt: skip
    for k, d in enumerate(dates[6:]):
        arts.append((f"d{k}", d, "Wire", None, [
            ("Zorvex", "Plimco", "SUPPORT", "asserted", False, "Zorvex"),  # Zorvex says all is well
            ("Zorvex", "Plimco", "DISPUTE", "asserted", True, "Daily Lantern"),  # others disagree
            ("Zorvex", "Plimco", "SUE", "asserted", False, None),
        ]))  # fmt: skip
    with Store(build(arts), read_only=True) as store:
        (turn,) = alerts(store)
    assert turn.direction == "to_conflict"
    assert turn.divergence == "publicly supportive, reportedly in dispute"
