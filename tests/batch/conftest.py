"""Corpora of every input kind, and one small Dask cluster shared by the batch tests."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tieline import data

SAMPLE = list(data.iter_jsonl(data.sample_articles_path()))
FIELDS = ("id", "title", "url", "date", "outlet", "text")


def write_jsonl(path: Path, records: list[dict[str, Any]], *, extra: str = "") -> Path:
    """Records one a line (gzipped for .gz), with ``extra`` raw text appended."""
    text = "".join(json.dumps(r) + "\n" for r in records) + extra
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
    return path


def html_page(record: dict[str, Any]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
    return (
        f"<html><head><title>{record['title']}</title></head><body><article>"
        f"<h1>{record['title']}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_warc(path: Path, records: list[dict[str, Any]]) -> Path:
    """A WARC with one HTML response per record, and an image between them."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for record in records:
            for kind, body in (("text/html", html_page(record)), ("image/png", b"\x89PNG")):
                headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        record["url"], "response", payload=io.BytesIO(body), http_headers=headers
                    )
                )
    return path


def renamed(records: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The records under new ids (so several copies are several articles)."""
    return [{**r, "id": f"{prefix}-{r['id']}"} for r in records]


@pytest.fixture()
def mixed_corpus(tmp_path: Path) -> Path:
    """A folder with every kind of input a batch cuts differently, and some bad ones."""
    folder = tmp_path / "corpus"
    (folder / "pages").mkdir(parents=True)
    write_jsonl(folder / "a_feed.jsonl", SAMPLE[:7], extra="\n{not json}\n\n")
    write_jsonl(folder / "b_feed.jsonl.gz", renamed(SAMPLE[7:12], "gz"))
    write_csv(folder / "c_table.csv", renamed(SAMPLE[12:16], "csv"))
    for i, record in enumerate(SAMPLE[16:20]):
        (folder / "pages" / f"p{i}.html").write_bytes(html_page(record))
    (folder / "pages" / "note.txt").write_text(SAMPLE[20]["text"], encoding="utf-8")
    write_warc(folder / "d_crawl.warc.gz", SAMPLE[21:26])
    (folder / "e_empty.jsonl").write_text("\n\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def scheduler() -> Iterator[str]:
    """The address of a one-worker local cluster (processes, one thread, no dashboard)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address
