"""Time references in a tie's sentence resolve to the first day of the period they name."""

from __future__ import annotations

import pytest

from tieline.extract.timeref import event_date

REPORT = "2025-04-16"  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The partnership began in 2019.", "2019-01-01"),
        ("They have worked together since 2019.", "2019-01-01"),
        ("Zorvex sued Plimco last March.", "2025-03-01"),
        ("Zorvex sued Plimco last April.", "2024-04-01"),  # the report is in April
        ("In June 2024 the two signed a deal.", "2024-06-01"),
        ("Earlier this year, Plimco sued Zorvex.", "2025-01-01"),
        ("Last week Zorvex ended the contract.", "2025-04-07"),
        ("Zorvex invested last year.", "2024-01-01"),
        ("The deal closed last month.", "2025-03-01"),
        ("The deal closed on June 3, 2024.", "2024-06-03"),
        ("Talks started in mid-2023.", "2023-01-01"),
        ("Revenue fell in the third quarter of 2024.", "2024-07-01"),
        ("Zorvex agreed two years ago to supply Plimco.", "2023-01-01"),
        ("Zorvex said on Monday it will invest, extending a tie that began in 2019.", "2025-04-14"),
        ("Zorvex sued Plimco.", None),
        ("The round was led by Jan Novak.", None),
        ("Plimco may sue.", None),
    ],
)
def test_event_date(sentence: str, expected: str | None) -> None:
    assert event_date(sentence, REPORT) == expected


def test_relative_references_need_a_report_date() -> None:
    assert event_date("Zorvex sued Plimco last March.", None) is None
    assert event_date("Zorvex sued Plimco in June 2024.", None) == "2024-06-01"
    # with no report date the first reference that can be resolved wins
    assert event_date("Said on Monday, extending a tie begun in 2019.", None) == "2019-01-01"
    assert event_date("Zorvex sued Plimco last week.", "not a date") is None
