"""Web archives (.warc, .warc.gz): each HTML response page is one article, via trafilatura.

Pages go through the same code as .html files (``article_from_html``); the record's
target URI fills in the url and outlet when the page does not name them, and the crawl
time is kept in ``meta["crawled"]`` (it is not the publication date). Origins are
"path@OFFSET", the byte offset of the record, so a page can be found again with
``warcio extract path OFFSET``. A .warc.gz must be gzipped per record (the WARC
standard, and what every crawler writes); one gzip stream over the whole file is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.config import Limits
from tieline.ingest.files import file_cap
from tieline.ingest.html import _hostname, article_from_html
from tieline.ingest.registry import register_reader
from tieline.model import Article, Skipped

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio reads header lines whole, however long, and keeps every header line of a record:
# a hostile archive with a 500 MB "header" takes gigabytes. Real WARC and HTTP header
# blocks are a few KB; anything past these bounds is not an archive we can read.
MAX_HEADER_LINE = 64 * 1024
MAX_HEADER_BLOCK = 1024 * 1024


def read_warc_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """Each HTML page archived in the file as an article (or why it is skipped)."""
    pages = 0
    for item in read_warc_range(path, limits):
        pages += 1
        yield item
    if pages == 0:
        yield no_pages(str(path))


def read_warc_range(
    path: Path, limits: Limits, start: int = 0, end: int | None = None
) -> Iterator[Article | Skipped]:
    """Pages whose records start at byte ``start`` or later and before ``end`` (None: EOF)."""
    origin = str(path)
    with open(path, "rb") as stream:
        stream.seek(start)
        try:
            for offset, record in _records(stream, origin):
                if end is not None and offset >= end:
                    return
                if is_page(record):
                    yield _page(record, f"{origin}@{offset}", limits)
        except _Broken as exc:
            yield exc.skipped


def page_offsets(path: Path) -> Iterator[int | Skipped]:
    """Byte offsets of the HTML page records, without reading the pages (for partitioning)."""
    with open(path, "rb") as stream:
        try:
            for offset, record in _records(stream, str(path)):
                if is_page(record):
                    yield offset
        except _Broken as exc:
            yield exc.skipped


def is_page(record: Any) -> bool:
    """True for a successful HTML response (or an archived HTML resource)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        kind = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and _is_html(kind)
    if record.rec_type == "resource":
        return _is_html(record.rec_headers.get_header("Content-Type") or "")
    return False


def no_pages(origin: str) -> Skipped:
    """The Skipped for a WARC with no HTML pages in it."""
    return Skipped(
        origin,
        "no_text",
        f"{origin}: no HTML response records in this web archive; give a WARC of news pages",
    )


class _Broken(Exception):
    """The rest of an archive cannot be read (not a WARC, truncated, gzipped whole)."""

    def __init__(self, skipped: Skipped) -> None:
        super().__init__(skipped.message)
        self.skipped = skipped


def _records(stream: Any, origin: str) -> Iterator[tuple[int, Any]]:
    """(offset, record) pairs from the stream's position on; raises _Broken on bad input."""
    # Imported here: only web-archive inputs need warcio.
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise _Broken(
            Skipped(origin, "unsupported", f"{origin}: reading WARC needs warcio; pip install it")
        ) from None
    records = ArchiveIterator(stream)
    _bound_header_reads(records.reader)
    try:
        for record in records:
            # ``offset`` is where the current record starts until it has been read past.
            yield records.offset, record
    except _HeaderTooLong as exc:
        raise _Broken(_unreadable(origin, str(exc))) from None
    except ArchiveLoadFailed as exc:
        raise _Broken(_unreadable(origin, str(exc).strip().splitlines()[0])) from None
    except (EOFError, OSError, zlib.error) as exc:
        raise _Broken(_unreadable(origin, f"truncated or corrupt: {exc}")) from None
    except (AttributeError, TypeError, ValueError, IndexError, KeyError) as exc:
        # warcio fails this way on malformed headers (a response with no target URI...)
        raise _Broken(_unreadable(origin, f"malformed record ({type(exc).__name__})")) from None


class _HeaderTooLong(Exception):
    """A header line or header block over the bounds above."""


def _bound_header_reads(reader: Any) -> None:
    """Make the reader refuse header lines and blocks over MAX_HEADER_LINE/BLOCK.

    warcio parses headers with ``readline`` and payloads with ``read``, so the bytes read
    by ``readline`` since the last ``read`` are one header block (plus blank lines).
    """
    readline, read = reader.readline, reader.read
    since_read = line_so_far = 0

    def bounded_readline(length: int | None = None) -> bytes:
        nonlocal since_read, line_so_far
        cap = MAX_HEADER_LINE + 1 if length is None else min(length, MAX_HEADER_LINE + 1)
        line = readline(cap)  # may return part of a line: warcio stops at buffer edges
        since_read += len(line)
        line_so_far = 0 if line.endswith(b"\n") else line_so_far + len(line)
        if len(line) > MAX_HEADER_LINE or line_so_far > MAX_HEADER_LINE:
            raise _HeaderTooLong(f"a header line over {MAX_HEADER_LINE:,} bytes")
        if since_read > MAX_HEADER_BLOCK:
            raise _HeaderTooLong(f"a header block over {MAX_HEADER_BLOCK:,} bytes")
        return line

    def counting_read(*args: Any, **kwargs: Any) -> bytes:
        nonlocal since_read
        since_read = 0
        return read(*args, **kwargs)

    reader.readline, reader.read = bounded_readline, counting_read


def _page(record: Any, origin: str, limits: Limits) -> Article | Skipped:
    """One article from an HTML record, its url and outlet filled from the target URI."""
    cap = file_cap(limits)
    raw = record.content_stream().read(cap + 1)
    if len(raw) > cap:
        return Skipped(
            origin,
            "too_large",
            f"{origin}: page is over {cap:,} bytes (max_article_chars); raise the limit to read it",
        )
    article = article_from_html(raw, origin, limits)
    if isinstance(article, Article):
        uri = record.rec_headers.get_header("WARC-Target-URI")
        article.url = article.url or uri
        article.outlet = article.outlet or _hostname(uri)
        crawled = record.rec_headers.get_header("WARC-Date")
        if crawled:
            article.meta["crawled"] = crawled
    return article


def _is_html(content_type: str) -> bool:
    """True for an HTML media type, whatever its parameters (charset=...)."""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _unreadable(origin: str, problem: str) -> Skipped:
    """The Skipped for an archive whose records cannot be read on."""
    return Skipped(
        origin,
        "unreadable",
        f"{origin}: not a readable WARC ({problem}); check the file, or recompress it per "
        "record with 'warcio recompress'",
    )


# Registered here so that importing this module is enough; tieline.ingest imports it.
register_reader(SUFFIXES, read_warc_file)
