"""Folders (recursion, order, hidden files), stdin in both modes, and the reader registry."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tieline.config import Limits
from tieline.ingest import READERS, SUFFIXES, read_inputs, register_reader
from tieline.model import Article, Skipped, article_id_for

STORY = (
    "Acme Corp said on Monday that it had agreed to buy Widget Co for an undisclosed sum, "
    "in a deal that the two companies expect to close later this year."
)


def story(n: int) -> str:
    return f"{STORY} This is story number {n}."


def build_tree(root: Path) -> None:
    """A small corpus: nested folders, mixed formats, hidden and unknown files."""
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    (root / "z.txt").write_text(story(1), encoding="utf-8")
    (root / "a" / "one.jsonl").write_text(
        json.dumps({"id": "j1", "text": story(2)})
        + "\n"
        + json.dumps({"id": "j2", "text": story(3)})
    )
    (root / "b" / "deep" / "x.md").write_text(story(4), encoding="utf-8")
    (root / "b" / "page.json").write_text(json.dumps({"id": "p", "text": story(5)}))
    (root / "b" / "notes.pdf").write_bytes(b"%PDF")  # unknown suffix: ignored in folders
    (root / ".hidden.txt").write_text(story(6), encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text(story(7), encoding="utf-8")


def origins(items: list[Article | Skipped], root: Path) -> list[str]:
    return [os.path.relpath(i.origin or "", root) for i in items]


def test_folder_recursion_order_and_hidden(tmp_path: Path) -> None:
    build_tree(tmp_path)
    items = list(read_inputs([tmp_path]))
    assert all(isinstance(i, Article) for i in items)
    assert origins(items, tmp_path) == [
        "a/one.jsonl:1",
        "a/one.jsonl:2",
        "b/deep/x.md",
        "b/page.json",
        "z.txt",
    ]


def test_folder_is_deterministic(tmp_path: Path) -> None:
    build_tree(tmp_path)
    first = [(i.origin, i.id) for i in read_inputs([tmp_path]) if isinstance(i, Article)]
    second = [(i.origin, i.id) for i in read_inputs([str(tmp_path)]) if isinstance(i, Article)]
    assert first == second and len(first) == 5


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [skipped] = list(read_inputs([tmp_path]))
    assert isinstance(skipped, Skipped) and skipped.reason == "empty"
    assert str(tmp_path) in skipped.message


def test_folder_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    items = list(read_inputs([tmp_path]))
    assert [i.origin for i in items] == [str(tmp_path / "a.txt")]


def test_folder_bad_files_do_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(story(1), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [getattr(i, "reason", "article") for i in items] == ["empty", "article"]


def test_a_lone_path_is_not_iterated_as_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(story(1), encoding="utf-8")
    assert [i.origin for i in read_inputs(str(path))] == [str(path)]


def test_stdin_plain_text() -> None:
    text = "\n  " + story(1) + "\n"
    [article] = list(read_inputs(["-"], stdin=io.StringIO(text)))
    assert isinstance(article, Article)
    assert article.text == text and article.origin == "<stdin>"
    assert article.id == article_id_for(story(1))


def test_stdin_binary_plain_text_with_bom() -> None:
    [article] = list(read_inputs(["-"], stdin=io.BytesIO(b"\xef\xbb\xbf" + story(1).encode())))
    assert isinstance(article, Article) and article.text == story(1)


@pytest.mark.parametrize("make", [io.StringIO, lambda s: io.BytesIO(s.encode())])
def test_stdin_jsonl(make: object) -> None:
    data = "\n  " + json.dumps({"id": "s1", "text": story(1)}) + "\n{broken\n"
    data += json.dumps({"text": story(2), "title": "Two"}) + "\n"
    items = list(read_inputs(["-"], stdin=make(data)))  # type: ignore[operator]
    assert [i.origin for i in items] == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    first, bad, last = items
    assert isinstance(first, Article) and first.id == "s1"
    assert isinstance(bad, Skipped) and bad.reason == "json"
    assert isinstance(last, Article) and last.title == "Two"


def test_stdin_empty_and_too_large() -> None:
    [empty] = list(read_inputs(["-"], stdin=io.StringIO("  \n")))
    assert isinstance(empty, Skipped) and empty.reason == "empty"
    limits = Limits(max_article_chars=50)
    [big] = list(read_inputs(["-"], limits=limits, stdin=io.BytesIO(b"word " * 100)))
    assert isinstance(big, Skipped) and big.reason == "too_large"


def test_stdin_mixed_with_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(story(1), encoding="utf-8")
    items = list(read_inputs([path, "-"], stdin=io.StringIO(story(2))))
    assert [i.origin for i in items] == [str(path), "<stdin>"]


def test_register_reader_adds_a_source_kind(tmp_path: Path) -> None:
    def read_upper(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
        yield Article.from_text(path.read_text().upper(), origin=str(path))

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.shout").write_text(story(1), encoding="utf-8")
    register_reader("SHOUT", read_upper)
    try:
        assert ".shout" in SUFFIXES
        [article] = list(read_inputs([tmp_path]))
        assert isinstance(article, Article) and article.text == story(1).upper()
    finally:
        del READERS[".shout"]
    assert ".shout" not in SUFFIXES


def test_builtin_suffixes() -> None:
    expected = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz", ".json", ".csv"}
    assert expected <= set(SUFFIXES)
