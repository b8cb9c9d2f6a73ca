"""CSV files (.csv) with a header row naming the record fields (text, title, url, ...)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from tieline.config import Limits
from tieline.ingest.files import iter_lines, sniff_binary, too_long_line
from tieline.ingest.normalize import decode
from tieline.ingest.records import article_from_record
from tieline.model import Article, Skipped

EXTRA_COLUMNS = "extra_columns"  # meta key for cells beyond the header's columns


def read_csv_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """Each row of the file as an article; origins are "path:LINE" of the row's first line."""
    origin = str(path)
    # Quoted article text is long; the csv module's default cap (128 KiB) would reject it.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_line_bytes))
    with open(path, "rb") as stream:
        binary = sniff_binary(stream, origin)
        if binary is not None:
            yield binary
            return
        lines = _Lines(iter_lines(stream, limits.max_line_bytes), origin, limits)
        yield from _read_rows(lines, origin, limits)


def _read_rows(lines: _Lines, origin: str, limits: Limits) -> Iterator[Article | Skipped]:
    """Header first, then one article (or Skipped) per record."""
    rows = csv.reader(lines)
    header: list[str] | None = None
    records = 0
    while True:
        start = lines.count + 1
        try:
            row = next(rows, None)
        except csv.Error as exc:
            row, lines.problem = [], _malformed(f"{origin}:{start}", exc, limits)
        if row is None:
            break
        where = f"{origin}:{start}"
        if lines.problem is not None and header is None:  # no header, no way to read on
            yield lines.take_problem(where)
            return
        if lines.problem is not None:  # a bad line inside this record
            records += 1
            yield lines.take_problem(where)
        elif not row:
            continue  # blank line
        elif header is None:
            header = [name.strip() for name in row]
            if "text" not in header:
                yield _no_text_column(origin, header)
                return
        else:
            records += 1
            yield article_from_record(_record(header, row), where, limits, blank_is_missing=True)
    if not records:
        yield Skipped(origin, "empty", f"{origin}: no CSV records in it; add rows under a header")


def _record(header: list[str], row: list[str]) -> dict[str, object]:
    """The row as {column: cell}; cells past the header go to meta under "extra_columns"."""
    record: dict[str, object] = dict(zip(header, row, strict=False))
    if len(row) > len(header):
        record[EXTRA_COLUMNS] = row[len(header) :]
    return record


def _no_text_column(origin: str, header: list[str]) -> Skipped:
    """The Skipped for a CSV whose header has no "text" column."""
    return Skipped(
        origin,
        "no_text",
        f'{origin}: the header ({", ".join(header)[:200]}) has no "text" column; '
        'name the article text column "text"',
    )


def _malformed(origin: str, exc: csv.Error, limits: Limits) -> Skipped:
    """The Skipped for a record the csv module rejects (a field over the limit is too_large)."""
    if "field larger than field limit" in str(exc):
        return too_long_line(origin, limits.max_line_bytes)
    return Skipped(origin, "unreadable", f"{origin}: malformed CSV record ({exc}); fix its quoting")


class _Lines:
    """Decoded lines for csv.reader; a bad line becomes "" and is reported with its record."""

    def __init__(
        self, lines: Iterator[tuple[int, bytes | None]], origin: str, limits: Limits
    ) -> None:
        self._lines = lines
        self._origin = origin
        self._limits = limits
        self.count = 0  # lines handed out so far
        self.problem: Skipped | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        number, raw = next(self._lines)
        self.count = number
        origin = f"{self._origin}:{number}"
        if raw is None:
            self.problem = self.problem or too_long_line(origin, self._limits.max_line_bytes)
            return "\n"
        text = decode(raw, origin)
        if isinstance(text, Skipped):
            self.problem = self.problem or text
            return "\n"
        return text

    def take_problem(self, origin: str) -> Skipped:
        """The pending problem, re-labelled with the record's origin, then forgotten."""
        problem, self.problem = self.problem, None
        assert problem is not None
        return Skipped(origin, problem.reason, problem.message)
