"""The documented limits (README "Limits", ``config.Limits``) are enforced, with clear messages."""

from __future__ import annotations

import copy
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tieline.config import Limits, load_settings
from tieline.ingest import read_inputs
from tieline.model import Article, Skipped
from tieline.pipeline import Extractor, ingest
from tieline.store import Store

README = Path(__file__).resolve().parents[2] / "README.md"
SENTENCE = "Zorvex said on Monday that it would buy Plimco for cash, the companies said."


def _readme_limits() -> dict[str, str]:
    """README's Limits table as {limit: value}."""
    section = README.read_text(encoding="utf-8").split("### Limits", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|", section, flags=re.MULTILINE)
    return {name: value for name, value in rows if name not in ("limit",) and "---" not in name}


def test_readme_documents_the_configured_limits() -> None:
    documented = _readme_limits()
    limits = Limits()
    assert documented["article size"].startswith(f"{limits.max_article_chars:,} characters")
    assert documented["one JSONL/CSV record"] == f"{limits.max_line_bytes // 1_000_000} MB"
    assert documented["sentence length"] == f"{limits.max_sentence_tokens} tokens"
    assert documented["articles per store transaction"].startswith(f"{limits.max_batch_articles:,}")


def _write(folder: Path, kind: str, text: str) -> list[str]:
    """``text`` as one article in a file of ``kind``; the paths to read."""
    if kind == "html":
        path = folder / "a.html"
        path.write_text(f"<html><body><article><p>{text}</p></article></body></html>")
    elif kind == "csv":
        path = folder / "a.csv"
        path.write_text("id,text\n1," + json.dumps(text) + "\n")
    else:
        path = folder / f"a.{kind}"
        body = json.dumps({"text": text}) + "\n" if kind in ("json", "jsonl") else text
        path.write_text(body, encoding="utf-8")  # a text file's every character counts
    return [str(path)]


def _article_text(chars: int) -> str:
    """English text of exactly ``chars`` characters."""
    return (SENTENCE + " ") * (chars // (len(SENTENCE) + 1)) + "x" * (chars % (len(SENTENCE) + 1))


@pytest.mark.parametrize("kind", ["txt", "md", "jsonl", "json", "csv", "html"])
def test_article_over_max_article_chars_is_skipped_too_large(tmp_path: Path, kind: str) -> None:
    limits = Limits(max_article_chars=2_000)
    at_limit = list(read_inputs(_write(tmp_path, kind, _article_text(2_000)), limits=limits))
    assert [type(i) for i in at_limit] == [Article], at_limit
    (skip,) = read_inputs(_write(tmp_path, kind, _article_text(2_001)), limits=limits)
    assert isinstance(skip, Skipped) and skip.reason == "too_large"
    assert "max_article_chars" in skip.message and skip.origin in skip.message
    assert "2,001" in skip.message or "2,000" in skip.message  # says how much, and the limit


def test_default_article_limit_is_a_million_characters(tmp_path: Path) -> None:
    (skip,) = read_inputs(_write(tmp_path, "txt", _article_text(1_000_001)))
    assert isinstance(skip, Skipped) and skip.reason == "too_large"
    assert "1,000,001 characters" in skip.message and "1,000,000" in skip.message


def test_article_over_the_limit_on_stdin_is_too_large() -> None:
    stdin = io.BytesIO(_article_text(3_000).encode())
    (skip,) = read_inputs(["-"], limits=Limits(max_article_chars=700), stdin=stdin)
    assert isinstance(skip, Skipped) and skip.reason == "too_large"
    assert "max_article_chars" in skip.message


@pytest.mark.parametrize("kind", ["jsonl", "json", "csv"])
def test_record_over_max_line_bytes_is_too_large_and_the_rest_read(
    tmp_path: Path, kind: str
) -> None:
    big, small = {"text": _article_text(5_000)}, {"text": SENTENCE}
    path = tmp_path / f"a.{kind}"
    if kind == "jsonl":
        path.write_text(json.dumps(big) + "\n" + json.dumps(small) + "\n")
    elif kind == "json":
        path.write_text(json.dumps([big, small], indent=1))
    else:
        path.write_text(f"text\n{json.dumps(big['text'])}\n{json.dumps(SENTENCE)}\n")
    items = list(read_inputs([path], limits=Limits(max_line_bytes=1_000)))
    assert [type(i) for i in items] == [Skipped, Article], items
    assert items[0].reason == "too_large" and "max_line_bytes" in items[0].message


def _with_limits(extractor: Extractor, **limits: int) -> Extractor:
    """The same built pipeline with other limits (building a new one takes seconds)."""
    other = copy.copy(extractor)
    other.settings = replace(
        extractor.settings, limits=replace(extractor.settings.limits, **limits)
    )
    return other


def _found(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(t.source, t.type, t.target) for t in extractor.extract(text)]


def test_sentence_over_max_sentence_tokens_is_not_searched(extractor: Extractor) -> None:
    text = (
        "Zorvex acquired Plimco for $3 billion on Tuesday, the companies said. Zorvex sued Plimco."
    )
    assert _found(extractor, text) == [("Zorvex", "ACQUIRE", "Plimco"), ("Zorvex", "SUE", "Plimco")]
    # 14 tokens in the first sentence, 4 in the second: only the second is searched
    assert _found(_with_limits(extractor, max_sentence_tokens=8), text) == [
        ("Zorvex", "SUE", "Plimco")
    ]


def test_a_sentence_of_thousands_of_tokens_is_skipped_without_a_crash(
    extractor: Extractor,
) -> None:
    long = "Zorvex acquired Plimco" + ", and Brinemoor" * 600 + "."
    doc = extractor.nlp(long)
    assert max(len(s) for s in doc.sents) > Limits().max_sentence_tokens
    assert _found(extractor, long + "\n\nZorvex sued Plimco.") == [("Zorvex", "SUE", "Plimco")]


class _CountingStore(Store):
    """A real store that records how many results each transaction (``add``) carried."""

    sizes: list[int]

    def add(self, results: Any, kinds: dict[str, str] | None = None) -> Any:
        results = list(results)
        self.sizes.append(len(results))
        return super().add(results, kinds)


def test_batch_size_is_capped_at_max_batch_articles(tmp_path: Path, extractor: Extractor) -> None:
    corpus = tmp_path / "a.jsonl"
    lines = (
        json.dumps({"id": f"a{i}", "text": f"Zorvex sued Plimco. {SENTENCE} {i}"}) for i in range(8)
    )
    corpus.write_text("\n".join(lines) + "\n")
    capped = _with_limits(extractor, max_batch_articles=3)
    with _CountingStore(tmp_path / "s.duckdb") as store:
        store.sizes = []
        report = ingest(
            [str(corpus)], store, settings=capped.settings, extractor=capped, batch_articles=10_000
        )
        assert store.sizes == [3, 3, 2]
        assert report.new == 8 and store.counts()["articles"] == 8


def test_default_batch_cap_is_the_documented_one() -> None:
    assert load_settings().limits.max_batch_articles == 5_000
