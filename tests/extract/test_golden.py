"""Golden grammar cases (invented organizations): each case's ties, types, directions, modality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tieline import data
from tieline.pipeline import Extractor

GOLDEN = Path(__file__).parent.parent / "golden" / "extract"
SYMMETRIC = {t for t, v in data.ontology().items() if v["symmetric"]}
TODO = "forms_todo"  # cases the rules do not get yet: xfail, kept visible


def _cases(pattern: str) -> list[tuple[str, dict]]:
    out = []
    for file in sorted(GOLDEN.glob(pattern)):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{file.stem}:{n}", json.loads(line)))
    return out


def _key(src: str, typ: str, tgt: str) -> tuple[str, str, str]:
    if typ in SYMMETRIC:
        src, tgt = sorted((src, tgt))
    return (src, typ, tgt)


@pytest.mark.parametrize(
    ("where", "case"),
    [c for c in _cases("*.jsonl") if "ties" in c[1]],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_grammar_case(where: str, case: dict, extractor: Extractor) -> None:
    if where.startswith(TODO):
        pytest.xfail("known gap of the rules backend (forms_todo.jsonl)")
    ties = extractor.extract(case["text"])
    got = {(_key(t.source, t.type, t.target), t.modality) for t in ties}
    want = {(_key(s, typ, o), mod) for s, typ, o, mod in case["ties"]}
    assert {k for k, _ in got} == {k for k, _ in want}, (
        f"{where}: {case['text']!r} -> {sorted(got)}"
    )
    for key, mod in want:
        assert (key, mod) in got, f"{where}: modality of {key} should be {mod}, got {sorted(got)}"


@pytest.mark.parametrize(
    ("where", "case"), _cases("attribution.jsonl"), ids=lambda x: x if isinstance(x, str) else ""
)
def test_attribution_case(where: str, case: dict, extractor: Extractor) -> None:
    ties = extractor.extract(case["text"])
    assert ties, f"{where}: no tie in {case['text']!r}"
    for field, value in case["expect"].items():
        assert getattr(ties[0], field) == value, f"{where}: {field} of {ties[0]}"


def test_evidence_offsets_point_into_text(extractor: Extractor) -> None:
    text = "Intro line.\n\nZorvex sued Plimco.   Zorvex later settled with Plimco.\n"
    for tie in extractor.extract(text):
        assert text[tie.start : tie.end] == tie.evidence
