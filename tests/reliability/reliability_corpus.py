"""A generated corpus of short news articles about invented organizations (seeded).

The organizations are written to a test-local gazetteer, so the ties found depend
only on the grammar rules, never on the real gazetteer.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ORGS = [
    {"name": "Zorvex", "kind": "company", "aliases": ["Zorvex Inc."]},
    {"name": "Plimco", "kind": "startup", "aliases": ["Plimco Labs"]},
    {"name": "Brinemoor", "kind": "company", "aliases": []},
    {"name": "Quillfeather", "kind": "company", "aliases": ["Quillfeather Corp."]},
    {"name": "Marrowgate", "kind": "company", "aliases": []},
    {"name": "Tessaly", "kind": "startup", "aliases": []},
    {"name": "Vontrell", "kind": "company", "aliases": ["Vontrell Group"]},
    {"name": "Ockhamite", "kind": "company", "aliases": []},
    {"name": "Halvern Capital", "kind": "fund", "aliases": []},
    {"name": "Trade Authority", "kind": "regulator", "aliases": ["The Trade Authority"]},
]
_FIRMS = [o["name"] for o in ORGS if o["kind"] in ("company", "startup")]

# One tie each (in the cue lexicon's own example shapes), with varied modality.
_TIES = [
    "{a} acquired {b} for ${n} billion.",
    "{a} agreed to buy {b}.",
    "{a} competes with {b} in cloud software.",
    "{a} filed an antitrust complaint against {b}.",
    "{a} criticized {b} for the delays.",
    "{a} ended its partnership with {b}.",
    "Halvern Capital invested ${n} million in {b}.",
    "{a} is negotiating with {b} over prices.",
    "{a} partnered with {b} on batteries.",
    "The Trade Authority is investigating {b}.",
    "{a} settled with {b} last week.",
    "{a} sued {b} for breach of contract.",
    "{a} supplies chips to {b}.",
    "{a} praised {b} for its work.",
    "{a} plans to acquire {b}.",
    "{a} denied that it would sue {b}.",
    "{a} reportedly considered buying {b}.",
]
_FILLER = [
    "Shares of {a} rose {n} percent in early trading.",
    "The company did not comment on the figures.",
    "Analysts expect more news before the end of the quarter.",
    "{a} employs about {n} thousand people.",
    "The market was quiet on {day}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_OUTLETS = ["Meridian Wire", "Harbor Ledger", "Capital Desk"]


def _sentence(rng: random.Random, templates: list[str]) -> str:
    a, b = rng.sample(_FIRMS, 2)
    return rng.choice(templates).format(a=a, b=b, n=rng.randint(2, 90), day=rng.choice(_DAYS))


def article(rng: random.Random, number: int) -> dict[str, object]:
    """One short article record (2-4 tie sentences, 1-2 filler sentences)."""
    parts = [_sentence(rng, _TIES) for _ in range(rng.randint(2, 4))]
    parts += [_sentence(rng, _FILLER) for _ in range(rng.randint(1, 2))]
    rng.shuffle(parts)
    return {
        "id": f"rel-{number:04d}",
        "title": f"Business briefs {number}",
        "date": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "outlet": rng.choice(_OUTLETS),
        "url": f"https://example.com/briefs/{number}",
        "text": " ".join(parts),
    }


def write_corpus(folder: Path, *, count: int = 150, seed: int = 7) -> tuple[Path, Path]:
    """(corpus.jsonl, gazetteer.jsonl) in ``folder``; the same seed gives the same files."""
    rng = random.Random(seed)
    corpus = folder / "corpus.jsonl"
    lines = (json.dumps(article(rng, i)) for i in range(count))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gazetteer = folder / "gazetteer.jsonl"
    gazetteer.write_text("\n".join(json.dumps(o) for o in ORGS) + "\n", encoding="utf-8")
    return corpus, gazetteer
