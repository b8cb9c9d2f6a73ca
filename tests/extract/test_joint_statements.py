"""Joint statements: "A and B said", "the two companies said" speak for both parties."""

from __future__ import annotations

from tieline.pipeline import Extractor


def _said(extractor: Extractor, text: str) -> dict[tuple[str, str, str], str | None]:
    return {(t.source, t.type, t.target): t.attributed_to for t in extractor.extract(text)}


def test_each_party_of_a_joint_statement_speaks_for_its_own_ties(extractor: Extractor) -> None:
    said = _said(
        extractor,
        "Zorvex and Plimco are renegotiating their contract. In a joint statement, the two "
        "companies said they remained committed to their long-running relationship.",
    )
    assert said[("Zorvex", "SUPPORT", "Plimco")] == "Zorvex"
    assert said[("Plimco", "SUPPORT", "Zorvex")] == "Plimco"


def test_named_joint_speakers_each_speak_for_their_own_deed(extractor: Extractor) -> None:
    said = _said(extractor, "Zorvex and Plimco said they had sued Brinemoor.")
    assert said == {
        ("Zorvex", "SUE", "Brinemoor"): "Zorvex",
        ("Plimco", "SUE", "Brinemoor"): "Plimco",
    }


def test_a_joint_statement_judges_neither_party(extractor: Extractor) -> None:
    said = _said(
        extractor,
        "Zorvex has called off its merger with Plimco after the two sides failed to agree on "
        "how to value Plimco's loss-making radio business, the companies said.",
    )
    assert {k[1] for k in said} == {"END"}
