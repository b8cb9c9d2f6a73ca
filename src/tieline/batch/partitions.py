"""Cutting inputs into partitions of about ``size`` articles, without reading the corpus twice.

The driver plans; workers read. How an input is cut depends on its reader:

- ``.jsonl``: the driver scans line ends only (no JSON parsing) and hands each worker a
  byte range; the worker seeks there and parses its lines.
- ``.warc``/``.warc.gz``: the driver walks the record headers and hands out byte ranges of
  ``size`` HTML pages; the worker runs trafilatura on them (the costly part).
- one-article files (``.html``, ``.txt``, ``.md``): groups of ``size`` paths.
- everything else (``.csv``, ``.jsonl.gz``, ``.json``, stdin): these cannot be entered in
  the middle, so the driver reads them (cheap next to the NLP) and ships the articles.

A partition's ``key`` names exactly what it reads (file, size and mtime, byte range, or a
hash of the shipped articles): the manifest uses it to skip work already done.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO

from tieline.config import Limits
from tieline.ingest import read_inputs, read_path
from tieline.ingest.files import iter_lines, sniff_binary, too_long_line
from tieline.ingest.folder import iter_folder
from tieline.ingest.html import read_html_file
from tieline.ingest.jsonl import article_from_line, read_jsonl_file
from tieline.ingest.registry import Item, reader_for
from tieline.ingest.text import read_text_file
from tieline.ingest.warc import no_pages, page_offsets, read_warc_file, read_warc_range
from tieline.model import Article, Skipped

ONE_PER_FILE = (read_html_file, read_text_file)  # readers whose files are one article each


class Source(Protocol):
    """What one partition reads: ``read`` runs on a worker, ``key`` names it."""

    def key(self) -> str: ...

    def describe(self) -> str: ...

    def read(self, limits: Limits) -> Iterator[Item]: ...


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: its number names the output files, its key what it reads."""

    part: int
    key: str
    source: Source

    def read(self, limits: Limits) -> Iterator[Item]:
        """The articles (and skipped items) of this partition, in input order."""
        return self.source.read(limits)

    def describe(self) -> str:
        """Its number and where it reads, for messages."""
        return f"partition {self.part} ({self.source.describe()})"


@dataclass(frozen=True, slots=True)
class LineRange:
    """The lines of a .jsonl file from byte ``start`` to ``end``; ``first`` is its line number."""

    path: str
    start: int
    end: int
    first: int
    stamp: str

    def key(self) -> str:
        """Identity: file, its size and mtime, and the byte range."""
        return digest("lines", self.path, self.stamp, self.start, self.end)

    def describe(self) -> str:
        """Where it reads, for messages."""
        return f"{self.path} from line {self.first}"

    def read(self, limits: Limits) -> Iterator[Item]:
        """Each record line in the range, as the .jsonl reader would give it."""
        with open(self.path, "rb") as stream:
            stream.seek(self.start)
            for number, raw in iter_lines(stream, limits.max_line_bytes):
                origin = f"{self.path}:{self.first + number - 1}"
                if raw is None:
                    yield too_long_line(origin, limits.max_line_bytes)
                elif raw.strip():
                    yield article_from_line(raw, origin, limits)
                if stream.tell() >= self.end:
                    return


@dataclass(frozen=True, slots=True)
class WarcRange:
    """The HTML pages of a WARC whose records start in [start, end); end None is the end."""

    path: str
    start: int
    end: int | None
    stamp: str

    def key(self) -> str:
        """Identity: file, its size and mtime, and the byte range."""
        return digest("warc", self.path, self.stamp, self.start, self.end)

    def describe(self) -> str:
        """Where it reads, for messages."""
        return f"{self.path} from byte {self.start}"

    def read(self, limits: Limits) -> Iterator[Item]:
        """Each page in the range through trafilatura."""
        return read_warc_range(Path(self.path), limits, self.start, self.end)


@dataclass(frozen=True, slots=True)
class FileGroup:
    """Files that are one article each, read on the worker."""

    paths: tuple[str, ...]
    stamps: tuple[str, ...]

    def key(self) -> str:
        """Identity: every file with its size and mtime."""
        return digest("files", *zip(self.paths, self.stamps, strict=True))

    def describe(self) -> str:
        """Where it reads, for messages."""
        return f"{len(self.paths)} files from {self.paths[0]}"

    def read(self, limits: Limits) -> Iterator[Item]:
        """Each file's article, or why it is skipped."""
        for path in self.paths:
            yield from read_path(Path(path), limits)


@dataclass(frozen=True, slots=True)
class Shipped:
    """Articles the driver read itself (inputs that cannot be split by position)."""

    articles: tuple[Article, ...]

    def key(self) -> str:
        """Identity: the articles' ids, origins and texts."""
        return digest("items", *((a.id, a.origin, _text_hash(a.text)) for a in self.articles))

    def describe(self) -> str:
        """Where it reads, for messages."""
        return f"{len(self.articles)} articles from {self.articles[0].origin}"

    def read(self, limits: Limits) -> Iterator[Item]:
        """The shipped articles as they are."""
        return iter(self.articles)


def plan(
    inputs: Iterable[str], *, size: int, limits: Limits, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Partition | Skipped]:
    """Partitions of the inputs in input order, numbered from 0, and the inputs' problems."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    numbers = count()
    for source in _sources(inputs, size, limits, stdin):
        if isinstance(source, Skipped):
            yield source
        else:
            yield Partition(next(numbers), source.key(), source)


def digest(*parts: object) -> str:
    """A short stable hash of JSON-able parts."""
    raw = json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


def stamp(path: str) -> str:
    """What says a file is unchanged between runs: its size and modification time."""
    info = os.stat(path)
    return f"{info.st_size}:{info.st_mtime_ns}"


def _sources(
    inputs: Iterable[str], size: int, limits: Limits, stdin: TextIO | BinaryIO | None
) -> Iterator[Source | Skipped]:
    """The sources of every input; files that are one article each are grouped."""
    group: list[str] = []
    for file in _files(inputs):
        reader = None if isinstance(file, Skipped) or file == "-" else reader_for(Path(file))
        if reader in ONE_PER_FILE:
            group.append(str(file))
            if len(group) == size:
                yield _file_group(group)
                group = []
            continue
        if group:
            yield _file_group(group)
            group = []
        if isinstance(file, Skipped):
            yield file
        elif file == "-":
            yield from _shipped(read_inputs(["-"], limits=limits, stdin=stdin), size)
        elif reader is read_jsonl_file and not file.lower().endswith(".gz"):
            yield from _line_ranges(file, size, limits)
        elif reader is read_warc_file:
            yield from _warc_ranges(file, size)
        else:  # any other reader, and unsupported files (their Skipped says so)
            yield from _shipped(read_path(Path(file), limits), size)
    if group:
        yield _file_group(group)


def _files(inputs: Iterable[str]) -> Iterator[str | Skipped]:
    """Absolute paths of the files named or found in folders, in the order ingest reads them."""
    for given in inputs:
        if given == "-":
            yield given
            continue
        # Absolute: workers on other machines (or in other folders) must find the same files.
        path = Path(os.path.abspath(given)) if given else Path("")
        if given and path.is_dir():
            yield from (str(f) if isinstance(f, Path) else f for f in iter_folder(path))
        elif given and path.is_file():
            yield str(path)
        else:  # missing, empty, unreadable: the ingest reader says why
            yield from (i for i in read_inputs([given]) if isinstance(i, Skipped))


def _file_group(paths: list[str]) -> FileGroup:
    """A group of one-article files, stamped now."""
    return FileGroup(tuple(paths), tuple(stamp(p) for p in paths))


def _line_ranges(path: str, size: int, limits: Limits) -> Iterator[LineRange | Skipped]:
    """Byte ranges of ``size`` record lines each, found by reading line ends only."""
    with open(path, "rb") as stream:
        binary = sniff_binary(stream, path)
        if binary is not None:
            yield binary
            return
        ranges = 0
        records, start, first, position = 0, 0, 1, 0
        for number, raw in iter_lines(stream, limits.max_line_bytes):
            if raw is None or raw.strip():
                if records == 0:
                    start, first = position, number
                records += 1
            position = stream.tell()
            if records == size:
                ranges += 1
                yield LineRange(path, start, position, first, stamp(path))
                records = 0
    if records:
        yield LineRange(path, start, position, first, stamp(path))
    elif not ranges:
        yield Skipped(path, "empty", f"{path}: no JSON lines in it; give one article object a line")


def _warc_ranges(path: str, size: int) -> Iterator[WarcRange | Skipped]:
    """Byte ranges of ``size`` HTML pages each, found from the record headers."""
    starts: list[int] = []
    for pages, offset in enumerate(page_offsets(Path(path))):
        if isinstance(offset, Skipped):  # the pages before the damage are still read
            yield offset
            break
        if pages % size == 0:
            starts.append(offset)
    else:
        if not starts:
            yield no_pages(path)
    ends: list[int | None] = [*starts[1:], None]
    for start, end in zip(starts, ends, strict=True):
        yield WarcRange(path, start, end, stamp(path))


def _shipped(items: Iterable[Item], size: int) -> Iterator[Shipped | Skipped]:
    """Chunks of ``size`` articles read here; skipped items pass straight through."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield Shipped(tuple(chunk))
            chunk = []
    if chunk:
        yield Shipped(tuple(chunk))


def _text_hash(text: str) -> str:
    """sha1 of an article text (part of a shipped partition's identity)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
