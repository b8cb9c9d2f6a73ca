"""Every cue in the lexicon fires on its own example sentence, with its type and direction."""

from __future__ import annotations

import pytest

from tieline import data
from tieline.extract.cues import Cue, load_cues
from tieline.pipeline import Extractor

CUES = [c for cues in load_cues().values() for c in cues]
SYMMETRIC = {t for t, v in data.ontology().items() if v["symmetric"]}


def _expected(cue: Cue) -> tuple[str, str]:
    """Invented parties of a cue example: the actor is Zorvex (or the Trade Authority)."""
    actor = (
        "Trade Authority"
        if cue.type == "REGULATE"
        else ("Zorvex Capital" if "Zorvex Capital" in cue.example else "Zorvex")
    )
    return actor, "Plimco"


@pytest.mark.parametrize("cue", CUES, ids=lambda c: f"{c.type}-{c.lemma}-{c.pos}")
def test_cue_fires_on_its_example(cue: Cue, extractor: Extractor) -> None:
    ties = extractor.extract(cue.example)
    src, tgt = _expected(cue)
    got = {(t.source, t.target, t.type) for t in ties}
    if cue.type in SYMMETRIC:
        want = (min(src, tgt), max(src, tgt), cue.type)
    else:
        want = (src, tgt, cue.type)
    assert want in got, f"{cue.example!r} gave {sorted(got)}"


def test_every_type_has_cues() -> None:
    assert {c.type for c in CUES} == set(data.ontology())


def test_unknown_constraints_are_refused() -> None:
    with pytest.raises(ValueError, match="requires_colour"):
        Cue.from_record({"type": "SUE", "lemma": "sue", "pos": "VERB", "requires_colour": "red"})


def test_no_cue_is_listed_twice() -> None:
    """A repeated cue line fires twice and gives every tie it finds a twin."""
    seen: dict[str, str] = {}
    for rec in data.read_jsonl_dir("lexicons", "cues"):
        key = repr(sorted((k, repr(v)) for k, v in rec.items() if k != "example"))
        assert key not in seen, f"{rec['example']!r} repeats {seen[key]!r}"
        seen[key] = rec["example"]
