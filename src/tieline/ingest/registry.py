"""The reader registry: file suffix -> reader. A new source kind is one module + one entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tieline.config import Limits
from tieline.model import Article, Skipped

Item = Article | Skipped
Reader = Callable[[Path, Limits], Iterator[Item]]

READERS: dict[str, Reader] = {}
SUFFIXES = READERS.keys()  # a live view: suffixes registered later are scanned for too


def register_reader(suffixes: str | Iterable[str], reader: Reader) -> None:
    """Read files ending in ``suffixes`` (".txt" or "txt", case-insensitive) with ``reader``."""
    for suffix in [suffixes] if isinstance(suffixes, str) else suffixes:
        READERS["." + suffix.lower().lstrip(".")] = reader


def reader_for(path: Path) -> Reader | None:
    """The reader for the longest registered suffix of ``path`` (".jsonl.gz" before ".gz")."""
    name = path.name.lower()
    matches = [suffix for suffix in READERS if name.endswith(suffix) and name != suffix]
    return READERS[max(matches, key=len)] if matches else None
