"""Lexicon files are parsed once: a TOML read inside a per-token function costs ~8 ms each
time (it once took 8% of extraction time), so every reader in the hot stages is cached."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tieline"
HOT = sorted([*SRC.glob("extract/*.py"), *SRC.glob("resolve/*.py")])


def _reads_toml(fn: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "read_toml"
        for node in ast.walk(fn)
    )


def _cached(fn: ast.FunctionDef) -> bool:
    names = {d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in fn.decorator_list}
    return bool(names & {"cache", "lru_cache"})


@pytest.mark.parametrize("module", HOT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_toml_lexicons_are_read_by_cached_functions(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    uncached = [
        fn.name
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and _reads_toml(fn) and not _cached(fn)
    ]
    assert not uncached, f"{module.name}: read_toml in uncached {uncached}"
