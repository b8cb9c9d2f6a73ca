"""The pipeline's name components: one-word names mid-sentence, names ending in a head word."""

from __future__ import annotations

from tieline.pipeline import Extractor


def _ents(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.ent_id_) for e in extractor.nlp(text).ents if e.label_ == "ORG"]


def test_common_word_names_count_only_mid_sentence(extractor: Extractor) -> None:
    ents = _ents(extractor, "Target cut prices. Analysts said Target would gain share.")
    assert ents.count(("Target", "Target")) == 1  # the second one, not "Target cut"


def test_a_longer_gazetteer_name_wins(extractor: Extractor) -> None:
    doc = extractor.nlp("Zoom runs on Oracle Cloud Infrastructure.")
    covering = [e for e in doc.ents if e.start <= 3 < e.end]  # the entity over "Oracle"
    assert [(e.text, e.ent_id_) for e in covering] == [("Oracle Cloud Infrastructure", "Oracle")]


def test_head_word_names(extractor: Extractor) -> None:
    ents = _ents(
        extractor,
        "Prairie Hollow Growers Cooperative and Orwell Life Sciences Fund backed Kalmar Mobil.",
    )
    names = {t for t, _ in ents}
    assert {"Prairie Hollow Growers Cooperative", "Orwell Life Sciences Fund"} <= names
    assert ("Kalmar Mobil", "") in ents  # not the gazetteer's "Mobil" (Exxon Mobil)


def test_capitalised_words_before_a_noun_describe_it(extractor: Extractor) -> None:
    # "the London AI lab" is a lab in London, not a company called "London AI"; a name
    # that ends a noun phrase still counts
    assert "London AI" not in {t for t, _ in _ents(extractor, "Plimco, the London AI lab, grew.")}
    assert "Norvane Robotics" in {t for t, _ in _ents(extractor, "We met Norvane Robotics.")}
