"""The ONE place the stages are wired: ingest -> parse -> resolve -> extract (-> store).

``Extractor`` owns the spaCy pipeline and the gazetteer; load it once and
reuse it (it takes ~1-2 s to build). ``extract_articles`` fans out over
processes: each worker builds its own Extractor and returns only ties,
which is cheaper than shipping parsed Docs back.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from tieline.analyse.corroboration import update_groups
from tieline.config import Settings, load_settings
from tieline.extract import extract_ties
from tieline.extract.timeref import event_date
from tieline.ingest import read_inputs
from tieline.model import Article, Mention, Skipped, Tie
from tieline.parse import build_nlp
from tieline.resolve import Gazetteer, find_mentions
from tieline.resolve.gazetteer import name_words, org_words
from tieline.store import Store


@dataclass(slots=True)
class Result:
    """What extraction yields for one article."""

    article: Article
    ties: list[Tie] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


class Extractor:
    """spaCy pipeline + gazetteer + rules, built once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.gazetteer = Gazetteer.load(self.settings.gazetteer_paths)
        self.nlp: Language = build_nlp(
            model=self.settings.model,
            ruler_patterns=self.gazetteer.ruler_patterns(),
            mid_sentence_names=self.gazetteer.mid_sentence_names(),
            head_words=org_words(),
            tail_words=name_words(),
        )

    def _result(self, doc: Any, article: Article) -> Result:
        mentions = find_mentions(doc, self.gazetteer, coref=self.settings.coref)
        ties = extract_ties(doc, mentions, self.gazetteer, self.settings.limits)
        for tie in ties:
            tie.article_id = article.id
            tie.event_date = event_date(tie.evidence, article.date)  # "in 2019", "last March"
        spans = [
            Mention(
                m.orgs[0],
                doc[m.start].idx,
                doc[m.end - 1].idx + len(doc[m.end - 1]),
                doc[m.start : m.end].text,
                m.method,
            )
            for m in mentions
            if len(m.orgs) == 1
        ]
        return Result(article, ties, spans)

    def run(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Parse and extract a stream of articles in one process, in order.

        What an article says of a company's place is remembered for the later articles
        of its chunk (``CHUNK_BATCHES`` batches, the unit a worker process takes), so
        one and several processes give the same ties (resolve/places.py).
        """
        stream = ((a.text, a) for a in articles)
        span = self.settings.batch_size * CHUNK_BATCHES
        for n, (doc, article) in enumerate(
            self.nlp.pipe(stream, as_tuples=True, batch_size=self.settings.batch_size)
        ):
            if n % span == 0:
                self.gazetteer.forget_learned()
            yield self._result(doc, article)

    def extract(self, text: str, **meta: Any) -> list[Tie]:
        """Ties of one text; ``meta`` may give id, title, url, date, outlet."""
        article = Article.from_text(text, **meta)
        return next(self.run([article])).ties


_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _work(chunk: list[Article]) -> list[tuple[list[Tie], list[Mention]]]:
    # Only ties and mentions travel back: the parent still holds the articles.
    assert _WORKER is not None
    return [(r.ties, r.mentions) for r in _WORKER.run(chunk)]


CHUNK_BATCHES = 4  # batches per worker job, and per span of remembered places


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_articles(
    articles: Iterable[Article],
    *,
    settings: Settings | None = None,
    n_process: int | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Result]:
    """Extract ties from many articles, in input order, on one or more processes."""
    settings = settings or load_settings()
    procs = n_process if n_process is not None else settings.n_process
    if procs <= 1:
        yield from (extractor or Extractor(settings)).run(articles)
        return
    global _WORKER
    # Workers are forked from a process that already holds a built Extractor, so
    # they share its loaded model copy-on-write and start at once (building one
    # costs ~1.5 s per process). Elsewhere fall back to building it in each worker.
    if "fork" in mp.get_all_start_methods():
        _WORKER = extractor or Extractor(settings)
        ctx, init, initargs = mp.get_context("fork"), None, ()
    else:
        ctx, init, initargs = mp.get_context("spawn"), _init_worker, (settings,)
    with ctx.Pool(procs, initializer=init, initargs=initargs) as pool:
        chunks = _chunks(articles, settings.batch_size * CHUNK_BATCHES)
        pending = ((chunk, pool.apply_async(_work, (chunk,))) for chunk in chunks)
        window: list[tuple[list[Article], Any]] = []
        for item in pending:
            window.append(item)
            if len(window) < procs * 2:  # keep every worker busy, bound memory
                continue
            yield from _collect(*window.pop(0))
        for item in window:
            yield from _collect(*item)


def _collect(chunk: list[Article], job: Any) -> Iterator[Result]:
    for article, (ties, mentions) in zip(chunk, job.get(), strict=True):
        yield Result(article, ties, mentions)


_DEFAULT: Extractor | None = None


def extract(text: str, **meta: Any) -> list[Tie]:
    """Ties stated in one article text (the Python API's main entry point)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, **meta)


@dataclass(slots=True)
class IngestReport:
    """The closing summary of an ingest run."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    ties: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skipped inputs counted by reason code."""
        out: dict[str, int] = {}
        for s in self.skipped:
            out[s.reason] = out.get(s.reason, 0) + 1
        return out


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    batch: list[Article | Skipped] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    on_item: Callable[[Article | Skipped], None] | None = None,
    batch_articles: int = 200,
) -> IngestReport:
    """Read inputs, extract ties from new articles and store them, one transaction per batch.

    Articles already in the store (same id) are counted as duplicates and not
    parsed again, so re-running an ingest changes nothing.
    """
    settings = settings or load_settings()
    report = IngestReport()
    size = min(batch_articles, settings.limits.max_batch_articles)
    ex = extractor if settings.n_process <= 1 else None
    if ex is None and settings.n_process <= 1:
        ex = Extractor(settings)
    kinds = {
        n: e.kind
        for n, e in (
            ex.gazetteer.orgs.items()
            if ex
            else Gazetteer.load(settings.gazetteer_paths).orgs.items()
        )
    }
    for batch in _batches(read_inputs(paths, limits=settings.limits), size):
        articles: list[Article] = []
        for item in batch:
            if on_item:
                on_item(item)
            if isinstance(item, Skipped):
                report.skipped.append(item)
            else:
                report.read += 1
                articles.append(item)
        known = store.known_ids([a.id for a in articles])
        fresh: list[Article] = []
        for a in articles:
            if a.id in known:
                report.duplicate += 1
            else:
                known.add(a.id)
                fresh.append(a)
        results = list(extract_articles(fresh, settings=settings, extractor=ex))
        with store.session():  # one lock for the batch and its near-duplicate groups
            stats = store.add(results, kinds)
            update_groups(store, [r.article.id for r in results])  # copies count once
        report.new += stats.articles
        report.duplicate += stats.duplicates
        report.ties += stats.ties
    return report
