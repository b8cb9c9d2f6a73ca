"""The WARC reader: HTML responses become articles through the HTML reader's code."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tieline.config import Limits
from tieline.ingest.registry import reader_for
from tieline.ingest.warc import page_offsets, read_warc_file, read_warc_range
from tieline.model import Article, Skipped

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Acme Corp said on {day} that it had agreed to buy Widget Co for an undisclosed sum, "
    "in a deal that the two companies expect to close later this year.</p>"
    "<p>Shares of both companies rose in early trading after the announcement was made.</p>"
    "</article></body></html>"
)
HTML = "text/html; charset=utf-8"


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> Path:
    """A WARC of HTTP responses (uri, status, content type, body); gzipped per record for .gz."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for uri, status, kind, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return path


def page(day: str) -> bytes:
    return PAGE.format(title=f"Acme buys Widget ({day})", day=day).encode("utf-8")


CRAWL = [
    ("https://www.wire.test/acme-monday", "200 OK", HTML, page("Monday")),
    ("https://www.wire.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("https://www.wire.test/moved", "301 Moved Permanently", "text/html", b""),
    ("https://www.wire.test/acme-friday", "200 OK", "application/xhtml+xml", page("Friday")),
]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles_with_url_and_outlet(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, CRAWL)
    items = list(read_warc_file(path, Limits()))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.url for a in items] == [  # type: ignore[union-attr]
        "https://www.wire.test/acme-monday",
        "https://www.wire.test/acme-friday",
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert first.outlet == "wire.test"
    assert first.title == "Acme buys Widget (Monday)"
    assert "agreed to buy Widget Co" in first.text
    assert "crawled" in first.meta
    offsets = list(page_offsets(path))
    assert [a.origin for a in items] == [f"{path}@{o}" for o in offsets]  # type: ignore[union-attr]


def test_a_byte_range_reads_only_its_pages(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", CRAWL)
    first, second = page_offsets(path)
    assert isinstance(first, int) and isinstance(second, int)
    head = list(read_warc_range(path, Limits(), first, second))
    tail = list(read_warc_range(path, Limits(), second))
    assert [a.url for a in head] == ["https://www.wire.test/acme-monday"]  # type: ignore[union-attr]
    assert [a.url for a in tail] == ["https://www.wire.test/acme-friday"]  # type: ignore[union-attr]


def test_bad_archives_are_skipped_with_a_reason(tmp_path: Path) -> None:
    not_warc = tmp_path / "notes.warc"
    not_warc.write_text("just some notes\n", encoding="utf-8")
    (skipped,) = read_warc_file(not_warc, Limits())
    assert isinstance(skipped, Skipped) and skipped.reason == "unreadable"
    images = write_warc(tmp_path / "images.warc", CRAWL[1:3])
    (skipped,) = read_warc_file(images, Limits())
    assert isinstance(skipped, Skipped) and skipped.reason == "no_text"


def test_warc_suffixes_are_registered() -> None:
    assert reader_for(Path("a/crawl.warc")) is read_warc_file
    assert reader_for(Path("a/CRAWL.WARC.GZ")) is read_warc_file


@pytest.mark.parametrize(
    "header",
    [
        b"WARC-Note: " + b"x" * 3_000_000 + b"\r\n",  # one enormous line
        b"WARC-Note: y\r\n" * 200_000,  # a header block that never ends
    ],
    ids=["long-line", "long-block"],
)
def test_enormous_headers_are_refused_not_buffered(tmp_path: Path, header: bytes) -> None:
    path = tmp_path / "hostile.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: resource\r\n" + header + b"\r\n<html></html>")
    (skipped,) = read_warc_file(path, Limits())
    assert isinstance(skipped, Skipped) and skipped.reason == "unreadable"
    assert "header" in skipped.message


def test_long_html_lines_in_a_page_are_not_header_lines(tmp_path: Path) -> None:
    # A minified page is one long line: it is payload (read, not readline) and must pass.
    body = page("2024-03-04").replace(b"</p>", b"</p>" + b"<span></span>" * 20_000, 1)
    path = write_warc(tmp_path / "minified.warc", [(CRAWL[0][0], CRAWL[0][1], CRAWL[0][2], body)])
    (article,) = read_warc_file(path, Limits())
    assert isinstance(article, Article)
