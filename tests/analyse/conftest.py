"""Stores for the analyses: the bundled sample corpus (built once) and small synthetic ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tieline import data
from tieline.analyse.corroboration import update_groups
from tieline.model import Article, Tie
from tieline.pipeline import Result, ingest
from tieline.store import Store

# (source, target, type[, modality, hedged, attributed_to])
TieSpec = tuple
# (article id, date, outlet, text or None, [TieSpec, ...])
ArticleSpec = tuple[str, str, str | None, str | None, Sequence[TieSpec]]


def tie(spec: TieSpec, n: int) -> Tie:
    """A Tie from a short spec, scored as the extractor scores it (weight x modality)."""
    source, target, kind, *rest = spec
    modality = rest[0] if rest else "asserted"
    hedged = bool(rest[1]) if len(rest) > 1 else False
    by = rest[2] if len(rest) > 2 else None
    score = data.ontology()[kind]["weight"] * data.modality_factors()[modality]
    return Tie(source, target, kind, modality, hedged, by, None, round(score, 3), "e", n, n + 1)


def add_articles(store: Store, articles: Sequence[ArticleSpec]) -> list[str]:
    """Store articles with the given ties (no extraction) and group them; returns their ids."""
    results = []
    for aid, date, outlet, text, ties in articles:
        body = text or f"Story {aid} with its own words about {aid} only, nothing shared."
        art = Article(id=aid, text=body, date=date, outlet=outlet)
        results.append(Result(art, [tie(s, i) for i, s in enumerate(ties)], []))
    store.add(results)
    ids = [a[0] for a in articles]
    update_groups(store, ids)
    return ids


def monthly(start: str, months: int) -> list[str]:
    """First days of ``months`` consecutive months from ``start`` (YYYY-MM-DD)."""
    day = dt.date.fromisoformat(start)
    out = []
    for k in range(months):
        m = day.month - 1 + k
        out.append(dt.date(day.year + m // 12, m % 12 + 1, 3).isoformat())
    return out


@pytest.fixture()
def build(tmp_path: Path) -> Callable[[Sequence[ArticleSpec]], Path]:
    """A function that writes a store with these articles and returns its path."""

    def make(articles: Sequence[ArticleSpec]) -> Path:
        path = tmp_path / "synthetic.duckdb"
        with Store(path) as store:
            add_articles(store, articles)
        return path

    return make


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus, ingested once for the whole session."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(path) as store:
        ingest([str(data.sample_articles_path())], store)
        update_groups(store)
    return path


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus with its gold ties instead of extracted ones: the detector's own test."""
    path = tmp_path_factory.mktemp("gold") / "gold.duckdb"
    articles = {r["id"]: r for r in data.iter_jsonl(data.sample_articles_path())}
    specs = []
    for split in ("tune", "holdout"):
        for g in data.iter_jsonl(data.path("sample", "gold", f"{split}.jsonl")):
            a = articles[g["id"]]
            ties = [(t["source"], t["target"], t["type"], t["modality"]) for t in g["ties"]]
            specs.append((a["id"], a["date"], a["outlet"], a["text"], ties))
    with Store(path) as store:
        add_articles(store, specs)
    return path
