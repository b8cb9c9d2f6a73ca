"""Near-duplicate groups and corroboration: copies are one voice, across batches too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import add_articles
from tieline.analyse.corroboration import claims, shingles, update_groups
from tieline.analyse.timeline import pair_timeline
from tieline.store import Store
from tieline.store import analytics as sql

BODY = (
    "Zorvex signed a five year agreement with Plimco on Tuesday to supply its cloud platform "
    "to the startup, the companies said in a joint statement. The deal covers data centres in "
    "three countries and follows months of talks between the two firms, according to people "
    "familiar with the negotiations. Plimco will move its training workloads to Zorvex Cloud "
    "by the end of the year, and Zorvex will take a seat on an advisory board that oversees "
    "the startup's safety research. Analysts said the agreement strengthens Zorvex against "
    "rivals in Europe, where demand for computing capacity has grown quickly this year."
)
FOOTERS = [
    "Subscribe to the Daily Lantern for more stories like this one. Copyright 2024 Daily "
    "Lantern Media. All rights reserved. Reporting by the markets desk.",
    "This story was syndicated by Wire Service International and may be republished with "
    "credit. Follow us for breaking news alerts and market updates every morning.",
    "Read more technology news at Harbor Ledger. Sign up for our weekly newsletter to get the "
    "best analysis in your inbox, free of charge, every Friday.",
]
OTHER = (
    "Plimco and Zorvex are working together on a new data centre in Lisbon, according to a "
    "report by a Portuguese newspaper, which cited planning documents filed with the city. The "
    "site would host equipment for the startup's models and open next spring."
)
SUPPLY = [("Zorvex", "Plimco", "SUPPLY")]


def copies() -> list[tuple]:
    outlets = ["Daily Lantern", "Wire", "Harbor Ledger"]
    return [(f"copy{k}", "2024-03-05", outlets[k], f"{BODY}\n\n{FOOTERS[k]}", SUPPLY)
            for k in range(3)]  # fmt: skip


def test_copies_differing_in_boilerplate_do_not_raise_corroboration(build: Callable) -> None:
    path = build([*copies(), ("other", "2024-03-09", "Ledger", OTHER, SUPPLY)])
    with Store(path, read_only=True) as store:
        groups = sql.groups_of(store, ["copy0", "copy1", "copy2", "other"])
        (claim,) = claims(store, "Zorvex", "Plimco")
        (period,) = [p for p in pair_timeline(store, "Zorvex", "Plimco").periods if p.ties]
    assert len({groups["copy0"], groups["copy1"], groups["copy2"]}) == 1
    assert groups["other"] != groups["copy0"]
    assert (claim.ties, claim.articles, claim.groups, claim.corroboration) == (4, 4, 2, 2)
    assert period.corroboration == {"SUPPLY": 2}


def test_tieline_ties_shows_each_ties_corroboration(build: Callable) -> None:
    path = build([*copies(), ("other", "2024-03-09", "Ledger", OTHER, SUPPLY),
                  ("sued", "2024-04-01", "Wire", None, [("Plimco", "Zorvex", "SUE")])])  # fmt: skip
    with Store(path, read_only=True) as store:
        every = {(r["article_id"], r["corroboration"]) for r in store.ties()}
        one_page = store.ties(limit=1)  # counted over the store, not over the page
    assert every == {("copy0", 2), ("copy1", 2), ("copy2", 2), ("other", 2), ("sued", 1)}
    assert [(r["article_id"], r["corroboration"]) for r in one_page] == [("sued", 1)]


def test_one_outlet_repeating_itself_is_one_voice(build: Callable) -> None:
    path = build(
        [("x1", "2024-03-05", "Wire", BODY, SUPPLY), ("x2", "2024-03-06", "Wire", OTHER, SUPPLY)]
    )
    with Store(path, read_only=True) as store:
        (claim,) = claims(store, "Zorvex", "Plimco")
    assert (claim.groups, claim.outlets, claim.corroboration) == (2, 1, 1)


def test_grouping_is_incremental_and_order_free(tmp_path: Path) -> None:
    arts = [*copies(), ("other", "2024-03-09", "Ledger", OTHER, SUPPLY)]
    with Store(tmp_path / "one.duckdb") as store:
        add_articles(store, arts)
        at_once = sql.groups_of(store, [a[0] for a in arts])
    with Store(tmp_path / "two.duckdb") as store:
        add_articles(store, [arts[2], arts[3]])  # the later copy first, in its own batch
        add_articles(store, [arts[1]])
        add_articles(store, [arts[0]])
        batched = sql.groups_of(store, [a[0] for a in arts])
        assert update_groups(store) == 0  # nothing left to group: a no-op
    assert at_once == batched
    assert batched["copy2"] == "copy0"  # the smallest id names the group


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("Zorvex SIGNED a deal, with Plimco!") == shingles(
        "zorvex signed a deal with plimco"
    )
    assert shingles("two words") == {b"two words"}
    assert shingles("") == set()
