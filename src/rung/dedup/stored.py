"""The near-duplicate index of a store: rebuilt from the stored signatures, brought up to date, re-checked."""

from __future__ import annotations

from collections.abc import Callable

from rung.dedup.reports import DedupSettings, ReportIndex
from rung.model import ReportLink
from rung.store.store import Store


def open_index(store: Store, settings: DedupSettings | None = None,
               progress: Callable[[], None] | None = None) -> tuple[ReportIndex, list[ReportLink]]:
    """The LSH index of every stored article, and the links of the articles checked now.

    The signatures are stored with the articles (table article_reports), so the index is rebuilt without
    reading a body; articles stored without a check (before migration 0005, or through the API) are checked
    here, in the order they were stored, and their links written."""
    index = ReportIndex(settings)
    index.add_all(store.report_links())
    return index, backfill(store, index, progress)


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
