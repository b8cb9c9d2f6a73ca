"""Extraction quality, scored by shared/eval/score.py against gold files.

    python benchmarks/quality.py [--shared ../shared] [--split tune|holdout|all] [--errors N]

Scores: the seed article; the bundled sample-corpus gold, split into the part
tuned on (``tune``), a development set of 24 further articles also tuned on
(``dev``, written after the rest, first scored before any tuning on it), a second
one of 28 (``dev2``, two more annotators, likewise), one of 24 in the sample
corpus's own style (``dev3``, likewise), one of 16 wire stories by a fifth annotator
(``dev4``, likewise), two of 16 each by a sixth and seventh (``dev5`` narrative news,
``dev6`` analysis, roundups, profiles and interviews; likewise), one of 16 news and
wire stories by a ninth (``dev8``, likewise), one of 16 in the sample corpus's style by an
eleventh (``dev10``, likewise), three of 16 by a twelfth, thirteenth and fourteenth
(``dev11``, ``dev12``, ``dev13``, likewise), three of 16 by a fifteenth to seventeenth
(``dev14`` supply and ended deals, ``dev15`` support and complaints, ``dev16`` three
storylines and every type; likewise), four of 16 by an eighteenth to twenty-first
(``dev17`` to ``dev20``: storylines under strain, supply deals, sample style; likewise),
three of 16 in the sample corpus's style by a twenty-second to twenty-fourth (``dev21``
to ``dev23``, four storylines each; likewise), three of 16 by a twenty-fifth to
twenty-seventh (``dev24`` supply and ended ties, ``dev25`` support and complaints,
``dev26`` eight styles unlike the sample's; likewise), three of 16 by a twenty-eighth to
thirtieth (``dev27`` supply and support, ``dev28`` criticism, complaints and regulators,
``dev29`` four formats per storyline; likewise), three of 16 by a thirty-first to
thirty-third (``dev30`` coreference-heavy storylines, ``dev31`` many-party articles,
``dev32`` reported speech and attribution; likewise), three of 16 by a thirty-fourth
to thirty-sixth (``dev33`` supply, ``dev34`` support, criticism and ended deals,
``dev35`` storylines that turn; likewise), five of 16 on the sample corpus's own
storylines, written from their summaries only (``dev36`` to ``dev40``; likewise),
four more of 16 on those storylines by a forty-second to forty-fifth (``dev41`` to
``dev44``, ``dev44`` in briefs, columns, interviews, round-ups, releases and digests;
likewise), ``dev45`` (16 by a forty-sixth, four storylines in shipping, seeds,
sports rights and hospital devices; likewise), ``dev47`` (16 by a forty-eighth, pairs
told from several sides; likewise) and the parts never looked at while
tuning (``holdout``, 18 articles since sample-032, -036 and -042 moved to tune; ``dev7``,
``dev9``, ``dev46`` and ``dev48``: 16 articles each by an eighth, a tenth, a
forty-seventh and a forty-ninth annotator, written to measure how a round of rules
transfers; ``dev46`` in briefs, columns, features and headline digests, ``dev48`` a
broad mix);
every dev set under shared/eval/*/ that has a gold.jsonl, and the style set
(gold/styles.jsonl: wire, opinion, features, headlines, press releases).
``--no-coref`` measures what the coreference rules are worth.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tieline import data
from tieline.config import load_settings
from tieline.model import Article
from tieline.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]


def predict(extractor: Extractor, gold: Path, out: Path) -> tuple[int, float]:
    """Write predictions for every gold article; returns (articles, seconds)."""
    rows = list(data.iter_jsonl(gold))
    arts = [
        Article(id=str(r["id"]), text=r["text"], date=r.get("date"), outlet=r.get("outlet"))
        for r in rows
    ]
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for res in extractor.run(arts):
            line = {"article_id": res.article.id, "ties": [t.to_dict() for t in res.ties]}
            fh.write(json.dumps(line) + "\n")
    return len(arts), time.perf_counter() - t0


def score(scorer: Path, gold: Path, pred: Path, errors: int) -> str:
    cmd = [sys.executable, str(scorer), str(gold), str(pred), "--show-errors", str(errors)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def gold_sets(shared: Path, split: str) -> list[tuple[str, Path]]:
    sets = [("seed", shared / "seed" / "openai-microsoft-strain.gold.jsonl")]
    parts = (
        ("tune", "tune"),
        ("dev", "tune"),
        ("dev2", "tune"),
        ("dev3", "tune"),
        ("dev4", "tune"),
        ("dev5", "tune"),
        ("dev6", "tune"),
        ("dev8", "tune"),
        ("dev10", "tune"),
        ("dev11", "tune"),
        ("dev12", "tune"),
        ("dev13", "tune"),
        ("dev14", "tune"),
        ("dev15", "tune"),
        ("dev16", "tune"),
        ("dev17", "tune"),
        ("dev18", "tune"),
        ("dev19", "tune"),
        ("dev20", "tune"),
        ("dev21", "tune"),
        ("dev22", "tune"),
        ("dev23", "tune"),
        ("dev24", "tune"),
        ("dev25", "tune"),
        ("dev26", "tune"),
        ("dev27", "tune"),
        ("dev28", "tune"),
        ("dev29", "tune"),
        ("dev30", "tune"),
        ("dev31", "tune"),
        ("dev32", "tune"),
        ("dev33", "tune"),
        ("dev34", "tune"),
        ("dev35", "tune"),
        ("dev36", "tune"),
        ("dev37", "tune"),
        ("dev38", "tune"),
        ("dev39", "tune"),
        ("dev40", "tune"),
        ("dev41", "tune"),
        ("dev42", "tune"),
        ("dev43", "tune"),
        ("dev44", "tune"),
        ("dev45", "tune"),
        ("dev47", "tune"),
        ("holdout", "holdout"),
        ("dev7", "holdout"),
        ("dev9", "holdout"),
        ("dev46", "holdout"),
        ("dev48", "holdout"),
    )
    for part, group in parts:
        if split in (group, "all"):
            sets.append((f"sample-{part}", data.path("sample", "gold", f"{part}.jsonl")))
    if split == "all":
        sets.append(("sample-styles", data.path("sample", "gold", "styles.jsonl")))
    sets += [(p.parent.name, p) for p in sorted((shared / "eval").glob("*/gold.jsonl"))]
    return [(n, p) for n, p in sets if p.exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    ap.add_argument("--errors", type=int, default=0, help="show N errors per set")
    ap.add_argument("--no-coref", action="store_true", help="ablation: no coreference rules")
    a = ap.parse_args()
    scorer = a.shared / "eval" / "score.py"
    extractor = Extractor(load_settings(coref=not a.no_coref))
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold in gold_sets(a.shared, a.split):
            pred = Path(tmp) / f"{name}.jsonl"
            n, secs = predict(extractor, gold, pred)
            print(f"== {name}: {gold} ({n} articles, {n / secs:.1f} articles/s)")
            print(score(scorer, gold, pred, a.errors))


if __name__ == "__main__":
    main()
