"""Property tests: any bytes in any format never raise; JSONL round-trips its fields."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tieline.config import Limits
from tieline.ingest import read_inputs
from tieline.model import Article, Skipped

SUFFIXES = (".txt", ".jsonl", ".html", ".csv", ".json", ".md", ".jsonl.gz")
SMALL = Limits(max_article_chars=2_000, max_line_bytes=1_000, min_text_chars=5)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Bytes that look a little like each format, so the readers get past their first checks.
_FRAGMENTS = st.sampled_from(
    [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"text"',
        b'"id"',
        b":",
        b",",
        b"\n",
        b"\r\n",
        b'"',
        b"\\",
        b"<html>",
        b"<p>",
        b"</p>",
        b"<article>",
        b"text,title\n",
        b"\xef\xbb\xbf",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"The firm said that it would buy the rival. ",
        b"1e5",
        b"null",
    ]
)
_BYTES = st.one_of(
    st.binary(max_size=2_000),
    st.lists(_FRAGMENTS, max_size=60).map(b"".join),
    st.text(max_size=500).map(lambda s: s.encode("utf-8")),
)


def _items(path: Path, limits: Limits = SMALL) -> list[Article | Skipped]:
    items = list(read_inputs([path], limits=limits))
    assert items, "every input yields at least one item"
    assert all(isinstance(i, Article | Skipped) for i in items)
    return items


@SETTINGS
@given(st.sampled_from(SUFFIXES), _BYTES, st.booleans())
def test_any_bytes_never_raise(suffix: str, data: bytes, compress: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if compress and suffix.endswith(".gz") else data)
        for item in _items(path):
            if isinstance(item, Skipped):
                assert item.reason in {
                    "empty",
                    "binary",
                    "encoding",
                    "json",
                    "no_text",
                    "not_english",
                    "too_large",
                    "unreadable",
                }
                assert item.origin.startswith(str(path)) and str(path) in item.message
            else:
                assert item.origin is not None and item.origin.startswith(str(path))
                assert item.text.strip()


@SETTINGS
@given(_BYTES)
def test_any_bytes_on_stdin_never_raise(data: bytes) -> None:
    items = list(read_inputs(["-"], limits=SMALL, stdin=io.BytesIO(data)))
    assert items and all(isinstance(i, Article | Skipped) for i in items)
    assert all((i.origin or "").startswith("<stdin>") for i in items)


_FUNCTION_WORDS = ["the", "said", "that", "it", "would", "of", "and", "to", "for", "with", "on"]
_CONTENT_WORDS = ["company", "buy", "Acme", "Widget", "Globex", "shares", "rose", "deal", "market"]
_VOCAB = st.sampled_from([*_FUNCTION_WORDS, *_CONTENT_WORDS])
_SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \u2014 ", ", ", ". "])
# A plainly English opening keeps every generated text past the English check.
_ARTICLE_TEXT = st.builds(
    lambda lead, words, seps, tail: (
        lead
        + "The company said that it would buy the rival for cash. "
        + "".join(w + s for w, s in zip(words, seps, strict=False))
        + tail
    ),
    st.text(st.sampled_from(" \n\t"), max_size=3),
    st.lists(_VOCAB, max_size=40),
    st.lists(_SEPARATORS, min_size=40, max_size=40),
    st.text(max_size=20),
)
_FIELD = st.one_of(st.none(), st.text(max_size=40))
_EXTRA_KEYS = st.text(min_size=1, max_size=10).filter(
    lambda k: k not in {"id", "text", "title", "url", "date", "outlet"}
)


@SETTINGS
@given(
    text=_ARTICLE_TEXT,
    title=_FIELD,
    url=_FIELD,
    outlet=_FIELD,
    extra=st.dictionaries(_EXTRA_KEYS, st.text(max_size=20), max_size=3),
    ascii_only=st.booleans(),
)
def test_jsonl_round_trip(
    text: str,
    title: str | None,
    url: str | None,
    outlet: str | None,
    extra: dict[str, str],
    ascii_only: bool,
) -> None:
    record: dict[str, object] = {"text": text, **extra}
    for name, value in (("title", title), ("url", url), ("outlet", outlet)):
        if value is not None:
            record[name] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        line = json.dumps(record, ensure_ascii=ascii_only)
        path.write_text(line + "\n" + line + "\n", encoding="utf-8")
        first, second = _items(path, Limits())
    assert isinstance(first, Article), first
    assert isinstance(second, Article) and second.id == first.id
    assert (first.text, first.title, first.url, first.outlet) == (text, title, url, outlet)
    assert first.meta == extra
