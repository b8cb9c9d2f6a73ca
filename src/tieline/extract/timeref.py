"""When a stated tie happened: time references in its sentence, resolved to ISO dates.

``event_date`` reads the first time reference in a sentence and returns the
first day of the period it names: "in 2019" and "since 2019" give
2019-01-01, "in June 2024" 2024-06-01, "last March" the March before the
report's month, "earlier this year" January 1 of the report's year, "last
week" the Monday of the week before, "on Monday" the latest Monday on or
before the report date. Relative references need the report date; without
one only absolute ones resolve. The first reference wins because the clause
that states the tie usually comes first ("said on Monday that it will ...,
extending a partnership that began in 2019").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(_WEEKDAY_NAMES)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Without a day or year only full names count: "led by Jan Novak" is not January.
_FULL = (
    r"(?P<month>" + "|".join(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")) + ")"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _first_of_quarter(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def _month_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _last_month_named(month: int, report: dt.date, strict: bool) -> dt.date:
    """The latest such month before (strict) or not after the report's month."""
    year = report.year
    if month > report.month or (strict and month == report.month):
        year -= 1
    return dt.date(year, month, 1)


Resolver = Callable[[re.Match[str], dt.date | None], dt.date | None]


def _needs_report(fn: Callable[[re.Match[str], dt.date], dt.date]) -> Resolver:
    def wrapped(m: re.Match[str], report: dt.date | None) -> dt.date | None:
        return fn(m, report) if report else None

    return wrapped


def _day(m: re.Match[str], _: dt.date | None) -> dt.date | None:
    try:
        return dt.date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    except ValueError:
        return None


def _half(m: re.Match[str], _: dt.date | None) -> dt.date:
    return dt.date(int(m["year"]), 1 if m["half"] == "first" else 7, 1)


# (pattern, resolver), tried together; the leftmost match in the sentence wins.
RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b"), _day),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
     lambda m, _: dt.date(int(m["year"]), MONTHS[m["month"]], 1)),
    (re.compile(rf"\b(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter\s+of)\s+{_YEAR}"),
     lambda m, _: _first_of_quarter(int(m["year"]), _QUARTER[m["q"] or m["qw"]])),
    (re.compile(rf"\b(?P<half>first|second)\s+half\s+of\s+{_YEAR}\b"), _half),
    (re.compile(rf"\b(?:(?:in|since|during|by|from|until|through|throughout)\s+"
                rf"(?:early\s+|late\s+|mid-?\s*)?|(?:early|late)\s+|mid-?\s*){_YEAR}\b"),
     lambda m, _: dt.date(int(m["year"]), 1, 1)),
    (re.compile(r"\b(?:earlier\s+)?this\s+year\b"),
     _needs_report(lambda m, r: dt.date(r.year, 1, 1))),
    (re.compile(r"\blast\s+year\b"), _needs_report(lambda m, r: dt.date(r.year - 1, 1, 1))),
    (re.compile(r"\b(?:earlier\s+)?this\s+month\b"),
     _needs_report(lambda m, r: r.replace(day=1))),
    (re.compile(r"\blast\s+month\b"), _needs_report(lambda m, r: _month_back(r, 1))),
    (re.compile(r"\blast\s+quarter\b"),
     _needs_report(lambda m, r: _month_back(_first_of_quarter(r.year, (r.month - 1) // 3 + 1), 3))),
    (re.compile(r"\b(?:earlier\s+)?this\s+week\b"),
     _needs_report(lambda m, r: r - dt.timedelta(days=r.weekday()))),
    (re.compile(r"\blast\s+week\b"),
     _needs_report(lambda m, r: r - dt.timedelta(days=r.weekday() + 7))),
    (re.compile(r"\byesterday\b"), _needs_report(lambda m, r: r - dt.timedelta(days=1))),
    (re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six)\s+(?P<unit>years?|months?)\s+ago\b"),
     _needs_report(lambda m, r: _ago(m, r))),
    (re.compile(rf"\blast\s+{_FULL}\b"),
     _needs_report(lambda m, r: _last_month_named(MONTHS[m["month"]], r, strict=True))),
    (re.compile(rf"\b(?:in|since|during|by|until)\s+{_FULL}\b(?!,?\s*\d)"),
     _needs_report(lambda m, r: _last_month_named(MONTHS[m["month"]], r, strict=False))),
    (re.compile(r"\bon\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
     _needs_report(lambda m, r: r - dt.timedelta(days=(r.weekday() - WEEKDAYS[m["weekday"]]) % 7))),
]  # fmt: skip

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _ago(m: re.Match[str], report: dt.date) -> dt.date:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    if m["unit"].startswith("year"):
        return dt.date(report.year - n, 1, 1)
    return _month_back(report, n)


def _report_day(report_date: str | None) -> dt.date | None:
    if not report_date:
        return None
    try:
        return dt.date.fromisoformat(str(report_date)[:10])
    except ValueError:
        return None


def event_date(sentence: str, report_date: str | None) -> str | None:
    """ISO date (first day of the period) of the first time reference in a sentence, or None."""
    text = sentence.casefold()
    report = _report_day(report_date)
    found = []
    for n, (pattern, _) in enumerate(RULES):
        m = pattern.search(text)
        if m is not None:
            found.append((m.start(), -len(m.group(0)), n, m))
    found.sort(key=lambda f: f[:3])  # leftmost, then longest, then rule order
    for _, _, rule, m in found:
        day = RULES[rule][1](m, report)
        if day is not None:
            return day.isoformat()
    return None
