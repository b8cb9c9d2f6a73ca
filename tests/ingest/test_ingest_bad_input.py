"""Bad input: each bad item is one Skipped with the right reason; the rest goes on."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from tieline.config import Limits
from tieline.ingest import read_inputs
from tieline.model import Article, Skipped

STORY = (
    "Acme Corp said on Monday that it had agreed to buy Widget Co for an undisclosed sum, "
    "in a deal that the two companies expect to close later this year."
)
FRENCH = (
    "La société Acme a annoncé lundi qu'elle avait accepté de racheter Widget pour un "
    "montant non divulgué, dans le cadre d'un accord que les deux entreprises prévoient "
    "de conclure plus tard cette année."
)


def read(*paths: Path | str, limits: Limits | None = None) -> list[Article | Skipped]:
    """Everything read_inputs yields for ``paths``."""
    return list(read_inputs(paths, limits=limits))


def only_skip(path: Path | str, reason: str, limits: Limits | None = None) -> Skipped:
    """The single Skipped for ``path``, checked for its reason and a message naming it."""
    [item] = read(path, limits=limits)
    assert isinstance(item, Skipped), item
    assert item.reason == reason, item
    assert str(path) in item.message and "; " in item.message  # names it, says what to do
    return item


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".json", ".csv", ".jsonl.gz"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    if suffix.endswith(".gz"):
        with gzip.open(path, "wb"):
            pass
    else:
        path.write_bytes(b"")
    only_skip(path, "empty")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".json", ".csv"])
def test_binary_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"image{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    only_skip(path, "binary")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json"])
def test_invalid_utf8(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"latin1{suffix}"
    path.write_bytes(STORY.replace("Widget", "Wid\xe9get").encode("latin-1"))
    skipped = only_skip(path, "encoding")
    assert f"offset {STORY.index('Widget') + 3}" in skipped.message


def test_invalid_utf8_line_in_jsonl_skips_that_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": STORY}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article"]
    bad = items[1]
    assert isinstance(bad, Skipped) and (bad.origin, bad.reason) == (f"{path}:2", "encoding")


def test_malformed_json_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        json.dumps({"id": "b", "text": STORY}),
        '{"id": "c", "text": "unterminated',
        json.dumps({"id": "d", "text": STORY}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b", "d"]
    bad = items[2]
    assert isinstance(bad, Skipped) and bad.reason == "json"
    assert f"{path}:3" in bad.message and "Unterminated string" in bad.message


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no text here"}, "no_text"),
        ({"text": 12345}, "no_text"),
        ({"text": ["a", "list"]}, "no_text"),
        ({"text": None}, "no_text"),
        ({"text": ""}, "empty"),
        ({"text": "Too short."}, "no_text"),
        ({"text": FRENCH}, "not_english"),
    ],
)
def test_bad_jsonl_records(tmp_path: Path, record: dict[str, object], reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": STORY}) + "\n")
    bad, good = read(path)
    assert isinstance(bad, Skipped) and bad.reason == reason and bad.origin == f"{path}:1"
    assert isinstance(good, Article)


def test_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('["a", "list"]\n' + json.dumps({"text": STORY}) + "\n")
    bad, good = read(path)
    assert isinstance(bad, Skipped) and bad.reason == "json" and "array" in bad.message
    assert isinstance(good, Article)


def test_jsonl_line_over_max_line_bytes(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    long_line = json.dumps({"text": STORY + " padding" * 200})
    path.write_text(
        "\n".join([json.dumps({"text": STORY}), long_line, json.dumps({"text": STORY})])
    )
    items = read(path, limits=Limits(max_line_bytes=500))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article"]
    bad = items[1]
    assert isinstance(bad, Skipped) and (bad.origin, bad.reason) == (f"{path}:2", "too_large")
    assert items[2].origin == f"{path}:3"


def test_malformed_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "' + STORY + '",\n "title": }', encoding="utf-8")
    skipped = only_skip(path, "json")
    assert "line 2" in skipped.message


def test_malformed_json_array_keeps_items_before_the_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        "[\n" + json.dumps({"text": STORY}) + ",\n" + json.dumps({"text": STORY}) + "\n{oops}\n]"
    )
    first, second, bad = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(bad, Skipped) and bad.reason == "json" and "line 4" in bad.message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('"just a string"', "json"),
        ("[]", "empty"),
        ('[1, {"text": "' + STORY + '"}]', None),
        ('{"text": "' + STORY + '"} trailing', "json"),
    ],
)
def test_json_file_shapes(tmp_path: Path, content: str, reason: str | None) -> None:
    path = tmp_path / "shape.json"
    path.write_text(content, encoding="utf-8")
    items = read(path)
    if reason is None:  # a non-object item is skipped, the next one still read
        assert [getattr(i, "reason", "article") for i in items] == ["json", "article"]
    else:
        assert [getattr(i, "reason", "article") for i in items] == [reason]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("title,body\nA,B\n", encoding="utf-8")
    only_skip(path, "no_text")


def test_csv_bad_row_skipped_others_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(
        b"id,text\n1,"
        + STORY.encode()
        + b"\n2,caf\xe9 "
        + STORY.encode()
        + b"\n3,\n4,"
        + STORY.encode()
        + b"\n"
    )
    items = read(path)
    assert [(i.origin, getattr(i, "reason", "article")) for i in items] == [
        (f"{path}:2", "article"),
        (f"{path}:3", "encoding"),
        (f"{path}:4", "empty"),
        (f"{path}:5", "article"),
    ]


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><title>Menu</title><script>var x = 1;</script></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    only_skip(path, "no_text")


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_non_english_text(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"french{suffix}"
    body = FRENCH if suffix == ".txt" else f"<html><body><article><p>{FRENCH}</p></article>"
    path.write_text(body, encoding="utf-8")
    only_skip(path, "not_english")


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_ten_megabyte_article(tmp_path: Path, suffix: str) -> None:
    text = (STORY + " ") * (10_000_000 // (len(STORY) + 1))
    path = tmp_path / f"huge{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"text": text}) + "\n" + json.dumps({"text": STORY}) + "\n")
        big, small = read(path)
        assert isinstance(big, Skipped) and big.reason == "too_large"
        assert "1,000,000" in big.message and f"{path}:1" in big.message
        assert isinstance(small, Article)
    else:
        body = text if suffix == ".txt" else f"<html><body><p>{text}</p></body></html>"
        path.write_text(body, encoding="utf-8")
        skipped = only_skip(path, "too_large")
        assert "bytes" in skipped.message and "max_article_chars" in skipped.message


def test_text_over_char_limit_but_under_byte_cap(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY * 20, encoding="utf-8")
    skipped = only_skip(path, "too_large", limits=Limits(max_article_chars=1000))
    assert f"{len(STORY) * 20:,} characters" in skipped.message and "1,000" in skipped.message


def test_missing_path_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    items = read(missing, good)
    assert isinstance(items[0], Skipped) and items[0].reason == "not_found"
    assert str(missing) in items[0].message
    assert isinstance(items[1], Article)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    skipped = only_skip(path, "unsupported")
    assert ".jsonl" in skipped.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    only_skip(path, "unreadable")


def test_folder_with_a_file_suffix_is_a_folder(tmp_path: Path) -> None:
    """A folder is scanned even when its name ends like a file."""
    path = tmp_path / "folder.txt"
    path.mkdir()
    items = read(path)
    assert [i.reason for i in items if isinstance(i, Skipped)] == ["empty"]


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    data = gzip.compress((json.dumps({"text": STORY}) + "\n").encode() * 50)
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert items and isinstance(items[-1], Skipped) and items[-1].reason == "unreadable"


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_text(json.dumps({"text": STORY}), encoding="utf-8")
    only_skip(path, "unreadable")


def test_os_error_while_reading_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tieline.ingest import files

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    monkeypatch.setattr(files, "open", refuse, raising=False)
    skipped = only_skip(path, "unreadable")
    assert "Permission denied" in skipped.message


def test_json_array_item_over_max_line_bytes(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    records = [{"text": STORY}, {"text": STORY + " padding" * 200}, {"text": STORY}]
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    items = read(path, limits=Limits(max_line_bytes=500))
    assert [getattr(i, "reason", "article") for i in items] == ["article", "too_large", "article"]


def test_html_declaring_a_bogus_charset(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_bytes(b'<html><head><meta charset="idna"></head><body><p>caf\xe9 ' + b"x" * 40)
    only_skip(path, "encoding")


def test_csv_line_over_max_line_bytes(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(f"text\n{STORY}\n{STORY * 10}\n{STORY}\n", encoding="utf-8")
    items = read(path, limits=Limits(max_line_bytes=500))
    assert [(i.origin, getattr(i, "reason", "article")) for i in items] == [
        (f"{path}:2", "article"),
        (f"{path}:3", "too_large"),
        (f"{path}:4", "article"),
    ]


def test_empty_path_string_is_not_the_working_folder() -> None:
    [skipped] = list(read_inputs([""]))
    assert isinstance(skipped, Skipped) and skipped.reason == "not_found"
