"""One record (a JSON object or CSV row) -> Article: the field contract of JSONL, JSON and CSV."""

from __future__ import annotations

import re
from typing import Any

from tieline.config import Limits
from tieline.ingest.normalize import check_text, parse_date
from tieline.model import Article, Skipped

FIELDS = ("id", "text", "title", "url", "date", "outlet")  # everything else goes to meta
_OPTIONAL = ("id", "title", "url", "date", "outlet")
# A JSON escape like "\ud800" decodes to half a UTF-16 pair: not text, and it would
# crash spaCy's tokenizer and the store's UTF-8 encoding far from the bad line.
_SURROGATE = re.compile("[\ud800-\udfff]")


def article_from_record(
    record: object, origin: str, limits: Limits, *, blank_is_missing: bool = False
) -> Article | Skipped:
    """Article from a record's fields, or why the record cannot be one.

    ``blank_is_missing`` treats "" as absent in the optional fields, for CSV where a
    missing cell reads as "" (an empty "text" stays an empty article).
    """
    if not isinstance(record, dict):
        return Skipped(
            origin,
            "json",
            f'{origin}: expected an object with a "text" field, got {_json_type(record)}; '
            "give one article object per record",
        )
    bad = _surrogate_field(record)
    if bad is not None:
        return Skipped(
            origin,
            "encoding",
            f'{origin}: field "{bad}" has an unpaired surrogate escape (such as "\\ud800"), '
            "which is not valid Unicode; fix the escape or remove the record",
        )
    if blank_is_missing:
        record = {k: v for k, v in record.items() if not (k in _OPTIONAL and v == "")}
    text = record.get("text")
    if not isinstance(text, str):
        what = 'has no "text" field' if text is None else f'has a {_json_type(text)} "text"'
        return Skipped(
            origin, "no_text", f'{origin}: record {what}; put the article text in "text"'
        )
    problem = check_text(text, origin, limits)
    if problem is not None:
        return problem
    meta = {k: v for k, v in record.items() if k not in FIELDS}
    return Article.from_text(
        text,
        id=_given_id(record.get("id"), meta),
        title=_text_field(record, "title", meta),
        url=_text_field(record, "url", meta),
        date=_date_field(record.get("date"), meta),
        outlet=_text_field(record, "outlet", meta),
        meta=meta,
        origin=origin,
    )


def _surrogate_field(record: dict[str, Any]) -> str | None:
    """The top-level field holding a lone surrogate anywhere inside it (keys too), or None."""
    for key, value in record.items():
        stack: list[object] = [key, value]
        while stack:  # iterative: the nesting is as deep as json allowed
            item = stack.pop()
            if isinstance(item, str):
                if _SURROGATE.search(item):
                    return str(key).encode("utf-8", "backslashreplace").decode("ascii")
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _given_id(value: object, meta: dict[str, Any]) -> str | None:
    """The record's own id as a string; an object or array id is kept as meta["id_raw"]."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    if value is not None:
        meta["id_raw"] = value
    return None


def _text_field(record: dict[str, Any], name: str, meta: dict[str, Any]) -> str | None:
    """A string field exactly as given; numbers become strings, other types go to meta."""
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    meta[f"{name}_raw"] = value
    return None


def _date_field(value: object, meta: dict[str, Any]) -> str | None:
    """The date as YYYY-MM-DD; an unreadable date is kept as meta["date_raw"]."""
    if value is None or value == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        meta["date_raw"] = value
    return parsed


def _json_type(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
