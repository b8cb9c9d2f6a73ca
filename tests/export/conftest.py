"""One small store of invented organizations, built once for the export tests (read-only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tieline.model import Article
from tieline.pipeline import Extractor
from tieline.store import Store

# (id, date, outlet, text): a partnership that turns into lawsuits both ways, a rivalry,
# an investment, an undated regulator action and an article without ties.
ARTICLES = [
    ("e1", "2024-01-10", "Wire", "Zorvex signed a supply agreement with Plimco on Monday."),
    ("e2", "2024-03-02", "Ledger",
     "Zorvex sued Plimco over unpaid invoices, according to court filings."),
    ("e3", "2024-05-20", "Wire", "Brinemoor and Plimco are rivals in Europe."),
    ("e4", "2024-07-01", "Ledger", "Zorvex Capital invested $5 million in Plimco."),
    ("e5", None, "Wire", "The Trade Authority fined Brinemoor for misleading advertising."),
    ("e6", "2024-08-01", "Wire",
     "The weather was mild across the region this week, forecasters said."),
    ("e7", "2024-09-03", "Ledger", "Plimco sued Zorvex in a countersuit filed on Tuesday."),
    ("e8", "2024-11-05", "Wire", "Zorvex sued Plimco again over a patent on Friday."),
]  # fmt: skip


@pytest.fixture(scope="session")
def export_articles() -> list[Article]:
    """The corpus as Articles."""
    return [
        Article(id=i, text=t, date=d, outlet=o, title=i.upper(), url=f"https://news.test/{i}")
        for i, d, o, t in ARTICLES
    ]


@pytest.fixture(scope="session")
def store_file(
    extractor: Extractor, export_articles: list[Article], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("export") / "ties.duckdb"
    kinds = {name: org.kind for name, org in extractor.gazetteer.orgs.items()}
    with Store(path) as store:
        store.add(extractor.run(export_articles), kinds)
    return path


@pytest.fixture()
def store(store_file: Path) -> Iterator[Store]:
    with Store(store_file, read_only=True) as opened:
        yield opened
