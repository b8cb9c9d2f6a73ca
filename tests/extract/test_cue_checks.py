"""Cue constraints on hand-built parses: the parser's attachment choices, pinned down."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tieline.extract.cues import cues_for

Row = tuple[str, str, int, str, str]  # word, lemma, head index, dep, pos

# "The Authority ordered ...": the verb is token 2; the object and what follows vary
_AUTHORITY_ORDERED: list[Row] = [
    ("The", "the", 1, "det", "DET"),
    ("Authority", "authority", 2, "nsubj", "PROPN"),
    ("ordered", "order", 2, "ROOT", "VERB"),
]


def _types_of_ordered(rest: list[Row]) -> set[str]:
    """Cue types "ordered" triggers in "The Authority ordered" + rest."""
    words, lemmas, heads, deps, pos = (
        list(col) for col in zip(*_AUTHORITY_ORDERED, *rest, strict=True)
    )
    # a blank English vocab, so lexical attributes (lower_) are filled in
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos)
    return {c.type for c in cues_for(doc[2])}


def test_order_to_sell_reads_as_regulation_when_the_clause_hangs_on_the_object() -> None:
    # "... Zorvex to sell hotels." with "to sell" parsed as Zorvex's acl
    types = _types_of_ordered([
        ("Zorvex", "zorvex", 2, "dobj", "PROPN"),
        ("to", "to", 5, "aux", "PART"),
        ("sell", "sell", 3, "acl", "VERB"),
        ("hotels", "hotel", 5, "dobj", "NOUN"),
        (".", ".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert "REGULATE" in types


def test_order_without_a_to_clause_is_not_regulation() -> None:
    # "... reports.": no one is ordered to do anything
    types = _types_of_ordered([
        ("reports", "report", 2, "dobj", "NOUN"),
        (".", ".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert "REGULATE" not in types
