"""Each reader's happy path: text, metadata, extra fields, ids and origins."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tieline.ingest import read_inputs
from tieline.model import Article, Skipped, article_id_for

STORY = (
    "Acme Corp said on Monday that it had agreed to buy Widget Co for an undisclosed sum, "
    "in a deal that the two companies expect to close later this year."
)
OTHER = (
    "Shares of Northwind Traders rose after the retailer said that it would open forty new "
    "stores next year and expand its online business in Canada and Mexico."
)


def read(*paths: Path | str) -> list[Article | Skipped]:
    """Everything read_inputs yields for ``paths``."""
    return list(read_inputs(paths))


def articles(*paths: Path | str) -> list[Article]:
    """The articles for ``paths``, failing on any Skipped."""
    items = read(*paths)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert not skipped, skipped
    return [i for i in items if isinstance(i, Article)]


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_text_file_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "\ufeff" + STORY + "\n\n" + OTHER + "\n"
    path.write_text(text, encoding="utf-8")
    [article] = articles(path)
    assert article.text == STORY + "\n\n" + OTHER + "\n"  # as given, only the BOM dropped
    assert article.id == article_id_for(article.text)
    assert article.origin == str(path)
    assert article.title is None and article.meta == {}


def test_text_suffixes(tmp_path: Path) -> None:
    for name in ("a.text", "b.md", "C.TXT"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    found = articles(tmp_path / "a.text", tmp_path / "b.md", tmp_path / "C.TXT")
    assert [a.text for a in found] == [STORY] * 3


def test_same_text_twice_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + STORY.replace(" ", "\n  ", 3) + "\n", encoding="utf-8")
    first, second = articles(tmp_path / "a.txt", tmp_path / "b.txt")
    assert first.id == second.id
    assert first.text != second.text


def test_jsonl_fields_meta_and_origins(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "a1",
                "text": STORY,
                "title": "Acme buys Widget",
                "url": "https://news.example/acme",
                "date": "June 16, 2025",
                "outlet": "Daily Planet",
                "section": "business",
                "tags": ["m&a"],
            },
            {"id": 42, "text": OTHER},
            {"text": STORY, "date": "soon"},
        ],
    )
    first, second, third = articles(path)
    assert first.id == "a1"
    assert (first.title, first.url, first.date, first.outlet) == (
        "Acme buys Widget",
        "https://news.example/acme",
        "2025-06-16",
        "Daily Planet",
    )
    assert first.meta == {"section": "business", "tags": ["m&a"]}
    assert first.origin == f"{path}:1"
    assert second.id == "42" and second.origin == f"{path}:2"
    assert third.id == article_id_for(STORY)
    assert third.date is None and third.meta == {"date_raw": "soon"}


def test_jsonl_skips_blank_lines_and_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n" + json.dumps({"text": STORY}) + "\r\n\n  \n" + json.dumps({"text": OTHER}),
        encoding="utf-8",
    )
    assert [a.origin for a in articles(path)] == [f"{path}:2", f"{path}:5"]


def test_jsonl_gz_streams(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(3):
            out.write(json.dumps({"id": f"n{i}", "text": f"{STORY} Item {i}."}) + "\n")
    found = articles(path)
    assert [a.id for a in found] == ["n0", "n1", "n2"]
    assert found[2].origin == f"{path}:3"


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"text": STORY, "title": "T", "date": "2025-06-16T08:00:00Z", "lang": "en"}),
        encoding="utf-8",
    )
    [article] = articles(path)
    assert (article.title, article.date, article.meta) == ("T", "2025-06-16", {"lang": "en"})
    assert article.origin == str(path)


def test_json_array_items_carry_their_line(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    records = [{"id": f"r{i}", "text": f"{STORY} Number {i}.", "extra": i} for i in range(3)]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    found = articles(path)
    assert [(a.id, a.meta) for a in found] == [(f"r{i}", {"extra": i}) for i in range(3)]
    assert [a.origin for a in found] == [f"{path}:2", f"{path}:7", f"{path}:12"]


def test_json_array_streams_across_chunks(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    records = [{"id": i, "text": f"{STORY} {'x' * 5000} {i}"} for i in range(60)]
    path.write_text(json.dumps(records), encoding="utf-8")  # ~300 KB: several read chunks
    found = articles(path)
    assert [a.id for a in found] == [str(i) for i in range(60)]
    assert all(a.text == r["text"] for a, r in zip(found, records, strict=True))


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "id,title,text,date,outlet,url,section\n"
        f'c1,Acme deal,"{STORY}\nSecond paragraph, with a comma.",2025-06-16,Planet,,biz\n'
        f",,{OTHER},,,,\n",
        encoding="utf-8",
    )
    first, second = articles(path)
    assert first.id == "c1" and first.title == "Acme deal"
    assert first.text == STORY + "\nSecond paragraph, with a comma."
    assert (first.date, first.outlet, first.url) == ("2025-06-16", "Planet", None)
    assert first.meta == {"section": "biz"}
    assert first.origin == f"{path}:2"
    assert second.id == article_id_for(OTHER) and second.title is None
    assert second.origin == f"{path}:4"  # the first record spans lines 2-3


def test_csv_extra_cells_go_to_meta(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(f'text\n"{STORY}",surplus\n', encoding="utf-8")
    [article] = articles(path)
    assert article.meta == {"extra_columns": ["surplus"]}


HTML = """<!doctype html>
<html><head><title>Acme buys Widget Co - Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Acme buys Widget Co">
<meta property="og:url" content="https://www.dailyplanet.example/news/acme">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2025-06-16T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Acme buys Widget Co</h1>
<p>{story}</p>
<p>{other}</p>
<p>The acquisition will give Acme a larger share of the market for industrial widgets,
the company said in a statement to investors on Monday afternoon.</p>
</article>
<footer>Copyright Daily Planet</footer></body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML.format(story=STORY, other=OTHER), encoding="utf-8")
    [article] = articles(path)
    assert STORY in article.text and OTHER in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title == "Acme buys Widget Co"
    assert article.date == "2025-06-16"
    assert article.outlet == "Daily Planet"
    assert article.url == "https://www.dailyplanet.example/news/acme"
    assert article.meta.get("author") == "Jane Reporter"
    assert article.origin == str(path)


def test_html_outlet_falls_back_to_hostname(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="https://www.wire.example/a/1">'
        f"</head><body><article><p>{STORY}</p><p>{OTHER}</p></article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    [article] = articles(path)
    assert article.outlet == "wire.example"


def test_html_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Café deal</title></head><body>'
        f"<article><p>{STORY} The café chain agreed.</p><p>{OTHER}</p></article></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    [article] = articles(path)
    assert "The café chain agreed." in article.text
