"""JSON Lines (.jsonl, .jsonl.gz): one article object per line, read line by line."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from tieline.config import Limits
from tieline.ingest.files import ByteStream, iter_lines, sniff_binary, too_long_line
from tieline.ingest.normalize import decode
from tieline.ingest.records import article_from_record
from tieline.model import Article, Skipped


def read_jsonl_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """Each line of the file as an article (gzip-compressed when the name ends in .gz)."""
    origin = str(path)
    gzipped = path.name.lower().endswith(".gz")
    try:
        with gzip.open(path, "rb") if gzipped else open(path, "rb") as stream:
            binary = sniff_binary(stream, origin)
            if binary is not None:
                yield binary
                return
            yield from read_jsonl_stream(stream, origin, limits)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Skipped(
            origin,
            "unreadable",
            f"{origin}: not a complete gzip file ({exc}); compress it again or drop the .gz",
        )


def read_jsonl_stream(stream: ByteStream, name: str, limits: Limits) -> Iterator[Article | Skipped]:
    """Each non-blank line of ``stream`` as an article; origins are "name:LINE"."""
    records = 0
    for number, raw in iter_lines(stream, limits.max_line_bytes):
        origin = f"{name}:{number}"
        if raw is None:
            records += 1
            yield too_long_line(origin, limits.max_line_bytes)
        elif raw.strip():
            records += 1
            yield article_from_line(raw, origin, limits)
    if not records:
        yield Skipped(name, "empty", f"{name}: no JSON lines in it; give one article object a line")


def article_from_line(raw: bytes, origin: str, limits: Limits) -> Article | Skipped:
    """One article from one JSON line."""
    line = decode(raw, origin)
    if isinstance(line, Skipped):
        return line
    try:
        record = json.loads(line.rstrip("\r\n"))
    except (ValueError, RecursionError) as exc:
        return Skipped(
            origin, "json", f"{origin}: malformed JSON ({_describe(exc)}); fix or remove the line"
        )
    return article_from_record(record, origin, limits)


def _describe(exc: Exception) -> str:
    """A JSON error without the line number json adds (it is always 1 for one line)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg}: column {exc.colno}"
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
