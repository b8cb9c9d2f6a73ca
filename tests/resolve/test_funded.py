"""Who an article shows being funded: the pool "the startup" is looked for in first."""

from __future__ import annotations

import pytest

from tieline.pipeline import Extractor
from tieline.resolve.funded import funded_orgs
from tieline.resolve.mentions import find_named


def _funded(extractor: Extractor, text: str) -> set[str]:
    doc = extractor.nlp(text)
    return set(funded_orgs(doc, find_named(doc, extractor.gazetteer), extractor.gazetteer))


@pytest.mark.parametrize(
    ("text", "funded"),
    [
        (
            "Halvane Cloud has invested $180 million in Quorix Semiconductor.",
            {"Quorix Semiconductor"},
        ),
        ("Halvane Cloud led a funding round in Quorix Semiconductor.", {"Quorix Semiconductor"}),
        ("Halvane Cloud has backed Quorix Semiconductor since 2021.", {"Quorix Semiconductor"}),
        ("Quorix Semiconductor's investors include Halvane Cloud.", {"Quorix Semiconductor"}),
        ("Halvane Cloud holds a stake in Quorix Semiconductor.", {"Quorix Semiconductor"}),
        ("Halvane Cloud sued Quorix Semiconductor in May.", set()),
    ],
)
def test_the_funded_party_is_found(extractor: Extractor, text: str, funded: set[str]) -> None:
    assert _funded(extractor, text) == funded


def test_a_gazetteer_company_is_never_taken_for_a_startup(extractor: Extractor) -> None:
    # Zorvex is a company in the test gazetteer, Plimco a startup
    assert _funded(extractor, "Brinemoor invested in Zorvex and in Plimco.") == {"Plimco"}
