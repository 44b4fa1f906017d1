"""`rung watch`: follow feeds and directories, ingest what is new, notice dyads crossing a rung.

One pass (`Watcher.poll`): every feed is fetched and each entry not seen before has its page fetched and
ingested; every file under the watched directories that is new or changed (size or modification time)
is ingested. An item is marked seen only after its article is stored, so a watcher killed at any point
loses nothing and stores nothing twice. A feed that cannot be fetched or read is named and the others go
on; an entry whose page cannot be fetched is tried again on the next polls, and given up after
`MAX_ATTEMPTS` (a file that cannot be read is given up at once, until it changes).

Between passes (`Watcher.run`), directories are watched with watchfiles (inotify on Linux) so a file is
ingested when it appears, and feeds are polled every `interval` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rung.corpus.feeds import fetch, is_url, page_article, parse_feed
from rung.corpus.ingest import IngestReport, ingest, read_inputs
from rung.corpus.state import MAX_ATTEMPTS, WatchState
from rung.errors import InputError
from rung.ingest import expand_paths
from rung.ingest.readers import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from rung.ladder.index import Alert
    from rung.model import Article
    from rung.pipeline import Analyzer
    from rung.settings import Settings
    from rung.store import Store


@dataclass(slots=True)
class PassReport:
    """One pass: articles stored and already there, problems (one line each, naming the feed, page or file),
    and the dyads that crossed the alert rung since the last pass."""

    added: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.skipped or self.problems or self.alerts)


def split_sources(sources: Iterable[str]) -> tuple[list[str], list[Path]]:
    """Feed URLs and directories; InputError for anything else."""
    feeds: list[str] = []
    folders: list[Path] = []
    for source in sources:
        if is_url(source):
            feeds.append(source)
        elif Path(source).is_dir():
            folders.append(Path(source).resolve())
        elif Path(source).exists():
            raise InputError(f"{source}: not a directory (rung watch follows directories and feed URLs; "
                             "use rung ingest for single files)")
        else:
            raise InputError(f"{source}: no such directory, and not a feed URL (http:// or https://)")
    return feeds, folders


class Watcher:
    def __init__(self, feeds: list[str], folders: list[Path], store: Store, state: WatchState, settings: Settings,
                 *, alert_level: int | None = None, on_item: Callable[[], None] | None = None) -> None:
        self.feeds = feeds
        self.folders = folders
        self.store = store
        self.state = state
        self.settings = settings
        self.alert_level = alert_level
        self.on_item = on_item or (lambda: None)
        self._analyzer: Analyzer | None = None
        self._kb = None
        if alert_level is not None and not state.has_baseline(alert_level):
            # dyads that crossed before this watch began are not news: only crossings from now on alert
            state.notice(alert_level, [(a.source, a.target, a.first) for a in self._crossed()], baseline=True)

    # -- one pass ---------------------------------------------------------------------------------
    def poll(self) -> PassReport:
        """Every feed, then every new or changed file, then the alert check."""
        report = PassReport()
        self.poll_feeds(report)
        for folder in self.folders:
            self.scan(folder, expand_paths([folder]), report)
        self.check_alerts(report)
        return report

    def poll_feeds(self, report: PassReport) -> None:
        for feed in self.feeds:
            try:
                data, _ = fetch(feed, self.settings.max_article_bytes)
                items = parse_feed(data, feed)
            except InputError as error:  # this feed only: the others go on
                report.problems.append(str(error))
                continue
            for item in items:
                if self.state.done(feed, item.key):
                    continue
                self.on_item()
                try:
                    if item.link is None:
                        raise InputError(f"{feed}: entry {item.key!r} has no link to read")
                    article = page_article(item, *fetch(item.link, self.settings.max_article_bytes))
                except InputError as error:
                    attempts = self.state.failed(feed, item.key)
                    report.problems.append(f"{error} (entry of {feed}; " + (
                        f"given up after {attempts} tries)" if attempts >= MAX_ATTEMPTS else
                        f"try {attempts} of {MAX_ATTEMPTS}, again on the next poll)"))
                    continue
                if self._ingest([article], [], report):
                    self.state.mark(feed, item.key)
                else:  # the pipeline cannot analyse it (a language rung does not read): trying again won't help
                    self.state.failed(feed, item.key, final=True)

    def scan(self, folder: Path, paths: Iterable[Path], report: PassReport) -> None:
        """Ingest the files among `paths` (under `folder`) that are new or changed since they were last seen."""
        origin = str(folder)
        for path in paths:
            if path.name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES or not path.is_file():
                continue
            try:
                info = path.stat()
            except OSError:  # gone again
                continue
            key, fingerprint = str(path.relative_to(folder)), f"{info.st_size}:{info.st_mtime_ns}"
            if self.state.done(origin, key, fingerprint):
                continue
            self.on_item()
            problems: list[str] = []
            if self._ingest(read_inputs([path], self.settings.max_article_bytes, problems), problems, report):
                self.state.mark(origin, key, fingerprint)
            else:  # unreadable, or not analysable: the same until the file changes
                self.state.failed(origin, key, fingerprint, final=True)

    def _ingest(self, articles: Iterable[Article], problems: list[str], report: PassReport) -> bool:
        """Store the articles (read one at a time: a large JSON Lines file is never held whole); False if any
        could not be read or analysed (named in the report)."""
        if self._analyzer is None:
            from rung.pipeline import Analyzer

            self._analyzer = Analyzer(self.settings)  # kept for every later pass: models load once
        result = ingest(articles, self.store, self.settings, report=IngestReport(problems=problems),
                        analyzer=self._analyzer)
        report.added += result.added
        report.skipped += result.skipped
        report.problems.extend(result.problems)
        return not result.problems

    # -- alerts -----------------------------------------------------------------------------------
    def _crossed(self) -> list[Alert]:
        from rung.ladder.index import alerts
        from rung.ladder.scale import _default_kb

        if self._kb is None:
            self._kb = _default_kb()
        return alerts(self.store, self.alert_level, kb=self._kb)

    def check_alerts(self, report: PassReport) -> None:
        """Dyads that crossed the alert rung since the watch began and were not reported yet."""
        if self.alert_level is None:
            return
        known = self.state.crossings(self.alert_level)
        new = [a for a in self._crossed() if (a.source, a.target) not in known]
        if new:
            self.state.notice(self.alert_level, [(a.source, a.target, a.first) for a in new])
            report.alerts.extend(new)

    # -- passes, forever --------------------------------------------------------------------------
    def run(self, interval: float, on_pass: Callable[[PassReport], None],
            stop: threading.Event | None = None) -> None:
        """A pass now, then: files as they appear (when directories are watched), feeds every `interval`
        seconds. Returns when `stop` is set."""
        stop = stop or threading.Event()
        on_pass(self.poll())
        last_feeds = time.monotonic()
        if not self.folders:
            while not stop.wait(interval):
                on_pass(self.poll())
            return
        import watchfiles

        for changes in watchfiles.watch(*self.folders, stop_event=stop, yield_on_timeout=True, rust_timeout=1000,
                                        raise_interrupt=False):
            report = PassReport()
            changed = sorted({Path(p) for kind, p in changes if kind != watchfiles.Change.deleted})
            for folder in self.folders:
                here = [p for p in changed if p.is_relative_to(folder)]
                files = [p for p in here if p.is_file()] + expand_paths([p for p in here if p.is_dir()])
                if files:
                    self.scan(folder, files, report)
            if time.monotonic() - last_feeds >= interval:  # feeds, and a full look at the folders in case
                self.poll_feeds(report)                     # an event was missed (inotify's queue can overflow)
                for folder in self.folders:
                    self.scan(folder, expand_paths([folder]), report)
                last_feeds = time.monotonic()
            self.check_alerts(report)
            if not report.empty:
                on_pass(report)
