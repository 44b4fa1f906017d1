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
from dataclasses import dataclass, field

import numpy as np
from pydantic import Field
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from rung.errors import InputError, StoreError
from rung.events.encoders import SentenceEncoder
from rung.model import Article, Claim, ClaimStatus, Event, Modality, Plover, Record
from rung.store import schema
from rung.store.corrections import correction_mark, wrong_ids
from rung.store.store import Store

WINDOW_DAYS = 3  # how far back an undated event may lie from its article's date
SLACK_DAYS = 1  # time zones and late reports: intervals this close still overlap
_LOW, _HIGH = dt.date.min.toordinal(), dt.date.max.toordinal()
# what a report says about whether the event happened: facts and speculation never join; a plan joins either
_MOOD = {Modality.occurred: "fact", Modality.reported: "fact", Modality.planned: None, Modality.possible: "maybe",
         Modality.conditional: "maybe", Modality.hypothetical: "maybe", Modality.recommended: "maybe"}
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
    status: ClaimStatus
    denials: list[Denial] = Field(default_factory=list)
    encoder: str
    reports: list[Report] = Field(default_factory=list)


# -- merging (pure: records in, merged events out) ------------------------------------------------
@dataclass(slots=True)
class _Item:
    event: Event
    article: Article | None
    lo: int
    hi: int
    source_key: str | None
    target_key: str | None
    weapon: str | None  # a specific weapon system, or None
    mood: str | None  # 'fact', 'maybe' or None (planned)


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


def event_interval(event: Event, article_date: dt.date | None, window_days: int = WINDOW_DAYS) -> tuple[int, int]:
    """Ordinal day interval [lo, hi] the event may have happened in (see the module docstring)."""
    if event.date is not None:
        day = event.date.toordinal()
        qualifier = event.date_qualifier or "on"
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


def _overlap(lo: int, hi: int) -> bool:
    return lo <= hi + SLACK_DAYS


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _items(events: Iterable[Event], articles: dict[str, Article], specific_weapons: frozenset[str],
           window_days: int) -> list[_Item]:
    items = []
    for e in events:
        article = articles.get(e.article_id)
        lo, hi = event_interval(e, article.date if article else None, window_days)
        items.append(_Item(event=e, article=article, lo=lo, hi=hi, source_key=e.source_country or e.source,
                           target_key=e.target_country or e.target,
                           weapon=e.instrument if e.instrument in specific_weapons else None, mood=_MOOD[e.modality]))
    return sorted(items, key=_order)


def _order(item: _Item) -> tuple:
    e, a = item.event, item.article
    when = e.date or (a.date if a else None) or dt.date.max
    return when, (a.date if a and a.date else dt.date.max), e.article_id, e.sentence_index, e.id


def _compatible(a: _Item, b: _Item) -> bool:
    return (a.event.plover == b.event.plover and _agree(a.source_key, b.source_key)
            and _agree(a.target_key, b.target_key) and _agree(a.weapon, b.weapon) and _agree(a.mood, b.mood)
            and _overlap(max(a.lo, b.lo), min(a.hi, b.hi)) and a.event.article_id != b.event.article_id)


def candidate_pairs(items: Sequence[_Item]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that pass blocking; blocks are (plover, source, target) keys."""
    blocks: dict[tuple, list[int]] = {}
    for i, item in enumerate(items):
        blocks.setdefault((item.event.plover, item.source_key, item.target_key), []).append(i)
    keys = sorted(blocks, key=lambda k: (k[0].value, k[1] or "", k[2] or ""))
    pairs: list[tuple[int, int]] = []
    for x, k1 in enumerate(keys):
        for k2 in keys[x:]:
            if k1[0] != k2[0] or not _agree(k1[1], k2[1]) or not _agree(k1[2], k2[2]):
                continue
            for i in blocks[k1]:
                for j in blocks[k2]:
                    if (k1 != k2 or i < j) and _compatible(items[i], items[j]):
                        pairs.append((min(i, j), max(i, j)))
    return sorted(set(pairs))


def merge_events(events: Sequence[Event], articles: dict[str, Article], claims: Sequence[Claim],
                 encoder: SentenceEncoder, specific_weapons: Iterable[str] = (),
                 window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Merge events into one MergedEvent per real event (singletons included), earliest first."""
    import networkx as nx  # type: ignore[import-untyped]

    items = _items(events, articles, frozenset(specific_weapons), window_days)
    pairs = candidate_pairs(items)
    texts = sorted({items[i].event.sentence for pair in pairs for i in pair})
    vectors = encoder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    row = {t: n for n, t in enumerate(texts)}
    same_t, cross_t = encoder.thresholds
    links: list[tuple[float, int, int]] = []
    for i, j in pairs:
        sim = float(vectors[row[items[i].event.sentence]] @ vectors[row[items[j].event.sentence]])
        if sim > (same_t if _lang(items[i]) == _lang(items[j]) else cross_t):
            links.append((sim, i, j))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))

    parent = list(range(len(items)))
    groups = {i: _Group(source=it.source_key, target=it.target_key, weapon=it.weapon, mood=it.mood, lo=it.lo, hi=it.hi,
                        sentences={(it.event.article_id, it.event.sentence_index)}) for i, it in enumerate(items)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    graph = nx.Graph()
    graph.add_nodes_from(range(len(items)))
    for sim, i, j in links:
        ri, rj = root(i), root(j)
        if ri == rj:
            graph.add_edge(i, j, similarity=sim)
            continue
        a, b = groups[ri], groups[rj]
        lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
        if not (_agree(a.source, b.source) and _agree(a.target, b.target) and _agree(a.weapon, b.weapon)
                and _agree(a.mood, b.mood) and _overlap(lo, hi) and not (a.sentences & b.sentences)):
            continue
        parent[rj] = ri
        groups[ri] = _Group(source=a.source or b.source, target=a.target or b.target, weapon=a.weapon or b.weapon,
                            mood=a.mood or b.mood, lo=lo, hi=hi, sentences=a.sentences | b.sentences)
        del groups[rj]
        graph.add_edge(i, j, similarity=sim)

    by_event: dict[str, list[Claim]] = {}
    for claim in claims:
        for event_id in claim.event_ids:
            by_event.setdefault(event_id, []).append(claim)
    merged = []
    for component in nx.connected_components(graph):
        members = sorted(component)  # items are sorted, so the first index is the earliest report
        best = {i: max((d["similarity"] for _, _, d in graph.edges(i, data=True)), default=None) for i in members}
        merged.append(_merged([items[i] for i in members], [best[i] for i in members], by_event, encoder.name))
    return sorted(merged, key=lambda m: (m.first_report or dt.date.max, m.id))


def _lang(item: _Item) -> str | None:
    return item.article.lang if item.article is not None else None


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


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


def _merged(items: list[_Item], best: list[float | None], by_event: dict[str, list[Claim]],
            encoder: str) -> MergedEvent:
    claims: dict[str, Claim] = {}
    reports = []
    for item, similarity in zip(items, best, strict=True):
        e, a = item.event, item.article
        linked = by_event.get(e.id, [])
        claims.update((c.id, c) for c in linked)
        reports.append(Report(
            event_id=e.id, article_id=e.article_id, title=a.title if a else None, outlet=a.outlet if a else None,
            lang=a.lang if a else None, article_date=a.date if a else None, date=e.date,
            date_qualifier=e.date_qualifier, source=e.source, target=e.target, instrument=e.instrument,
            modality=e.modality, negated=e.negated, sentence_index=e.sentence_index, sentence=e.sentence,
            similarity=similarity,
            claims=[ReportClaim(id=c.id, attributed_to=c.attributed_to, cites=c.cites, status=c.status)
                    for c in linked]))
    status, denials = merged_status(claims[k] for k in sorted(claims))
    report_days = sorted({day for r in reports if (day := r.article_date or r.date) is not None})
    on_dates = Counter(r.date for r in reports if r.date and (r.date_qualifier or "on") == "on")
    return MergedEvent(
        id=merged_event_id(items[0].event.id), plover=items[0].event.plover,
        source=_most_common(r.source for r in reports), target=_most_common(r.target for r in reports),
        source_country=_most_common(i.event.source_country for i in items),
        target_country=_most_common(i.event.target_country for i in items),
        date=min(on_dates, key=lambda d: (-on_dates[d], d)) if on_dates else None,
        first_report=report_days[0] if report_days else None, last_report=report_days[-1] if report_days else None,
        languages=sorted({r.lang for r in reports if r.lang}), outlets=sorted({r.outlet for r in reports if r.outlet}),
        articles=len({r.article_id for r in reports}), status=status, denials=denials, encoder=encoder,
        reports=reports)


# -- the store --------------------------------------------------------------------------------------
def fingerprint(event_ids: Iterable[str]) -> str:
    """What the merge tables were built from: sha256 of the sorted event ids."""
    return hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()


def _event_ids(conn) -> list[str]:
    """What the merged events were built from: the events not marked wrong, and the corrections made."""
    wrong = wrong_ids(conn)
    mark = correction_mark(conn)
    return [*(i for i in conn.execute(select(schema.events.c.id)).scalars() if i not in wrong), *([mark] if mark else [])]


def _articles(conn) -> dict[str, Article]:
    rows = conn.execute(select(schema.articles))
    return {r.id: Article(**{k: v for k, v in r._mapping.items() if k != "ingested_at"}) for r in rows}


def _specific_weapons(conn) -> frozenset[str]:
    a = schema.actors
    return frozenset(conn.execute(select(a.c.id).where(a.c.type == "weapon", a.c.country.is_not(None))).scalars())


def rebuild(store: Store, encoder: SentenceEncoder, window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Recompute every merged event of the store in one transaction (running it twice changes nothing)."""
    try:
        with store.engine.begin() as conn:
            wrong = wrong_ids(conn)  # an event an analyst marked wrong reports nothing
            events = [e for e in store.events(_conn=conn) if e.id not in wrong]
            merged = merge_events(events, _articles(conn), store.claims(_conn=conn), encoder,
                                  _specific_weapons(conn), window_days)
            corrections = correction_mark(conn)
            mark = fingerprint([*(e.id for e in events), *([corrections] if corrections else [])])
            conn.execute(delete(schema.merged_event_members))
            conn.execute(delete(schema.merged_events))
            if merged:
                conn.execute(schema.merged_events.insert(), [_row(m, mark) for m in merged])
                conn.execute(schema.merged_event_members.insert(), [
                    {"merged_event_id": m.id, "event_id": r.event_id, "similarity": r.similarity}
                    for m in merged for r in m.reports])
    except SQLAlchemyError as error:
        raise StoreError(f"{store.label}: cannot write merged events ({error})") from error
    return merged


def _row(m: MergedEvent, mark: str) -> dict:
    return {"id": m.id, "plover": m.plover.value, "source": m.source, "target": m.target,
            "source_country": m.source_country, "target_country": m.target_country, "date": m.date,
            "first_report": m.first_report, "last_report": m.last_report, "reports": len(m.reports),
            "articles": m.articles, "languages": m.languages, "outlets": m.outlets, "status": m.status.value,
            "denials": [d.model_dump() for d in m.denials], "encoder": m.encoder, "fingerprint": mark}


def is_stale(store: Store, encoder_name: str | None = None) -> bool:
    """True when the merge tables were not built from the events now stored (or by another encoder)."""
    with store.engine.connect() as conn:
        built = conn.execute(select(schema.merged_events.c.fingerprint, schema.merged_events.c.encoder).limit(1)).first()
        ids = _event_ids(conn)
    if built is None:
        return bool(ids)
    return built.fingerprint != fingerprint(ids) or (encoder_name is not None and built.encoder != encoder_name)


def ensure_current(store: Store, load_encoder: Callable[[], SentenceEncoder],
                   encoder_name: str | None = None) -> bool:
    """Rebuild if stale; the encoder is loaded only then. True if a rebuild ran."""
    if not is_stale(store, encoder_name):
        return False
    rebuild(store, load_encoder())
    return True


def load(store: Store, ids: Sequence[str] | None = None) -> list[MergedEvent]:
    """Merged events as stored (all, or those with the given merged ids), each with its reports."""
    me, mm = schema.merged_events, schema.merged_event_members
    with store.engine.connect() as conn:
        query = select(me)
        if ids is not None:
            query = query.where(me.c.id.in_(list(ids)))
        rows = list(conn.execute(query))
        members: dict[str, dict[str, float | None]] = {}
        for r in conn.execute(select(mm).where(mm.c.merged_event_id.in_([row.id for row in rows]))):
            members.setdefault(r.merged_event_id, {})[r.event_id] = r.similarity
        wanted = {e for m in members.values() for e in m}
        events = {e.id: e for e in store.events(_conn=conn) if e.id in wanted}
        articles = _articles(conn)
        by_event: dict[str, list[Claim]] = {}
        for claim in store.claims(_conn=conn):
            for event_id in claim.event_ids:
                if event_id in wanted:
                    by_event.setdefault(event_id, []).append(claim)
    out = []
    for row in rows:
        sims = members.get(row.id, {})
        items = sorted((_Item(event=events[e], article=articles.get(events[e].article_id), lo=0, hi=0,
                              source_key=None, target_key=None, weapon=None, mood=None) for e in sims if e in events), key=_order)
        built = _merged(items, [sims[i.event.id] for i in items], by_event, row.encoder) if items else None
        out.append(MergedEvent(
            id=row.id, plover=row.plover, source=row.source, target=row.target, source_country=row.source_country,
            target_country=row.target_country, date=row.date, first_report=row.first_report,
            last_report=row.last_report, languages=row.languages, outlets=row.outlets, articles=row.articles,
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
