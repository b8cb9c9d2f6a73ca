"""HTML pages (.html, .htm): main text, title, date and outlet via trafilatura."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tieline.config import Limits
from tieline.ingest.files import read_one_article
from tieline.ingest.normalize import check_text, decode, parse_date
from tieline.model import Article, Skipped

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_FIELDS = ("author", "description")  # page metadata worth keeping beside the text


def read_html_file(path: Path, limits: Limits) -> Iterator[Article | Skipped]:
    """The page's main text as one article, or why it is skipped."""
    return read_one_article(path, limits, article_from_html)


def article_from_html(raw: bytes, origin: str, limits: Limits) -> Article | Skipped:
    """One article from the bytes of an HTML page."""
    html = decode_html(raw, origin)
    if isinstance(html, Skipped):
        return html
    if not html.strip():
        return Skipped(origin, "empty", f"{origin}: the page is empty; remove it or fetch it again")
    doc = _extract(html)
    text = doc.get("text") or ""
    if not text.strip():
        return Skipped(
            origin,
            "no_text",
            f"{origin}: no main text found in the page (navigation or scripts only?); "
            "give the article page itself or its text as .txt",
        )
    problem = check_text(text, origin, limits)
    if problem is not None:
        return problem
    meta: dict[str, Any] = {k: doc[k] for k in _META_FIELDS if doc.get(k)}
    date = parse_date(doc.get("date"))
    if date is None and doc.get("date"):
        meta["date_raw"] = doc["date"]
    return Article.from_text(
        text,
        title=doc.get("title") or None,
        url=doc.get("url") or None,
        date=date,
        outlet=doc.get("sitename") or _hostname(doc.get("url")),
        meta=meta,
        origin=origin,
    )


def decode_html(raw: bytes, origin: str) -> str | Skipped:
    """UTF-8 text of a page, falling back to the charset the page declares."""
    text = decode(raw, origin)
    if not isinstance(text, Skipped) or text.reason != "encoding":
        return text
    declared = _CHARSET.search(raw[:4096])
    if declared is None:
        return text
    try:
        return raw.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
    except (LookupError, ValueError):  # unknown codec, or the page lies about it
        return text


def _extract(html: str) -> dict[str, Any]:
    """trafilatura's main text and metadata as a dict ({} when it finds nothing)."""
    # Imported here: trafilatura costs ~0.4 s to import and only HTML inputs need it.
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        found = doc if doc is None or isinstance(doc, dict) else doc.as_dict()
    except Exception:  # any parser failure on a bad page means "no text"
        return {}
    return found if isinstance(found, dict) else {}


def _hostname(url: object) -> str | None:
    """The host of ``url`` without "www.", or None."""
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
