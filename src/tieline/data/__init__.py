"""The one place data files (ontology, lexicons, gazetteer, sample corpus) are loaded.

Data is not code: cue words, hedges, descriptors and organizations live in
TOML/JSONL files beside this module, so a new cue is one line with its example.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent


def path(*parts: str) -> Path:
    """Absolute path of a bundled data file."""
    return DATA_DIR.joinpath(*parts)


def read_toml(*parts: str) -> dict[str, Any]:
    """Parse a bundled TOML file."""
    with path(*parts).open("rb") as fh:
        return tomllib.load(fh)


def iter_jsonl(file: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSONL file, skipping blank and ``//`` comment lines."""
    with file.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{file}:{n}: not JSON: {exc}") from exc


def read_jsonl_dir(*parts: str) -> list[dict[str, Any]]:
    """All objects of every ``*.jsonl`` file in a bundled folder, in name order."""
    folder = path(*parts)
    return [obj for file in sorted(folder.glob("*.jsonl")) for obj in iter_jsonl(file)]


@cache
def read_words(*parts: str) -> frozenset[str]:
    """A word list file: one entry per line, ``#`` comments, case-folded."""
    text = path(*parts).read_text(encoding="utf-8")
    return frozenset(
        w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


@cache
def ontology() -> dict[str, dict[str, Any]]:
    """Tie types: name -> {weight, symmetric, label}."""
    return dict(read_toml("ontology", "ties.toml")["types"])


@cache
def modality_factors() -> dict[str, float]:
    """Modality -> score factor."""
    return dict(read_toml("ontology", "modality.toml")["factor"])


@cache
def modality_order() -> tuple[str, ...]:
    """Modalities from strongest to weakest claim."""
    return tuple(read_toml("ontology", "modality.toml")["order"])


def sample_articles_path() -> Path:
    """The bundled sample corpus (JSONL)."""
    return path("sample", "articles.jsonl")
