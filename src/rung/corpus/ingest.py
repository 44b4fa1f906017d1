"""Ingest a stream of articles into a store: the serial path, and the entry point for the parallel one.

The calling process reads the inputs and writes the store; only the analysis moves to Dask workers
when `workers` or `scheduler` is given (`rung.corpus.parallel`). Either way a bad input or an article
the pipeline cannot analyse is named in the report's `problems` and skipped, never the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rung.errors import InputError, ModelMissingError
from rung.ingest import iter_articles
from rung.model import Actor, Article, DocumentRecord

if TYPE_CHECKING:
    from rung.dedup.stored import StoreIndex
    from rung.pipeline import Analyzer
    from rung.settings import Settings
    from rung.store import Store


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did: articles stored, articles already in the store, and the inputs skipped
    (one line each, naming the file, or file:line, and the problem)."""

    added: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)  # ids of the articles this run stored
    copies: int = 0  # stored articles that are a version of a report already stored (rung.dedup)
    index: StoreIndex | None = None  # the near-duplicate index, opened on the first record written


@dataclass(slots=True, frozen=True)
class Analysed:
    """One article's record and the knowledge-base actors it refers to (what `Store.add_record` takes)."""

    record: DocumentRecord
    actors: tuple[Actor, ...]


@dataclass(slots=True, frozen=True)
class Failed:
    """An article the pipeline could not analyse; `problem` names its file and the reason."""

    problem: str


Outcome = Analysed | Failed


def where(article: Article) -> str:
    """How a problem names an article: its file (or file:line, or URL), else its id."""
    return article.source or article.url or article.id


def analyse_one(analyzer: Analyzer, article: Article) -> Outcome:
    """The record of one article, or why there is none. A missing model stops the run (every article
    would fail the same way); any other failure is this article's alone."""
    try:
        record = analyzer.analyze(article)
    except ModelMissingError:
        raise
    except InputError as error:  # e.g. a language rung does not read
        return Failed(str(error))
    except Exception as error:  # noqa: BLE001 - one article that breaks the pipeline must not sink the batch
        return Failed(f"{where(article)}: analysis failed ({type(error).__name__}: {error})")
    return Analysed(record, tuple(analyzer.actors_of(record)))


def read_inputs(paths: Iterable[Path], max_bytes: int, problems: list[str]) -> Iterator[Article]:
    """Every article in the files, one at a time; a file that cannot be used, or a bad JSON Lines line,
    is named in `problems` and skipped."""
    for path in paths:
        try:
            yield from iter_articles(path, max_bytes, problems)
        except InputError as error:
            problems.append(str(error))


def keep(store: Store, outcome: Outcome, report: IngestReport) -> None:
    """Write one outcome: a record in its own transaction (False: another writer stored it first)."""
    if isinstance(outcome, Failed):
        report.problems.append(outcome.problem)
        return
    if report.index is None:
        from rung.dedup.stored import open_index

        report.index = open_index(store)[0]
    link = report.index.check(outcome.record.article)  # a wire copy or update joins its first version's report
    if store.add_record(outcome.record, outcome.actors, report=link):
        report.index.add(link)
        report.added += 1
        report.copies += link.duplicate_of is not None
        report.stored.append(outcome.record.article.id)
    else:
        report.skipped += 1


def ingest(articles: Iterable[Article], store: Store, settings: Settings, *, report: IngestReport | None = None,
           workers: int | None = None, scheduler: str | None = None, batch_size: int | None = None,
           on_article: Callable[[], None] | None = None, analyzer: Analyzer | None = None) -> IngestReport:
    """Analyse and store articles; an article already stored (same text) is counted as skipped.

    Serial in this process unless `workers` (a local Dask cluster of that many worker processes; 0: one
    per core) or `scheduler` (the address of a running Dask scheduler) is given. `on_article` is called
    once per article handled (stored, already there, or failed), for a progress bar. `analyzer` reuses
    loaded models on the serial path (`rung watch` ingests many small batches).
    """
    report = report if report is not None else IngestReport()
    tick = on_article or (lambda: None)
    if workers is not None or scheduler is not None:
        from rung.corpus.parallel import ingest_parallel

        return ingest_parallel(articles, store, settings, report, workers=workers, scheduler=scheduler,
                               batch_size=batch_size, on_article=tick)
    window: list[Article] = []
    for article in articles:
        if store.has_article(article.id):
            report.skipped += 1
            tick()
            continue
        window.append(article)
        if len(window) >= ANALYZE_WINDOW:
            analyzer = _analyse_window(window, store, settings, report, tick, analyzer)
            window = []
    if window:
        _analyse_window(window, store, settings, report, tick, analyzer)
    return report


# articles whose parses go through the parser as one stream (Analyzer.analyze_many)
ANALYZE_WINDOW = 32


def _analyse_window(window: list[Article], store: Store, settings: Settings, report: IngestReport,
                    tick: Callable[[], None], analyzer: Analyzer | None) -> Analyzer:
    """Analyse a window of articles in one batched parse and keep each record; if the batch breaks on an
    article, analyse that window one article at a time so only that article is named and skipped."""
    if analyzer is None:
        from rung.pipeline import Analyzer

        analyzer = Analyzer(settings)
    failed: list[str] = []
    try:
        records = list(analyzer.analyze_many(window, window=len(window),
                                             on_error=lambda _article, error: failed.append(str(error))))
    except ModelMissingError:
        raise
    except Exception:  # noqa: BLE001 - one article that breaks the pipeline must not sink the batch
        for article in window:
            keep(store, analyse_one(analyzer, article), report)
            tick()
        return analyzer
    for problem in failed:
        report.problems.append(problem)
        tick()
    for record in records:
        keep(store, Analysed(record, tuple(analyzer.actors_of(record))), report)
        tick()
    return analyzer
