"""Names the context finds run to their end: "Greenacre Co-op", not "Greenacre Co"."""

from __future__ import annotations

from tieline.model import Article
from tieline.pipeline import Extractor


def test_a_context_name_runs_over_its_hyphenated_tail(extractor: Extractor) -> None:
    text = (
        "Hollin Markets, Petrie's Food Halls and Greenacre Co-op agreed to drop their claims "
        "against Brannock Farms."
    )
    result = next(iter(extractor.run([Article(id="1", text=text)])))
    assert "Greenacre Co-op" in {m.org for m in result.mentions}
