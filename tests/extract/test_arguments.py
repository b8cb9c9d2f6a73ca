"""Argument readings on hand-built parses: misparses the small model makes, pinned down."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tieline.extract.cues import cues_for
from tieline.extract.patients import patients
from tieline.resolve.mentions import OrgMention

Row = tuple[str, str, int, str, str, str]  # word, lemma, head index, dep, pos, tag


def _doc(rows: list[Row]) -> Doc:
    words, lemmas, heads, deps, pos, tags = (list(col) for col in zip(*rows, strict=True))
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos, tags=tags)


def _acquisition_of(rows: list[Row]) -> list[str]:
    """Who "acquisition" (token 3) is of, in "Zorvex completed its acquisition of" + rows."""
    doc = _doc([
        ("Zorvex", "Zorvex", 1, "nsubj", "PROPN", "NNP"),
        ("completed", "complete", 1, "ROOT", "VERB", "VBD"),
        ("its", "its", 3, "poss", "PRON", "PRP$"),
        ("acquisition", "acquisition", 1, "dobj", "NOUN", "NN"),
        ("of", "of", 3, "prep", "ADP", "IN"),
        *rows,
    ])  # fmt: skip
    names = {
        t.i: OrgMention((t.text,), t.i, t.i + 1, t.i, "gazetteer")
        for t in doc
        if t.text in ("Zorvex", "Plimco")
    }
    cue = next(c for c in cues_for(doc[3]) if c.type == "ACQUIRE")
    return [o for m in patients(doc[3], cue, names) for o in m.orgs]


def test_a_name_after_a_description_the_parser_hung_on_a_gerund_is_the_object() -> None:
    # "... of coding startup Plimco." parsed as "coding [startup Plimco]"
    found = _acquisition_of([
        ("coding", "code", 4, "pcomp", "VERB", "VBG"),
        ("startup", "startup", 7, "compound", "PROPN", "NNP"),
        ("Plimco", "Plimco", 5, "dobj", "PROPN", "NNP"),
        (".", ".", 1, "punct", "PUNCT", "."),
    ])  # fmt: skip
    assert found == ["Plimco"]


def test_a_real_gerund_object_is_no_object_of_the_noun() -> None:
    # "... of buying Plimco.": no description between the gerund and the name
    found = _acquisition_of([
        ("buying", "buy", 4, "pcomp", "VERB", "VBG"),
        ("Plimco", "Plimco", 5, "dobj", "PROPN", "NNP"),
        (".", ".", 1, "punct", "PUNCT", "."),
    ])  # fmt: skip
    assert found == []
