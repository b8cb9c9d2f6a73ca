"""A small invented-company corpus for the web tests, with hostile text in it.

Zorvex and Plimco cooperate through 2024, then fall out in 2025; one article
carries a script tag right after a tie, another an HTML title and a
``javascript:`` URL. Organizations are the test-local gazetteer's (tests/conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_TITLE = "<img src=x onerror=window.__pwned=2>Plimco memo"

ARTICLES = [
    ("z1", "2024-01-10", "Daily Lantern", "Zorvex signed a supply agreement with Plimco."),
    ("z2", "2024-02-14", "Wire One", "Zorvex Capital invested $20 million in Plimco."),
    ("z3", "2024-03-05", "Harbor Post", "Zorvex and Plimco formed a partnership to build chips."),
    ("z4", "2024-04-20", "Daily Lantern", "Zorvex signed a new supply agreement with Plimco."),
    ("z5", "2024-05-18", "Wire One", "Zorvex praised Plimco for its work on the chips."),
    (
        "z6",
        "2025-01-12",
        "Harbor Post",
        f"Zorvex sued Plimco over unpaid invoices. {SCRIPT} The case was filed in Delaware.",
    ),
    ("z7", "2025-02-09", "Daily Lantern", "Plimco criticized Zorvex over late payments."),
    ("z8", "2025-03-15", "Wire One", "Zorvex terminated its supply agreement with Plimco."),
    ("z9", "2025-04-22", "Harbor Post", "Plimco sued Zorvex over the cancelled contract."),
    ("b1", "2024-06-01", "Wire One", "Brinemoor and Plimco are rivals in Europe."),
    ("t1", "2024-09-03", "Daily Lantern", "The Trade Authority fined Zorvex for misleading ads."),
]


def write_corpus(path: Path) -> Path:
    """Write the corpus as JSONL (TIES.md record fields) and return its path."""
    lines = []
    for aid, date, outlet, text in ARTICLES:
        record = {"id": aid, "date": date, "outlet": outlet, "text": text}
        record.update(title=f"{outlet} story {aid}", url=f"https://example.com/{aid}")
        if aid == "z7":
            record.update(title=HOSTILE_TITLE, url="javascript:window.__pwned=3")
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def text_of(article_id: str) -> str:
    """The text of one corpus article."""
    return next(t for a, _, _, t in ARTICLES if a == article_id)
