"""Standard input ("-"): JSON Lines when it starts with "{", otherwise one plain-text article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, TextIO

from tieline.config import Limits
from tieline.ingest.files import ByteStream, file_cap
from tieline.ingest.jsonl import read_jsonl_stream
from tieline.ingest.normalize import BOM
from tieline.ingest.text import article_from_bytes
from tieline.model import Article, Skipped

ORIGIN = "<stdin>"
_SPACE = b" \t\r\n\f\v"


def read_stdin(stream: TextIO | BinaryIO, limits: Limits) -> Iterator[Article | Skipped]:
    """Articles from a text or binary stream; JSONL lines get origins "<stdin>:LINE"."""
    source = as_bytes(stream)
    head = _read_leading_space(source, file_cap(limits))
    if head.removeprefix(BOM).lstrip(_SPACE).startswith(b"{"):
        yield from read_jsonl_stream(_Pushback(head, source), ORIGIN, limits)
        return
    cap = file_cap(limits)
    raw = head + source.read(cap + 1 - len(head))
    if len(raw) > cap:
        yield Skipped(
            ORIGIN,
            "too_large",
            f"{ORIGIN}: input is over {cap:,} bytes, the limit for one article "
            "(max_article_chars); split it or raise the limit",
        )
        return
    yield article_from_bytes(raw, ORIGIN, limits)


def as_bytes(stream: TextIO | BinaryIO) -> ByteStream:
    """``stream`` as a byte stream (text streams are re-encoded as UTF-8)."""
    if isinstance(stream.read(0), bytes):
        return stream  # type: ignore[return-value]  # a binary stream already
    return _Encoded(stream)  # type: ignore[arg-type]


def _read_leading_space(source: ByteStream, cap: int) -> bytes:
    """Bytes up to and including the first non-space one (a BOM counts as space here)."""
    head = b""
    while len(head) <= cap:
        byte = source.read(1)
        head += byte
        if not byte or (byte not in _SPACE and not BOM.startswith(head.lstrip(_SPACE))):
            break
    return head


class _Encoded:
    """A text stream seen as UTF-8 bytes (sizes count characters: close enough for caps)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        return self._stream.read(size).encode("utf-8", "surrogatepass")

    def readline(self, size: int = -1, /) -> bytes:
        return self._stream.readline(size).encode("utf-8", "surrogatepass")


class _Pushback:
    """A byte stream with ``head`` put back in front of it."""

    def __init__(self, head: bytes, stream: ByteStream) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        if size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data + self._stream.read(size - len(data)) if len(data) < size else data

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.readline(size)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if 0 <= size < end:
            end = size
        line, self._head = self._head[:end], self._head[end:]
        if line.endswith(b"\n") or self._head or 0 <= size <= len(line):
            return line
        return line + self._stream.readline(size - len(line) if size >= 0 else -1)
