"""Steered norms (lexicons/norms.toml): misread words parsed as the word they stand for."""

from __future__ import annotations

import pytest

from tieline import data
from tieline.pipeline import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Zorvex backs the AI startup Plimco.",
        "Zorvex sued the fintech startup Plimco on Monday.",
        "Zorvex, which also backs the German battery startup Plimco, said it would help.",
    ],
)
def test_startup_is_a_noun_over_the_name(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    startup = next(t for t in doc if t.lower_ == "startup")
    assert startup.pos_ == "NOUN"
    assert startup.text == "startup" and startup.lemma_ == "startup"  # the text is untouched


def test_every_steered_word_has_a_norm_the_vocab_holds(extractor: Extractor) -> None:
    norms = data.read_toml("lexicons", "norms.toml")["norm"]
    assert norms
    for word, norm in norms.items():
        assert extractor.nlp.vocab[word].norm_ == norm
