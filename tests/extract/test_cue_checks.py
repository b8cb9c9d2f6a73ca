"""Cue constraints on hand-built parses: the parser's attachment choices, pinned down."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tieline.extract.cues import cues_for


def _doc(rows: list[tuple[str, str, int, str, str]]) -> Doc:
    """(word, lemma, head index, dep, pos) rows."""
    words, lemmas, heads, deps, pos = (list(col) for col in zip(*rows, strict=True))
    # a blank English vocab, so lexical attributes (lower_) are filled in
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos)


def test_order_to_sell_reads_as_regulation_when_the_clause_hangs_on_the_object() -> None:
    # "The Authority ordered Zorvex to sell hotels" with "to sell" parsed as Zorvex's acl
    doc = _doc([
        ("The", "the", 1, "det", "DET"),
        ("Authority", "authority", 2, "nsubj", "PROPN"),
        ("ordered", "order", 2, "ROOT", "VERB"),
        ("Zorvex", "zorvex", 2, "dobj", "PROPN"),
        ("to", "to", 5, "aux", "PART"),
        ("sell", "sell", 3, "acl", "VERB"),
        ("hotels", "hotel", 5, "dobj", "NOUN"),
        (".", ".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert "REGULATE" in {c.type for c in cues_for(doc[2])}


def test_order_without_a_to_clause_is_not_regulation() -> None:
    # "The Authority ordered reports": no one is ordered to do anything
    doc = _doc([
        ("The", "the", 1, "det", "DET"),
        ("Authority", "authority", 2, "nsubj", "PROPN"),
        ("ordered", "order", 2, "ROOT", "VERB"),
        ("reports", "report", 2, "dobj", "NOUN"),
        (".", ".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert "REGULATE" not in {c.type for c in cues_for(doc[2])}
