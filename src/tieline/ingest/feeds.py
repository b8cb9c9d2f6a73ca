"""RSS/Atom watching: poll feeds, fetch new article pages politely, hand over Articles (no NLP).

Politeness is not optional here: every request carries a real User-Agent, asks
robots.txt first, waits its turn per host, sends the validators of the last
response (ETag / Last-Modified) so an unchanged feed costs one 304, and gives up
after a bounded number of retries with exponential backoff. What was fetched is
kept by a ``FetchStateStore`` (the store's ``fetch_state`` table) so a restart
fetches nothing twice. A failing feed or page becomes one ``Skipped``; nothing
here raises out of a poll except the sink's own errors (a store problem).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from tieline.config import Limits
from tieline.errors import DependencyError, FetchError
from tieline.ingest.files import file_cap
from tieline.ingest.html import article_from_html
from tieline.model import Article, Skipped

USER_AGENT = "tieline/0.1 (+https://github.com/tieline/tieline)"
_NOT_ASKED = frozenset({"robots", "bad_url"})  # outcomes decided without a request
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ROBOTS_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
_ROBOTS_TTL = 3600.0  # seconds a robots.txt answer is trusted
_ROBOTS_RETRY = 300.0  # an unreachable robots.txt is asked again this much sooner
_MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay beyond this is capped, not obeyed
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How hard and how politely to fetch; the defaults suit a public news site."""

    timeout: float = 20.0  # seconds for one request, connect to last byte
    retries: int = 3  # extra tries after a timeout, network error, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_backoff: float = 60.0
    host_delay: float = 1.0  # seconds between two requests to one host
    max_redirects: int = 5
    max_bytes: int = file_cap(Limits())  # a page over this is skipped unread
    max_attempts: int = 3  # polls that may request a page before it is given up
    batch_pages: int = 20  # pages handed to the sink (one store transaction) at a time
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class FetchRecord:
    """What is known about one fetched URL (a row of the store's fetch_state table)."""

    url: str
    kind: str  # feed or page
    fetched_at: dt.datetime
    outcome: str  # stored, not_modified, or the reason it was skipped
    done: bool  # never request this page again
    attempts: int = 1
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    article_id: str | None = None


class FetchStateStore(Protocol):
    """Where fetch records persist (``tieline.store.fetch_state.FetchState``)."""

    def get_many(self, urls: Sequence[str]) -> dict[str, FetchRecord]:
        """The records of those URLs that have one."""
        ...

    def put(self, records: Sequence[FetchRecord]) -> None:
        """Insert or replace records by URL."""
        ...


Sink = Callable[[list[Article]], set[str]]  # stores articles; returns the ids newly stored


class FetchFailed(FetchError):
    """One URL could not be fetched; ``reason`` is a short code, ``retryable`` says if worth it."""

    def __init__(
        self,
        url: str,
        reason: str,
        detail: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{url}: {detail}")
        self.url, self.reason, self.detail, self.status = url, reason, detail, status
        self.retryable, self.retry_after = retryable, retry_after

    def skipped(self) -> Skipped:
        """The Skipped that reports this failure."""
        return Skipped(self.url, self.reason, f"{self.url}: {self.detail}")


@dataclass(slots=True)
class Response:
    """A completed GET: status 2xx or 304, after redirects."""

    url: str  # as requested
    final_url: str
    status: int
    body: bytes
    headers: httpx.Headers

    @property
    def etag(self) -> str | None:
        """The ETag validator, if the server sent one."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified validator, if the server sent one."""
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case ("" when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Fetcher:
    """HTTP GET with robots.txt, a per-host delay, conditional requests, retries and caps."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        # Redirects are followed by hand so each hop is checked against robots.txt and the delay.
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent},
        )
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self._delay: dict[str, float] = {}  # host -> delay asked by its robots.txt
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser, float]] = {}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET ``url`` (conditionally when validators are given); raises FetchFailed."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.policy.retries + 1):
            try:
                return self._follow(url, headers)
            except FetchFailed as exc:
                if not exc.retryable or attempt == self.policy.retries:
                    if exc.retryable and attempt:
                        exc.detail += f"; gave up after {attempt + 1} tries"
                    raise
                self._sleep(self._backoff(attempt, exc.retry_after))
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before retry ``attempt + 1``: doubling, jittered, at least Retry-After."""
        wait = self.policy.backoff * 2**attempt
        wait += random.uniform(0, wait / 10)  # jitter: many watchers should not retry in step
        return min(self.policy.max_backoff, max(wait, retry_after or 0.0))

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        """One try at ``url``, following at most ``max_redirects`` redirects."""
        current, seen = url, {url}
        for _ in range(self.policy.max_redirects + 1):
            self._check_allowed(current)
            status, resp_headers, body = self._request(current, headers, self.policy.max_bytes)
            location = resp_headers.get("location")
            if status in _REDIRECTS and location:
                current = urldefrag(urljoin(current, location)).url
                if current in seen:
                    raise FetchFailed(url, "redirect_loop", f"redirect loop through {current}")
                seen.add(current)
                continue
            return _classify(url, current, status, resp_headers, body)
        raise FetchFailed(url, "redirect_loop", f"more than {self.policy.max_redirects} redirects")

    def _request(
        self, url: str, headers: dict[str, str], cap: int
    ) -> tuple[int, httpx.Headers, bytes]:
        """Status, headers and at most ``cap`` body bytes of one GET, within the timeout."""
        host = self._wait_turn(url)
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                body = _read_capped(url, resp.iter_bytes(), cap, deadline)
                return resp.status_code, resp.headers, body
        except httpx.TimeoutException:
            raise _timeout(url, self.policy.timeout) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchFailed(url, "bad_url", f"not a fetchable URL ({exc})") from None
        except httpx.TransportError as exc:
            detail = f"network error ({type(exc).__name__}: {exc})"
            raise FetchFailed(url, "network", detail, retryable=True) from None
        finally:  # the delay runs from the end of a request: a slow server gets more rest
            self._last[host] = time.monotonic()

    def _wait_turn(self, url: str) -> str:
        """Sleep until this host's delay since its last request has passed; returns the host."""
        host = urlsplit(url).netloc.lower()
        delay = max(self.policy.host_delay, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None and (wait := last + delay - time.monotonic()) > 0:
            self._sleep(wait)
        return host

    def _check_allowed(self, url: str) -> None:
        """Raise FetchFailed unless ``url`` is http(s) and its robots.txt lets us fetch it."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchFailed(url, "bad_url", "only http and https URLs can be fetched")
        if not self._robots_for(url).can_fetch(self.policy.user_agent, url):
            raise FetchFailed(url, "robots", "disallowed by the site's robots.txt; not fetched")

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The parsed robots.txt of the URL's origin, fetched at most once per TTL."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        cached = self._robots.get(origin)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        parser, ttl = self._read_robots(origin)
        self._robots[origin] = (parser, time.monotonic() + ttl)
        delay = parser.crawl_delay(self.policy.user_agent)
        if delay is not None:
            self._delay[parts.netloc.lower()] = min(float(delay), _MAX_CRAWL_DELAY)
        return parser

    def _read_robots(self, origin: str) -> tuple[urllib.robotparser.RobotFileParser, float]:
        """robots.txt per RFC 9309: 4xx allows everything, no answer or 5xx allows nothing."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url, status, body = origin + "/robots.txt", 0, b""
        try:
            for _ in range(self.policy.max_redirects + 1):
                status, headers, body = self._request(url, {}, _ROBOTS_BYTES)
                if status not in _REDIRECTS or not headers.get("location"):
                    break
                url = urljoin(url, headers["location"])
        except FetchFailed as exc:
            if exc.reason != "too_large":
                parser.parse(_DISALLOW_ALL)
                return parser, _ROBOTS_RETRY
            status = 200  # a huge robots.txt: RFC 9309 says parse what was read
        if 200 <= status < 300:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        elif 400 <= status < 500:
            parser.parse([])  # no rules: everything allowed
        else:
            parser.parse(_DISALLOW_ALL)
            return parser, _ROBOTS_RETRY
        return parser, _ROBOTS_TTL


def _read_capped(url: str, chunks: Iterator[bytes], cap: int, deadline: float) -> bytes:
    """The body, or FetchFailed when it is over ``cap`` bytes or outlasts ``deadline``."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            detail = f"response is over {cap:,} bytes (max_article_chars); skipped unread"
            raise FetchFailed(url, "too_large", detail)
        if time.monotonic() > deadline:  # a server dripping bytes never trips a read timeout
            raise _timeout(url, None)
        parts.append(chunk)
    return b"".join(parts)


def _timeout(url: str, seconds: float | None) -> FetchFailed:
    detail = "timed out" + (f" after {seconds:g} s" if seconds else "")
    return FetchFailed(url, "timeout", detail, retryable=True)


def _classify(url: str, final: str, status: int, headers: httpx.Headers, body: bytes) -> Response:
    """A Response for 2xx and 304; FetchFailed (retryable or not) for anything else."""
    if 200 <= status < 300 or status == 304:
        return Response(url, final, status, body, headers)
    if status in _RETRY_STATUS:
        reason = "server_error" if status >= 500 else f"http_{status}"
        wait = _retry_after(headers.get("retry-after"))
        raise FetchFailed(
            url, reason, f"HTTP {status}", status=status, retryable=True, retry_after=wait
        )
    raise FetchFailed(url, f"http_{status}", f"HTTP {status}; not fetched again", status=status)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header in its delta-seconds form (dates are ignored)."""
    return float(value) if value and value.strip().isdigit() else None


# -- feeds -------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Entry:
    """One feed item worth fetching: its page link and what the feed says about it."""

    link: str
    title: str | None = None
    date: str | None = None
    guid: str | None = None


@dataclass(slots=True)
class Feed:
    """A parsed feed: its title and entries; ``problem`` when the XML was not well-formed."""

    title: str | None
    entries: list[Entry]
    problem: str | None = None


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    """Entries of an RSS/Atom document (feedparser, leniently); links made absolute."""
    try:
        import feedparser
    except ImportError:
        raise DependencyError(
            "watching feeds needs feedparser; install it with 'pip install feedparser'"
        ) from None
    opened, closed = body.count(b"<"), body.count(b">")
    if opened > 4 * closed + 64:
        # feedparser's lenient parser is superlinear on a sea of unclosed "<" (21 s on a
        # fuzzed 1 MB file); a feed, however broken, closes most of its tags
        return Feed(None, [], f"unbalanced markup ({opened:,} '<' for {closed:,} '>')")
    if _nesting(body) > _MAX_NESTING:
        # feedparser takes seconds on 100,000 nested <item>s; no real feed nests so deep
        return Feed(None, [], f"elements nested more than {_MAX_NESTING} deep")
    # Bytes in, so feedparser never goes to the network itself.
    parsed = feedparser.parse(
        body, response_headers={"content-location": url, "content-type": content_type}
    )
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    exc = parsed.get("bozo_exception")
    problem = str(exc) if parsed.get("bozo") and not isinstance(exc, benign) else None
    entries, seen = [], set()
    for item in parsed.entries:
        entry = _entry(item, url)
        if entry is not None and entry.link not in seen:
            seen.add(entry.link)
            entries.append(entry)
    return Feed(parsed.feed.get("title") or None, entries, problem)


_MAX_NESTING = 64
# One quantifier inside a tag and no "<" in it: a failed match ends at the next "<" and
# never backtracks (two overlapping quantifiers took 29 s on 40 KB of "<rsssss...")
_TAG = re.compile(rb"<(/?)[A-Za-z][^<>]*?(/?)>")
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)


def _nesting(body: bytes) -> int:
    """The deepest element nesting of an XML document, read off its tags in one pass."""
    depth = deepest = 0
    # HTML inside CDATA (descriptions with unclosed <p> and <br>) is text, not elements
    for closing, empty in _TAG.findall(_CDATA.sub(b"", body)):
        if closing:
            depth = max(0, depth - 1)
        elif not empty:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > _MAX_NESTING:
                break
    return deepest


def _entry(item: Any, base: str) -> Entry | None:
    """An Entry from a feedparser item, or None when it has no http(s) link."""
    link = item.get("link")
    if not link:
        return None
    link = urldefrag(urljoin(base, link.strip())).url
    if urlsplit(link).scheme not in ("http", "https"):
        return None
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    date = dt.date(*stamp[:3]).isoformat() if stamp else None
    return Entry(link, item.get("title") or None, date, item.get("id") or None)


# -- polling -----------------------------------------------------------------


@dataclass(slots=True)
class PollReport:
    """What one pass over the feeds did."""

    feeds: int = 0
    not_modified: int = 0
    pages: int = 0  # pages requested
    new: int = 0  # articles newly stored
    duplicate: int = 0  # pages whose article was already stored
    skipped: list[Skipped] = field(default_factory=list)


class Watcher:
    """Polls feeds and turns their new entries into Articles for a sink (no NLP here)."""

    def __init__(
        self,
        feeds: Sequence[str],
        *,
        fetcher: Fetcher,
        limits: Limits | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.fetcher = fetcher
        self.limits = limits or Limits()
        self.on_skip = on_skip

    def poll(self, state: FetchStateStore, sink: Sink) -> PollReport:
        """One pass: each feed, then its entries not fetched yet; failures are reported."""
        report = PollReport()
        for url in self.feeds:
            report.feeds += 1
            self._poll_feed(url, state, sink, report)
        return report

    def _skip(self, report: PollReport, skipped: Skipped) -> None:
        report.skipped.append(skipped)
        if self.on_skip:
            self.on_skip(skipped)

    def _conditional_get(self, url: str, before: FetchRecord | None) -> Response:
        """GET with the validators remembered from the last fetch (304 when unchanged)."""
        return self.fetcher.get(
            url,
            etag=before.etag if before else None,
            last_modified=before.last_modified if before else None,
        )

    def _poll_feed(self, url: str, state: FetchStateStore, sink: Sink, report: PollReport) -> None:
        """Fetch one feed; store its new pages; remember its validators when all are settled."""
        before = state.get_many([url]).get(url)
        try:
            resp = self._conditional_get(url, before)
        except FetchFailed as exc:
            self._skip(report, exc.skipped())
            state.put([_record(url, "feed", before, exc.reason, status=exc.status, keep=True)])
            return
        if resp.status == 304:
            report.not_modified += 1
            state.put([_record(url, "feed", before, "not_modified", status=304, keep=True)])
            return
        feed = self._read_feed(resp, report)
        settled = feed is not None and self._fetch_entries(feed, url, state, sink, report)
        outcome = "read" if feed is not None else "bad_feed"
        record = _record(url, "feed", before, outcome, status=resp.status)
        if settled:  # else the next poll reads the whole feed again to retry its pages
            record.etag, record.last_modified = resp.etag, resp.last_modified
        state.put([record])

    def _read_feed(self, resp: Response, report: PollReport) -> Feed | None:
        """The parsed feed, or None (reported) when nothing could be read from it."""
        url = resp.url
        try:
            feed = parse_feed(resp.body, resp.final_url, resp.content_type)
        except DependencyError:
            raise
        except Exception as exc:  # a parser crash on hostile input must not stop the watch
            feed = Feed(None, [], f"{type(exc).__name__}: {exc}")
        if feed.problem and not feed.entries:
            detail = f"not a readable RSS/Atom feed ({feed.problem}); check the URL"
            self._skip(report, Skipped(url, "bad_feed", f"{url}: {detail}"))
            return None
        if feed.problem:
            detail = (
                f"feed is not well-formed ({feed.problem}); read its "
                f"{len(feed.entries)} recoverable entries"
            )
            self._skip(report, Skipped(url, "malformed_feed", f"{url}: {detail}"))
        return feed

    def _fetch_entries(
        self, feed: Feed, feed_url: str, state: FetchStateStore, sink: Sink, report: PollReport
    ) -> bool:
        """Fetch the feed's pages not settled yet, in sink-sized batches; True if all settled."""
        known = state.get_many([e.link for e in feed.entries])
        todo = [e for e in feed.entries if self._wanted(known.get(e.link))]
        settled = True
        size = max(1, self.fetcher.policy.batch_pages)
        for start in range(0, len(todo), size):
            records, articles = [], []
            for entry in todo[start : start + size]:
                article, record = self._fetch_page(
                    entry, feed, feed_url, known.get(entry.link), report
                )
                if record.outcome not in _NOT_ASKED:
                    report.pages += 1
                records.append(record)
                if article is not None:
                    articles.append(article)
            new = sink(articles) if articles else set()
            report.new += len({a.id for a in articles} & new)
            report.duplicate += len(articles) - len({a.id for a in articles} & new)
            # Only now, after the sink stored the articles, is the fetch remembered.
            state.put(records)
            settled &= all(r.done or r.attempts >= self._max_attempts for r in records)
        return settled

    @property
    def _max_attempts(self) -> int:
        return self.fetcher.policy.max_attempts

    def _wanted(self, record: FetchRecord | None) -> bool:
        """True when a page has never been fetched, or failed and may be tried again."""
        return record is None or (not record.done and record.attempts < self._max_attempts)

    def _fetch_page(
        self,
        entry: Entry,
        feed: Feed,
        feed_url: str,
        before: FetchRecord | None,
        report: PollReport,
    ) -> tuple[Article | None, FetchRecord]:
        """The entry's page as an Article (or None, reported) and the record to remember."""
        url = entry.link
        try:
            resp = self._conditional_get(url, before)
        except FetchFailed as exc:
            self._skip(report, exc.skipped())
            record = _record(url, "page", before, exc.reason, status=exc.status, keep=True)
            record.done = not exc.retryable  # robots, 4xx, loops: asking again meets the same
            return None, record
        if resp.status == 304:  # an earlier try found no text; the page has not changed since
            return None, _record(url, "page", before, "not_modified", status=304, keep=True)
        item = self._article(resp, entry, feed, feed_url)
        record = _record(url, "page", before, "stored", status=resp.status, response=resp)
        if isinstance(item, Skipped):
            self._skip(report, item)
            record.outcome = item.reason
            # A page without text yet (a stub, a live blog) may fill in; others will not change.
            record.done = item.reason not in ("no_text", "empty")
            return None, record
        record.article_id = item.id
        return item, record

    def _article(
        self, resp: Response, entry: Entry, feed: Feed, feed_url: str
    ) -> Article | Skipped:
        """The page's main text as an Article, with the feed's title and date preferred."""
        url = resp.url
        if resp.content_type and resp.content_type not in _HTML_TYPES:
            detail = f"page is {resp.content_type}, not HTML; not read"
            return Skipped(url, "unsupported", f"{url}: {detail}")
        try:
            item = article_from_html(resp.body, url, self.limits)
        except Exception as exc:  # trafilatura on hostile markup must not stop the watch
            return Skipped(url, "no_text", f"{url}: page could not be read ({exc})")
        if isinstance(item, Skipped):
            return item
        # The feed's own headline and date are the publisher's, not a guess from the page.
        item.title = entry.title or item.title
        item.date = entry.date or item.date
        item.url = item.url or resp.final_url
        item.outlet = item.outlet or feed.title
        item.meta.update(feed=feed_url, **({"guid": entry.guid} if entry.guid else {}))
        return item


def _record(
    url: str,
    kind: str,
    before: FetchRecord | None,
    outcome: str,
    *,
    status: int | None,
    keep: bool = False,
    response: Response | None = None,
) -> FetchRecord:
    """The record of this attempt; ``keep`` carries the earlier validators forward."""
    record = FetchRecord(
        url=url,
        kind=kind,
        fetched_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        outcome=outcome,
        done=outcome == "stored",
        attempts=(before.attempts + 1) if before else 1,
        status=status,
    )
    if keep and before is not None:
        record = replace(record, etag=before.etag, last_modified=before.last_modified)
    if response is not None:
        record.etag, record.last_modified = response.etag, response.last_modified
    return record


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; ValueError otherwise."""
    m = _INTERVAL.match(text)
    if m is None or float(m.group(1)) <= 0:
        raise ValueError(f"not an interval: {text!r}; give e.g. 30s, 15m, 2h or 1d")
    return float(m.group(1)) * _UNIT[m.group(2).lower()]


def run_polls(
    poll: Callable[[], Any],
    *,
    every: float,
    once: bool = False,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Call ``poll`` now and then every ``every`` seconds (start to start); returns polls run."""
    polls = 0
    while True:
        started = time.monotonic()
        poll()
        polls += 1
        if once or (max_polls is not None and polls >= max_polls):
            return polls
        sleep(max(0.0, every - (time.monotonic() - started)))
