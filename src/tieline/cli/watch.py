"""``tieline watch``: poll RSS/Atom feeds and ingest new articles until Ctrl-C."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tieline.cli.common import DbOpt, db_path, err, fail
from tieline.config import Settings, load_settings
from tieline.errors import TielineError
from tieline.ingest.feeds import (
    Fetcher,
    FetchPolicy,
    PollReport,
    Watcher,
    parse_interval,
    run_polls,
)
from tieline.ingest.files import file_cap
from tieline.model import Article, Skipped
from tieline.pipeline import Extractor
from tieline.store import Store
from tieline.store.fetch_state import FetchState


def register(app: typer.Typer) -> None:
    """Add the ``watch`` command to ``app``."""
    app.command("watch")(watch_cmd)


def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs")],
    every: Annotated[str, typer.Option(help="Time between polls: 90s, 15m, 2h, 1d")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once, then exit")] = False,
    db: DbOpt = None,
    timeout: Annotated[float, typer.Option(help="Seconds one request may take")] = 20.0,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one host")] = 1.0,
    retries: Annotated[int, typer.Option(help="Retries after a timeout or 5xx")] = 3,
) -> None:
    """Poll feeds, fetch new pages politely, ingest them; a restart fetches nothing twice."""
    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    settings = load_settings(db=db_path(db))
    try:
        extractor = Extractor(settings)
    except TielineError as exc:
        fail(exc)
    kinds = {name: org.kind for name, org in extractor.gazetteer.orgs.items()}
    policy = FetchPolicy(
        timeout=timeout, retries=retries, host_delay=delay, max_bytes=file_cap(settings.limits)
    )
    with Fetcher(policy) as fetcher:
        watcher = Watcher(feeds, fetcher=fetcher, limits=settings.limits, on_skip=_print_skip)

        def poll() -> None:
            report = poll_into_store(watcher, settings, extractor, kinds, strict=once)
            if report is not None:
                _print_poll(report, settings.db)

        try:
            run_polls(poll, every=interval, once=once)
        except KeyboardInterrupt:  # Ctrl-C: each batch is its own transaction, so stop here
            err.print("stopped; run the same command again to carry on")


def poll_into_store(
    watcher: Watcher,
    settings: Settings,
    extractor: Extractor,
    kinds: dict[str, str],
    *,
    strict: bool = False,
) -> PollReport | None:
    """One poll with the store open only meanwhile, so queries can run between polls."""
    try:
        with Store(settings.db) as store:
            return watcher.poll(
                FetchState(store),
                lambda articles: store_articles(store, extractor, kinds, articles),
            )
    except TielineError as exc:  # e.g. an ingest holds the store: try again next poll
        if strict:
            fail(exc)
        err.print(f"[red]error:[/red] {exc}; trying again next poll", highlight=False)
        return None


def store_articles(
    store: Store, extractor: Extractor, kinds: dict[str, str], articles: list[Article]
) -> set[str]:
    """Extract and store the articles not stored yet (one transaction); returns their ids."""
    known = store.known_ids([a.id for a in articles])
    fresh = list({a.id: a for a in articles if a.id not in known}.values())
    if fresh:
        store.add(extractor.run(fresh), kinds)
    return {a.id for a in fresh}


def _print_skip(item: Skipped) -> None:
    label = "warning" if item.reason == "malformed_feed" else "skipped"
    err.print(f"[yellow]{label}[/yellow] {item.message}", highlight=False)


def _print_poll(report: PollReport, db: Path) -> None:
    err.print(
        f"polled {report.feeds} feeds ({report.not_modified} unchanged): "
        f"{report.pages} pages fetched, {report.new} new articles, "
        f"{report.duplicate} duplicate, {len(report.skipped)} skipped; store {db}",
        highlight=False,
    )
