"""The near-duplicate index of a store: rebuilt from the stored signatures, brought up to date, re-checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rung.dedup.reports import DedupSettings, ReportIndex
from rung.model import Article, ReportLink
from rung.store.store import Store

REFRESH_MARGIN = dt.timedelta(minutes=5)  # a writer's clock and its commit may lag its `ingested_at` this much


class StoreIndex:
    """A store's LSH index that keeps up with other writers: `check` first adds what others stored since."""

    def __init__(self, store: Store, index: ReportIndex) -> None:
        self.store = store
        self.index = index
        self._seen: dt.datetime | None = None

    def refresh(self) -> int:
        """Add the articles stored (by any process) since the last look; how many were new to the index."""
        added = 0
        since = self._seen - REFRESH_MARGIN if self._seen is not None else None
        for link, when in self.store.report_links(since):
            if link.article_id not in self.index:
                self.index.add(link)
                added += 1
            self._seen = when if self._seen is None else max(self._seen, when)
        return added

    def check(self, article: Article) -> ReportLink:
        self.refresh()
        return self.index.check(article)

    def add(self, link: ReportLink) -> None:
        self.index.add(link)


def open_index(store: Store, settings: DedupSettings | None = None,
               progress: Callable[[], None] | None = None) -> tuple[StoreIndex, list[ReportLink]]:
    """The LSH index of every stored article, and the links of the articles checked now.

    The signatures are stored with the articles (table article_reports), so the index is rebuilt without
    reading a body; articles stored without a check (before migration 0005) are checked here, in the order
    they were stored, and their links written. The index then follows what other processes store."""
    index = StoreIndex(store, ReportIndex(settings))
    index.refresh()
    return index, backfill(store, index.index, progress)


def backfill(store: Store, index: ReportIndex, progress: Callable[[], None] | None = None) -> list[ReportLink]:
    """Check the stored articles that have no report yet against `index` (adding them to it) and store the links."""
    links = []
    for article in store.articles_without_report():
        links.append(index.check_and_add(article))
        if progress is not None:
            progress()
    if links and not store.read_only:
        store.save_report_links(links)
    return links


def recheck(store: Store, settings: DedupSettings | None = None,
            progress: Callable[[], None] | None = None) -> list[ReportLink]:
    """Check every stored article again, in the order they were stored, from an empty index (new settings)."""
    index = ReportIndex(settings)
    links = []
    for article in store.articles_in_order():
        links.append(index.check_and_add(article))
        if progress is not None:
            progress()
    store.save_report_links(links, replace=True)
    return links
