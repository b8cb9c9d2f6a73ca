"""The nouns of tieline: Article, Mention, Tie, TieType, Modality, Skipped.

Everything downstream (store, analyses, exports, the scorer) speaks in these
types; their JSON shape is the contract in ``shared/spec/TIES.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Modality(StrEnum):
    """How firmly a tie is claimed (TIES.md, Modality)."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    CONSIDERED = "considered"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Unicode-NFC, whitespace-collapsed text: what the article id hashes."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id_for(text: str) -> str:
    """Stable id of an article with no given id: sha256 of its normalized text."""
    return "sha256:" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One news article as ingested; ``text`` is what offsets refer to."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # "path" or "path:line" it was read from

    @classmethod
    def from_text(cls, text: str, **fields: Any) -> Article:
        """Build an article, deriving the id from the text when none is given."""
        given = fields.pop("id", None)
        aid = str(given) if given not in (None, "") else article_id_for(text)
        return cls(id=aid, text=text, **fields)


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input that could not become an article, and why (one clear message)."""

    origin: str  # file path, with ":line" for line-based formats
    reason: str  # short code: empty, binary, encoding, json, too_large, ...
    message: str  # says what was wrong and what to do


@dataclass(slots=True)
class Mention:
    """A stretch of text that refers to an organization (directly or not)."""

    org: str  # canonical organization name
    start: int
    end: int
    text: str
    method: str  # gazetteer, ner, suffix, descriptor, pronoun, product, person


@dataclass(slots=True)
class Tie:
    """One claim in one article that ``source`` acts toward ``target``."""

    source: str
    target: str
    type: str
    modality: str = Modality.ASSERTED.value
    hedged: bool = False
    attributed_to: str | None = None
    actor: str | None = None
    score: float = 0.0
    evidence: str = ""
    start: int = 0
    end: int = 0
    # Fields beyond TIES.md (allowed: "the project may add fields").
    article_id: str | None = None
    event_date: str | None = None
    extractor: str = "rules.v1"

    def to_dict(self) -> dict[str, Any]:
        """The TIES.md JSON object for this tie (plus project fields)."""
        return asdict(self)

    def key(self, symmetric: bool) -> tuple[str, str, str]:
        """Identity of the claim inside one article: symmetric pairs sorted."""
        a, b = self.source, self.target
        if symmetric and b < a:
            a, b = b, a
        return (a, b, self.type)
