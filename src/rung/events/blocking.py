"""Which events may be the same real event (blocking), and which of those read alike (linking).

Blocking (docs/merge.md): same PLOVER type, compatible sides, no two different specific weapons, no fact
joined to speculation, different articles, and date intervals that overlap with a day's slack. Finding
the pairs that pass it never enumerates all pairs of a block: every event with a bounded interval is put
in one bucket per day of its interval (plus the slack day), keyed by (PLOVER type, day), so two events
meet only if their intervals overlap, and each pair is looked at in one bucket only (the day its
intervals start to overlap). Within a bucket the cosines come from one matrix product per chunk of
rows, and only pairs above the encoder's lower threshold are kept: memory grows with the links found,
not with the square of the bucket. Events with an open interval (no date at all, `before`, `after`)
are compared with every event of their PLOVER type, in chunks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from rung.model import Article, Event, Modality

WINDOW_DAYS = 3  # how far back an undated event may lie from its article's date
SLACK_DAYS = 1  # time zones and late reports: intervals this close still overlap
MAX_BUCKET_DAYS = 31  # an interval longer than this is 'open': compared with its whole PLOVER type
CHUNK = 1024  # rows per matrix product
_LOW, _HIGH = dt.date.min.toordinal(), dt.date.max.toordinal()
# what a report says about whether the event happened: facts and speculation never join; a plan joins either
MOOD = {Modality.occurred: "fact", Modality.reported: "fact", Modality.planned: None, Modality.possible: "maybe",
         Modality.conditional: "maybe", Modality.hypothetical: "maybe", Modality.recommended: "maybe"}


@dataclass(slots=True)
class Item:
    """What blocking needs of one event; `event` and `article` are filled when a merged event is built."""

    event_id: str
    article_id: str
    plover: str
    sentence_index: int
    lang: str | None
    lo: int
    hi: int
    source_key: str | None
    target_key: str | None
    weapon: str | None  # a specific weapon system, or None
    mood: str | None  # 'fact', 'maybe' or None (planned)
    order: tuple = ()  # earliest first: event date (else article date), article date, article, sentence, id
    event: Event | None = None
    article: Article | None = None


def order_key(event_id: str, article_id: str, sentence_index: int, date: dt.date | None,
              article_date: dt.date | None) -> tuple:
    return (date or article_date or dt.date.max, article_date or dt.date.max, article_id, sentence_index, event_id)


def event_interval(event: Event, article_date: dt.date | None, window_days: int = WINDOW_DAYS) -> tuple[int, int]:
    """Ordinal day interval [lo, hi] the event may have happened in (see the module docstring)."""
    return interval(event.date, event.date_qualifier, article_date, window_days)


def interval(date: dt.date | None, qualifier: str | None, article_date: dt.date | None,
             window_days: int = WINDOW_DAYS) -> tuple[int, int]:
    if date is not None:
        day = date.toordinal()
        qualifier = qualifier or "on"
        if qualifier == "before":
            return _LOW, day
        if qualifier == "after":
            return day, _HIGH
        if qualifier == "within":
            return day, day + window_days
        return day, day
    if article_date is not None:
        day = article_date.toordinal()
        return day - window_days, day
    return _LOW, _HIGH


def item_of(event: Event, article: Article | None, specific_weapons: frozenset[str], window_days: int) -> Item:
    lo, hi = event_interval(event, article.date if article else None, window_days)
    return Item(event_id=event.id, article_id=event.article_id, plover=event.plover.value,
                sentence_index=event.sentence_index, lang=article.lang if article else None, lo=lo, hi=hi,
                source_key=event.source_country or event.source, target_key=event.target_country or event.target,
                weapon=event.instrument if event.instrument in specific_weapons else None, mood=MOOD[event.modality],
                order=order_key(event.id, event.article_id, event.sentence_index, event.date,
                                article.date if article else None),
                event=event, article=article)


def overlap(lo: int, hi: int) -> bool:
    return lo <= hi + SLACK_DAYS


def agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def compatible(a: Item, b: Item) -> bool:
    return (a.plover == b.plover and agree(a.source_key, b.source_key) and agree(a.target_key, b.target_key)
            and agree(a.weapon, b.weapon) and agree(a.mood, b.mood) and overlap(max(a.lo, b.lo), min(a.hi, b.hi))
            and a.article_id != b.article_id)


def _is_open(item: Item) -> bool:
    return item.hi - item.lo > MAX_BUCKET_DAYS


def _blocks(items: Sequence[Item]) -> tuple[dict[tuple[str, int], list[int]], dict[str, list[int]], dict[str, list[int]]]:
    """(plover, day) buckets of bounded items; open items by plover; every item by plover."""
    buckets: dict[tuple[str, int], list[int]] = {}
    open_items: dict[str, list[int]] = {}
    by_plover: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        by_plover.setdefault(item.plover, []).append(i)
        if _is_open(item):
            open_items.setdefault(item.plover, []).append(i)
            continue
        for day in range(item.lo, item.hi + SLACK_DAYS + 1):
            buckets.setdefault((item.plover, day), []).append(i)
    return buckets, open_items, by_plover


def _block_pairs(items: Sequence[Item], only: set[int] | None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Groups of (rows, columns) to compare: each pair that can pass blocking appears in exactly one group
    (as (i, j) or (j, i)); pairs are filtered afterwards. With `only`, rows are restricted to those items."""
    buckets, open_items, by_plover = _blocks(items)
    for members in buckets.values():
        rows = members if only is None else [i for i in members if i in only]
        if rows:
            yield np.asarray(rows), np.asarray(members)
    for plover, opened in open_items.items():
        rows = opened if only is None else [i for i in opened if i in only]
        if rows:
            yield np.asarray(rows), np.asarray(by_plover[plover])
        if only is not None:  # a new bounded item meets the old open items of its type here
            new_bounded = [i for i in by_plover[plover] if i in only and not _is_open(items[i])]
            if new_bounded:
                yield np.asarray(new_bounded), np.asarray(opened)


def _owns(items: Sequence[Item], i: int, j: int, day: int | None) -> bool:
    """Whether this (bucket, pair) is the one place the pair is looked at."""
    a, b = items[i], items[j]
    if _is_open(a) or _is_open(b):
        return day is None
    return day == max(a.lo, b.lo)


def candidate_pairs(items: Sequence[Item]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that pass blocking, found bucket by bucket (no cosine)."""
    out: set[tuple[int, int]] = set()
    for rows, cols in _block_pairs(items, None):
        for i in rows.tolist():
            for j in cols.tolist():
                if i != j and compatible(items[i], items[j]):
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


def compatible_with(items: Sequence[Item], only: Iterable[int]) -> set[int]:
    """Indices of the items that pass blocking with at least one of `only` (an incremental merge's new events)."""
    wanted = set(only)
    out: set[int] = set()
    for rows, cols in _block_pairs(items, wanted):
        for i in rows.tolist():
            a = items[i]
            for j in cols.tolist():
                if j not in out and i != j and compatible(a, items[j]):
                    out.add(j)
    return out


def candidate_links(items: Sequence[Item], vectors: np.ndarray, thresholds: tuple[float, float],
                    only: Iterable[int] | None = None) -> list[tuple[float, int, int]]:
    """(cosine, i, j) with i < j for pairs that pass blocking and read alike: the cosine of their rows in
    `vectors` (L2-normalised) is above the same-language or the cross-language threshold. With `only`, just
    the pairs with at least one of those items (an incremental merge's new events)."""
    same_t, cross_t = thresholds
    floor = min(same_t, cross_t)
    wanted = None if only is None else set(only)
    buckets, open_items, by_plover = _blocks(items)
    found: dict[tuple[int, int], float] = {}

    def scan(rows: list[int], cols: list[int], day: int | None) -> None:
        col_idx = np.asarray(cols)
        col_vectors = vectors[col_idx]
        for start in range(0, len(rows), CHUNK):
            row_idx = np.asarray(rows[start:start + CHUNK])
            sims = vectors[row_idx] @ col_vectors.T
            for r, c in zip(*np.nonzero(sims > floor), strict=True):
                i, j = int(row_idx[r]), int(col_idx[c])
                if i == j:
                    continue
                key = (min(i, j), max(i, j))
                if key in found or not _owns(items, i, j, day) or not compatible(items[i], items[j]):
                    continue
                if wanted is not None and i not in wanted and j not in wanted:
                    continue
                sim = float(sims[r, c])
                if sim > (same_t if items[i].lang == items[j].lang else cross_t):
                    found[key] = sim

    # the products are small (a bucket, at most CHUNK rows): BLAS threads only cost here, and on a busy
    # machine their spinning made an incremental merge 40 times slower (benchmarks.merge_scale)
    with threadpool_limits(limits=1, user_api="blas"):
        for (_, day), members in buckets.items():
            rows = members if wanted is None else [i for i in members if i in wanted]
            if rows:
                scan(rows, members, day)
        for plover, opened in open_items.items():
            rows = opened if wanted is None else [i for i in opened if i in wanted]
            if rows:
                scan(rows, by_plover[plover], None)
            if wanted is not None:  # a new bounded event meets the old open events of its type
                new_bounded = [i for i in by_plover[plover] if i in wanted and not _is_open(items[i])]
                if new_bounded:
                    scan(new_bounded, opened, None)
    return [(sim, i, j) for (i, j), sim in found.items()]
