"""JSONL per TIES.md: one line per article with its ties (the ``tieline extract`` shape)."""

from __future__ import annotations

import json
from pathlib import Path

from tieline.export.files import ExportReport, atomic_write
from tieline.store import Store
from tieline.store.tables import Scope, article_documents


def write(store: Store, out: Path, sc: Scope) -> ExportReport:
    """Write each article in scope with its ties as one JSON line to ``out``."""
    articles = ties = 0
    with atomic_write(out) as fh:
        for doc in article_documents(store, sc):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            articles += 1
            ties += len(doc["ties"])
    return ExportReport("jsonl", [Path(out)], {"articles": articles, "ties": ties})
