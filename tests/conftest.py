"""Shared fixtures: one Extractor per session over a test-local gazetteer of invented organizations.

Grammar tests use invented names (PETRARCH2's lesson): growing the real
gazetteer never moves them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tieline.config import load_settings
from tieline.pipeline import Extractor

INVENTED = [
    {
        "name": "Zorvex",
        "kind": "company",
        "aliases": ["Zorvex Inc."],
        "descriptors": ["the Zorvex giant"],
        "products": ["Zorvex Cloud"],
        "people": [{"name": "Ada Quill", "role": "CEO"}],
    },
    {"name": "Zorvex Capital", "kind": "fund", "aliases": []},
    {"name": "Plimco", "kind": "startup", "aliases": ["Plimco Labs"], "products": ["PlimChat"]},
    {"name": "Trade Authority", "kind": "regulator", "aliases": ["The Trade Authority"]},
    {"name": "Daily Lantern", "kind": "outlet", "aliases": ["The Daily Lantern"]},
    {"name": "Brinemoor", "kind": "company", "aliases": []},
]


@pytest.fixture(scope="session")
def invented_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "invented.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in INVENTED) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def extractor(invented_gazetteer: Path) -> Extractor:
    return Extractor(load_settings(gazetteer_paths=(invented_gazetteer,)))
