"""Extraction throughput vs bare spaCy, measured side by side on the same texts.

    python benchmarks/throughput.py [--articles 1000] [--processes 2]

Prints articles/s and tokens/s for: bare spaCy ``nlp.pipe`` (same model, batch
16) and tieline extraction, each with 1 process and with N processes, the
ratios, and peak RSS. The four configurations run interleaved for
``--rounds`` rounds and each keeps its best time. Texts are the bundled sample corpus repeated with
varied ids until the count is reached. Figures, not assertions: this
machine is shared and noisy, so only the ratios measured in one run mean much.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable

import spacy

from tieline import data
from tieline.config import load_settings
from tieline.model import Article
from tieline.parse import model_name
from tieline.pipeline import Extractor, extract_articles


def corpus(n: int) -> list[Article]:
    """n articles cycled from the sample corpus, each with its own id."""
    base = list(data.iter_jsonl(data.sample_articles_path()))
    return [
        Article(id=f"bench-{i}", text=base[i % len(base)]["text"], date=base[i % len(base)]["date"])
        for i in range(n)
    ]


def timed(label: str, fn: Callable[[], int]) -> float:
    t0 = time.perf_counter()
    count = fn()
    secs = time.perf_counter() - t0
    print(f"  {label:34} {count:6d} items in {secs:7.2f} s")
    return secs


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved rounds; best is kept")
    a = ap.parse_args()
    articles = corpus(a.articles)
    texts = [x.text for x in articles]
    nlp = spacy.load(model_name())
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    print(
        f"{len(texts)} articles, {tokens} tokens, model {model_name()}, "
        f"{a.processes} processes for the parallel runs"
    )
    extractor = Extractor()
    settings = load_settings(n_process=a.processes)
    runs = {
        "bare spaCy, 1 process": lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16)),
        "tieline, 1 process": lambda: sum(1 for _ in extractor.run(articles)),
        f"bare spaCy, {a.processes} processes": lambda: sum(
            1 for _ in nlp.pipe(texts, batch_size=16, n_process=a.processes)
        ),
        # the workers fork from the extractor built once, as bare spaCy's fork from its
        # loaded nlp: start-up is not per-article cost
        f"tieline, {a.processes} processes": lambda: sum(
            1 for _ in extract_articles(articles, settings=settings, extractor=extractor)
        ),
    }
    # Interleave the configurations and keep each one's best round: on a shared
    # machine a neighbour's burst then slows one round, not one configuration.
    secs: dict[str, float] = {}
    for r in range(a.rounds):
        print(f" round {r + 1}/{a.rounds}")
        for label, fn in runs.items():
            secs[label] = min(secs.get(label, float("inf")), timed(label, fn))
    print()
    for label, s in secs.items():
        print(f"  {label:34} {len(texts) / s:8.1f} articles/s {tokens / s:9.0f} tokens/s")
    labels = list(secs)
    r1 = secs[labels[0]] / secs[labels[1]]
    rn = secs[labels[2]] / secs[labels[3]]
    own, kids = peak_rss_mb()
    print(f"\n  ratio tieline/bare spaCy: 1 process {r1:.2f}, {a.processes} processes {rn:.2f}")
    print(f"  peak RSS: main process {own:.0f} MB, largest worker {kids:.0f} MB")
    print(
        json.dumps(
            {
                "articles": len(texts),
                "tokens": tokens,
                "ratio_1": round(r1, 3),
                "ratio_n": round(rn, 3),
                "tieline_articles_per_s_n": round(len(texts) / secs[labels[3]], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
