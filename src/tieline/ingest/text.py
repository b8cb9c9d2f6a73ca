"""Plain-text files (.txt, .text, .md): the whole file is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tieline.config import Limits
from tieline.ingest.files import read_one_article
from tieline.ingest.normalize import check_text, decode
from tieline.model import Article, Skipped


def read_text_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """The file's text as one article, or why it is skipped."""
    return read_one_article(path, limits, article_from_bytes)


def article_from_bytes(raw: bytes, origin: str, limits: Limits) -> Article | Skipped:
    """One plain-text article from raw bytes (also used for stdin)."""
    text = decode(raw, origin)
    if isinstance(text, Skipped):
        return text
    return check_text(text, origin, limits) or Article.from_text(text, origin=origin)
