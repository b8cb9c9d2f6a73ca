"""The feed watcher against a local HTTP server (127.0.0.1, in a thread) and a real store."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tieline.cli import watch as watch_cli
from tieline.cli.watch import store_articles
from tieline.ingest.feeds import (
    USER_AGENT,
    Fetcher,
    FetchFailed,
    FetchPolicy,
    PollReport,
    Watcher,
    parse_interval,
    run_polls,
)
from tieline.pipeline import Extractor
from tieline.store import Store
from tieline.store.fetch_state import FetchState

STORIES = {
    "a1": "Zorvex sued Plimco over unpaid invoices on Monday, according to court filings.",
    "a2": "Zorvex Capital invested $5 million in Plimco, the startup said on Tuesday.",
    "a3": "Brinemoor and Plimco are rivals in Europe.",
}
FILLER = (
    "<p>The announcement came after weeks of speculation among investors and analysts who "
    "follow the sector closely, and several people close to the matter described it.</p>"
    "<p>Neither company responded to requests for comment on the matter by the evening, "
    "and a spokesperson declined to give further details about the timing.</p>"
)


def page(key: str) -> bytes:
    body = f"<article><p>{STORIES[key]}</p>{FILLER}</article>"
    return f"<html><head><title>Story {key}</title></head><body>{body}</body></html>".encode()


def rss(title: str, links: list[str], base: str = "") -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}{link}</link>"
        f"<pubDate>Mon, 0{i + 1} Jul 2024 10:00:00 GMT</pubDate><guid>{link}</guid></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.test/</link><description>d</description>{items}</channel></rss>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    conditional: bool = True  # answer If-None-Match / If-Modified-Since with 304


RSS = "application/rss+xml"
ROUTES: dict[str, Route] = {
    "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain"),
    "/feed.xml": Route(rss("Test Wire", ["/a1.html", "/a2.html", "/a3.html"]), ctype=RSS),
    "/more.xml": Route(rss("More", ["/private/p1.html", "/a1.html"]), ctype=RSS),
    "/a1.html": Route(page("a1")),
    "/a2.html": Route(page("a2")),
    "/a3.html": Route(page("a3")),
    "/private/p1.html": Route(page("a1")),
    "/slow.xml": Route(rss("Slow", []), delay=2.0),
    "/error.xml": Route(b"oops", status=500, ctype="text/plain"),
    "/loop1": Route(status=302, headers={"Location": "/loop2"}),
    "/loop2": Route(status=302, headers={"Location": "/loop1"}),
    "/broken.xml": Route(b"<rss><channel><title>Broken</title><item><title>A &", ctype="text/xml"),
    "/stub.xml": Route(rss("Stubs", ["/stub.html"]), ctype=RSS),
    "/stub.html": Route(b"<html><body><nav>menu</nav></body></html>"),
}  # fmt: skip
LAST_MODIFIED = "Mon, 01 Jul 2024 10:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    log: list[tuple[str, dict[str, str], float, int]]  # set per server

    def do_GET(self) -> None:
        route = ROUTES.get(self.path, Route(b"not here", status=404, ctype="text/plain"))
        etag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"'
        fresh = route.conditional and route.status == 200 and (
            self.headers.get("If-None-Match") == etag
            or self.headers.get("If-Modified-Since") == LAST_MODIFIED
        )  # fmt: skip
        status = 304 if fresh else route.status
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.log.append((self.path, headers, time.monotonic(), status))
        if route.delay:
            time.sleep(route.delay)  # bounded: the client gives up long before
        try:
            self.send_response(status)
            for name, value in {
                **route.headers,
                "ETag": etag,
                "Last-Modified": LAST_MODIFIED,
            }.items():
                self.send_header(name, value)
            body = b"" if status == 304 else route.body
            self.send_header("Content-Type", route.ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out first, as it should

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Server:
    base: str
    log: list[tuple[str, dict[str, str], float, int]]

    def requests(self, path: str) -> list[tuple[dict[str, str], int]]:
        return [(headers, status) for p, headers, _, status in self.log if p == path]


@pytest.fixture()
def server() -> Iterator[Server]:
    log: list = []
    handler = type("LoggingHandler", (Handler,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", log)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.01, host_delay=0.0)


def poll(
    db: Path, feeds: list[str], extractor: Extractor, policy: FetchPolicy = FAST, polls: int = 1
) -> list[PollReport]:
    """Poll like `tieline watch`: a fresh fetcher, the store open only during each poll."""
    kinds = {name: org.kind for name, org in extractor.gazetteer.orgs.items()}
    reports = []
    with Fetcher(policy) as fetcher:
        watcher = Watcher(feeds, fetcher=fetcher)
        for _ in range(polls):
            with Store(db) as store:
                sink: Callable = lambda arts, s=store: store_articles(s, extractor, kinds, arts)  # noqa: E731
                reports.append(watcher.poll(FetchState(store), sink))
    return reports


def test_new_items_are_stored_once_across_polls_and_restarts(
    server: Server, extractor: Extractor, tmp_path: Path
) -> None:
    db = tmp_path / "watch.duckdb"
    feeds = [server.base + "/feed.xml", server.base + "/more.xml"]
    first, second = poll(db, feeds, extractor, polls=2)
    assert (first.new, first.pages, first.not_modified) == (3, 3, 0)
    assert [s.reason for s in first.skipped] == ["robots"]
    assert server.requests("/private/p1.html") == []  # robots.txt is obeyed
    assert all(h["user-agent"] == USER_AGENT for _, h, _, _ in server.log)
    # Second poll: both feeds answer 304 to their validators; no page is asked again.
    assert (second.new, second.pages, second.not_modified) == (0, 0, 2)
    headers, status = server.requests("/feed.xml")[1]
    assert status == 304 and headers["if-none-match"].startswith('"')
    # A restart (new fetcher, new Store on the same file) fetches nothing twice either.
    (third,) = poll(db, feeds, extractor)
    assert (third.new, third.pages, third.not_modified) == (0, 0, 2)
    for key in STORIES:
        assert len(server.requests(f"/{key}.html")) == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3
        rows = store.ties(org="Plimco")
    assert {r["type"] for r in rows} == {"SUE", "INVEST", "COMPETE"}
    sue = next(r for r in rows if r["type"] == "SUE")
    assert (sue["title"], sue["date"], sue["url"]) == (
        "Item 0",
        "2024-07-01",
        server.base + "/a1.html",
    )


def test_failing_feeds_are_reported_and_skipped_without_stopping(
    server: Server, extractor: Extractor, tmp_path: Path
) -> None:
    names = ["/slow.xml", "/error.xml", "/loop1", "/broken.xml", "/nowhere.xml", "/feed.xml"]
    started = time.monotonic()
    (report,) = poll(tmp_path / "w.duckdb", [server.base + n for n in names], extractor)
    elapsed = time.monotonic() - started
    reasons = {s.origin.removeprefix(server.base): s.reason for s in report.skipped}
    assert reasons == {
        "/slow.xml": "timeout", "/error.xml": "server_error", "/loop1": "redirect_loop",
        "/broken.xml": "bad_feed", "/nowhere.xml": "http_404",
    }  # fmt: skip
    assert report.new == 3  # the good feed after them all still went through
    assert len(server.requests("/slow.xml")) == 2  # timed out, retried once, gave up
    assert len(server.requests("/error.xml")) == 2  # 500, retried once, gave up
    assert len(server.requests("/nowhere.xml")) == 1  # a 404 is not retried
    assert elapsed < 2 * FAST.timeout + 3.0  # the 2 s server did not hold us for long
    assert "gave up after 2 tries" in next(
        s.message for s in report.skipped if s.reason == "timeout"
    )


def test_a_page_without_text_is_retried_conditionally_a_bounded_number_of_times(
    server: Server, extractor: Extractor, tmp_path: Path
) -> None:
    reports = poll(tmp_path / "w.duckdb", [server.base + "/stub.xml"], extractor, polls=4)
    assert [r.pages for r in reports] == [1, 1, 1, 0]
    stub = server.requests("/stub.html")
    assert [status for _, status in stub] == [200, 304, 304]
    assert all("if-none-match" in headers for headers, _ in stub[1:])
    # Until the page settles the feed is read in full; then its validators are kept.
    assert [status for _, status in server.requests("/stub.xml")] == [200, 200, 200, 304]
    with Store(tmp_path / "w.duckdb") as store:
        record = FetchState(store).get_many([server.base + "/stub.html"])[
            server.base + "/stub.html"
        ]
    assert (record.attempts, record.done, record.outcome) == (3, False, "not_modified")


def test_requests_to_one_host_keep_the_delay(server: Server) -> None:
    policy = FetchPolicy(timeout=1.0, retries=0, host_delay=0.15)
    with Fetcher(policy) as fetcher:
        for key in STORIES:
            assert fetcher.get(f"{server.base}/{key}.html").status == 200
    times = [t for _, _, t, _ in server.log]  # robots.txt, then the three pages
    assert len(times) == 4
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 0.14 for gap in gaps), gaps


def test_fetcher_failures_carry_reasons(server: Server) -> None:
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchFailed) as robots:
            fetcher.get(server.base + "/private/p1.html")
        with pytest.raises(FetchFailed) as scheme:
            fetcher.get("ftp://127.0.0.1/file")
    assert (robots.value.reason, robots.value.retryable) == ("robots", False)
    assert scheme.value.reason == "bad_url"


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "soon", "5w", "-1m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval(text)


def test_run_polls_spaces_polls_and_stops() -> None:
    calls, waits = [], []
    assert run_polls(lambda: calls.append(1), every=60, max_polls=3, sleep=waits.append) == 3
    assert len(calls) == 3 and len(waits) == 2 and all(55 < w <= 60 for w in waits)
    assert run_polls(lambda: None, every=60, once=True, sleep=waits.append) == 1


def _cli(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> typer.Typer:
    """A fresh app with only ``watch`` registered (and the session's extractor, built once)."""
    monkeypatch.setattr(watch_cli, "Extractor", lambda settings: extractor)
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, so the command is called by name
    watch_cli.register(app)
    return app


def test_cli_watch_once_ingests_and_reports(
    server: Server, extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, db = _cli(monkeypatch, extractor), tmp_path / "cli.duckdb"
    args = ["watch", server.base + "/feed.xml", server.base + "/error.xml", "--once"]
    args += ["--db", str(db), "--delay", "0", "--timeout", "1", "--retries", "0"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "skipped" in res.stderr and "error.xml: HTTP 500" in res.stderr
    assert "3 new articles" in res.stderr
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "0 pages fetched, 0 new articles" in again.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


def test_cli_watch_stops_cleanly_on_ctrl_c_and_checks_its_options(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _cli(monkeypatch, extractor)

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_cli, "run_polls", interrupted)
    args = ["watch", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "x.duckdb")]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0 and "stopped" in res.stderr
    bad = CliRunner().invoke(app, [*args, "--every", "soon"])
    assert bad.exit_code == 2 and "not an interval" in bad.output


def test_a_feed_nested_absurdly_deep_is_refused_quickly() -> None:
    from tieline.ingest.feeds import parse_feed

    body = b'<?xml version="1.0"?><rss><channel>' + b"<item>" * 100_000
    feed = parse_feed(body, "https://example.com/feed.xml", "application/rss+xml")
    assert feed.entries == [] and feed.problem and "nested" in feed.problem


def test_html_in_cdata_does_not_count_as_nesting() -> None:
    from tieline.ingest.feeds import parse_feed

    item = (
        "<item><title>T{n}</title><link>https://example.com/{n}</link>"
        "<description><![CDATA[<p>One<br><p>two<div>three]]></description></item>"
    )
    body = "<?xml version='1.0'?><rss><channel><title>F</title>"
    body += "".join(item.format(n=n) for n in range(80)) + "</channel></rss>"
    feed = parse_feed(body.encode(), "https://example.com/feed.xml", "application/rss+xml")
    assert len(feed.entries) == 80 and feed.problem is None


def test_a_sea_of_unclosed_tags_is_refused_quickly() -> None:
    import time

    from tieline.ingest.feeds import parse_feed

    body = b'<?xml version="1.0"?><rss version="2.0">' + b"<c" * 300_000
    started = time.perf_counter()
    feed = parse_feed(body, "https://example.com/feed.xml", "application/rss+xml")
    assert feed.entries == [] and feed.problem and "unbalanced" in feed.problem
    assert time.perf_counter() - started < 5  # feedparser alone takes about 10 s here


def test_the_nesting_scan_does_not_backtrack() -> None:
    import time

    from tieline.ingest.feeds import _nesting

    started = time.perf_counter()
    assert _nesting(b'<?xml version="1.0"?><rss' + b"s" * 40_000) == 0
    assert _nesting(b"<a><b/><c x='1/2'><d></d></c></a>") == 3
    assert time.perf_counter() - started < 1  # overlapping quantifiers took 29 s here
