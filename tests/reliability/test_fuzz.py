"""Hostile input, fuzzed: no reader and no extraction crashes, hangs or runs out of memory.

Three layers, all with a per-input time limit:

- hypothesis over every reader (text, HTML, JSON, JSONL, CSV, stdin, and WARC and feeds
  when their modules import) and over ``Extractor.extract`` on arbitrary Unicode, in this
  process, each example timed (and a faulthandler watchdog ends the run if one never
  returns, so CI fails loudly instead of hanging);
- fixed hostile cases (5,000 nested <div>, enormous lines, zero-width and right-to-left
  characters, mixed encodings, entity bombs, lone surrogate escapes) in a sandboxed
  worker from ``benchmarks/fuzz.py`` that is killed past its time limit or memory cap;
- a short run of the benchmark itself (the full one is ``python benchmarks/fuzz.py``).
"""

from __future__ import annotations

import faulthandler
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tieline.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[2]
WATCHDOG_S = 120  # an example still running after this (or 3x its limit) ends the run


def _load_fuzz() -> ModuleType:
    """benchmarks/fuzz.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("tieline_fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()
TARGETS = fuzz.available_targets()
SEEDS = fuzz.seed_documents()
SETTINGS = settings(
    max_examples=120,
    deadline=None,  # timed by hand below, with a limit that grows with the input
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def _timed(limit_s: float, fn: Any, *args: Any) -> Any:
    """``fn(*args)``, failing when it took longer than ``limit_s``.

    A watchdog ends the whole run, with every thread's traceback, if the call has not
    returned long after its limit: a hang fails CI loudly instead of stalling it.
    """
    faulthandler.dump_traceback_later(max(3 * limit_s, WATCHDOG_S), exit=True)
    started = time.monotonic()
    try:
        result = fn(*args)
    finally:
        faulthandler.cancel_dump_traceback_later()
    took = time.monotonic() - started
    assert took < limit_s, f"took {took:.1f} s, over the {limit_s:.1f} s limit for this input"
    return result


def _read(kind: str, payload: bytes, small: bool, folder: Path) -> dict[str, Any]:
    """One input through one reader, as the benchmark's worker does it."""
    if kind == "feed":
        return fuzz._run_feed(payload)
    return fuzz._run_reader(kind, payload, small, folder)


_PAYLOADS = st.one_of(
    st.binary(max_size=3_000),
    st.lists(st.sampled_from(fuzz.HOSTILE_BYTES), max_size=80).map(b"".join),
    st.text(max_size=500).map(lambda s: s.encode("utf-8")),
)


@SETTINGS
@given(kind=st.sampled_from(TARGETS), payload=_PAYLOADS, small=st.booleans())
def test_any_bytes_to_any_reader(
    kind: str, payload: bytes, small: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz", numbered=True)
    result = _timed(fuzz.parser_limit_s(payload), _read, kind, payload, small, folder)
    assert not result["problems"], result


@settings(SETTINGS, max_examples=60)
@given(kind=st.sampled_from(TARGETS), rng=st.randoms(use_true_random=False), small=st.booleans())
def test_mutated_and_hostile_documents_to_any_reader(
    kind: str, rng: random.Random, small: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz", numbered=True)
    _, payload = fuzz.parser_input(rng, kind, SEEDS)
    result = _timed(fuzz.parser_limit_s(payload), _read, kind, payload, small, folder)
    assert not result["problems"], result


_UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
_SPICE = st.text(
    st.sampled_from(fuzz.ZERO_WIDTH + fuzz.BIDI + fuzz.ODD_SPACE + fuzz.COMBINING + "🙂\ufffd"),
    max_size=6,
)
_SENTENCES = st.sampled_from(
    [
        "Zorvex acquired Plimco for $3 billion.",
        "Zorvex Capital invested $2 billion in Plimco, the startup said.",
        "The Trade Authority is investigating Plimco's deals.",
        "Brinemoor sued Zorvex Inc. for breach of contract.",
    ]
)
# Real sentences with zero-width, bidi and odd characters spliced into them anywhere.
_SPICED = st.builds(
    lambda sentence, spice, at: (
        sentence[: at % (len(sentence) + 1)] + spice + sentence[at % (len(sentence) + 1) :]
    ),
    _SENTENCES,
    _SPICE,
    st.integers(0, 200),
)


def _check_ties(extractor: Extractor, text: str) -> None:
    """Extraction returns ties whose evidence is exactly ``text[start:end]``."""
    ties = _timed(fuzz.extract_limit_s(text), extractor.extract, text)
    for tie in ties:
        assert 0 <= tie.start <= tie.end <= len(text)
        assert text[tie.start : tie.end] == tie.evidence


@settings(SETTINGS, max_examples=60)
@given(text=st.one_of(_UNICODE, _SPICED, st.lists(_SPICED, max_size=8).map(" ".join)))
def test_extract_on_arbitrary_unicode(extractor: Extractor, text: str) -> None:
    _check_ties(extractor, text)


# -- fixed hostile cases, sandboxed -----------------------------------------------------

_BODY = "Zorvex said on Monday that it would buy Plimco for cash, and the deal was the largest."


def _nested_html(depth: int) -> bytes:
    return f"<html><body>{'<div>' * depth}<p>{_BODY}</p>{'</div>' * depth}</body></html>".encode()


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _mixed_encodings() -> bytes:
    parts = [
        (_BODY, "utf-8"),
        (" Café Zürich ", "latin-1"),
        ("“quoted” – ", "cp1252"),
        (_BODY, "utf-16"),
        (" Привет ", "koi8-r"),
        (" 東京 ", "shift_jis"),
    ]
    return b"".join(text.encode(codec) for text, codec in parts)


def _warc_without_target_uri(length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _nested_html(1)
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(length or len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )


def _entity_bomb() -> bytes:
    levels = "".join(
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10 if i else "lol" * 10}">' for i in range(9)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{levels}]><rss><channel><title>&e8;</title>'
        "<item><title>&e8;</title><link>https://example.com/a</link></item></channel></rss>"
    ).encode()


_ZW_RTL = "\u202e" + "\u200b".join(_BODY) + "\u202c \u05e9\u05dc\u05d5\u05dd \u0627\u0644 " + _BODY
_LINE = "word " * 600_000  # 3 MB on one line
HOSTILE: list[tuple[str, str, bytes]] = [
    ("html", "5,000 nested div", _nested_html(5_000)),
    ("html", "100,000 nested div", _nested_html(100_000)),
    ("html", "unclosed inline tags", b"<html><body>" + b"<b><i>" * 20_000 + _BODY.encode()),
    ("html", "3 MB text line", f"<html><body><p>{_LINE}</p></body></html>".encode()),
    ("html", "zero-width and RTL", f"<html><body><p>{_ZW_RTL}</p></body></html>".encode()),
    (
        "html",
        "lying charset",
        _nested_html(1).replace(b"<html>", b'<meta charset="utf-16">') + b"\xff\xfe\x00",
    ),
    ("json", "100,000 nested arrays", b"[" * 100_000 + b"]" * 100_000),
    ("json", "lone surrogate escape", b'[{"text": "' + _BODY.encode() + b' \\ud800"}]'),
    ("jsonl", "3 MB line", _jsonl({"text": _LINE}, {"text": _BODY})),
    ("jsonl", "100,000 nested objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    ("jsonl", "zero-width and RTL", _jsonl({"text": _ZW_RTL, "title": "\u202etitle"})),
    ("jsonl", "mixed encodings", _mixed_encodings() + b"\n" + _jsonl({"text": _BODY})),
    (
        "jsonl",
        "lone surrogates",
        _jsonl({"text": _BODY})[:-1].replace(b'"}', b' \\udc80"}')
        + b"\n"
        + _jsonl({"id": "x", "text": _BODY, "title": "\\ud800"}),
    ),
    ("csv", "3 MB field", b"text,title\n" + json.dumps(_LINE).encode() + b",t\n"),
    ("csv", "quote never closes", b'text\n"' + (_BODY.encode() + b"\n") * 5_000),
    ("csv", "100,000 columns", b"text" + b",c" * 100_000 + b"\n" + _BODY.encode() + b"\n"),
    ("text", "mixed encodings", _mixed_encodings()),
    ("text", "zero-width and RTL", _ZW_RTL.encode()),
    ("text", "3 MB line", _LINE.encode()),
    ("stdin", "deep nesting", b'{"text":' * 50_000),
    ("stdin", "mixed encodings", _mixed_encodings()),
]
if "warc" in TARGETS:
    HOSTILE += [
        ("warc", "response without a target URI", _warc_without_target_uri()),
        ("warc", "lying Content-Length", _warc_without_target_uri(10**12)),
    ]
if "feed" in TARGETS:
    HOSTILE += [
        ("feed", "billion laughs", _entity_bomb()),
        (
            "feed",
            "bad character reference",
            b"<rss><channel><item><title>&#x110000;</title>"
            b"<link>https://example.com/a</link></item></channel></rss>",
        ),
        ("feed", "5,000 nested elements", b"<rss><channel>" + b"<item>" * 5_000),
    ]


@pytest.fixture(scope="module")
def reader_box() -> Iterator[Any]:
    """A sandboxed reader worker, killed past its time limit or 1.5 GB."""
    if not hasattr(os, "fork"):
        pytest.skip("the sandbox forks its workers")
    box = fuzz.Sandbox("parsers", mem_cap_mb=1_500)
    yield box
    box.close()


@pytest.mark.parametrize(
    ("kind", "name", "payload"), HOSTILE, ids=[f"{k}-{n}" for k, n, _ in HOSTILE]
)
def test_hostile_input_to_reader(reader_box: Any, kind: str, name: str, payload: bytes) -> None:
    outcome, detail = reader_box.run((kind, payload, False), fuzz.parser_limit_s(payload))
    assert outcome in ("handled", "skipped"), (outcome, detail)


def test_bad_records_are_skipped_and_the_rest_read(reader_box: Any) -> None:
    """A lone surrogate escape skips its record (encoding), not the rest of the file."""
    payload = _jsonl({"text": _BODY}) + b'{"text": "x \\ud800 ' + _BODY.encode() + b'"}\n'
    payload += _jsonl({"id": "b", "text": _BODY + " Again.", "meta": {"k": ["\\udfff"]}})
    payload += _jsonl({"text": _BODY + " Later."})
    _, detail = reader_box.run(("jsonl", payload, False), 10)
    assert detail["articles"] == 3 and dict(detail["reasons"]) == {"encoding": 1}, detail


@pytest.fixture(scope="module")
def extract_box() -> Iterator[Any]:
    """A sandboxed Extractor (real gazetteer), killed past its time limit or 3 GB."""
    if not hasattr(os, "fork"):
        pytest.skip("the sandbox forks its workers")
    box = fuzz.Sandbox("extract", mem_cap_mb=3_000)
    yield box
    box.close()


_SAMPLE = fuzz._sample_records()[0]["text"]
TEXTS = [
    ("zero-width in names", _SAMPLE.replace("o", "o\u200b").replace("i", "\u200di")),
    ("right-to-left overrides", "\u202e" + _SAMPLE + "\u202c \u05e9\u05dc\u05d5\u05dd"),
    ("5,000 combining marks", "Microsoft" + "\u0301" * 5_000 + " invested in OpenAI."),
    ("2,000-token sentence", "Microsoft invested in OpenAI" + ", and Google" * 1_000 + "."),
    ("50,000 line breaks", "\n" * 50_000 + _SAMPLE),
    ("40,000 characters", (_SAMPLE + "\n\n") * (40_000 // len(_SAMPLE))),
    ("one name 3,000 times", "Microsoft " * 3_000),
    ("emoji between words", _SAMPLE.replace(" ", " 🙂 ")),
    ("control characters", _SAMPLE.replace(" ", "\x00 \x0b")),
    ("no spaces at all", _SAMPLE.replace(" ", "")),
]
# spaCy's tokenizer strips prefixes and suffixes one at a time, re-searching the rest of
# the string each time: a long whitespace-free run of them cost time quadratic in its
# length (12,000 "(" took ~20 s) until parse/ made any run over 200 characters one token.
TEXTS += [("12,000 opening brackets", f"{'(' * 12_000} Microsoft invested in OpenAI.")]


@pytest.mark.parametrize(
    ("name", "text"), TEXTS, ids=[t[0] if isinstance(t, tuple) else t.id for t in TEXTS]
)
def test_hostile_text_to_extract(extract_box: Any, name: str, text: str) -> None:
    outcome, detail = extract_box.run(("extract", text), fuzz.extract_limit_s(text))
    assert outcome == "handled", (outcome, detail)


def test_fuzz_benchmark_runs_clean() -> None:
    """A short run of benchmarks/fuzz.py: every reader input handled or skipped."""
    cmd = [
        sys.executable,
        str(ROOT / "benchmarks" / "fuzz.py"),
        "--n",
        "200",
        "--extract-n",
        "0",
        "--seed",
        "7",
        "--json",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, check=True)
    tally = json.loads(done.stdout)
    assert tally["tried"] == 200
    bad = {k: tally[k] for k in ("crashed", "hung", "over_memory", "invalid")}
    assert bad == dict.fromkeys(bad, 0), tally["failures"]
