"""Analysis on a Dask cluster: a local one (`workers`) or a running one (`scheduler`).

The calling process reads the articles, sends them to the workers in batches and writes every record
itself, one transaction per article, as results come back (SQLite has one writer; PostgreSQL is written
the same way so both back-ends behave alike). Each worker builds one `Analyzer` when it starts
(`AnalyzerPlugin`) and keeps it, so models load once per worker, not once per batch.

A worker that dies mid-batch loses nothing: the scheduler gives its batches to another worker. A batch
that kills workers again and again (Dask's `distributed.scheduler.allowed-failures`, 3 by default) ends
in `KilledWorker`; its articles are then sent once more one by one, so only the article that kills
workers is reported and skipped, and nothing is retried forever.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import TYPE_CHECKING

from distributed import WorkerPlugin

from rung.corpus.ingest import Failed, IngestReport, Outcome, analyse_one, keep, where
from rung.errors import InputError, ModelMissingError, RungError
from rung.model import Article

if TYPE_CHECKING:
    from distributed import Client

    from rung.settings import Settings
    from rung.store import Store

PLUGIN_PREFIX = "rung-analyzer-"
BATCH_SIZE = 4           # articles per task: small enough to balance, large enough that overhead is noise
BATCHES_PER_WORKER = 3   # batches in flight per worker: workers never wait, memory stays bounded


class AnalyzerPlugin(WorkerPlugin):
    """Builds one Analyzer per worker process when the worker starts (and when a restarted one does).

    Named after its settings and idempotent: a second run with the same settings on a running cluster
    finds the analyzers already loaded; a run with other settings gets analyzers of its own.
    """

    idempotent = True

    def __init__(self, settings: Settings, languages: tuple[str, ...] = ()) -> None:
        self.settings = settings
        self.languages = languages
        self.analyzer = None

    @property
    def name(self) -> str:
        digest = hashlib.sha256(self.settings.model_dump_json().encode("utf-8")).hexdigest()[:12]
        return PLUGIN_PREFIX + digest

    def setup(self, worker) -> None:
        from rung.pipeline import Analyzer

        self.analyzer = Analyzer(self.settings)
        if self.languages:  # load these models now rather than on the first article
            warm_up(self.languages, self.analyzer)


def _worker_analyzer(plugin_name: str):
    from distributed import get_worker

    plugin = get_worker().plugins.get(plugin_name)
    if plugin is None or plugin.analyzer is None:
        raise RungError("a Dask worker has no rung analyzer (the worker plugin did not start)")
    return plugin.analyzer


def analyze_batch(articles: list[Article], plugin_name: str) -> list[Outcome]:
    """Runs on a worker: each article's record, or why there is none."""
    analyzer = _worker_analyzer(plugin_name)
    return [analyse_one(analyzer, article) for article in articles]


def warm_up(languages: tuple[str, ...], analyzer) -> None:
    """Analyse a one-line article per language so that every model the analyzer needs is loaded."""
    from rung.ingest import make_article

    samples = {"en": "Russia warned Britain.", "ja": "ロシアは英国に警告した。"}
    for lang in languages:
        analyzer.analyze(make_article(samples.get(lang, "."), lang=lang, source="warm-up"))


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: on a new local cluster of `workers` processes (0 or None: one per core), or on the
    running scheduler at `scheduler` (tcp://HOST:8786). InputError when it cannot connect."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"--scheduler {scheduler}: cannot connect to a Dask scheduler ({error})") from error
        with client:
            yield client
        return
    n = workers or default_workers()
    # the scheduler runs in this process: its routine INFO lines (workers starting, closing) are not news
    quiet, level = logging.getLogger("distributed"), logging.getLogger("distributed").level
    quiet.setLevel(max(level, logging.WARNING))
    try:
        # one thread per worker: the NLP models are not thread-parallel, processes are
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
    finally:
        quiet.setLevel(level)


def start_analyzers(client: Client, settings: Settings, languages: tuple[str, ...] = ()) -> str:
    """An Analyzer on every worker (and on every worker that joins later); returns the plugin's name.
    With `languages`, each worker loads those models now instead of on its first article."""
    plugin = AnalyzerPlugin(settings, languages)
    client.register_plugin(plugin, name=plugin.name)
    return plugin.name


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_parallel(articles: Iterable[Article], store: Store, settings: Settings, report: IngestReport, *,
                    workers: int | None = None, scheduler: str | None = None, batch_size: int | None = None,
                    on_article: Callable[[], None] = lambda: None) -> IngestReport:
    """`rung.corpus.ingest` on a Dask cluster; the same records in the store as the serial path. No cluster
    is started (or joined) when every article is already stored."""
    pending = unstored(articles, store, report, on_article)
    first = next(pending, None)
    if first is None:
        return report
    with connect(workers, scheduler) as client:
        return run_on(client, chain([first], pending), store, settings, report, batch_size=batch_size,
                      on_article=on_article, skip_stored=False)


def unstored(articles: Iterable[Article], store: Store, report: IngestReport,
             on_article: Callable[[], None]) -> Iterator[Article]:
    """Articles not stored yet (and each once in this run); the others count as skipped at once."""
    seen: set[str] = set()
    for article in articles:
        if article.id in seen or store.has_article(article.id):
            report.skipped += 1
            on_article()
            continue
        seen.add(article.id)
        yield article


def run_on(client: Client, articles: Iterable[Article], store: Store, settings: Settings, report: IngestReport, *,
           batch_size: int | None = None, on_article: Callable[[], None] = lambda: None,
           skip_stored: bool = True) -> IngestReport:
    """Analyse `articles` on the cluster behind `client` and store the results from this process
    (`skip_stored=False`: the caller has already left out the articles in the store)."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    plugin_name = start_analyzers(client, settings)
    size = batch_size or BATCH_SIZE
    n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    limit = BATCHES_PER_WORKER * n_workers
    batches = _batches(unstored(articles, store, report, on_article) if skip_stored else articles, size)
    in_flight: dict[str, list[Article]] = {}
    done = as_completed()

    def submit(batch: list[Article]) -> None:
        future = client.submit(analyze_batch, batch, plugin_name, key=f"rung-analyze-{uuid.uuid4().hex}",
                               pure=False)
        in_flight[future.key] = batch
        done.add(future)

    def top_up() -> None:
        while len(in_flight) < limit and (batch := next(batches, None)) is not None:
            submit(batch)

    top_up()
    for future in done:
        batch = in_flight.pop(future.key)
        try:
            outcomes: list[Outcome] = future.result()
        except ModelMissingError:
            raise
        except KilledWorker:
            if len(batch) > 1:  # find the one article that kills workers: each goes again on its own
                for article in batch:
                    submit([article])
                continue
            outcomes = [Failed(f"{where(batch[0])}: a Dask worker died analysing it, every time it was tried; "
                               "skipped")]
        except RungError:
            raise
        except Exception as error:  # noqa: BLE001 - e.g. a worker that cannot import rung: name the articles
            outcomes = [Failed(f"{where(a)}: analysis failed on the cluster ({type(error).__name__}: {error})")
                        for a in batch]
        finally:
            future.release()
        for outcome in outcomes:
            keep(store, outcome, report)
            on_article()
        top_up()
    return report
