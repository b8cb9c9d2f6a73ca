"""Bounded reading shared by readers: whole files under a cap, lines under a cap, text chunks."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from tieline.config import Limits
from tieline.ingest.normalize import BOM, SNIFF_BYTES, binary_skip, encoding_skip, looks_binary
from tieline.model import Article, Skipped

CHUNK = 1 << 16


class ByteStream(Protocol):
    """The part of a binary file the readers use (files, gzip files, stdin adapters)."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class SeekableStream(ByteStream, Protocol):
    """A byte stream that can be rewound (files, not stdin)."""

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


class Stop(Exception):
    """Raised inside a reader's pipeline when the rest of an input cannot be read."""

    def __init__(self, skipped: Skipped) -> None:
        super().__init__(skipped.message)
        self.skipped = skipped


def file_cap(limits: Limits) -> int:
    """Most bytes a whole-file article may have: 4 UTF-8 bytes per allowed character."""
    return 4 * limits.max_article_chars + len(BOM)


def read_capped(path: Path, cap: int) -> bytes | Skipped:
    """The bytes of ``path``, or too_large when it has more than ``cap`` (never reads more)."""
    with open(path, "rb") as stream:
        raw = stream.read(cap + 1)
        if len(raw) <= cap:
            return raw
        size = os.fstat(stream.fileno()).st_size
    origin = str(path)
    return Skipped(
        origin,
        "too_large",
        f"{origin}: file is {max(size, cap + 1):,} bytes, over the limit of {cap:,} for one "
        "article (max_article_chars); split it or raise the limit",
    )


def read_one_article(
    path: Path, limits: Limits, convert: Callable[[bytes, str, Limits], Article | Skipped]
) -> Iterator[Article | Skipped]:
    """A one-article file (text, HTML): its capped bytes through ``convert``, or why not."""
    origin = str(path)
    # The cap is on the file, not its text: a file 4x over the text limit is not worth parsing.
    raw = read_capped(path, file_cap(limits))
    yield raw if isinstance(raw, Skipped) else convert(raw, origin, limits)


def too_long_line(origin: str, limit: int) -> Skipped:
    """The Skipped for one record line over ``max_line_bytes``."""
    return Skipped(
        origin,
        "too_large",
        f"{origin}: record is over {limit:,} bytes (max_line_bytes); split it or raise the limit",
    )


def sniff_binary(stream: SeekableStream, origin: str) -> Skipped | None:
    """binary when the stream starts with NUL bytes; rewinds it after looking."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    return binary_skip(origin) if looks_binary(head) else None


def iter_lines(stream: ByteStream, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, raw line) pairs; the line is None when over ``max_bytes``.

    A long line is skipped in chunks, so memory stays under ``max_bytes`` + one chunk.
    """
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
        else:
            yield number, line


def _skip_rest_of_line(stream: ByteStream) -> None:
    """Read past the end of the current line without keeping it."""
    while chunk := stream.readline(CHUNK):
        if chunk.endswith(b"\n"):
            return


def iter_text(stream: ByteStream, origin: str) -> Iterator[str]:
    """UTF-8 text of a stream in chunks, BOM dropped; raises Stop on binary or bad bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset = 0
    first = True
    while chunk := stream.read(CHUNK):
        if first:
            if looks_binary(chunk):
                raise Stop(binary_skip(origin))
            if chunk.startswith(BOM):
                chunk, offset = chunk[len(BOM) :], len(BOM)
            first = False
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            raise Stop(encoding_skip(origin, offset - pending + exc.start)) from None
        offset += len(chunk)
        if text:
            yield text
    pending = len(decoder.getstate()[0])
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise Stop(encoding_skip(origin, offset - pending + exc.start)) from None
