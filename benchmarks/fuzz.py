"""Fuzz every input reader and extraction with hostile input; count what happened.

    python benchmarks/fuzz.py                         # 100,000 reader inputs + 1,000 extracts
    python benchmarks/fuzz.py --n 2000 --extract-n 50 --seconds 120 --json

Inputs are seeded: arbitrary bytes, format fragments, mutated valid documents (bundled
sample corpus) and structured hostile cases (deeply nested HTML and JSON, enormous lines,
zero-width and right-to-left characters, mixed encodings, entity bombs, whitespace-free
runs). Each runs in a worker process (forked from a warm one, so a kill costs nothing)
that is killed when it takes longer than its time limit (``hung``) or grows past the
memory cap (``over_memory``). ``crashed`` is an exception or a dead worker; ``invalid`` an
output that breaks an invariant (an Article with no text or text over the limit, a string
the store cannot encode, an unknown skip reason, a tie whose evidence is not
``text[start:end]``). Figures, not assertions; tests/reliability/test_fuzz.py asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil

# -- inputs ---------------------------------------------------------------------------

SUFFIXES = {
    "text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "jsonl": ".jsonl",
    "jsonl.gz": ".jsonl.gz",
    "csv": ".csv",
    "warc": ".warc",
    "warc.gz": ".warc.gz",
}
PARSERS = (*SUFFIXES, "stdin", "feed")
SKIP_REASONS = {"empty", "binary", "encoding", "json", "no_text", "not_english", "too_large"}
SKIP_REASONS |= {"unreadable", "unsupported", "not_found"}
FEED_URL = "https://example.com/feed.xml"

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ODD_SPACE = "\u00a0\u2000\u2003\u2009\u202f\u205f\u3000\u2028\u2029\x0b\x0c\x1c\x85"
COMBINING = "\u0301\u0308\u0327\u0338\u20dd\u0489"
RUNS = ("(", '"', "🙂", "a/", "-x", "…", "«", "'", "#", "\u05d0", "=")  # whitespace-free runs
HOSTILE_BYTES = (
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x93quoted\x94",
    b"caf\xe9",
    b"\\ud800",
    b"\\udfff\\ud800",
    b"1e999999",
    b"-0",
    b"NaN",
    b"Infinity",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"&#0;",
    b"&#x110000;",
    b"&amp;",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<script>",
    b"</script>",
    b"<?xml ",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"&a;",
    b'"',
    b",",
    b"{",
    b"}",
    b"[",
    b"]",
    b"WARC/1.0\r\n",
    b"Content-Length: 999999999\r\n",
    b"\x1f\x8b\x08\x00",
)


@functools.cache
def _sample_records() -> list[dict[str, Any]]:
    """The bundled sample articles (real organizations: extraction finds ties in them)."""
    from tieline import data

    return list(data.iter_jsonl(data.sample_articles_path()))


def _html(record: dict[str, Any], charset: str = "utf-8") -> bytes:
    """An article page for ``record``."""
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
    return (
        f'<html><head><meta charset="{charset}"><title>{record["title"]}</title>'
        f'<meta name="date" content="{record["date"]}"></head><body><nav>Home</nav>'
        f"<article><h1>{record['title']}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _warc(records: list[dict[str, Any]], *, gzipped: bool) -> bytes:
    """A WARC with one HTML response per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for record in records:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        payload = io.BytesIO(_html(record))
        writer.write_record(
            writer.create_warc_record(
                record["url"], "response", payload=payload, http_headers=headers
            )
        )
    return out.getvalue()


def _feed(records: list[dict[str, Any]], *, atom: bool) -> bytes:
    """An RSS 2.0 or Atom document linking to ``records``."""
    if atom:
        items = "".join(
            f'<entry><title>{r["title"]}</title><link href="{r["url"]}"/><id>{r["id"]}</id>'
            f"<updated>{r['date']}T10:00:00Z</updated></entry>"
            for r in records
        )
        return (
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
        ).encode()
    items = "".join(
        f"<item><title>{r['title']}</title><link>{r['url']}</link><guid>{r['id']}</guid>"
        f"<pubDate>Mon, 16 Jun 2025 10:00:00 +0000</pubDate></item>"
        for r in records
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
    return f"{head}{items}</channel></rss>".encode()


def _csv(records: list[dict[str, Any]]) -> bytes:
    """A CSV with a header row."""
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "title", "date", "outlet", "url", "text"])
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode()


def seed_documents() -> dict[str, list[bytes]]:
    """Valid documents of every parser kind, built from the sample corpus."""
    recs = _sample_records()
    jsonl = ["".join(json.dumps(r) + "\n" for r in recs[i : i + 3]) for i in range(0, 12, 3)]
    seeds: dict[str, list[bytes]] = {
        "text": [r["text"].encode() for r in recs[:6]],
        "html": [_html(r) for r in recs[:6]],
        "json": [json.dumps(recs[0]).encode(), json.dumps(recs[1:4], indent=1).encode()],
        "jsonl": [j.encode() for j in jsonl],
        "csv": [_csv(recs[i : i + 3]) for i in (0, 3)],
        "warc": [_warc(recs[:2], gzipped=False)],
        "warc.gz": [_warc(recs[2:4], gzipped=True)],
        "feed": [_feed(recs[:4], atom=False), _feed(recs[4:8], atom=True)],
    }
    seeds["markdown"] = seeds["text"]
    seeds["jsonl.gz"] = seeds["jsonl"]  # compressed after mutation
    seeds["stdin"] = seeds["text"] + seeds["jsonl"]
    return seeds


def _mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    """1-8 random edits: flips, inserts, deletes, repeats, hostile snippets, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buf))
        move = rng.randrange(7)
        if move == 0 and buf:
            buf[min(at, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif move == 1:
            buf[at:at] = rng.randbytes(rng.randint(1, 16))
        elif move == 2:
            del buf[at : at + rng.randint(1, 200)]
        elif move == 3:
            piece = bytes(buf[at : at + rng.randint(1, 64)]) or b"x"
            buf[at:at] = piece * rng.choice((2, 10, 1000, 20000))
        elif move == 4:
            buf[at:at] = rng.choice(HOSTILE_BYTES) * rng.choice((1, 1, 3, 100))
        elif move == 5:
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            buf[at:] = other[cut:]
        else:
            buf[at:at] = _weird_text(rng, rng.randint(1, 40)).encode("utf-8")
    return bytes(buf)


def _weird_text(rng: random.Random, n: int) -> str:
    """n characters of zero-width, bidi, odd spaces, combining marks and astral symbols."""
    pool = ZERO_WIDTH + BIDI + ODD_SPACE + COMBINING + "🙂👍🏽‍♀️𝔘𝔫𝔦ｆｕｌｌ\ufffd\U0010fffd"
    return "".join(rng.choice(pool) for _ in range(n))


def _nest(rng: random.Random, open_: str, close: str, body: str, depth: int) -> str:
    """``body`` inside ``depth`` levels of ``open_``/``close`` (sometimes left unclosed)."""
    closing = close * depth if rng.random() < 0.7 else ""
    return open_ * depth + body + closing


def hostile_document(rng: random.Random, kind: str) -> bytes:
    """A structured hostile input for ``kind`` (parameters drawn from ``rng``)."""
    text = rng.choice(_sample_records())["text"]
    family = rng.randrange(6)
    if family == 0:  # deep nesting
        depth = rng.choice((100, 1000, 5000, 20000, 100000))
        if kind in ("html", "warc", "feed"):
            tag = rng.choice(("div", "b", "table", "span", "article", "p", "item"))
            return _nest(rng, f"<{tag}>", f"</{tag}>", f"<p>{text}</p>", depth).encode()
        inner = json.dumps({"text": text})
        return (
            _nest(rng, '{"a":', "}", inner, depth)
            if rng.random() < 0.5
            else _nest(rng, "[", "]", inner, depth)
        ).encode()
    if family == 1:  # an enormous line
        size = rng.choice((10_000, 100_000, 1_000_000, 3_000_000))
        unit = rng.choice(("word ", "a", text.replace("\n", " ") + " ", "\\u00e9"))
        line = (unit * (size // len(unit) + 1))[:size]
        if kind in ("jsonl", "jsonl.gz", "json", "stdin"):
            return json.dumps({"text": line}).encode() + b"\n" + json.dumps({"text": text}).encode()
        if kind == "csv":
            return b"text,title\n" + json.dumps(line).encode() + b",t\n"
        return f"<html><body><p>{line}</p></body></html>".encode()
    if family == 2:  # zero-width and right-to-left characters through the text
        spiced = "".join(ch + (_weird_text(rng, 1) if rng.random() < 0.3 else "") for ch in text)
        return _wrap(kind, BIDI[4] + spiced + BIDI[2])
    if family == 3:  # mixed encodings
        parts = [text[i : i + 80] for i in range(0, len(text), 80)]
        codecs_ = ("utf-8", "latin-1", "cp1252", "utf-16-le", "utf-16", "shift_jis", "koi8-r")
        return b"".join(p.encode(rng.choice(codecs_), errors="replace") for p in parts)
    if family == 4:  # many small records, or a quote that never closes
        if kind == "csv":
            return b'text,title\n"' + (text.encode() + b"\n") * rng.choice((10, 1000))
        lines = (json.dumps({"text": text[: rng.randint(0, 200)]}) for _ in range(3000))
        return "\n".join(lines).encode()
    return _bomb(rng, kind, text)


def _wrap(kind: str, text: str) -> bytes:
    """``text`` in the shape ``kind`` reads."""
    if kind in ("json", "jsonl", "jsonl.gz", "stdin"):
        return json.dumps({"text": text}, ensure_ascii=False).encode()
    if kind == "csv":
        return b"text\n" + json.dumps(text, ensure_ascii=False).encode() + b"\n"
    if kind in ("html", "warc", "warc.gz", "feed"):
        return f"<html><body><article><p>{text}</p></article></body></html>".encode()
    return text.encode()


def _bomb(rng: random.Random, kind: str, text: str) -> bytes:
    """Entity expansion, lying charsets, and lying WARC lengths."""
    if kind in ("feed", "html"):
        levels = "".join(
            f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10 if i else "lol" * 10}">'
            for i in range(9)
        )
        head = f'<?xml version="1.0"?><!DOCTYPE rss [{levels}]>'
        if rng.random() < 0.5:
            body = "<rss><channel><title>&e8;</title><item><title>&e8;</title>"
            return (head + body + "<link>https://e.com/&e8;</link></item></channel></rss>").encode()
        charset = rng.choice(("utf-16", "unicode_escape", "rot13", "hex", "idna", "x-bogus"))
        return _html({"title": "t", "date": "x", "text": text}, charset) + b"\xff\xfe\x00\\ud800"
    if kind.startswith("warc"):
        return (
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
            + str(rng.choice((0, 10, 10**12))).encode()
            + b"\r\nContent-Type: application/http; msgtype=response\r\n\r\n"
            + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
            + text.encode()
        )
    return _wrap(kind, text + "\x00" * rng.randint(0, 3) + "\\ud800")


def parser_input(rng: random.Random, kind: str, seeds: dict[str, list[bytes]]) -> tuple[str, bytes]:
    """(family, payload) for one fuzz input to ``kind``."""
    pool = seeds.get(kind) or seeds["text"]
    roll = rng.random()
    if roll < 0.15:
        family, data = "random", rng.randbytes(int(min(rng.paretovariate(1.2), 4_000.0) * 50))
    elif roll < 0.30:
        family = "fragments"
        data = b"".join(rng.choice(HOSTILE_BYTES) for _ in range(rng.randint(1, 80)))
    elif roll < 0.85:
        family, data = "mutated", _mutate(rng, rng.choice(pool), pool)
    else:
        family, data = "hostile", hostile_document(rng, kind)
    if kind.endswith(".gz") and (kind != "warc.gz" or family != "mutated"):
        data = gzip.compress(data) if rng.random() < 0.9 else data
        if rng.random() < 0.3:  # a truncated or damaged gzip stream
            data = _mutate(rng, data, [data])
    return family, data


def extract_input(rng: random.Random) -> tuple[str, str]:
    """(family, text) for one input to extraction (valid Unicode, no lone surrogates)."""
    text = rng.choice(_sample_records())["text"]
    roll = rng.random()
    if roll < 0.25:
        n = int(min(rng.paretovariate(1.1), 250.0) * 20)
        chars = (
            chr(rng.choice((rng.randint(32, 0x2FFF), rng.randint(0x3000, 0x10FFFF))))
            for _ in range(n)
        )
        return "random", "".join(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF)
    if roll < 0.65:
        spiced = "".join(
            ch + (_weird_text(rng, rng.randint(1, 3)) if rng.random() < 0.05 else "") for ch in text
        )
        return "spiced", spiced
    if roll < 0.75:
        clause = ", and " + rng.choice(("Microsoft", "the regulator", "alpha beta", "it"))
        return "long_sentence", text.split(".")[0] + clause * rng.choice((100, 400, 1500)) + "."
    if roll < 0.85:
        run = rng.choice(RUNS) * rng.choice((50, 300, 1000, 3000, 10000))
        at = rng.randint(0, len(text))
        return "long_run", text[:at] + " " + run + " " + text[at:]
    if roll < 0.95:
        sep = rng.choice(("\n", "\n\n", "\u2029", "\r", " " * 50, "\t", "\x0c", "."))
        return "separators", sep.join(text.split()) * rng.choice((1, 5))
    return "big", (text + "\n\n") * rng.choice((5, 20, 60))


# -- workers --------------------------------------------------------------------------


def _checked_article(article: Any, limits: Any) -> str | None:
    """Why an Article breaks an invariant (the store could not take it), or None."""
    if not article.text.strip():
        return "article with no text"
    if len(article.text) > limits.max_article_chars:
        return "article over max_article_chars"
    fields = (article.id, article.text, article.title, article.url, article.outlet)
    try:
        for value in fields:
            if value is not None:
                value.encode("utf-8")
        json.dumps(article.meta, ensure_ascii=False, default=str).encode("utf-8")
    except (UnicodeError, ValueError, TypeError) as exc:
        return f"article the store cannot encode: {type(exc).__name__}"
    return None


def _run_reader(kind: str, payload: bytes, small: bool, folder: Path) -> dict[str, Any]:
    """Read ``payload`` as ``kind``; the articles, skip reasons and invariant problems."""
    from tieline.config import Limits
    from tieline.ingest import read_inputs

    limits = Limits(max_article_chars=5_000, max_line_bytes=4_096) if small else Limits()
    if kind == "stdin":
        items = list(read_inputs(["-"], limits=limits, stdin=io.BytesIO(payload)))
    else:
        path = folder / f"input{SUFFIXES[kind]}"
        path.write_bytes(payload)
        items = list(read_inputs([path], limits=limits))
    reasons: Counter[str] = Counter()
    problems = [] if items else ["no item"]
    articles = 0
    for item in items:
        if hasattr(item, "reason"):
            reasons[item.reason] += 1
            if item.reason not in SKIP_REASONS or not item.message:
                problems.append(f"skip reason {item.reason!r}")
        else:
            articles += 1
            problems.append(_checked_article(item, limits) or "")
    return {"articles": articles, "reasons": reasons, "problems": [p for p in problems if p]}


def _run_feed(payload: bytes) -> dict[str, Any]:
    """Parse ``payload`` as a feed, guarded as ``Watcher`` guards it (an error: bad_feed)."""
    from tieline.ingest.feeds import parse_feed

    try:
        feed = parse_feed(payload, FEED_URL, "application/rss+xml")
    except Exception as exc:  # the watcher reports this input as Skipped "bad_feed"
        return {
            "articles": 0,
            "reasons": Counter({f"bad_feed({type(exc).__name__})": 1}),
            "problems": [],
        }
    problems = [e.link for e in feed.entries if not e.link.startswith("http")]
    reason = "malformed_feed" if feed.problem else "no_entries"
    reasons = Counter() if feed.entries else Counter({reason: 1})
    return {"articles": len(feed.entries), "reasons": reasons, "problems": problems}


def _run_extract(extractor: Any, text: str) -> dict[str, Any]:
    """Extract ties from ``text``; a tie whose evidence is not ``text[start:end]`` is a problem."""
    ties = extractor.extract(text)
    problems = [
        f"tie evidence {t.evidence[:40]!r} != text[{t.start}:{t.end}]"
        for t in ties
        if not (0 <= t.start <= t.end <= len(text) and text[t.start : t.end] == t.evidence)
    ]
    return {"articles": 1, "ties": len(ties), "reasons": Counter(), "problems": problems}


def _prepare(kind: str, folder: Path) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Import (and for extract, build) everything once, in the process workers fork from."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)  # trafilatura and feedparser log every bad page
    warnings.simplefilter("ignore")
    if kind == "extract":
        from tieline.pipeline import Extractor

        extractor = Extractor()
        return lambda job: _run_extract(extractor, job[1])
    for module in ("tieline.ingest", "trafilatura", "tieline.ingest.warc", "tieline.ingest.feeds"):
        with contextlib.suppress(ImportError):  # imported once, before forking
            __import__(module)
    # trafilatura builds its tables on first use (~2.5 s): once here, as a long-running
    # ingest pays it once, not in every forked job
    from tieline.config import Limits
    from tieline.ingest.html import article_from_html

    article_from_html(_WARMUP_PAGE, "warmup.html", Limits())

    def run(job: tuple[Any, ...]) -> dict[str, Any]:
        kind_, payload, small = job
        if kind_ == "feed":
            return _run_feed(payload)
        return _run_reader(kind_, payload, small, folder)

    return run


_WARMUP_PAGE = (
    b"<html><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
    b"<p>Zorvex said on Monday that it had agreed to buy Plimco for an undisclosed sum, "
    b"in a deal the two companies expect to close later this year.</p></article></body></html>"
)


def _tmp_root() -> str | None:
    """/dev/shm when there is one: fuzz files never touch the disk."""
    return "/dev/shm" if os.path.isdir("/dev/shm") else None


def _serve(run: Callable[[tuple[Any, ...]], dict[str, Any]], address: str) -> None:
    """A worker: connect to the driver, answer jobs until it hangs up."""
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(address)
    conn = Connection(sock.detach())
    conn.send(os.getpid())
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = run(job)
        except Exception as exc:  # the finding: report it, keep serving
            frames = traceback.extract_tb(exc.__traceback__)
            where = next(
                (
                    f"{f.filename}:{f.lineno}"
                    for f in reversed(frames)
                    if "site-packages" not in f.filename
                ),
                "?",
            )
            result = {"crash": f"{type(exc).__name__}: {str(exc)[:200]}", "where": where}
        conn.send(result)


def zygote(kind: str, address: str) -> None:
    """Build once, then fork a worker whenever the last one ended (killed or crashed)."""
    with tempfile.TemporaryDirectory(prefix="tieline-fuzz-", dir=_tmp_root()) as folder:
        run = _prepare(kind, Path(folder))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # still removes the folder
        while True:
            pid = os.fork()
            if pid == 0:
                _serve(run, address)
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
                return  # the driver hung up


# -- driver ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts of one fuzz run."""

    tried: int = 0
    handled: int = 0
    skipped: int = 0
    crashed: int = 0
    hung: int = 0
    over_memory: int = 0
    invalid: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # skip reasons, per item
    by_target: dict[str, Counter[str]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)  # the first few, to reproduce
    busy: Counter[str] = field(default_factory=Counter)  # seconds per target/family
    peak_rss_mb: float = 0.0
    seconds: float = 0.0

    def add(self, target: str, family: str, outcome: str, detail: dict[str, Any]) -> None:
        """Count one input's outcome (handled, skipped, crashed, hung, over_memory, invalid)."""
        self.tried += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.by_target.setdefault(target, Counter())[outcome] += 1
        self.reasons.update(detail.get("reasons", {}))
        self.busy[f"{target}/{family}"] += detail.get("seconds", 0.0)
        if outcome in ("crashed", "hung", "over_memory", "invalid") and len(self.failures) < 50:
            rest = {k: v for k, v in detail.items() if k != "reasons"}
            self.failures.append({"target": target, "family": family, "outcome": outcome, **rest})

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready counts."""
        out = {k: v for k, v in vars(self).items() if k not in ("reasons", "by_target", "busy")}
        out["busy"] = {k: round(v, 1) for k, v in self.busy.most_common(10)}
        out["reasons"] = dict(self.reasons.most_common())
        out["by_target"] = {t: dict(c) for t, c in sorted(self.by_target.items())}
        return out


class Sandbox:
    """A forked worker for ``kind`` (parsers or extract) with per-job time and memory limits."""

    def __init__(self, kind: str, *, mem_cap_mb: float, start_timeout: float = 300) -> None:
        self.kind, self.mem_cap_mb = kind, mem_cap_mb
        self._dir = tempfile.mkdtemp(prefix="tieline-fuzz-sock-")
        self.address = os.path.join(self._dir, "s")
        self._server = socket.socket(socket.AF_UNIX)
        self._server.bind(self.address)
        self._server.listen(4)
        log = open(os.path.join(self._dir, "log"), "wb")  # noqa: SIM115 - closed in close()
        self._log = log
        cmd = [sys.executable, os.path.abspath(__file__), "--serve", kind, self.address]
        self._zygote = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        self.peak_rss_mb = 0.0
        self._connect(start_timeout)

    def _connect(self, timeout: float) -> None:
        """Accept the next worker's connection."""
        self._server.settimeout(timeout)
        try:
            sock, _ = self._server.accept()
        except TimeoutError:
            raise RuntimeError(f"fuzz worker did not start: {self.log_tail()}") from None
        self._conn = Connection(sock.detach())
        self._pid = int(self._conn.recv())
        self._proc = psutil.Process(self._pid)

    def log_tail(self) -> str:
        """The end of the workers' stderr."""
        self._log.flush()
        return Path(self._dir, "log").read_text(errors="replace")[-2000:]

    def run(self, job: tuple[Any, ...], limit_s: float) -> tuple[str, dict[str, Any]]:
        """(outcome, detail) of one job; a hung, oversized or dead worker is replaced."""
        started = time.monotonic()
        try:
            self._conn.send(job)
            while not self._conn.poll(0.02):
                outcome = self._watch(started, limit_s)
                if outcome:
                    self._replace()
                    return outcome, {"seconds": round(time.monotonic() - started, 2)}
            result = self._conn.recv()
        except (EOFError, OSError) as exc:
            self._replace()
            return "crashed", {"crash": f"worker died ({type(exc).__name__})"}
        self._watch(started, float("inf"))
        result["seconds"] = round(time.monotonic() - started, 3)
        if "crash" in result:
            return "crashed", result
        if result["problems"]:
            return "invalid", result
        return ("handled" if result["articles"] else "skipped"), result

    def _watch(self, started: float, limit_s: float) -> str | None:
        """hung / over_memory when the job is over a limit; tracks peak RSS."""
        try:
            rss = self._proc.memory_info().rss / 2**20
        except psutil.Error:
            return None  # it just died: recv will say so
        self.peak_rss_mb = max(self.peak_rss_mb, rss)
        if rss > self.mem_cap_mb:
            return "over_memory"
        return "hung" if time.monotonic() - started > limit_s else None

    def _replace(self) -> None:
        """Kill the current worker; the zygote forks the next one."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        self._conn.close()
        self._connect(60)

    def close(self) -> None:
        """Hang up: the worker and then the zygote exit."""
        self._conn.close()
        try:
            self._zygote.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._zygote.kill()
            self._zygote.wait()
        self._server.close()
        self._log.close()
        shutil.rmtree(self._dir, ignore_errors=True)


def parser_limit_s(payload: bytes) -> float:
    """Time allowed for reading one input: 3 s plus 10 s per MB (trafilatura is superlinear)."""
    return 3.0 + len(payload) / 100_000


def extract_limit_s(text: str) -> float:
    """Time allowed for extracting one text: 3 s plus 1 s per 2,000 characters."""
    return 3.0 + len(text) / 2_000


def _jobs(seed: int, n: int, extract_n: int, targets: list[str]) -> Iterator[tuple[Any, ...]]:
    """(sandbox kind, target, family, job, limit) for every input, reader inputs first."""
    rng = random.Random(seed)
    seeds = seed_documents()
    for i in range(n):
        target = targets[i % len(targets)]
        family, payload = parser_input(rng, target, seeds)
        job = (target, payload, rng.random() < 0.2)
        yield "parsers", target, family, job, parser_limit_s(payload)
    for _ in range(extract_n):
        family, text = extract_input(rng)
        yield "extract", "extract", family, ("extract", text), extract_limit_s(text)


def available_targets() -> list[str]:
    """The parsers whose modules import here (WARC and feeds are optional)."""
    targets = [t for t in PARSERS if not t.startswith("warc") and t != "feed"]
    for module, names in (
        ("tieline.ingest.warc", ["warc", "warc.gz"]),
        ("tieline.ingest.feeds", ["feed"]),
    ):
        try:
            __import__(module)
            targets += names
        except ImportError:
            pass
    return targets


def fuzz(
    *, n: int, extract_n: int, seconds: float | None, seed: int, save: Path | None = None
) -> Tally:
    """Run the inputs through sandboxed workers and count the outcomes."""
    tally = Tally()
    started = time.monotonic()
    boxes: dict[str, Sandbox] = {}
    caps = {"parsers": 1500.0, "extract": 3000.0}
    try:
        for kind, target, family, job, limit in _jobs(seed, n, extract_n, available_targets()):
            if seconds is not None and time.monotonic() - started > seconds:
                break
            if kind not in boxes:
                for other in list(boxes):  # one worker at a time on a shared machine
                    boxes.pop(other).close()
                boxes[kind] = Sandbox(kind, mem_cap_mb=caps[kind])
            outcome, detail = boxes[kind].run(job, limit)
            if outcome not in ("handled", "skipped") and save is not None:
                _save(save, tally.tried, target, job)
            tally.add(target, family, outcome, detail)
            tally.peak_rss_mb = max(tally.peak_rss_mb, boxes[kind].peak_rss_mb)
    finally:
        for box in boxes.values():
            box.close()
    tally.seconds = round(time.monotonic() - started, 1)
    return tally


def _save(folder: Path, number: int, target: str, job: tuple[Any, ...]) -> None:
    """Keep a failing input to reproduce it."""
    folder.mkdir(parents=True, exist_ok=True)
    data = job[1].encode("utf-8") if isinstance(job[1], str) else job[1]
    (folder / f"{number:06d}-{target}.bin").write_bytes(data)


def report(tally: Tally) -> str:
    """The human-readable summary."""
    lines = [
        f"inputs tried {tally.tried:,} in {tally.seconds:,.0f} s "
        f"(peak worker RSS {tally.peak_rss_mb:,.0f} MB)",
        f"  handled {tally.handled:,}  skipped {tally.skipped:,}  crashed {tally.crashed:,}  "
        f"hung {tally.hung:,}  over_memory {tally.over_memory:,}  invalid {tally.invalid:,}",
        "  skip reasons (per item): "
        + ", ".join(f"{r} {c:,}" for r, c in tally.reasons.most_common()),
    ]
    for target, counts in sorted(tally.by_target.items()):
        lines.append(f"  {target:9} " + ", ".join(f"{k} {v:,}" for k, v in counts.most_common()))
    signatures = Counter(
        f"{f['outcome']} {f['target']}/{f['family']}: {f.get('crash', '')} {f.get('where', '')}"
        for f in tally.failures
    )
    lines += [f"  {c}x {s}" for s, c in signatures.most_common(15)]
    busiest = ", ".join(f"{k} {v:,.0f} s" for k, v in tally.busy.most_common(6))
    lines.append(f"  busiest inputs: {busiest}")
    return "\n".join(lines)


def main() -> None:
    """Command line: run, print the summary (or JSON)."""
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        zygote(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="inputs to the readers")
    ap.add_argument("--extract-n", type=int, default=1_000, help="texts through extraction")
    ap.add_argument("--seconds", type=float, default=None, help="stop after this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", type=Path, default=None, help="keep failing inputs here")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    a = ap.parse_args()
    tally = fuzz(n=a.n, extract_n=a.extract_n, seconds=a.seconds, seed=a.seed, save=a.save)
    print(json.dumps(tally.as_dict(), default=str) if a.json else report(tally))


if __name__ == "__main__":
    main()
