"""One event, many reports: merge the events of different articles that describe the same real event.

How (docs/merge.md has the reasons and the measurements):

1. **Blocking.** Two events can be linked only if they have the same PLOVER type, compatible sides
   (each side is the rolled-up state, else the actor itself; a missing side is compatible with
   anything), compatible dates, no two different *specific* weapons (a KB weapon with a country,
   e.g. ATACMS vs Storm Shadow; generic classes such as 'missile' never conflict), and they come
   from different articles (an article's own repetitions join only through another article's
   report, and two events of one sentence never join). A report that something happened
   (occurred, reported) never joins speculation that it might (possible, conditional,
   hypothetical, recommended); a plan (planned) joins either.
2. **Dates.** Each event gets the interval it may have happened in: an explicit date `on` d is
   [d, d]; `before` d is (-inf, d]; `after` d is [d, +inf); `within` d is [d, d + window]; an event
   with only its article's date a is [a - window, a]; no date at all is unbounded. Intervals must
   overlap, with one day's slack for time zones and late reports.
3. **Similarity.** Within a block, pairs whose sentence embeddings have a cosine above the
   encoder's threshold (one for same-language pairs, one across languages) are linked.
4. **Components.** Links are accepted strongest first, and only when the two groups they join stay
   consistent (one source, one target, one specific weapon, dates still overlapping), so a vague
   event cannot chain two different events together. Merged events are the connected components.
5. **Status.** From the claims on the member events: `confirmed` if any official confirmation;
   otherwise the strongest of declined_to_comment > unconfirmed > asserted. Denials never
   overwrite: they are listed in `denials` (who denied, where).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from pydantic import Field
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from rung.errors import InputError, StoreError
from rung.events.blocking import (  # noqa: F401 (re-exported: the merge's public names)
    MOOD,
    SLACK_DAYS,
    WINDOW_DAYS,
    Item,
    agree,
    candidate_links,
    candidate_pairs,
    compatible_with,
    event_interval,
    interval,
    item_of,
    order_key,
    overlap,
)
from rung.events.encoders import SentenceEncoder
from rung.model import Article, Claim, ClaimStatus, Event, Modality, Plover, Record
from rung.store import schema
from rung.store.corrections import correction_mark, wrong_ids
from rung.store.store import Store, _claim_from_row, _event_from_row, _insert_ignore

_STATUS_ORDER = (ClaimStatus.declined_to_comment, ClaimStatus.unconfirmed, ClaimStatus.asserted)


class ReportClaim(Record):
    id: str
    attributed_to: str | None = None
    cites: str | None = None
    status: ClaimStatus


class Report(Record):
    """One member event: the sentence of one article that reports the merged event."""

    event_id: str
    article_id: str
    report_id: str | None = Field(default=None, description="the report the article is a version of (rung.dedup)")
    title: str | None = None
    outlet: str | None = None
    lang: str | None = None
    article_date: dt.date | None = None
    date: dt.date | None = None
    date_qualifier: str | None = None
    source: str | None = None
    target: str | None = None
    instrument: str | None = None
    modality: Modality
    negated: bool = False
    sentence_index: int = Field(ge=0)
    sentence: str
    similarity: float | None = Field(default=None, description="best cosine to another member; null if alone")
    claims: list[ReportClaim] = Field(default_factory=list)


class Denial(Record):
    by: str | None = Field(description="actor the denial is attributed to")
    claim_id: str
    article_id: str
    text: str


class MergedEvent(Record):
    id: str = Field(description="'m-' + sha1 of the earliest member event id: stable while that member stays")
    plover: Plover
    source: str | None = None
    target: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    date: dt.date | None = Field(default=None, description="the explicit date most reports give, if any")
    first_report: dt.date | None = None
    last_report: dt.date | None = None
    languages: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    articles: int = Field(ge=0)
    distinct_reports: int = Field(default=0, ge=0, description="articles counted once per report: copies of one "
                                  "wire story or press release count once (rung.dedup)")
    status: ClaimStatus
    denials: list[Denial] = Field(default_factory=list)
    encoder: str
    reports: list[Report] = Field(default_factory=list)


# -- merging (pure: records in, merged events out) ------------------------------------------------
@dataclass(slots=True)
class _Group:
    """Running constraints of one growing component (union-find root)."""

    source: str | None
    target: str | None
    weapon: str | None
    mood: str | None
    lo: int
    hi: int
    sentences: set[tuple[str, int]] = field(default_factory=set)


def _items(events: Iterable[Event], articles: dict[str, Article], specific_weapons: frozenset[str],
           window_days: int) -> list[Item]:
    return sorted((item_of(e, articles.get(e.article_id), specific_weapons, window_days) for e in events),
                  key=_order)


def _order(item: Item) -> tuple:
    return item.order


def encode_events(events: Sequence[Event], encoder: SentenceEncoder,
                  progress: Callable[[int], None] | None = None, batch: int = 256) -> dict[str, np.ndarray]:
    """event id -> its sentence's vector; each distinct sentence is encoded once, in sorted batches."""
    texts = sorted({e.sentence for e in events})
    rows: dict[str, np.ndarray] = {}
    for start in range(0, len(texts), batch):
        chunk = texts[start:start + batch]
        rows.update(zip(chunk, encoder.encode(chunk), strict=True))
        if progress is not None:
            progress(len(chunk))
    return {e.id: rows[e.sentence] for e in events}


def merge_events(events: Sequence[Event], articles: dict[str, Article], claims: Sequence[Claim],
                 encoder: SentenceEncoder, specific_weapons: Iterable[str] = (),
                 window_days: int = WINDOW_DAYS, vectors: dict[str, np.ndarray] | None = None,
                 reports: dict[str, str] | None = None) -> list[MergedEvent]:
    """Merge events into one MergedEvent per real event (singletons included), earliest first.

    `vectors` (event id -> sentence vector) are used where given; the other events are encoded.
    `reports` (article id -> report id, from rung.dedup) counts copies of one report once.
    """
    items = _items(events, articles, frozenset(specific_weapons), window_days)
    known = vectors or {}
    missing = [it.event for it in items if it.event_id not in known and it.event is not None]
    encoded = encode_events(missing, encoder) if missing else {}
    if items:
        matrix = np.stack([known[it.event_id] if it.event_id in known else encoded[it.event_id] for it in items])
    else:
        matrix = np.zeros((0, 1), dtype=np.float32)
    links = candidate_links(items, np.asarray(matrix, dtype=np.float32), encoder.thresholds)
    return _components(items, links, claims, encoder.name, reports or {})


def _union(items: Sequence[Item], links: list[tuple[float, int, int]]) -> tuple[list[list[int]], list[float | None]]:
    """Accept links strongest first while the groups they join stay consistent: the groups (item indices,
    ascending, so the earliest report first, as items are sorted) and each item's strongest accepted link."""
    links = sorted(links, key=lambda link: (-link[0], link[1], link[2]))
    parent = list(range(len(items)))
    groups = {i: _Group(source=it.source_key, target=it.target_key, weapon=it.weapon, mood=it.mood, lo=it.lo, hi=it.hi,
                        sentences={(it.article_id, it.sentence_index)}) for i, it in enumerate(items)}
    best: list[float | None] = [None] * len(items)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def accept(sim: float, i: int, j: int) -> None:
        for k in (i, j):
            if best[k] is None or sim > best[k]:  # type: ignore[operator]
                best[k] = sim

    for sim, i, j in links:
        ri, rj = root(i), root(j)
        if ri == rj:
            accept(sim, i, j)
            continue
        a, b = groups[ri], groups[rj]
        lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
        if not (agree(a.source, b.source) and agree(a.target, b.target) and agree(a.weapon, b.weapon)
                and agree(a.mood, b.mood) and overlap(lo, hi) and not (a.sentences & b.sentences)):
            continue
        parent[rj] = ri
        groups[ri] = _Group(source=a.source or b.source, target=a.target or b.target, weapon=a.weapon or b.weapon,
                            mood=a.mood or b.mood, lo=lo, hi=hi, sentences=a.sentences | b.sentences)
        del groups[rj]
        accept(sim, i, j)
    del groups
    components: dict[int, list[int]] = {}
    for i in range(len(items)):
        components.setdefault(root(i), []).append(i)
    return list(components.values()), best


def _by_event(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    by_event: dict[str, list[Claim]] = {}
    for claim in claims:
        for event_id in claim.event_ids:
            by_event.setdefault(event_id, []).append(claim)
    return by_event


def _components(items: list[Item], links: list[tuple[float, int, int]], claims: Sequence[Claim], encoder: str,
                reports: dict[str, str]) -> list[MergedEvent]:
    """One merged event per group of accepted links (see `_union`)."""
    groups, best = _union(items, links)
    by_event = _by_event(claims)
    merged = [_merged([items[i] for i in members], [best[i] for i in members], by_event, encoder, reports)
              for members in groups]
    return sorted(merged, key=lambda m: (m.first_report or dt.date.max, m.id))


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _once_per_report(claims: dict[str, Claim], report_of: dict[str, str]) -> list[Claim]:
    """The claims with copies dropped: a claim (who says it, with what status) counts once per report, however
    many copies of the report carry it."""
    seen: set[tuple] = set()
    out = []
    for key in sorted(claims):
        c = claims[key]
        mark = (report_of.get(c.article_id, c.article_id), c.attributed_to, c.cites, c.status)
        if mark not in seen:
            seen.add(mark)
            out.append(c)
    return out


def merged_event_id(earliest_event_id: str) -> str:
    return "m-" + hashlib.sha1(earliest_event_id.encode()).hexdigest()[:12]


def merged_status(claims: Iterable[Claim]) -> tuple[ClaimStatus, list[Denial]]:
    """The status the strongest evidence supports, and the denials kept beside it."""
    claims = list(claims)
    denials = [Denial(by=c.attributed_to, claim_id=c.id, article_id=c.article_id, text=c.text)
               for c in claims if c.status is ClaimStatus.denied]
    statuses = {c.status for c in claims}
    if ClaimStatus.confirmed in statuses:
        return ClaimStatus.confirmed, denials
    for status in _STATUS_ORDER:
        if status in statuses:
            return status, denials
    return (ClaimStatus.denied if denials else ClaimStatus.asserted), denials


def _merged(items: list[Item], best: list[float | None], by_event: dict[str, list[Claim]],
            encoder: str, report_of: dict[str, str]) -> MergedEvent:
    claims: dict[str, Claim] = {}
    reports = []
    for item, similarity in zip(items, best, strict=True):
        e, a = item.event, item.article
        assert e is not None
        linked = by_event.get(e.id, [])
        claims.update((c.id, c) for c in linked)
        reports.append(Report(
            event_id=e.id, article_id=e.article_id, report_id=report_of.get(e.article_id, e.article_id),
            title=a.title if a else None, outlet=a.outlet if a else None,
            lang=a.lang if a else None, article_date=a.date if a else None, date=e.date,
            date_qualifier=e.date_qualifier, source=e.source, target=e.target, instrument=e.instrument,
            modality=e.modality, negated=e.negated, sentence_index=e.sentence_index, sentence=e.sentence,
            similarity=similarity,
            claims=[ReportClaim(id=c.id, attributed_to=c.attributed_to, cites=c.cites, status=c.status)
                    for c in linked]))
    status, denials = merged_status(_once_per_report(claims, report_of))
    report_days = sorted({day for r in reports if (day := r.article_date or r.date) is not None})
    on_dates = Counter(r.date for r in reports if r.date and (r.date_qualifier or "on") == "on")
    first = items[0].event
    assert first is not None
    return MergedEvent(
        id=merged_event_id(first.id), plover=first.plover,
        source=_most_common(r.source for r in reports), target=_most_common(r.target for r in reports),
        source_country=_most_common(i.event.source_country for i in items if i.event),
        target_country=_most_common(i.event.target_country for i in items if i.event),
        date=min(on_dates, key=lambda d: (-on_dates[d], d)) if on_dates else None,
        first_report=report_days[0] if report_days else None, last_report=report_days[-1] if report_days else None,
        languages=sorted({r.lang for r in reports if r.lang}), outlets=sorted({r.outlet for r in reports if r.outlet}),
        articles=len({r.article_id for r in reports}), distinct_reports=len({r.report_id for r in reports}),
        status=status, denials=denials, encoder=encoder, reports=reports)


# -- the store --------------------------------------------------------------------------------------
@dataclass(slots=True)
class MergeRun:
    """What one `update` did: 'full' (recomputed), 'incremental' (new events merged) or 'current' (nothing new)."""

    mode: str
    new_events: int
    written: int  # merged events (re)written
    total: int  # merged events in the store afterwards


def fingerprint(event_ids: Iterable[str]) -> str:
    """What the merge tables were built from: sha256 of the sorted event ids."""
    return hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()


def _chunks(values: Sequence, size: int = 900) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _event_ids(conn, wrong: set[str] | None = None) -> list[str]:
    """What the merged events were built from: the events not marked wrong, and the corrections made."""
    wrong = wrong_ids(conn) if wrong is None else wrong
    mark = correction_mark(conn)
    return [*(i for i in conn.execute(select(schema.events.c.id)).scalars() if i not in wrong), *([mark] if mark else [])]


_ARTICLE_FIELDS = ("id", "title", "date", "lang", "url", "outlet", "translator", "source", "encoding")


def _articles(conn, ids: Sequence[str] | None = None) -> dict[str, Article]:
    """Articles without their bodies (a merged event names its articles; it never needs their text)."""
    a = schema.articles
    query = select(*(a.c[f] for f in _ARTICLE_FIELDS))
    rows = (r for chunk in _chunks(list(ids)) for r in conn.execute(query.where(a.c.id.in_(chunk)))) \
        if ids is not None else conn.execute(query)
    return {r.id: Article(body="", **r._mapping) for r in rows}


def _report_of(conn, ids: Sequence[str] | None = None) -> dict[str, str]:
    """article id -> the report it is a version of (rung.dedup); articles never checked are their own."""
    r = schema.article_reports
    query = select(r.c.article_id, r.c.report_id).where(r.c.report_id != r.c.article_id)
    if ids is None:
        return {r[0]: r[1] for r in conn.execute(query)}
    return {k: v for chunk in _chunks(list(ids)) for k, v in conn.execute(query.where(r.c.article_id.in_(chunk)))}


def _specific_weapons(conn) -> frozenset[str]:
    a = schema.actors
    return frozenset(conn.execute(select(a.c.id).where(a.c.type == "weapon", a.c.country.is_not(None))).scalars())


def _events_by_id(conn, ids: Sequence[str]) -> list[Event]:
    e = schema.events
    return [_event_from_row(r) for chunk in _chunks(list(ids)) for r in conn.execute(select(e).where(e.c.id.in_(chunk)))]


def _claims_of(conn, event_ids: Sequence[str]) -> list[Claim]:
    """The claims linked to these events, each with all its event links."""
    c, ce = schema.claims, schema.claim_events
    claim_ids = sorted({i for chunk in _chunks(list(event_ids))
                        for i in conn.execute(select(ce.c.claim_id).where(ce.c.event_id.in_(chunk))).scalars()})
    links: dict[str, list[str]] = {}
    for chunk in _chunks(claim_ids):
        for r in conn.execute(select(ce).where(ce.c.claim_id.in_(chunk))):
            links.setdefault(r.claim_id, []).append(r.event_id)
    return [_claim_from_row(r, sorted(links.get(r.id, []))) for chunk in _chunks(claim_ids)
            for r in conn.execute(select(c).where(c.c.id.in_(chunk)))]


def _stored_vectors(conn, encoder: str, ids: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    v = schema.event_vectors
    query = select(v.c.event_id, v.c.vector).where(v.c.encoder == encoder)
    rows = (r for chunk in _chunks(list(ids)) for r in conn.execute(query.where(v.c.event_id.in_(chunk)))) \
        if ids is not None else conn.execute(query)
    return {r.event_id: np.frombuffer(r.vector, dtype=np.float32) for r in rows}


def _save_vectors(conn, encoder: str, vectors: dict[str, np.ndarray]) -> None:
    rows = [{"event_id": k, "encoder": encoder, "vector": np.asarray(v, dtype=np.float32).tobytes()}
            for k, v in vectors.items()]
    for chunk in _chunks(rows, 5000):  # a vector already stored for the event is the same vector
        conn.execute(_insert_ignore(conn, schema.event_vectors), list(chunk))


def _write_merged(conn, merged: Sequence[MergedEvent], mark: str) -> None:
    for chunk in _chunks(list(merged), 5000):
        conn.execute(schema.merged_events.insert(), [_row(m, mark) for m in chunk])
        conn.execute(schema.merged_event_members.insert(), [
            {"merged_event_id": m.id, "event_id": r.event_id, "similarity": r.similarity}
            for m in chunk for r in m.reports])


def _write_state(conn, encoder: str, window_days: int, corrections: str, mark: str) -> None:
    conn.execute(delete(schema.merge_state))
    conn.execute(schema.merge_state.insert().values(id=1, encoder=encoder, corrections=corrections, fingerprint=mark,
                                                    window_days=window_days, merged_at=dt.datetime.now(dt.UTC)))


def _matrix(conn, items: Sequence[Item], encoder: SentenceEncoder,
            progress: Callable[[int], None] | None, batch: int = 2048) -> np.ndarray:
    """One row per item: the vector stored for its event by this encoder, else its sentence encoded now (and
    stored). The vectors are a cache keyed by the encoder's name: a sentence's vector never changes; when the
    stored ones have another dimension than the encoder gives, they are all made again."""
    v, e = schema.event_vectors, schema.events
    row_of = {it.event_id: k for k, it in enumerate(items)}
    matrix: np.ndarray | None = None
    filled = np.zeros(len(items), dtype=bool)
    for r in conn.execute(select(v.c.event_id, v.c.vector).where(v.c.encoder == encoder.name)):
        k = row_of.get(r.event_id)
        if k is None:
            continue
        vector = np.frombuffer(r.vector, dtype=np.float32)
        if matrix is None:
            matrix = np.zeros((len(items), vector.shape[0]), dtype=np.float32)
        if vector.shape[0] == matrix.shape[1]:
            matrix[k] = vector
            filled[k] = True
    missing = np.flatnonzero(~filled).tolist()
    for start in range(0, len(missing), batch):
        rows = missing[start:start + batch]
        ids = [items[k].event_id for k in rows]
        sentence = {r.id: r.sentence for chunk in _chunks(ids)
                    for r in conn.execute(select(e.c.id, e.c.sentence).where(e.c.id.in_(chunk)))}
        texts = sorted(set(sentence.values()))
        encoded = encoder.encode(texts)
        if matrix is None or encoded.shape[1] != matrix.shape[1]:
            if matrix is not None and filled.any():  # stored by another model of the same name: start again
                conn.execute(delete(v).where(v.c.encoder == encoder.name))
                return _matrix(conn, items, encoder, progress, batch)
            matrix = np.zeros((len(items), encoded.shape[1]), dtype=np.float32)
        by_text = dict(zip(texts, encoded, strict=True))
        fresh = {}
        for k, event_id in zip(rows, ids, strict=True):
            matrix[k] = fresh[event_id] = by_text[sentence[event_id]]
        _save_vectors(conn, encoder.name, fresh)
        if progress is not None:
            progress(len(texts))
    return matrix if matrix is not None else np.zeros((0, 1), dtype=np.float32)


def _rebuild(conn, encoder: SentenceEncoder, window_days: int, progress: Callable[[int], None] | None,
             collect: bool = False, chunk: int = 4000) -> tuple[int, list[MergedEvent]]:
    """Recompute every merged event, in memory that grows linearly with the store: blocking and linking read
    only what they need of each event (and its vector); the merged events are then built and written a few
    thousand at a time. Returns how many were written, and the merged events themselves if `collect`."""
    wrong = wrong_ids(conn)  # an event an analyst marked wrong reports nothing
    weapons = _specific_weapons(conn)
    items = sorted(_light_items(conn, weapons, window_days, wrong), key=_order)
    matrix = _matrix(conn, items, encoder, progress)
    links = candidate_links(items, matrix, encoder.thresholds)
    del matrix
    groups, best = _union(items, links)
    del links
    corrections = correction_mark(conn)
    mark = fingerprint([*(it.event_id for it in items), *([corrections] if corrections else [])])
    conn.execute(delete(schema.merged_event_members))
    conn.execute(delete(schema.merged_events))
    out: list[MergedEvent] = []
    written = 0
    for start in range(0, len(groups), chunk):
        part = groups[start:start + chunk]
        ids = [items[i].event_id for members in part for i in members]
        events = {e.id: e for e in _events_by_id(conn, ids)}
        article_ids = sorted({events[i].article_id for i in ids})
        articles, report_of = _articles(conn, article_ids), _report_of(conn, article_ids)
        by_event = _by_event(_claims_of(conn, ids))
        merged = []
        for members in part:
            full = [replace(items[i], event=events[items[i].event_id], article=articles.get(items[i].article_id))
                    for i in members]
            merged.append(_merged(full, [best[i] for i in members], by_event, encoder.name, report_of))
        _write_merged(conn, merged, mark)
        written += len(merged)
        if collect:
            out.extend(merged)
    _write_state(conn, encoder.name, window_days, corrections, mark)
    return written, sorted(out, key=lambda m: (m.first_report or dt.date.max, m.id))


def rebuild(store: Store, encoder: SentenceEncoder, window_days: int = WINDOW_DAYS,
            progress: Callable[[int], None] | None = None) -> list[MergedEvent]:
    """Recompute every merged event of the store in one transaction (running it twice changes nothing), and
    return them. Sentence vectors stored by an earlier merge with the same encoder are reused; `progress` is
    called with the number of sentences encoded, batch by batch. (`update(full=True)` does the same without
    holding every merged event in memory.)"""
    try:
        with store.engine.begin() as conn:
            return _rebuild(conn, encoder, window_days, progress, collect=True)[1]
    except SQLAlchemyError as error:
        raise StoreError(f"{store.label}: cannot write merged events ({error})") from error


def _light_items(conn, specific_weapons: frozenset[str], window_days: int, wrong: set[str]) -> list[Item]:
    """Every event not marked wrong, with only what blocking reads (no sentence, no evidence)."""
    e, a = schema.events, schema.articles
    query = (select(e.c.id, e.c.article_id, e.c.plover, e.c.sentence_index, e.c.source, e.c.target,
                    e.c.source_country, e.c.target_country, e.c.date, e.c.date_qualifier, e.c.instrument,
                    e.c.modality, a.c.date.label("article_date"), a.c.lang)
             .join(a, a.c.id == e.c.article_id))
    items = []
    for r in conn.execute(query):
        if r.id in wrong:
            continue
        lo, hi = interval(r.date, r.date_qualifier, r.article_date, window_days)
        items.append(Item(event_id=r.id, article_id=r.article_id, plover=r.plover, sentence_index=r.sentence_index,
                          lang=r.lang, lo=lo, hi=hi, source_key=r.source_country or r.source,
                          target_key=r.target_country or r.target,
                          weapon=r.instrument if r.instrument in specific_weapons else None,
                          mood=MOOD[Modality(r.modality)],
                          order=order_key(r.id, r.article_id, r.sentence_index, r.date, r.article_date)))
    return items


def _members_intact(conn) -> bool:
    """Whether every merged event still has all the members it was written with (none deleted since)."""
    me, mm = schema.merged_events, schema.merged_event_members
    written = conn.execute(select(func.coalesce(func.sum(me.c.reports), 0))).scalar_one()
    return written == conn.execute(select(func.count()).select_from(mm)).scalar_one()


def update(store: Store, encoder: SentenceEncoder, window_days: int = WINDOW_DAYS, full: bool = False,
           progress: Callable[[int], None] | None = None) -> MergeRun:
    """Merge what is new since the last merge, in one transaction (docs/merge.md, 'Incremental merge').

    New events are compared only with the events blocking lets them meet; the merged events they join are
    recomputed with them, and every other merged event stays as it is. A full rebuild runs instead when asked
    (`full`), when nothing was merged yet, or when the last merge used another encoder or window, corrections
    were made since, or merged events lost members."""
    try:
        with store.engine.begin() as conn:
            state = conn.execute(select(schema.merge_state)).first()
            corrections = correction_mark(conn)
            if (full or state is None or state.encoder != encoder.name or state.window_days != window_days
                    or state.corrections != corrections or not _members_intact(conn)):
                written, _ = _rebuild(conn, encoder, window_days, progress)
                return MergeRun("full", written, written, written)
            return _incremental(conn, encoder, window_days, corrections, progress)
    except SQLAlchemyError as error:
        raise StoreError(f"{store.label}: cannot write merged events ({error})") from error


def _incremental(conn, encoder: SentenceEncoder, window_days: int, corrections: str,
                 progress: Callable[[int], None] | None) -> MergeRun:
    me, mm = schema.merged_events, schema.merged_event_members
    wrong = wrong_ids(conn)
    weapons = _specific_weapons(conn)
    owner: dict[str, str] = {r[0]: r[1] for r in conn.execute(select(mm.c.event_id, mm.c.merged_event_id))}
    items = _light_items(conn, weapons, window_days, wrong)
    mark = fingerprint([*(it.event_id for it in items), *([corrections] if corrections else [])])
    new = [i for i, it in enumerate(items) if it.event_id not in owner]
    if not new:
        _write_state(conn, encoder.name, window_days, corrections, mark)
        return MergeRun("current", 0, 0, conn.execute(select(func.count()).select_from(me)).scalar_one())
    # 1. blocking: the old events some new event may be (no cosine yet)
    old = sorted(compatible_with(items, new) - set(new))
    sub = [items[i] for i in new] + [items[i] for i in old]
    new_events = _events_by_id(conn, [it.event_id for it in sub[:len(new)]])
    vectors = encode_events(new_events, encoder, progress)
    _save_vectors(conn, encoder.name, vectors)
    vectors.update(_stored_vectors(conn, encoder.name, [it.event_id for it in sub[len(new):]]))
    if any(it.event_id not in vectors for it in sub) or len({v.shape[0] for v in vectors.values()}) > 1:
        written, _ = _rebuild(conn, encoder, window_days, progress)
        return MergeRun("full", len(new), written, written)
    # 2. linking: which of them read alike; the merged events they belong to are recomputed with the new events
    matrix = np.stack([vectors[it.event_id] for it in sub]).astype(np.float32, copy=False)
    links = candidate_links(sub, matrix, encoder.thresholds, only=range(len(new)))
    touched = sorted({owner[sub[k].event_id] for _, i, j in links for k in (i, j) if k >= len(new)})
    members = [e for chunk in _chunks(touched)
               for e in conn.execute(select(mm.c.event_id).where(mm.c.merged_event_id.in_(chunk))).scalars()]
    old_events = _events_by_id(conn, members)
    vectors.update(_stored_vectors(conn, encoder.name, members))
    events = [*new_events, *old_events]
    ids = [e.id for e in events]
    merged = merge_events(events, _articles(conn, sorted({e.article_id for e in events})), _claims_of(conn, ids),
                          encoder, weapons, window_days, vectors={k: vectors[k] for k in ids},
                          reports=_report_of(conn, sorted({e.article_id for e in events})))
    for chunk in _chunks(touched):
        conn.execute(delete(mm).where(mm.c.merged_event_id.in_(chunk)))
        conn.execute(delete(me).where(me.c.id.in_(chunk)))
    _write_merged(conn, merged, mark)
    _write_state(conn, encoder.name, window_days, corrections, mark)
    return MergeRun("incremental", len(new), len(merged), conn.execute(select(func.count()).select_from(me)).scalar_one())


def _row(m: MergedEvent, mark: str) -> dict:
    return {"id": m.id, "plover": m.plover.value, "source": m.source, "target": m.target,
            "source_country": m.source_country, "target_country": m.target_country, "date": m.date,
            "first_report": m.first_report, "last_report": m.last_report, "reports": len(m.reports),
            "articles": m.articles, "languages": m.languages, "outlets": m.outlets, "status": m.status.value,
            "denials": [d.model_dump() for d in m.denials], "encoder": m.encoder, "fingerprint": mark}


def is_stale(store: Store, encoder_name: str | None = None) -> bool:
    """True when the merge tables were not built from the events now stored (or by another encoder)."""
    with store.engine.connect() as conn:
        state = conn.execute(select(schema.merge_state.c.fingerprint, schema.merge_state.c.encoder)).first()
        ids = _event_ids(conn)
    if state is None:
        return bool(ids)
    return state.fingerprint != fingerprint(ids) or (encoder_name is not None and state.encoder != encoder_name)


def ensure_current(store: Store, load_encoder: Callable[[], SentenceEncoder],
                   encoder_name: str | None = None) -> bool:
    """Merge what is new (or rebuild, see `update`) if stale; the encoder is loaded only then. True if it ran."""
    if not is_stale(store, encoder_name):
        return False
    update(store, load_encoder())
    return True


def load(store: Store, ids: Sequence[str] | None = None) -> list[MergedEvent]:
    """Merged events as stored (all, or those with the given merged ids), each with its reports."""
    me, mm = schema.merged_events, schema.merged_event_members
    with store.engine.connect() as conn:
        if ids is None:
            rows = list(conn.execute(select(me)))
            member_rows = list(conn.execute(select(mm)))
        else:
            rows = [r for chunk in _chunks(list(ids)) for r in conn.execute(select(me).where(me.c.id.in_(chunk)))]
            member_rows = [r for chunk in _chunks([row.id for row in rows])
                           for r in conn.execute(select(mm).where(mm.c.merged_event_id.in_(chunk)))]
        members: dict[str, dict[str, float | None]] = {}
        for r in member_rows:
            members.setdefault(r.merged_event_id, {})[r.event_id] = r.similarity
        wanted = sorted({e for m in members.values() for e in m})
        if ids is None:
            events = {e.id: e for e in store.events(_conn=conn)}
            claims = store.claims(_conn=conn)
            articles, report_of = _articles(conn), _report_of(conn)
        else:
            events = {e.id: e for e in _events_by_id(conn, wanted)}
            claims = _claims_of(conn, wanted)
            article_ids = sorted({e.article_id for e in events.values()})
            articles, report_of = _articles(conn, article_ids), _report_of(conn, article_ids)
        by_event: dict[str, list[Claim]] = {}
        for claim in claims:
            for event_id in claim.event_ids:
                by_event.setdefault(event_id, []).append(claim)
    out = []
    for row in rows:
        sims = members.get(row.id, {})
        items = sorted((item_of(events[e], articles.get(events[e].article_id), frozenset(), WINDOW_DAYS)
                        for e in sims if e in events), key=_order)
        built = _merged(items, [sims[i.event_id] for i in items], by_event, row.encoder, report_of) if items else None
        out.append(MergedEvent(
            id=row.id, plover=row.plover, source=row.source, target=row.target, source_country=row.source_country,
            target_country=row.target_country, date=row.date, first_report=row.first_report,
            last_report=row.last_report, languages=row.languages, outlets=row.outlets, articles=row.articles,
            distinct_reports=built.distinct_reports if built else 0,
            status=row.status, denials=[Denial(**d) for d in row.denials], encoder=row.encoder,
            reports=built.reports if built else []))
    return sorted(out, key=lambda m: (m.first_report or dt.date.max, m.id))


def find(store: Store, some_id: str) -> MergedEvent:
    """The merged event with this id, or the one that holds the plain event with this id."""
    mm = schema.merged_event_members
    with store.engine.connect() as conn:
        owner = conn.execute(select(mm.c.merged_event_id).where(mm.c.event_id == some_id)).scalar()
    found = load(store, [owner or some_id])
    if not found:
        raise InputError(f"{some_id}: no merged event or event with this id in {store.label}")
    return found[0]
