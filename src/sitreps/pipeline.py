"""The whole job: ingest → nlp → extraction → store → fuse → export.

:class:`Pipeline` loads the model and the curated knowledge once; worker
processes (``jobs``) are forked after loading so they share it.  The CLI and the
Python API both call :func:`run`.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import multiprocessing

from .errors import UsageError
from .extraction import analyze
from .extraction.analysis import Analysis
from .fuse import fuse, is_event
from .ingest import make_article, read_paths
from .knowledge import Knowledge, load_knowledge
from .nlp import load_nlp
from .nlp.encoder import ENCODER_NAME, encoder_wanted, require_encoder
from .nlp.encoder import INSTALL as ENCODER_INSTALL
from .records import Article, Claim, Count, Event, Mention, PlaceMention, Problem, SourceRef, TimeRef
from .settings import DEFAULT, Settings, encoder_threads, worker_count
from .store import Store


@dataclass(frozen=True)
class Extraction:
    """What one article gives, as returned by :func:`sitreps.extract`."""

    article: Article
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    places: tuple[PlaceMention, ...]
    times: tuple[TimeRef, ...]
    counts: tuple[Count, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class RunSummary:
    articles_read: int
    articles_new: int
    skipped: int
    mentions: int
    events: int
    problems: tuple[Problem, ...]
    outputs: dict[str, Path] = field(default_factory=dict)
    database: Path | None = None


class Pipeline:
    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.spacy_model)
        self.kb: Knowledge = load_knowledge(self.nlp, settings)
        self.notice: str | None = None  # what a caller should tell the user about this set-up
        if encoder_wanted(settings.type_encoder, settings.encoder_runtime):  # always, when "on"
            # fail now, in one line, not once per article; and load before workers fork
            head = self.kb.typing.head
            require_encoder(head.encoder if head is not None else ENCODER_NAME, settings.encoder_runtime,
                            encoder_threads(settings))
        elif settings.type_encoder == "auto":
            self.notice = ("auto, but the sentence encoder is not installed: sub-event types come from the "
                           f"word model alone ({ENCODER_INSTALL}; onnxruntime and onnx for the default runtime)")

    def _analyses(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        """Every article through spaCy in batches, then through the extraction stages."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size)
        for article, doc in zip(articles, docs):
            yield analyze(article, doc, self.kb, self.settings)

    def mentions(self, articles: Sequence[Article]) -> list[tuple[Article, tuple[Mention, ...]]]:
        return [(a.article, a.mentions) for a in self._analyses(articles)]

    def extract_many(self, articles: Sequence[Article]) -> list[Extraction]:
        """What each article gives on its own, its mentions fused into events."""
        results = []
        for analysis in self._analyses(articles):
            article = analysis.article
            source = SourceRef(article.id, article.source, article.published, article.url, article.title)
            events = fuse(analysis.mentions, {article.id: source}, self.settings)
            results.append(Extraction(article, analysis.mentions, tuple(events), analysis.places, analysis.times,
                                      analysis.counts, tuple(c for _, c in analysis.claims)))
        return results

    def extract(self, article: Article) -> Extraction:
        return self.extract_many([article])[0]


_WORKER: Pipeline | None = None


def _work(chunk: Sequence[Article]) -> list[tuple[Article, tuple[Mention, ...]]]:
    assert _WORKER is not None
    return _WORKER.mentions(chunk)


def _one_blas_thread() -> None:
    # Each worker already has a core; NumPy's BLAS (the sentence encoder's matrix products)
    # would start a thread per core in every worker, and N workers x N threads on N cores
    # ran four times slower than one process.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process(pipeline: Pipeline, articles: Iterable[Article], jobs: int,
            on_done: Callable[[int], None] = lambda n: None) -> Iterator[tuple[Article, tuple[Mention, ...]]]:
    """Mentions for each article, in order; ``jobs`` > 1 forks workers that share the loaded model."""
    size = pipeline.settings.batch_size
    if jobs <= 1:
        for chunk in _chunks(articles, size):
            results = pipeline.mentions(chunk)
            on_done(len(results))
            yield from results
        return
    global _WORKER
    _WORKER = pipeline
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_one_blas_thread) as pool:
        for results in pool.map(_work, _chunks(articles, size)):
            on_done(len(results))
            yield from results


def resolve_jobs(jobs: int) -> int:
    return worker_count(Settings(jobs=jobs))


Progress = Callable[[int, int], None]  # (articles done, articles total)


def _unseen(store: Store, articles: Sequence[Article]) -> list[Article]:
    """Articles not stored yet; the database is asked once, as asking per article is quadratic."""
    known = store.known(a.id for a in articles)
    return [a for a in articles if a.id not in known]


def run(paths: Sequence[str | Path], out: str | Path | None = "sitreps-out", *, db: str | Path | None = None,
        settings: Settings = DEFAULT, published: dt.date | None = None, fetch: bool = False,
        progress: Progress | None = None, on_problem: Callable[[Problem], None] | None = None,
        pipeline: Pipeline | None = None) -> RunSummary:
    """Read articles, extract, add to the database, fuse, and write every output."""
    out_dir = Path(out) if out is not None else None
    db_path = Path(db) if db else (out_dir or Path(".")) / "sitreps.duckdb"
    problems: list[Problem] = []
    articles: list[Article] = []
    for item in read_paths(paths, settings=settings, published=published, fetch=fetch):
        if isinstance(item, Problem):
            problems.append(item)
            if on_problem:
                on_problem(item)
        else:
            articles.append(item)
    with Store(db_path) as store:
        new = _unseen(store, articles)
        if new and pipeline is None:
            pipeline = Pipeline(settings)  # only when there is something to read: loading takes seconds
        if pipeline is not None and pipeline.notice and new:
            problems.append(Problem("type_encoder", pipeline.notice, fatal_for_article=False))
            if on_problem:
                on_problem(problems[-1])
        done = [0]

        def tick(n: int) -> None:
            done[0] += n
            if progress:
                progress(done[0], len(new))

        results = list(process(pipeline, new, resolve_jobs(settings.jobs), tick)) if pipeline and new else []
        store.add(results)
        mentions = store.mentions()
        events = fuse(mentions, store.sources(), settings)
        store.replace_events(events)
        outputs = {}
        if out_dir is not None:
            from .export import write_all

            outputs = write_all(out_dir, events, mentions, store.article_texts())
    skipped = sum(1 for p in problems if p.fatal_for_article)
    return RunSummary(len(articles), len(new), skipped, sum(len(m) for _, m in results),
                      len(events), tuple(problems), outputs, db_path)


def extract(text: str, published: dt.date | str, source: str = "", *, url: str = "", title: str = "",
            pipeline: Pipeline | None = None) -> Extraction:
    """Extract events from one article's text."""
    day = _as_date(published)
    article = make_article(text, day, source=source, url=url, title=title, origin="<text>")
    return (pipeline or _default_pipeline()).extract(article)


def _as_date(published: dt.date | str) -> dt.date:
    if not isinstance(published, str):
        return published
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        # a caller's mistake, reported like every other misuse rather than as a bare ValueError
        raise UsageError(f"published must be a date like 2016-10-21, not {published!r}") from None


_DEFAULT_PIPELINE: list[Pipeline] = []


def _default_pipeline() -> Pipeline:
    if not _DEFAULT_PIPELINE:
        _DEFAULT_PIPELINE.append(Pipeline())
    return _DEFAULT_PIPELINE[0]


__all__ = ["Pipeline", "run", "extract", "Extraction", "RunSummary", "is_event"]
