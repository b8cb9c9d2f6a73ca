"""Ties do not depend on Python's string hash seed (set order), run to run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEXT = (
    "Zorvex buys chips from Plimco. Zorvex also buys chips from Brinemoor. Analysts said an "
    "in-house chip would put Zorvex in direct competition with its own supplier."
)
SCRIPT = """
import sys
from pathlib import Path
from tieline.config import load_settings
from tieline.pipeline import Extractor
ex = Extractor(load_settings(gazetteer_paths=(Path(sys.argv[1]),)))
print(sorted((t.source, t.type, t.target, t.modality) for t in ex.extract(sys.argv[2])))
"""


def _ties_with_seed(seed: int, gazetteer: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(gazetteer), TEXT],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def test_a_tied_relational_referent_is_the_first_linked(invented_gazetteer: Path) -> None:
    # "its own supplier" with two suppliers named once each: the first, whatever the seed
    outputs = {_ties_with_seed(seed, invented_gazetteer) for seed in (1, 2, 3, 6)}
    assert len(outputs) == 1
    assert "('Plimco', 'COMPETE', 'Zorvex'" in outputs.pop()
