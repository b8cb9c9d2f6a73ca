"""Public versus reported: what the two parties say against what others report about them.

A tie is the parties' *public* voice when it is attributed to one of the two
organizations (a party, or its officer as ``actor`` with ``attributed_to`` the
party). It is *reported* when someone else makes the claim (an outlet,
``"anonymous"``, a third organization) or when nobody is named but the claim
is hedged ("reportedly"). The article's own unhedged voice is neither.

Only stance ties count (``stance = true`` in ontology/ties.toml: supporting,
partnering, talking, settling against criticizing, disputing, complaining, suing,
ending): "people familiar said it has discussed suing its largest shareholder"
reports a lawsuit weighed, not goodwill from the shareholding. Each side's
figure is the hedge-weighted mean score of its ties; the divergence is public
minus reported, defined when both sides speak. It is
worth a sentence ("publicly supportive, reportedly in dispute") when the two
sides are at least ``LEVEL`` score points from zero on opposite sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tieline import data

LEVEL = 1.0  # score points from 0 that make a side clearly cooperative or hostile
PUBLIC, REPORTED, STATED = "public", "reported", "stated"


def voice(tie: Mapping[str, Any]) -> str:
    """Whose claim a tie is: ``public`` (a party), ``reported`` (others) or ``stated``."""
    by = tie.get("attributed_to")
    if by is not None and by in (tie["source"], tie["target"]):
        return PUBLIC
    if by is not None or tie.get("hedged"):
        return REPORTED
    return STATED


@dataclass(slots=True, frozen=True)
class Divergence:
    """The parties' public figure, others' reported figure, and their difference."""

    public: float | None
    reported: float | None

    @property
    def gap(self) -> float | None:
        """Public minus reported, when both sides speak."""
        if self.public is None or self.reported is None:
            return None
        return round(self.public - self.reported, 2)

    def text(self) -> str | None:
        """A phrase like "publicly supportive, reportedly in dispute", or None."""
        p, r = self.public, self.reported
        if p is None or r is None:
            return None
        if p >= LEVEL and r <= -LEVEL:
            return "publicly supportive, reportedly in dispute"
        if p <= -LEVEL and r >= LEVEL:
            return "publicly at odds, reportedly cooperating"
        return None


def _mean(ties: list[Mapping[str, Any]], hedge_factor: float) -> float | None:
    weights = [hedge_factor if t.get("hedged") else 1.0 for t in ties]
    if not ties:
        return None
    return round(sum(w * float(t["score"]) for w, t in zip(weights, ties, strict=True))
                 / sum(weights), 2)  # fmt: skip


@cache
def stance_types() -> frozenset[str]:
    """Tie types that say how a relationship stands (ontology/ties.toml ``stance``)."""
    return frozenset(k for k, v in data.ontology().items() if v.get("stance"))


def divergence(ties: Iterable[Mapping[str, Any]], *, hedge_factor: float) -> Divergence:
    """Public and reported figures of the stance ties among some ties of one pair."""
    ties = [t for t in ties if t["type"] in stance_types()]
    public = [t for t in ties if voice(t) == PUBLIC]
    reported = [t for t in ties if voice(t) == REPORTED]
    return Divergence(_mean(public, hedge_factor), _mean(reported, hedge_factor))
