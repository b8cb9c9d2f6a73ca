"""JSON files (.json): one article object, or an array of them streamed item by item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tieline.config import Limits
from tieline.ingest.files import Stop, iter_text, too_long_line
from tieline.ingest.records import article_from_record
from tieline.model import Article, Skipped

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"
_OVERSIZE = object()  # a complete value over the record limit: skipped, reading goes on


def read_json_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """The file's object as one article, or each object of its array as an article.

    Array items get origin "path:LINE" (the line the item starts on); a single object "path".
    """
    origin = str(path)
    with open(path, "rb") as stream:
        source = _Source(iter_text(stream, origin), origin)
        try:
            yield from _read_document(source, origin, limits)
        except Stop as stop:
            yield stop.skipped


def _read_document(source: _Source, origin: str, limits: Limits) -> Iterator[Article | Skipped]:
    """Dispatch on the first character: "{" one object, "[" an array of objects."""
    first = source.peek()
    if first is None:
        yield Skipped(origin, "empty", f"{origin}: the file is empty; remove it or fill it")
    elif first == "{":
        record = source.value(limits.max_line_bytes)
        source.expect_end()
        yield _article(record, origin, limits)
    elif first == "[":
        yield from _read_array(source, origin, limits)
    else:
        raise Stop(_json_skip(origin, "expected an object or an array of objects"))


def _read_array(source: _Source, origin: str, limits: Limits) -> Iterator[Article | Skipped]:
    """Each item of the array that starts at the cursor, then checks nothing follows it."""
    source.take("[")
    items = 0
    if source.peek() == "]":
        source.take("]")
    else:
        while True:
            source.peek()  # move to the item, so its line is where it starts
            where = f"{origin}:{source.line()}"
            items += 1
            yield _article(source.value(limits.max_line_bytes, where), where, limits)
            after = source.peek()
            if after not in (",", "]"):
                raise Stop(source.error("expected ',' or ']' after an array item"))
            source.take(after)
            if after == "]":
                break
    source.expect_end()
    if not items:
        yield Skipped(origin, "empty", f"{origin}: the array is empty; add article objects to it")


def _article(record: object, origin: str, limits: Limits) -> Article | Skipped:
    """The article for a decoded record, or too_large for an oversized one."""
    if record is _OVERSIZE:
        return too_long_line(origin, limits.max_line_bytes)
    return article_from_record(record, origin, limits)


def _json_skip(origin: str, problem: str) -> Skipped:
    """The Skipped for malformed JSON; the rest of the file cannot be trusted, so it stops."""
    return Skipped(
        origin, "json", f"{origin}: malformed JSON ({problem}); fix the file (no more read)"
    )


class _Source:
    """A cursor over streamed JSON text that keeps only the unread part in memory."""

    def __init__(self, chunks: Iterator[str], origin: str) -> None:
        self._chunks = chunks
        self._origin = origin
        self._buf = ""
        self._pos = 0
        self._line = 1  # line number of self._buf[0]
        self._done = False

    def peek(self) -> str | None:
        """The next non-space character (not consumed), or None at the end."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _SPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return None

    def take(self, char: str) -> None:
        """Consume ``char``, which :meth:`peek` has just returned."""
        assert self._buf[self._pos] == char
        self._pos += 1

    def line(self) -> int:
        """1-based line of the cursor."""
        return self._line + self._buf.count("\n", 0, self._pos)

    def value(self, limit: int, where: str | None = None) -> object:
        """Decode the JSON value at the cursor, reading more text until it is complete.

        A value over ``limit`` characters is returned as _OVERSIZE when it was read whole,
        and stops the file (too_large) when it grows past the limit still incomplete.
        """
        self._drop_read()
        while True:
            try:
                found, end = _DECODER.raw_decode(self._buf, self._pos)
                # A number that ends at (or near) the buffer's end may go on in the next chunk.
                if self._done or self._buf[end : end + 1] not in ("", *".eE+-"):
                    start, self._pos = self._pos, end
                    return _OVERSIZE if end - start > limit else found
            except json.JSONDecodeError as exc:
                if self._done or not self._maybe_incomplete(exc):
                    raise Stop(self._decode_error(exc)) from None
            except RecursionError:
                raise Stop(self.error("nested too deeply")) from None
            if len(self._buf) - self._pos > limit:
                raise Stop(too_long_line(where or self._origin, limit))
            self._grow()

    def expect_end(self) -> None:
        """Raise Stop unless only whitespace is left."""
        if self.peek() is not None:
            raise Stop(self.error("extra data after the end of the document"))

    def error(self, problem: str) -> Skipped:
        """The json Skipped for ``problem`` at the cursor's line."""
        return _json_skip(self._origin, f"{problem}, line {self.line()}")

    def _decode_error(self, exc: json.JSONDecodeError) -> Skipped:
        """The json Skipped for a decoder error, with the error's line in the whole file."""
        return _json_skip(self._origin, f"{exc.msg}, line {self._line + exc.lineno - 1}")

    def _maybe_incomplete(self, exc: json.JSONDecodeError) -> bool:
        """True when more text could fix the error: it is at the end, or in an open string."""
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self._buf) - 6

    def _more(self) -> bool:
        """Append the next chunk; False at the end of the input."""
        chunk = next(self._chunks, None)
        if chunk is None:
            self._done = True
            return False
        self._buf += chunk
        return True

    def _grow(self) -> None:
        """At least double the unread text, so re-decoding a long value stays linear overall."""
        want = max(len(self._buf) - self._pos, 1)
        start = len(self._buf)
        while len(self._buf) - start < want and self._more():
            pass
        if len(self._buf) == start:
            self._done = True

    def _drop_read(self) -> None:
        """Forget the text before the cursor, keeping the line count right."""
        self._line = self.line()
        self._buf = self._buf[self._pos :]
        self._pos = 0
